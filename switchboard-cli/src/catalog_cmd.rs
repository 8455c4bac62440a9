//! `switchboard catalog` and `switchboard explain`: what the catalog knows.

use std::fmt::Write;

use serde::Serialize;
use switchboard_core::catalog::{self, PermissionInfo, Section};
use switchboard_core::rules::permissions::looks_like_iam_action;
use switchboard_core::{groups, presets, seed_names, suggest};

use crate::error::InputError;
use crate::render::{plain, table};

/// The version of the catalog JSON schema.
pub const SCHEMA: &str = "switchboard.catalog/1";

/// The version of the explain JSON schema.
pub const EXPLAIN_SCHEMA: &str = "switchboard.explain/1";

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
    }
}

/// The catalog as a text table.
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
    let _ = writeln!(out, "source: {}", catalog::AWS_LIST_SOURCE);
    let _ = writeln!(out, "note: {}\n", catalog::AWS_LIST_NOTE);
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            let mut row = vec![
                p.api.to_owned(),
                p.tier.label().to_owned(),
                p.status.label().to_owned(),
            ];
            if section.is_none() {
                row.push(p.section.ident().to_owned());
            }
            row.push(p.ui.to_owned());
            row
        })
        .collect();
    let headers: &[&str] = if section.is_none() {
        &["API NAME", "TIER", "STATUS", "SECTION", "CONSOLE LABEL"]
    } else {
        &["API NAME", "TIER", "STATUS", "CONSOLE LABEL"]
    };
    out.push_str(&table(headers, &rows));
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
    rows.push((
        "evidence",
        format!(
            "{}{}",
            p.evidence.join(", "),
            if p.single_source {
                " (single source)"
            } else {
                ""
            }
        ),
    ));
    let mut out = format!("{}\n", p.api);
    for (label, value) in rows {
        let _ = writeln!(out, "  {:<15}{}", format!("{label}:"), value);
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
