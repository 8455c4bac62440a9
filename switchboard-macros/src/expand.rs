//! Expansion: generates code from checked items. No rule lives here.

use std::fmt::Write;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};

use switchboard_core::diagnostic::Diagnostic;
use switchboard_core::{catalog, groups, presets, seed_names};

use crate::ast::{self, Item, Kind, PathRef, PresetRef};
use crate::ctxt::{Ctxt, Loc};
use crate::valid::{self, Checked};

/// Parses, validates and expands one invocation. Never panics: every problem becomes a
/// `compile_error!` at its token, next to whatever could still be generated.
pub fn expand(tokens: TokenStream, kind: Kind) -> TokenStream {
    let presets = ast::unanswered_custom_presets(&tokens);
    if let Some((first, rest)) = valid::distinct_paths(&presets, &[]).split_first() {
        return callback(first, rest, kind, tokens);
    }
    let mut cx = Ctxt::default();
    let invocation = ast::parse(tokens.clone(), kind, &mut cx);
    if let Some((first, rest)) = valid::unresolved(&invocation).split_first() {
        return callback(first, rest, kind, tokens);
    }
    let checked = valid::check(&invocation, kind, &mut cx);
    // The hidden macros' names hash the whole input: text it once, not once per preset.
    let input_hash = match kind {
        Kind::Profile => 0,
        Kind::Preset => fnv1a(FNV_OFFSET, &tokens.to_string()),
    };
    let mut out = TokenStream::new();
    for c in &checked {
        out.extend(match kind {
            Kind::Profile => expand_profile(c),
            Kind::Preset => expand_preset(c, input_hash),
        });
    }
    out.extend(editor_support(&checked));
    out.extend(cx.into_compile_errors());
    out
}

