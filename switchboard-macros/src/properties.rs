//! Property tests of the macro's parse-validate-expand path, [`expand::expand`], run as a plain
//! function over `proc_macro2::TokenStream` (proc_macro2's fallback implementation; the
//! `span-locations` feature of the dev-dependency gives every token lexed from text its place).
//!
//! Every case ends in expanded tokens or in `compile_error!`s that point inside the input, never
//! in a panic. The properties:
//!
//! - `random_token_trees`: arbitrary token trees, and item-shaped ones (`pub const X = { ... };`)
//!   whose bodies are random soups of the DSL's own words, punctuation and literals.
//! - `mutated_invocations`: the real invocations of `examples/src/seed.rs`,
//!   `examples/src/guide.rs`, the README and `tests/ui/pass/*.rs` (read when the tests compile,
//!   so they stay real), and their callback forms (`@preset(path) [...]` ahead of the input, as a
//!   preset's macro sends it), mutated token by token: dropped, duplicated, swapped, replaced with
//!   punctuation, literals of every kind, keywords, very long or non-ASCII names, wrapped in
//!   deeply nested or invisible (`Delimiter::None`) groups, cut short.
//! - `valid_invocations_agree_with_the_rules`: generated valid invocations of both macros (random
//!   built-in and custom presets, groups, catalog permissions in every form, up to 500 of them,
//!   tags, restrictions, at AWS's limits; long and non-ASCII constant names) expand without
//!   `compile_error!`, and each constant holds exactly the permissions (and implied permissions,
//!   and name) that `switchboard_core::rules::validate` computes from the same input, built here
//!   without the macro's parser.
//!
//! What every case checks ([`check`]): the expansion does not panic; a callback to a custom
//! preset's macro parses as Rust and is answered (with `@preset(path) [...]`, as the preset's
//! macro would), and the exchange ends within a few rounds; every `compile_error!` has a
//! non-empty message and a span range inside the input (not the call site, not a token the macro
//! made up), and so has every warning; the whole output, errors included, parses as Rust items,
//! or fails to only at a token the user wrote (a malformed attribute is echoed as written, and
//! rustc reports it there); a non-empty input gives an item or an error, never nothing; a second
//! expansion of the same input gives the same tokens.
//!
//! Case counts: `cargo test -p switchboard-macros` runs 3,800 generated cases (the CI count is
//! next to each property), in 15 to 35 s in debug on 2 cores. `PROPTEST_CASES=n` runs `n` cases
//! per property instead; `--nocapture` shows what the cases ended in (clean, errors by rule,
//! warnings, callbacks). The longer run:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test -p switchboard-macros --release -- --nocapture properties
//! ```
//!
//! (50,000 cases per property took 13 to 18 minutes in release on 2 busy cores.) A failure
//! prints the shrunk input as text; keep it as a test in `regressions` below.
//! `PROPTEST_RNG_SEED=n` replays a run (CI sets one, see `.ci/run`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;
use std::time::Instant;

use proc_macro2::{Delimiter, Group, Literal, Spacing, Span, TokenStream, TokenTree};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestCaseError, TestCaseResult, TestRunner};
use quote::quote;

use switchboard_core::diagnostic::Rule;
use switchboard_core::rules::{self, ResolvedProfile};
use switchboard_core::spec::{
    Located, PermissionItem, PresetUse, ProfileSpec, ResourceItem, TagRestriction, TagSpec,
};
use switchboard_core::{catalog, groups, presets, seed_names};

use crate::ast::{Kind, PROFILE_FIELDS, path_key};
use crate::expand;

// ---------------------------------------------------------------------------------------------
// Running

/// Cases per property: `PROPTEST_CASES` when set, else the CI count.
fn cases(ci: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(ci)
}

/// Runs a property on a thread with a large stack (rustc gives proc macros more than a test
/// thread's 2 MiB, and the deepest generated groups need it in debug builds).
fn run<S: Strategy + 'static>(
    name: &'static str,
    ci_cases: u32,
    strategy: fn() -> S,
    test: fn(S::Value) -> TestCaseResult,
) {
    let cases = cases(ci_cases);
    let handle = std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(64 << 20)
        .spawn(move || {
            let config = Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            };
            let mut runner = TestRunner::new(config);
            let start = Instant::now();
            let result = runner
                .run(&strategy(), test)
                .map_err(|e| format!("{name}: {e}"));
            STATS.with(|stats| eprintln!("{name}: {}", stats.borrow()));
            (result, start.elapsed())
        })
        .expect("spawn the property's thread");
    match handle.join() {
        Ok((Ok(()), took)) => eprintln!("{name}: {cases} cases in {took:.1?}"),
        Ok((Err(message), _)) => panic!("{message}"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// What the cases of a property ended in (shrinking included), to see that they reach the
/// macro's every path; printed with `--nocapture`.
#[derive(Default)]
struct Stats {
    clean: usize,
    with_errors: usize,
    not_rust: usize,
    callbacks: usize,
    warnings: usize,
    rules: std::collections::BTreeMap<String, usize>,
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} expanded cleanly, {} with errors, {} echoed invalid Rust at the user's tokens, \
             {} callbacks answered, {} warnings; errors by rule: {:?}",
            self.clean, self.with_errors, self.not_rust, self.callbacks, self.warnings, self.rules
        )
    }
}

thread_local! {
    static STATS: std::cell::RefCell<Stats> = std::cell::RefCell::default();
}

// ---------------------------------------------------------------------------------------------
// Inputs as plain data: token trees without spans, rendered to text and lexed for each case so
// that every token has a place.

/// One token, as text.
#[derive(Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// A punctuation character, and whether it joins the next one (`::`).
    Punct(char, bool),
    /// A literal's source text.
    Lit(String),
    /// `Delimiter::None` is invisible in text; it is rebuilt after lexing.
    Group(Delimiter, Vec<Tok>),
}

fn to_toks(tokens: TokenStream) -> Vec<Tok> {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Ident(i) => Tok::Ident(i.to_string()),
            TokenTree::Punct(p) => Tok::Punct(p.as_char(), p.spacing() == Spacing::Joint),
            TokenTree::Literal(l) => Tok::Lit(l.to_string()),
            TokenTree::Group(g) => Tok::Group(g.delimiter(), to_toks(g.stream())),
        })
        .collect()
}

/// The first token a group or sequence shows in text (through invisible groups).
fn first_visible(toks: &[Tok]) -> Option<&Tok> {
    toks.iter().find_map(|t| match t {
        Tok::Group(Delimiter::None, inner) => first_visible(inner),
        other => Some(other),
    })
}

fn render_into(toks: &[Tok], out: &mut String) {
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Ident(text) | Tok::Lit(text) => {
                out.push_str(text);
                out.push(' ');
            }
            Tok::Punct(c, joint) => {
                out.push(*c);
                // Keep `::` joined; never write `//` or `/*`, which would start a comment.
                let glue = *joint
                    && matches!(toks.get(i + 1), Some(Tok::Punct(next, _))
                        if !(*c == '/' && matches!(next, '/' | '*')));
                if !glue {
                    out.push(' ');
                }
            }
            Tok::Group(delimiter, inner) => {
                let (open, close) = match delimiter {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                render_into(inner, out);
                out.push_str(close);
                out.push(' ');
            }
        }
    }
}

fn render(toks: &[Tok]) -> String {
    let mut text = String::new();
    render_into(toks, &mut text);
    text
}

/// Puts the invisible groups back around the lexed tokens.
fn rebuild(toks: &[Tok], lexed: &mut std::vec::IntoIter<TokenTree>) -> Result<TokenStream, String> {
    let mut out = TokenStream::new();
    for tok in toks {
        let tree = match tok {
            Tok::Group(Delimiter::None, inner) => {
                let stream = rebuild(inner, lexed)?;
                let span = stream.clone().into_iter().next().map(|t| t.span());
                let mut group = Group::new(Delimiter::None, stream);
                if let Some(span) = span {
                    group.set_span(span);
                }
                TokenTree::Group(group)
            }
            Tok::Group(_, inner) => match lexed.next() {
                Some(TokenTree::Group(g)) => {
                    let mut inside = g.stream().into_iter().collect::<Vec<_>>().into_iter();
                    let stream = rebuild(inner, &mut inside)?;
                    if inside.next().is_some() {
                        return Err("more tokens in a group than written".to_owned());
                    }
                    let mut group = Group::new(g.delimiter(), stream);
                    group.set_span(g.span());
                    TokenTree::Group(group)
                }
                other => return Err(format!("expected a group, lexed {other:?}")),
            },
            _ => match lexed.next() {
                Some(tt) if !matches!(tt, TokenTree::Group(_)) => tt,
                other => {
                    return Err(format!(
                        "expected {}, lexed {other:?}",
                        render(std::slice::from_ref(tok))
                    ));
                }
            },
        };
        out.extend([tree]);
    }
    Ok(out)
}

/// What a custom preset's macro answers: its permissions.
type Resolutions = Vec<(String, Vec<String>)>;

