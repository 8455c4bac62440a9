//! Output formats: aligned text tables, Markdown (GitHub-flavoured, for pull-request comments)
//! and one self-contained HTML page. JSON output is the reports' `serde` form.

pub mod audit;
pub mod diff;
pub mod html;

/// Columns aligned with spaces; the last column is not padded.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let columns = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(headers.to_vec());
    // The last column is not padded, so its rule need not reach its longest cell.
    let rules: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = if i + 1 == columns {
                (*w).min(headers[i].chars().count().max(24))
            } else {
                *w
            };
            "-".repeat(w)
        })
        .collect();
    out.push_str(&line(rules.iter().map(String::as_str).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// Text safe in a Markdown table cell or paragraph, for text from templates (names,
/// descriptions, tag values, reasons) and for the command's own sentences that quote it: one
/// line, invisible characters shown ([`plain`]), markup escaped, so no newline, fence, HTML or
/// table cell survives; and every word GitHub would turn into a link or a notification (an
/// @-mention, an e-mail address, a URL, an issue or commit reference) set in a code span,
/// where it does neither.
pub fn md(text: &str) -> String {
    let text = plain(text);
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if links(word) {
            out.push_str(&code(word));
            continue;
        }
        for c in word.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// True for a word GitHub would link: `@user`, `a@b.c`, `https://...`, `www.x`, `#12`,
/// `org/repo#12`, `GH-12`, a commit hash.
fn links(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    word.contains(['@', '#'])
        || lower.contains("://")
        || lower.contains("www.")
        || lower.starts_with("gh-")
        || (word.len() >= 7 && word.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Text whose `backticked` parts are code: the code spans are kept as code, the rest as
/// [`md`]; an unbalanced backtick from a template leaves every part safe.
pub fn md_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 && !part.is_empty() {
                code(part)
            } else {
                md(part)
            }
        })
        .collect()
}

/// Text as Markdown inline code, safe for text from templates: one line with invisible
/// characters shown ([`plain`]), a fence of more backticks than any run in the text (so it
/// cannot be closed early), pipes escaped for tables. In a code span nothing is markup, a
/// link or a mention.
pub fn code(text: &str) -> String {
    let clean = plain(text).replace('|', "\\|");
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if clean.starts_with('`') || clean.ends_with('`') || clean.is_empty() {
        format!("{fence} {clean} {fence}")
    } else {
        format!("{fence}{clean}{fence}")
    }
}

/// `1 permission`, `2 permissions`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Text for a terminal: control characters, bidirectional-text overrides and invisible
/// characters shown as escapes, so a file cannot move the cursor, retitle the window or reorder
/// what is shown. The same function as the errors' ([`crate::printable::printable`]).
pub fn plain(text: &str) -> String {
    crate::printable::printable(text)
}

/// A whole text report for a terminal: every line through [`plain`], the line breaks kept. The
/// renderers escape each value already; this is the last guard for text reaching a terminal.
pub fn terminal(report: &str) -> String {
    report.split('\n').map(plain).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        // The newline shown as `\n`, its backslash escaped.
        assert_eq!(md("a|b*c\nd"), "a\\|b\\*c\\\\nd");
        assert_eq!(code("Users.Edit"), "`Users.Edit`");
        assert_eq!(
            md_code("grants `Users.Edit` (a|b)"),
            "grants `Users.Edit` (a\\|b)"
        );
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`"), "`` ` ``");
        assert_eq!(plain("a\u{1b}[2J"), "a\\u{1b}[2J");
        assert_eq!(plain("x\u{200b}y\u{202e}"), "x\\u{200b}y\\u{202e}");
        assert_eq!(
            md("hi @team see https://evil.example #1"),
            "hi `@team` see `https://evil.example` `#1`"
        );
        assert_eq!(md("a\n## forged"), "`a\\n##` forged");
        let t = table(&["a", "bb"], &[vec!["xxx".into(), "y".into()]]);
        assert_eq!(t, "a    bb\n---  --\nxxx  y\n");
    }
}
