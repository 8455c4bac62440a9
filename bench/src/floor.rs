//! The floor: the bytes `App::synth` writes for a job, produced by `serde_json` straight from
//! the job's data, with no model in between (no `SecurityProfile`, no `Template`, no
//! validation). Whatever synthesis costs beyond this is the cost of switchboard's model.
//!
//! The output is streamed through serde's `SerializeMap` rather than built as a
//! `serde_json::Value`: a `Value` map sorts its keys (serde_json without `preserve_order`),
//! while CloudFormation templates and CDK manifests are written in a fixed key order. The
//! SHA-256 of each template (its asset name in the bootstrapped form) and the logical IDs
//! (name + 8 hex digits of the name's SHA-256) are computed as switchboard computes them.
//! `switchboard-bench process` checks that the files are byte-identical to `synth`'s.
//!
//! The floor reads its profiles through [`StackData`] and [`ProfileData`], so the same code
//! writes them from a parsed job file ([`Job`], owned strings) and from static data compiled
//! into a program ([`StaticStack`], string literals): the latter is compared with the program
//! whose profiles are `security_profile!` constants, with no job file to parse on either side.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use sha2::{Digest, Sha256};

use crate::job::{Job, JobProfile, StackJob};

/// What the floor reads of a profile.
pub trait ProfileData {
    /// A string of the profile's lists: `String` in a parsed job, `&'static str` in static data.
    type Text: AsRef<str> + Serialize;
    /// `SecurityProfileName`.
    fn name(&self) -> &str;
    /// `Description`.
    fn description(&self) -> &str;
    /// `Permissions`, in the order written.
    fn permissions(&self) -> &[Self::Text];
    /// `Tags`.
    fn tags(&self) -> &[(Self::Text, Self::Text)];
    /// `AllowedAccessControlTags`.
    fn access_control_tags(&self) -> &[(Self::Text, Self::Text)];
    /// `TagRestrictedResources`.
    fn tag_restricted_resources(&self) -> &[Self::Text];
    /// The reason for sensitive permissions.
    fn sensitive_reason(&self) -> Option<&str>;
    /// The sensitive permissions the profile holds, sorted.
    fn sensitive_permissions(&self) -> &[Self::Text];
}

/// What the floor reads of a stack.
pub trait StackData {
    /// Its profiles' type.
    type Profile: ProfileData;
    /// The stack's name.
    fn name(&self) -> &str;
    /// The Connect instance's ARN.
    fn instance_arn(&self) -> &str;
    /// Its profiles, in order.
    fn profiles(&self) -> &[Self::Profile];
}

impl ProfileData for JobProfile {
    type Text = String;
    fn name(&self) -> &str {
        &self.name
    }
    fn description(&self) -> &str {
        &self.description
    }
    fn permissions(&self) -> &[String] {
        &self.permissions
    }
    fn tags(&self) -> &[(String, String)] {
        &self.tags
    }
    fn access_control_tags(&self) -> &[(String, String)] {
        &self.access_control_tags
    }
    fn tag_restricted_resources(&self) -> &[String] {
        &self.tag_restricted_resources
    }
    fn sensitive_reason(&self) -> Option<&str> {
        self.sensitive_reason.as_deref()
    }
    fn sensitive_permissions(&self) -> &[String] {
        &self.sensitive_permissions
    }
}

impl StackData for StackJob {
    type Profile = JobProfile;
    fn name(&self) -> &str {
        &self.name
    }
    fn instance_arn(&self) -> &str {
        &self.instance_arn
    }
    fn profiles(&self) -> &[JobProfile] {
        &self.profiles
    }
}

