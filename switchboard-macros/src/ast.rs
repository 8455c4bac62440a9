//! Parsing: tokens to a small model that keeps every span. No rule lives here beyond the
//! grammar itself (unknown or repeated fields, malformed values).

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{LitStr, Token};

use switchboard_core::diagnostic::{Diagnostic, Rule};
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

/// Stands for every field in [`Item::broken`].
pub const ALL_FIELDS: &str = "*";

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

/// A permission written as a path: its identifiers, for editor support.
pub enum PathRef {
    /// An AWS API name (`Users.Edit`), documented in `switchboard::permissions`.
    Api {
        /// The API name.
        api: String,
        /// The identifiers as the user wrote them.
        idents: Vec<Ident>,
    },
    /// A seed name (`UsersAndPermissions::EditUsers`), documented in `switchboard::seed`.
    Seed {
        /// The category.
        category: Ident,
        /// The member, or `All`.
        member: Ident,
    },
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
    /// Fields whose value could not be read in full (or [`ALL_FIELDS`] when a misspelt field
    /// matches none): rules that read them would judge input the user did not write.
    pub broken: Vec<String>,
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
            if let TokenTree::Punct(p) = &tt
                && p.as_char() == stop
            {
                break;
            }
        }
        Ok(((), rest))
    });
}

/// A grammar error over `loc`, rendered like the diagnostics of the rules.
fn syntax_error(loc: Loc, message: impl Into<String>, help: impl Into<String>) -> syn::Error {
    grammar_error(Rule::Syntax, loc, message, help)
}

fn grammar_error(
    rule: Rule,
    loc: Loc,
    message: impl Into<String>,
    help: impl Into<String>,
) -> syn::Error {
    let diagnostic = Diagnostic::error(rule, (), message).help(help);
    Ctxt::spanned_static(loc, diagnostic.render())
}

/// Tokens as the user would write them: no space inside paths (`Users.View`), one between
/// words, and at most 40 characters.
fn compact(tokens: TokenStream) -> String {
    let mut text = String::new();
    let mut word_before = false;
    for tt in tokens {
        let word = matches!(tt, TokenTree::Ident(_) | TokenTree::Literal(_));
        if word && word_before {
            text.push(' ');
        }
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                text.push_str(open);
                text.push_str(&compact(g.stream()));
                text.push_str(close);
            }
            TokenTree::Punct(p) => {
                text.push(p.as_char());
                if p.as_char() == ','
                    || p.as_char() == ':' && p.spacing() == proc_macro2::Spacing::Alone
                {
                    text.push(' ');
                }
            }
            other => text.push_str(&other.to_string()),
        }
        word_before = word;
    }
    let text = text.trim_end().to_owned();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(37).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// The next token, as the user wrote it, for "found `...`" in messages.
fn found(input: ParseStream) -> String {
    match input.cursor().token_tree() {
        Some((tt, _)) => format!("`{}`", compact(std::iter::once(tt).collect())),
        None => "nothing".to_owned(),
    }
}

/// The tokens up to the next top-level comma, without consuming them.
fn up_to_comma(input: ParseStream) -> TokenStream {
    let mut tokens = TokenStream::new();
    let mut cursor = input.cursor();
    while let Some((tt, next)) = cursor.token_tree() {
        if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
            break;
        }
        tokens.extend(std::iter::once(tt));
        cursor = next;
    }
    tokens
}

