//! Every rule a security profile must follow, each in the file named after it, and
//! [`validate`], which runs them all and reports every finding at once.
//!
//! The macro calls [`validate`] with token spans as locations; the runtime builder calls it
//! with [`FieldPath`](crate::spec::FieldPath)s. Neither has a rule of its own.

pub mod compose;
pub mod description;
pub mod limit;
pub mod media;
pub mod name;
pub mod permissions;
pub mod restrictions;
pub mod sensitive;
pub mod tags;
pub mod text;

use crate::diagnostic::{Diagnostic, Rule};
use crate::spec::ProfileSpec;

pub use compose::{Composition, Origin, Source};

/// `n` and the noun, singular or plural: `1 character`, `2 characters`.
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// A profile after validation: the final values, with whatever was invalid left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvedProfile {
    /// `SecurityProfileName` (empty when missing).
    pub name: String,
    /// `Description`.
    pub description: Option<String>,
    /// The final permission set, sorted.
    pub permissions: Vec<String>,
    /// The permissions that are in the set only because the console adds them, sorted.
    pub implied: Vec<String>,
    /// The stated reason for sensitive permissions.
    pub sensitive_reason: Option<String>,
    /// `Tags`, in the order written.
    pub tags: Vec<(String, String)>,
    /// `AllowedAccessControlTags`, in the order written.
    pub access_control_tags: Vec<(String, String)>,
    /// `TagRestrictedResources`.
    pub tag_restricted_resources: Vec<String>,
    /// `HierarchyRestrictedResources`.
    pub hierarchy_restricted_resources: Vec<String>,
    /// `AllowedAccessControlHierarchyGroupId`.
    pub hierarchy_group: Option<String>,
}

/// The outcome of [`validate`]: the profile (always, so callers can still emit something
/// useful) and every finding.
#[derive(Debug, Clone)]
pub struct Validated<L> {
    /// The profile, with what was valid.
    pub profile: ResolvedProfile,
    /// The merged set with the origin of every permission.
    pub composition: Composition<L>,
    /// Every error and warning, in the order of the fields.
    pub diagnostics: Vec<Diagnostic<L>>,
    /// True when building the final set failed (an unknown permission, preset or group), so
    /// the set the findings about it judged is not the one the author meant.
    pub permission_set_unknown: bool,
}

impl<L> Validated<L> {
    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// For callers that author the set (the macro, the builder): leaves out the findings about
    /// the final permission set once building it failed. They would judge a set the author did
    /// not write, and their fixes contradict the real error ("remove the `sensitive` field"
    /// beside "did you mean `Users.Edit`"). `audit` keeps them: a deployed template's set is
    /// the set, unknown names included.
    pub fn drop_findings_on_unknown_set(&mut self) {
        if self.permission_set_unknown {
            self.diagnostics.retain(|d| !d.rule.reads_permission_set());
        }
    }
}

fn pairs<L>(tags: &[crate::spec::TagSpec<L>]) -> Vec<(String, String)> {
    tags.iter()
        .map(|t| (t.key.value.clone(), t.value.value.clone()))
        .collect()
}

/// Runs every rule on one profile. `whole` locates the profile itself (its identifier in the
/// macro), for findings about the profile as a whole.
pub fn validate<L: Clone>(spec: &ProfileSpec<L>, whole: &L) -> Validated<L> {
    let mut out = Vec::new();
    match &spec.name {
        Some(name) => name::check(name, &mut out),
        None => out.push(
            Diagnostic::error(
                Rule::MissingName,
                whole.clone(),
                "the security profile has no `name`",
            )
            .help("add `name: \"ProfileName\"`; AWS requires a SecurityProfileName"),
        ),
    }
    if let Some(description) = &spec.description {
        description::check(description, &mut out);
    }
    text::check_spec(spec, &mut out);
    let composed_from = out.len();
    let composition = compose::compose(spec, &mut out);
    let set_unknown = out[composed_from..].iter().any(Diagnostic::is_error);
    limit::check(spec, &composition, whole, &mut out);
    sensitive::check(&composition, spec.sensitive.as_ref(), &mut out);
    media::check(&composition, &mut out);
    tags::check(tags::TagList::Resource, &spec.tags, whole, &mut out);
    let hierarchy_restricted_resources =
        restrictions::check_hierarchy(&spec.restrict_hierarchy, &mut out);
    let mut tag_restricted_resources = Vec::new();
    let mut access_control_tags = Vec::new();
    if let Some(restriction) = &spec.restrict_tags {
        tags::check(
            tags::TagList::AccessControl,
            &restriction.tags,
            &restriction.at,
            &mut out,
        );
        tag_restricted_resources =
            restrictions::check_tag_restriction(restriction, &composition, &mut out);
        access_control_tags = pairs(&restriction.tags);
    }
    if let Some(id) = &spec.hierarchy_group {
        restrictions::check_hierarchy_group(id, &mut out);
    }
    let profile = ResolvedProfile {
        name: spec
            .name
            .as_ref()
            .map(|n| n.value.clone())
            .unwrap_or_default(),
        description: spec.description.as_ref().map(|d| d.value.clone()),
        permissions: composition.permissions.keys().cloned().collect(),
        implied: composition.implied.clone(),
        sensitive_reason: spec.sensitive.as_ref().map(|s| s.value.clone()),
        tags: pairs(&spec.tags),
        access_control_tags,
        tag_restricted_resources,
        hierarchy_restricted_resources,
        hierarchy_group: spec.hierarchy_group.as_ref().map(|h| h.value.clone()),
    };
    Validated {
        profile,
        composition,
        diagnostics: out,
        permission_set_unknown: set_unknown,
    }
}

/// Runs the permission rules on a preset (`preset!`): only the permission fields count, and a
/// preset needs no `sensitive` reason (the profiles that use it do).
pub fn validate_preset<L: Clone>(spec: &ProfileSpec<L>, whole: &L) -> Validated<L> {
    let mut out = Vec::new();
    text::check_spec(spec, &mut out);
    let composed_from = out.len();
    let composition = compose::compose(spec, &mut out);
    let set_unknown = out[composed_from..].iter().any(Diagnostic::is_error);
    limit::check(spec, &composition, whole, &mut out);
    media::check(&composition, &mut out);
    let profile = ResolvedProfile {
        permissions: composition.permissions.keys().cloned().collect(),
        implied: composition.implied.clone(),
        ..ResolvedProfile::default()
    };
    Validated {
        profile,
        composition,
        diagnostics: out,
        permission_set_unknown: set_unknown,
    }
}
