//! Parsing: tokens to a small model that keeps every span. No rule lives here beyond the
//! grammar itself (unknown or repeated fields, malformed values).

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{LitStr, Token};

use switchboard_core::spec::{
    Located, PermissionItem, ProfileSpec, ResourceItem, TagRestriction, TagSpec,
};
use switchboard_core::suggest;

use crate::ctxt::{Ctxt, Loc};

/// Which macro is parsing: profiles need `const` and take every field; presets take only the
/// permission fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `security_profile!`.
    Profile,
    /// `preset!`.
    Preset,
}

/// The fields a profile takes, as written in the DSL.
pub const PROFILE_FIELDS: [&str; 11] = [
    "name",
    "description",
    "preset",
    "groups",
    "permissions",
    "without",
    "restrict hierarchy",
    "restrict tags",
    "hierarchy group",
    "tags",
    "sensitive",
];

/// The fields a preset takes.
pub const PRESET_FIELDS: [&str; 4] = ["preset", "groups", "permissions", "without"];

/// A preset named in `preset:`.
pub enum PresetRef {
    /// A built-in preset (a CamelCase identifier).
    Builtin(Located<String, Loc>, Ident),
    /// A preset defined with `preset!`: a SCREAMING_CASE identifier or a path.
    Custom {
        /// The path's tokens, to call the preset's macro.
        path: TokenStream,
        /// The path as text, to match the resolution the preset's macro sends back.
        key: String,
        /// Where it was written.
        loc: Loc,
    },
}

/// A permission written as a path (`Users.Edit`): its identifiers, for editor support.
pub struct PathRef {
    /// The API name.
    pub api: String,
    /// The identifiers as the user wrote them.
    pub idents: Vec<Ident>,
}

/// One `#[attrs] vis const IDENT = { ... };` (or, for presets, without `const`).
pub struct Item {
    /// Outer attributes, doc comments included.
    pub attrs: TokenStream,
    /// Visibility.
    pub vis: TokenStream,
    /// The constant's name.
    pub ident: Ident,
    /// The fields, in the core's input model.
    pub spec: ProfileSpec<Loc>,
    /// `preset:` entries, in order (built-in and custom).
    pub presets: Vec<PresetRef>,
    /// Permissions written as paths, for editor support.
    pub path_refs: Vec<PathRef>,
    /// Groups as written, for editor support.
    pub group_idents: Vec<Ident>,
}

/// A preset's contents, sent back by the preset's macro ahead of the original input.
pub struct Resolution {
    /// The path as text.
    pub key: String,
    /// The preset's final permissions.
    pub permissions: Vec<String>,
}

/// A whole invocation.
pub struct Invocation {
    /// Presets already resolved by callbacks.
    pub resolutions: Vec<Resolution>,
    /// The items.
    pub items: Vec<Item>,
}

fn loc_of(span: Span) -> Loc {
    Loc::new(span, span)
}

/// Skips tokens up to and including the next top-level `stop` punctuation.
fn skip_past(input: ParseStream, stop: char) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            rest = next;
            if let TokenTree::Punct(p) = &tt {
                if p.as_char() == stop {
                    break;
                }
            }
        }
        Ok(((), rest))
    });
}

/// Parses the whole input of `security_profile!` or `preset!`, collecting every error.
pub fn parse(tokens: TokenStream, kind: Kind, cx: &mut Ctxt) -> Invocation {
    let parser = |input: ParseStream| -> syn::Result<Invocation> {
        let mut resolutions = Vec::new();
        let mut items = Vec::new();
        while input.peek(Token![@]) {
            resolutions.push(parse_resolution(input)?);
        }
        while !input.is_empty() {
            match parse_item(input, kind, cx) {
                Ok(item) => items.push(item),
                Err(error) => {
                    cx.error(error);
                    skip_past(input, ';');
                }
            }
        }
        Ok(Invocation { resolutions, items })
    };
    match parser.parse2(tokens) {
        Ok(invocation) => invocation,
        Err(error) => {
            cx.error(error);
            Invocation {
                resolutions: Vec::new(),
                items: Vec::new(),
            }
        }
    }
}

