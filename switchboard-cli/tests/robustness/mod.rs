//! What must hold for any input of `switchboard import`, `diff` and `audit`, checked by the
//! property tests (`tests/properties.rs`) and by the fuzz targets (`fuzz/`, which include this
//! file): every parser gives a value or a clear error, never a panic; the import, audit and diff
//! paths run to the end on whatever the parsers accept; import's output lexes as Rust and every
//! string literal in it reads back as the text it was written from; a diff of an input with
//! itself finds nothing.
//!
//! Each check returns `Err` with what went wrong, so the property tests report it through
//! `prop_assert!` and the fuzz targets panic with it (libFuzzer keeps the input as a crash).
#![allow(dead_code)]

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};
use switchboard_cli::input::{self, Loaded, Profile};
use switchboard_cli::{InputError, audit, diff, import, render};
use switchboard_core::rules::name::{BUILTIN_PROFILE_NAMES, names_collide};

/// The longest error reason that still reads as a sentence: keys and values quoted in errors
/// are shortened, so a megabyte-long key does not make a megabyte-long message.
pub const MAX_REASON_CHARS: usize = 1200;

/// The bidirectional-text controls rustc refuses in source, comments included (lints
/// `text_direction_codepoint_in_literal` and `text_direction_codepoint_in_comment`, deny by
/// default), plus the marks that reorder text the same way.
pub const BIDI: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// A clear error: a reason that is not empty, one line with no control characters (it is
/// printed on a terminal as `switchboard: FILE: REASON`), of a readable length, and that says
/// what is wrong. (A panic is no error: it fails the test, or is libFuzzer's crash, by itself.
/// The reason may quote the input, so it is not searched for panic messages.)
pub fn clear_error(context: &str, error: &InputError) -> Result<(), String> {
    let reason = &error.reason;
    let fail = |why: &str| Err(format!("{context}: unclear error ({why}): {error:?}"));
    if reason.trim().is_empty() {
        return fail("empty reason");
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return fail(&format!(
            "{} characters, more than {MAX_REASON_CHARS}",
            reason.chars().count()
        ));
    }
    if let Some(c) = reason.chars().find(|c| c.is_control() || BIDI.contains(c)) {
        return fail(&format!(
            "holds U+{:04X}, which a terminal would act on",
            c as u32
        ));
    }
    if !says_what_is_wrong(reason) {
        return fail("it neither names a place in the input nor a known kind of problem");
    }
    Ok(())
}

/// Reasons name a place in the document (`Resources.A.Type: expected a string, found a
/// number`) or the whole document's problem.
fn says_what_is_wrong(reason: &str) -> bool {
    const WHOLE: [&str; 12] = [
        "not valid JSON: ",
        "not JSON: the file holds binary data",
        "the file is empty",
        "this looks like a YAML template",
        "not a CloudFormation template, a cloud assembly manifest or AWS CLI",
        "the template has no `Resources`",
        "this is the output of `aws connect list-security-profiles`",
        "not a cloud assembly manifest",
        "is a cloud assembly manifest",
        "no security profiles found in the inputs",
        "describe-security-profile output without its permissions",
        "list-security-profile-permissions output without its profile",
    ];
    const PLACES: [&str; 10] = [
        "Resources",
        "artifacts",
        "SecurityProfile",
        "Permissions",
        "NextToken",
        "[",
        "the document",
        "the manifest",
        "the template",
        "several permission files",
    ];
    WHOLE.iter().any(|w| reason.starts_with(w))
        || PLACES.iter().any(|p| reason.starts_with(p))
        || reason.contains(": the profile has no SecurityProfileName")
        || reason.contains(" is an intrinsic function (Ref, Fn::Sub, ...)")
}

fn result<T>(context: &str, result: Result<T, InputError>) -> Result<Option<T>, String> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) => clear_error(context, &error).map(|()| None),
    }
}

