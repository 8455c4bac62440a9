//! The `switchboard` command: explain, catalog, audit, diff and import Amazon Connect security
//! profiles.
//!
//! The binary is a thin shell over [`run`], which returns what to print and the exit code
//! without touching stdout, so every subcommand is testable as a function. Parsing inputs is a
//! set of plain functions over bytes in [`input`].
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod audit;
pub mod catalog_cmd;
pub mod cli;
pub mod diff;
pub mod error;
pub mod fail_on;
pub mod findings;
pub mod import;
pub mod input;
pub mod instance;
pub mod render;

use std::path::PathBuf;

use cli::{AuditFormat, CatalogFormat, Cli, Command, DiffFormat, ExplainFormat};
pub use error::InputError;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings the user asked to fail on.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad input.
pub const EXIT_BAD_INPUT: u8 = 2;

/// What a successful run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The report or source.
    pub stdout: String,
    /// Notes for stderr (import's placeholders, ...).
    pub notes: Vec<String>,
    /// Where to write `stdout` instead of standard output.
    pub output: Option<PathBuf>,
    /// [`EXIT_OK`] or [`EXIT_FINDINGS`].
    pub code: u8,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            notes: Vec::new(),
            output: None,
            code: EXIT_OK,
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, InputError> {
    match cli.command {
        Command::Explain(args) => {
            let found = catalog_cmd::explain(&args.name)?;
            Ok(Outcome::ok(match (found, args.format) {
                (catalog_cmd::Explained::Permission(e), ExplainFormat::Text) => {
                    catalog_cmd::explain_text(&e)
                }
                (catalog_cmd::Explained::Permission(e), ExplainFormat::Json) => json(&e),
                (catalog_cmd::Explained::Other { text, .. }, ExplainFormat::Text) => text,
                (catalog_cmd::Explained::Other { json: j, .. }, ExplainFormat::Json) => json(&j),
            }))
        }
        Command::Catalog(args) => {
            let section = args
                .section
                .as_deref()
                .map(catalog_cmd::parse_section)
                .transpose()?;
            Ok(Outcome::ok(match args.format {
                CatalogFormat::Table => catalog_cmd::catalog_text(section),
                CatalogFormat::Json => json(&catalog_cmd::catalog_json(section)),
            }))
        }
        Command::Audit(args) => {
            let loaded = read_once(input::load(&args.paths)?);
            let report = audit::audit(&loaded);
            let stdout = match args.format {
                AuditFormat::Table => render::audit::text(&report),
                AuditFormat::Markdown => render::audit::markdown(&report),
                AuditFormat::Json => json(&report),
                AuditFormat::Html => render::html::page(&report),
            };
            let mut notes = Vec::new();
            if report.profiles.is_empty() {
                notes.push("no security profiles found in the inputs".to_owned());
            }
            let failed: Vec<String> = args
                .fail_on
                .iter()
                .filter_map(|f| {
                    f.found(&report)
                        .map(|found| format!("failing (--fail-on {}): {found}", f.label()))
                })
                .collect();
            let code = if failed.is_empty() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            };
            notes.extend(failed);
            Ok(Outcome {
                stdout,
                notes,
                output: args.output,
                code,
            })
        }
        Command::Diff(args) => {
            let old = input::load(std::slice::from_ref(&args.old))?;
            let new = input::load(std::slice::from_ref(&args.new))?;
            let report = diff::diff(&old, &new);
            let stdout = match args.format {
                DiffFormat::Table => render::diff::text(&report),
                DiffFormat::Markdown => render::diff::markdown(&report),
                DiffFormat::Json => json(&report),
            };
            let escalated = !report.escalations.is_empty();
            let mut notes = Vec::new();
            if escalated && args.fail_on_escalation {
                notes.push(format!(
                    "failing: {} escalation{} (--fail-on-escalation)",
                    report.escalations.len(),
                    if report.escalations.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ));
            }
            Ok(Outcome {
                stdout,
                notes,
                output: args.output,
                code: if escalated && args.fail_on_escalation {
                    EXIT_FINDINGS
                } else {
                    EXIT_OK
                },
            })
        }
        Command::Import(args) => {
            if let Some(m) = &args.module {
                import::check_module_name(m)?;
            }
            let loaded = read_once(input::load(&args.files)?);
            let imported = import::import(&loaded.profiles, &loaded.files, args.module.as_deref())?;
            Ok(Outcome {
                stdout: imported.source,
                notes: imported.notes,
                output: args.output,
                code: EXIT_OK,
            })
        }
    }
}

/// Drops what was read twice: a template reached through an assembly and named again on the
/// command line (`audit cdk.out cdk.out/Stack.template.json`), or one file under two spellings.
/// Files are compared by canonical path (by name when they have none, as documents read from
/// memory), a template's profiles by file and logical ID; the first reading is kept.
fn read_once(mut loaded: input::Loaded) -> input::Loaded {
    use std::collections::BTreeSet;
    let canonical =
        |file: &str| std::fs::canonicalize(file).unwrap_or_else(|_| PathBuf::from(file));
    let mut files = BTreeSet::new();
    loaded.files.retain(|f| files.insert(canonical(f)));
    let mut profiles = BTreeSet::new();
    loaded.profiles.retain(|p| match &p.origin.logical_id {
        Some(id) => profiles.insert((canonical(&p.origin.file), id.clone())),
        None => true,
    });
    loaded
}

/// Writes `text` to `path` whole or not at all: into a temporary file beside it, then renamed
/// over it.
pub fn write_atomically(path: &std::path::Path, text: &str) -> Result<(), InputError> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(InputError::in_file(
            shown,
            "is a directory; --output needs a file name",
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_owned());
    let temp = path.with_file_name(format!(".{name}.switchboard-{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(InputError::in_file(shown, format!("cannot write: {e}")));
    }
    Ok(())
}