/// Asks the presets defined with `preset!` for their permissions, in one round: the first
/// preset's macro calls the second's with its answer, and so on; the last calls this macro back
/// with every answer (`@preset(path) [...]`) ahead of the original input. One round, not one per
/// preset: each round sends the whole input through rustc and this macro again.
fn callback(
    first: &valid::Unresolved,
    rest: &[valid::Unresolved],
    kind: Kind,
    tokens: TokenStream,
) -> TokenStream {
    let this = match kind {
        Kind::Profile => quote!(::switchboard::security_profile),
        Kind::Preset => quote!(::switchboard::preset),
    };
    let paths: Vec<&TokenStream> = std::iter::once(first).chain(rest).map(|u| u.path).collect();
    let callers = paths.iter().skip(1).copied().chain(std::iter::once(&this));
    let first = first.path;
    quote! { #first ! { #(( #callers ) ( #paths ))* #tokens } }
}

fn strings(values: &[String]) -> Vec<Literal> {
    values.iter().map(|v| Literal::string(v)).collect()
}

// The constants and their docs are written as Rust source text and lexed by rustc in one
// call: an unoptimized proc macro (every debug build) spends far longer creating ~250 tokens
// a profile one by one and sending them across the proc-macro bridge. Their spans are the
// call site's either way, as with `quote!`; tokens the user wrote (name, visibility,
// attributes, editor references, warnings) keep their own spans and stay tokens.

/// Appends `text` as a Rust string literal: `Debug` for `str` writes one, escapes included
/// (and, living in the precompiled standard library, runs optimized even in a debug build).
fn push_literal(out: &mut String, text: &str) {
    let _ = write!(out, "{text:?}");
}

fn push_texts(out: &mut String, values: &[String]) {
    out.push_str("&[");
    for v in values {
        push_literal(out, v);
        out.push(',');
    }
    out.push(']');
}

fn push_option(out: &mut String, value: Option<&String>) {
    match value {
        Some(v) => {
            out.push_str("::core::option::Option::Some(");
            push_literal(out, v);
            out.push(')');
        }
        None => out.push_str("::core::option::Option::None"),
    }
}

fn push_tags(out: &mut String, pairs: &[(String, String)]) {
    out.push_str("&[");
    for (k, v) in pairs {
        out.push_str("::switchboard::Tag::__from_macro(");
        push_literal(out, k);
        out.push(',');
        push_literal(out, v);
        out.push_str("),");
    }
    out.push(']');
}

/// Lexes generated source text; `compile_error!` rather than a panic should it ever not lex.
/// Inside the compiler the text goes straight to rustc's lexer: `proc_macro2`'s `FromStr`
/// first runs its own lexer over the text to validate it, which, unoptimized, cost as much as
/// the rest of the expansion. Outside it (the unit tests), `proc_macro2` lexes.
fn lex(text: &str) -> TokenStream {
    if proc_macro::is_available()
        && let Ok(tokens) = text.parse::<proc_macro::TokenStream>()
    {
        return tokens.into();
    }
    text.parse().unwrap_or_else(|error| {
        let message =
            format!("switchboard generated code that does not lex ({error}): please report this");
        quote!(::core::compile_error!(#message);)
    })
}

/// Free text (a description, a reason, a tag value) as Markdown that shows it verbatim:
/// rustdoc would otherwise read `*`, `_`, `<tag>` or `[link]` in it.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A permission in a doc line: a link to its documented constant in `switchboard::permissions`
/// (`Users.Edit` is `permissions::Users::Edit`) when the catalog has it, plain code otherwise
/// (`unchecked("...")`), so a reviewer clicks through to what each permission grants.
/// Written byte by byte: this runs for every permission of every profile, unoptimized.
fn push_permission_link(line: &mut String, api: &str, in_catalog: bool) {
    if !in_catalog {
        line.push('`');
        line.push_str(api);
        line.push('`');
        return;
    }
    line.push_str("[`");
    line.push_str(api);
    line.push_str("`](const@switchboard::permissions::");
    let mut start = 0;
    for (i, byte) in api.bytes().enumerate() {
        if byte == b'.' {
            line.push_str(&api[start..i]);
            line.push_str("::");
            start = i + 1;
        }
    }
    line.push_str(&api[start..]);
    line.push(')');
}

/// `` `key`: `value` `` pairs, comma-separated.
fn tag_list(pairs: &[(String, String)]) -> String {
    let mut line = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        let _ = write!(line, "`{key}`: {}", markdown_text(&format!("\"{value}\"")));
    }
    line
}

/// `` `A`, `B` `` for names that cannot hold a backtick (resource types).
fn code_names(names: &[String]) -> String {
    let mut line = String::new();
    for (i, name) in names.iter().enumerate() {
        let _ = write!(line, "{}`{}`", if i == 0 { "" } else { ", " }, name);
    }
    line
}

/// The permission lines of a constant's rustdoc: every permission, linked; the sensitive ones
/// again; and the ones the console adds (already linked in the first line). One catalog lookup
/// per permission serves the link and the tier.
fn permission_lines(permissions: &[String], implied: &[String], lines: &mut Vec<String>) {
    let mut all = String::with_capacity(32 + permissions.len() * 96);
    let _ = write!(all, "**Permissions ({})**: ", permissions.len());
    let mut sensitive = Vec::new();
    for (i, permission) in permissions.iter().enumerate() {
        let info = catalog::lookup(permission);
        if i > 0 {
            all.push_str(", ");
        }
        push_permission_link(&mut all, permission, info.is_some());
        if info.is_some_and(|info| info.tier == catalog::Tier::Sensitive) {
            sensitive.push(permission.as_str());
        }
    }
    all.push('.');
    lines.push(all);
    if !sensitive.is_empty() {
        let mut line = format!("**Sensitive permissions ({})**: ", sensitive.len());
        for (i, permission) in sensitive.iter().enumerate() {
            if i > 0 {
                line.push_str(", ");
            }
            push_permission_link(&mut line, permission, true);
        }
        line.push('.');
        lines.push(line);
    }
    if !implied.is_empty() {
        lines.push(format!(
            "Implied (the Connect console adds a family's `View` with its other actions): {}.",
            code_names(implied)
        ));
    }
}

/// The rustdoc of a profile's constant, after the user's own: the whole profile as it will be
/// deployed (name, description, reason, tags, restrictions, then every permission linked to its
/// documentation), so a reviewer reading `cargo doc` sees the profile on one page and hovering
/// the constant in an editor shows what it grants.
fn profile_doc(p: &switchboard_core::rules::ResolvedProfile) -> TokenStream {
    let mut facts = vec![format!("- **Security profile**: `{}`", p.name)];
    if let Some(description) = &p.description {
        facts.push(format!("- **Description**: {}", markdown_text(description)));
    }
    if let Some(reason) = &p.sensitive_reason {
        facts.push(format!("- **Why sensitive**: {}", markdown_text(reason)));
    }
    if !p.tags.is_empty() {
        facts.push(format!("- **Tags**: {}", tag_list(&p.tags)));
    }
    if !p.tag_restricted_resources.is_empty() || !p.access_control_tags.is_empty() {
        facts.push(format!(
            "- **Restricted by tags**: {} on {}",
            tag_list(&p.access_control_tags),
            code_names(&p.tag_restricted_resources)
        ));
    }
    if !p.hierarchy_restricted_resources.is_empty() {
        facts.push(format!(
            "- **Restricted by hierarchy**: {}",
            code_names(&p.hierarchy_restricted_resources)
        ));
    }
    if let Some(group) = &p.hierarchy_group {
        facts.push(format!("- **Hierarchy group**: `{}`", markdown_text(group)));
    }
    let mut paragraphs = vec![facts.join("\n")];
    permission_lines(&p.permissions, &p.implied, &mut paragraphs);
    doc_attrs(&paragraphs)
}

/// The rustdoc of a preset's constant, after the user's own: its permissions, linked.
fn preset_doc(p: &switchboard_core::rules::ResolvedProfile) -> TokenStream {
    let mut paragraphs = Vec::new();
    permission_lines(&p.permissions, &p.implied, &mut paragraphs);
    doc_attrs(&paragraphs)
}

/// `#[doc]` attributes for paragraphs, each after an empty line (the user's docs come first).
fn doc_attrs(paragraphs: &[String]) -> TokenStream {
    let mut text = String::new();
    for paragraph in paragraphs {
        text.push_str("#[doc = \"\"] #[doc = ");
        push_literal(&mut text, paragraph);
        text.push_str("] ");
    }
    lex(&text)
}

/// The inside of the block that is a profile's constant. Permission lists are string-literal
/// slices, which rustc promotes to statics cheaply; tags are `Tag` values, so they go through
/// `const` items.
fn profile_value(p: &switchboard_core::rules::ResolvedProfile) -> TokenStream {
    let mut t = String::with_capacity(4096);
    t.push_str("const TAGS: &[::switchboard::Tag] = ");
    push_tags(&mut t, &p.tags);
    t.push_str("; const ACCESS_CONTROL_TAGS: &[::switchboard::Tag] = ");
    push_tags(&mut t, &p.access_control_tags);
    t.push_str(
        "; ::switchboard::SecurityProfile::__from_macro(::switchboard::__private::__MacroParts { name: ",
    );
    push_literal(&mut t, &p.name);
    t.push_str(", description: ");
    push_option(&mut t, p.description.as_ref());
    t.push_str(", permissions: ");
    push_texts(&mut t, &p.permissions);
    t.push_str(", implied: ");
    push_texts(&mut t, &p.implied);
    t.push_str(", sensitive_reason: ");
    push_option(&mut t, p.sensitive_reason.as_ref());
    t.push_str(
        ", tags: TAGS, access_control_tags: ACCESS_CONTROL_TAGS, tag_restricted_resources: ",
    );
    push_texts(&mut t, &p.tag_restricted_resources);
    t.push_str(", hierarchy_restricted_resources: ");
    push_texts(&mut t, &p.hierarchy_restricted_resources);
    t.push_str(", hierarchy_group: ");
    push_option(&mut t, p.hierarchy_group.as_ref());
    t.push_str(" })");
    lex(&t)
}

/// References to the documented items behind what the user wrote, spanned at the user's
/// tokens, so editors show docs on hover and go to the definition: one array per kind of item,
/// with that kind's module glob-imported, so each reference costs only the user's own tokens.
fn editor_refs(item: &Item) -> TokenStream {
    let mut permissions = Vec::new();
    let mut seed = Vec::new();
    for path in &item.path_refs {
        match path {
            PathRef::Api { api, idents } if catalog::lookup(api).is_some() => {
                // Token trees into one list, not a `quote!` stream per path: each stream is a
                // round trip across the proc-macro bridge.
                for (i, ident) in idents.iter().enumerate() {
                    if i > 0 {
                        permissions.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
                        permissions.push(TokenTree::Punct(Punct::new(':', Spacing::Alone)));
                    }
                    permissions.push(TokenTree::Ident(ident.clone()));
                }
                permissions.push(TokenTree::Punct(Punct::new(',', Spacing::Alone)));
            }
            PathRef::Seed { category, member } => {
                let known = seed_names::category(&category.to_string())
                    .is_some_and(|c| *member == "All" || c.member(&member.to_string()).is_some());
                if known {
                    seed.push(quote!(#category::#member));
                }
            }
            PathRef::Api { .. } => {}
        }
    }
    let mut presets = Vec::new();
    let mut custom = TokenStream::new();
    for preset in &item.presets {
        match preset {
            PresetRef::Builtin(name, ident) if presets::preset(&name.value).is_some() => {
                presets.push(ident);
            }
            PresetRef::Custom { path, .. } => {
                custom.extend(quote!(let _: &::switchboard::Preset = &#path;));
            }
            PresetRef::Builtin(..) => {}
        }
    }
    let groups: Vec<&Ident> = item
        .group_idents
        .iter()
        .filter(|group| groups::group(&group.to_string()).is_some())
        .collect();
    let mut refs = custom;
    if !permissions.is_empty() {
        permissions.pop(); // the last comma, so the list reads as written
        let list: TokenStream = permissions.into_iter().collect();
        refs.extend(quote!({ use ::switchboard::permissions::*; let _ = [#list]; }));
    }
    for (module, items) in [
        ("seed", seed),
        ("presets", presets.iter().map(|i| quote!(#i)).collect()),
        ("groups", groups.iter().map(|i| quote!(#i)).collect()),
    ] {
        if !items.is_empty() {
            let module = Ident::new(module, Span::call_site());
            refs.extend(quote!({ use ::switchboard::#module::*; let _ = [#(#items),*]; }));
        }
    }
    refs
}

/// What an invocation emits beside its constants: the editor references, for rust-analyzer
/// only (it sets `cfg(rust_analyzer)` on workspace crates; to rustc they would cost about a
/// millisecond per profile of type-checked, borrow-checked code that checks nothing the macro
/// has not).
fn editor_support(checked: &[Checked]) -> TokenStream {
    let refs = checked.iter().map(|c| editor_refs(c.item));
    quote! {
        #[allow(unexpected_cfgs)]
        const _: () = {
            #[cfg(rust_analyzer)]
            fn editor_support() {
                #(#refs)*
            }
        };
    }
}

/// Warnings on stable Rust: a read of a `#[deprecated]` field, `Rule(()).0`, emitted inside the
/// item's own constant so the attributes written on that item (`#[allow(deprecated)]`) apply.
/// A field access is the one use rustc underlines as a whole expression, so spanning
/// `Rule(())` at the first token and `.0` at the last underlines the whole name
/// (`Audio.View`). Every token carries the user's own span, not one from this macro's
/// expansion: rustc describes a diagnostic inside an expansion with the text of the whole
/// invocation, which made each warning cost as much as the invocation is long.
fn warnings(warnings: &[Diagnostic<Loc>]) -> TokenStream {
    let mut out = TokenStream::new();
    for w in warnings {
        let note = w.render();
        let rule = w.rule.name();
        let decl = Ident::new(&rule, w.at.start);
        let ctor = Ident::new(&rule, w.at.start);
        let mut unit = Group::new(Delimiter::Parenthesis, quote!(()));
        unit.set_span(w.at.start);
        let mut dot = Punct::new('.', Spacing::Alone);
        dot.set_span(w.at.end);
        let mut field = Literal::usize_unsuffixed(0);
        field.set_span(w.at.end);
        out.extend(quote! {
            {
                struct #decl(#[deprecated(note = #note)] ());
                let _ = #ctor #unit #dot #field;
            }
        });
    }
    out
}

fn expand_profile(c: &Checked) -> TokenStream {
    let Item {
        attrs, vis, ident, ..
    } = c.item;
    let doc = profile_doc(&c.profile);
    let warnings = warnings(&c.warnings);
    let value = profile_value(&c.profile);
    quote! {
        #attrs
        #doc
        #vis const #ident: ::switchboard::SecurityProfile = { #warnings #value };
    }
}

/// FNV-1a: a stable hash for the hidden macro's name (std's hasher is not stable across
/// releases, and the name must not change between builds).
/// Continues from `hash` (start from [`FNV_OFFSET`]).
fn fnv1a(hash: u64, text: &str) -> u64 {
    text.bytes().fold(hash, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// FNV-1a's starting value.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn expand_preset(c: &Checked, input_hash: u64) -> TokenStream {
    let Item {
        attrs, vis, ident, ..
    } = c.item;
    let p = &c.profile;
    let doc = preset_doc(p);
    let warnings = warnings(&c.warnings);
    let name = Literal::string(&ident.to_string());
    let lits = strings(&p.permissions);
    let hidden = format_ident!(
        "__switchboard_preset_{}_{:016x}",
        ident,
        fnv1a(input_hash, &ident.to_string())
    );
    quote! {
        #attrs
        #doc
        #vis const #ident: ::switchboard::Preset = {
            #warnings
            ::switchboard::Preset::__from_macro(#name, &[#(#lits),*])
        };

        #[doc(hidden)]
        #[macro_export]
        macro_rules! #hidden {
            // In a chain of presets: carry the earlier answers on to the next macro.
            ( $(@preset $answered:tt $list:tt)+ ($($cb:tt)*) ($($path:tt)*) $($rest:tt)* ) => {
                $($cb)*! { $(@preset $answered $list)+ @preset($($path)*) [#(#lits),*] $($rest)* }
            };
            ( ($($cb:tt)*) ($($path:tt)*) $($rest:tt)* ) => {
                $($cb)*! { @preset($($path)*) [#(#lits),*] $($rest)* }
            };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #hidden as #ident;
    }
}
