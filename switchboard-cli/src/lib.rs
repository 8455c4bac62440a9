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
pub mod printable;
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
                AuditFormat::Table => render::terminal(&render::audit::text(&report)),
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
                DiffFormat::Table => render::terminal(&render::diff::text(&report)),
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

/// Writes `text` to `path` (`--output`).
///
/// A regular file, or a path where nothing is yet, is written whole or not at all: the text
/// goes to a temporary file created beside it exclusively, under an unpredictable name (the
/// `tempfile` crate), which is then renamed over it; an existing file keeps its permissions. A
/// character device or a FIFO (`/dev/null`, a pipe), also through a symbolic link, is written
/// through, never replaced. A symbolic link to a file is refused (replacing it would replace the
/// link, and writing through it would write where the link points), and so are directories,
/// block devices and sockets.
pub fn write_atomically(path: &std::path::Path, text: &str) -> Result<(), InputError> {
    use std::io::Write as _;
    let shown = path.display().to_string();
    let fail = |e: std::io::Error| InputError::in_file(&shown, format!("cannot write: {e}"));
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    let is_link = existing
        .as_ref()
        .is_some_and(|m| m.file_type().is_symlink());
    // What the path leads to, links followed (`None`: nothing, or a dangling link).
    let target = if is_link {
        std::fs::metadata(path).ok()
    } else {
        existing.clone()
    };
    if let Some(meta) = &target {
        let kind = meta.file_type();
        if kind.is_dir() {
            return Err(InputError::in_file(
                shown,
                "is a directory; --output needs a file name",
            ));
        }
        if written_through(&kind) {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(fail)?;
            return file.write_all(text.as_bytes()).map_err(fail);
        }
        if !kind.is_file() {
            return Err(InputError::in_file(
                shown,
                "is neither a regular file nor a character device or FIFO; --output writes reports to files",
            ));
        }
    }
    if is_link {
        return Err(InputError::in_file(
            shown,
            "is a symbolic link; --output replaces files whole and neither replaces a link nor writes where it points: name the file itself",
        ));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => std::path::Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".switchboard-").suffix(".tmp");
    // A new file gets the mode any new file gets (0666 less the umask), not the temporary
    // file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(fail)?;
    temp.write_all(text.as_bytes()).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    if let Some(meta) = &target {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    // On failure the temporary file is removed when `temp` drops.
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Targets `--output` writes through rather than replaces: character devices and FIFOs.
#[cfg(unix)]
fn written_through(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device() || kind.is_fifo()
}

#[cfg(not(unix))]
fn written_through(_: &std::fs::FileType) -> bool {
    false
}
