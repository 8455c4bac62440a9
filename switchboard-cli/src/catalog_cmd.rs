//! `switchboard catalog` and `switchboard explain`: what the catalog knows.

use std::fmt::Write;

use serde::Serialize;
use switchboard_core::catalog::{self, PermissionInfo, Section};
use switchboard_core::rules::permissions::looks_like_iam_action;
use switchboard_core::{groups, presets, seed_names, suggest};

use crate::error::InputError;
use crate::render::plain;

/// The version of the catalog JSON schema.
pub const SCHEMA: &str = "switchboard.catalog/1";

/// The version of the explain JSON schema.
pub const EXPLAIN_SCHEMA: &str = "switchboard.explain/1";

/// What each evidence key of the catalog stands for: where the permission was seen.
pub const EVIDENCE_SOURCES: [(&str, &str); 7] = [
    (
        "S1",
        "the current AWS page \"List of security profile permissions\"",
    ),
    (
        "S3",
        "archived revisions of the AWS admin guide (2022-11 to 2023-06)",
    ),
    (
        "O1",
        "a real exported security profile from a public repository: a default Admin profile",
    ),
    (
        "O2",
        "real exported security profiles from a public repository: admin, agent, call center manager and quality analyst copies",
    ),
    (
        "O3",
        "real exported security profiles from a public repository (Terraform)",
    ),
    (
        "O4",
        "a real security profile from a public repository (CDK, Python): a help-desk admin",
    ),
    (
        "O5",
        "real exported security profiles from a public repository (CDK, TypeScript)",
    ),
];

/// What an evidence key stands for.
pub fn evidence_source(key: &str) -> Option<&'static str> {
    EVIDENCE_SOURCES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, source)| *source)
}

/// An evidence key and what it stands for, as JSON shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceJson {
    /// The key (`S1`).
    pub key: &'static str,
    /// What it stands for.
    pub source: &'static str,
}

fn evidence_json(keys: &[&'static str]) -> Vec<EvidenceJson> {
    keys.iter()
        .map(|key| EvidenceJson {
            key,
            source: evidence_source(key).unwrap_or("(not described)"),
        })
        .collect()
}

/// One permission as JSON shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PermissionJson {
    /// The exact API name.
    pub api: &'static str,
    /// The console's label (empty for undocumented names).
    pub ui: &'static str,
    /// The section's identifier.
    pub section: &'static str,
    /// The section's heading on the AWS page.
    pub section_title: &'static str,
    /// What it grants.
    pub grants: &'static str,
    /// How the catalog knows it (`documented`, `legacy`, ...).
    pub status: &'static str,
    /// `ordinary`, `high-impact` or `sensitive`.
    pub tier: &'static str,
    /// Why the tier is not ordinary.
    pub risk: Option<&'static str>,
    /// For legacy names, what to use instead.
    pub replacement: &'static [&'static str],
    /// The View the console adds with it.
    pub implies: Option<&'static str>,
    /// Set when the feature is no longer supported.
    pub end_of_support: Option<&'static str>,
    /// The sources that attest it (see reference/README.md).
    pub evidence: &'static [&'static str],
    /// True when one source only attests it.
    pub single_source: bool,
}

impl PermissionJson {
    /// The JSON form of a catalog entry.
    pub fn of(p: &'static PermissionInfo) -> Self {
        PermissionJson {
            api: p.api,
            ui: p.ui,
            section: p.section.ident(),
            section_title: p.section.title(),
            grants: p.grants,
            status: p.status.label(),
            tier: p.tier.label(),
            risk: (!p.risk.is_empty()).then_some(p.risk),
            replacement: p.replacement,
            implies: p.implies,
            end_of_support: p.end_of_support,
            evidence: p.evidence,
            single_source: p.single_source,
        }
    }
}

/// A historical AWS typo, as JSON shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RejectedJson {
    /// The wrong name.
    pub name: &'static str,
    /// The right one.
    pub correct: &'static str,
    /// Where it was printed.
    pub note: &'static str,
}