/// A profile as static data, the way a generated program holds the job compiled in
/// (`render::synth_floor_consts`).
#[derive(Debug, Clone, Copy)]
pub struct StaticProfile {
    /// `SecurityProfileName`.
    pub name: &'static str,
    /// `Description`.
    pub description: &'static str,
    /// `Permissions`.
    pub permissions: &'static [&'static str],
    /// `Tags`.
    pub tags: &'static [(&'static str, &'static str)],
    /// `AllowedAccessControlTags`.
    pub access_control_tags: &'static [(&'static str, &'static str)],
    /// `TagRestrictedResources`.
    pub tag_restricted_resources: &'static [&'static str],
    /// The reason for sensitive permissions.
    pub sensitive_reason: Option<&'static str>,
    /// The sensitive permissions it holds, sorted.
    pub sensitive_permissions: &'static [&'static str],
}

/// A stack as static data.
#[derive(Debug, Clone, Copy)]
pub struct StaticStack {
    /// The stack's name.
    pub name: &'static str,
    /// The Connect instance's ARN.
    pub instance_arn: &'static str,
    /// Its profiles.
    pub profiles: &'static [StaticProfile],
}

impl ProfileData for StaticProfile {
    type Text = &'static str;
    fn name(&self) -> &str {
        self.name
    }
    fn description(&self) -> &str {
        self.description
    }
    fn permissions(&self) -> &[&'static str] {
        self.permissions
    }
    fn tags(&self) -> &[(&'static str, &'static str)] {
        self.tags
    }
    fn access_control_tags(&self) -> &[(&'static str, &'static str)] {
        self.access_control_tags
    }
    fn tag_restricted_resources(&self) -> &[&'static str] {
        self.tag_restricted_resources
    }
    fn sensitive_reason(&self) -> Option<&str> {
        self.sensitive_reason
    }
    fn sensitive_permissions(&self) -> &[&'static str] {
        self.sensitive_permissions
    }
}

impl StackData for StaticStack {
    type Profile = StaticProfile;
    fn name(&self) -> &str {
        self.name
    }
    fn instance_arn(&self) -> &str {
        self.instance_arn
    }
    fn profiles(&self) -> &[StaticProfile] {
        self.profiles
    }
}

const QUALIFIER: &str = "hnb659fds";
const VERSION: &str = "55.0.0";
const SSM: &str = "/cdk-bootstrap/hnb659fds/version";

fn sha256_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// `name` without anything but ASCII letters and digits, then 8 upper-case hex digits of the
/// SHA-256 of `name`.
pub fn logical_id(name: &str) -> String {
    let mut id: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    id.push_str(&sha256_hex(name.as_bytes())[..8].to_ascii_uppercase());
    id
}

fn role(kind: &str) -> String {
    format!(
        "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:role/cdk-{QUALIFIER}-{kind}-role-${{AWS::AccountId}}-${{AWS::Region}}"
    )
}

fn bucket() -> String {
    format!("cdk-{QUALIFIER}-assets-${{AWS::AccountId}}-${{AWS::Region}}")
}

fn serialize<T: Serialize>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    value
        .serialize(&mut ser)
        .expect("the floor's values serialize");
    String::from_utf8(out).expect("UTF-8")
}

/// `[{"Key": k, "Value": v}, ...]`.
struct Tags<'a, T>(&'a [(T, T)]);

impl<T: AsRef<str>> Serialize for Tags<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for (k, v) in self.0 {
            seq.serialize_element(&Tag(k.as_ref(), v.as_ref()))?;
        }
        seq.end()
    }
}

struct Tag<'a>(&'a str, &'a str);

impl Serialize for Tag<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("Key", self.0)?;
        map.serialize_entry("Value", self.1)?;
        map.end()
    }
}

/// One `AWS::Connect::SecurityProfile` resource.
struct Resource<'a, P> {
    profile: &'a P,
    instance_arn: &'a str,
}

