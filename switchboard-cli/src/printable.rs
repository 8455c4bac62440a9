//! Untrusted text made safe to show on a terminal or in an editor.

/// Text as messages show it: characters a terminal or an editor would act on rather than show
/// (control characters, bidirectional-text overrides, zero-width and other invisible
/// formatting characters) escaped as in a Rust string (`\n`, `\u{202e}`); quotes and
/// backslashes kept. The one escaping of untrusted text for terminals: errors, notes and text
/// reports all go through it (`render::plain` is this function).
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if shown_as_is(c) {
            out.push(c);
        } else {
            out.extend(c.escape_debug());
        }
    }
    out
}

/// True for a character shown as itself by [`printable`].
pub fn shown_as_is(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    // After a first character, `escape_debug` escapes exactly what is not printable (a
    // combining accent is printable there).
    let pair: String = ['x', c].iter().collect();
    pair.escape_debug().count() == 2
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn controls_and_invisible_formatting_are_escaped() {
        assert_eq!(
            printable("a\u{1b}[2J\n\u{202e}é\"\\"),
            "a\\u{1b}[2J\\n\\u{202e}é\"\\"
        );
    }
}