/// How a field is written, for errors about a malformed value.
fn field_syntax(field: &str) -> &'static str {
    match field {
        "name" => "write `name: \"TeamLead\"`",
        "description" => "write `description: \"What the role is for\"`",
        "preset" => {
            "write `preset: Supervisor`, `preset: [Supervisor, QualityAnalyst]` or a path to a preset defined with `preset!`"
        }
        "groups" => "write `groups: [BasicAgent, Reporting]`",
        "permissions" => {
            "write `permissions: [Users.View, \"Users.Edit\", UsersAndPermissions::EditUsers, unchecked(\"NewFeature.View\")]`"
        }
        "without" => "write `without: [ManagerBargeIn, \"OutboundCallAccess\"]`",
        "restrict hierarchy" => "write `restrict hierarchy: [User]`",
        "restrict tags" => {
            "write `restrict tags: { \"Department\": \"Sales\" } on [Queue, RoutingProfile]`"
        }
        "hierarchy group" => {
            "write `hierarchy group: \"3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f\"` (the group's id)"
        }
        "tags" => "write `tags: { \"Role\": \"TeamLead\", \"Department\": \"Sales\" }`",
        "sensitive" => "write `sensitive: \"why the role needs its sensitive permissions\"`",
        _ => "see the DSL reference in the `switchboard` crate docs",
    }
}

/// Explains a parse error inside a field: which field, and how it is written. Errors that
/// already explain themselves are kept.
fn malformed(field: &str, error: syn::Error) -> syn::Error {
    let message = error.to_string();
    if message.contains("= note: rule ") {
        return error;
    }
    syntax_error(
        loc_of(error.span()),
        format!("malformed `{field}`: {message}"),
        field_syntax(field),
    )
}

/// Parses the whole input of `security_profile!` or `preset!`, collecting every error.
pub fn parse(tokens: TokenStream, kind: Kind, cx: &mut Ctxt) -> Invocation {
    let mut invocation = Invocation {
        resolutions: Vec::new(),
        items: Vec::new(),
    };
    // Parsed as the inside of a group spanned at the last token, so that an error at the end of
    // the input ("found nothing") points at the last token written; at the top level, syn would
    // point at the call site, which is no token of the input.
    let end = tokens.clone().into_iter().last().map(|tt| match tt {
        TokenTree::Group(g) => g.span_close(),
        other => other.span(),
    });
    let mut body = Group::new(Delimiter::Brace, tokens);
    if let Some(end) = end {
        body.set_span(end);
    }
    let parser = |outer: ParseStream| -> syn::Result<()> {
        let input;
        syn::braced!(input in outer);
        let input = &input;
        while input.peek(Token![@]) {
            invocation.resolutions.push(parse_resolution(input)?);
        }
        if !invocation.resolutions.is_empty() && input.is_empty() {
            // `@preset(...)` is how a preset's macro answers; alone it would expand to nothing.
            return Err(input.error(
                "expected a profile after `@preset(...)`: the preset macros write it ahead of the profiles they resolve; it is not written by hand\n  = note: rule Syntax",
            ));
        }
        while !input.is_empty() {
            cx.set_item(invocation.items.len());
            match parse_item(input, kind, cx) {
                Ok(item) => invocation.items.push(item),
                Err(error) => {
                    cx.error(error);
                    skip_past(input, ';');
                }
            }
        }
        Ok(())
    };
    if let Err(error) = parser.parse2(TokenTree::Group(body).into()) {
        // After an error inside a group (`unchecked(NewFeature)`), syn also reports the tokens
        // left in that group as "unexpected token"; the first error already explains them.
        // Items parsed so far are kept either way, so their constants are still defined.
        if !cx.has_errors() {
            cx.error(error);
        }
    }
    invocation
}