/// `catalog --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogJson {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The date of the AWS list.
    pub aws_list_date: &'static str,
    /// The AWS page.
    pub aws_list_source: &'static str,
    /// How the list was compiled.
    pub aws_list_note: &'static str,
    /// The section asked for, if any.
    pub section: Option<&'static str>,
    /// The permissions, sorted by API name.
    pub permissions: Vec<PermissionJson>,
    /// Names AWS documentation once printed by mistake (not with `--section`).
    pub rejected_names: Vec<RejectedJson>,
    /// What the permissions' evidence keys stand for.
    pub evidence_keys: Vec<EvidenceJson>,
}

/// Finds a section by identifier or title, or says which exist.
pub fn parse_section(text: &str) -> Result<Section, InputError> {
    Section::parse(text).ok_or_else(|| {
        let idents = Section::ALL.iter().map(|s| s.ident());
        let hint = match suggest::did_you_mean(text, idents.clone()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the sections are {}", idents.collect::<Vec<_>>().join(", ")),
        };
        InputError::usage(format!(
            "--section {text:?} is not a section of the catalog; {hint}"
        ))
    })
}

/// The catalog as JSON.
pub fn catalog_json(section: Option<Section>) -> CatalogJson {
    CatalogJson {
        schema: SCHEMA,
        aws_list_date: catalog::AWS_LIST_DATE,
        aws_list_source: catalog::AWS_LIST_SOURCE,
        aws_list_note: catalog::AWS_LIST_NOTE,
        section: section.map(Section::ident),
        permissions: catalog::PERMISSIONS
            .iter()
            .filter(|p| section.is_none_or(|s| p.section == s))
            .map(PermissionJson::of)
            .collect(),
        rejected_names: if section.is_some() {
            Vec::new()
        } else {
            catalog::REJECTED_NAMES
                .iter()
                .map(|r| RejectedJson {
                    name: r.name,
                    correct: r.correct,
                    note: r.note,
                })
                .collect()
        },
        evidence_keys: evidence_json(&EVIDENCE_SOURCES.map(|(key, _)| key)),
    }
}

/// The widest line of `catalog`'s table.
pub const TABLE_WIDTH: usize = 100;

/// The API-name column's width; longer names take their own line, the rest of the row
/// following on the next.
const API_WIDTH: usize = 40;

/// A permission's status in one word (the full status is in `--format json`).
fn short_status(p: &PermissionInfo) -> &'static str {
    if p.status.is_legacy() {
        "legacy"
    } else if p.status.is_undocumented() {
        "undocumented"
    } else {
        "documented"
    }
}

