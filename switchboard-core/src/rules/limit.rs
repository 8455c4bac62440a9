//! At most 500 permissions per profile, counted after merging.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Rule};

use super::compose::{Composition, Source};

/// The most permissions a security profile may hold.
pub const MAX_PERMISSIONS: usize = 500;

/// Checks the size of the final set, saying how many permissions each source brought.
pub fn check<L: Clone>(composition: &Composition<L>, whole: &L, out: &mut Vec<Diagnostic<L>>) {
    let total = composition.permissions.len();
    if total <= MAX_PERMISSIONS {
        return;
    }
    let mut per_source: BTreeMap<String, usize> = BTreeMap::new();
    for origins in composition.permissions.values() {
        let mut seen: Vec<String> = Vec::new();
        for origin in origins {
            let key = match &origin.source {
                Source::Implied(_) => "implied Views".to_owned(),
                other => other.describe(),
            };
            if !seen.contains(&key) {
                *per_source.entry(key.clone()).or_default() += 1;
                seen.push(key);
            }
        }
    }
    let breakdown: Vec<String> = per_source
        .iter()
        .map(|(source, count)| format!("{count} from {source}"))
        .collect();
    out.push(
        Diagnostic::error(
            Rule::TooManyPermissions,
            whole.clone(),
            format!(
                "the profile holds {total} permissions after merging; AWS accepts at most {MAX_PERMISSIONS} ({}; a permission from several sources counts once)",
                breakdown.join(", ")
            ),
        )
        .help(format!(
            "remove {} permissions (use `without`, or narrower presets and groups), or split the role into several profiles",
            total - MAX_PERMISSIONS
        )),
    );
}
