//! `switchboard diff OLD NEW`: what a change does to access, with every escalation flagged.
//!
//! # Matching profiles
//!
//! A profile of OLD and one of NEW are the same profile when, in this order: they have the
//! same stack and logical ID; they have the same logical ID and no other profile on either side
//! has it; they have the same `SecurityProfileName` (compared ignoring case, as Connect does)
//! and instance, and no other unmatched profile on either side has both; they have the same
//! name and no other unmatched profile on either side has it; they are identical, in the order
//! read (the same profile given twice, as AWS CLI output of two files can). Then, because a
//! rename changes both the
//! name and (with switchboard's logical IDs, derived from the name) the logical ID, what is left
//! in the same stack is paired by content: a profile of OLD and one of NEW whose permission sets
//! share at least [`RENAME_SIMILARITY`] of their union, each the other's only best match, are
//! the same profile renamed. What is left after that is added or removed.
//!
//! # Escalations
//!
//! Anything that widens access is an escalation:
//! - `new_sensitive_permission`: a sensitive permission granted that was not (listed first);
//! - `new_profile`: a profile that did not exist;
//! - `new_permission`: any other permission granted that was not. A `without` removed from the
//!   source shows exactly like this, as the permission it removed reappearing: templates record
//!   the final set, not how it was written (switchboard's Metadata records the reason, the
//!   sensitive and the implied permissions, not `without`), so the two cannot be told apart
//!   and both are flagged the same. An added permission that NEW's Metadata lists as implied is
//!   marked so (`implied`);
//! - `restrictive_permission_removed`: one of the permissions that take access away when granted
//!   (`RestrictTaskCreation.Access`, ...) is gone;
//! - `tag_restriction_removed`, `tag_restricted_resource_removed`, `access_control_tag_removed`,
//!   `access_control_tag_changed`: a looser tag restriction (tags are AND-ed, so fewer tags or
//!   fewer restricted resource types reach more, and another value reaches other resources);
//! - `hierarchy_restriction_removed`, `hierarchy_group_removed`, `hierarchy_group_changed`;
//! - `replacement`: a renamed profile, or one whose logical ID or instance changed.
//!   `SecurityProfileName` and `InstanceArn` are create-only, so CloudFormation replaces the
//!   resource: it creates a new profile (a new ID) and deletes the old one, and users assigned
//!   to the old profile do not follow.

use std::collections::BTreeSet;

use serde::Serialize;
use switchboard_core::catalog::{self, Tier};
use switchboard_core::rules::name::names_collide;
use switchboard_core::seed_names::RESTRICTIVE;

use crate::input::{Loaded, Origin, Profile};

/// The version of the JSON report's schema.
pub const SCHEMA: &str = "switchboard.diff/1";

/// The kinds of escalation, in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationKind {
    /// A sensitive permission granted that was not.
    NewSensitivePermission,
    /// A profile that did not exist.
    NewProfile,
    /// A permission granted that was not (also how a removed `without` shows).
    NewPermission,
    /// A permission that takes access away when granted is gone.
    RestrictivePermissionRemoved,
    /// The tag restriction is gone altogether.
    TagRestrictionRemoved,
    /// A resource type is no longer tag-restricted.
    TagRestrictedResourceRemoved,
    /// An access-control tag is gone (tags are AND-ed: fewer tags reach more resources).
    AccessControlTagRemoved,
    /// An access-control tag has another value: the profile reaches other resources.
    AccessControlTagChanged,
    /// A resource type is no longer hierarchy-restricted.
    HierarchyRestrictionRemoved,
    /// The hierarchy group is gone.
    HierarchyGroupRemoved,
    /// The hierarchy group is another one.
    HierarchyGroupChanged,
    /// CloudFormation replaces the profile (rename, new logical ID or instance).
    Replacement,
}