/// The answer for a preset the case did not define.
const DEFAULT_RESOLUTION: [&str; 2] = ["BasicAgentAccess", "ContactSearch.View"];

/// One case: the input of one invocation.
#[derive(Clone)]
struct Input {
    kind: Kind,
    toks: Vec<Tok>,
    resolutions: Resolutions,
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let macro_name = match self.kind {
            Kind::Profile => "security_profile",
            Kind::Preset => "preset",
        };
        write!(f, "{macro_name}! {{ {} }}", abbreviate(render(&self.toks)))?;
        if contains_none_group(&self.toks) {
            let shown = format!("{:?}", NoneGroups(&self.toks));
            write!(f, " (with invisible groups: {})", abbreviate(shown))?;
        }
        Ok(())
    }
}

/// Long inputs (very long names and strings) shown by their ends.
fn abbreviate(text: String) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 3000 {
        return text;
    }
    let head: String = chars[..1500].iter().collect();
    let tail: String = chars[chars.len() - 1000..].iter().collect();
    format!("{head} [... {} characters ...] {tail}", chars.len() - 2500)
}

fn contains_none_group(toks: &[Tok]) -> bool {
    toks.iter().any(|t| match t {
        Tok::Group(Delimiter::None, _) => true,
        Tok::Group(_, inner) => contains_none_group(inner),
        _ => false,
    })
}

/// Shows invisible groups as `⟦...⟧`.
struct NoneGroups<'a>(&'a [Tok]);

impl std::fmt::Debug for NoneGroups<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for tok in self.0 {
            match tok {
                Tok::Group(Delimiter::None, inner) => write!(f, "⟦{:?}⟧ ", NoneGroups(inner))?,
                Tok::Group(d, inner) => {
                    let (open, close) = match d {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Brace => ("{", "}"),
                        _ => ("[", "]"),
                    };
                    write!(f, "{open}{:?}{close} ", NoneGroups(inner))?;
                }
                other => write!(f, "{}", render(std::slice::from_ref(other)))?,
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The check every case goes through

/// What a case expanded to.
struct Outcome {
    /// The final output (after answering callbacks).
    output: TokenStream,
    /// The messages of its `compile_error!`s.
    errors: Vec<String>,
    /// True when the output parses as Rust items.
    parses: bool,
}

fn fail(input: &Input, what: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(format!("{what}\n  input: {input:?}"))
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// `p1 ! { (p2) (p1) (p3) (p2) ... (macro) (pN) rest }`: the macro asks the custom presets for
/// their permissions, each preset's macro calling the next one's and the last calling the
/// macro back. Returns the paths, in order, and the rest; `None` for anything else, including a
/// chain whose links do not follow each other.
fn as_callback(output: &TokenStream) -> Option<(Vec<TokenStream>, TokenStream)> {
    let trees: Vec<TokenTree> = output.clone().into_iter().collect();
    let [head @ .., TokenTree::Punct(bang), TokenTree::Group(body)] = trees.as_slice() else {
        return None;
    };
    if bang.as_char() != '!' || body.delimiter() != Delimiter::Brace {
        return None;
    }
    let text = |tokens: &TokenStream| tokens.to_string().replace(' ', "");
    let mut called = text(&head.iter().cloned().collect());
    let mut paths = Vec::new();
    let mut inside = body.stream().into_iter();
    loop {
        let (Some(TokenTree::Group(caller)), Some(TokenTree::Group(path))) =
            (inside.next(), inside.next())
        else {
            return None;
        };
        if text(&path.stream()) != called {
            return None;
        }
        paths.push(path.stream());
        called = text(&caller.stream());
        if called == "::switchboard::security_profile" || called == "::switchboard::preset" {
            return Some((paths, inside.collect()));
        }
    }
}

/// What the presets' macros send back for a chain: every answer ahead of the rest.
fn answer_chain(
    paths: &[TokenStream],
    rest: TokenStream,
    permissions_of: impl Fn(&TokenStream) -> Vec<String>,
) -> TokenStream {
    let mut answered = TokenStream::new();
    for path in paths {
        let lits = permissions_of(path)
            .into_iter()
            .map(|p| Literal::string(&p));
        answered.extend(quote!(@preset(#path) [#(#lits),*]));
    }
    answered.extend(rest);
    answered
}

/// The `compile_error!`s of an output, at any depth: their two spans and message.
fn compile_errors(tokens: &TokenStream, out: &mut Vec<(Span, Span, Option<String>)>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                let message = match trees.get(i + 2) {
                    Some(TokenTree::Group(g)) => {
                        let message = syn::parse2::<syn::LitStr>(g.stream()).ok();
                        out.push((ident.span(), g.span(), message.map(|m| m.value())));
                        continue;
                    }
                    _ => None,
                };
                out.push((ident.span(), ident.span(), message));
            }
            TokenTree::Group(g) => compile_errors(&g.stream(), out),
            _ => {}
        }
    }
}

/// The tokens warnings point at: `let _ = Rule;` after `#[deprecated(note = "...")] struct
/// Rule;`, at any depth.
fn warning_uses(tokens: &TokenStream, out: &mut Vec<(Span, String)>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let deprecated = trees.iter().any(|t| {
        matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket
            && g.stream().into_iter().next().is_some_and(|f| f.to_string() == "deprecated"))
    });
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(g) => warning_uses(&g.stream(), out),
            TokenTree::Ident(kw) if deprecated && kw == "let" => {
                if let (Some(TokenTree::Ident(under)), Some(TokenTree::Punct(eq))) =
                    (trees.get(i + 1), trees.get(i + 2))
                    && under == "_"
                    && eq.as_char() == '='
                    && let Some(TokenTree::Ident(rule)) = trees.get(i + 3)
                {
                    out.push((rule.span(), rule.to_string()));
                }
            }
            _ => {}
        }
    }
}

/// Where a span points: the text it was lexed from (proc_macro2 numbers each lexed string).
fn file_of(span: Span) -> String {
    span.file()
}

/// The first span of the input, through groups.
fn input_file(tokens: &TokenStream) -> Option<String> {
    tokens.clone().into_iter().find_map(|tt| match tt {
        TokenTree::Group(g) if g.delimiter() == Delimiter::None => input_file(&g.stream()),
        other => Some(file_of(other.span())),
    })
}

fn describe(span: Span) -> String {
    let (start, end) = (span.start(), span.end());
    format!(
        "{} {}:{}..{}:{}",
        span.file(),
        start.line,
        start.column,
        end.line,
        end.column
    )
}

/// Expands one case, answering callbacks, and checks the output; see the module docs.
fn check(input: &Input) -> Result<Outcome, TestCaseError> {
    proc_macro2::extra::invalidate_current_thread_spans();
    let text = render(&input.toks);
    let lexed: TokenStream = text
        .parse()
        .map_err(|e| fail(input, format!("the generated text does not lex: {e}")))?;
    let mut lexed = lexed.into_iter().collect::<Vec<_>>().into_iter();
    let tokens = rebuild(&input.toks, &mut lexed)
        .and_then(|tokens| match lexed.next() {
            Some(_) => Err("more tokens than written".to_owned()),
            None => Ok(tokens),
        })
        .map_err(|e| fail(input, format!("the generated text lexes differently: {e}")))?;
    let file = input_file(&tokens);
    let mut current = tokens;
    let mut output = None;
    for _round in 0..8 {
        let kind = input.kind;
        let arg = current.clone();
        let out =
            catch_unwind(AssertUnwindSafe(|| expand::expand(arg, kind))).map_err(|panic| {
                fail(
                    input,
                    format!("the macro panicked: {}", panic_message(&*panic)),
                )
            })?;
        match as_callback(&out) {
            Some((paths, rest)) => {
                // rustc expands the call only if it parses: the macro must send Rust.
                if let Err(e) = syn::parse2::<syn::File>(out.clone()) {
                    return Err(fail(
                        input,
                        format!(
                            "the call to a preset's macro is not Rust ({}): {e}\n  output: {out}",
                            describe(e.span())
                        ),
                    ));
                }
                STATS.with(|s| s.borrow_mut().callbacks += 1);
                current = answer_chain(&paths, rest, |path| {
                    let key = path_key(path);
                    input
                        .resolutions
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, p)| p.clone())
                        .unwrap_or_else(|| DEFAULT_RESOLUTION.map(str::to_owned).to_vec())
                });
            }
            None => {
                // The same input, the same output (the hidden macros' names are hashes).
                let again = expand::expand(current.clone(), kind).to_string();
                if again != out.to_string() {
                    return Err(fail(input, "two expansions of the same input differ"));
                }
                output = Some(out);
                break;
            }
        }
    }
    let Some(output) = output else {
        return Err(fail(
            input,
            "the macro still calls a preset's macro back after 8 rounds (rustc would hit its recursion limit)",
        ));
    };

    let mut found = Vec::new();
    compile_errors(&output, &mut found);
    let mut errors = Vec::new();
    for (start, end, message) in found {
        let Some(message) = message.filter(|m| !m.trim().is_empty()) else {
            return Err(fail(
                input,
                format!("a compile_error! without a message in {output}"),
            ));
        };
        for span in [start, end] {
            if Some(file_of(span)) != file {
                return Err(fail(
                    input,
                    format!(
                        "an error points outside the input ({}):\n{message}",
                        describe(span)
                    ),
                ));
            }
        }
        let (from, to) = (start.start(), end.end());
        if (from.line, from.column) > (to.line, to.column) {
            return Err(fail(
                input,
                format!(
                    "an error's range ends before it starts ({} to {}):\n{message}",
                    describe(start),
                    describe(end)
                ),
            ));
        }
        errors.push(message);
    }

    let mut warnings = Vec::new();
    warning_uses(&output, &mut warnings);
    for (span, rule) in &warnings {
        if Some(file_of(*span)) != file {
            return Err(fail(
                input,
                format!(
                    "a warning ({rule}) points outside the input ({})",
                    describe(*span)
                ),
            ));
        }
    }

    let parses = match syn::parse2::<syn::File>(output.clone()) {
        Ok(parsed) => {
            if parsed.items.is_empty() && !input.toks.is_empty() {
                return Err(fail(input, "the input vanished: no item and no error"));
            }
            true
        }
        Err(e) if Some(file_of(e.span())) == file => false,
        Err(e) => {
            return Err(fail(
                input,
                format!(
                    "the output is not Rust, at a token the macro made ({}): {e}\n  output: {output}",
                    describe(e.span())
                ),
            ));
        }
    };
    STATS.with(|stats| {
        let mut stats = stats.borrow_mut();
        match (errors.is_empty(), parses) {
            (true, true) => stats.clean += 1,
            (false, _) => stats.with_errors += 1,
            (true, false) => stats.not_rust += 1,
        }
        stats.warnings += warnings.len();
        for message in &errors {
            let rule = message
                .rsplit("rule ")
                .next()
                .filter(|_| message.contains("= note: rule "));
            *stats
                .rules
                .entry(rule.unwrap_or("(syn)").to_owned())
                .or_default() += 1;
        }
    });
    Ok(Outcome {
        output,
        errors,
        parses,
    })
}

