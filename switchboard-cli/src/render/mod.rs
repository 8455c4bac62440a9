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

/// Text safe in a Markdown table cell or paragraph: markup characters escaped, one line.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text whose `backticked` parts are code: the code spans are kept as code, the rest escaped.
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

/// Text as Markdown inline code: backticks that cannot be closed early, pipes escaped for
/// tables.
pub fn code(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    let mut fence = "`".to_owned();
    while clean.contains(&fence) {
        fence.push('`');
    }
    if clean.starts_with('`') || clean.ends_with('`') {
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

/// Text for a terminal: control characters escaped, so a file cannot move the cursor.
pub fn plain(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(md("a|b*c\nd"), "a\\|b\\*c d");
        assert_eq!(code("Users.Edit"), "`Users.Edit`");
        assert_eq!(
            md_code("grants `Users.Edit` (a|b)"),
            "grants `Users.Edit` (a\\|b)"
        );
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(plain("a\u{1b}[2J"), "a\\u{1b}[2J");
        let t = table(&["a", "bb"], &[vec!["xxx".into(), "y".into()]]);
        assert_eq!(t, "a    bb\n---  --\nxxx  y\n");
    }
}