/// Every parser on one document's bytes: a value or a clear error.
pub fn parsers(name: &str, bytes: &[u8]) -> Result<(), String> {
    result("json::parse", input::json::parse(bytes))?;
    result("parse_document", input::parse_document(bytes, name))?;
    result("template::parse", input::template::parse(bytes, name))?;
    result("awscli::parse", input::awscli::parse(bytes))?;
    result(
        "assembly::parse_manifest",
        input::assembly::parse_manifest(bytes),
    )?;
    Ok(())
}

/// Reads documents as `switchboard import`, `audit` and `diff` read files: a clear error, or
/// what was loaded.
pub fn load(documents: &[(&str, &[u8])]) -> Result<Option<Loaded>, String> {
    for (name, bytes) in documents {
        parsers(name, bytes)?;
    }
    result(
        "load_documents",
        input::load_documents(documents.iter().copied()),
    )
}

/// The import, audit and diff paths on documents, and on `baseline` (the documents before a
/// mutation, when there are such) against them both ways. Returns what was loaded, if
/// anything.
pub fn paths(
    documents: &[(&str, &[u8])],
    baseline: Option<&Loaded>,
) -> Result<Option<Loaded>, String> {
    let Some(loaded) = load(documents)? else {
        return Ok(None);
    };
    audit_all(&loaded);
    import_all(&loaded)?;
    diff_self(&loaded)?;
    if let Some(old) = baseline {
        render_diff(&diff::diff(old, &loaded));
        render_diff(&diff::diff(&loaded, old));
    }
    Ok(Some(loaded))
}

/// `switchboard audit` in every format.
pub fn audit_all(loaded: &Loaded) {
    let report = audit::audit(loaded);
    let _ = render::audit::text(&report);
    let _ = render::audit::markdown(&report);
    let _ = render::html::page(&report);
    let _ = serde_json::to_string(&report);
}

/// `switchboard diff` in every format.
pub fn render_diff(report: &diff::DiffReport) {
    let _ = render::diff::text(report);
    let _ = render::diff::markdown(report);
    let _ = serde_json::to_string(report);
}

/// A diff of what was loaded with itself: nothing added, removed or changed, and no escalation
/// but the fail-closed ones: what cannot be evaluated is flagged every time, changed or not,
/// each once, and nothing else.
pub fn diff_self(loaded: &Loaded) -> Result<(), String> {
    let report = diff::diff(loaded, loaded);
    render_diff(&report);
    let unevaluable = report.unevaluable.len()
        + report
            .changed
            .iter()
            .map(|c| c.unevaluable.len())
            .sum::<usize>();
    let only_unevaluable = report.changed.iter().all(|c| {
        c.replacement.is_empty()
            && c.permissions_added.is_empty()
            && c.permissions_removed.is_empty()
            && c.restriction_changes.is_empty()
            && c.other_changes.is_empty()
            && c.unmodelled_changes.is_empty()
            && !c.unevaluable.is_empty()
    });
    let all_fail_closed = report
        .escalations
        .iter()
        .all(|e| e.kind == diff::EscalationKind::Unevaluable);
    if !report.added.is_empty()
        || !report.removed.is_empty()
        || !only_unevaluable
        || !all_fail_closed
        || report.escalations.len() != unevaluable
    {
        return Err(format!(
            "a diff of the input with itself is not empty: {} escalations ({:?}), {} added, {} \
             removed, {} changed",
            report.escalations.len(),
            report
                .escalations
                .iter()
                .find(|e| e.kind != diff::EscalationKind::Unevaluable),
            report.added.len(),
            report.removed.len(),
            report.changed.len()
        ));
    }
    Ok(())
}

/// `switchboard import`, with and without `--module`: a clear error, or source that lexes as
/// Rust and whose string literals read back as the profiles' text.
pub fn import_all(loaded: &Loaded) -> Result<(), String> {
    for module in [None, Some("imported")] {
        if let Some(imported) = result(
            "import",
            import::import(&loaded.profiles, &loaded.files, module),
        )? {
            check_import(&loaded.profiles, &imported.source)
                .map_err(|e| format!("import (module {module:?}): {e}"))?;
        }
    }
    Ok(())
}

