//! `audit` as a text table and as Markdown.

use std::fmt::Write;

use super::{code, md, plain, plural, table};
use crate::audit::{AuditReport, ProfileAudit};
use crate::findings::Level;

fn findings_cell(p: &ProfileAudit) -> String {
    let (e, w) = (p.count(Level::Error), p.count(Level::Warning));
    match (e, w) {
        (0, 0) => "none".to_owned(),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn sections_line(p: &ProfileAudit) -> String {
    p.sections
        .iter()
        .map(|s| format!("{} {}", s.title, s.total))
        .collect::<Vec<_>>()
        .join(", ")
}

fn headline(report: &AuditReport) -> String {
    format!(
        "{}, {} with sensitive permissions; {}, {}",
        plural(report.summary.profiles, "profile"),
        report.summary.profiles_with_sensitive,
        plural(report.summary.errors, "error"),
        plural(report.summary.warnings, "warning"),
    )
}

/// The text report.
pub fn text(report: &AuditReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "switchboard audit: {} (catalog: AWS permission list of {})",
        headline(report),
        report.catalog_date
    );
    for input in &report.inputs {
        let _ = writeln!(out, "input: {}", plain(input));
    }
    if report.profiles.is_empty() {
        out.push_str("\nNo security profiles found.\n");
        return out;
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = report
        .profiles
        .iter()
        .map(|p| {
            vec![
                plain(&p.name),
                p.permission_count.to_string(),
                p.sensitive.len().to_string(),
                p.high_impact.len().to_string(),
                findings_cell(p),
                plain(&p.restrictions.summary()),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "PROFILE",
            "PERMISSIONS",
            "SENSITIVE",
            "HIGH-IMPACT",
            "FINDINGS",
            "RESTRICTIONS",
        ],
        &rows,
    ));
    for p in &report.profiles {
        let _ = writeln!(out, "\n== {} ==", plain(&p.name));
        let source = match (&p.source.stack, &p.source.logical_id) {
            (Some(s), Some(id)) => format!("{} (stack {s}, resource {id})", p.source.file),
            (None, Some(id)) => format!("{} (resource {id})", p.source.file),
            _ => p.source.file.clone(),
        };
        let _ = writeln!(out, "source: {}", plain(&source));
        if let Some(d) = &p.description {
            let _ = writeln!(out, "description: {}", plain(d));
        }
        let _ = writeln!(
            out,
            "permissions: {}{}",
            p.permission_count,
            if p.sections.is_empty() {
                String::new()
            } else {
                format!(" ({})", sections_line(p))
            }
        );
        if p.sensitive.is_empty() {
            out.push_str("sensitive: none\n");
        } else {
            let _ = writeln!(
                out,
                "sensitive: {}; reason: {}",
                p.sensitive.len(),
                match &p.sensitive_reason {
                    Some(r) => format!("{:?}", plain(r)),
                    None => "none stated".to_owned(),
                }
            );
            for s in &p.sensitive {
                let _ = writeln!(out, "  {}  {}", plain(&s.name), s.risk.unwrap_or(""));
            }
        }
        if !p.high_impact.is_empty() {
            let _ = writeln!(out, "high-impact: {}", p.high_impact.len());
            for s in &p.high_impact {
                let _ = writeln!(out, "  {}  {}", plain(&s.name), s.risk.unwrap_or(""));
            }
        }
        let _ = writeln!(out, "restrictions: {}", plain(&p.restrictions.summary()));
        if p.findings.is_empty() {
            out.push_str("findings: none\n");
        } else {
            out.push_str("findings:\n");
            for f in &p.findings {
                let _ = writeln!(
                    out,
                    "  {} {}{}: {}",
                    f.severity.label(),
                    f.rule,
                    f.at.as_ref()
                        .map(|a| format!(" at {}", plain(a)))
                        .unwrap_or_default(),
                    plain(&f.message)
                );
                if let Some(help) = &f.help {
                    let _ = writeln!(out, "    help: {}", plain(help));
                }
            }
        }
    }
    if !report.cross_profile_findings.is_empty() {
        out.push_str("\n== across profiles ==\n");
        for f in &report.cross_profile_findings {
            let _ = writeln!(
                out,
                "  {} {}{}: {}",
                f.severity.label(),
                f.rule,
                if f.profiles.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", plain(&f.profiles.join(", ")))
                },
                plain(&f.message)
            );
            if let Some(help) = &f.help {
                let _ = writeln!(out, "    help: {}", plain(help));
            }
        }
    }
    out
}

/// The Markdown report.
pub fn markdown(report: &AuditReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## switchboard audit: {}\n", headline(report));
    let _ = writeln!(
        out,
        "Catalog: AWS permission list of {}. Inputs: {}.\n",
        report.catalog_date,
        report
            .inputs
            .iter()
            .map(|i| code(i))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if report.profiles.is_empty() {
        out.push_str("No security profiles found.\n");
        return out;
    }
    out.push_str("| Profile | Permissions | Sensitive | High-impact | Findings | Restrictions |\n");
    out.push_str("|---|---:|---:|---:|---|---|\n");
    for p in &report.profiles {
        let sensitive = if p.sensitive.is_empty() {
            "0".to_owned()
        } else {
            format!("**{}**", p.sensitive.len())
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md(&p.name),
            p.permission_count,
            sensitive,
            p.high_impact.len(),
            findings_cell(p),
            md(&p.restrictions.summary())
        );
    }
    for p in &report.profiles {
        let _ = writeln!(out, "\n### {}\n", md(&p.name));
        if let Some(d) = &p.description {
            // Never at the start of a line, where a template's `- `, `1. ` or `---` would be
            // markup.
            let _ = writeln!(out, "_Description:_ {}\n", md(d));
        }
        let _ = writeln!(
            out,
            "- **Permissions**: {}{}",
            p.permission_count,
            if p.sections.is_empty() {
                String::new()
            } else {
                format!(" ({})", md(&sections_line(p)))
            }
        );
        if !p.sensitive.is_empty() {
            let _ = writeln!(
                out,
                "- **Sensitive** ({}): {}",
                p.sensitive.len(),
                p.sensitive
                    .iter()
                    .map(|s| code(&s.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(
                out,
                "- **Reason**: {}",
                match &p.sensitive_reason {
                    Some(r) => md(r),
                    None => "_none stated_".to_owned(),
                }
            );
        }
        if !p.high_impact.is_empty() {
            let _ = writeln!(
                out,
                "- **High-impact** ({}): {}",
                p.high_impact.len(),
                p.high_impact
                    .iter()
                    .map(|s| code(&s.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(out, "- **Restrictions**: {}", md(&p.restrictions.summary()));
        if !p.findings.is_empty() {
            out.push_str("\n| Severity | Rule | Where | Finding |\n|---|---|---|---|\n");
            for f in &p.findings {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {}{} |",
                    f.severity.label(),
                    f.rule,
                    f.at.as_deref().map(code).unwrap_or_default(),
                    md(&f.message),
                    f.help
                        .as_ref()
                        .map(|h| format!(" _Help:_ {}", md(h)))
                        .unwrap_or_default()
                );
            }
        }
    }
    if !report.cross_profile_findings.is_empty() {
        out.push_str("\n### Across profiles\n\n| Severity | Rule | Profiles | Finding |\n|---|---|---|---|\n");
        for f in &report.cross_profile_findings {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                f.severity.label(),
                f.rule,
                md(&f.profiles.join(", ")),
                md(&f.message)
            );
        }
    }
    out
}
