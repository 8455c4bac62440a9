//! The files of a CDK cloud assembly besides the templates, as typed data: `manifest.json`
//! and, in the bootstrapped form, one `<Stack>.assets.json` per stack.

use std::collections::BTreeMap;

use crate::synth::json::serialize_fields;

/// The cloud assembly schema version written in `manifest.json` (the CDK CLI 2.1148 reads up
/// to 55).
pub const MANIFEST_VERSION: &str = "55.0.0";
/// The environment of every stack: account and region are the CLI's (environment-agnostic).
pub const ENVIRONMENT: &str = "aws://unknown-account/unknown-region";
/// The asset destination key of an environment-agnostic stack.
pub(crate) const DESTINATION: &str = "current_account-current_region";

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The schema version, [`MANIFEST_VERSION`].
    pub version: String,
    /// The artifacts by ID: one per stack part, and one asset manifest per part in the
    /// bootstrapped form.
    pub artifacts: BTreeMap<String, Artifact>,
}

/// One artifact of the [`Manifest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// `aws:cloudformation:stack` or `cdk:asset-manifest`.
    pub artifact_type: String,
    /// [`ENVIRONMENT`] for stacks.
    pub environment: Option<String>,
    /// What the artifact is.
    pub properties: ArtifactProperties,
    /// The artifacts to deploy first.
    pub dependencies: Vec<String>,
    /// The name the CLI shows.
    pub display_name: Option<String>,
}

/// The `properties` of an [`Artifact`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArtifactProperties {
    /// Of a stack.
    Stack(StackProperties),
    /// Of an asset manifest.
    AssetManifest(AssetManifestProperties),
}

/// The properties of a stack artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackProperties {
    /// `<Stack>.template.json`.
    pub template_file: String,
    /// The bootstrap deploy role.
    pub assume_role_arn: Option<String>,
    /// The bootstrap CloudFormation execution role.
    pub cloud_formation_execution_role_arn: Option<String>,
    /// The bootstrap lookup role, which `cdk diff` uses to read the deployed template.
    pub lookup_role: Option<BootstrapRole>,
    /// Where the asset manifest uploads the template.
    pub stack_template_asset_object_url: Option<String>,
    /// [`BOOTSTRAP_VERSION`](crate::manifest::BOOTSTRAP_VERSION).
    pub requires_bootstrap_stack_version: Option<u32>,
    /// The SSM parameter holding the bootstrap version.
    pub bootstrap_stack_version_ssm_parameter: Option<String>,
}

/// A bootstrap role with the bootstrap version it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BootstrapRole {
    /// The role.
    pub arn: String,
    /// The bootstrap version that has it.
    pub requires_bootstrap_stack_version: u32,
    /// The SSM parameter holding the bootstrap version.
    pub bootstrap_stack_version_ssm_parameter: String,
}

/// The properties of an asset manifest artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetManifestProperties {
    /// `<Stack>.assets.json`.
    pub file: String,
    /// [`BOOTSTRAP_VERSION`](crate::manifest::BOOTSTRAP_VERSION).
    pub requires_bootstrap_stack_version: u32,
    /// The SSM parameter holding the bootstrap version.
    pub bootstrap_stack_version_ssm_parameter: String,
}

/// `<Stack>.assets.json`: the template as a file asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetManifest {
    /// [`MANIFEST_VERSION`].
    pub version: String,
    /// The files, by the SHA-256 of their bytes.
    pub files: BTreeMap<String, FileAsset>,
    /// Always empty.
    pub docker_images: BTreeMap<String, serde_json::Value>,
}

/// A file of an [`AssetManifest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAsset {
    /// `<Stack> Template`.
    pub display_name: String,
    /// The file in the assembly.
    pub source: FileSource,
    /// Where it is uploaded.
    pub destinations: BTreeMap<String, FileDestination>,
}

/// The source of a [`FileAsset`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSource {
    /// Relative to the assembly.
    pub path: String,
    /// `file`.
    pub packaging: String,
}

/// Where a [`FileAsset`] is uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDestination {
    /// The bootstrap bucket.
    pub bucket_name: String,
    /// `<sha256>.json`.
    pub object_key: String,
    /// The bootstrap file-publishing role.
    pub assume_role_arn: String,
}

// The JSON form: the cloud assembly schema's camelCase keys, optional ones left out when empty.

serialize_fields!(Manifest {
    "version" => always version,
    "artifacts" => always artifacts,
});
serialize_fields!(Artifact {
    "type" => always artifact_type,
    "environment" => if_written environment,
    "properties" => always properties,
    "dependencies" => if_written dependencies,
    "displayName" => if_written display_name,
});
serialize_fields!(StackProperties {
    "templateFile" => always template_file,
    "assumeRoleArn" => if_written assume_role_arn,
    "cloudFormationExecutionRoleArn" => if_written cloud_formation_execution_role_arn,
    "lookupRole" => if_written lookup_role,
    "stackTemplateAssetObjectUrl" => if_written stack_template_asset_object_url,
    "requiresBootstrapStackVersion" => if_written requires_bootstrap_stack_version,
    "bootstrapStackVersionSsmParameter" => if_written bootstrap_stack_version_ssm_parameter,
});
serialize_fields!(BootstrapRole {
    "arn" => always arn,
    "requiresBootstrapStackVersion" => always requires_bootstrap_stack_version,
    "bootstrapStackVersionSsmParameter" => always bootstrap_stack_version_ssm_parameter,
});
serialize_fields!(AssetManifestProperties {
    "file" => always file,
    "requiresBootstrapStackVersion" => always requires_bootstrap_stack_version,
    "bootstrapStackVersionSsmParameter" => always bootstrap_stack_version_ssm_parameter,
});
serialize_fields!(AssetManifest {
    "version" => always version,
    "files" => always files,
    "dockerImages" => always docker_images,
});
serialize_fields!(FileAsset {
    "displayName" => always display_name,
    "source" => always source,
    "destinations" => always destinations,
});
serialize_fields!(FileSource {
    "path" => always path,
    "packaging" => always packaging,
});
serialize_fields!(FileDestination {
    "bucketName" => always bucket_name,
    "objectKey" => always object_key,
    "assumeRoleArn" => always assume_role_arn,
});

impl serde_core::Serialize for ArtifactProperties {
    fn serialize<S: serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ArtifactProperties::Stack(p) => p.serialize(serializer),
            ArtifactProperties::AssetManifest(p) => p.serialize(serializer),
        }
    }
}
