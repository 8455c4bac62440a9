//! Everything the command reads: CloudFormation templates, CDK cloud assemblies, and the JSON of
//! `aws connect describe-security-profile` and `list-security-profile-permissions`.
//!
//! Parsing is a set of plain functions over bytes ([`parse_document`], [`template::parse`],
//! [`awscli::parse`], [`assembly::parse_manifest`]) that return a `Result` and never panic;
//! only [`load`] touches the file system.
//!
//! # Pairing AWS CLI files
//!
//! `describe-security-profile` has no permissions and `list-security-profile-permissions` has
//! no name, so each profile needs both. They can come
//! - in one file holding both top-level keys (`{"SecurityProfile": {...}, "Permissions":
//!   [...]}`, e.g. `jq -s '.[0] * .[1]' describe.json permissions.json`), or an array of such
//!   objects for many profiles;
//! - in two files of the same directory whose names agree once `.json` and a final
//!   `.describe`, `-describe`, `_describe`, `.permissions`, `-permissions` or `_permissions`
//!   are removed: `agent.json` + `agent.permissions.json`, or `agent-describe.json` +
//!   `agent-permissions.json`;
//! - as exactly one describe file and one permissions file, whatever their names.

pub mod assembly;
pub mod awscli;
pub mod json;
pub mod template;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::InputError;

/// The largest file the command reads. A CloudFormation template holds at most 1,000,000
/// bytes; the margin is for indentation and for AWS CLI output of many profiles.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// The most bytes one run reads, all files together (templates, manifests, AWS CLI output):
/// each file is read once, so this bounds the work of a run whatever the manifests say.
pub const MAX_TOTAL_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// How deep nested cloud assemblies (CDK stages) are followed.
pub const MAX_ASSEMBLY_DEPTH: usize = 8;

/// Where a profile was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Origin {
    /// The file, as the user named it (or as the manifest led to it).
    pub file: String,
    /// The stack, for profiles read through a cloud assembly.
    pub stack: Option<String>,
    /// The resource's logical ID, for profiles read from a template.
    pub logical_id: Option<String>,
}

impl Origin {
    /// `file (stack S, resource R)`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(stack) = &self.stack {
            parts.push(format!("stack {stack}"));
        }
        if let Some(id) = &self.logical_id {
            parts.push(format!("resource {id}"));
        }
        if parts.is_empty() {
            self.file.clone()
        } else {
            format!("{} ({})", self.file, parts.join(", "))
        }
    }
}

/// What switchboard's synthesizer writes under a profile's `Metadata.Switchboard`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SwitchboardMetadata {
    /// `SensitiveReason`: the author's reason for the sensitive permissions.
    pub sensitive_reason: Option<String>,
    /// `SensitivePermissions`.
    pub sensitive_permissions: Vec<String>,
    /// `ImpliedPermissions`: the Views that are in the set only because the console adds them.
    pub implied_permissions: Vec<String>,
}

/// Something in the input that decides access but that switchboard cannot evaluate: an
/// intrinsic function in place of permissions or a restriction, a transform, a nested stack. The
/// gate fails closed on it: `audit` reports an error, `diff` an escalation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Unevaluable {
    /// Where it stands: `Resources.Agent.Properties.Permissions`.
    pub path: String,
    /// What stands there and why it cannot be evaluated, in one sentence.
    pub what: String,
}