/// `@preset(path) ["A", "B"]`, written by a preset's macro.
fn parse_resolution(input: ParseStream) -> syn::Result<Resolution> {
    input.parse::<Token![@]>()?;
    let marker: Ident = input.parse()?;
    if marker != "preset" {
        return Err(syn::Error::new(marker.span(), "expected `@preset`"));
    }
    let path;
    syn::parenthesized!(path in input);
    let path: TokenStream = path.parse()?;
    let list;
    syn::bracketed!(list in input);
    let mut permissions = Vec::new();
    while !list.is_empty() {
        permissions.push(list.parse::<LitStr>()?.value());
        if !list.is_empty() {
            list.parse::<Token![,]>()?;
        }
    }
    Ok(Resolution {
        key: path_key(&path),
        permissions,
    })
}

/// A path's text without spaces, the same however it was spaced.
pub fn path_key(path: &TokenStream) -> String {
    path.to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn parse_attrs(input: ParseStream) -> syn::Result<TokenStream> {
    let mut attrs = TokenStream::new();
    while input.peek(Token![#]) {
        let pound: Token![#] = input.parse()?;
        let body: TokenTree = input.parse()?;
        match &body {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {}
            other => return Err(syn::Error::new(other.span(), "expected `[` after `#`")),
        }
        attrs.extend(quote::quote!(#pound #body));
    }
    Ok(attrs)
}

fn parse_vis(input: ParseStream) -> syn::Result<TokenStream> {
    let mut vis = TokenStream::new();
    if input.peek(Token![pub]) {
        let kw: Token![pub] = input.parse()?;
        vis.extend(quote::quote!(#kw));
        if input.peek(syn::token::Paren) {
            let group: TokenTree = input.parse()?;
            vis.extend(std::iter::once(group));
        }
    }
    Ok(vis)
}

fn parse_item(input: ParseStream, kind: Kind, cx: &mut Ctxt) -> syn::Result<Item> {
    let attrs = parse_attrs(input)?;
    let vis = parse_vis(input)?;
    if kind == Kind::Profile {
        if !input.peek(Token![const]) {
            return Err(input.error(
                "expected `const`: each profile is written `pub const NAME = { name: \"...\", ... };`",
            ));
        }
        input.parse::<Token![const]>()?;
    }
    let ident: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            match kind {
                Kind::Profile => {
                    "expected the constant's name, as in `pub const TEAM_LEAD = { ... };`"
                }
                Kind::Preset => {
                    "expected the preset's name, as in `pub SPECIALIZED_AGENT = { ... };`"
                }
            },
        )
    })?;
    input.parse::<Token![=]>()?;
    let body;
    let brace = syn::braced!(body in input);
    let mut item = Item {
        attrs,
        vis,
        ident,
        spec: ProfileSpec::default(),
        presets: Vec::new(),
        path_refs: Vec::new(),
        group_idents: Vec::new(),
    };
    parse_fields(&body, kind, &mut item, cx);
    if input.is_empty() {
        return Err(syn::Error::new(
            brace.span.close(),
            "expected `;` after the closing brace",
        ));
    }
    input.parse::<Token![;]>()?;
    Ok(item)
}

/// Reads one field name, joining the two-word ones (`restrict tags`).
fn parse_field_name(input: ParseStream) -> syn::Result<(String, Loc)> {
    let first: Ident = input.call(syn::ext::IdentExt::parse_any)?;
    let mut name = first.to_string();
    let mut loc = loc_of(first.span());
    if (name == "restrict" || name == "hierarchy") && input.peek(syn::Ident) {
        let second: Ident = input.parse()?;
        name = format!("{name} {second}");
        loc = Loc::new(first.span(), second.span());
    }
    Ok((name, loc))
}

fn parse_fields(input: ParseStream, kind: Kind, item: &mut Item, cx: &mut Ctxt) {
    let allowed: &[&str] = match kind {
        Kind::Profile => &PROFILE_FIELDS,
        Kind::Preset => &PRESET_FIELDS,
    };
    let mut seen: Vec<String> = Vec::new();
    while !input.is_empty() {
        let result = (|| -> syn::Result<()> {
            let (name, loc) = parse_field_name(input)?;
            if !allowed.contains(&name.as_str()) {
                return Err(unknown_field(&name, loc, kind));
            }
            if seen.contains(&name) {
                return Err(cx.spanned(
                    loc,
                    format!("field `{name}` is given twice\n  = help: remove one of them; each field may appear once\n  = note: rule DuplicateField"),
                ));
            }
            seen.push(name.clone());
            input.parse::<Token![:]>()?;
            parse_field_value(input, &name, loc, item, cx)?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            Ok(())
        })();
        if let Err(error) = result {
            cx.error(error);
            skip_past(input, ',');
        }
    }
}

fn unknown_field(name: &str, loc: Loc, kind: Kind) -> syn::Error {
    let (allowed, what): (&[&str], &str) = match kind {
        Kind::Profile => (&PROFILE_FIELDS, "security profile"),
        Kind::Preset => (&PRESET_FIELDS, "preset"),
    };
    let help = if kind == Kind::Preset && PROFILE_FIELDS.contains(&name) {
        format!("a preset holds permissions only; set `{name}` on the profiles that use it")
    } else {
        match suggest::did_you_mean(name, allowed.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the fields are {}", allowed.join(", ")),
        }
    };
    Ctxt::spanned_static(
        loc,
        format!("unknown {what} field `{name}`\n  = help: {help}\n  = note: rule UnknownField"),
    )
}

fn lit_string(input: ParseStream) -> syn::Result<Located<String, Loc>> {
    let lit: LitStr = input.parse()?;
    Ok(Located::new(lit.value(), loc_of(lit.span())))
}

fn parse_field_value(
    input: ParseStream,
    name: &str,
    loc: Loc,
    item: &mut Item,
    cx: &mut Ctxt,
) -> syn::Result<()> {
    match name {
        "name" => item.spec.name = Some(lit_string(input)?),
        "description" => item.spec.description = Some(lit_string(input)?),
        "sensitive" => item.spec.sensitive = Some(lit_string(input)?),
        "hierarchy group" => item.spec.hierarchy_group = Some(lit_string(input)?),
        "preset" => {
            if input.peek(syn::token::Bracket) {
                let list;
                syn::bracketed!(list in input);
                parse_list(&list, cx, |entry| {
                    item.presets.push(parse_preset_ref(entry)?);
                    Ok(())
                });
            } else {
                item.presets.push(parse_preset_ref(input)?);
            }
        }
        "groups" => {
            let list;
            syn::bracketed!(list in input);
            parse_list(&list, cx, |entry| {
                let group: Ident = entry.parse()?;
                item.spec
                    .groups
                    .push(Located::new(group.to_string(), loc_of(group.span())));
                item.group_idents.push(group);
                Ok(())
            });
        }
        "permissions" | "without" => {
            let list;
            syn::bracketed!(list in input);
            let mut parsed = Vec::new();
            parse_list(&list, cx, |entry| {
                parsed.push(parse_permission(entry, &mut item.path_refs)?);
                Ok(())
            });
            if name == "permissions" {
                item.spec.permissions = parsed;
            } else {
                item.spec.without = parsed;
            }
        }
        "restrict hierarchy" => {
            item.spec.restrict_hierarchy = parse_resources(input, cx)?;
        }
        "restrict tags" => {
            let tags = parse_tags(input, cx)?;
            let on: Ident = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `on [Resource, ...]` after the tags\n  = help: write `restrict tags: { \"Department\": \"Sales\" } on [Queue, RoutingProfile]`",
                )
            })?;
            if on != "on" {
                return Err(syn::Error::new(
                    on.span(),
                    "expected `on` after the tags, as in `restrict tags: { \"K\": \"V\" } on [Queue]`",
                ));
            }
            let resources = parse_resources(input, cx)?;
            item.spec.restrict_tags = Some(TagRestriction {
                tags,
                resources,
                at: loc,
            });
        }
        "tags" => item.spec.tags = parse_tags(input, cx)?,
        _ => unreachable!("field names are checked against the field list first"),
    }
    Ok(())
}

/// Parses `a, b, c` (the inside of a bracket), recovering at commas so that one bad entry
/// does not hide the next.
fn parse_list(
    input: ParseStream,
    cx: &mut Ctxt,
    mut entry: impl FnMut(ParseStream) -> syn::Result<()>,
) {
    while !input.is_empty() {
        let result = entry(input).and_then(|()| {
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.error(error);
            skip_past(input, ',');
        }
    }
}

fn is_builtin_style(ident: &Ident) -> bool {
    ident.to_string().chars().any(|c| c.is_ascii_lowercase())
}

fn parse_preset_ref(input: ParseStream) -> syn::Result<PresetRef> {
    let mut path = TokenStream::new();
    let start = input.span();
    let mut end;
    let mut segments = 0;
    if input.peek(Token![::]) {
        let colons: Token![::] = input.parse()?;
        path.extend(quote::quote!(#colons));
    }
    loop {
        let segment: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a preset: a built-in one (`Agent`, `Supervisor`, ...) or a path to one defined with `preset!`",
            )
        })?;
        end = segment.span();
        segments += 1;
        path.extend(std::iter::once(TokenTree::Ident(segment.clone())));
        if input.peek(Token![::]) {
            let colons: Token![::] = input.parse()?;
            path.extend(quote::quote!(#colons));
            continue;
        }
        if segments == 1 && path.to_string() == segment.to_string() && is_builtin_style(&segment) {
            return Ok(PresetRef::Builtin(
                Located::new(segment.to_string(), loc_of(segment.span())),
                segment,
            ));
        }
        break;
    }
    let key = path_key(&path);
    Ok(PresetRef::Custom {
        path,
        key,
        loc: Loc::new(start, end),
    })
}

fn parse_unchecked(input: ParseStream) -> syn::Result<Located<String, Loc>> {
    let content;
    syn::parenthesized!(content in input);
    let lit: LitStr = content.parse()?;
    if !content.is_empty() {
        return Err(
            content.error("`unchecked` takes one string, as in `unchecked(\"NewFeature.View\")`")
        );
    }
    Ok(Located::new(lit.value(), loc_of(lit.span())))
}

fn parse_permission(
    input: ParseStream,
    path_refs: &mut Vec<PathRef>,
) -> syn::Result<PermissionItem<Loc>> {
    if input.peek(LitStr) {
        return Ok(PermissionItem::Api(lit_string(input)?));
    }
    let first: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a permission: an AWS API name (`Users.Edit`, `\"Users.Edit\"`), a seed name (`UsersAndPermissions::EditUsers`) or `unchecked(\"Name\")`",
        )
    })?;
    if first == "unchecked" && input.peek(syn::token::Paren) {
        return Ok(PermissionItem::Unchecked(parse_unchecked(input)?));
    }
    if input.peek(Token![::]) {
        input.parse::<Token![::]>()?;
        let member: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        return Ok(PermissionItem::Seed {
            category: Located::new(first.to_string(), loc_of(first.span())),
            member: Located::new(member.to_string(), loc_of(member.span())),
        });
    }
    if input.peek(Token![:]) {
        // `connect:CreateUser`, `connect:*`: an IAM action; the rules explain why it is wrong.
        input.parse::<Token![:]>()?;
        let (action, end) = if input.peek(Token![*]) {
            let star: Token![*] = input.parse()?;
            ("*".to_owned(), star.span)
        } else {
            let action: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            (action.to_string(), action.span())
        };
        return Ok(PermissionItem::Api(Located::new(
            format!("{first}:{action}"),
            Loc::new(first.span(), end),
        )));
    }
    let mut idents = vec![first];
    while input.peek(Token![.]) {
        input.parse::<Token![.]>()?;
        idents.push(input.call(syn::ext::IdentExt::parse_any)?);
    }
    let api = idents
        .iter()
        .map(Ident::to_string)
        .collect::<Vec<_>>()
        .join(".");
    let loc = Loc::new(idents[0].span(), idents[idents.len() - 1].span());
    path_refs.push(PathRef {
        api: api.clone(),
        idents,
    });
    Ok(PermissionItem::Api(Located::new(api, loc)))
}

