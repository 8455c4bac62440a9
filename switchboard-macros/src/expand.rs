//! Expansion: generates code from checked items. No rule lives here.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use switchboard_core::diagnostic::Diagnostic;
use switchboard_core::{catalog, groups, presets, seed_names};

use crate::ast::{self, Item, Kind, PathRef, PresetRef};
use crate::ctxt::{Ctxt, Loc};
use crate::valid::{self, Checked};

/// Parses, validates and expands one invocation. Never panics: every problem becomes a
/// `compile_error!` at its token, next to whatever could still be generated.
pub fn expand(tokens: TokenStream, kind: Kind) -> TokenStream {
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

fn texts(values: &[String]) -> TokenStream {
    let lits = strings(values);
    quote!(&[#(#lits),*])
}

fn option(value: Option<&String>) -> TokenStream {
    match value {
        Some(v) => {
            let lit = Literal::string(v);
            quote!(::core::option::Option::Some(#lit))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn tags(pairs: &[(String, String)]) -> TokenStream {
    let entries = pairs.iter().map(|(k, v)| {
        let (k, v) = (Literal::string(k), Literal::string(v));
        quote!(::switchboard::Tag::__from_macro(#k, #v))
    });
    quote!(&[#(#entries),*])
}

/// Doc lines listing the final contents, so hovering the constant shows what it grants.
fn contents_doc(permissions: &[String], implied: &[String]) -> TokenStream {
    let list = permissions
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut lines = vec![
        String::new(),
        format!("**Permissions ({})**: {list}.", permissions.len()),
    ];
    if !implied.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "Implied (the Connect console adds a family's `View` with its other actions): {}.",
            implied
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    quote!(#(#[doc = #lines])*)
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
                permissions.push(quote!(#(#idents)::*));
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
    for (module, items) in [
        ("permissions", permissions),
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

/// What an item emits beside its constant: the editor references, for rust-analyzer only
/// (it sets `cfg(rust_analyzer)` on workspace crates; to rustc they would cost about a
/// millisecond per profile of type-checked, borrow-checked code that checks nothing the
/// macro has not), and the warnings, for rustc.
fn editor_support(c: &Checked) -> TokenStream {
    let refs = editor_refs(c.item);
    let mut out = quote! {
        #[allow(unexpected_cfgs)]
        const _: () = {
            #[cfg(rust_analyzer)]
            fn editor_support() {
                #refs
            }
        };
    };
    if !c.warnings.is_empty() {
        let warnings = warnings(&c.warnings);
        out.extend(quote!(const _: () = { #warnings };));
    }
    out
}

/// Warnings on stable Rust: a use of a `#[deprecated]` item spanned at the user's token.
/// rustc underlines a single token there (joining spans is nightly-only), so a warning about
/// `Users.Edit` points at `Users`; the message names the whole permission.
fn warnings(warnings: &[Diagnostic<Loc>]) -> TokenStream {
    let mut out = TokenStream::new();
    for w in warnings {
        let note = w.render();
        let name = format_ident!("{}", w.rule.name());
        let at = Ident::new(&w.rule.name(), Span::call_site().located_at(w.at.start));
        out.extend(quote! {
            {
                #[deprecated(note = #note)]
                struct #name;
                let _ = #at;
            }
        });
    }
    out
}

fn expand_profile(c: &Checked) -> TokenStream {
    let Item {
        attrs, vis, ident, ..
    } = c.item;
    let p = &c.profile;
    let doc = contents_doc(&p.permissions, &p.implied);
    let name = Literal::string(&p.name);
    let description = option(p.description.as_ref());
    let permissions = texts(&p.permissions);
    let implied = texts(&p.implied);
    let reason = option(p.sensitive_reason.as_ref());
    let resource_tags = tags(&p.tags);
    let access_control_tags = tags(&p.access_control_tags);
    let tag_restricted = texts(&p.tag_restricted_resources);
    let hierarchy_restricted = texts(&p.hierarchy_restricted_resources);
    let hierarchy_group = option(p.hierarchy_group.as_ref());
    let support = editor_support(c);
    // Permission lists are string-literal slices, which rustc promotes to statics cheaply;
    // tags are `Tag` values, so they go through a `const` item of their own.
    quote! {
        #attrs
        #doc
        #vis const #ident: ::switchboard::SecurityProfile = {
            const TAGS: &[::switchboard::Tag] = #resource_tags;
            const ACCESS_CONTROL_TAGS: &[::switchboard::Tag] = #access_control_tags;
            ::switchboard::SecurityProfile::__from_macro(::switchboard::__private::__MacroParts {
                name: #name,
                description: #description,
                permissions: #permissions,
                implied: #implied,
                sensitive_reason: #reason,
                tags: TAGS,
                access_control_tags: ACCESS_CONTROL_TAGS,
                tag_restricted_resources: #tag_restricted,
                hierarchy_restricted_resources: #hierarchy_restricted,
                hierarchy_group: #hierarchy_group,
            })
        };
        #support
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
    let doc = contents_doc(&p.permissions, &p.implied);
    let name = Literal::string(&ident.to_string());
    let lits = strings(&p.permissions);
    let hidden = format_ident!(
        "__switchboard_preset_{}_{:016x}",
        ident,
        fnv1a(input_hash, &ident.to_string())
    );
    let support = editor_support(c);
    quote! {
        #attrs
        #doc
        #vis const #ident: ::switchboard::Preset = ::switchboard::Preset::__from_macro(#name, &[#(#lits),*]);

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

        #support
    }
}