// ---------------------------------------------------------------------------------------------
// The real invocations

/// An invocation of the examples, the README or the UI pass tests.
struct Seed {
    kind: Kind,
    from: &'static str,
    toks: Vec<Tok>,
}

const SOURCES: [(&str, &str); 7] = [
    (
        "examples/src/seed.rs",
        include_str!("../../examples/src/seed.rs"),
    ),
    (
        "examples/src/guide.rs",
        include_str!("../../examples/src/guide.rs"),
    ),
    ("README.md", include_str!("../../README.md")),
    (
        "tests/ui/pass/dsl_forms.rs",
        include_str!("../../tests/ui/pass/dsl_forms.rs"),
    ),
    (
        "tests/ui/pass/cross_module_preset.rs",
        include_str!("../../tests/ui/pass/cross_module_preset.rs"),
    ),
    (
        "tests/ui/pass/cross_crate_preset.rs",
        include_str!("../../tests/ui/pass/cross_crate_preset.rs"),
    ),
    (
        "tests/ui/pass/warnings_compile.rs",
        include_str!("../../tests/ui/pass/warnings_compile.rs"),
    ),
];

/// The Rust code blocks of a Markdown file that compile (not `compile_fail` or `ignore`).
fn rust_blocks(markdown: &str) -> String {
    let mut code = String::new();
    let mut inside = false;
    for line in markdown.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (inside, fence) {
            (false, Some(lang))
                if lang.starts_with("rust")
                    && !lang.contains("compile_fail")
                    && !lang.contains("ignore") =>
            {
                inside = true
            }
            (true, Some(_)) => inside = false,
            (true, None) => {
                code.push_str(line);
                code.push('\n');
            }
            _ => {}
        }
    }
    code
}

fn find_invocations(tokens: TokenStream, out: &mut Vec<(Kind, TokenStream)>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        let TokenTree::Group(group) = tree else {
            continue;
        };
        if i >= 2
            && group.delimiter() == Delimiter::Brace
            && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '!')
            && let TokenTree::Ident(name) = &trees[i - 2]
        {
            if name == "security_profile" {
                out.push((Kind::Profile, group.stream()));
                continue;
            }
            if name == "preset" {
                out.push((Kind::Preset, group.stream()));
                continue;
            }
        }
        find_invocations(group.stream(), out);
    }
}

/// Every real invocation, and the callback form of each one that names a custom preset (the
/// input as the macro sees it once the presets answered).
fn seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = Vec::new();
        for (from, source) in SOURCES {
            let code = if from.ends_with(".md") {
                rust_blocks(source)
            } else {
                source.to_owned()
            };
            let tokens: TokenStream = code.parse().expect("the example sources lex");
            let mut found = Vec::new();
            find_invocations(tokens, &mut found);
            assert!(!found.is_empty(), "no invocation in {from}");
            for (kind, body) in found {
                // The callback form: answer every callback with the default resolution.
                let mut answered = body.clone();
                for _ in 0..8 {
                    let Some((paths, rest)) = as_callback(&expand::expand(answered.clone(), kind))
                    else {
                        break;
                    };
                    answered = answer_chain(&paths, rest, |_| {
                        DEFAULT_RESOLUTION.map(str::to_owned).to_vec()
                    });
                }
                let answered = to_toks(answered);
                let toks = to_toks(body);
                if answered != toks {
                    seeds.push(Seed {
                        kind,
                        from,
                        toks: answered,
                    });
                }
                seeds.push(Seed { kind, from, toks });
            }
        }
        proc_macro2::extra::invalidate_current_thread_spans();
        seeds
    })
}

// ---------------------------------------------------------------------------------------------
// Generators of tokens

const DSL_WORDS: &[&str] = &[
    "name",
    "description",
    "preset",
    "groups",
    "permissions",
    "without",
    "restrict",
    "hierarchy",
    "tags",
    "group",
    "sensitive",
    "on",
    "unchecked",
    "All",
    "User",
    "SecurityProfile",
    "Queue",
    "RoutingProfile",
    "Agent",
    "Supervisor",
    "QualityAnalyst",
    "CallCenterManager",
    "BasicAgent",
    "Reporting",
    "UnredactedRecordingsAccess",
    "Users",
    "Edit",
    "View",
    "Access",
    "Redacted",
    "CallRecordings",
    "UsersAndPermissions",
    "EditUsers",
    "Routing",
    "ViewQueues",
    "connect",
    "CreateUser",
    "BasicAgentAccess",
    "TEAM_LEAD",
    "SPECIALIZED_AGENT",
    "X",
    "pub",
    "const",
    "crate",
    "self",
    "super",
    "Self",
    "preset",
    "doc",
    "allow",
];

const KEYWORDS: &[&str] = &[
    "const",
    "pub",
    "fn",
    "let",
    "as",
    "in",
    "dyn",
    "async",
    "crate",
    "self",
    "super",
    "Self",
    "_",
    "static",
    "mod",
    "use",
    "where",
    "impl",
    "true",
    "false",
    "on",
    "unchecked",
    "macro_rules",
    "r#type",
    "r#Agent",
    "r#name",
];

const NON_ASCII: &[&str] = &[
    "é",
    "Ünïcödé",
    "名前",
    "café",
    "Δέλτα",
    "ДЕЛО",
    "ÉQUIPE_LEAD",
    "Ñandú",
    "日本語の名前",
    "Users_é",
];

const PUNCTS: &[&str] = &[
    "!", "#", "$", "%", "&", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=", ">", "?", "@", "^",
    "|", "~", "::", "=>", "->", "..", "...", "..=", "&&", "||", "<<=", "::<", "#!", "@@", ":::",
];

const LITERALS: &[&str] = &[
    "0",
    "1",
    "42u8",
    "0xFF",
    "0o7",
    "0b1010",
    "1_000_000i128",
    "340282366920938463463374607431768211455u128",
    "99999999999999999999999999999999999999999999",
    "1.5",
    "1e10",
    "2.5E-3f32",
    "1f64",
    "'a'",
    "'\\n'",
    "'\\u{1F600}'",
    "'é'",
    "'\\''",
    "\"\"",
    "\" \"",
    "\"TeamLead\"",
    "\"Users.Edit\"",
    "\"Department\"",
    "\"Sales\"",
    "\"connect:*\"",
    "\"with \\\"escapes\\\" \\n \\t \\\\ \\0\"",
    "\"\\u{0}\"",
    "\"ünïcödé 名前 🎉\"",
    "\"line\nbreak\"",
    "r\"raw\"",
    "r#\"raw \"hash\"\"#",
    "\"suffixed\"sfx",
    "1suffix",
    "b\"bytes\"",
    "br\"raw bytes\"",
    "b'x'",
    "c\"cstr\"",
    "cr\"raw cstr\"",
    "\"3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f\"",
];

