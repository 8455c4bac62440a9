//! The warnings case: one `security_profile!` invocation holding N profiles with two warnings
//! each, against the same invocation without warnings (issue 13: warnings must not cost more
//! per warning as the invocation grows).
//!
//! The profiles are the synthesis job's (`job::job`): each is tag-restricted on two resource
//! types and can view both. The warned twin of a profile trades the `View` of one restricted
//! type for `VoiceId.Access`, so it has exactly as many permissions and fires exactly
//! `TagRestrictedNotViewable` and `EndOfSupport`; the clean crate keeps the profile as drawn.
//! Both are checked here with the rules the macro runs.

use std::collections::BTreeSet;

use switchboard_core::diagnostic::{Rule, Severity};
use switchboard_core::rules;
use switchboard_core::spec::FieldPath;

use crate::job::{self, JobProfile};

/// A permission whose feature reached its end of support (rule `EndOfSupport`).
pub const END_OF_SUPPORT: &str = "VoiceId.Access";

/// The two crates' profiles, in the same order.
#[derive(Debug, Clone)]
pub struct WarningCase {
    /// The profiles as drawn: no diagnostic.
    pub clean: Vec<JobProfile>,
    /// The same profiles, each with two warnings where the trade above gives exactly those two
    /// (otherwise the profile as drawn).
    pub warned: Vec<JobProfile>,
    /// How many warnings the rules report for `warned`.
    pub warnings: usize,
}

fn diagnostics(p: &JobProfile) -> Vec<(Severity, Rule)> {
    rules::validate(&p.spec(), &FieldPath::field("profile"))
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.rule))
        .collect()
}

/// `p` with the `View` of one of its restricted resource types replaced by
/// [`END_OF_SUPPORT`], if that gives exactly the two intended warnings and nothing else.
fn warned(p: &JobProfile) -> Option<JobProfile> {
    let intended: BTreeSet<(Severity, Rule)> = [
        (Severity::Warning, Rule::TagRestrictedNotViewable),
        (Severity::Warning, Rule::EndOfSupport),
    ]
    .into();
    p.tag_restricted_resources.iter().find_map(|resource| {
        let view = rules::restrictions::view_permission(resource)?;
        let at = p.permissions.iter().position(|api| api == view)?;
        let mut twin = p.clone();
        twin.permissions[at] = END_OF_SUPPORT.to_owned();
        let found = diagnostics(&twin);
        (found.len() == 2 && found.iter().copied().collect::<BTreeSet<_>>() == intended)
            .then_some(twin)
    })
}

/// The case of `n` profiles drawn from `seed`.
pub fn case(n: usize, seed: u64) -> WarningCase {
    let clean: Vec<JobProfile> = job::job(n, seed).profiles().cloned().collect();
    for p in &clean {
        assert!(diagnostics(p).is_empty(), "{} is drawn clean", p.name);
    }
    let warned: Vec<JobProfile> = clean
        .iter()
        .map(|p| warned(p).unwrap_or_else(|| p.clone()))
        .collect();
    let warnings = warned.iter().map(|p| diagnostics(p).len()).sum();
    WarningCase {
        clean,
        warned,
        warnings,
    }
}