impl<P: ProfileData> Serialize for Resource<'_, P> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.profile;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "AWS::Connect::SecurityProfile")?;
        map.serialize_entry(
            "Properties",
            &Properties {
                profile: p,
                instance_arn: self.instance_arn,
            },
        )?;
        if p.sensitive_reason().is_some() || !p.sensitive_permissions().is_empty() {
            map.serialize_entry("Metadata", &Metadata(p))?;
        }
        map.end()
    }
}

struct Properties<'a, P> {
    profile: &'a P,
    instance_arn: &'a str,
}

impl<P: ProfileData> Serialize for Properties<'_, P> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.profile;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("SecurityProfileName", p.name())?;
        map.serialize_entry("Description", p.description())?;
        map.serialize_entry("InstanceArn", self.instance_arn)?;
        if !p.permissions().is_empty() {
            map.serialize_entry("Permissions", p.permissions())?;
        }
        if !p.access_control_tags().is_empty() {
            map.serialize_entry("AllowedAccessControlTags", &Tags(p.access_control_tags()))?;
        }
        if !p.tag_restricted_resources().is_empty() {
            map.serialize_entry("TagRestrictedResources", p.tag_restricted_resources())?;
        }
        if !p.tags().is_empty() {
            map.serialize_entry("Tags", &Tags(p.tags()))?;
        }
        map.end()
    }
}

struct Metadata<'a, P>(&'a P);

impl<P: ProfileData> Serialize for Metadata<'_, P> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Inner<'a, P>(&'a P);
        impl<P: ProfileData> Serialize for Inner<'_, P> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                if let Some(reason) = self.0.sensitive_reason() {
                    map.serialize_entry("SensitiveReason", reason)?;
                }
                if !self.0.sensitive_permissions().is_empty() {
                    map.serialize_entry("SensitivePermissions", self.0.sensitive_permissions())?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("Switchboard", &Inner(self.0))?;
        map.end()
    }
}

/// One stack's template, profiles in logical-ID order.
struct Template<'a, D: StackData> {
    stack: &'a D,
    profiles: Vec<(String, &'a D::Profile)>,
}

impl<D: StackData> Serialize for Template<'_, D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Parameters;
        impl Serialize for Parameters {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                struct Bootstrap;
                impl Serialize for Bootstrap {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        let mut map = serializer.serialize_map(Some(3))?;
                        map.serialize_entry("Type", "AWS::SSM::Parameter::Value<String>")?;
                        map.serialize_entry("Default", SSM)?;
                        map.serialize_entry(
                            "Description",
                            "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]",
                        )?;
                        map.end()
                    }
                }
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("BootstrapVersion", &Bootstrap)?;
                map.end()
            }
        }
        struct Rules;
        impl Serialize for Rules {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // Single-key objects and arrays only: a `json!` value writes them in order.
                let assertion = serde_json::json!({
                    "Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]
                });
                struct Assertion(serde_json::Value);
                impl Serialize for Assertion {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        let mut map = serializer.serialize_map(Some(2))?;
                        map.serialize_entry("Assert", &self.0)?;
                        map.serialize_entry(
                            "AssertDescription",
                            "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
                        )?;
                        map.end()
                    }
                }
                struct Check(serde_json::Value);
                impl Serialize for Check {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        let mut map = serializer.serialize_map(Some(1))?;
                        map.serialize_entry("Assertions", &[Assertion(self.0.clone())])?;
                        map.end()
                    }
                }
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("CheckBootstrapVersion", &Check(assertion))?;
                map.end()
            }
        }
        struct Resources<'a, D: StackData>(&'a Template<'a, D>);
        impl<D: StackData> Serialize for Resources<'_, D> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.profiles.len()))?;
                for (id, profile) in &self.0.profiles {
                    map.serialize_entry(
                        id,
                        &Resource {
                            profile: *profile,
                            instance_arn: self.0.stack.instance_arn(),
                        },
                    )?;
                }
                map.end()
            }
        }
        struct Outputs<'a, D: StackData>(&'a Template<'a, D>);
        impl<D: StackData> Serialize for Outputs<'_, D> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                struct Output<'a>(&'a str, &'a str);
                impl Serialize for Output<'_> {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        struct GetAtt<'a>(&'a str);
                        impl Serialize for GetAtt<'_> {
                            fn serialize<S: Serializer>(
                                &self,
                                serializer: S,
                            ) -> Result<S::Ok, S::Error> {
                                let mut map = serializer.serialize_map(Some(1))?;
                                map.serialize_entry("Fn::GetAtt", &[self.0, "SecurityProfileArn"])?;
                                map.end()
                            }
                        }
                        let mut map = serializer.serialize_map(Some(2))?;
                        map.serialize_entry(
                            "Description",
                            &format!("ARN of the security profile {:?}", self.1),
                        )?;
                        map.serialize_entry("Value", &GetAtt(self.0))?;
                        map.end()
                    }
                }
                let mut keyed: Vec<(String, &str, &str)> = self
                    .0
                    .profiles
                    .iter()
                    .map(|(id, p)| (format!("{id}Arn"), id.as_str(), p.name()))
                    .collect();
                keyed.sort_by(|a, b| a.0.cmp(&b.0));
                let mut map = serializer.serialize_map(Some(keyed.len()))?;
                for (key, id, name) in &keyed {
                    map.serialize_entry(key, &Output(id, name))?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(
            "Description",
            &format!(
                "Amazon Connect security profiles of stack {}, synthesized by switchboard",
                self.stack.name()
            ),
        )?;
        map.serialize_entry("Parameters", &Parameters)?;
        map.serialize_entry("Rules", &Rules)?;
        map.serialize_entry("Resources", &Resources(self))?;
        map.serialize_entry("Outputs", &Outputs(self))?;
        map.end()
    }
}

