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
//! the same profile renamed: first the identical permission sets, through an index, then the
//! similar ones, within [`MAX_SIMILARITY_PAIRS`] comparisons per stack. What is left after
//! that is added or removed. Every pass goes through a hash map, so matching is near-linear.
//!
//! # Escalations
//!
//! Anything that widens access is an escalation:
//! - `unevaluable`: something in NEW decides access but cannot be evaluated (an intrinsic
//!   function in place of permissions, a restriction or an unmodelled property,
//!   `Fn::Transform`, a template-level transform, a nested stack, an access-control tag key
//!   given twice); flagged every time, changed or not: the gate fails closed;
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
//!   to the old profile do not follow;
//! - `unmodelled_property_changed`: a property switchboard does not model changed, compared as
//!   canonical JSON; counted as widening until it is modelled.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::hash::Hash;

use serde::Serialize;
use switchboard_core::catalog::{self, Tier};
use switchboard_core::rules::tags::repeated_keys;
use switchboard_core::seed_names::RESTRICTIVE;

use crate::input::{Loaded, Origin, Profile};

/// The version of the JSON report's schema.
pub const SCHEMA: &str = "switchboard.diff/1";

/// The kinds of escalation, in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationKind {
    /// Something in NEW decides access but cannot be evaluated: an intrinsic function in
    /// place of permissions or a restriction, a transform, a nested stack, an access-control
    /// tag key given twice. The gate fails closed on it, changed or not.
    Unevaluable,
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
    /// A property switchboard does not model (`Applications`, ...) changed: compared as data,
    /// and counted as widening until it is modelled.
    UnmodelledPropertyChanged,
}

impl EscalationKind {
    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            EscalationKind::Unevaluable => "cannot be evaluated",
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
            EscalationKind::UnmodelledPropertyChanged => "unmodelled property changed",
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
    /// What decides its access but cannot be evaluated (profiles of NEW only).
    pub unevaluable: Vec<UnevaluableRef>,
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
    /// Properties switchboard does not model whose value changed, as canonical JSON.
    pub unmodelled_changes: Vec<UnmodelledChange>,
    /// What in NEW decides the profile's access but cannot be evaluated.
    pub unevaluable: Vec<UnevaluableRef>,
}

/// A change to a property switchboard does not model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmodelledChange {
    /// The property (`Applications`).
    pub property: String,
    /// Its value in OLD as canonical JSON (`None` when unset).
    pub old: Option<String>,
    /// Its value in NEW.
    pub new: Option<String>,
}

/// Something that decides access but cannot be evaluated, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnevaluableRef {
    /// The file.
    pub file: String,
    /// The stack, for cloud assemblies.
    pub stack: Option<String>,
    /// Where in the file (`Resources.Agent.Properties.Permissions`).
    pub path: String,
    /// What stands there and why it cannot be evaluated.
    pub what: String,
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
    /// What NEW's templates hold that may create or change profiles but cannot be read
    /// (nested stacks, transforms).
    pub unevaluable: Vec<UnevaluableRef>,
}

impl DiffReport {
    /// True when nothing changed and nothing in NEW is beyond evaluation.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.unevaluable.is_empty()
    }
}

/// What in a profile of NEW decides access but cannot be evaluated: what the reader found
/// ([`Profile::unevaluable`]), and access-control tag keys given twice (the core's
/// [`repeated_keys`], the judgement `audit` reports as `DuplicateTagKey`).
fn unevaluable_of(p: &Profile) -> Vec<UnevaluableRef> {
    let at = |path: String, what: String| UnevaluableRef {
        file: p.origin.file.clone(),
        stack: p.origin.stack.clone(),
        path,
        what,
    };
    let mut out: Vec<UnevaluableRef> = p
        .unevaluable
        .iter()
        .map(|u| at(u.path.clone(), u.what.clone()))
        .collect();
    for i in repeated_keys(p.access_control_tags.iter().map(|(k, _)| k.as_str())) {
        out.push(at(
            format!("AllowedAccessControlTags[{i}]"),
            format!(
                "the access-control tag key `{}` is given twice; AWS keeps one value per key, so which value restricts the profile is not defined",
                p.access_control_tags[i].0
            ),
        ));
    }
    out
}