/// One security profile as a file describes it, whatever the file's format.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Profile {
    /// Where it was read from.
    pub origin: Origin,
    /// `SecurityProfileName` (`None` when the file has none).
    pub name: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `Permissions`, in the file's order, duplicates kept.
    pub permissions: Vec<String>,
    /// `Tags`.
    pub tags: Vec<(String, String)>,
    /// `AllowedAccessControlTags`.
    pub access_control_tags: Vec<(String, String)>,
    /// `TagRestrictedResources`.
    pub tag_restricted_resources: Vec<String>,
    /// `HierarchyRestrictedResources`.
    pub hierarchy_restricted_resources: Vec<String>,
    /// `AllowedAccessControlHierarchyGroupId`.
    pub hierarchy_group: Option<String>,
    /// The instance (`InstanceArn`, or the instance part of the profile's ARN); the compact
    /// text of an intrinsic function such as `{"Ref":"InstanceArn"}` when not literal.
    pub instance: Option<String>,
    /// Which instance that is, resolved in the profile's template (see [`crate::instance`]);
    /// `None` for profiles not read from a template.
    pub instance_identity: Option<crate::instance::InstanceIdentity>,
    /// `Metadata.Switchboard`, for profiles synthesized by switchboard.
    pub metadata: Option<SwitchboardMetadata>,
    /// Properties present that switchboard does not model (`Applications`, ...), or that the
    /// resource type does not have.
    pub other_properties: Vec<String>,
    /// Paths of values that are intrinsic functions rather than literal text.
    pub unresolved: Vec<String>,
    /// What decides the profile's access but cannot be evaluated (see [`Unevaluable`]).
    pub unevaluable: Vec<Unevaluable>,
    /// The properties switchboard does not model (`Applications`, ..., and properties the
    /// resource type does not have), each with its value as canonical JSON, so `diff` compares
    /// them as data.
    pub unmodelled: Vec<(String, String)>,
}

impl Profile {
    /// The name, or a stand-in naming the resource when the profile has none.
    pub fn display_name(&self) -> String {
        match (&self.name, &self.origin.logical_id) {
            (Some(name), _) => name.clone(),
            (None, Some(id)) => format!("(no name: resource {id})"),
            (None, None) => "(no name)".to_owned(),
        }
    }

    /// The permissions without duplicates, sorted.
    pub fn permission_set(&self) -> Vec<String> {
        let mut set = self.permissions.clone();
        set.sort();
        set.dedup();
        set
    }
}

/// What a JSON file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A CloudFormation template, with its security profiles.
    Template(template::Template),
    /// A cloud assembly's `manifest.json`.
    Manifest(Vec<assembly::Artifact>),
    /// Output of the AWS CLI.
    AwsCli(Vec<awscli::Entry>),
}

/// Recognises and parses one JSON document. `file` names it in the profiles' origins.
pub fn parse_document(bytes: &[u8], file: &str) -> Result<Document, InputError> {
    let value = json::parse(bytes)?;
    classify(&value, file)
}

fn classify(value: &Value, file: &str) -> Result<Document, InputError> {
    match value {
        Value::Object(map) if map.contains_key("Resources") => {
            template::from_value(value, file).map(Document::Template)
        }
        Value::Object(map) if map.contains_key("artifacts") && map.contains_key("version") => {
            assembly::from_value(value).map(Document::Manifest)
        }
        Value::Object(map)
            if map.contains_key("SecurityProfile") || map.contains_key("Permissions") =>
        {
            awscli::from_value(value).map(Document::AwsCli)
        }
        Value::Array(_) => awscli::from_value(value).map(Document::AwsCli),
        Value::Object(map) if map.contains_key("SecurityProfileSummaryList") => {
            Err(InputError::usage(
                "this is the output of `aws connect list-security-profiles`, which has no \
                 permissions: run `describe-security-profile` and \
                 `list-security-profile-permissions` for each profile's Id",
            ))
        }
        Value::Object(map) if map.contains_key("AWSTemplateFormatVersion") => Err(
            InputError::usage("the template has no `Resources`: CloudFormation requires them"),
        ),
        Value::Object(map) => {
            let mut keys: Vec<String> = map.keys().take(8).map(|k| json::shorten(k, 40)).collect();
            if map.len() > keys.len() {
                keys.push("...".to_owned());
            }
            Err(InputError::usage(format!(
                "not a CloudFormation template, a cloud assembly manifest or AWS CLI \
                 security-profile output: expected a top-level `Resources`, `artifacts`, \
                 `SecurityProfile` or `Permissions` key, found {}",
                if keys.is_empty() {
                    "an empty object".to_owned()
                } else {
                    format!("the keys {}", keys.join(", "))
                }
            )))
        }
        other => Err(InputError::usage(format!(
            "not a CloudFormation template, a cloud assembly manifest or AWS CLI \
             security-profile output: the document is {}",
            json::kind(other)
        ))),
    }
}