impl EscalationKind {
    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            EscalationKind::NewSensitivePermission => "new sensitive permission",
            EscalationKind::NewProfile => "new profile",
            EscalationKind::NewPermission => "new permission",
            EscalationKind::RestrictivePermissionRemoved => "restrictive permission removed",
            EscalationKind::TagRestrictionRemoved => "tag restriction removed",
            EscalationKind::TagRestrictedResourceRemoved => "tag-restricted resource removed",
            EscalationKind::AccessControlTagRemoved => "access-control tag removed",
            EscalationKind::AccessControlTagChanged => "access-control tag changed",
            EscalationKind::HierarchyRestrictionRemoved => "hierarchy restriction removed",
            EscalationKind::HierarchyGroupRemoved => "hierarchy group removed",
            EscalationKind::HierarchyGroupChanged => "hierarchy group changed",
            EscalationKind::Replacement => "replacement",
        }
    }
}

/// One escalation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalation {
    /// What kind.
    pub kind: EscalationKind,
    /// The profile's name in NEW.
    pub profile: String,
    /// The permission concerned, for permission kinds.
    pub permission: Option<String>,
    /// One sentence.
    pub detail: String,
}

/// A profile as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileRef {
    /// `SecurityProfileName`.
    pub name: String,
    /// The stack, for cloud assemblies.
    pub stack: Option<String>,
    /// The logical ID, for templates.
    pub logical_id: Option<String>,
    /// The file.
    pub file: String,
}

impl ProfileRef {
    fn of(p: &Profile) -> Self {
        ProfileRef {
            name: p.display_name(),
            stack: p.origin.stack.clone(),
            logical_id: p.origin.logical_id.clone(),
            file: p.origin.file.clone(),
        }
    }
}

/// An added or removed profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileSummary {
    /// Which profile.
    pub profile: ProfileRef,
    /// Its distinct permissions.
    pub permission_count: usize,
    /// Its sensitive permissions.
    pub sensitive: Vec<String>,
}

/// A permission granted in NEW that OLD did not grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddedPermission {
    /// The API name.
    pub name: String,
    /// `ordinary`, `high-impact`, `sensitive` or `unknown`.
    pub tier: &'static str,
    /// True when NEW's Metadata lists it as implied by another permission.
    pub implied: bool,
}

/// A change to a restriction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestrictionChange {
    /// The property (`TagRestrictedResources`).
    pub property: &'static str,
    /// The value in OLD, as text (empty when unset).
    pub old: String,
    /// The value in NEW.
    pub new: String,
    /// True when the change widens access.
    pub loosens: bool,
}

/// A change to anything else (`Description`, `Tags`, the sensitive reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The property.
    pub property: &'static str,
    /// The value in OLD, as text.
    pub old: String,
    /// The value in NEW.
    pub new: String,
}

/// A profile present on both sides that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileChange {
    /// The profile in NEW.
    pub profile: ProfileRef,
    /// The profile in OLD.
    pub old: ProfileRef,
    /// Why CloudFormation replaces it; empty when it updates it in place.
    pub replacement: Vec<String>,
    /// Permissions granted that were not.
    pub permissions_added: Vec<AddedPermission>,
    /// Permissions no longer granted.
    pub permissions_removed: Vec<String>,
    /// Restriction changes.
    pub restriction_changes: Vec<RestrictionChange>,
    /// Other changes.
    pub other_changes: Vec<FieldChange>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The date of the AWS permission list the catalog reflects.
    pub catalog_date: &'static str,
    /// The files read for OLD.
    pub old_inputs: Vec<String>,
    /// The files read for NEW.
    pub new_inputs: Vec<String>,
    /// Every escalation, sensitive permissions first.
    pub escalations: Vec<Escalation>,
    /// Profiles only in NEW.
    pub added: Vec<ProfileSummary>,
    /// Profiles only in OLD.
    pub removed: Vec<ProfileSummary>,
    /// Profiles in both that changed.
    pub changed: Vec<ProfileChange>,
    /// Profiles in both that did not change, by name.
    pub unchanged: Vec<String>,
}

impl DiffReport {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

fn tier_of(name: &str) -> &'static str {
    catalog::lookup(name).map_or("unknown", |i| i.tier.label())
}

fn is_sensitive(name: &str) -> bool {
    catalog::lookup(name).is_some_and(|i| i.tier == Tier::Sensitive)
}

fn sensitive_of(set: &[String]) -> Vec<String> {
    set.iter().filter(|p| is_sensitive(p)).cloned().collect()
}

