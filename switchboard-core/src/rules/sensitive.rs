//! A profile that grants a sensitive permission must say why (`sensitive: "reason"`), and a
//! reason on a profile that grants none is a stale note.

use crate::catalog::{self, Tier};
use crate::diagnostic::{Diagnostic, Fix, Help, LISTED_AT_MOST, Rule, short_list};
use crate::spec::Located;

use super::compose::Composition;

/// Up to this many sensitive permissions, the fix spells out the `without` that removes them.
const MAX_LISTED_IN_FIX: usize = 4;

/// The sensitive permissions of a final set, sorted.
pub fn sensitive_permissions<L>(composition: &Composition<L>) -> Vec<&str> {
    composition
        .permissions
        .keys()
        .filter(|p| catalog::lookup(p).is_some_and(|info| info.tier == Tier::Sensitive))
        .map(String::as_str)
        .collect()
}

/// Checks the `sensitive` field against the final set.
pub fn check<L: Clone>(
    composition: &Composition<L>,
    reason: Option<&Located<String, L>>,
    out: &mut Vec<Diagnostic<L>>,
) {
    let sensitive = sensitive_permissions(composition);
    match (sensitive.is_empty(), reason) {
        (false, None) => {
            let from = |p: &str| {
                let mut from: Vec<String> = composition.permissions[p]
                    .iter()
                    .map(|o| o.source.describe())
                    .collect();
                from.dedup();
                from
            };
            // A long list names the permissions only, with their sources once, so the message
            // stays a few lines long; a short one says what each risks.
            let long = sensitive.len() > LISTED_AT_MOST;
            let list: Vec<String> = sensitive
                .iter()
                .map(|p| {
                    if long {
                        return format!("`{p}`");
                    }
                    let risk = catalog::lookup(p).map_or("", |info| info.risk);
                    format!("`{p}` ({risk}; from {})", from(p).join(", "))
                })
                .collect();
            let sources = if long {
                let mut all: Vec<String> = sensitive.iter().flat_map(|p| from(p)).collect();
                all.sort();
                all.dedup();
                format!(" (from {})", all.join(", "))
            } else {
                String::new()
            };
            let at = composition.permissions[sensitive[0]][0].at.clone();
            out.push(
                Diagnostic::error(
                    Rule::SensitiveWithoutReason,
                    at,
                    format!(
                        "the profile grants {} sensitive permission{} without saying why{sources}: {}",
                        sensitive.len(),
                        if sensitive.len() == 1 { "" } else { "s" },
                        short_list(&list)
                    ),
                )
                .help({
                    let help = Help::from(Fix::StateSensitiveReason).text(", or ").fix(Fix::Remove(
                        if sensitive.len() <= MAX_LISTED_IN_FIX {
                            sensitive.iter().map(|p| (*p).to_owned()).collect()
                        } else {
                            Vec::new()
                        },
                    ));
                    if long {
                        help.text(format!(
                            "; `switchboard explain NAME` says why each of the {} is sensitive",
                            list.len()
                        ))
                    } else {
                        help
                    }
                }),
            );
        }
        // An empty reason is its own error; "remove the field" beside it would contradict it.
        (true, Some(reason)) if !reason.value.trim().is_empty() => out.push(
            Diagnostic::warning(
                Rule::ReasonWithoutSensitive,
                reason.at.clone(),
                "the profile states a `sensitive` reason but grants no sensitive permission",
            )
            .help(Fix::DropSensitiveReason),
        ),
        _ => {}
    }
    if let Some(reason) = reason
        && reason.value.trim().is_empty()
    {
        out.push(
            Diagnostic::error(
                Rule::EmptySensitiveReason,
                reason.at.clone(),
                "the `sensitive` reason is empty",
            )
            .help("say why the role needs its sensitive permissions; reviewers read it in audits"),
        );
    }
}