/// The characters of generated text: printable ASCII, letters and symbols beyond it, escapes.
const TEXT: &str = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~éÜñ名前🎉\u{2028}\t\n\0\x7f";
const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const IDENT_START: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
const IDENT_CHARS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789";
const TAG_KEY_CHARS: &str =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+,-./0123456789:;<=_";
const NAME_CHARS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@ -";
const HIERARCHY_GROUP_CHARS: &str = "abcdef0123456789-ABCXYZxyz";

/// Text of `len` characters (after one of `first`, when given) drawn from `rest`; drawn from a
/// seed, as proptest's own string strategies spend microseconds on every character.
fn text(
    first: &'static str,
    rest: &'static str,
    len: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = String> {
    let first: Vec<char> = first.chars().collect();
    let rest: Vec<char> = rest.chars().collect();
    (len, any::<u64>()).prop_map(move |(n, seed)| {
        let mut state = seed | 1;
        let mut next = |of: &[char]| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            of[(state % of.len() as u64) as usize]
        };
        let mut out = String::new();
        if !first.is_empty() {
            out.push(next(&first));
        }
        for _ in 0..n {
            out.push(next(&rest));
        }
        out
    })
}

/// Strings matching a regular expression, compiled once (a `&str` strategy compiles its
/// expression for every value).
fn re(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).expect("a valid regular expression")
}

fn punct_seq(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| Tok::Punct(*c, i + 1 < chars.len()))
        .collect()
}

fn punctuation() -> impl Strategy<Value = Vec<Tok>> {
    select(PUNCTS).prop_map(punct_seq)
}

/// Literals of every kind: a fixed list of odd ones, and generated strings, characters,
/// numbers and byte strings.
fn literal() -> impl Strategy<Value = Tok> {
    prop_oneof![
        4 => select(LITERALS).prop_map(|l| Tok::Lit(l.to_owned())),
        2 => text("", TEXT, 0..=40).prop_map(|s| Tok::Lit(Literal::string(&s).to_string())),
        1 => (1usize..6000, select(vec!["A", "é", ".", " ", "\\\""]))
            .prop_map(|(n, s)| Tok::Lit(format!("\"{}\"", s.repeat(n)))),
        1 => any::<char>().prop_map(|c| Tok::Lit(Literal::character(c).to_string())),
        1 => any::<u128>().prop_map(|n| Tok::Lit(Literal::u128_suffixed(n).to_string())),
        1 => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Tok::Lit(Literal::f64_unsuffixed(f.abs()).to_string())),
        1 => vec(any::<u8>(), 0..20).prop_map(|b| Tok::Lit(Literal::byte_string(&b).to_string())),
    ]
}

/// Names: the DSL's words, keywords, random identifiers, very long and non-ASCII ones.
fn ident() -> impl Strategy<Value = Tok> {
    prop_oneof![
        4 => select(DSL_WORDS).prop_map(|w| Tok::Ident(w.to_owned())),
        2 => select(KEYWORDS).prop_map(|w| Tok::Ident(w.to_owned())),
        2 => text(IDENT_START, IDENT_CHARS, 0..=12)
            .prop_filter("not a lone underscore or keyword", |s| {
                s != "_" && syn::parse_str::<syn::Ident>(s).is_ok()
            })
            .prop_map(Tok::Ident),
        1 => (1usize..5000, select(vec!["a", "Z", "_x", "Users"]))
            .prop_map(|(n, s)| Tok::Ident(format!("L{}", s.repeat(n)))),
        1 => select(NON_ASCII).prop_map(|w| Tok::Ident(w.to_owned())),
    ]
}

fn delimiter() -> impl Strategy<Value = Delimiter> {
    prop_oneof![
        Just(Delimiter::Parenthesis),
        Just(Delimiter::Brace),
        Just(Delimiter::Bracket),
        Just(Delimiter::None),
    ]
}

/// Any token tree.
fn tree() -> impl Strategy<Value = Tok> {
    let leaf = prop_oneof![
        4 => ident(),
        3 => select(PUNCTS).prop_map(|p| {
            let mut seq = punct_seq(p);
            // One token: a lone punctuation mark, alone.
            let Tok::Punct(c, _) = seq.remove(0) else { unreachable!() };
            Tok::Punct(c, false)
        }),
        3 => literal(),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        (delimiter(), vec(inner, 0..8)).prop_map(|(d, mut v)| {
            if d == Delimiter::None && v.is_empty() {
                v.push(Tok::Ident("X".to_owned()));
            }
            Tok::Group(d, v)
        })
    })
}

/// A sequence of trees; puncts may join the next one.
fn stream() -> impl Strategy<Value = Vec<Tok>> {
    vec((tree(), any::<bool>()), 0..24).prop_map(|v| {
        v.into_iter()
            .map(|(t, joint)| match t {
                Tok::Punct(c, _) => Tok::Punct(c, joint),
                other => other,
            })
            .collect()
    })
}

/// The DSL's own vocabulary, in random order: fields, separators, values.
fn soup_token() -> impl Strategy<Value = Vec<Tok>> {
    let word = select(DSL_WORDS).prop_map(|w| vec![Tok::Ident(w.to_owned())]);
    let sep = select(vec![":", ",", ";", ".", "::", "=", "@", "#", "*", "!"]).prop_map(punct_seq);
    let lit = select(vec![
        "\"TeamLead\"",
        "\"Users.Edit\"",
        "\"Sales\"",
        "\"\"",
        "1",
        "'c'",
    ])
    .prop_map(|l| vec![Tok::Lit(l.to_owned())]);
    let leaf = prop_oneof![4 => word, 4 => sep, 2 => lit, 1 => literal().prop_map(|l| vec![l])];
    leaf.prop_recursive(4, 64, 10, |inner| {
        (
            prop_oneof![
                Just(Delimiter::Bracket),
                Just(Delimiter::Brace),
                Just(Delimiter::Parenthesis)
            ],
            vec(inner, 0..10),
        )
            .prop_map(|(d, parts)| vec![Tok::Group(d, parts.concat())])
    })
}

/// `#[doc] pub const NAME = { soup };`, with bits left out at random.
/// `field: value,` with a random value, the `:` or `,` left out at times.
fn field_soup() -> impl Strategy<Value = Vec<Tok>> {
    let name = prop_oneof![
        4 => select(PROFILE_FIELDS.to_vec()),
        1 => select(vec!["permisions", "restrict", "hierarchy", "tag", "Name", "restrict group"]),
    ];
    let value = prop_oneof![
        2 => vec(soup_token(), 1..4).prop_map(|v| v.concat()),
        1 => tree().prop_map(|t| vec![t]),
        1 => literal().prop_map(|l| vec![l]),
    ];
    let field = (name, any::<(bool, bool)>(), value).prop_map(|(name, (colon, comma), value)| {
        let mut toks: Vec<Tok> = name.split(' ').map(|w| Tok::Ident(w.to_owned())).collect();
        if colon {
            toks.push(Tok::Punct(':', false));
        }
        toks.extend(value);
        if comma {
            toks.push(Tok::Punct(',', false));
        }
        toks
    });
    vec(field, 0..8).prop_map(|fields| fields.concat())
}

fn item_shaped() -> impl Strategy<Value = Vec<Tok>> {
    let body = prop_oneof![
        vec(soup_token(), 0..24).prop_map(|v| v.concat()),
        field_soup(),
    ];
    let item = (
        prop::array::uniform6(prop::bool::weighted(0.85)),
        ident(),
        body,
        select(vec!["", "pub", "pub(crate)"]),
    )
        .prop_map(|(keep, name, body, vis)| {
            let mut toks = Vec::new();
            if keep[0] {
                toks.push(Tok::Punct('#', false));
                toks.push(Tok::Group(
                    Delimiter::Bracket,
                    vec![
                        Tok::Ident("doc".to_owned()),
                        Tok::Punct('=', false),
                        Tok::Lit("\" A profile.\"".to_owned()),
                    ],
                ));
            }
            toks.extend(to_toks(vis.parse().unwrap_or_default()));
            if keep[1] {
                toks.push(Tok::Ident("const".to_owned()));
            }
            if keep[2] {
                toks.push(name);
            }
            if keep[3] {
                toks.push(Tok::Punct('=', false));
            }
            if keep[4] {
                toks.push(Tok::Group(Delimiter::Brace, body));
            } else {
                toks.extend(body);
            }
            if keep[5] {
                toks.push(Tok::Punct(';', false));
            }
            toks
        });
    vec(item, 1..4).prop_map(|items| items.concat())
}

// ---------------------------------------------------------------------------------------------
// Mutations

