//! The final permission set: the union of presets, groups and permissions, minus `without`,
//! plus the `View` the Connect console adds for any other action of the same family.

use std::collections::BTreeMap;

use crate::catalog;
use crate::diagnostic::{Diagnostic, Fix, Help, Rule};
use crate::groups;
use crate::presets;
use crate::spec::{Located, PermissionItem, PresetUse, ProfileSpec};
use crate::suggest;

use super::permissions::{self, Use};

/// Where a permission of the final set came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A preset, by name.
    Preset(String),
    /// A permission group, by name.
    Group(String),
    /// The `permissions` field.
    Explicit,
    /// Added because the console adds a family's `View` with its other actions; holds the
    /// permission that implied it.
    Implied(String),
}

impl Source {
    /// How messages name the source: `preset Supervisor`, `group BasicAgent`, ...
    pub fn describe(&self) -> String {
        match self {
            Source::Preset(name) => format!("preset {name}"),
            Source::Group(name) => format!("group {name}"),
            Source::Explicit => "permissions".to_owned(),
            Source::Implied(by) => format!("implied by {by}"),
        }
    }
}

/// One source of a permission, and where the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin<L> {
    /// Which field or preset or group.
    pub source: Source,
    /// The token that brought the permission in.
    pub at: L,
}

/// The merged permission set, with the origins of every permission.
#[derive(Debug, Clone)]
pub struct Composition<L> {
    /// Every permission of the final set, sorted, with all its origins.
    pub permissions: BTreeMap<String, Vec<Origin<L>>>,
    /// The permissions that are in the set only because another one implied them, sorted.
    pub implied: Vec<String>,
}

fn add<L: Clone>(set: &mut BTreeMap<String, Vec<Origin<L>>>, name: String, source: Source, at: &L) {
    set.entry(name).or_default().push(Origin {
        source,
        at: at.clone(),
    });
}

fn resolve_preset<L: Clone>(preset: &PresetUse<L>, out: &mut Vec<Diagnostic<L>>) -> Vec<String> {
    match preset {
        PresetUse::Custom { permissions, .. } => permissions.clone(),
        PresetUse::Runtime { name, permissions } => permissions
            .iter()
            .flat_map(|p| {
                let item = PermissionItem::Api(Located::new(p.clone(), name.at.clone()));
                permissions::resolve(&item, Use::Grant, out)
            })
            .collect(),
        PresetUse::Builtin(name) => match presets::preset(&name.value) {
            Some(def) => def.permissions.iter().map(|p| (*p).to_owned()).collect(),
            None => {
                out.push(unknown(
                    Rule::UnknownPreset,
                    "preset",
                    name,
                    presets::BUILTIN_PRESETS.iter().map(|p| p.name),
                    Some(Fix::CustomPreset),
                ));
                Vec::new()
            }
        },
    }
}

/// An "unknown X" error with a suggestion among `known`, or the list of them.
pub(crate) fn unknown<'a, L: Clone>(
    rule: Rule,
    what: &str,
    name: &Located<String, L>,
    known: impl Iterator<Item = &'a str> + Clone,
    also: Option<Fix>,
) -> Diagnostic<L> {
    let diagnostic = Diagnostic::error(
        rule,
        name.at.clone(),
        format!("unknown {what} `{}`", name.value),
    );
    match suggest::did_you_mean(&name.value, known.clone()) {
        Some(close) => diagnostic.help(format!("did you mean `{close}`?")),
        None => {
            let help = Help::from(format!(
                "the built-in {what}s are {}",
                known.collect::<Vec<_>>().join(", ")
            ));
            diagnostic.help(match also {
                Some(fix) => help.text("; ").fix(fix),
                None => help,
            })
        }
    }
}

/// Merges the permission fields of `spec`.
pub fn compose<L: Clone>(spec: &ProfileSpec<L>, out: &mut Vec<Diagnostic<L>>) -> Composition<L> {
    let mut set = BTreeMap::new();
    for preset in &spec.presets {
        let name = preset.name();
        for permission in resolve_preset(preset, out) {
            add(
                &mut set,
                permission,
                Source::Preset(name.value.clone()),
                &name.at,
            );
        }
    }
    for group in &spec.groups {
        match groups::group(&group.value) {
            Some(def) => {
                for permission in def.permissions {
                    add(
                        &mut set,
                        (*permission).to_owned(),
                        Source::Group(group.value.clone()),
                        &group.at,
                    );
                }
            }
            None => out.push(unknown(
                Rule::UnknownGroup,
                "permission group",
                group,
                groups::BUILTIN_GROUPS.iter().map(|g| g.name),
                None,
            )),
        }
    }
    for item in &spec.permissions {
        for permission in permissions::resolve(item, Use::Grant, out) {
            add(&mut set, permission, Source::Explicit, item.at());
        }
    }
    let mut removed: Vec<(String, L)> = Vec::new();
    let mut not_granted: Vec<(String, L)> = Vec::new();
    for item in &spec.without {
        for permission in permissions::resolve(item, Use::Remove, out) {
            if set.remove(&permission).is_none() && !removed.iter().any(|(r, _)| *r == permission) {
                not_granted.push((permission.clone(), item.at().clone()));
            }
            removed.push((permission, item.at().clone()));
        }
    }
    let mut implied = Vec::new();
    let granted: Vec<String> = set.keys().cloned().collect();
    for permission in &granted {
        let Some(view) = catalog::lookup(permission).and_then(|p| p.implies) else {
            continue;
        };
        let origin_at = set[permission][0].at.clone();
        if !set.contains_key(view) {
            implied.push(view.to_owned());
            if let Some((_, at)) = removed.iter().find(|(r, _)| r == view) {
                out.push(
                    Diagnostic::warning(
                        Rule::WithoutImpliedView,
                        at.clone(),
                        format!("`without` cannot remove `{view}`: the Connect console adds it with `{permission}`"),
                    )
                    .help(
                        Help::from(Fix::AlsoRemove(permission.clone()))
                            .text(" as well, or ")
                            .fix(Fix::DropWithout(view.to_owned())),
                    ),
                );
            }
        }
        add(
            &mut set,
            view.to_owned(),
            Source::Implied(permission.clone()),
            &origin_at,
        );
    }
    implied.sort();
    implied.dedup();
    // A View the console brings back is reported once, as `WithoutImpliedView`.
    for (permission, at) in not_granted {
        if implied.contains(&permission) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                Rule::WithoutNotGranted,
                at,
                format!("`without` removes `{permission}`, which the profile does not have"),
            )
            .help(Fix::DropWithout(permission)),
        );
    }
    Composition {
        permissions: set,
        implied,
    }
}