fn parse_resources(input: ParseStream, cx: &mut Ctxt) -> syn::Result<Vec<ResourceItem<Loc>>> {
    let list;
    syn::bracketed!(list in input);
    let mut resources = Vec::new();
    parse_list(&list, cx, |entry| {
        let ident: Ident = entry.parse().map_err(|e| {
            syn::Error::new(e.span(), "expected a resource type (`User`, `SecurityProfile`, `Queue`, `RoutingProfile`) or `unchecked(\"Name\")`")
        })?;
        if ident == "unchecked" && entry.peek(syn::token::Paren) {
            resources.push(ResourceItem::Unchecked(parse_unchecked(entry)?));
        } else {
            resources.push(ResourceItem::Known(Located::new(
                ident.to_string(),
                loc_of(ident.span()),
            )));
        }
        Ok(())
    });
    Ok(resources)
}

fn parse_tags(input: ParseStream, cx: &mut Ctxt) -> syn::Result<Vec<TagSpec<Loc>>> {
    let map;
    syn::braced!(map in input);
    let mut tags = Vec::new();
    parse_list(&map, cx, |entry| {
        let key = lit_string(entry)?;
        entry.parse::<Token![:]>()?;
        let value = lit_string(entry)?;
        tags.push(TagSpec { key, value });
        Ok(())
    });
    Ok(tags)
}
