//! The CDK cloud assembly: `manifest.json`, one `<Stack>.template.json` per stack and, in the
//! bootstrapped form, one `<Stack>.assets.json` per stack.
//!
//! The bootstrapped form is what the AWS CDK's default synthesizer writes (bootstrap version 6,
//! qualifier `hnb659fds`): the CDK CLI uploads each template to the bootstrap bucket and deploys
//! it from there with the bootstrap roles, so templates up to 1,000,000 bytes deploy. Each
//! template gains the `BootstrapVersion` parameter and the `CheckBootstrapVersion` rule, each
//! stack an asset manifest that lists its template under the SHA-256 of the template's bytes.
//! Run `cdk bootstrap` once per account and region.
//!
//! The minimal form has none of that: the CLI sends the template itself with the request,
//! which CloudFormation accepts up to 51,200 bytes (about 25 profiles of 40 permissions), and
//! no bootstrap is needed. Stacks are split at that size instead of 1,000,000 bytes (see
//! [`split`](mod@crate::synth::split)), so it suits small stacks; a single profile over
//! 51,200 bytes is an error ([`Error::TemplateTooLarge`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::synth::logical_id::sha256_hex;
use crate::synth::split::Planned;
use crate::synth::template::{self, Assertion, Parameter, Template, TemplateRule};
use crate::synth::write::{Staging, Steps};
use crate::{Error, SecurityProfile};

/// The cloud assembly schema version written in `manifest.json` (the CDK CLI 2.1148 reads up
/// to 55).
pub const MANIFEST_VERSION: &str = "55.0.0";
/// The environment of every stack: account and region are the CLI's (environment-agnostic).
pub const ENVIRONMENT: &str = "aws://unknown-account/unknown-region";
/// The bootstrap qualifier of the CDK's default bootstrap stack.
pub const BOOTSTRAP_QUALIFIER: &str = "hnb659fds";
/// The bootstrap stack version the bootstrapped form needs.
pub const BOOTSTRAP_VERSION: u32 = 6;
/// The bootstrap version the lookup role (used by `cdk diff`) needs.
pub const LOOKUP_ROLE_BOOTSTRAP_VERSION: u32 = 8;
/// The largest template the CDK CLI can send inline (the minimal form).
pub const MAX_MINIMAL_TEMPLATE_BYTES: usize = 51_200;
/// The asset destination key of an environment-agnostic stack.
const DESTINATION: &str = "current_account-current_region";

/// How `synth` writes the assembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AssemblyForm {
    /// What the AWS CDK's default synthesizer writes; needs `cdk bootstrap` once. The default.
    #[default]
    Bootstrapped,
    /// Templates only, deployed inline: no bootstrap, at most 51,200 bytes per template
    /// (larger stacks are split at that size).
    Minimal,
}

fn ssm_parameter() -> String {
    format!("/cdk-bootstrap/{BOOTSTRAP_QUALIFIER}/version")
}

fn role(kind: &str) -> String {
    format!(
        "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:role/cdk-{BOOTSTRAP_QUALIFIER}-{kind}-role-${{AWS::AccountId}}-${{AWS::Region}}"
    )
}

fn bucket() -> String {
    format!("cdk-{BOOTSTRAP_QUALIFIER}-assets-${{AWS::AccountId}}-${{AWS::Region}}")
}

/// Adds the `BootstrapVersion` parameter and the `CheckBootstrapVersion` rule, as the CDK's
/// default synthesizer does.
pub(crate) fn add_bootstrap_check(template: &mut Template) {
    template.parameters.insert(
        "BootstrapVersion".to_owned(),
        Parameter {
            parameter_type: "AWS::SSM::Parameter::Value<String>".to_owned(),
            default: Some(ssm_parameter()),
            description: Some(
                "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]"
                    .to_owned(),
            ),
            allowed_pattern: None,
            constraint_description: None,
        },
    );
    let older: Vec<serde_json::Value> = (1..BOOTSTRAP_VERSION)
        .map(|v| serde_json::Value::String(v.to_string()))
        .collect();
    template.rules.insert(
        "CheckBootstrapVersion".to_owned(),
        TemplateRule {
            assertions: vec![Assertion {
                assert: serde_json::json!({
                    "Fn::Not": [{"Fn::Contains": [older, {"Ref": "BootstrapVersion"}]}]
                }),
                assert_description: format!(
                    "CDK bootstrap stack version {BOOTSTRAP_VERSION} required. Please run 'cdk bootstrap' with a recent version of the CDK CLI."
                ),
            }],
        },
    );
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The schema version, [`MANIFEST_VERSION`].
    pub version: String,
    /// The artifacts by ID: one per stack part, and one asset manifest per part in the
    /// bootstrapped form.
    pub artifacts: BTreeMap<String, Artifact>,
}

