//! The CDK cloud assembly: `manifest.json`, one `<Stack>.template.json` per stack part and, in
//! the bootstrapped form, one `<Stack>.assets.json` per part, built one part at a time into a
//! [`Sink`]: memory ([`Assembly`]) or the new directory of an atomic write
//! ([`WrittenAssembly`], see [`write`](super::write)).

use std::collections::BTreeMap;

use crate::Error;
use crate::synth::form::{
    AssemblyForm, BOOTSTRAP_VERSION, LOOKUP_ROLE_BOOTSTRAP_VERSION, bucket, role, ssm_parameter,
};
use crate::synth::manifest::{
    Artifact, ArtifactProperties, AssetManifest, AssetManifestProperties, BootstrapRole,
    DESTINATION, ENVIRONMENT, FileAsset, FileDestination, FileSource, MANIFEST_VERSION, Manifest,
    StackProperties,
};
use crate::synth::sha256::sha256_hex;
use crate::synth::split::Part;
use crate::synth::template::{self, Template};
use crate::synth::write::{Staging, Steps};

/// One stack of an assembly: a whole [`Stack`](crate::Stack), or one part of a split one.
///
/// A template holds at most [`MAX_RESOURCES`](crate::template::MAX_RESOURCES) resources, [`MAX_OUTPUTS`](crate::template::MAX_OUTPUTS) outputs and
/// [`MAX_TEMPLATE_BYTES`](crate::template::MAX_TEMPLATE_BYTES) bytes. Every profile is one resource and one output (its ARN), so the
/// output limit binds first: a stack of more than 200 profiles becomes several stacks, named
/// `<Stack>`, `<Stack>Part2`, `<Stack>Part3`, ... In the minimal assembly form the byte limit
/// is the 51,200 bytes a template sent inline may have.
///
/// - Profiles are packed in logical-ID order, each part as full as the limits allow. Every
///   profile lands in exactly one part; nothing is dropped.
/// - The first part holds the instance: the `AWS::Connect::Instance` resource (or the
///   `InstanceArn` parameter) and an output exporting its ARN as `<Stack>:InstanceArn`; later
///   parts take it with `Fn::ImportValue`. An existing instance's ARN is written into every
///   part.
/// - In the manifest every part depends on the one before, so `cdk deploy` deploys them in
///   order (and the export exists before it is imported).
///
/// Moving a profile from one part to another (which happens when profiles are added or removed
/// before it in ID order) replaces it: CloudFormation deletes it from one stack and creates it
/// in the other. `cdk deploy` handles it, but users assigned to the profile must be assigned
/// again, so keep stacks under 200 profiles where that matters. A part that disappears is not
/// deleted by `cdk deploy`; `cdk destroy <Stack>PartN` does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackPart {
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

/// A cloud assembly in memory: what [`App::assembly`](crate::App::assembly) returns, and
/// exactly what [`App::synth`](crate::App::synth) writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembly {
    /// `manifest.json`.
    pub manifest: Manifest,
    /// Every stack part, stacks in the order they were made, parts in order.
    pub stacks: Vec<StackPart>,
    /// Every file by name, with its exact content.
    pub files: BTreeMap<String, String>,
}

impl Assembly {
    /// The template of `part`, read from its file.
    ///
    /// # Panics
    ///
    /// When `part` is not a part of this assembly.
    pub fn template(&self, part: &StackPart) -> Template {
        let json = self
            .files
            .get(&part.template_file)
            .unwrap_or_else(|| panic!("{} is not a part of this assembly", part.id));
        Template::read_back(json)
    }

    /// Writes the assembly to `dir` atomically, without syncing it to disk, as
    /// [`App::synth`](crate::App::synth) does.
    pub fn write_to(&self, dir: impl AsRef<std::path::Path>) -> Result<(), Error> {
        crate::synth::write::write_assembly(dir.as_ref(), &self.files, false)
    }
}

/// What [`App::synth`](crate::App::synth) wrote: the manifest, the stack parts, and the names
/// and sizes of the files. The templates themselves are on disk only;
/// [`App::assembly`](crate::App::assembly) gives the same bytes in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenAssembly {
    /// `manifest.json`.
    pub manifest: Manifest,
    /// Every stack part, stacks in the order they were made, parts in order.
    pub stacks: Vec<StackPart>,
    /// The size in bytes of every file written, by name.
    pub files: BTreeMap<String, usize>,
}

/// Where the files of an assembly go as they are made.
pub(crate) trait Sink {
    /// One file, by its name in the assembly.
    fn file(&mut self, name: &str, content: String) -> Result<(), Error>;
}

/// The manifest and the list of parts, built a part at a time while the parts' files go to a
/// [`Sink`].
pub(crate) struct Builder {
    form: AssemblyForm,
    manifest: Manifest,
    stacks: Vec<StackPart>,
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
            stacks: Vec::new(),
            previous: None,
        }
    }

    /// Writes the parts of one stack, one after the other, into `sink`.
    pub(crate) fn stack(
        &mut self,
        stack: &str,
        parts: Vec<Part<'_>>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        self.previous = None;
        for mut part in parts {
            let json = part.json()?;
            let (template_file, template_sha256) = self.files(&part.name, json, sink)?;
            self.stacks.push(StackPart {
                resources: part.resources(),
                profiles: part
                    .profiles
                    .iter()
                    .map(|(_, p)| p.name().to_owned())
                    .collect(),
                id: part.name,
                stack: stack.to_owned(),
                part: part.number,
                of: part.of,
                template_file,
                template_sha256,
            });
        }
        Ok(())
    }

    fn files(
        &mut self,
        name: &str,
        json: String,
        sink: &mut impl Sink,
    ) -> Result<(String, String), Error> {
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
        Ok((template_file, sha))
    }

    /// Writes `manifest.json` into `sink`, last; the manifest and the parts.
    pub(crate) fn finish(self, sink: &mut impl Sink) -> Result<(Manifest, Vec<StackPart>), Error> {
        sink.file("manifest.json", template::to_json(&self.manifest))?;
        Ok((self.manifest, self.stacks))
    }
}

/// The [`Sink`] of [`App::assembly`](crate::App::assembly): every file in memory.
#[derive(Default)]
pub(crate) struct InMemory {
    pub files: BTreeMap<String, String>,
}

impl Sink for InMemory {
    fn file(&mut self, name: &str, content: String) -> Result<(), Error> {
        self.files.insert(name.to_owned(), content);
        Ok(())
    }
}

/// The [`Sink`] of [`App::synth`](crate::App::synth): each file written as it comes, and
/// only its name and size kept.
pub(crate) struct ToDisk<'s, S: Steps> {
    pub staging: Staging<'s, S>,
    pub files: BTreeMap<String, usize>,
}

impl<S: Steps> Sink for ToDisk<'_, S> {
    fn file(&mut self, name: &str, content: String) -> Result<(), Error> {
        self.staging.write(name, content.as_bytes())?;
        self.files.insert(name.to_owned(), content.len());
        Ok(())
    }
}