/// The custom presets an invocation names, found by reading only the `preset:` fields; none
/// once the presets have answered (their `@preset(...)` answers then lead the input). An
/// invocation that names any is first sent to their macros (see `expand::callback`), so parsing
/// all of it in that round would be wasted work; the full [`parse`] of the next round stays the
/// authority, and asks in another round for any preset this missed.
pub fn unanswered_custom_presets(tokens: &TokenStream) -> Vec<PresetRef> {
    let mut found = Vec::new();
    if matches!(tokens.clone().into_iter().next(), Some(TokenTree::Punct(at)) if at.as_char() == '@')
    {
        return found;
    }
    for tree in tokens.clone() {
        let TokenTree::Group(body) = tree else {
            continue;
        };
        if body.delimiter() != Delimiter::Brace {
            continue;
        }
        let trees: Vec<TokenTree> = body.stream().into_iter().collect();
        for (i, pair) in trees.windows(2).enumerate() {
            let is_preset_field = matches!(&pair[0], TokenTree::Ident(field) if field == "preset")
                && matches!(&pair[1], TokenTree::Punct(colon) if colon.as_char() == ':' && colon.spacing() == proc_macro2::Spacing::Alone);
            if !is_preset_field {
                continue;
            }
            let value: TokenStream = trees[i + 2..]
                .iter()
                .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                .cloned()
                .collect();
            // A value that does not parse is left to the full parse, which reports it.
            let _ = (|input: ParseStream| -> syn::Result<()> {
                let list;
                let entries = if input.peek(syn::token::Bracket) {
                    syn::bracketed!(list in input);
                    &list
                } else {
                    input
                };
                while !entries.is_empty() {
                    let preset = parse_preset_ref(entries)?;
                    if matches!(preset, PresetRef::Custom { .. }) {
                        found.push(preset);
                    }
                    if !entries.is_empty() {
                        entries.parse::<Token![,]>()?;
                    }
                }
                Ok(())
            })
            .parse2(value);
        }
    }
    found
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
    match kind {
        Kind::Profile if input.peek(Token![const]) => {
            input.parse::<Token![const]>()?;
        }
        Kind::Profile if input.peek(syn::Ident) && input.peek2(Token![=]) => {
            // `pub TEAM_LEAD = { ... };`: say so, and go on as if `const` were there.
            let ident: Ident = input.fork().parse()?;
            cx.error(syntax_error(
                loc_of(ident.span()),
                format!("expected `const` before `{ident}`"),
                format!("write `const {ident} = {{ ... }};`: each profile is a constant"),
            ));
        }
        Kind::Profile => {
            return Err(syntax_error(
                loc_of(input.span()),
                format!("expected `const`, found {}", found(input)),
                "write each profile as `pub const NAME = { name: \"...\", ... };`",
            ));
        }
        Kind::Preset if input.peek(Token![const]) => {
            let kw: Token![const] = input.parse()?;
            cx.error(syntax_error(
                loc_of(kw.span),
                "`preset!` items are written without `const`",
                "write `pub NAME = { ... };`: the macro defines the constant and a macro of the same name",
            ));
        }
        Kind::Preset => {}
    }
    let ident: Ident = input.parse().map_err(|e| {
        syntax_error(
            loc_of(e.span()),
            match kind {
                Kind::Profile => format!("expected the constant's name, found {}", found(input)),
                Kind::Preset => format!("expected the preset's name, found {}", found(input)),
            },
            match kind {
                Kind::Profile => "write `pub const TEAM_LEAD = { ... };`",
                Kind::Preset => "write `pub SPECIALIZED_AGENT = { ... };`",
            },
        )
    })?;
    if !input.peek(Token![=]) {
        return Err(syntax_error(
            loc_of(input.span()),
            format!("expected `=` after `{ident}`, found {}", found(input)),
            format!("write `{ident} = {{ ... }};`"),
        ));
    }
    input.parse::<Token![=]>()?;
    if !input.peek(syn::token::Brace) {
        return Err(syntax_error(
            loc_of(input.span()),
            format!(
                "expected the fields of `{ident}` in braces, found {}",
                found(input)
            ),
            format!("write `{ident} = {{ name: \"...\", preset: Agent }};`"),
        ));
    }
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
        broken: Vec::new(),
    };
    parse_fields(&body, kind, &mut item, cx);
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
    } else {
        // Keep the item, so its constant is defined and the next item is parsed.
        cx.error(syntax_error(
            loc_of(brace.span.close()),
            format!("expected `;` after the closing brace of `{}`", item.ident),
            "end each item with `};`",
        ));
        if !starts_item(input, kind) {
            skip_past(input, ';');
        }
    }
    Ok(item)
}