/// One artifact of the [`Manifest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artifact {
    /// `aws:cloudformation:stack` or `cdk:asset-manifest`.
    #[serde(rename = "type")]
    pub artifact_type: String,
    /// [`ENVIRONMENT`] for stacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// What the artifact is.
    pub properties: ArtifactProperties,
    /// The artifacts to deploy first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<String>,
    /// The name the CLI shows.
    #[serde(
        rename = "displayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
}

/// The `properties` of an [`Artifact`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ArtifactProperties {
    /// Of a stack.
    Stack(StackProperties),
    /// Of an asset manifest.
    AssetManifest(AssetManifestProperties),
}

/// The properties of a stack artifact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StackProperties {
    /// `<Stack>.template.json`.
    pub template_file: String,
    /// The bootstrap deploy role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume_role_arn: Option<String>,
    /// The bootstrap CloudFormation execution role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_formation_execution_role_arn: Option<String>,
    /// The bootstrap lookup role, which `cdk diff` uses to read the deployed template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookup_role: Option<BootstrapRole>,
    /// Where the asset manifest uploads the template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_template_asset_object_url: Option<String>,
    /// [`BOOTSTRAP_VERSION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_bootstrap_stack_version: Option<u32>,
    /// The SSM parameter holding the bootstrap version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bootstrap_stack_version_ssm_parameter: Option<String>,
}

/// A bootstrap role with the bootstrap version it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BootstrapRole {
    /// The role.
    pub arn: String,
    /// The bootstrap version that has it.
    pub requires_bootstrap_stack_version: u32,
    /// The SSM parameter holding the bootstrap version.
    pub bootstrap_stack_version_ssm_parameter: String,
}

/// The properties of an asset manifest artifact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetManifestProperties {
    /// `<Stack>.assets.json`.
    pub file: String,
    /// [`BOOTSTRAP_VERSION`].
    pub requires_bootstrap_stack_version: u32,
    /// The SSM parameter holding the bootstrap version.
    pub bootstrap_stack_version_ssm_parameter: String,
}

/// `<Stack>.assets.json`: the template as a file asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetManifest {
    /// [`MANIFEST_VERSION`].
    pub version: String,
    /// The files, by the SHA-256 of their bytes.
    pub files: BTreeMap<String, FileAsset>,
    /// Always empty.
    pub docker_images: BTreeMap<String, serde_json::Value>,
}

/// A file of an [`AssetManifest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileAsset {
    /// `<Stack> Template`.
    pub display_name: String,
    /// The file in the assembly.
    pub source: FileSource,
    /// Where it is uploaded.
    pub destinations: BTreeMap<String, FileDestination>,
}

/// The source of a [`FileAsset`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSource {
    /// Relative to the assembly.
    pub path: String,
    /// `file`.
    pub packaging: String,
}

/// Where a [`FileAsset`] is uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileDestination {
    /// The bootstrap bucket.
    pub bucket_name: String,
    /// `<sha256>.json`.
    pub object_key: String,
    /// The bootstrap file-publishing role.
    pub assume_role_arn: String,
}

/// One stack (or part of a split stack) of an [`Assembly`].
#[derive(Debug, Clone, PartialEq)]
pub struct SynthesizedStack {
    /// The artifact ID and CloudFormation stack name: `<Stack>` or `<Stack>Part<N>`.
    pub id: String,
    /// The name of the [`Stack`](crate::Stack) it comes from.
    pub stack: String,
    /// 1 for the first part.
    pub part: usize,
    /// How many parts the stack has.
    pub of: usize,
    /// The template.
    pub template: Template,
    /// `<id>.template.json`.
    pub template_file: String,
    /// The SHA-256 of the template file's bytes, in hex.
    pub template_sha256: String,
    /// The profiles in this part, in logical-ID order.
    pub profiles: Vec<SecurityProfile>,
}

/// A cloud assembly in memory: what [`App::assembly`](crate::App::assembly) returns, and
/// exactly what [`App::synth`](crate::App::synth) writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembly {
    /// `manifest.json`.
    pub manifest: Manifest,
    /// Every stack part, stacks in the order they were made, parts in order.
    pub stacks: Vec<SynthesizedStack>,
    /// Every file by name, with its exact content.
    pub files: BTreeMap<String, String>,
}