/// Pairs OLD and NEW profiles by index; see the module documentation for the order.
pub fn match_profiles(old: &[Profile], new: &[Profile]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let link = |pairs: &mut Vec<(usize, usize)>,
                old_used: &mut Vec<bool>,
                new_used: &mut Vec<bool>,
                same: &dyn Fn(&Profile, &Profile) -> bool,
                unique: bool| {
        for i in 0..old.len() {
            if old_used[i] {
                continue;
            }
            let candidates: Vec<usize> = (0..new.len())
                .filter(|&j| !new_used[j] && same(&old[i], &new[j]))
                .collect();
            let Some(&j) = candidates.first() else {
                continue;
            };
            if unique {
                let rivals = (0..old.len())
                    .filter(|&k| !old_used[k] && same(&old[k], &new[j]))
                    .count();
                if candidates.len() != 1 || rivals != 1 {
                    continue;
                }
            }
            old_used[i] = true;
            new_used[j] = true;
            pairs.push((i, j));
        }
    };
    let by_stack_and_id = |a: &Profile, b: &Profile| {
        a.origin.logical_id.is_some()
            && a.origin.logical_id == b.origin.logical_id
            && a.origin.stack == b.origin.stack
    };
    let by_id = |a: &Profile, b: &Profile| {
        a.origin.logical_id.is_some() && a.origin.logical_id == b.origin.logical_id
    };
    let by_name = |a: &Profile, b: &Profile| match (&a.name, &b.name) {
        (Some(x), Some(y)) => names_collide(x, y),
        _ => false,
    };
    let by_name_and_instance = |a: &Profile, b: &Profile| by_name(a, b) && a.instance == b.instance;
    link(
        &mut pairs,
        &mut old_used,
        &mut new_used,
        &by_stack_and_id,
        false,
    );
    link(&mut pairs, &mut old_used, &mut new_used, &by_id, true);
    link(
        &mut pairs,
        &mut old_used,
        &mut new_used,
        &by_name_and_instance,
        true,
    );
    link(&mut pairs, &mut old_used, &mut new_used, &by_name, true);
    // Found by tests/properties.rs: the same profile given twice (a describe file and its
    // permissions in two directories, say) was matched by nothing above, so a diff of an
    // input with itself reported both as removed and added again.
    link(
        &mut pairs,
        &mut old_used,
        &mut new_used,
        &same_but_file,
        false,
    );
    // A rename changes the name and, with switchboard's logical IDs (derived from the name),
    // the logical ID too: pair what is left by content. The similarities of the pairs left are
    // computed once, and only those over the threshold kept: recomputing them in every round
    // made a diff of 200 renamed profiles take half a minute, and of 500 many minutes.
    let old_sets: Vec<BTreeSet<&str>> = old.iter().map(permission_set).collect();
    let new_sets: Vec<BTreeSet<&str>> = new.iter().map(permission_set).collect();
    let mut by_old: Vec<Vec<(usize, f64)>> = vec![Vec::new(); old.len()];
    let mut by_new: Vec<Vec<(usize, f64)>> = vec![Vec::new(); new.len()];
    for i in (0..old.len()).filter(|&i| !old_used[i]) {
        for j in (0..new.len()).filter(|&j| !new_used[j]) {
            if old[i].origin.stack != new[j].origin.stack {
                continue;
            }
            let score = set_similarity(&old_sets[i], &new_sets[j]);
            if score >= RENAME_SIMILARITY {
                by_old[i].push((j, score));
                by_new[j].push((i, score));
            }
        }
    }
    loop {
        let mut best: Option<(usize, usize, f64)> = None;
        for i in (0..old.len()).filter(|&i| !old_used[i]) {
            let scores: Vec<(usize, f64)> = by_old[i]
                .iter()
                .copied()
                .filter(|&(j, _)| !new_used[j])
                .collect();
            let Some(&(j, score)) = scores.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
                continue;
            };
            let tied = scores.iter().filter(|(_, s)| *s == score).count() > 1;
            let rival = by_new[j]
                .iter()
                .any(|&(k, s)| k != i && !old_used[k] && s >= score);
            if !tied && !rival && best.is_none_or(|(_, _, b)| score > b) {
                best = Some((i, j, score));
            }
        }
        match best {
            Some((i, j, _)) => {
                old_used[i] = true;
                new_used[j] = true;
                pairs.push((i, j));
            }
            _ => break,
        }
    }
    pairs.sort_by_key(|&(_, j)| j);
    pairs
}