#[derive(Debug, Clone)]
enum Mutation {
    Drop(Index),
    Duplicate(Index),
    /// Swaps a token with one of its siblings.
    Swap(Index, Index),
    Replace(Index, Vec<Tok>),
    Insert(Index, Vec<Tok>),
    /// Wraps a token in this many groups, their delimiters drawn from the seed.
    Nest(Index, usize, u64),
    /// Wraps a token in an invisible group, as `macro_rules!` passes an `$e:expr`.
    Invisible(Index),
    /// Changes a group's delimiter.
    Delimit(Index, Delimiter),
    /// Drops everything after the token in its group.
    Truncate(Index),
}

impl std::fmt::Debug for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", NoneGroups(std::slice::from_ref(self)))
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let replacement = prop_oneof![
        3 => punctuation(),
        3 => literal().prop_map(|l| vec![l]),
        3 => ident().prop_map(|i| vec![i]),
        1 => tree().prop_map(|t| vec![t]),
    ];
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Drop),
        2 => any::<Index>().prop_map(Mutation::Duplicate),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        6 => (any::<Index>(), replacement.clone()).prop_map(|(i, r)| Mutation::Replace(i, r)),
        2 => (any::<Index>(), replacement).prop_map(|(i, r)| Mutation::Insert(i, r)),
        1 => (any::<Index>(), 1usize..200, any::<u64>())
            .prop_map(|(i, depth, seed)| Mutation::Nest(i, depth, seed)),
        1 => any::<Index>().prop_map(Mutation::Invisible),
        1 => (any::<Index>(), delimiter()).prop_map(|(i, d)| Mutation::Delimit(i, d)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// The path of every token, in order.
fn positions(toks: &[Tok], prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    for (i, tok) in toks.iter().enumerate() {
        prefix.push(i);
        out.push(prefix.clone());
        if let Tok::Group(_, inner) = tok {
            positions(inner, prefix, out);
        }
        prefix.pop();
    }
}

/// The sequence holding the token at `path`, and its index there.
fn container<'a>(toks: &'a mut Vec<Tok>, path: &[usize]) -> (&'a mut Vec<Tok>, usize) {
    match path {
        [i] => (toks, *i),
        [first, rest @ ..] => match &mut toks[*first] {
            Tok::Group(_, inner) => container(inner, rest),
            _ => unreachable!("paths go through groups"),
        },
        [] => unreachable!("paths are not empty"),
    }
}

fn apply(toks: &mut Vec<Tok>, mutation: &Mutation) {
    let mut all = Vec::new();
    positions(toks, &mut Vec::new(), &mut all);
    let at = |index: &Index| -> Option<Vec<usize>> {
        (!all.is_empty()).then(|| all[index.index(all.len())].clone())
    };
    match mutation {
        Mutation::Insert(index, new) => {
            let (seq, i) = match at(index) {
                Some(path) => container(toks, &path),
                None => (&mut *toks, 0),
            };
            seq.splice(i..i, new.iter().cloned());
        }
        Mutation::Drop(index) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                seq.remove(i);
            }
        }
        Mutation::Duplicate(index) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                let copy = seq[i].clone();
                seq.insert(i, copy);
            }
        }
        Mutation::Swap(index, other) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                let j = other.index(seq.len());
                seq.swap(i, j);
            }
        }
        Mutation::Replace(index, new) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                seq.splice(i..=i, new.iter().cloned());
            }
        }
        Mutation::Nest(index, depth, seed) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                let mut tok = seq[i].clone();
                for level in 0..*depth {
                    let d = match (seed >> (2 * (level % 32))) % 3 {
                        0 => Delimiter::Parenthesis,
                        1 => Delimiter::Brace,
                        _ => Delimiter::Bracket,
                    };
                    tok = Tok::Group(d, vec![tok]);
                }
                seq[i] = tok;
            }
        }
        Mutation::Invisible(index) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                let tok = seq[i].clone();
                seq[i] = Tok::Group(Delimiter::None, vec![tok]);
            }
        }
        Mutation::Delimit(index, delimiter) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                if let Tok::Group(d, inner) = &mut seq[i] {
                    if *delimiter == Delimiter::None && first_visible(inner).is_none() {
                        inner.push(Tok::Ident("X".to_owned()));
                    }
                    *d = *delimiter;
                }
            }
        }
        Mutation::Truncate(index) => {
            if let Some(path) = at(index) {
                let (seq, i) = container(toks, &path);
                seq.truncate(i + 1);
            }
        }
    }
    // An invisible group around nothing has no place in the text; rustc never makes one.
    fn fill(toks: &mut [Tok]) {
        for tok in toks {
            if let Tok::Group(d, inner) = tok {
                if *d == Delimiter::None && first_visible(inner).is_none() {
                    inner.push(Tok::Ident("X".to_owned()));
                }
                fill(inner);
            }
        }
    }
    fill(toks);
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::Profile), Just(Kind::Preset)]
}

