//! Validation: hands each item to the shared rules of `switchboard_core` and sorts the findings
//! into errors (collected in the context) and warnings (emitted next to the item).

use switchboard_core::diagnostic::Diagnostic;
use switchboard_core::field::Field;
use switchboard_core::rules::{self, ResolvedProfile};
use switchboard_core::spec::{Located, PresetUse};

use crate::ast::{ALL_FIELDS, Invocation, Item, Kind, PresetRef, Resolution};
use crate::ctxt::{Ctxt, Loc};

/// An item after validation.
pub struct Checked<'a> {
    /// The parsed item.
    pub item: &'a Item,
    /// The final values (what was valid, when there were errors).
    pub profile: ResolvedProfile,
    /// Warnings to show at their tokens.
    pub warnings: Vec<Diagnostic<Loc>>,
}

/// What the invocation needs before it can be checked: a preset defined with `preset!`, whose
/// contents only its own macro knows.
pub struct Unresolved<'a> {
    /// The path to the preset.
    pub path: &'a proc_macro2::TokenStream,
}

/// The custom presets the invocation names that no callback has resolved yet, each once, in
/// the order they are first named.
pub fn unresolved(invocation: &Invocation) -> Vec<Unresolved<'_>> {
    let presets: Vec<&PresetRef> = invocation.items.iter().flat_map(|i| &i.presets).collect();
    distinct_paths(presets, &invocation.resolutions)
}

/// The custom presets among `presets` that `resolutions` does not answer, each once, in order.
pub fn distinct_paths<'a>(
    presets: impl IntoIterator<Item = &'a PresetRef>,
    resolutions: &[Resolution],
) -> Vec<Unresolved<'a>> {
    let mut keys: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for preset in presets {
        if let PresetRef::Custom { path, key, .. } = preset
            && !resolutions.iter().any(|r| &r.key == key)
            && !keys.contains(&key.as_str())
        {
            keys.push(key);
            out.push(Unresolved { path });
        }
    }
    out
}

/// True when `diagnostic` reads a field of `item` that could not be parsed (or was misspelt):
/// the finding would judge input the user did not write (a `name: TeamLead` is not a missing
/// name), so it is left out; the syntax error already stops the build, and the next build runs
/// the rule.
fn follows_from_syntax_error(item: &Item, diagnostic: &Diagnostic<Loc>) -> bool {
    let reads = diagnostic.rule.reads();
    !reads.is_empty()
        && item.broken.iter().any(|field| {
            field == ALL_FIELDS || Field::from_dsl_name(field).is_some_and(|f| reads.contains(&f))
        })
}

/// Runs every rule on every item.
pub fn check<'a>(invocation: &'a Invocation, kind: Kind, cx: &mut Ctxt) -> Vec<Checked<'a>> {
    let mut checked = Vec::new();
    for (index, item) in invocation.items.iter().enumerate() {
        cx.set_item(index);
        let mut spec = item.spec.clone();
        spec.presets = item
            .presets
            .iter()
            .map(|p| match p {
                PresetRef::Builtin(name, _) => PresetUse::Builtin(name.clone()),
                PresetRef::Custom { key, loc, .. } => PresetUse::Custom {
                    name: Located::new(key.clone(), *loc),
                    permissions: invocation
                        .resolutions
                        .iter()
                        .find(|r| &r.key == key)
                        .map(|r| r.permissions.clone())
                        .unwrap_or_default(),
                },
            })
            .collect();
        let whole = Loc::new(item.ident.span(), item.ident.span());
        let mut validated = match kind {
            Kind::Profile => rules::validate(&spec, &whole),
            Kind::Preset => rules::validate_preset(&spec, &whole),
        };
        validated.drop_findings_on_unknown_set();
        let mut warnings = Vec::new();
        for diagnostic in validated.diagnostics {
            if follows_from_syntax_error(item, &diagnostic) {
                continue;
            }
            if diagnostic.is_error() {
                cx.error(Ctxt::spanned_static(diagnostic.at, diagnostic.render()));
            } else {
                warnings.push(diagnostic);
            }
        }
        checked.push(Checked {
            item,
            profile: validated.profile,
            warnings,
        });
    }
    if kind == Kind::Profile {
        cx.set_item(usize::MAX);
        let names: Vec<Located<String, Loc>> = invocation
            .items
            .iter()
            .filter_map(|i| i.spec.name.clone())
            .collect();
        let mut out = Vec::new();
        rules::name::check_unique(&names, &mut out);
        for diagnostic in out {
            cx.error(Ctxt::spanned_static(diagnostic.at, diagnostic.render()));
        }
    }
    checked
}
