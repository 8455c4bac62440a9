//! `audit --format html`: one self-contained page (inline CSS, no script, no external
//! resource) whose first screen is a profiles x sections matrix: counts per cell, cells with a
//! sensitive permission in red, with a high-impact one in amber; hovering a cell lists its
//! permissions. Details per profile follow.

use std::fmt::Write;

use switchboard_core::catalog::Section;

use super::plural;
use crate::audit::{AuditReport, PermissionEntry, ProfileAudit, UNKNOWN_SECTION};
use crate::findings::Level;

/// Text safe in HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push('\n'),
            // Shown as escapes, as on a terminal: a bidi override would reorder the page.
            c if !crate::printable::shown_as_is(c) => out.extend(c.escape_debug()),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text whose `backticked` parts become `<code>`.
pub fn escape_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 && !part.is_empty() {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

const STYLE: &str = r#"
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --band:#f6f8fa;
        --sens:#cf222e; --sens-bg:#ffebe9; --high:#9a6700; --high-bg:#fff8c5; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI",
       Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 6px; }
.muted { color: var(--muted); }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0 8px; }
.stat { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: var(--band); }
.stat b { font-size: 18px; display: block; }
.stat.bad b { color: var(--sens); }
.stat.warn b { color: var(--high); }
.legend { margin: 8px 0 12px; color: var(--muted); }
.legend span { display: inline-block; min-width: 26px; text-align: center; border-radius: 4px;
               padding: 0 6px; margin: 0 4px 0 12px; border: 1px solid var(--line); }
table { border-collapse: collapse; }
.matrix { margin-top: 8px; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 4px 8px; }
.matrix thead th { background: var(--band); vertical-align: bottom; font-weight: 600; }
.matrix thead th.sec { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
                       padding: 8px 4px; font-weight: 500; min-width: 30px; }
.matrix td.name { white-space: nowrap; font-weight: 600; }
.matrix td.name a { color: var(--ink); text-decoration: none; }
.matrix td.num { text-align: center; font-variant-numeric: tabular-nums; min-width: 30px;
                 white-space: nowrap; }