/// `text` cut into lines of at most `width` characters, at spaces where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let space = usize::from(used > 0);
            if used + space + word.len() <= width {
                if space == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line.
            let rest = word.split_off(width);
            lines.push(word.into_iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The catalog as a text table of at most [`TABLE_WIDTH`] columns: one heading per section
/// (unless one section was asked for), console labels wrapped.
pub fn catalog_text(section: Option<Section>) -> String {
    let mut out = String::new();
    let list: Vec<&PermissionInfo> = catalog::PERMISSIONS
        .iter()
        .filter(|p| section.is_none_or(|s| p.section == s))
        .collect();
    let _ = writeln!(
        out,
        "switchboard catalog: {} permissions{}; AWS permission list of {}",
        list.len(),
        section
            .map(|s| format!(" in {}", s.title()))
            .unwrap_or_default(),
        catalog::AWS_LIST_DATE
    );
    let _ = writeln!(out, "source: {}\n", catalog::AWS_LIST_SOURCE);
    let api_width = list
        .iter()
        .map(|p| p.api.chars().count())
        .max()
        .unwrap_or(0)
        .clamp("API NAME".len(), API_WIDTH);
    let tier_width = "high-impact".len();
    let status_width = "undocumented".len();
    let label_at = api_width + 2 + tier_width + 2 + status_width + 2;
    let label_width = TABLE_WIDTH - label_at;
    let row = |out: &mut String, api: &str, tier: &str, status: &str, label: &str| {
        let mut line = api.to_owned();
        if api.chars().count() > api_width {
            line.push('\n');
            line.push_str(&" ".repeat(api_width));
        } else {
            line.push_str(&" ".repeat(api_width - api.chars().count()));
        }
        let _ = write!(line, "  {tier:<tier_width$}  {status:<status_width$}  ");
        for (i, part) in wrap(label, label_width).iter().enumerate() {
            if i > 0 {
                line.push('\n');
                line.push_str(&" ".repeat(label_at));
            }
            line.push_str(part);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    row(&mut out, "API NAME", "TIER", "STATUS", "CONSOLE LABEL");
    let rule = |w: usize| "-".repeat(w);
    row(
        &mut out,
        &rule(api_width),
        &rule(tier_width),
        &rule(status_width),
        &rule(label_width),
    );
    let sections: Vec<Section> = match section {
        Some(s) => vec![s],
        None => Section::ALL.to_vec(),
    };
    for s in sections {
        let mut members = list.iter().filter(|p| p.section == s).peekable();
        if members.peek().is_none() {
            continue;
        }
        if section.is_none() {
            let _ = writeln!(out, "\n{} ({})", s.title(), s.ident());
        }
        for p in members {
            let label = if p.ui.is_empty() {
                "(not in the console)"
            } else {
                p.ui
            };
            row(&mut out, p.api, p.tier.label(), short_status(p), label);
        }
    }
    out.push('\n');
    for line in wrap(
        "undocumented: returned by real instances, not on the AWS page; legacy: hidden in the \
         console, still accepted by the API. `switchboard explain NAME` tells more about one \
         permission; `--format json` has every field, with the full status and the sources.",
        TABLE_WIDTH,
    ) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// `explain --format json` for a permission.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainJson {
    /// [`EXPLAIN_SCHEMA`].
    pub schema: &'static str,
    /// The permission.
    pub permission: PermissionJson,
    /// Permissions whose `implies` is this one.
    pub implied_by: Vec<&'static str>,
    /// Built-in presets that contain it.
    pub presets: Vec<&'static str>,
    /// Built-in groups that contain it.
    pub groups: Vec<&'static str>,
    /// Seed-style names (`Category::Member`) that grant it.
    pub seed_names: Vec<String>,
    /// What the permission's evidence keys stand for, in its order.
    pub evidence_sources: Vec<EvidenceJson>,
}

/// Everything known about one catalog permission.
pub fn explain_permission(p: &'static PermissionInfo) -> ExplainJson {
    ExplainJson {
        schema: EXPLAIN_SCHEMA,
        permission: PermissionJson::of(p),
        implied_by: catalog::PERMISSIONS
            .iter()
            .filter(|q| q.implies == Some(p.api))
            .map(|q| q.api)
            .collect(),
        presets: presets::BUILTIN_PRESETS
            .iter()
            .filter(|d| d.permissions.contains(&p.api))
            .map(|d| d.name)
            .collect(),
        groups: groups::BUILTIN_GROUPS
            .iter()
            .filter(|d| d.permissions.contains(&p.api))
            .map(|d| d.name)
            .collect(),
        seed_names: seed_names::SEED_CATEGORIES
            .iter()
            .flat_map(|c| {
                c.members
                    .iter()
                    .filter(|m| m.permissions.contains(&p.api))
                    .map(move |m| format!("{}::{}", c.name, m.name))
            })
            .collect(),
        evidence_sources: evidence_json(p.evidence),
    }
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The text form of [`explain_permission`].
pub fn explain_text(e: &ExplainJson) -> String {
    let p = &e.permission;
    let mut rows: Vec<(&str, String)> = vec![
        (
            "console label",
            if p.ui.is_empty() {
                "(none: not in the console)".to_owned()
            } else {
                p.ui.to_owned()
            },
        ),
        ("section", format!("{} ({})", p.section_title, p.section)),
        ("grants", p.grants.to_owned()),
        ("status", p.status.to_owned()),
        (
            "tier",
            match p.risk {
                Some(risk) => format!("{}: {risk}", p.tier),
                None => p.tier.to_owned(),
            },
        ),
    ];
    if !p.replacement.is_empty() {
        rows.push(("use instead", p.replacement.join(" + ")));
    }
    if let Some(eos) = p.end_of_support {
        rows.push(("end of support", eos.to_owned()));
    }
    rows.push((
        "implies",
        match p.implies {
            Some(v) => format!("{v} (the console adds it; so does security_profile!)"),
            None => "nothing".to_owned(),
        },
    ));
    if !e.implied_by.is_empty() {
        rows.push(("implied by", e.implied_by.join(", ")));
    }
    rows.push(("presets", list_or_none(&e.presets)));
    rows.push(("groups", list_or_none(&e.groups)));
    rows.push((
        "seed names",
        list_or_none(&e.seed_names.iter().map(String::as_str).collect::<Vec<_>>()),
    ));
    let mut out = format!("{}\n", p.api);
    for (label, value) in rows {
        let _ = writeln!(out, "  {:<15}{}", format!("{label}:"), value);
    }
    // Where the permission was seen, each key said in words.
    let _ = writeln!(
        out,
        "  {:<15}the name was seen in {}",
        "evidence:",
        match e.evidence_sources.len() {
            1 if p.single_source => "one source only:".to_owned(),
            n => format!("{n} sources:"),
        }
    );
    for source in &e.evidence_sources {
        let _ = writeln!(out, "    {:<4}{}", source.key, source.source);
    }
    out
}

/// What `explain NAME` finds.
#[derive(Debug, Clone)]
pub enum Explained {
    /// A catalog permission.
    Permission(Box<ExplainJson>),
    /// A preset, a group or a seed-style name, as text and JSON.
    Other {
        /// The text form.
        text: String,
        /// The JSON form.
        json: serde_json::Value,
    },
}

fn set_json(kind: &str, name: &str, summary: &str, permissions: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "schema": EXPLAIN_SCHEMA,
        "kind": kind,
        "name": name,
        "summary": summary,
        "permissions": permissions,
    })
}

fn set_text(kind: &str, name: &str, summary: &str, permissions: &[&str]) -> String {
    let mut out = format!(
        "{name} ({kind})\n  {summary}\n  {} permissions:\n",
        permissions.len()
    );
    for p in permissions {
        let tier = catalog::lookup(p).map_or("unknown", |i| i.tier.label());
        let _ = writeln!(
            out,
            "    {p}{}",
            if tier == "ordinary" {
                String::new()
            } else {
                format!("  [{tier}]")
            }
        );
    }
    out
}

/// Looks NAME up: a permission, else a preset, a group or a seed name; else an error with the
/// best suggestion.
pub fn explain(name: &str) -> Result<Explained, InputError> {
    if let Some(p) = catalog::lookup(name) {
        return Ok(Explained::Permission(Box::new(explain_permission(p))));
    }
    if let Some(p) = presets::preset(name) {
        let summary = format!("{} {}", p.summary, p.provenance);
        return Ok(Explained::Other {
            text: set_text("built-in preset", p.name, &summary, p.permissions),
            json: set_json("preset", p.name, &summary, p.permissions),
        });
    }
    if let Some(g) = groups::group(name) {
        return Ok(Explained::Other {
            text: set_text("built-in group", g.name, g.summary, g.permissions),
            json: set_json("group", g.name, g.summary, g.permissions),
        });
    }
    if let Some((category, member)) = name.split_once("::")
        && let Some(m) = seed_names::category(category).and_then(|c| c.member(member))
    {
        let summary = if m.note.is_empty() {
            "seed-style name".to_owned()
        } else {
            m.note.to_owned()
        };
        return Ok(Explained::Other {
            text: set_text("seed name", name, &summary, m.permissions),
            json: set_json("seed_name", name, &summary, m.permissions),
        });
    }
    let shown = plain(name);
    let reason = if let Some(typo) = catalog::rejected(name) {
        format!(
            "`{shown}` is not a permission: it is a typo that AWS documentation once printed ({}); the right name is `{}`",
            typo.note, typo.correct
        )
    } else if looks_like_iam_action(name) {
        format!(
            "`{shown}` is an IAM action, not a security-profile permission; `switchboard catalog` lists the permissions"
        )
    } else {
        match suggest::suggest_permission(name).or_else(|| {
            let names = presets::BUILTIN_PRESETS
                .iter()
                .map(|p| p.name)
                .chain(groups::BUILTIN_GROUPS.iter().map(|g| g.name));
            suggest::did_you_mean(name, names)
        }) {
            Some(close) => format!("`{shown}` is not in the catalog; did you mean `{close}`?"),
            None => format!(
                "`{shown}` is not in the catalog (AWS permission list of {}); `switchboard catalog` lists every permission",
                catalog::AWS_LIST_DATE
            ),
        }
    };
    Err(InputError::usage(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_evidence_key_is_described() {
        for p in catalog::PERMISSIONS {
            for key in p.evidence {
                assert!(evidence_source(key).is_some(), "{}: {key}", p.api);
            }
        }
    }

    #[test]
    fn wrap_cuts_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), [""]);
    }
}