/// True when two profiles are the same in everything but the file they came from.
fn same_but_file(a: &Profile, b: &Profile) -> bool {
    // Destructured, so a field added to `Profile` is not forgotten here.
    let Profile {
        origin: Origin {
            file: _,
            stack,
            logical_id,
        },
        name,
        description,
        permissions,
        tags,
        access_control_tags,
        tag_restricted_resources,
        hierarchy_restricted_resources,
        hierarchy_group,
        instance,
        // Derived from `instance` and the template around it.
        instance_identity: _,
        metadata,
        other_properties,
        unresolved,
    } = a;
    *stack == b.origin.stack
        && *logical_id == b.origin.logical_id
        && *name == b.name
        && *description == b.description
        && *permissions == b.permissions
        && *tags == b.tags
        && *access_control_tags == b.access_control_tags
        && *tag_restricted_resources == b.tag_restricted_resources
        && *hierarchy_restricted_resources == b.hierarchy_restricted_resources
        && *hierarchy_group == b.hierarchy_group
        && *instance == b.instance
        && *metadata == b.metadata
        && *other_properties == b.other_properties
        && *unresolved == b.unresolved
}

/// How alike two profiles' permission sets must be (shared / all) to pair them as a rename.
pub const RENAME_SIMILARITY: f64 = 0.8;

/// Shared permissions over all permissions of the two profiles (1 for two empty sets).
pub fn similarity(a: &Profile, b: &Profile) -> f64 {
    set_similarity(&permission_set(a), &permission_set(b))
}

fn permission_set(p: &Profile) -> BTreeSet<&str> {
    p.permissions.iter().map(String::as_str).collect()
}

fn set_similarity(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        return 1.0;
    }
    shared as f64 / union as f64
}