/// True when the next tokens can begin an item, so parsing may resume there.
fn starts_item(input: ParseStream, kind: Kind) -> bool {
    input.is_empty()
        || input.peek(Token![#])
        || input.peek(Token![pub])
        || match kind {
            Kind::Profile => {
                input.peek(Token![const]) || (input.peek(syn::Ident) && input.peek2(Token![=]))
            }
            Kind::Preset => input.peek(syn::Ident) && input.peek2(Token![=]),
        }
}

/// After a missing comma, a stray punctuation mark (`;` for `,`) is taken as the separator
/// the user meant, so the next entry is read rather than reported again.
fn skip_stray_separator(input: ParseStream) {
    if let Some((TokenTree::Punct(p), _)) = input.cursor().token_tree()
        && matches!(p.as_char(), ';' | '.' | ':' | '|' | '/')
    {
        let _ = input.step(|cursor| match cursor.token_tree() {
            Some((_, rest)) => Ok(((), rest)),
            None => Ok(((), *cursor)),
        });
    }
}

/// Reads one field name, joining the two-word ones (`restrict tags`).
fn parse_field_name(input: ParseStream) -> syn::Result<(String, Loc)> {
    let first: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|_| {
        syntax_error(
            loc_of(input.span()),
            format!("expected a field name, found {}", found(input)),
            unquote_help(input).unwrap_or_else(|| {
                "write the fields as `name: \"...\", preset: Agent, ...`".to_owned()
            }),
        )
    })?;
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
        let errors_before = cx.error_count();
        let mut field = None;
        let result = (|| -> syn::Result<()> {
            let (name, loc) = parse_field_name(input)?;
            if !allowed.contains(&name.as_str()) {
                // The rules must not judge the profile without the field the user meant.
                field = Some(
                    suggest::did_you_mean(&name, allowed.iter().copied())
                        .unwrap_or(ALL_FIELDS)
                        .to_owned(),
                );
                return Err(unknown_field(&name, loc, kind));
            }
            if seen.contains(&name) {
                return Err(grammar_error(
                    Rule::DuplicateField,
                    loc,
                    format!("field `{name}` is given twice"),
                    "remove one of them; each field may appear once",
                ));
            }
            seen.push(name.clone());
            field = Some(name.clone());
            if !input.peek(Token![:]) {
                return Err(syntax_error(
                    loc_of(input.span()),
                    format!("expected `:` after `{name}`, found {}", found(input)),
                    field_syntax(&name),
                ));
            }
            input.parse::<Token![:]>()?;
            parse_field_value(input, &name, loc, item, cx).map_err(|e| malformed(&name, e))?;
            if !input.is_empty() && !input.peek(Token![,]) {
                // The value was read: report the comma and go on with the next field.
                cx.error(syntax_error(
                    loc_of(input.span()),
                    format!(
                        "expected `,` after the value of `{name}`, found {}",
                        found(input)
                    ),
                    "separate the fields with commas",
                ));
                skip_stray_separator(input);
                return Ok(());
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            Ok(())
        })();
        if let Err(error) = result {
            cx.error(error);
            skip_past(input, ',');
        }
        if cx.error_count() > errors_before
            && let Some(field) = field
        {
            item.broken.push(field);
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
    grammar_error(
        Rule::UnknownField,
        loc,
        format!("unknown {what} field `{name}`"),
        help,
    )
}

fn lit_string(input: ParseStream) -> syn::Result<Located<String, Loc>> {
    let lit: LitStr = input.parse()?;
    Ok(Located::new(lit.value(), loc_of(lit.span())))
}

/// A string literal where `what` is expected (`` `name` ``, `a tag key`); a word or number
/// gets the fix of putting it in quotes.
fn expect_string(input: ParseStream, what: &str) -> syn::Result<Located<String, Loc>> {
    if input.peek(LitStr) {
        return lit_string(input);
    }
    let quoted = match input.cursor().token_tree() {
        Some((TokenTree::Ident(word), _)) => Some(word.to_string()),
        Some((TokenTree::Literal(lit), _)) => Some(lit.to_string()),
        _ => None,
    };
    Err(syntax_error(
        loc_of(input.span()),
        format!("{what} must be a string literal, found {}", found(input)),
        match quoted {
            Some(text) => format!("put it in quotes: `\"{}\"`", text.trim_matches('\'')),
            None => format!("write {what} in quotes, as in `\"Sales\"`"),
        },
    ))
}

/// `[ ... ]` for a field that takes a list; a single item gets the fix of bracketing it.
fn expect_list<'a>(
    input: ParseStream<'a>,
    field: &str,
) -> syn::Result<syn::parse::ParseBuffer<'a>> {
    if !input.peek(syn::token::Bracket) {
        let item = compact(up_to_comma(input));
        return Err(syntax_error(
            loc_of(input.span()),
            format!(
                "`{field}` takes a list in square brackets, found {}",
                found(input)
            ),
            if item.is_empty() {
                field_syntax(field).to_owned()
            } else {
                format!("write `{field}: [{item}]`")
            },
        ));
    }
    let list;
    syn::bracketed!(list in input);
    Ok(list)
}

/// The fix for a name written in quotes where the DSL wants it bare (`"Agent"`), or `None`.
fn unquote_help(input: ParseStream) -> Option<String> {
    let lit: LitStr = input.fork().parse().ok()?;
    let value = lit.value();
    let bare = !value.is_empty()
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !value.starts_with(|c: char| c.is_ascii_digit());
    bare.then(|| format!("write it without quotes: `{value}`"))
}

fn parse_field_value(
    input: ParseStream,
    name: &str,
    loc: Loc,
    item: &mut Item,
    cx: &mut Ctxt,
) -> syn::Result<()> {
    match name {
        "name" => item.spec.name = Some(expect_string(input, "`name`")?),
        "description" => item.spec.description = Some(expect_string(input, "`description`")?),
        "sensitive" => item.spec.sensitive = Some(expect_string(input, "`sensitive`")?),
        "hierarchy group" => {
            item.spec.hierarchy_group = Some(expect_string(input, "`hierarchy group`")?);
        }
        "preset" => {
            if input.peek(syn::token::Bracket) {
                let list;
                syn::bracketed!(list in input);
                parse_list(&list, name, cx, |entry| {
                    item.presets.push(parse_preset_ref(entry)?);
                    Ok(())
                });
            } else {
                item.presets.push(parse_preset_ref(input)?);
            }
        }
        "groups" => {
            let list = expect_list(input, name)?;
            parse_list(&list, name, cx, |entry| {
                let group: Ident = entry.parse().map_err(|_| {
                    syntax_error(
                        loc_of(entry.span()),
                        format!("expected a permission group, found {}", found(entry)),
                        unquote_help(entry).unwrap_or_else(|| field_syntax("groups").to_owned()),
                    )
                })?;
                item.spec
                    .groups
                    .push(Located::new(group.to_string(), loc_of(group.span())));
                item.group_idents.push(group);
                Ok(())
            });
        }
        "permissions" | "without" => {
            let list = expect_list(input, name)?;
            let mut parsed = Vec::new();
            parse_list(&list, name, cx, |entry| {
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
            item.spec.restrict_hierarchy = parse_resources(input, name, cx)?;
        }
        "restrict tags" => {
            let tags = parse_tags(input, name, cx)?;
            if !input.fork().parse::<Ident>().is_ok_and(|on| on == "on") {
                return Err(syntax_error(
                    loc_of(input.span()),
                    format!(
                        "expected `on [Resource, ...]` after the access-control tags, found {}",
                        found(input)
                    ),
                    field_syntax("restrict tags"),
                ));
            }
            input.parse::<Ident>()?;
            let resources = parse_resources(input, name, cx)?;
            item.spec.restrict_tags = Some(TagRestriction {
                tags,
                resources,
                at: loc,
            });
        }
        "tags" => item.spec.tags = parse_tags(input, name, cx)?,
        _ => unreachable!("field names are checked against the field list first"),
    }
    Ok(())
}

/// Parses `a, b, c` (the inside of a bracket or brace of `field`), recovering at commas so
/// that one bad entry does not hide the next.
fn parse_list(
    input: ParseStream,
    field: &str,
    cx: &mut Ctxt,
    mut entry: impl FnMut(ParseStream) -> syn::Result<()>,
) {
    while !input.is_empty() {
        if let Err(error) = entry(input) {
            cx.error(malformed(field, error));
            skip_past(input, ',');
            continue;
        }
        if input.peek(Token![,]) {
            let _ = input.parse::<Token![,]>();
        } else if !input.is_empty() {
            // The entry was read: report the comma and go on with the next entry.
            cx.error(syntax_error(
                loc_of(input.span()),
                format!(
                    "expected `,` between the entries of `{field}`, found {}",
                    found(input)
                ),
                "separate the entries with commas",
            ));
            skip_stray_separator(input);
        }
    }
}

fn is_builtin_style(ident: &Ident) -> bool {
    ident.to_string().chars().any(|c| c.is_ascii_lowercase())
}

/// The first segment of a path to a preset that Rust would not take there: a keyword (`let`),
/// `_`, or `crate`, `self` and `super` anywhere but at the start (`crate::`, `self::`,
/// `super::super::`). The path is called as a macro, so a bad segment would make the expansion
/// fail far from what the user meant.
fn misplaced_segment(segments: &[Ident], absolute: bool) -> Option<&Ident> {
    segments.iter().enumerate().find_map(|(i, segment)| {
        let before = &segments[..i];
        let last = i + 1 == segments.len();
        let allowed = match segment.to_string().as_str() {
            "crate" | "self" => i == 0 && !absolute && !last,
            "super" => !absolute && !last && before.iter().all(|s| s == "self" || s == "super"),
            _ => syn::parse2::<Ident>(TokenTree::Ident(segment.clone()).into()).is_ok(),
        };
        (!allowed).then_some(segment)
    })
}

fn parse_preset_ref(input: ParseStream) -> syn::Result<PresetRef> {
    let mut path = TokenStream::new();
    let start = input.span();
    let mut end;
    let mut segments = Vec::new();
    let absolute = input.peek(Token![::]);
    if absolute {
        let colons: Token![::] = input.parse()?;
        path.extend(quote::quote!(#colons));
    }
    loop {
        let segment: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|_| {
            syntax_error(
                loc_of(input.span()),
                format!("expected a preset, found {}", found(input)),
                unquote_help(input).unwrap_or_else(|| {
                    "name a built-in preset (`Agent`, `Supervisor`, ...) or the path to one defined with `preset!`".to_owned()
                }),
            )
        })?;
        end = segment.span();
        segments.push(segment.clone());
        path.extend(std::iter::once(TokenTree::Ident(segment.clone())));
        if input.peek(Token![::]) {
            let colons: Token![::] = input.parse()?;
            path.extend(quote::quote!(#colons));
            continue;
        }
        if segments.len() == 1 && !absolute && is_builtin_style(&segment) {
            return Ok(PresetRef::Builtin(
                Located::new(segment.to_string(), loc_of(segment.span())),
                segment,
            ));
        }
        break;
    }
    if let Some(bad) = misplaced_segment(&segments, absolute) {
        let what = if bad == "_" { "" } else { "keyword " };
        return Err(syntax_error(
            loc_of(bad.span()),
            format!("expected the path to a preset, found {what}`{bad}`"),
            "name a preset defined with `preset!` by its path (`LEAD_AGENT`, `crate::presets::LEAD_AGENT`, `super::LEAD_AGENT`), or a built-in preset (`Agent`, `Supervisor`, ...)",
        ));
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
    let lit = expect_string(&content, "the name in `unchecked(...)`")?;
    if !content.is_empty() {
        return Err(syntax_error(
            loc_of(content.span()),
            format!(
                "`unchecked` takes one name, found {} after {:?}",
                found(&content),
                lit.value
            ),
            "write one `unchecked(\"...\")` per permission or resource type",
        ));
    }
    Ok(lit)
}

fn parse_permission(
    input: ParseStream,
    path_refs: &mut Vec<PathRef>,
) -> syn::Result<PermissionItem<Loc>> {
    if input.peek(LitStr) {
        return Ok(PermissionItem::Api(lit_string(input)?));
    }
    let first: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|_| {
        syntax_error(
            loc_of(input.span()),
            format!("expected a permission, found {}", found(input)),
            "write an AWS API name (`Users.Edit` or `\"Users.Edit\"`), a seed name (`UsersAndPermissions::EditUsers`) or `unchecked(\"Name\")`",
        )
    })?;
    if first == "unchecked" && input.peek(syn::token::Paren) {
        return Ok(PermissionItem::Unchecked(parse_unchecked(input)?));
    }
    if input.peek(Token![::]) {
        input.parse::<Token![::]>()?;
        let member: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        path_refs.push(PathRef::Seed {
            category: first.clone(),
            member: member.clone(),
        });
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
        let segment = input.call(syn::ext::IdentExt::parse_any).map_err(|_| {
            let written: Vec<String> = idents.iter().map(Ident::to_string).collect();
            syntax_error(
                loc_of(input.span()),
                format!(
                    "expected a name after `{}.`, found {}",
                    written.join("."),
                    found(input)
                ),
                "write the API name as AWS spells it, with one `.` between its parts (`AccessMetrics.RealTimeMetrics.Access`)",
            )
        })?;
        idents.push(segment);
    }
    let api = idents
        .iter()
        .map(Ident::to_string)
        .collect::<Vec<_>>()
        .join(".");
    let loc = Loc::new(idents[0].span(), idents[idents.len() - 1].span());
    path_refs.push(PathRef::Api {
        api: api.clone(),
        idents,
    });
    Ok(PermissionItem::Api(Located::new(api, loc)))
}

fn parse_resources(
    input: ParseStream,
    field: &str,
    cx: &mut Ctxt,
) -> syn::Result<Vec<ResourceItem<Loc>>> {
    let list = expect_list(input, field)?;
    let mut resources = Vec::new();
    parse_list(&list, field, cx, |entry| {
        let ident: Ident = entry.parse().map_err(|_| {
            syntax_error(
                loc_of(entry.span()),
                format!("expected a resource type, found {}", found(entry)),
                unquote_help(entry).unwrap_or_else(|| {
                    "write `User`, `SecurityProfile`, `Queue`, `RoutingProfile` or `unchecked(\"Name\")`".to_owned()
                }),
            )
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

fn parse_tags(input: ParseStream, field: &str, cx: &mut Ctxt) -> syn::Result<Vec<TagSpec<Loc>>> {
    if !input.peek(syn::token::Brace) {
        return Err(syntax_error(
            loc_of(input.span()),
            format!("`{field}` takes tags in braces, found {}", found(input)),
            field_syntax(field),
        ));
    }
    let map;
    syn::braced!(map in input);
    let mut tags = Vec::new();
    parse_list(&map, field, cx, |entry| {
        let key = expect_string(entry, "a tag key")?;
        if !entry.peek(Token![:]) {
            return Err(syntax_error(
                loc_of(entry.span()),
                format!(
                    "expected `:` between the tag key {:?} and its value, found {}",
                    key.value,
                    found(entry)
                ),
                format!("write `{:?}: \"value\"`", key.value),
            ));
        }
        entry.parse::<Token![:]>()?;
        let value = expect_string(entry, "a tag value")?;
        tags.push(TagSpec { key, value });
        Ok(())
    });
    Ok(tags)
}