/// Reads a file of at most [`MAX_INPUT_BYTES`], refusing anything but a regular file.
///
/// A device (`/dev/zero`), a FIFO or a socket is refused before it is opened; the file is then
/// opened without blocking and checked again once open, so a path swapped for a FIFO between
/// the check and the open cannot make the command wait forever.
pub fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| InputError::in_file(&shown, io_reason(&e)))?;
    regular_file(&shown, &meta)?;
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large(&shown, meta.len()));
    }
    let file =
        open_without_blocking(path).map_err(|e| InputError::in_file(&shown, io_reason(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| InputError::in_file(&shown, io_reason(&e)))?;
    regular_file(&shown, &meta)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::in_file(&shown, io_reason(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(&shown, bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refuses what is not a regular file, naming what it is.
fn regular_file(shown: &str, meta: &fs::Metadata) -> Result<(), InputError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(InputError::in_file(
            shown,
            "is a directory, expected a file",
        ));
    }
    Err(InputError::in_file(
        shown,
        format!(
            "is {}, not a regular file; switchboard reads only regular files (save the input to a file first)",
            special_kind(&kind)
        ),
    ))
}

#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

fn too_large(file: &str, len: u64) -> InputError {
    InputError::in_file(
        file,
        format!(
            "the file is {len} bytes or more; switchboard reads files of at most {MAX_INPUT_BYTES} \
             bytes (16 MiB; a CloudFormation template holds at most 1,000,000 bytes)"
        ),
    )
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::WouldBlock => {
            "cannot read without waiting (a file that only gives data when something writes it); switchboard reads only regular files".to_owned()
        }
        _ => format!("cannot read: {error}"),
    }
}

/// Everything read from the command line's paths.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The profiles, in the order of the paths, then of the files.
    pub profiles: Vec<Profile>,
    /// The templates read (directly or through assemblies), for reports.
    pub files: Vec<String>,
    /// What the templates hold that may create or change profiles but cannot be read (nested
    /// stacks, transforms), with the template (and stack) it is in.
    pub unevaluable: Vec<(Origin, Unevaluable)>,
}

/// Reads every path: cloud assembly directories (or their `manifest.json`), templates and AWS
/// CLI output.
///
/// Each manifest is read once, however many manifests lead to it; each template belongs to
/// one stack artifact; every file named by a manifest must be a regular file inside the
/// directory of the outermost manifest (cycles of nested assemblies are an error); at most [`MAX_TOTAL_INPUT_BYTES`] are read in all.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, InputError> {
    let mut loader = Loader::default();
    for path in paths {
        let shown = path.display().to_string();
        let meta = fs::metadata(path).map_err(|e| InputError::in_file(&shown, io_reason(&e)))?;
        if meta.is_dir() {
            let manifest = path.join("manifest.json");
            if !manifest.is_file() {
                return Err(InputError::in_file(
                    shown,
                    "is a directory without manifest.json: give a cloud assembly directory \
                     (such as cdk.out) or template files",
                ));
            }
            loader.load_assembly(path, None, 0)?;
            continue;
        }
        let bytes = loader.read(path)?;
        match parse_document(&bytes, &shown).map_err(|e| e.with_file(&shown))? {
            Document::Manifest(_) => {
                let dir = path.parent().unwrap_or_else(|| Path::new("."));
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                loader.load_assembly(dir, None, 0)?;
            }
            document => loader.add(shown, document),
        }
    }
    loader.finish()
}