impl Assembly {
    /// Writes the assembly to `dir` atomically, without syncing it to disk (see
    /// [`synth::write`](mod@crate::synth::write)).
    pub fn write_to(&self, dir: impl AsRef<std::path::Path>) -> Result<(), Error> {
        crate::synth::write::write_assembly(dir.as_ref(), &self.files, false)
    }
}

/// What [`App::synth`](crate::App::synth) wrote: the manifest, and the names, sizes and hashes
/// of the files. The templates themselves are on disk only; [`App::assembly`](crate::App::assembly)
/// gives the same bytes in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenAssembly {
    /// `manifest.json`.
    pub manifest: Manifest,
    /// Every stack part, stacks in the order they were made, parts in order.
    pub stacks: Vec<WrittenStack>,
    /// The size in bytes of every file written, by name.
    pub files: BTreeMap<String, usize>,
}

/// One stack (or part of a split stack) of a [`WrittenAssembly`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenStack {
    /// The artifact ID and CloudFormation stack name: `<Stack>` or `<Stack>Part<N>`.
    pub id: String,
    /// The name of the [`Stack`](crate::Stack) it comes from.
    pub stack: String,
    /// 1 for the first part.
    pub part: usize,
    /// How many parts the stack has.
    pub of: usize,
    /// `<id>.template.json`.
    pub template_file: String,
    /// The SHA-256 of the template file's bytes, in hex.
    pub template_sha256: String,
    /// How many resources the template holds.
    pub resources: usize,
    /// The names of the profiles in this part, in logical-ID order.
    pub profiles: Vec<String>,
}

/// Where the files of an assembly go as they are made: into memory ([`Assembly`]) or into
/// the new directory of a write ([`WrittenAssembly`]).
pub(crate) trait Sink {
    /// One file, by its name in the assembly.
    fn file(&mut self, name: &str, content: String) -> Result<(), Error>;
    /// One stack part, after its files.
    fn part(&mut self, stack: &str, part: &Planned<'_>, files: PartFiles) -> Result<(), Error>;
}

/// The names and hash of a part's files.
pub(crate) struct PartFiles {
    pub template_file: String,
    pub template_sha256: String,
}

/// The manifest, built a part at a time while the parts' files go to a [`Sink`].
pub(crate) struct Builder {
    form: AssemblyForm,
    manifest: Manifest,
    /// The part before, in the stack being built.
    previous: Option<String>,
}

impl Builder {
    pub(crate) fn new(form: AssemblyForm) -> Builder {
        Builder {
            form,
            manifest: Manifest {
                version: MANIFEST_VERSION.to_owned(),
                artifacts: BTreeMap::new(),
            },
            previous: None,
        }
    }

    /// Renders the parts of one stack, one after the other, into `sink`.
    pub(crate) fn stack(
        &mut self,
        stack: &str,
        parts: Vec<Planned<'_>>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        self.previous = None;
        for mut part in parts {
            let json = part.json()?;
            let files = self.part(&part.name, json, sink)?;
            sink.part(stack, &part, files)?;
        }
        Ok(())
    }

