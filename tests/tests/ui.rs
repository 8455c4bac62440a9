//! trybuild UI tests of `security_profile!` and `preset!`.
//!
//! - `ui/fail`: every compile-error rule, each `.stderr` showing the message at the exact token.
//! - `ui/warn`: every warning rule. Warnings are uses of `#[deprecated]` items, so each file
//!   starts with `#![deny(deprecated)]` to turn them into errors that the `.stderr` records.
//! - `ui/pass`: what must compile (and run) without a diagnostic.
//!
//! The `.stderr` files are written for the toolchain this project builds with;
//! `TRYBUILD=overwrite cargo test -p switchboard-tests --test ui` regenerates them, and every
//! change to them is reviewed in the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.compile_fail("ui/warn/*.rs");
    t.pass("ui/pass/*.rs");
}

/// Every rule, so that a rule added later without a UI test fails here.
fn rule_names() -> Vec<String> {
    switchboard::Rule::ALL.iter().map(|r| r.name()).collect()
}

#[test]
fn every_rule_has_a_ui_test() {
    let rules = rule_names();
    assert!(rules.len() > 30, "read {} rules: {rules:?}", rules.len());
    let mut snapshots = String::new();
    for dir in ["ui/fail", "ui/warn"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&dir).expect("the UI test directory") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "stderr") {
                snapshots.push_str(&std::fs::read_to_string(&path).expect("a .stderr file"));
            }
        }
    }
    let missing: Vec<&String> = rules
        .iter()
        .filter(|rule| !snapshots.contains(&format!("= note: rule {rule}\n")))
        .collect();
    assert!(missing.is_empty(), "rules without a UI test: {missing:?}");
}

/// The README's "What a mistake looks like" shows what the compiler prints for its example:
/// `ui/fail/readme_mistake.rs` is that example, and its `.stderr` is the README's text block
/// (with the README's file name).
#[test]
fn the_readme_shows_what_the_compiler_prints() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("### What a mistake looks like")
        .nth(1)
        .expect("the README's mistake section");
    let code = fenced_block(section, "```rust,compile_fail\n");
    let shown = fenced_block(section, "```text\n");
    let example = include_str!("../ui/fail/readme_mistake.rs");
    assert_eq!(
        code.replace("# fn main() {}", "fn main() {}"),
        example,
        "the README's example and ui/fail/readme_mistake.rs differ"
    );
    let printed = include_str!("../ui/fail/readme_mistake.stderr")
        .replace("ui/fail/readme_mistake.rs", "src/main.rs");
    assert_eq!(
        shown.trim_end(),
        printed.trim_end(),
        "the README's output differs from ui/fail/readme_mistake.stderr"
    );
}

/// The text of the first block opened by `fence` in `text`, up to its closing fence.
fn fenced_block<'a>(text: &'a str, fence: &str) -> &'a str {
    let start = text.find(fence).expect("the block") + fence.len();
    let len = text[start..].find("```").expect("the block's end");
    &text[start..start + len]
}