.matrix td.restr { max-width: 340px; font-size: 13px; color: var(--muted); }
.matrix td.u { background: #fbefff; color: #8250df; font-weight: 700;
               box-shadow: inset 0 0 0 2px #8250df; }
.matrix td.zero { color: #c2c8cf; }
.matrix td.s { background: var(--sens-bg); color: var(--sens); font-weight: 700;
               box-shadow: inset 0 0 0 2px var(--sens); }
.matrix td.h { background: var(--high-bg); color: var(--high); font-weight: 600; }
.matrix td.total { font-weight: 700; background: var(--band); }
.matrix tbody tr:hover td { outline: 1px solid #8c959f; }
.tagpill { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
           border: 1px solid var(--line); background: var(--band); margin-right: 4px; white-space: nowrap; }
.pill-s { color: var(--sens); border-color: var(--sens); background: var(--sens-bg); }
.pill-h { color: var(--high); border-color: #d4a72c; background: var(--high-bg); }
.pill-e { color: #fff; border-color: var(--sens); background: var(--sens); }
.pill-ok { color: var(--ok); border-color: var(--ok); background: #dafbe1; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin: 14px 0; }
.card dl { display: grid; grid-template-columns: 150px 1fr; gap: 4px 12px; margin: 8px 0; }
.card dt { color: var(--muted); }
.card dd { margin: 0; }
.findings { width: 100%; margin-top: 8px; }
.findings th, .findings td { border-top: 1px solid var(--line); padding: 4px 8px; text-align: left;
                             vertical-align: top; }
.findings td.help { color: var(--muted); }
ul.perms { columns: 3 260px; margin: 6px 0; padding-left: 18px; }
ul.perms li.s code { color: var(--sens); font-weight: 700; }
ul.perms li.h code { color: var(--high); font-weight: 600; }
details summary { cursor: pointer; color: var(--muted); margin-top: 8px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
"#;

/// The sections that appear in at least one profile, in the AWS page's order, `Unknown` last.
fn columns(report: &AuditReport) -> Vec<(String, String)> {
    let used = |ident: &str| {
        report
            .profiles
            .iter()
            .any(|p| p.sections.iter().any(|s| s.section == ident))
    };
    let mut cols: Vec<(String, String)> = Section::ALL
        .iter()
        .filter(|s| used(s.ident()))
        .map(|s| (s.ident().to_owned(), s.title().to_owned()))
        .collect();
    if used(UNKNOWN_SECTION) {
        cols.push((UNKNOWN_SECTION.to_owned(), "Unknown names".to_owned()));
    }
    cols
}

fn anchor(i: usize) -> String {
    format!("p{i}")
}

fn cell(p: &ProfileAudit, section: &str) -> String {
    let Some(count) = p.sections.iter().find(|s| s.section == section) else {
        return "<td class=\"num zero\">·</td>".to_owned();
    };
    let names: Vec<&PermissionEntry> = p
        .permissions
        .iter()
        .filter(|e| e.section == section)
        .collect();
    let tip = names
        .iter()
        .map(|e| match e.tier {
            "sensitive" => format!("{} (SENSITIVE)", e.name),
            "high-impact" => format!("{} (high-impact)", e.name),
            _ => e.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (class, label) = if section == UNKNOWN_SECTION {
        ("num u", count.total.to_string())
    } else if count.sensitive > 0 {
        ("num s", format!("{} ({}!)", count.total, count.sensitive))
    } else if count.high_impact > 0 {
        ("num h", count.total.to_string())
    } else {
        ("num", count.total.to_string())
    };
    format!(
        "<td class=\"{class}\" title=\"{}\">{}</td>",
        escape(&tip),
        escape(&label)
    )
}

fn findings_pills(p: &ProfileAudit) -> String {
    let (e, w) = (p.count(Level::Error), p.count(Level::Warning));
    let mut out = String::new();
    if e > 0 {
        let _ = write!(
            out,
            "<span class=\"tagpill pill-e\">{}</span>",
            plural(e, "error")
        );
    }
    if w > 0 {
        let _ = write!(
            out,
            "<span class=\"tagpill pill-h\">{}</span>",
            plural(w, "warning")
        );
    }
    if out.is_empty() {
        out.push_str("<span class=\"tagpill pill-ok\">none</span>");
    }
    out
}

fn matrix(report: &AuditReport, out: &mut String) {
    let cols = columns(report);
    out.push_str("<table class=\"matrix\"><thead><tr><th>Profile</th><th>Total</th>");
    for (_, title) in &cols {
        let _ = write!(out, "<th class=\"sec\">{}</th>", escape(title));
    }
    out.push_str("<th>Restrictions</th><th>Findings</th></tr></thead><tbody>\n");
    for (i, p) in report.profiles.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><td class=\"name\"><a href=\"#{}\">{}</a></td><td class=\"num total\">{}</td>",
            anchor(i),
            escape(&p.name),
            p.permission_count
        );
        for (ident, _) in &cols {
            out.push_str(&cell(p, ident));
        }
        let _ = writeln!(
            out,
            "<td class=\"restr\">{}</td><td>{}</td></tr>",
            escape(&p.restrictions.summary()),
            findings_pills(p)
        );
    }
    out.push_str("</tbody></table>\n");
}

fn permission_list(p: &ProfileAudit, out: &mut String) {
    let _ = write!(
        out,
        "<details><summary>All {} permissions</summary><ul class=\"perms\">",
        p.permission_count
    );
    for e in &p.permissions {
        let class = match e.tier {
            "sensitive" => " class=\"s\"",
            "high-impact" => " class=\"h\"",
            _ => "",
        };
        let _ = write!(out, "<li{class}><code>{}</code></li>", escape(&e.name));
    }
    out.push_str("</ul></details>\n");
}

fn card(i: usize, p: &ProfileAudit, out: &mut String) {
    let _ = writeln!(
        out,
        "<section class=\"card\" id=\"{}\"><h3>{}</h3>",
        anchor(i),
        escape(&p.name)
    );
    if let Some(d) = &p.description {
        let _ = writeln!(out, "<div class=\"muted\">{}</div>", escape(d));
    }
    out.push_str("<dl>");
    let mut source = p.source.file.clone();
    if let Some(s) = &p.source.stack {
        let _ = write!(source, ", stack {s}");
    }
    if let Some(id) = &p.source.logical_id {
        let _ = write!(source, ", resource {id}");
    }
    let _ = write!(
        out,
        "<dt>Source</dt><dd><code>{}</code></dd>",
        escape(&source)
    );
    let _ = write!(out, "<dt>Permissions</dt><dd>{}</dd>", p.permission_count);
    if p.sensitive.is_empty() {
        out.push_str("<dt>Sensitive</dt><dd>none</dd>");
    } else {
        out.push_str("<dt>Sensitive</dt><dd>");
        for s in &p.sensitive {
            let _ = write!(
                out,
                "<span class=\"tagpill pill-s\" title=\"{}\">{}</span> ",
                escape(s.risk.unwrap_or("")),
                escape(&s.name)
            );
        }
        out.push_str("</dd><dt>Stated reason</dt><dd>");
        match &p.sensitive_reason {
            Some(r) => {
                let _ = write!(out, "{}", escape(r));
            }
            None => out.push_str("<b style=\"color:var(--sens)\">none stated</b>"),
        }
        out.push_str("</dd>");
    }
    if !p.high_impact.is_empty() {
        out.push_str("<dt>High-impact</dt><dd>");
        for s in &p.high_impact {
            let _ = write!(
                out,
                "<span class=\"tagpill pill-h\" title=\"{}\">{}</span> ",
                escape(s.risk.unwrap_or("")),
                escape(&s.name)
            );
        }
        out.push_str("</dd>");
    }
    let _ = write!(
        out,
        "<dt>Restrictions</dt><dd>{}</dd>",
        escape(&p.restrictions.summary())
    );
    out.push_str("</dl>\n");
    if !p.findings.is_empty() {
        out.push_str("<table class=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Finding</th></tr></thead><tbody>");
        for f in &p.findings {
            let pill = match f.severity {
                Level::Error => "pill-e",
                Level::Warning => "pill-h",
            };
            let _ = write!(
                out,
                "<tr><td><span class=\"tagpill {pill}\">{}</span></td><td><code>{}</code></td><td><code>{}</code></td><td>{}{}</td></tr>",
                f.severity.label(),
                escape(&f.rule),
                escape(f.at.as_deref().unwrap_or("")),
                escape_code(&f.message),
                f.help
                    .as_ref()
                    .map(|h| format!("<div class=\"help muted\">{}</div>", escape_code(h)))
                    .unwrap_or_default()
            );
        }
        out.push_str("</tbody></table>\n");
    }
    permission_list(p, out);
    out.push_str("</section>\n");
}

/// The whole page.
pub fn page(report: &AuditReport) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>switchboard audit</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n");
    out.push_str("<h1>Security profile audit</h1>\n");
    let _ = writeln!(
        out,
        "<div class=\"muted\">Catalog: AWS permission list of {}. Inputs: {}.</div>",
        escape(report.catalog_date),
        report
            .inputs
            .iter()
            .map(|i| format!("<code>{}</code>", escape(i)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let s = &report.summary;
    let _ = writeln!(
        out,
        "<div class=\"summary\"><div class=\"stat\"><b>{}</b>profiles</div>\
         <div class=\"stat{}\"><b>{}</b>with sensitive permissions</div>\
         <div class=\"stat{}\"><b>{}</b>errors</div>\
         <div class=\"stat{}\"><b>{}</b>warnings</div></div>",
        s.profiles,
        if s.profiles_with_sensitive > 0 {
            " bad"
        } else {
            ""
        },
        s.profiles_with_sensitive,
        if s.errors > 0 { " bad" } else { "" },
        s.errors,
        if s.warnings > 0 { " warn" } else { "" },
        s.warnings
    );
    if report.profiles.is_empty() {
        out.push_str("<p>No security profiles found.</p>\n");
    } else {
        out.push_str("<h2>Permissions per section</h2>\n");
        out.push_str(
            "<div class=\"legend\">Each cell counts the profile's permissions in one section of the AWS list; hover a cell for the names.\
             <span class=\"matrix-s\" style=\"background:var(--sens-bg);color:var(--sens);font-weight:700;border-color:var(--sens)\">3 (1!)</span>holds a sensitive permission (how many in parentheses)\
             <span style=\"background:var(--high-bg);color:var(--high);font-weight:600\">2</span>holds a high-impact permission\
             <span style=\"background:#fbefff;color:#8250df;font-weight:700;border-color:#8250df\">1</span>names the catalog does not know\
             <span style=\"color:#c2c8cf\">·</span>none</div>\n",
        );
        matrix(report, &mut out);
        out.push_str("<h2>Profiles</h2>\n");
        for (i, p) in report.profiles.iter().enumerate() {
            card(i, p, &mut out);
        }
    }
    if !report.cross_profile_findings.is_empty() {
        out.push_str("<h2>Across profiles</h2>\n<table class=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Profiles</th><th>Finding</th></tr></thead><tbody>");
        for f in &report.cross_profile_findings {
            let pill = match f.severity {
                Level::Error => "pill-e",
                Level::Warning => "pill-h",
            };
            let _ = write!(
                out,
                "<tr><td><span class=\"tagpill {pill}\">{}</span></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                f.severity.label(),
                escape(&f.rule),
                escape(&f.profiles.join(", ")),
                escape_code(&f.message)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("<footer>Generated by <code>switchboard audit</code>. Sensitive: exposes personal data, escalates privilege or destroys evidence; a profile that grants it should state why. High-impact: part of supervisory or operational roles that an access review should see.</footer>\n");
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