fn unevaluable_escalation(profile: &str, u: &UnevaluableRef) -> Escalation {
    Escalation {
        kind: EscalationKind::Unevaluable,
        profile: profile.to_owned(),
        permission: None,
        detail: format!("{}: {}", u.path, u.what),
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

/// The most pairs of profiles of one stack compared by permission similarity. Renamed profiles
/// with identical permission sets are paired through an index, whatever their number; only
/// renames that also changed permissions need the pairwise comparison, and a stack with more
/// unpaired profiles than this allows (more than about 316 on each side) leaves them added and
/// removed, each addition an escalation. This bound keeps matching near-linear: one index per
/// pass, then at most this many comparisons per stack.
pub const MAX_SIMILARITY_PAIRS: usize = 100_000;

/// Which profiles of OLD and NEW are paired so far.
struct Matcher<'a> {
    old: &'a [Profile],
    new: &'a [Profile],
    old_used: Vec<bool>,
    new_used: Vec<bool>,
    pairs: Vec<(usize, usize)>,
}

impl<'a> Matcher<'a> {
    fn pair(&mut self, i: usize, j: usize) {
        self.old_used[i] = true;
        self.new_used[j] = true;
        self.pairs.push((i, j));
    }

    /// Pairs each unpaired profile of OLD, in order, with the first unpaired profile of NEW
    /// of the same key.
    fn in_order<K: Hash + Eq>(&mut self, key: impl Fn(&'a Profile) -> Option<K>) {
        let mut queues: HashMap<K, VecDeque<usize>> = HashMap::new();
        for (j, p) in self.new.iter().enumerate() {
            if !self.new_used[j]
                && let Some(k) = key(p)
            {
                queues.entry(k).or_default().push_back(j);
            }
        }
        for (i, p) in self.old.iter().enumerate() {
            if self.old_used[i] {
                continue;
            }
            if let Some(j) = key(p)
                .and_then(|k| queues.get_mut(&k))
                .and_then(VecDeque::pop_front)
            {
                self.pair(i, j);
            }
        }
    }

    /// Pairs the profiles whose key no other unpaired profile on either side has.
    fn unique<K: Hash + Eq>(&mut self, key: impl Fn(&'a Profile) -> Option<K>) {
        let mut classes: HashMap<K, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (i, p) in self.old.iter().enumerate() {
            if !self.old_used[i]
                && let Some(k) = key(p)
            {
                classes.entry(k).or_default().0.push(i);
            }
        }
        for (j, p) in self.new.iter().enumerate() {
            if !self.new_used[j]
                && let Some(k) = key(p)
            {
                classes.entry(k).or_default().1.push(j);
            }
        }
        let mut found: Vec<(usize, usize)> = classes
            .into_values()
            .filter_map(|(olds, news)| match (olds.as_slice(), news.as_slice()) {
                ([i], [j]) => Some((*i, *j)),
                _ => None,
            })
            .collect();
        found.sort_unstable();
        for (i, j) in found {
            self.pair(i, j);
        }
    }

    /// Pairs what is left of each stack by permission similarity (see the module
    /// documentation), within [`MAX_SIMILARITY_PAIRS`].
    fn similar(&mut self) {
        let mut stacks: HashMap<Option<&str>, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (i, p) in self.old.iter().enumerate() {
            if !self.old_used[i] {
                stacks
                    .entry(p.origin.stack.as_deref())
                    .or_default()
                    .0
                    .push(i);
            }
        }
        for (j, p) in self.new.iter().enumerate() {
            if !self.new_used[j] {
                stacks
                    .entry(p.origin.stack.as_deref())
                    .or_default()
                    .1
                    .push(j);
            }
        }
        let mut stacks: Vec<(Vec<usize>, Vec<usize>)> = stacks.into_values().collect();
        stacks.sort_unstable();
        for (olds, news) in stacks {
            if olds.is_empty() || news.is_empty() {
                continue;
            }
            if olds.len().saturating_mul(news.len()) > MAX_SIMILARITY_PAIRS {
                continue;
            }
            self.similar_in(&olds, &news);
        }
    }

    fn similar_in(&mut self, olds: &[usize], news: &[usize]) {
        let old_sets: HashMap<usize, BTreeSet<&str>> = olds
            .iter()
            .map(|&i| (i, permission_set(&self.old[i])))
            .collect();
        let new_sets: HashMap<usize, BTreeSet<&str>> = news
            .iter()
            .map(|&j| (j, permission_set(&self.new[j])))
            .collect();
        let mut by_old: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
        let mut by_new: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
        for &i in olds {
            for &j in news {
                let score = set_similarity(&old_sets[&i], &new_sets[&j]);
                if score >= RENAME_SIMILARITY {
                    by_old.entry(i).or_default().push((j, score));
                    by_new.entry(j).or_default().push((i, score));
                }
            }
        }
        loop {
            let mut best: Option<(usize, usize, f64)> = None;
            for &i in olds.iter().filter(|&&i| !self.old_used[i]) {
                let scores: Vec<(usize, f64)> = by_old
                    .get(&i)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&(j, _)| !self.new_used[j])
                    .collect();
                let Some(&(j, score)) = scores.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
                    continue;
                };
                let tied = scores.iter().filter(|(_, s)| *s == score).count() > 1;
                let rival = by_new[&j]
                    .iter()
                    .any(|&(k, s)| k != i && !self.old_used[k] && s >= score);
                if !tied && !rival && best.is_none_or(|(_, _, b)| score > b) {
                    best = Some((i, j, score));
                }
            }
            match best {
                Some((i, j, _)) => self.pair(i, j),
                None => break,
            }
        }
    }
}

/// Pairs OLD and NEW profiles by index; see the module documentation for the order. Each pass
/// goes through an index (a hash map), so matching is near-linear in the number of profiles;
/// the last pass, by permission similarity, is bounded by [`MAX_SIMILARITY_PAIRS`].
pub fn match_profiles<'a>(old: &'a [Profile], new: &'a [Profile]) -> Vec<(usize, usize)> {
    let mut m = Matcher {
        old,
        new,
        old_used: vec![false; old.len()],
        new_used: vec![false; new.len()],
        pairs: Vec::new(),
    };
    m.in_order(|p: &'a Profile| {
        p.origin
            .logical_id
            .as_deref()
            .map(|id| (p.origin.stack.as_deref(), id))
    });
    m.unique(|p: &'a Profile| p.origin.logical_id.as_deref());
    // Connect compares names ignoring case (`names_collide`).
    m.unique(|p: &'a Profile| {
        p.name
            .as_deref()
            .map(|n| (n.to_ascii_lowercase(), p.instance.as_deref()))
    });
    m.unique(|p: &'a Profile| p.name.as_deref().map(str::to_ascii_lowercase));
    // Found by tests/properties.rs: the same profile given twice (a describe file and its
    // permissions in two directories, say) was matched by nothing above, so a diff of an
    // input with itself reported both as removed and added again.
    m.in_order(|p: &'a Profile| Some(same_but_file(p)));
    // A rename changes the name and, with switchboard's logical IDs (derived from the name),
    // the logical ID too: pair what is left by content, first the identical permission sets
    // (through an index), then the similar ones.
    m.unique(|p: &'a Profile| Some((p.origin.stack.as_deref(), p.permission_set())));
    m.similar();
    let mut pairs = m.pairs;
    pairs.sort_by_key(|&(_, j)| j);
    pairs
}

/// Everything of a profile but the file it came from, as a key: two profiles are the same
/// profile given twice when their keys are equal.
fn same_but_file(p: &Profile) -> impl Hash + Eq + '_ {
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
        unevaluable,
        unmodelled,
    } = p;
    (
        (stack, logical_id, name, description, permissions, tags),
        (
            access_control_tags,
            tag_restricted_resources,
            hierarchy_restricted_resources,
            hierarchy_group,
            instance,
            metadata,
        ),
        (other_properties, unresolved, unevaluable, unmodelled),
    )
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
    let unevaluable = unevaluable_of(new);
    for u in &unevaluable {
        escalate(
            EscalationKind::Unevaluable,
            None,
            format!("{}: {}", u.path, u.what),
        );
    }
    let ambiguous_tags = unevaluable
        .iter()
        .any(|u| u.path.starts_with("AllowedAccessControlTags["));
    if old.access_control_tags != new.access_control_tags {
        let removed_or_changed = ambiguous_tags
            || old
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
    let old_unmodelled: BTreeMap<&str, &str> = old
        .unmodelled
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let new_unmodelled: BTreeMap<&str, &str> = new
        .unmodelled
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut unmodelled_changes = Vec::new();
    for property in old_unmodelled
        .keys()
        .chain(new_unmodelled.keys())
        .copied()
        .collect::<BTreeSet<&str>>()
    {
        let (was, is) = (old_unmodelled.get(property), new_unmodelled.get(property));
        if was == is {
            continue;
        }
        escalate(
            EscalationKind::UnmodelledPropertyChanged,
            None,
            format!(
                "`{property}` {}; switchboard does not model it, so any change to it counts as widening access until it does",
                match (was, is) {
                    (None, _) => "added",
                    (_, None) => "removed",
                    _ => "changed",
                }
            ),
        );
        unmodelled_changes.push(UnmodelledChange {
            property: property.to_owned(),
            old: was.map(|v| (*v).to_owned()),
            new: is.map(|v| (*v).to_owned()),
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
        unmodelled_changes,
        unevaluable,
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
            && self.unmodelled_changes.is_empty()
            && self.unevaluable.is_empty()
    }
}

fn summary(p: &Profile) -> ProfileSummary {
    let set = p.permission_set();
    ProfileSummary {
        profile: ProfileRef::of(p),
        permission_count: set.len(),
        sensitive: sensitive_of(&set),
        unevaluable: unevaluable_of(p),
    }
}

/// Compares everything loaded for OLD with everything loaded for NEW.
pub fn diff(old: &Loaded, new: &Loaded) -> DiffReport {
    let pairs = match_profiles(&old.profiles, &new.profiles);
    let mut old_of: Vec<Option<usize>> = vec![None; new.profiles.len()];
    let mut paired_old = vec![false; old.profiles.len()];
    for &(i, j) in &pairs {
        old_of[j] = Some(i);
        paired_old[i] = true;
    }
    let mut escalations = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    let mut added = Vec::new();
    let unevaluable: Vec<UnevaluableRef> = new
        .unevaluable
        .iter()
        .map(|(origin, u)| UnevaluableRef {
            file: origin.file.clone(),
            stack: origin.stack.clone(),
            path: u.path.clone(),
            what: u.what.clone(),
        })
        .collect();
    for u in &unevaluable {
        let place = match &u.stack {
            Some(stack) => format!("(stack {stack})"),
            None => format!("(template {})", u.file),
        };
        escalations.push(unevaluable_escalation(&place, u));
    }
    for (j, p) in new.profiles.iter().enumerate() {
        match old_of[j] {
            Some(i) => {
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
                for u in &s.unevaluable {
                    escalations.push(unevaluable_escalation(&s.profile.name, u));
                }
                added.push(s);
            }
        }
    }
    let removed = old
        .profiles
        .iter()
        .enumerate()
        .filter(|(i, _)| !paired_old[*i])
        .map(|(_, p)| ProfileSummary {
            unevaluable: Vec::new(),
            ..summary(p)
        })
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
        unevaluable,
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
