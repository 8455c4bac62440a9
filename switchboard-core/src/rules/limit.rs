//! At most 500 permissions per profile, counted after merging.

use crate::diagnostic::{Diagnostic, Fix, Help, Rule};
use crate::spec::ProfileSpec;

use super::compose::{Composition, Source};

/// The most permissions a security profile may hold.
pub const MAX_PERMISSIONS: usize = 500;

/// Checks the size of the final set, saying how many permissions each source brought, in the
/// order the profile names its sources.
pub fn check<L: Clone>(
    spec: &ProfileSpec<L>,
    composition: &Composition<L>,
    whole: &L,
    out: &mut Vec<Diagnostic<L>>,
) {
    let total = composition.permissions.len();
    if total <= MAX_PERMISSIONS {
        return;
    }
    let mut sources: Vec<Source> = Vec::new();
    let named = spec
        .presets
        .iter()
        .map(|p| Source::Preset(p.name().value.clone()))
        .chain(spec.groups.iter().map(|g| Source::Group(g.value.clone())))
        .chain([Source::Explicit]);
    for source in named {
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    let mut breakdown: Vec<String> = sources
        .iter()
        .filter_map(|source| {
            let n = composition
                .permissions
                .values()
                .filter(|origins| origins.iter().any(|o| o.source == *source))
                .count();
            (n > 0).then(|| format!("{n} from {}", source.describe()))
        })
        .collect();
    if !composition.implied.is_empty() {
        breakdown.push(format!(
            "{} implied",
            super::count(composition.implied.len(), "View", "Views")
        ));
    }
    let shared = composition.permissions.values().any(|origins| {
        let mut named = origins
            .iter()
            .filter(|o| !matches!(o.source, Source::Implied(_)));
        named
            .next()
            .is_some_and(|first| named.any(|o| o.source != first.source))
    });
    let overlap = if shared {
        "; a permission from several sources counts once in the total"
    } else {
        ""
    };
    out.push(
        Diagnostic::error(
            Rule::TooManyPermissions,
            whole.clone(),
            format!(
                "the profile holds {total} permissions after merging; AWS accepts at most {MAX_PERMISSIONS} ({}{overlap})",
                breakdown.join(", ")
            ),
        )
        .help(
            Help::from(format!(
                "remove {} (",
                super::count(total - MAX_PERMISSIONS, "permission", "permissions")
            ))
            .fix(Fix::Narrow)
            .text("), or split the role into several profiles"),
        ),
    );
}
