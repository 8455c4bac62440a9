//! `diff` as a text report and as Markdown for a pull-request comment.

use std::fmt::Write;

use switchboard_core::catalog;

use super::{code, md, md_code, plain, plural, table};
use crate::diff::{DiffReport, EscalationKind, ProfileChange};

fn headline(report: &DiffReport) -> String {
    let n = report.escalations.len();
    if report.is_empty() {
        "no changes to security profiles".to_owned()
    } else if n == 0 {
        "changes, no escalation".to_owned()
    } else {
        let sensitive = report
            .escalations
            .iter()
            .filter(|e| e.kind == EscalationKind::NewSensitivePermission)
            .count();
        if sensitive > 0 {
            format!(
                "{} ({} new sensitive permission{})",
                plural(n, "escalation"),
                sensitive,
                if sensitive == 1 { "" } else { "s" }
            )
        } else {
            plural(n, "escalation")
        }
    }
}

fn change_summary(c: &ProfileChange) -> String {
    let mut parts = Vec::new();
    if !c.replacement.is_empty() {
        parts.push("replaced".to_owned());
    }
    if !c.permissions_added.is_empty() || !c.permissions_removed.is_empty() {
        parts.push(format!(
            "+{} / -{} permissions",
            c.permissions_added.len(),
            c.permissions_removed.len()
        ));
    }
    if !c.restriction_changes.is_empty() {
        parts.push(plural(c.restriction_changes.len(), "restriction change"));
    }
    if !c.other_changes.is_empty() {
        parts.push(plural(c.other_changes.len(), "other change"));
    }
    if !c.unmodelled_changes.is_empty() {
        parts.push(plural(
            c.unmodelled_changes.len(),
            "unmodelled property change",
        ));
    }
    if !c.unevaluable.is_empty() {
        parts.push(format!(
            "{} that cannot be evaluated",
            plural(c.unevaluable.len(), "value")
        ));
    }
    parts.join(", ")
}

fn risk(permission: &str) -> &'static str {
    catalog::lookup(permission).map_or("", |i| i.risk)
}