fn mutated_seed() -> impl Strategy<Value = Input> {
    let count = seeds().len();
    (0..count, prop::bool::weighted(0.15), vec(mutation(), 1..5)).prop_map(
        |(seed, other_kind, mutations)| {
            let seed = &seeds()[seed];
            let mut toks = seed.toks.clone();
            for m in &mutations {
                apply(&mut toks, m);
            }
            let kind = match (seed.kind, other_kind) {
                (k, false) => k,
                (Kind::Profile, true) => Kind::Preset,
                (Kind::Preset, true) => Kind::Profile,
            };
            Input {
                kind,
                toks,
                resolutions: Vec::new(),
            }
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Valid invocations, generated in the core's input model and written out as DSL text

/// How a permission is written.
#[derive(Debug, Clone)]
enum Perm {
    /// `Users.Edit`, or `"Users.Edit"` when `quoted` (or not a path).
    Api(String, bool),
    /// `Category::Member`.
    Seed(&'static str, &'static str),
    /// `unchecked("...")`.
    Unchecked(String),
}

impl Perm {
    fn text(&self) -> String {
        match self {
            Perm::Api(api, quoted) => {
                if *quoted || !is_path(api) {
                    Literal::string(api).to_string()
                } else {
                    api.clone()
                }
            }
            Perm::Seed(category, member) => format!("{category}::{member}"),
            Perm::Unchecked(name) => format!("unchecked({})", Literal::string(name)),
        }
    }

    fn spec(&self) -> PermissionItem<()> {
        match self {
            Perm::Api(api, _) => PermissionItem::Api(Located::new(api.clone(), ())),
            Perm::Seed(category, member) => PermissionItem::Seed {
                category: Located::new((*category).to_owned(), ()),
                member: Located::new((*member).to_owned(), ()),
            },
            Perm::Unchecked(name) => PermissionItem::Unchecked(Located::new(name.clone(), ())),
        }
    }
}

/// True when an API name can be written as a path: identifiers joined by dots.
fn is_path(api: &str) -> bool {
    api.split('.').all(|segment| {
        let mut chars = segment.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && segment != "_"
    })
}

#[derive(Debug, Clone)]
enum GenPreset {
    Builtin(&'static str),
    /// A path to a preset defined with `preset!`, and what its macro answers.
    Custom(&'static str, Vec<String>),
}

/// Tags: keys and values.
type Tags = Vec<(String, String)>;

/// One generated item.
#[derive(Debug, Clone)]
struct GenItem {
    ident: String,
    vis: &'static str,
    doc: Option<String>,
    name: String,
    description: Option<String>,
    presets: Vec<GenPreset>,
    preset_list: bool,
    groups: Vec<&'static str>,
    permissions: Vec<Perm>,
    without: Vec<Perm>,
    restrict_hierarchy: bool,
    /// The access-control tags, and the resources (`true` for `unchecked(...)`).
    restrict_tags: Option<(Tags, Vec<(String, bool)>)>,
    hierarchy_group: Option<String>,
    tags: Vec<(String, String)>,
    sensitive: Option<String>,
    /// Write empty lists for the fields without values.
    empty_fields: bool,
    trailing_comma: bool,
    order: u64,
}

fn catalog_permission() -> impl Strategy<Value = &'static str> {
    select(catalog::PERMISSIONS).prop_map(|p| p.api)
}

fn perm() -> impl Strategy<Value = Perm> {
    let seed_member = select(seed_names::SEED_CATEGORIES).prop_flat_map(|category| {
        let members: Vec<&'static str> = category
            .members
            .iter()
            .map(|m| m.name)
            .chain(["All"])
            .collect();
        select(members).prop_map(move |member| Perm::Seed(category.name, member))
    });
    prop_oneof![
        6 => (catalog_permission(), any::<bool>()).prop_map(|(p, q)| Perm::Api(p.to_owned(), q)),
        2 => seed_member,
        1 => text("", TEXT, 1..=40).prop_map(Perm::Unchecked),
        1 => re("[A-Za-z]{1,20}(\\.[A-Za-z]{1,20}){0,2}").prop_map(Perm::Unchecked),
    ]
}

const CUSTOM_PATHS: [&str; 5] = [
    "CUSTOM_PRESET",
    "crate::presets::LEAD_AGENT",
    "super::presets::SEARCHING_AGENT",
    "::other_crate::guide::SPECIALIZED_AGENT",
    "self::Ünï::PRESET_9",
];

fn gen_preset() -> impl Strategy<Value = GenPreset> {
    prop_oneof![
        3 => select(presets::BUILTIN_PRESETS).prop_map(|p| GenPreset::Builtin(p.name)),
        1 => (select(CUSTOM_PATHS.to_vec()), vec(catalog_permission(), 0..12)).prop_map(|(path, p)| {
            let mut p: Vec<String> = p.into_iter().map(str::to_owned).collect();
            p.sort();
            p.dedup();
            GenPreset::Custom(path, p)
        }),
    ]
}

fn tag_key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => text(LETTERS, TAG_KEY_CHARS, 0..=20),
        1 => text(LETTERS, LETTERS, 127..=127),
    ]
    .prop_filter("aws: is reserved", |k| {
        !k.to_ascii_lowercase().starts_with("aws:")
    })
}

fn tag_value() -> impl Strategy<Value = String> {
    prop_oneof![8 => text("", TEXT, 0..=30), 1 => text("", "abc z", 256..=256)]
}

fn tags(max: usize) -> impl Strategy<Value = Vec<(String, String)>> {
    vec((tag_key(), tag_value()), 0..=max).prop_map(|mut tags| {
        let mut seen = std::collections::HashSet::new();
        tags.retain(|(k, _)| seen.insert(k.to_ascii_lowercase()));
        tags
    })
}

/// An item with every field; [`valid_invocation`] fits it to its macro.
fn gen_item() -> impl Strategy<Value = (GenItem, Vec<(Index, bool)>)> {
    let permission_fields = (
        vec(gen_preset(), 0..3),
        any::<bool>(),
        vec(select(groups::BUILTIN_GROUPS).prop_map(|g| g.name), 0..4),
        (
            vec(perm(), 0..8),
            // Now and then hundreds more, up to and past the limit of 500.
            prop_oneof![19 => Just(0usize), 1 => 0usize..=520],
        )
            .prop_map(|(mut permissions, bulk)| {
                permissions.extend((0..bulk).map(|i| Perm::Unchecked(format!("Bulk{i}.View"))));
                permissions
            }),
        vec((any::<Index>(), any::<bool>()), 0..3),
    );
    let profile_fields = (
        prop_oneof![4 => text(NAME_CHARS, NAME_CHARS, 0..=39), 1 => text(LETTERS, LETTERS, 126..=126)],
        prop::option::of(
            prop_oneof![4 => text("", TEXT, 0..=60), 1 => text("", "abcxyz", 250..=250)],
        ),
        any::<bool>(),
        prop::option::of((
            tags(4).prop_filter("at least one tag", |t| !t.is_empty()),
            vec(
                prop_oneof![
                    4 => select(rules::restrictions::TAG_RESTRICTABLE.to_vec())
                        .prop_map(|r| (r.to_owned(), false)),
                    1 => text(LETTERS, LETTERS, 0..=19).prop_map(|r| (r, true)),
                ],
                1..5,
            ),
        )),
        prop::option::of(
            prop_oneof![4 => text("", HIERARCHY_GROUP_CHARS, 0..=40), 1 => text("", "0123456789abcdef", 127..=127)],
        ),
        prop_oneof![4 => tags(6), 1 => tags(50)],
    );
    let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let form = (
        prop_oneof![
            8 => text(upper, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", 0..=15),
            1 => text(upper, upper, 150..=300),
            1 => select(vec!["ÉQUIPE_LEAD", "ДЕЛО", "名前"]).prop_map(str::to_owned),
        ],
        select(vec!["", "pub", "pub(crate)", "pub(super)"]),
        prop::option::of(text("", TEXT, 0..=30)),
        any::<(bool, bool, u64)>(),
    );
    (permission_fields, profile_fields, form).prop_map(|(p, q, f)| {
        let (presets, preset_list, groups, permissions, without) = p;
        let (name, description, restrict_hierarchy, restrict_tags, hierarchy_group, tags) = q;
        let (ident, vis, doc, (empty_fields, trailing_comma, order)) = f;
        let item = GenItem {
            ident,
            vis,
            doc,
            name,
            description,
            presets,
            preset_list,
            groups,
            permissions,
            without: Vec::new(),
            restrict_hierarchy,
            restrict_tags: restrict_tags.map(|(tags, mut resources)| {
                let mut seen = std::collections::HashSet::new();
                resources.retain(|(r, _)| seen.insert(r.clone()));
                (tags, resources)
            }),
            hierarchy_group,
            tags,
            sensitive: None,
            empty_fields,
            trailing_comma,
            order,
        };
        (item, without)
    })
}

impl GenItem {
    /// Fits the item to `kind`, and picks `without` among what the rest grants.
    fn fit(&mut self, kind: Kind, without: &[(Index, bool)]) {
        if kind == Kind::Preset {
            self.name.clear();
            self.description = None;
            self.restrict_hierarchy = false;
            self.restrict_tags = None;
            self.hierarchy_group = None;
            self.tags.clear();
        }
        let granted = core_validate(self, kind).0.permissions;
        if !granted.is_empty() {
            self.without = without
                .iter()
                .map(|(i, quoted)| Perm::Api(granted[i.index(granted.len())].clone(), *quoted))
                .collect();
        }
    }
}

impl GenItem {
    fn spec(&self) -> ProfileSpec<()> {
        let located = |s: &String| Located::new(s.clone(), ());
        let tag_specs = |tags: &[(String, String)]| -> Vec<TagSpec<()>> {
            tags.iter()
                .map(|(k, v)| TagSpec {
                    key: located(k),
                    value: located(v),
                })
                .collect()
        };
        let resource = |(r, unchecked): &(String, bool)| {
            if *unchecked {
                ResourceItem::Unchecked(located(r))
            } else {
                ResourceItem::Known(located(r))
            }
        };
        ProfileSpec {
            name: Some(located(&self.name)),
            description: self.description.as_ref().map(located),
            presets: self
                .presets
                .iter()
                .map(|p| match p {
                    GenPreset::Builtin(name) => {
                        PresetUse::Builtin(Located::new((*name).to_owned(), ()))
                    }
                    GenPreset::Custom(path, permissions) => PresetUse::Custom {
                        name: Located::new(path_key(&path.parse().unwrap()), ()),
                        permissions: permissions.clone(),
                    },
                })
                .collect(),
            groups: self
                .groups
                .iter()
                .map(|g| Located::new((*g).to_owned(), ()))
                .collect(),
            permissions: self.permissions.iter().map(Perm::spec).collect(),
            without: self.without.iter().map(Perm::spec).collect(),
            restrict_hierarchy: if self.restrict_hierarchy {
                vec![ResourceItem::Known(Located::new("User".to_owned(), ()))]
            } else {
                Vec::new()
            },
            restrict_tags: self
                .restrict_tags
                .as_ref()
                .map(|(tags, resources)| TagRestriction {
                    tags: tag_specs(tags),
                    resources: resources.iter().map(resource).collect(),
                    at: (),
                }),
            hierarchy_group: self.hierarchy_group.as_ref().map(located),
            tags: tag_specs(&self.tags),
            sensitive: self.sensitive.as_ref().map(located),
        }
    }

    /// The fields as DSL text, in a shuffled order.
    fn text(&self, kind: Kind) -> String {
        let list = |items: Vec<String>| format!("[{}]", items.join(", "));
        let map = |tags: &[(String, String)]| {
            let entries: Vec<String> = tags
                .iter()
                .map(|(k, v)| format!("{}: {}", Literal::string(k), Literal::string(v)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        };
        let mut fields: Vec<(&str, String)> = Vec::new();
        let preset_text = |p: &GenPreset| match p {
            GenPreset::Builtin(name) => (*name).to_owned(),
            GenPreset::Custom(path, _) => (*path).to_owned(),
        };
        match self.presets.as_slice() {
            [one] if !self.preset_list => fields.push(("preset", preset_text(one))),
            [] if !self.empty_fields => {}
            all => fields.push(("preset", list(all.iter().map(preset_text).collect()))),
        }
        if !self.groups.is_empty() || self.empty_fields {
            let groups = self.groups.iter().map(|g| (*g).to_owned()).collect();
            fields.push(("groups", list(groups)));
        }
        if !self.permissions.is_empty() || self.empty_fields {
            fields.push((
                "permissions",
                list(self.permissions.iter().map(Perm::text).collect()),
            ));
        }
        if !self.without.is_empty() || self.empty_fields {
            fields.push((
                "without",
                list(self.without.iter().map(Perm::text).collect()),
            ));
        }
        if kind == Kind::Profile {
            fields.push(("name", Literal::string(&self.name).to_string()));
            if let Some(d) = &self.description {
                fields.push(("description", Literal::string(d).to_string()));
            }
            if self.restrict_hierarchy {
                fields.push(("restrict hierarchy", "[User]".to_owned()));
            }
            if let Some((tags, resources)) = &self.restrict_tags {
                let resources = resources
                    .iter()
                    .map(|(r, unchecked)| {
                        if *unchecked {
                            format!("unchecked({})", Literal::string(r))
                        } else {
                            r.clone()
                        }
                    })
                    .collect();
                fields.push((
                    "restrict tags",
                    format!("{} on {}", map(tags), list(resources)),
                ));
            }
            if let Some(id) = &self.hierarchy_group {
                fields.push(("hierarchy group", Literal::string(id).to_string()));
            }
            if !self.tags.is_empty() || self.empty_fields {
                fields.push(("tags", map(&self.tags)));
            }
            if let Some(reason) = &self.sensitive {
                fields.push(("sensitive", Literal::string(reason).to_string()));
            }
        }
        // A small shuffle, driven by `order`.
        let mut state = self.order;
        for i in (1..fields.len()).rev() {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            fields.swap(i, (state >> 33) as usize % (i + 1));
        }
        let mut body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        if self.trailing_comma && !body.is_empty() {
            body.last_mut().unwrap().push(',');
        }
        let doc = match &self.doc {
            Some(d) => format!("#[doc = {}]\n", Literal::string(d)),
            None => String::new(),
        };
        let konst = if kind == Kind::Profile { "const " } else { "" };
        format!(
            "{doc}{} {konst}{} = {{\n    {}\n}};\n",
            self.vis,
            self.ident,
            body.join(",\n    ")
        )
    }
}

/// What the core computes for an item, and whether it holds an error.
fn core_validate(item: &GenItem, kind: Kind) -> (ResolvedProfile, Vec<Rule>) {
    let spec = item.spec();
    let validated = match kind {
        Kind::Profile => rules::validate(&spec, &()),
        Kind::Preset => rules::validate_preset(&spec, &()),
    };
    let errors = validated
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.rule)
        .collect();
    (validated.profile, errors)
}

/// A valid invocation: 1 to 3 items that pass every rule, with distinct names.
#[derive(Debug, Clone)]
struct Valid {
    kind: Kind,
    items: Vec<GenItem>,
}

fn valid_invocation() -> impl Strategy<Value = Valid> {
    (kind(), vec(gen_item(), 1..4), text(LETTERS, TEXT, 0..=40)).prop_filter_map(
        "a valid invocation",
        |(kind, mut items, reason)| {
            // A preset's macro answers with one list, wherever the preset is named.
            let mut answers: Vec<(&'static str, Vec<String>)> = Vec::new();
            for preset in items.iter_mut().flat_map(|(i, _)| i.presets.iter_mut()) {
                if let GenPreset::Custom(path, permissions) = preset {
                    match answers.iter().find(|(p, _)| p == path) {
                        Some((_, first)) => *permissions = first.clone(),
                        None => answers.push((path, permissions.clone())),
                    }
                }
            }
            let mut items: Vec<GenItem> = items
                .into_iter()
                .map(|(mut item, without)| {
                    item.fit(kind, &without);
                    item
                })
                .collect();
            for (i, item) in items.iter_mut().enumerate() {
                item.ident = format!("{}_{i}", item.ident);
                // `sensitive` exactly when the core asks for it.
                if core_validate(item, kind)
                    .1
                    .contains(&Rule::SensitiveWithoutReason)
                {
                    item.sensitive = Some(reason.clone());
                }
                if !core_validate(item, kind).1.is_empty() {
                    return None;
                }
            }
            if kind == Kind::Profile {
                let names: Vec<Located<String, ()>> = items
                    .iter()
                    .map(|i| Located::new(i.name.clone(), ()))
                    .collect();
                let mut out = Vec::new();
                rules::name::check_unique(&names, &mut out);
                if !out.is_empty() {
                    return None;
                }
            }
            Some(Valid { kind, items })
        },
    )
}

impl Valid {
    fn input(&self) -> Input {
        let text: String = self.items.iter().map(|i| i.text(self.kind)).collect();
        let tokens: TokenStream = text.parse().expect("generated DSL text lexes");
        let mut resolutions = Vec::new();
        for item in &self.items {
            for preset in &item.presets {
                if let GenPreset::Custom(path, permissions) = preset {
                    resolutions.push((path_key(&path.parse().unwrap()), permissions.clone()));
                }
            }
        }
        Input {
            kind: self.kind,
            toks: to_toks(tokens),
            resolutions,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading constants back from the output

/// The tokens of `const NAME: ... = <value>;` in a sequence.
fn const_value(tokens: &TokenStream, name: &str) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let start = trees.windows(2).position(|w| {
        matches!(&w[0], TokenTree::Ident(k) if k == "const")
            && matches!(&w[1], TokenTree::Ident(n) if n == name)
    })?;
    let eq = (start..trees.len())
        .find(|&i| matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '='))?;
    Some(
        trees[eq + 1..]
            .iter()
            .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ';'))
            .cloned()
            .collect(),
    )
}

/// Every string literal, in order, at any depth.
fn strings(tokens: &TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tree in tokens.clone() {
        match tree {
            TokenTree::Literal(lit) => {
                if let Ok(s) = syn::parse2::<syn::LitStr>(TokenTree::Literal(lit).into()) {
                    out.push(s.value());
                }
            }
            TokenTree::Group(g) => out.extend(strings(&g.stream())),
            _ => {}
        }
    }
    out
}

fn group_of(tokens: &TokenStream, delimiter: Delimiter) -> Option<TokenStream> {
    tokens.clone().into_iter().find_map(|t| match t {
        TokenTree::Group(g) if g.delimiter() == delimiter => Some(g.stream()),
        _ => None,
    })
}

/// The arguments of the call of `function` in `tokens` (its top level).
fn call_args(tokens: &TokenStream, function: &str) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees.windows(2).find_map(|pair| match pair {
        [TokenTree::Ident(f), TokenTree::Group(g)]
            if f == function && g.delimiter() == Delimiter::Parenthesis =>
        {
            Some(g.stream())
        }
        _ => None,
    })
}

/// The value of `field: ...` (up to the next comma) inside a profile's value, at any depth.
fn field_value(tokens: &TokenStream, field: &str) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(id) if id == field => {
                if let Some(TokenTree::Punct(p)) = trees.get(i + 1)
                    && p.as_char() == ':'
                    && p.spacing() == Spacing::Alone
                {
                    return Some(
                        trees[i + 2..]
                            .iter()
                            .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                            .cloned()
                            .collect(),
                    );
                }
            }
            TokenTree::Group(g) => {
                if let Some(found) = field_value(&g.stream(), field) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

/// `name: "..."` inside a profile's value.
fn field_string(tokens: &TokenStream, field: &str) -> Option<String> {
    strings(&field_value(tokens, field)?).pop()
}

/// `permissions: &["...", ...]` inside a profile's value.
fn field_list(tokens: &TokenStream, field: &str) -> Vec<String> {
    field_value(tokens, field)
        .map(|v| strings(&v))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// The properties

#[test]
fn random_token_trees() {
    run(
        "random_token_trees",
        1200,
        || {
            prop_oneof![stream(), item_shaped()]
                .prop_flat_map(|toks| (Just(toks), kind()))
                .prop_map(|(toks, kind)| Input {
                    kind,
                    toks,
                    resolutions: Vec::new(),
                })
        },
        |input| check(&input).map(|_| ()),
    );
}

#[test]
fn mutated_invocations() {
    run("mutated_invocations", 2000, mutated_seed, |input| {
        check(&input).map(|_| ())
    });
}

#[test]
fn valid_invocations_agree_with_the_rules() {
    run(
        "valid_invocations_agree_with_the_rules",
        600,
        valid_invocation,
        |valid| {
            let input = valid.input();
            let outcome = check(&input)?;
            if !outcome.errors.is_empty() {
                return Err(fail(
                    &input,
                    format!("a valid invocation failed: {:?}", outcome.errors),
                ));
            }
            if !outcome.parses {
                return Err(fail(&input, "the output of a valid invocation is not Rust"));
            }
            for item in &valid.items {
                let (expected, _) = core_validate(item, valid.kind);
                let value = const_value(&outcome.output, &item.ident)
                    .ok_or_else(|| fail(&input, format!("no constant `{}`", item.ident)))?;
                let (permissions, implied, name) = match valid.kind {
                    Kind::Profile => {
                        let block = group_of(&value, Delimiter::Brace).unwrap_or_default();
                        (
                            field_list(&block, "permissions"),
                            Some(field_list(&block, "implied")),
                            field_string(&block, "name"),
                        )
                    }
                    Kind::Preset => {
                        let block = group_of(&value, Delimiter::Brace).unwrap_or_default();
                        let args = call_args(&block, "__from_macro").unwrap_or_default();
                        let list = group_of(&args, Delimiter::Bracket).unwrap_or_default();
                        (strings(&list), None, None)
                    }
                };
                prop_assert_eq!(
                    &permissions,
                    &expected.permissions,
                    "permissions of `{}` in {:?}",
                    item.ident,
                    input
                );
                if let Some(implied) = implied {
                    prop_assert_eq!(&implied, &expected.implied, "implied of `{}`", item.ident);
                    prop_assert_eq!(name.as_ref(), Some(&expected.name));
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Fixed cases

fn input(kind: Kind, text: &str) -> Input {
    Input {
        kind,
        toks: to_toks(text.parse().expect("the test's input lexes")),
        resolutions: Vec::new(),
    }
}

#[track_caller]
fn assert_checks(kind: Kind, text: &str) -> Outcome {
    match check(&input(kind, text)) {
        Ok(outcome) => outcome,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn every_real_invocation_expands_cleanly() {
    let seeds = seeds();
    assert!(seeds.len() >= 15, "only {} seeds", seeds.len());
    assert!(seeds.iter().any(|s| s.kind == Kind::Preset));
    assert!(
        seeds
            .iter()
            .any(|s| matches!(s.toks.first(), Some(Tok::Punct('@', _)))),
        "a callback form"
    );
    for seed in seeds {
        let case = Input {
            kind: seed.kind,
            toks: seed.toks.clone(),
            resolutions: Vec::new(),
        };
        let outcome = check(&case).unwrap_or_else(|e| panic!("{}: {e}", seed.from));
        assert!(
            outcome.errors.is_empty(),
            "{}: {:?}\n{case:?}",
            seed.from,
            outcome.errors
        );
    }
}

#[test]
fn malformed_callbacks_are_errors_at_their_tokens() {
    let profile = "pub const P = { name: \"P\", preset: CUSTOM };";
    for prefix in [
        "@",
        "@ preset",
        "@ preset (CUSTOM)",
        "@ preset (CUSTOM) [1, 2]",
        "@ preset (CUSTOM) [\"A\" \"B\"]",
        "@ preset (CUSTOM) (\"A\")",
        "@ other (CUSTOM) []",
        "@ preset () []",
        "@ preset [CUSTOM] []",
        "@ preset (CUSTOM) [\"A\",,]",
        "@ preset (CUSTOM) [\"\"]",
        "@ preset (CUSTOM) [\"connect:*\"] @ preset (CUSTOM) []",
        "@ 1",
        "@@",
    ] {
        for kind in [Kind::Profile, Kind::Preset] {
            assert_checks(kind, &format!("{prefix} {profile}"));
            assert_checks(kind, prefix);
        }
    }
}

/// The minimal inputs of the bugs the properties found, kept as they were found.
mod regressions {
    use super::*;

    /// Where each error of an expansion starts (line, column) and its message; the expansion
    /// passes [`check`] first. Columns count in the input as [`render`] writes it.
    fn errors(kind: Kind, text: &str) -> (String, Vec<(usize, usize, String)>) {
        let case = input(kind, text);
        let outcome = check(&case).unwrap_or_else(|e| panic!("{e}"));
        let mut found = Vec::new();
        compile_errors(&outcome.output, &mut found);
        let found = found
            .into_iter()
            .map(|(start, _, message)| {
                let at = start.start();
                (at.line, at.column, message.unwrap_or_default())
            })
            .collect();
        (render(&case.toks), found)
    }

    /// The columns of the last `token` of `rendered`, its end included (proc_macro2's fallback
    /// puts the end of the input at the end of the last token).
    fn last(rendered: &str, token: &str) -> std::ops::RangeInclusive<usize> {
        let at = rendered.rfind(token).expect("the token");
        at..=at + token.len()
    }

    /// Found by `mutated_invocations` (a seed with its last tokens dropped): syn reports an
    /// error at the end of the macro's input at the call site, which is no token of the input
    /// (rustc underlines the whole invocation). The error now points at the last token.
    #[test]
    fn an_error_at_the_end_of_the_input_points_at_its_last_token() {
        let text = "pub const BASIC_AGENT = { name: \"BasicAgent\", preset: Agent }; pub";
        let (rendered, found) = errors(Kind::Profile, text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (line, column, message) = &found[0];
        assert!(
            message.starts_with("expected `const`, found nothing"),
            "{message}"
        );
        assert_eq!(*line, 1);
        assert!(last(&rendered, "pub").contains(column), "{column}");

        let (rendered, found) = errors(Kind::Preset, "pub P");
        assert!(last(&rendered, "P").contains(&found[0].1), "{found:?}");
    }

    /// Found by the longer run of `mutated_invocations` (`preset: [let::guide
    /// guide::SPECIALIZED_AGENT, ...]`, then `crate::const presets::SEARCHING_AGENT`): a keyword
    /// in the path to a custom preset was taken as a segment, so the macro called back
    /// `let::guide! { ... }` and wrote `&let::guide` for the editor, which rustc rejects with a
    /// message about Rust, not the DSL. The path is now checked as Rust would: an error at the
    /// segment.
    #[test]
    fn a_keyword_in_the_path_to_a_preset_is_an_error_at_it() {
        let found_by_run = "pub const SPECIALIST = { name: \"Specialist\", \
            preset: [let::guide guide::SPECIALIZED_AGENT, OutboundAgent], \
            permissions: [CustomerProfiles.View] };";
        let (rendered, found) = errors(Kind::Profile, found_by_run);
        assert!(
            found[0]
                .2
                .starts_with("expected the path to a preset, found keyword `let`"),
            "{found:?}"
        );
        assert_eq!(found[0].1, rendered.find("let").unwrap());
        for (kind, text, bad) in [
            (
                Kind::Profile,
                "pub const P = { name: \"P\", preset: crate::const X::Y };",
                "const",
            ),
            (Kind::Preset, "pub P = { preset: X::fn::Y };", "fn"),
            (Kind::Preset, "pub P = { preset: [Agent, X::_] };", "_"),
            (
                Kind::Profile,
                "pub const P = { name: \"P\", preset: a::crate::X };",
                "crate",
            ),
            (
                Kind::Profile,
                "pub const P = { name: \"P\", preset: ::self::X };",
                "self",
            ),
            (
                Kind::Profile,
                "pub const P = { name: \"P\", preset: X::super::Y };",
                "super",
            ),
            (
                Kind::Profile,
                "pub const P = { name: \"P\", preset: super::Self::X };",
                "Self",
            ),
            (
                Kind::Profile,
                "pub const P = { name: \"P\", preset: X::self };",
                "self",
            ),
        ] {
            let (rendered, found) = errors(kind, text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert!(
                found[0]
                    .2
                    .starts_with("expected the path to a preset, found "),
                "{found:?}"
            );
            let at = rendered.find(&format!(":: {bad} ")).map_or_else(
                || rendered.find(&format!("{bad} ::")).unwrap(),
                |colons| colons + 3,
            );
            assert_eq!(found[0].1, at, "{text}");
        }
        // What Rust takes is still a path to a preset.
        for path in [
            "crate::presets::X",
            "self::X",
            "super::super::X",
            "self::super::X",
            "::other::X",
            "r#let::X",
            "Ünï::X",
        ] {
            let case = input(
                Kind::Profile,
                &format!("pub const P = {{ name: \"P\", preset: {path} }};"),
            );
            let outcome = check(&case).unwrap_or_else(|e| panic!("{e}"));
            assert!(outcome.errors.is_empty(), "{path}: {:?}", outcome.errors);
        }
    }

    /// Found by `malformed_callbacks_are_errors_at_their_tokens`: the same in syn's own errors,
    /// here in a malformed answer of a preset's macro (`@preset(path) [...]`).
    #[test]
    fn syn_errors_at_the_end_of_the_input_point_at_its_last_token() {
        for (text, token) in [("@", "@"), ("@ preset", "preset"), ("@ preset (X)", ")")] {
            let (rendered, found) = errors(Kind::Profile, text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            let (line, column, message) = &found[0];
            assert!(message.contains("unexpected end of input"), "{message}");
            assert_eq!(*line, 1);
            assert!(last(&rendered, token).contains(column), "{text}: {column}");
        }
    }
}

#[test]
fn editor_references_are_emitted_for_rust_analyzer_only() {
    let outcome = assert_checks(
        Kind::Profile,
        "const P = { name: \"P\", preset: Agent, groups: [BasicAgent], \
         permissions: [Queues.View, AccessMetrics, ContactControlPanel::OutboundCallAccess] };",
    );
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let text = outcome.output.to_string().replace(' ', "");
    let gated = text
        .split("#[cfg(rust_analyzer)]")
        .nth(1)
        .expect("a block gated on cfg(rust_analyzer)");
    for references in [
        "{use::switchboard::permissions::*;let_=[Queues::View,AccessMetrics];}",
        "{use::switchboard::seed::*;let_=[ContactControlPanel::OutboundCallAccess];}",
        "{use::switchboard::presets::*;let_=[Agent];}",
        "{use::switchboard::groups::*;let_=[BasicAgent];}",
    ] {
        assert!(gated.contains(references), "no {references} in {gated}");
    }
    assert_eq!(text.matches("cfg(rust_analyzer)").count(), 1, "{text}");
}