/// `<Stack>.assets.json`.
struct Assets<'a> {
    stack: &'a str,
    sha: &'a str,
}

impl Serialize for Assets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Destination<'a>(&'a str);
        impl Serialize for Destination<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("bucketName", &bucket())?;
                map.serialize_entry("objectKey", &format!("{}.json", self.0))?;
                map.serialize_entry("assumeRoleArn", &role("file-publishing"))?;
                map.end()
            }
        }
        struct Destinations<'a>(&'a str);
        impl Serialize for Destinations<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("current_account-current_region", &Destination(self.0))?;
                map.end()
            }
        }
        struct Source<'a>(&'a str);
        impl Serialize for Source<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("path", &format!("{}.template.json", self.0))?;
                map.serialize_entry("packaging", "file")?;
                map.end()
            }
        }
        struct File<'a>(&'a Assets<'a>);
        impl Serialize for File<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("displayName", &format!("{} Template", self.0.stack))?;
                map.serialize_entry("source", &Source(self.0.stack))?;
                map.serialize_entry("destinations", &Destinations(self.0.sha))?;
                map.end()
            }
        }
        struct Files<'a>(&'a Assets<'a>);
        impl Serialize for Files<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(self.0.sha, &File(self.0))?;
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("version", VERSION)?;
        map.serialize_entry("files", &Files(self))?;
        map.serialize_entry("dockerImages", &BTreeMap::<String, String>::new())?;
        map.end()
    }
}

/// `manifest.json`: per stack, its artifact and its asset manifest's, sorted by artifact ID.
struct Manifest<'a>(&'a [(String, String)]);

enum Artifact<'a> {
    Stack { name: &'a str, sha: &'a str },
    Assets { name: &'a str },
}