/// Reads documents already in memory, each with the file name it stands for, exactly as
/// [`load`] reads files: templates and AWS CLI output, describe and permission documents paired
/// by those names. Nothing touches the file system, so a cloud assembly's `manifest.json`,
/// whose templates are files beside it, is refused. The property tests and the fuzz targets
/// (`switchboard-cli/fuzz`) drive the import, diff and audit paths through this function.
pub fn load_documents<'a>(
    documents: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Loaded, InputError> {
    let mut loader = Loader::default();
    for (file, bytes) in documents {
        match parse_document(bytes, file).map_err(|e| e.with_file(file))? {
            Document::Manifest(_) => {
                return Err(InputError::in_file(
                    file,
                    "is a cloud assembly manifest; its templates are files beside it: give \
                     its directory",
                ));
            }
            document => loader.add(file.to_owned(), document),
        }
    }
    loader.finish()
}

/// What [`load`] and [`load_documents`] gather: templates' profiles as they come, AWS CLI
/// entries until they are paired at the end.
#[derive(Default)]
struct Loader {
    loaded: Loaded,
    cli_entries: Vec<(String, awscli::Entry)>,
    /// Bytes read so far, against [`MAX_TOTAL_INPUT_BYTES`].
    bytes_read: u64,
    /// The manifests read, by canonical path.
    manifests: HashSet<PathBuf>,
    /// The manifests being read, outermost first: the nested assembly being followed.
    reading: Vec<PathBuf>,
    /// The templates read through manifests, by canonical path, with the artifact and
    /// manifest that named them.
    templates: HashMap<PathBuf, (String, String)>,
}

impl Loader {
    fn add(&mut self, shown: String, document: Document) {
        match document {
            Document::Template(template) => {
                self.loaded
                    .unevaluable
                    .extend(template.unevaluable.into_iter().map(|u| {
                        (
                            Origin {
                                file: shown.clone(),
                                stack: None,
                                logical_id: None,
                            },
                            u,
                        )
                    }));
                self.loaded.files.push(shown);
                self.loaded.profiles.extend(template.profiles);
            }
            Document::AwsCli(entries) => {
                self.loaded.files.push(shown.clone());
                self.cli_entries
                    .extend(entries.into_iter().map(|e| (shown.clone(), e)));
            }
            // The caller follows a manifest to its templates.
            Document::Manifest(_) => {}
        }
    }

    fn finish(mut self) -> Result<Loaded, InputError> {
        self.loaded.profiles.extend(awscli::pair(self.cli_entries)?);
        Ok(self.loaded)
    }

    /// [`read_file`], within the run's budget of [`MAX_TOTAL_INPUT_BYTES`].
    fn read(&mut self, path: &Path) -> Result<Vec<u8>, InputError> {
        let bytes = read_file(path)?;
        self.bytes_read += bytes.len() as u64;
        if self.bytes_read > MAX_TOTAL_INPUT_BYTES {
            return Err(InputError::in_file(
                path.display().to_string(),
                format!(
                    "the inputs add up to more than {MAX_TOTAL_INPUT_BYTES} bytes (64 MiB), the most switchboard reads in one run; give fewer files"
                ),
            ));
        }
        Ok(bytes)
    }

    /// Reads the assembly in `dir`; `root` is the directory of the outermost manifest, which
    /// every file a manifest names must be inside (`None` for the outermost itself).
    fn load_assembly(
        &mut self,
        dir: &Path,
        root: Option<&Path>,
        depth: usize,
    ) -> Result<(), InputError> {
        let manifest = dir.join("manifest.json");
        let shown = manifest.display().to_string();
        if depth > MAX_ASSEMBLY_DEPTH {
            return Err(InputError::in_file(
                shown,
                format!("cloud assemblies nested more than {MAX_ASSEMBLY_DEPTH} deep"),
            ));
        }
        let canonical =
            fs::canonicalize(&manifest).map_err(|e| InputError::in_file(&shown, io_reason(&e)))?;
        if !self.manifests.insert(canonical.clone()) {
            // Reached again through another nested assembly: read once.
            return Ok(());
        }
        let root = match root {
            Some(root) => root.to_path_buf(),
            None => canonical.parent().unwrap_or(Path::new("/")).to_path_buf(),
        };
        self.reading.push(canonical.clone());
        let result = self.read_assembly(dir, &root, &canonical, &shown, depth);
        self.reading.pop();
        result
    }