/// Import's source lexes as Rust (delimiters balanced, literals well formed), holds no
/// bidirectional-text control (rustc refuses them even in comments), and every text of every
/// profile it writes is among its string literals, read back exactly.
pub fn check_import(profiles: &[Profile], source: &str) -> Result<(), String> {
    let literals = rust_string_literals(source)?;
    let written: BTreeSet<&str> = literals.iter().map(String::as_str).collect();
    for p in profiles {
        let name = p.name.as_deref().unwrap_or_default();
        if BUILTIN_PROFILE_NAMES.iter().any(|b| names_collide(b, name)) {
            continue;
        }
        let mut texts: Vec<&str> = vec![name];
        texts.extend(p.description.as_deref());
        texts.extend(p.hierarchy_group.as_deref());
        for (k, v) in p.tags.iter().chain(&p.access_control_tags) {
            texts.push(k);
            texts.push(v);
        }
        texts.extend(
            p.metadata
                .as_ref()
                .and_then(|m| m.sensitive_reason.as_deref()),
        );
        for text in texts {
            if !written.contains(text) {
                return Err(format!(
                    "{name:?}: the text {text:?} is not read back from any string literal"
                ));
            }
        }
    }
    Ok(())
}

/// The values of the string literals of `source`, after checking that it lexes as Rust and
/// holds no bidirectional-text control.
pub fn rust_string_literals(source: &str) -> Result<Vec<String>, String> {
    if let Some(c) = source.chars().find(|c| BIDI.contains(c)) {
        return Err(format!(
            "the source holds U+{:04X}, a bidirectional-text control rustc refuses in source \
             and comments",
            c as u32
        ));
    }
    let tokens: TokenStream = source
        .parse()
        .map_err(|e| format!("the source does not lex as Rust: {e:?}"))?;
    let mut literals = Vec::new();
    collect_literals(tokens, &mut literals)?;
    Ok(literals)
}

fn collect_literals(tokens: TokenStream, out: &mut Vec<String>) -> Result<(), String> {
    for token in tokens {
        match token {
            TokenTree::Group(group) => collect_literals(group.stream(), out)?,
            TokenTree::Literal(literal) => {
                let text = literal.to_string();
                if text.starts_with('"') {
                    out.push(unescape(&text)?);
                } else if !text.starts_with(|c: char| c.is_ascii_digit()) {
                    return Err(format!("unexpected literal {text}"));
                }
            }
            TokenTree::Ident(_) | TokenTree::Punct(_) => {}
        }
    }
    Ok(())
}

/// The value of a Rust string literal (`"..."` with Rust's escapes), or why it is not one.
pub fn unescape(literal: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("bad string literal {literal}: {why}"));
    let Some(inner) = literal.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return bad("not quoted");
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some('\\') => out.push('\\'),
                Some('\'') => out.push('\''),
                Some('"') => out.push('"'),
                Some('x') => {
                    let hex: String = chars.by_ref().take(2).collect();
                    match u8::from_str_radix(&hex, 16) {
                        Ok(b) if hex.len() == 2 && b <= 0x7F => out.push(char::from(b)),
                        _ => return bad("\\x takes two hex digits up to 7F"),
                    }
                }
                Some('u') => {
                    if chars.next() != Some('{') {
                        return bad("\\u without {");
                    }
                    let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    let value = u32::from_str_radix(&hex.replace('_', ""), 16).ok();
                    match value.and_then(char::from_u32) {
                        Some(ch) if (1..=6).contains(&hex.len()) => out.push(ch),
                        _ => return bad("\\u{...} is not a character"),
                    }
                }
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                _ => return bad("unknown escape"),
            },
            '\r' => return bad("bare carriage return"),
            '"' => return bad("unescaped quote"),
            c => out.push(c),
        }
    }
    Ok(out)
}
