//! The command line, as `clap` derives it: the doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::fail_on::FailOn;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  findings you asked to fail on (audit --fail-on, diff --fail-on-escalation)
  2  bad input: a file that cannot be read or parsed, or a bad argument
     (errors go to stderr as `switchboard: FILE: REASON`; nothing is written)";

/// Review Amazon Connect security profiles: explain permissions, list the catalog, audit
/// templates, diff two versions for escalations, and import profiles into Rust source.
///
/// Inputs are CDK cloud assembly directories (cdk.out), CloudFormation templates (JSON), and,
/// for audit and import, the JSON of `aws connect describe-security-profile` and
/// `aws connect list-security-profile-permissions`.
#[derive(Debug, Parser)]
#[command(name = "switchboard", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Everything the catalog knows about a permission (or a preset, a group, a seed name).
    ///
    /// API name, console label, section, what it grants, tier and risk, legacy replacement, the
    /// View it implies, and the presets, groups and seed names that contain it. An unknown NAME
    /// is an error (exit 2) with a suggestion when one is likely right.
    #[command(after_help = EXIT_CODES)]
    Explain(ExplainArgs),
    /// The permission catalog, with the date of the AWS list it reflects.
    #[command(after_help = EXIT_CODES)]
    Catalog(CatalogArgs),
    /// What every profile grants, and what is wrong with it.
    ///
    /// Per profile: permission count by section, sensitive and high-impact permissions with the
    /// stated reason, restrictions, and findings from switchboard's rules (unknown and legacy
    /// names, redacted and unredacted media together, download buttons without access,
    /// tag-restricted resources the profile cannot view, `User` restricted without
    /// `SecurityProfile`, names of built-in profiles, sensitive permissions without a reason),
    /// plus findings across profiles (duplicate names, more than one profile with
    /// access-control tags).
    #[command(after_help = EXIT_CODES)]
    Audit(AuditArgs),
    /// What changes between two versions, with every escalation flagged.
    ///
    /// Reports profiles added and removed, permissions added and removed, restriction changes,
    /// and replacements (a renamed profile is replaced by CloudFormation). Escalations (anything
    /// that widens access) are listed first, new sensitive permissions before all else.
    /// Profiles are matched by logical ID first, then by name.
    #[command(after_help = EXIT_CODES)]
    Diff(DiffArgs),
    /// Rust source with one `security_profile!` per profile read.
    ///
    /// Reads CloudFormation templates, cloud assemblies, or AWS CLI output (pair
    /// `describe-security-profile` and `list-security-profile-permissions` output as
    /// NAME.json + NAME.permissions.json, or give one object with both `SecurityProfile` and
    /// `Permissions`). Uses presets and groups when they express the set exactly and shorten
    /// it, keeps unknown names as `unchecked("...")`, and writes a `sensitive: "TODO(import):
    /// ..."` placeholder where a reason is needed. Notes about the result go to stderr.
    #[command(after_help = EXIT_CODES)]
    Import(ImportArgs),
}

/// `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The permission's API name (`Users.Edit`), a preset or group name (`Supervisor`), or a
    /// seed name (`UsersAndPermissions::EditUsers`).
    pub name: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

/// Formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Labelled lines.
    Text,
    /// JSON (schema `switchboard.explain/1`, in switchboard-cli/README.md).
    Json,
}

/// `catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// Only this section: its identifier (`UsersAndPermissions`) or its title on the AWS page
    /// ("Users and permissions").
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Table)]
    pub format: CatalogFormat,
}

/// Formats of `catalog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormat {
    /// An aligned table.
    Table,
    /// JSON (schema `switchboard.catalog/1`, in switchboard-cli/README.md).
    Json,
}

/// `audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Cloud assembly directories (or their manifest.json), CloudFormation templates (JSON), or
    /// AWS CLI output.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
    pub format: AuditFormat,
    /// Exit with 1 when the report holds this: `error` (any error finding), `warning` (any
    /// finding), `sensitive` (any sensitive permission), `high-impact` (any sensitive or
    /// high-impact permission), or a rule name (`UnknownPermission`). Repeatable.
    #[arg(long, value_name = "WHAT", value_parser = FailOn::parse)]
    pub fail_on: Vec<FailOn>,
    /// Write the report to this file instead of stdout (only when the command succeeds).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// Aligned text for a terminal.
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// JSON (schema `switchboard.audit/1`, in switchboard-cli/README.md).
    Json,
    /// One self-contained HTML page with a profiles x sections matrix.
    Html,
}

/// `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The version before the change: a cloud assembly directory or a template.
    pub old: PathBuf,
    /// The version after the change: a cloud assembly directory or a template.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Exit with 1 when the change escalates access (the report is printed all the same).
    #[arg(long)]
    pub fail_on_escalation: bool,
    /// Write the report to this file instead of stdout (only when the command succeeds).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Aligned text for a terminal.
    Table,
    /// GitHub-flavoured Markdown, for a pull-request comment.
    Markdown,
    /// JSON (schema `switchboard.diff/1`, in switchboard-cli/README.md).
    Json,
}

/// `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// CloudFormation templates (JSON), cloud assembly directories, or AWS CLI output.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Wrap the profiles in `pub mod NAME { ... }`.
    #[arg(long, value_name = "NAME")]
    pub module: Option<String>,
    /// Write the source to this file instead of stdout (only when the command succeeds).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