fn tags_text(tags: &[(String, String)]) -> String {
    tags.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compares one profile of OLD with its match in NEW, adding its escalations to `out`.
pub fn compare(old: &Profile, new: &Profile, out: &mut Vec<Escalation>) -> ProfileChange {
    let name = new.display_name();
    let mut escalate = |kind, permission: Option<&str>, detail: String| {
        out.push(Escalation {
            kind,
            profile: name.clone(),
            permission: permission.map(str::to_owned),
            detail,
        });
    };
    let mut replacement = Vec::new();
    if old.name != new.name {
        replacement.push(format!(
            "renamed from {:?} to {:?} (SecurityProfileName is create-only)",
            old.display_name(),
            new.display_name()
        ));
    }
    if old.origin.logical_id != new.origin.logical_id {
        replacement.push(format!(
            "logical ID changed from {} to {}",
            old.origin.logical_id.as_deref().unwrap_or("(none)"),
            new.origin.logical_id.as_deref().unwrap_or("(none)")
        ));
    }
    if old.instance.is_some() && new.instance.is_some() && old.instance != new.instance {
        replacement.push(format!(
            "instance changed from {} to {} (InstanceArn is create-only)",
            old.instance.as_deref().unwrap_or_default(),
            new.instance.as_deref().unwrap_or_default()
        ));
    }
    if !replacement.is_empty() {
        escalate(
            EscalationKind::Replacement,
            None,
            format!(
                "CloudFormation replaces the profile: {}; it creates a new profile and deletes the old one, and users assigned to the old one do not follow",
                replacement.join("; ")
            ),
        );
    }
    let old_set: BTreeSet<String> = old.permissions.iter().cloned().collect();
    let new_set: BTreeSet<String> = new.permissions.iter().cloned().collect();
    let implied: BTreeSet<&str> = new
        .metadata
        .iter()
        .flat_map(|m| m.implied_permissions.iter().map(String::as_str))
        .collect();
    let mut permissions_added = Vec::new();
    for p in new_set.difference(&old_set) {
        let added = AddedPermission {
            name: p.clone(),
            tier: tier_of(p),
            implied: implied.contains(p.as_str()),
        };
        let how = if added.implied {
            " (implied: the console adds it with another action of its family)"
        } else {
            ""
        };
        if is_sensitive(p) {
            let risk = catalog::lookup(p).map_or("", |i| i.risk);
            escalate(
                EscalationKind::NewSensitivePermission,
                Some(p),
                format!("grants sensitive `{p}`: {risk}"),
            );
        } else {
            escalate(
                EscalationKind::NewPermission,
                Some(p),
                format!("grants `{p}` ({}){how}", added.tier),
            );
        }
        permissions_added.push(added);
    }
    let permissions_removed: Vec<String> = old_set.difference(&new_set).cloned().collect();
    for p in &permissions_removed {
        if RESTRICTIVE.contains(&p.as_str()) {
            escalate(
                EscalationKind::RestrictivePermissionRemoved,
                Some(p),
                format!("`{p}` took access away; without it the profile reaches more"),
            );
        }
    }
    let mut restriction_changes = Vec::new();
    // Tag restriction.
    let old_tagged =
        !old.access_control_tags.is_empty() || !old.tag_restricted_resources.is_empty();
    let new_tagged =
        !new.access_control_tags.is_empty() || !new.tag_restricted_resources.is_empty();
    if old_tagged && !new_tagged {
        escalate(
            EscalationKind::TagRestrictionRemoved,
            None,
            format!(
                "no longer tag-restricted (was {} on {})",
                tags_text(&old.access_control_tags),
                old.tag_restricted_resources.join(", ")
            ),
        );
    } else if old_tagged {
        for r in &old.tag_restricted_resources {
            if !new.tag_restricted_resources.contains(r) {
                escalate(
                    EscalationKind::TagRestrictedResourceRemoved,
                    None,
                    format!("`{r}` is no longer tag-restricted: the profile reaches every {r}"),
                );
            }
        }
        for (key, value) in &old.access_control_tags {
            match new.access_control_tags.iter().find(|(k, _)| k == key) {
                None => escalate(
                    EscalationKind::AccessControlTagRemoved,
                    None,
                    format!(
                        "access-control tag {key}={value} removed: tags are AND-ed, so fewer tags reach more resources"
                    ),
                ),
                Some((_, v)) if v != value => escalate(
                    EscalationKind::AccessControlTagChanged,
                    None,
                    format!(
                        "access-control tag {key} changed from {value:?} to {v:?}: the profile reaches other resources"
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    if old.access_control_tags != new.access_control_tags {
        let removed_or_changed = old
            .access_control_tags
            .iter()
            .any(|t| !new.access_control_tags.contains(t));
        restriction_changes.push(RestrictionChange {
            property: "AllowedAccessControlTags",
            old: tags_text(&old.access_control_tags),
            new: tags_text(&new.access_control_tags),
            loosens: removed_or_changed,
        });
    }
    if old.tag_restricted_resources != new.tag_restricted_resources {
        restriction_changes.push(RestrictionChange {
            property: "TagRestrictedResources",
            old: old.tag_restricted_resources.join(", "),
            new: new.tag_restricted_resources.join(", "),
            loosens: old
                .tag_restricted_resources
                .iter()
                .any(|r| !new.tag_restricted_resources.contains(r)),
        });
    }
    // Hierarchy restriction.
    for r in &old.hierarchy_restricted_resources {
        if !new.hierarchy_restricted_resources.contains(r) {
            escalate(
                EscalationKind::HierarchyRestrictionRemoved,
                None,
                format!(
                    "`{r}` is no longer hierarchy-restricted: the profile reaches every {r}, not only its hierarchy group's"
                ),
            );
        }
    }
    if old.hierarchy_restricted_resources != new.hierarchy_restricted_resources {
        restriction_changes.push(RestrictionChange {
            property: "HierarchyRestrictedResources",
            old: old.hierarchy_restricted_resources.join(", "),
            new: new.hierarchy_restricted_resources.join(", "),
            loosens: old
                .hierarchy_restricted_resources
                .iter()
                .any(|r| !new.hierarchy_restricted_resources.contains(r)),
        });
    }
    let old_group = old.hierarchy_group.as_deref().filter(|g| !g.is_empty());
    let new_group = new.hierarchy_group.as_deref().filter(|g| !g.is_empty());
    if old_group != new_group {
        let loosens = old_group.is_some();
        match (old_group, new_group) {
            (Some(g), None) => escalate(
                EscalationKind::HierarchyGroupRemoved,
                None,
                format!("hierarchy group {g} removed"),
            ),
            (Some(a), Some(b)) => escalate(
                EscalationKind::HierarchyGroupChanged,
                None,
                format!(
                    "hierarchy group changed from {a} to {b}: the profile reaches another part of the hierarchy"
                ),
            ),
            _ => {}
        }
        restriction_changes.push(RestrictionChange {
            property: "AllowedAccessControlHierarchyGroupId",
            old: old_group.unwrap_or_default().to_owned(),
            new: new_group.unwrap_or_default().to_owned(),
            loosens,
        });
    }
    let mut other_changes = Vec::new();
    if old.description != new.description {
        other_changes.push(FieldChange {
            property: "Description",
            old: old.description.clone().unwrap_or_default(),
            new: new.description.clone().unwrap_or_default(),
        });
    }
    if old.tags != new.tags {
        other_changes.push(FieldChange {
            property: "Tags",
            old: tags_text(&old.tags),
            new: tags_text(&new.tags),
        });
    }
    let reason = |p: &Profile| {
        p.metadata
            .as_ref()
            .and_then(|m| m.sensitive_reason.clone())
            .unwrap_or_default()
    };
    if reason(old) != reason(new) {
        other_changes.push(FieldChange {
            property: "Metadata.Switchboard.SensitiveReason",
            old: reason(old),
            new: reason(new),
        });
    }
    if old.other_properties != new.other_properties {
        other_changes.push(FieldChange {
            property: "unreviewed properties",
            old: old.other_properties.join(", "),
            new: new.other_properties.join(", "),
        });
    }
    ProfileChange {
        profile: ProfileRef::of(new),
        old: ProfileRef::of(old),
        replacement,
        permissions_added,
        permissions_removed,
        restriction_changes,
        other_changes,
    }
}

impl ProfileChange {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.replacement.is_empty()
            && self.permissions_added.is_empty()
            && self.permissions_removed.is_empty()
            && self.restriction_changes.is_empty()
            && self.other_changes.is_empty()
    }
}

fn summary(p: &Profile) -> ProfileSummary {
    let set = p.permission_set();
    ProfileSummary {
        profile: ProfileRef::of(p),
        permission_count: set.len(),
        sensitive: sensitive_of(&set),
    }
}

/// Compares everything loaded for OLD with everything loaded for NEW.
pub fn diff(old: &Loaded, new: &Loaded) -> DiffReport {
    let pairs = match_profiles(&old.profiles, &new.profiles);
    let mut escalations = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    let mut added = Vec::new();
    for (j, p) in new.profiles.iter().enumerate() {
        match pairs.iter().find(|(_, nj)| *nj == j) {
            Some(&(i, _)) => {
                let change = compare(&old.profiles[i], p, &mut escalations);
                if change.is_empty() {
                    unchanged.push(p.display_name());
                } else {
                    changed.push(change);
                }
            }
            None => {
                let s = summary(p);
                escalations.push(Escalation {
                    kind: EscalationKind::NewProfile,
                    profile: s.profile.name.clone(),
                    permission: None,
                    detail: format!(
                        "new profile with {} permission{}{}",
                        s.permission_count,
                        if s.permission_count == 1 { "" } else { "s" },
                        if s.sensitive.is_empty() {
                            String::new()
                        } else {
                            format!(", {} of them sensitive", s.sensitive.len())
                        }
                    ),
                });
                for sp in &s.sensitive {
                    let risk = catalog::lookup(sp).map_or("", |i| i.risk);
                    escalations.push(Escalation {
                        kind: EscalationKind::NewSensitivePermission,
                        profile: s.profile.name.clone(),
                        permission: Some(sp.clone()),
                        detail: format!("grants sensitive `{sp}`: {risk}"),
                    });
                }
                added.push(s);
            }
        }
    }
    let removed = old
        .profiles
        .iter()
        .enumerate()
        .filter(|(i, _)| !pairs.iter().any(|(oi, _)| oi == i))
        .map(|(_, p)| summary(p))
        .collect();
    // Stable: kinds in order, then the order found.
    escalations.sort_by_key(|e| e.kind);
    DiffReport {
        schema: SCHEMA,
        catalog_date: catalog::AWS_LIST_DATE,
        old_inputs: old.files.clone(),
        new_inputs: new.files.clone(),
        escalations,
        added,
        removed,
        changed,
        unchanged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(id: &str, name: &str, permissions: &[&str]) -> Profile {
        Profile {
            origin: Origin {
                file: "t.json".into(),
                stack: Some("S".into()),
                logical_id: Some(id.into()),
            },
            name: Some(name.into()),
            permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
            ..Profile::default()
        }
    }

    #[test]
    fn matching_prefers_logical_ids_then_names() {
        let old = [profile("A", "Alpha", &[]), profile("B", "Beta", &[])];
        let new = [profile("X", "beta", &[]), profile("A", "Alpha2", &[])];
        assert_eq!(match_profiles(&old, &new), [(1, 0), (0, 1)]);
    }

    #[test]
    fn profiles_given_twice_are_paired_in_order() {
        // Found by tests/properties.rs: AWS CLI output of the same profile in two
        // directories, diffed with itself.
        let mut twice = profile("A", "Agent", &["BasicAgentAccess"]);
        twice.origin.logical_id = None;
        twice.origin.stack = None;
        let old = [twice.clone(), twice.clone()];
        assert_eq!(match_profiles(&old, &old), [(0, 0), (1, 1)]);
        // The same name on two instances: paired by instance.
        let (mut a, mut b) = (twice.clone(), twice.clone());
        a.instance = Some("arn:aws:connect:us-east-1:1:instance/a".into());
        b.instance = Some("arn:aws:connect:us-east-1:1:instance/b".into());
        b.permissions.push("Users.View".into());
        let (mut b2, a2) = (b.clone(), a.clone());
        b2.permissions.push("Users.Edit".into());
        assert_eq!(match_profiles(&[a, b], &[b2, a2]), [(1, 0), (0, 1)]);
    }

    #[test]
    fn renames_are_paired_by_content() {
        let old = [
            profile(
                "Agent1",
                "Agent",
                &["BasicAgentAccess", "OutboundCallAccess"],
            ),
            profile("Other1", "Other", &["Users.View"]),
        ];
        let new = [
            profile(
                "Agent2",
                "ContactCenterAgent",
                &["BasicAgentAccess", "OutboundCallAccess"],
            ),
            profile("Other2", "Another", &["Queues.View"]),
        ];
        assert_eq!(match_profiles(&old, &new), [(0, 0)]);
    }

    #[test]
    fn kinds() {
        let mut old = profile(
            "A",
            "Alpha",
            &["BasicAgentAccess", "RestrictTaskCreation.Access"],
        );
        old.access_control_tags = vec![("D".into(), "S".into()), ("R".into(), "X".into())];
        old.tag_restricted_resources = vec!["Queue".into(), "User".into()];
        old.hierarchy_restricted_resources = vec!["User".into()];
        old.hierarchy_group = Some("g1".into());
        let mut new = profile(
            "A",
            "Alpha",
            &["BasicAgentAccess", "Users.Delete", "Queues.View"],
        );
        new.access_control_tags = vec![("D".into(), "T".into())];
        new.tag_restricted_resources = vec!["Queue".into()];
        new.hierarchy_group = Some("g2".into());
        let mut out = Vec::new();
        let change = compare(&old, &new, &mut out);
        let kinds: BTreeSet<EscalationKind> = out.iter().map(|e| e.kind).collect();
        use EscalationKind::*;
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            [
                NewSensitivePermission,
                NewPermission,
                RestrictivePermissionRemoved,
                TagRestrictedResourceRemoved,
                AccessControlTagRemoved,
                AccessControlTagChanged,
                HierarchyRestrictionRemoved,
                HierarchyGroupChanged
            ]
        );
        assert!(change.restriction_changes.iter().all(|c| c.loosens));
    }
}