/// The text report.
pub fn text(report: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "switchboard diff: {}", headline(report));
    let _ = writeln!(
        out,
        "old: {}\nnew: {}",
        plain(&report.old_inputs.join(", ")),
        plain(&report.new_inputs.join(", "))
    );
    if !report.escalations.is_empty() {
        out.push_str("\nESCALATIONS\n");
        let rows: Vec<Vec<String>> = report
            .escalations
            .iter()
            .map(|e| {
                vec![
                    plain(&e.profile),
                    e.kind.label().to_owned(),
                    plain(&e.detail),
                ]
            })
            .collect();
        out.push_str(&table(&["PROFILE", "KIND", "DETAIL"], &rows));
    }
    for u in &report.unevaluable {
        let _ = writeln!(
            out,
            "\ncannot be evaluated: {}{}, {}: {}",
            plain(&u.file),
            u.stack
                .as_ref()
                .map(|s| format!(" (stack {})", plain(s)))
                .unwrap_or_default(),
            plain(&u.path),
            plain(&u.what)
        );
    }
    for a in &report.added {
        let _ = writeln!(
            out,
            "\nadded profile {}: {}{}",
            plain(&a.profile.name),
            plural(a.permission_count, "permission"),
            if a.sensitive.is_empty() {
                String::new()
            } else {
                format!(" (sensitive: {})", plain(&a.sensitive.join(", ")))
            }
        );
    }
    for r in &report.removed {
        let _ = writeln!(
            out,
            "\nremoved profile {}: {}",
            plain(&r.profile.name),
            plural(r.permission_count, "permission")
        );
    }
    for c in &report.changed {
        let _ = writeln!(
            out,
            "\nchanged profile {}: {}",
            plain(&c.profile.name),
            change_summary(c)
        );
        for r in &c.replacement {
            let _ = writeln!(out, "  replaced: {}", plain(r));
        }
        for p in &c.permissions_added {
            let _ = writeln!(
                out,
                "  + {} ({}{})",
                plain(&p.name),
                p.tier,
                if p.implied { ", implied" } else { "" }
            );
        }
        for p in &c.permissions_removed {
            let _ = writeln!(out, "  - {}", plain(p));
        }
        for r in &c.restriction_changes {
            let _ = writeln!(
                out,
                "  {}: {:?} -> {:?}{}",
                r.property,
                plain(&r.old),
                plain(&r.new),
                if r.loosens {
                    " (loosened)"
                } else {
                    " (tightened)"
                }
            );
        }
        for f in &c.other_changes {
            let _ = writeln!(
                out,
                "  {}: {:?} -> {:?}",
                f.property,
                plain(&f.old),
                plain(&f.new)
            );
        }
        for u in &c.unmodelled_changes {
            let _ = writeln!(
                out,
                "  {} (not modelled): {} -> {}",
                plain(&u.property),
                plain(u.old.as_deref().unwrap_or("(unset)")),
                plain(u.new.as_deref().unwrap_or("(unset)"))
            );
        }
        for u in &c.unevaluable {
            let _ = writeln!(
                out,
                "  cannot be evaluated: {}: {}",
                plain(&u.path),
                plain(&u.what)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{} unchanged.",
        plural(report.unchanged.len(), "profile")
    );
    out
}

/// The Markdown report, written to read well as a pull-request comment.
pub fn markdown(report: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## switchboard diff: {}\n", headline(report));
    let sensitive: Vec<_> = report
        .escalations
        .iter()
        .filter(|e| e.kind == EscalationKind::NewSensitivePermission)
        .collect();
    if !sensitive.is_empty() {
        out.push_str("### :warning: New sensitive permissions\n\nReview these first: each exposes personal data, escalates privilege or destroys evidence.\n\n");
        out.push_str("| Profile | Permission | Risk |\n|---|---|---|\n");
        for e in &sensitive {
            let p = e.permission.as_deref().unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&e.profile),
                code(p),
                md(risk(p))
            );
        }
        out.push('\n');
    }
    let others: Vec<_> = report
        .escalations
        .iter()
        .filter(|e| e.kind != EscalationKind::NewSensitivePermission)
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            if sensitive.is_empty() {
                "Escalations"
            } else {
                "Other escalations"
            }
        );
        out.push_str("| Profile | Escalation | Detail |\n|---|---|---|\n");
        for e in &others {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&e.profile),
                e.kind.label(),
                md_code(&e.detail)
            );
        }
        out.push('\n');
    }
    if !report.unevaluable.is_empty() {
        out.push_str("### Cannot be evaluated\n\nThese may create or change profiles, and switchboard cannot read what they do: each counts as an escalation.\n\n| File | Where | What |\n|---|---|---|\n");
        for u in &report.unevaluable {
            let _ = writeln!(
                out,
                "| {}{} | {} | {} |",
                code(&u.file),
                u.stack
                    .as_ref()
                    .map(|s| format!(" (stack {})", code(s)))
                    .unwrap_or_default(),
                code(&u.path),
                md_code(&u.what)
            );
        }
        out.push('\n');
    }
    if report.is_empty() {
        let _ = writeln!(
            out,
            "{} compared; none added, removed or changed.\n",
            plural(report.unchanged.len(), "profile")
        );
    } else {
        out.push_str("### Changes\n\n");
        for a in &report.added {
            let _ = writeln!(
                out,
                "- **Added** {}: {}{}",
                code(&a.profile.name),
                plural(a.permission_count, "permission"),
                if a.sensitive.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", sensitive: {}",
                        a.sensitive
                            .iter()
                            .map(|s| code(s))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            );
        }
        for r in &report.removed {
            let _ = writeln!(
                out,
                "- **Removed** {}: {}",
                code(&r.profile.name),
                plural(r.permission_count, "permission")
            );
        }
        for c in &report.changed {
            if c.replacement.is_empty() {
                let _ = writeln!(
                    out,
                    "- **Changed** {}: {}",
                    code(&c.profile.name),
                    change_summary(c)
                );
            } else {
                let _ = writeln!(
                    out,
                    "- **Replaced** {} (was {}): {}",
                    code(&c.profile.name),
                    code(&c.old.name),
                    md_code(&c.replacement.join("; "))
                );
            }
        }
        for c in &report.changed {
            if c.permissions_added.is_empty()
                && c.permissions_removed.is_empty()
                && c.restriction_changes.is_empty()
                && c.other_changes.is_empty()
                && c.unmodelled_changes.is_empty()
                && c.unevaluable.is_empty()
            {
                continue;
            }
            // In a code element GitHub links nothing; `plain` keeps the summary on one line,
            // so no blank line can end the HTML block early.
            let _ = writeln!(
                out,
                "\n<details><summary><code>{}</code>: {}</summary>\n",
                super::html::escape(&plain(&c.profile.name)),
                super::html::escape(&change_summary(c))
            );
            if !c.permissions_added.is_empty() || !c.permissions_removed.is_empty() {
                out.push_str("| Change | Permission | Tier |\n|---|---|---|\n");
                for p in &c.permissions_added {
                    let _ = writeln!(
                        out,
                        "| added | {} | {}{} |",
                        code(&p.name),
                        p.tier,
                        if p.implied { " (implied)" } else { "" }
                    );
                }
                for p in &c.permissions_removed {
                    let tier = catalog::lookup(p).map_or("unknown", |i| i.tier.label());
                    let _ = writeln!(out, "| removed | {} | {tier} |", code(p));
                }
                out.push('\n');
            }
            if !c.restriction_changes.is_empty() || !c.other_changes.is_empty() {
                out.push_str("| Property | Old | New | Effect |\n|---|---|---|---|\n");
                for r in &c.restriction_changes {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} |",
                        r.property,
                        md(&r.old),
                        md(&r.new),
                        if r.loosens {
                            "**loosened**"
                        } else {
                            "tightened"
                        }
                    );
                }
                for f in &c.other_changes {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | |",
                        f.property,
                        md(&f.old),
                        md(&f.new)
                    );
                }
                out.push('\n');
            }
            if !c.unmodelled_changes.is_empty() || !c.unevaluable.is_empty() {
                out.push_str("| Property | Old | New | Effect |\n|---|---|---|---|\n");
                for u in &c.unmodelled_changes {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | **not modelled: counts as loosened** |",
                        code(&u.property),
                        u.old.as_deref().map(code).unwrap_or_default(),
                        u.new.as_deref().map(code).unwrap_or_default()
                    );
                }
                for u in &c.unevaluable {
                    let _ = writeln!(
                        out,
                        "| {} | | {} | **cannot be evaluated** |",
                        code(&u.path),
                        md_code(&u.what)
                    );
                }
                out.push('\n');
            }
            out.push_str("</details>\n");
        }
        if !report.unchanged.is_empty() {
            let _ = writeln!(
                out,
                "\n{} unchanged.",
                plural(report.unchanged.len(), "profile")
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "<sub>switchboard diff, catalog: AWS permission list of {}. Escalation: anything that widens access (new permission or profile, removed `without`, looser restriction) or replaces a profile.</sub>",
        report.catalog_date
    );
    out
}