impl Serialize for Artifact<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Lookup;
        impl Serialize for Lookup {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("arn", &role("lookup"))?;
                map.serialize_entry("requiresBootstrapStackVersion", &8)?;
                map.serialize_entry("bootstrapStackVersionSsmParameter", SSM)?;
                map.end()
            }
        }
        struct StackProps<'a>(&'a str, &'a str);
        impl Serialize for StackProps<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(7))?;
                map.serialize_entry("templateFile", &format!("{}.template.json", self.0))?;
                map.serialize_entry("assumeRoleArn", &role("deploy"))?;
                map.serialize_entry("cloudFormationExecutionRoleArn", &role("cfn-exec"))?;
                map.serialize_entry("lookupRole", &Lookup)?;
                map.serialize_entry(
                    "stackTemplateAssetObjectUrl",
                    &format!("s3://{}/{}.json", bucket(), self.1),
                )?;
                map.serialize_entry("requiresBootstrapStackVersion", &6)?;
                map.serialize_entry("bootstrapStackVersionSsmParameter", SSM)?;
                map.end()
            }
        }
        struct AssetProps<'a>(&'a str);
        impl Serialize for AssetProps<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("file", &format!("{}.assets.json", self.0))?;
                map.serialize_entry("requiresBootstrapStackVersion", &6)?;
                map.serialize_entry("bootstrapStackVersionSsmParameter", SSM)?;
                map.end()
            }
        }
        let mut map = serializer.serialize_map(None)?;
        match *self {
            Artifact::Stack { name, sha } => {
                map.serialize_entry("type", "aws:cloudformation:stack")?;
                map.serialize_entry("environment", "aws://unknown-account/unknown-region")?;
                map.serialize_entry("properties", &StackProps(name, sha))?;
                map.serialize_entry("dependencies", &[format!("{name}.assets")])?;
                map.serialize_entry("displayName", name)?;
            }
            Artifact::Assets { name } => {
                map.serialize_entry("type", "cdk:asset-manifest")?;
                map.serialize_entry("properties", &AssetProps(name))?;
            }
        }
        map.end()
    }
}

impl Serialize for Manifest<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Artifacts<'a>(&'a [(String, String)]);
        impl Serialize for Artifacts<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut entries: Vec<(String, Artifact<'_>)> = Vec::new();
                for (name, sha) in self.0 {
                    entries.push((name.clone(), Artifact::Stack { name, sha }));
                    entries.push((format!("{name}.assets"), Artifact::Assets { name }));
                }
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (id, artifact) in &entries {
                    map.serialize_entry(id, artifact)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("version", VERSION)?;
        map.serialize_entry("artifacts", &Artifacts(self.0))?;
        map.end()
    }
}

/// Every file of the assembly, by name, with its bytes: what `App::synth` writes for `job`.
pub fn files(job: &Job) -> BTreeMap<String, String> {
    files_of(&job.stacks)
}

/// Every file of the assembly of `stacks`, by name, with its bytes.
pub fn files_of<S: StackData>(stacks: &[S]) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut shas = Vec::with_capacity(stacks.len());
    for stack in stacks {
        let mut profiles: Vec<(String, &S::Profile)> = stack
            .profiles()
            .iter()
            .map(|p| (logical_id(p.name()), p))
            .collect();
        profiles.sort_by(|a, b| a.0.cmp(&b.0));
        let template = serialize(&Template { stack, profiles });
        let sha = sha256_hex(template.as_bytes());
        files.insert(
            format!("{}.assets.json", stack.name()),
            serialize(&Assets {
                stack: stack.name(),
                sha: &sha,
            }),
        );
        files.insert(format!("{}.template.json", stack.name()), template);
        shas.push((stack.name().to_owned(), sha));
    }
    files.insert("manifest.json".to_owned(), serialize(&Manifest(&shas)));
    files
}

/// Writes [`files`] into `dir` (created if missing) with plain writes.
pub fn write(job: &Job, dir: &Path) -> io::Result<()> {
    write_of(&job.stacks, dir)
}

/// Writes [`files_of`] into `dir` (created if missing) with plain writes.
pub fn write_of<S: StackData>(stacks: &[S], dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for (name, content) in files_of(stacks) {
        fs::write(dir.join(name), content)?;
    }
    Ok(())
}