    fn read_assembly(
        &mut self,
        dir: &Path,
        root: &Path,
        canonical: &Path,
        shown: &str,
        depth: usize,
    ) -> Result<(), InputError> {
        let shown = shown.to_owned();
        let bytes = self.read(canonical).map_err(|e| InputError {
            file: Some(shown.clone()),
            ..e
        })?;
        let artifacts = assembly::parse_manifest(&bytes).map_err(|e| e.with_file(&shown))?;
        for artifact in artifacts {
            match artifact {
                assembly::Artifact::Stack {
                    id,
                    stack_name,
                    template_file,
                } => {
                    let file = dir.join(&template_file);
                    let file_shown = file.display().to_string();
                    let what = format!("artifact {} names the template", quoted(&id));
                    let inside = inside_assembly(root, &file, &shown, &what, &template_file)?;
                    if let Some((other, _)) = self
                        .templates
                        .insert(inside.clone(), (id.clone(), shown.clone()))
                    {
                        return Err(InputError::in_file(
                            shown,
                            format!(
                                "artifacts {} and {} name the same template {}; each stack has its own template",
                                quoted(&other),
                                quoted(&id),
                                quoted(&template_file)
                            ),
                        ));
                    }
                    let bytes = self.read(&inside).map_err(|e| InputError {
                        file: Some(file_shown.clone()),
                        ..e
                    })?;
                    let value = json::parse(&bytes).map_err(|e| e.with_file(&file_shown))?;
                    let mut template = template::from_value(&value, &file_shown)
                        .map_err(|e| e.with_file(&file_shown))?;
                    let stack = stack_name.clone().unwrap_or_else(|| id.clone());
                    for profile in &mut template.profiles {
                        profile.origin.stack = Some(stack.clone());
                    }
                    self.loaded
                        .unevaluable
                        .extend(template.unevaluable.into_iter().map(|u| {
                            (
                                Origin {
                                    file: file_shown.clone(),
                                    stack: Some(stack.clone()),
                                    logical_id: None,
                                },
                                u,
                            )
                        }));
                    self.loaded.files.push(file_shown);
                    self.loaded.profiles.extend(template.profiles);
                }
                assembly::Artifact::Nested { id, directory } => {
                    let nested = dir.join(&directory);
                    let what = format!("nested assembly {} names the directory", quoted(&id));
                    let inside = inside_assembly(root, &nested, &shown, &what, &directory)?;
                    if self.reading.contains(&inside.join("manifest.json")) {
                        return Err(InputError::in_file(
                            shown,
                            format!(
                                "{what} {}, whose manifest.json leads back here: the cloud assemblies nest in a cycle",
                                quoted(&directory)
                            ),
                        ));
                    }
                    self.load_assembly(&nested, Some(root), depth + 1)?;
                }
            }
        }
        Ok(())
    }
}

/// A name from a manifest as messages quote it.
fn quoted(text: &str) -> String {
    format!("\"{}\"", json::shorten(text, json::MAX_KEY_SHOWN))
}

/// The canonical path of `path`, a file or directory a manifest names, when it lies inside
/// `root`, the outermost assembly's directory (symbolic links resolved): a manifest is input like any
/// other, and may not lead the command to `/etc/passwd` or `/proc/kmsg`.
fn inside_assembly(
    root: &Path,
    path: &Path,
    manifest: &str,
    what: &str,
    named: &str,
) -> Result<PathBuf, InputError> {
    let canonical = fs::canonicalize(path).map_err(|e| {
        InputError::in_file(
            manifest,
            format!(
                "{what} {}, which is not a file in the assembly ({})",
                quoted(named),
                io_reason(&e)
            ),
        )
    })?;
    if !canonical.starts_with(root) {
        return Err(InputError::in_file(
            manifest,
            format!(
                "{what} {}, which is outside the assembly directory; switchboard reads only files inside it",
                quoted(named)
            ),
        ));
    }
    Ok(canonical)
}