    fn part(&mut self, name: &str, json: String, sink: &mut impl Sink) -> Result<PartFiles, Error> {
        let sha = sha256_hex(json.as_bytes());
        let template_file = format!("{name}.template.json");
        let mut dependencies: Vec<String> = self.previous.iter().cloned().collect();
        let mut properties = StackProperties {
            template_file: template_file.clone(),
            assume_role_arn: None,
            cloud_formation_execution_role_arn: None,
            lookup_role: None,
            stack_template_asset_object_url: None,
            requires_bootstrap_stack_version: None,
            bootstrap_stack_version_ssm_parameter: None,
        };
        if self.form == AssemblyForm::Bootstrapped {
            let assets_id = format!("{name}.assets");
            let assets_file = format!("{assets_id}.json");
            let assets = AssetManifest {
                version: MANIFEST_VERSION.to_owned(),
                files: BTreeMap::from([(
                    sha.clone(),
                    FileAsset {
                        display_name: format!("{name} Template"),
                        source: FileSource {
                            path: template_file.clone(),
                            packaging: "file".to_owned(),
                        },
                        destinations: BTreeMap::from([(
                            DESTINATION.to_owned(),
                            FileDestination {
                                bucket_name: bucket(),
                                object_key: format!("{sha}.json"),
                                assume_role_arn: role("file-publishing"),
                            },
                        )]),
                    },
                )]),
                docker_images: BTreeMap::new(),
            };
            sink.file(&assets_file, template::to_json(&assets))?;
            self.manifest.artifacts.insert(
                assets_id.clone(),
                Artifact {
                    artifact_type: "cdk:asset-manifest".to_owned(),
                    environment: None,
                    properties: ArtifactProperties::AssetManifest(AssetManifestProperties {
                        file: assets_file,
                        requires_bootstrap_stack_version: BOOTSTRAP_VERSION,
                        bootstrap_stack_version_ssm_parameter: ssm_parameter(),
                    }),
                    dependencies: Vec::new(),
                    display_name: None,
                },
            );
            properties.assume_role_arn = Some(role("deploy"));
            properties.cloud_formation_execution_role_arn = Some(role("cfn-exec"));
            properties.lookup_role = Some(BootstrapRole {
                arn: role("lookup"),
                requires_bootstrap_stack_version: LOOKUP_ROLE_BOOTSTRAP_VERSION,
                bootstrap_stack_version_ssm_parameter: ssm_parameter(),
            });
            properties.stack_template_asset_object_url =
                Some(format!("s3://{}/{sha}.json", bucket()));
            properties.requires_bootstrap_stack_version = Some(BOOTSTRAP_VERSION);
            properties.bootstrap_stack_version_ssm_parameter = Some(ssm_parameter());
            dependencies.insert(0, assets_id);
        }
        self.manifest.artifacts.insert(
            name.to_owned(),
            Artifact {
                artifact_type: "aws:cloudformation:stack".to_owned(),
                environment: Some(ENVIRONMENT.to_owned()),
                properties: ArtifactProperties::Stack(properties),
                dependencies,
                display_name: Some(name.to_owned()),
            },
        );
        sink.file(&template_file, json)?;
        self.previous = Some(name.to_owned());
        Ok(PartFiles {
            template_file,
            template_sha256: sha,
        })
    }

    /// Writes `manifest.json` into `sink`, last, and returns the manifest.
    pub(crate) fn finish(self, sink: &mut impl Sink) -> Result<Manifest, Error> {
        sink.file("manifest.json", template::to_json(&self.manifest))?;
        Ok(self.manifest)
    }
}

/// The [`Sink`] of [`App::assembly`](crate::App::assembly): everything in memory.
#[derive(Default)]
pub(crate) struct InMemory {
    pub stacks: Vec<SynthesizedStack>,
    pub files: BTreeMap<String, String>,
}

impl Sink for InMemory {
    fn file(&mut self, name: &str, content: String) -> Result<(), Error> {
        self.files.insert(name.to_owned(), content);
        Ok(())
    }

    fn part(&mut self, stack: &str, part: &Planned<'_>, files: PartFiles) -> Result<(), Error> {
        self.stacks.push(SynthesizedStack {
            id: part.name.clone(),
            stack: stack.to_owned(),
            part: part.number,
            of: part.of,
            template: part.template(),
            template_file: files.template_file,
            template_sha256: files.template_sha256,
            profiles: part.profiles.iter().map(|(_, p)| (*p).clone()).collect(),
        });
        Ok(())
    }
}

/// The [`Sink`] of [`App::synth`](crate::App::synth): each file written as it comes, and
/// only its name and size kept.
pub(crate) struct ToDisk<'s, S: Steps> {
    pub staging: Staging<'s, S>,
    pub stacks: Vec<WrittenStack>,
    pub files: BTreeMap<String, usize>,
}

impl<S: Steps> Sink for ToDisk<'_, S> {
    fn file(&mut self, name: &str, content: String) -> Result<(), Error> {
        self.staging.write(name, content.as_bytes())?;
        self.files.insert(name.to_owned(), content.len());
        Ok(())
    }

    fn part(&mut self, stack: &str, part: &Planned<'_>, files: PartFiles) -> Result<(), Error> {
        self.stacks.push(WrittenStack {
            id: part.name.clone(),
            stack: stack.to_owned(),
            part: part.number,
            of: part.of,
            template_file: files.template_file,
            template_sha256: files.template_sha256,
            resources: part.resources(),
            profiles: part
                .profiles
                .iter()
                .map(|(_, p)| p.name().to_owned())
                .collect(),
        });
        Ok(())
    }
}
