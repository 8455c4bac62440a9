//! `switchboard audit`: what every profile grants, and what is wrong with it.
//!
//! Each profile read from a template (or AWS CLI output) becomes a
//! [`switchboard_core::spec::ProfileSpec`] whose permissions are plain API names,
//! and goes through [`switchboard_core::rules::validate`], the same rules the macro and the
//! builder apply: unknown, legacy and misspelt names, redacted and unredacted media together,
//! download buttons without access, tag restrictions the profile cannot view, `User` restricted
//! without `SecurityProfile`, names of built-in profiles, sensitive permissions without a
//! stated reason. On top come the [`CliRule`] checks and the checks across profiles.

use std::collections::BTreeMap;

use serde::Serialize;
use switchboard_core::catalog::{self, Section, Tier};
use switchboard_core::diagnostic::{Diagnostic, Rule};
use switchboard_core::rules;
use switchboard_core::spec::{
    FieldPath, Located, PermissionItem, ProfileSpec, ResourceItem, TagRestriction, TagSpec,
};

use crate::findings::{CliRule, CrossFinding, Finding, Level, WHOLE};
use crate::input::template::NOT_MODELLED;
use crate::input::{Loaded, Profile};
use crate::instance::InstanceRef;

/// The version of the JSON report's schema; it changes only when a field is removed or its
/// meaning changes (new fields may appear without a change).
pub const SCHEMA: &str = "switchboard.audit/1";

/// The section name used for permissions the catalog does not know.
pub const UNKNOWN_SECTION: &str = "Unknown";

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The date of the AWS permission list the catalog reflects.
    pub catalog_date: &'static str,
    /// The files read.
    pub inputs: Vec<String>,
    /// One entry per profile, in the order read.
    pub profiles: Vec<ProfileAudit>,
    /// Findings about several profiles together.
    pub cross_profile_findings: Vec<CrossFinding>,
    /// Counts.
    pub summary: Summary,
}

/// Counts over the whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Profiles audited.
    pub profiles: usize,
    /// Profiles holding at least one sensitive permission.
    pub profiles_with_sensitive: usize,
    /// Findings of severity `error` (per profile and across profiles).
    pub errors: usize,
    /// Findings of severity `warning`.
    pub warnings: usize,
}

/// Where a profile was read from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// The file.
    pub file: String,
    /// The stack, for cloud assemblies.
    pub stack: Option<String>,
    /// The logical ID, for templates.
    pub logical_id: Option<String>,
}

/// Permissions of one section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionCount {
    /// The section's identifier (`UsersAndPermissions`), or `Unknown`.
    pub section: String,
    /// Its heading on the AWS page.
    pub title: String,
    /// How many permissions of the section the profile holds.
    pub total: usize,
    /// How many of those are sensitive.
    pub sensitive: usize,
    /// How many are high-impact.
    pub high_impact: usize,
}

/// One permission of a profile.
#[derive(Debug, Clone, Serialize)]
pub struct PermissionEntry {
    /// The API name.
    pub name: String,
    /// Its section's identifier, or `Unknown`.
    pub section: String,
    /// `ordinary`, `high-impact`, `sensitive`, or `unknown`.
    pub tier: &'static str,
    /// Why the tier is not ordinary.
    pub risk: Option<&'static str>,
}

/// A key and a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// What restricts the profile's reach.
#[derive(Debug, Clone, Serialize)]
pub struct Restrictions {
    /// `AllowedAccessControlTags`.
    pub access_control_tags: Vec<Tag>,
    /// `TagRestrictedResources`.
    pub tag_restricted_resources: Vec<String>,
    /// `HierarchyRestrictedResources`.
    pub hierarchy_restricted_resources: Vec<String>,
    /// `AllowedAccessControlHierarchyGroupId`.
    pub hierarchy_group: Option<String>,
}

impl Restrictions {
    /// True when nothing restricts the profile.
    pub fn is_empty(&self) -> bool {
        self.access_control_tags.is_empty()
            && self.tag_restricted_resources.is_empty()
            && self.hierarchy_restricted_resources.is_empty()
            && self.hierarchy_group.as_deref().is_none_or(str::is_empty)
    }

    /// One line: `tags Department=Sales on Queue, RoutingProfile; hierarchy User in group X`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.access_control_tags.is_empty() || !self.tag_restricted_resources.is_empty() {
            let tags: Vec<String> = self
                .access_control_tags
                .iter()
                .map(|t| format!("{}={}", t.key, t.value))
                .collect();
            parts.push(format!(
                "tags {} on {}",
                if tags.is_empty() {
                    "(none)".to_owned()
                } else {
                    tags.join(" and ")
                },
                if self.tag_restricted_resources.is_empty() {
                    "(nothing)".to_owned()
                } else {
                    self.tag_restricted_resources.join(", ")
                }
            ));
        }
        if !self.hierarchy_restricted_resources.is_empty() {
            parts.push(format!(
                "hierarchy on {}",
                self.hierarchy_restricted_resources.join(", ")
            ));
        }
        if let Some(group) = self.hierarchy_group.as_deref().filter(|g| !g.is_empty()) {
            parts.push(format!("hierarchy group {group}"));
        }
        if parts.is_empty() {
            "none".to_owned()
        } else {
            parts.join("; ")
        }
    }
}

/// The audit of one profile.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileAudit {
    /// `SecurityProfileName` (a stand-in when missing).
    pub name: String,
    /// Where it was read from.
    pub source: SourceRef,
    /// The instance (`InstanceArn`), as text.
    pub instance: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// Distinct permissions.
    pub permission_count: usize,
    /// Counts per section, in the AWS page's order, sections without permissions left out;
    /// `Unknown` last.
    pub sections: Vec<SectionCount>,
    /// Every distinct permission, sorted.
    pub permissions: Vec<PermissionEntry>,
    /// The sensitive permissions.
    pub sensitive: Vec<PermissionEntry>,
    /// The high-impact permissions.
    pub high_impact: Vec<PermissionEntry>,
    /// The reason stated for the sensitive permissions (switchboard's Metadata), if any.
    pub sensitive_reason: Option<String>,
    /// Tag and hierarchy restrictions.
    pub restrictions: Restrictions,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
}

impl ProfileAudit {
    /// The number of findings of a severity.
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.severity == level).count()
    }
}

fn located(value: &str, at: FieldPath) -> Located<String, FieldPath> {
    Located::new(value.to_owned(), at)
}

fn tag_specs(tags: &[(String, String)], field: &'static str) -> Vec<TagSpec<FieldPath>> {
    tags.iter()
        .enumerate()
        .map(|(i, (k, v))| TagSpec {
            key: located(k, FieldPath::item(field, i)),
            value: located(v, FieldPath::item(field, i)),
        })
        .collect()
}

fn resources(names: &[String], field: &'static str) -> Vec<ResourceItem<FieldPath>> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| ResourceItem::Known(located(n, FieldPath::item(field, i))))
        .collect()
}

/// The profile as the core's input: every permission an API name, every field located at the
/// template property it came from.
pub fn spec_of(profile: &Profile) -> ProfileSpec<FieldPath> {
    let restrict_tags = (!profile.access_control_tags.is_empty()
        || !profile.tag_restricted_resources.is_empty())
    .then(|| TagRestriction {
        tags: tag_specs(&profile.access_control_tags, "AllowedAccessControlTags"),
        resources: resources(&profile.tag_restricted_resources, "TagRestrictedResources"),
        at: FieldPath::field("AllowedAccessControlTags"),
    });
    ProfileSpec {
        name: profile
            .name
            .as_deref()
            .map(|n| located(n, FieldPath::field("SecurityProfileName"))),
        description: profile
            .description
            .as_deref()
            .map(|d| located(d, FieldPath::field("Description"))),
        permissions: profile
            .permissions
            .iter()
            .enumerate()
            .map(|(i, p)| PermissionItem::Api(located(p, FieldPath::item("Permissions", i))))
            .collect(),
        restrict_hierarchy: resources(
            &profile.hierarchy_restricted_resources,
            "HierarchyRestrictedResources",
        ),
        restrict_tags,
        hierarchy_group: profile
            .hierarchy_group
            .as_deref()
            .map(|h| located(h, FieldPath::field("AllowedAccessControlHierarchyGroupId"))),
        tags: tag_specs(&profile.tags, "Tags"),
        sensitive: profile
            .metadata
            .as_ref()
            .and_then(|m| m.sensitive_reason.as_deref())
            .map(|r| located(r, FieldPath::field("Metadata.Switchboard.SensitiveReason"))),
        ..ProfileSpec::default()
    }
}

fn entry(name: &str) -> PermissionEntry {
    match catalog::lookup(name) {
        Some(info) => PermissionEntry {
            name: name.to_owned(),
            section: info.section.ident().to_owned(),
            tier: info.tier.label(),
            risk: (!info.risk.is_empty()).then_some(info.risk),
        },
        None => PermissionEntry {
            name: name.to_owned(),
            section: UNKNOWN_SECTION.to_owned(),
            tier: "unknown",
            risk: None,
        },
    }
}

/// The counts per section of a set of distinct permissions.
pub fn section_counts(permissions: &[String]) -> Vec<SectionCount> {
    let mut counts: BTreeMap<Option<Section>, SectionCount> = BTreeMap::new();
    for name in permissions {
        let info = catalog::lookup(name);
        let section = info.map(|i| i.section);
        let count = counts.entry(section).or_insert_with(|| SectionCount {
            section: section.map_or(UNKNOWN_SECTION, Section::ident).to_owned(),
            title: section
                .map_or("Unknown to the catalog", Section::title)
                .to_owned(),
            total: 0,
            sensitive: 0,
            high_impact: 0,
        });
        count.total += 1;
        match info.map(|i| i.tier) {
            Some(Tier::Sensitive) => count.sensitive += 1,
            Some(Tier::HighImpact) => count.high_impact += 1,
            _ => {}
        }
    }
    let mut out: Vec<SectionCount> = Section::ALL
        .iter()
        .filter_map(|s| counts.remove(&Some(*s)))
        .collect();
    out.extend(counts.remove(&None));
    out
}

/// The rules that make an exception for what one built-in preset grants (the preset mirrors
/// an AWS built-in profile, so the combination is AWS's choice).
pub const PRESET_EXCEPTIONS: [Rule; 2] = [Rule::RedactedAndUnredacted, Rule::DownloadWithoutAccess];

/// Audits one profile.
///
/// A template does not say which preset a permission came from, so for the rules with a
/// preset exception ([`PRESET_EXCEPTIONS`]) the profile is also validated as `import` would
/// write it (with the built-in presets that fit), and only what that confirms is reported: an
/// audit of `preset: Admin` says what `security_profile!` says about it.
pub fn audit_profile(profile: &Profile) -> ProfileAudit {
    let validated = rules::validate_listed(&spec_of(profile), &WHOLE, rules::Listing::AsWritten);
    let written = rules::validate(&crate::import::written_spec(profile), &WHOLE);
    let confirmed_pairs = rules::media::reported_pairs(&written.composition);
    let confirmed: Vec<String> = written
        .diagnostics
        .into_iter()
        .filter(|d| PRESET_EXCEPTIONS.contains(&d.rule))
        .map(|d| d.message)
        .collect();
    // The written profile reports one pair of media per warning or several per preset or
    // group; the template's findings, one per pair at its unredacted permission, are
    // confirmed pair by pair.
    let confirmed_pair = |d: &Diagnostic<FieldPath>| {
        d.rule == Rule::RedactedAndUnredacted
            && d.at
                .index
                .and_then(|i| profile.permissions.get(i))
                .is_some_and(|p| confirmed_pairs.iter().any(|(_, u)| u == p))
    };
    let mut findings: Vec<Finding> = validated
        .diagnostics
        .into_iter()
        .filter(|d| {
            !PRESET_EXCEPTIONS.contains(&d.rule)
                || confirmed.contains(&d.message)
                || confirmed_pair(d)
        })
        .map(Finding::from)
        .collect();
    for u in &profile.unevaluable {
        let at = u
            .path
            .split_once(".Properties.")
            .map_or(u.path.as_str(), |(_, property)| property);
        findings.push(
            Finding::cli(
                CliRule::UnevaluableAccess,
                Level::Error,
                Some(at.to_owned()),
                u.what.clone(),
            )
            .help("write the value literally, so what the profile grants can be reviewed"),
        );
    }
    for path in &profile.unresolved {
        if profile
            .unevaluable
            .iter()
            .any(|u| path.starts_with(&u.path))
        {
            // Already an error above.
            continue;
        }
        findings.push(
            Finding::cli(
                CliRule::UnresolvedValue,
                Level::Warning,
                Some(path.clone()),
                "the value is an intrinsic function, known only at deploy time; switchboard checked its text, not its value".to_owned(),
            )
            .help("review the value it resolves to, or write it literally"),
        );
    }
    for property in &profile.other_properties {
        findings.push(if NOT_MODELLED.contains(&property.as_str()) {
            Finding::cli(
                CliRule::UnreviewedProperty,
                Level::Warning,
                Some(property.clone()),
                format!("`{property}` grants access that switchboard does not review"),
            )
            .help("review it by hand")
        } else {
            Finding::cli(
                CliRule::UnknownProperty,
                Level::Error,
                Some(property.clone()),
                format!("`{property}` is not a property of AWS::Connect::SecurityProfile; CloudFormation rejects the template"),
            )
            .help("remove it, or check its spelling")
        });
    }
    if let Some(reason) = profile
        .metadata
        .as_ref()
        .and_then(|m| m.sensitive_reason.as_deref())
        && reason.trim_start().starts_with(crate::import::PLACEHOLDER)
    {
        findings.push(
            Finding::cli(
                CliRule::PlaceholderReason,
                Level::Warning,
                Some("Metadata.Switchboard.SensitiveReason".to_owned()),
                format!("the sensitive reason is still the placeholder `switchboard import` wrote: {reason:?}"),
            )
            .help("replace `sensitive: \"TODO(import): ...\"` with why the role needs its sensitive permissions"),
        );
    }
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let set = profile.permission_set();
    let permissions: Vec<PermissionEntry> = set.iter().map(|p| entry(p)).collect();
    let of_tier = |tier: &str| -> Vec<PermissionEntry> {
        permissions
            .iter()
            .filter(|p| p.tier == tier)
            .cloned()
            .collect()
    };
    ProfileAudit {
        name: profile.display_name(),
        source: SourceRef {
            file: profile.origin.file.clone(),
            stack: profile.origin.stack.clone(),
            logical_id: profile.origin.logical_id.clone(),
        },
        instance: profile.instance.clone(),
        description: profile.description.clone(),
        permission_count: set.len(),
        sections: section_counts(&set),
        sensitive: of_tier(Tier::Sensitive.label()),
        high_impact: of_tier(Tier::HighImpact.label()),
        permissions,
        sensitive_reason: profile
            .metadata
            .as_ref()
            .and_then(|m| m.sensitive_reason.clone()),
        restrictions: Restrictions {
            access_control_tags: profile
                .access_control_tags
                .iter()
                .map(|(key, value)| Tag {
                    key: key.clone(),
                    value: value.clone(),
                })
                .collect(),
            tag_restricted_resources: profile.tag_restricted_resources.clone(),
            hierarchy_restricted_resources: profile.hierarchy_restricted_resources.clone(),
            hierarchy_group: profile.hierarchy_group.clone(),
        },
        findings,
    }
}

/// The instance of each profile, as an index into the instances found (`None` without an
/// instance), and each instance's description. Names that reach the same instance (an
/// export and its import, across templates) are joined.
fn instances_of(profiles: &[Profile]) -> (Vec<Option<usize>>, Vec<String>) {
    let mut nodes: BTreeMap<InstanceRef, usize> = BTreeMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut node = |r: InstanceRef, parent: &mut Vec<usize>| -> usize {
        *nodes.entry(r).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut of_profile = Vec::with_capacity(profiles.len());
    // A template's profiles of one instance share one list of exports (the same `Arc`,
    // compared by address): joined once.
    let mut joined: std::collections::HashSet<*const [String]> = std::collections::HashSet::new();
    for p in profiles {
        let (named, exported_as) = match &p.instance_identity {
            Some(identity) => (identity.named.clone(), &identity.exported_as[..]),
            // AWS CLI output names the instance by its literal ARN.
            None => (p.instance.clone().map(InstanceRef::Arn), &[][..]),
        };
        let Some(named) = named else {
            of_profile.push(None);
            continue;
        };
        let i = node(named, &mut parent);
        if exported_as.is_empty() || !joined.insert(std::ptr::from_ref(exported_as)) {
            of_profile.push(Some(i));
            continue;
        }
        for export in exported_as {
            let j = node(InstanceRef::Import(export.clone()), &mut parent);
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a.max(b)] = a.min(b);
        }
        of_profile.push(Some(i));
    }
    // Each joined instance is described by its most telling name (the smallest in
    // `InstanceRef`'s order), and numbered by its root.
    let mut described: BTreeMap<usize, &InstanceRef> = BTreeMap::new();
    for (r, &i) in &nodes {
        let top = root(&mut parent, i);
        described.entry(top).or_insert(r);
    }
    let of_profile = of_profile
        .into_iter()
        .map(|i| i.map(|i| root(&mut parent, i)))
        .collect();
    let descriptions = (0..parent.len())
        .map(|i| described.get(&i).map(|r| r.describe()).unwrap_or_default())
        .collect();
    (of_profile, descriptions)
}

/// Findings across the profiles of each instance: duplicate names (the core's
/// `DuplicateProfileName`), one finding per name however many profiles share it, and more
/// than one profile with access-control tags.
///
/// Profiles share an instance when their templates name the same one: the same literal ARN,
/// the same created alias, or the same parameter of the same template (see
/// [`crate::instance`]).
pub fn cross_profile(profiles: &[Profile]) -> Vec<CrossFinding> {
    let (instance_of, descriptions) = instances_of(profiles);
    let mut by_instance: BTreeMap<Option<usize>, Vec<&Profile>> = BTreeMap::new();
    for (p, instance) in profiles.iter().zip(instance_of) {
        by_instance.entry(instance).or_default().push(p);
    }
    let mut out = Vec::new();
    for (instance, group) in by_instance {
        let scope = match instance {
            Some(i) => descriptions[i].clone(),
            None => "the same instance".to_owned(),
        };
        out.extend(duplicate_names(&group, &scope));
        let tagged: Vec<&&Profile> = group
            .iter()
            .filter(|p| !p.access_control_tags.is_empty())
            .collect();
        if tagged.len() > 1 {
            out.push(CrossFinding {
                rule: CliRule::MultipleTagRestrictedProfiles.name(),
                severity: Level::Warning,
                profiles: tagged.iter().map(|p| p.display_name()).collect(),
                message: format!(
                    "{} profiles of {scope} carry access-control tags; a user may hold at most one profile with access-control tags, so no user can combine them",
                    tagged.len()
                ),
                help: Some("make sure no role needs two of them, or merge them".to_owned()),
            });
        }
    }
    out
}

/// One `DuplicateProfileName` finding per name used more than once in one instance, listing
/// its profiles once each: output linear in the number of profiles.
fn duplicate_names(group: &[&Profile], scope: &str) -> Vec<CrossFinding> {
    // `rules::name::names_collide` compares ignoring ASCII case, so the ASCII-lowercased name
    // is the key under which colliding names meet.
    let mut members: BTreeMap<String, Vec<&Profile>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for p in group {
        let Some(name) = p.name.as_deref() else {
            continue;
        };
        let key = name.to_ascii_lowercase();
        let same = members.entry(key.clone()).or_default();
        if same.is_empty() {
            order.push(key);
        }
        same.push(p);
    }
    let mut out = Vec::new();
    for key in order {
        let same = &members[&key];
        let [first, second, ..] = same.as_slice() else {
            continue;
        };
        // The core's rule says what is wrong and how to fix it; only the count is added here.
        let names = [first, second].map(|p| Located::new(p.name.clone().unwrap_or_default(), ()));
        let mut diagnostics = Vec::new();
        rules::name::check_unique(&names, &mut diagnostics);
        let Some(d) = diagnostics.into_iter().next() else {
            continue;
        };
        let message = if same.len() == 2 {
            format!("{} (in {scope})", d.message)
        } else {
            format!(
                "{} security profiles are named {:?} in {scope}, ignoring case; names must be unique in an instance (AWS compares them ignoring case)",
                same.len(),
                first.display_name()
            )
        };
        out.push(CrossFinding {
            rule: d.rule.name(),
            severity: d.severity.into(),
            profiles: same
                .iter()
                .map(|p| format!("{} ({})", p.display_name(), p.origin.describe()))
                .collect(),
            message,
            help: d.help_text(),
        });
    }
    out
}

/// Findings about what the templates hold that may create or change profiles but cannot be
/// read: nested stacks, transforms (macros), `Fn::Transform` among the resources.
pub fn unevaluable_findings(loaded: &Loaded) -> Vec<CrossFinding> {
    loaded
        .unevaluable
        .iter()
        .map(|(origin, u)| CrossFinding {
            rule: CliRule::UnevaluableAccess.name(),
            severity: Level::Error,
            profiles: Vec::new(),
            message: format!("{}, {}: {}", origin.describe(), u.path, u.what),
            help: Some(
                "give switchboard the templates themselves (the nested stack's template, the template after the transform), or define the profiles in this template".to_owned(),
            ),
        })
        .collect()
}

/// Audits everything loaded.
pub fn audit(loaded: &Loaded) -> AuditReport {
    let profiles: Vec<ProfileAudit> = loaded.profiles.iter().map(audit_profile).collect();
    let mut cross = unevaluable_findings(loaded);
    cross.extend(cross_profile(&loaded.profiles));
    let mut summary = Summary {
        profiles: profiles.len(),
        profiles_with_sensitive: profiles.iter().filter(|p| !p.sensitive.is_empty()).count(),
        ..Summary::default()
    };
    for level in profiles
        .iter()
        .flat_map(|p| p.findings.iter().map(|f| f.severity))
        .chain(cross.iter().map(|f| f.severity))
    {
        match level {
            Level::Error => summary.errors += 1,
            Level::Warning => summary.warnings += 1,
        }
    }
    AuditReport {
        schema: SCHEMA,
        catalog_date: catalog::AWS_LIST_DATE,
        inputs: loaded.files.clone(),
        profiles,
        cross_profile_findings: cross,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Origin;

    fn profile(name: &str, permissions: &[&str]) -> Profile {
        Profile {
            origin: Origin {
                file: "t.json".into(),
                stack: None,
                logical_id: Some(name.into()),
            },
            name: Some(name.into()),
            permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
            ..Profile::default()
        }
    }

    fn rules_of(audit: &ProfileAudit) -> Vec<&str> {
        audit.findings.iter().map(|f| f.rule.as_str()).collect()
    }

    #[test]
    fn core_rules_fire_on_template_profiles() {
        let a = audit_profile(&profile(
            "Admin",
            &[
                "Users.Edti",
                "CallRecordings.Redacted.Access",
                "CallRecordings.Unredacted.Access",
                "CallRecordings.Redacted.DownloadButton",
                "Audio.View",
                "BasicAgentAccess",
                "BasicAgentAccess",
            ],
        ));
        let rules = rules_of(&a);
        for rule in [
            "UnknownPermission",
            "NameCollidesWithBuiltin",
            "RedactedAndUnredacted",
            "LegacyPermission",
            "SensitiveWithoutReason",
            "DuplicatePermission",
        ] {
            assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
        }
        let unknown = a
            .findings
            .iter()
            .find(|f| f.rule == "UnknownPermission")
            .unwrap();
        assert_eq!(unknown.at.as_deref(), Some("Permissions[0]"));
        assert_eq!(unknown.help.as_deref(), Some("did you mean `Users.Edit`?"));
        // The core's rule, as an error: CloudFormation receives the list as written.
        let duplicate = a
            .findings
            .iter()
            .find(|f| f.rule == "DuplicatePermission")
            .unwrap();
        assert_eq!(
            (duplicate.severity, duplicate.at.as_deref()),
            (Level::Error, Some("Permissions[6]"))
        );
        // Fixes name template properties, not DSL fields.
        let reason = a
            .findings
            .iter()
            .find(|f| f.rule == "SensitiveWithoutReason")
            .unwrap();
        let help = reason.help.as_deref().unwrap();
        assert!(
            help.contains("`Metadata.Switchboard.SensitiveReason`"),
            "{help}"
        );
        assert!(help.contains("from `Permissions`"), "{help}");
        assert!(
            !help.contains("sensitive:") && !help.contains("without:"),
            "{help}"
        );
        assert_eq!(a.permission_count, 6);
        assert_eq!(a.sections.last().unwrap().section, "Unknown");
    }

    /// The shared rules on restrictions, with fixes in template properties: a tag-restricted
    /// manager who edits every user, and half a hierarchy restriction.
    #[test]
    fn restriction_rules_speak_template_properties() {
        let mut manager = profile(
            "SalesManager",
            switchboard_core::presets::preset("CallCenterManager")
                .unwrap()
                .permissions,
        );
        manager.access_control_tags = vec![("Department".into(), "Sales".into())];
        manager.tag_restricted_resources = vec!["Queue".into(), "RoutingProfile".into()];
        let a = audit_profile(&manager);
        let unrestricted = a
            .findings
            .iter()
            .find(|f| f.rule == "UserManagementUnrestricted")
            .unwrap_or_else(|| panic!("{:#?}", a.findings));
        assert_eq!(unrestricted.severity, Level::Warning);
        assert_eq!(
            unrestricted.help.as_deref(),
            Some(
                "add `\"User\"`, `\"SecurityProfile\"` to `TagRestrictedResources`, or remove \
                 `Users.Create`, `Users.Edit` from `Permissions`"
            )
        );

        let mut lead = profile("TeamLead", &["BasicAgentAccess"]);
        lead.hierarchy_group = Some("3f2b9c1e".into());
        let a = audit_profile(&lead);
        let half = a
            .findings
            .iter()
            .find(|f| f.rule == "HierarchyRestrictionIncomplete")
            .unwrap_or_else(|| panic!("{:#?}", a.findings));
        assert_eq!(half.severity, Level::Error);
        assert_eq!(
            half.help.as_deref(),
            Some(
                "set `HierarchyRestrictedResources` to `[\"User\"]`, or remove \
                 `AllowedAccessControlHierarchyGroupId`"
            )
        );
    }

    /// `import` writes this template as `preset: QualityAnalyst, groups:
    /// [UnredactedRecordingsAccess]`, whose one warning covers all three pairs: the template's
    /// findings (one per pair, at each unredacted permission) are confirmed pair by pair.
    #[test]
    fn redacted_and_unredacted_media_of_a_preset_and_a_group_are_reported() {
        let mut permissions: Vec<&str> = switchboard_core::presets::preset("QualityAnalyst")
            .unwrap()
            .permissions
            .to_vec();
        permissions.extend(
            switchboard_core::groups::group("UnredactedRecordingsAccess")
                .unwrap()
                .permissions,
        );
        let a = audit_profile(&profile("QaUnredacted", &permissions));
        let media: Vec<&Finding> = a
            .findings
            .iter()
            .filter(|f| f.rule == "RedactedAndUnredacted")
            .collect();
        assert_eq!(media.len(), 3, "{:#?}", a.findings);
        assert!(
            media
                .iter()
                .all(|f| f.help.as_deref().unwrap().contains("from `Permissions`")),
            "{media:#?}"
        );
    }

    #[test]
    fn what_a_built_in_preset_grants_is_not_a_finding() {
        let admin = switchboard_core::presets::preset("Admin")
            .unwrap()
            .permissions;
        let a = audit_profile(&profile("SystemAdmin2", admin));
        assert!(
            !rules_of(&a).contains(&"RedactedAndUnredacted"),
            "{:?}",
            rules_of(&a)
        );
        let a = audit_profile(&profile(
            "Listener",
            &[
                "CallRecordings.Redacted.Access",
                "CallRecordings.Unredacted.Access",
            ],
        ));
        assert!(rules_of(&a).contains(&"RedactedAndUnredacted"));
    }

    #[test]
    fn tag_restrictions_are_checked_by_the_core() {
        let mut p = profile("Manager", &["BasicAgentAccess"]);
        p.access_control_tags = vec![("Department".into(), "Sales".into())];
        p.tag_restricted_resources = vec!["User".into(), "Queue".into()];
        let rules = rules_of(&audit_profile(&p)).join(" ");
        assert!(
            rules.contains("UserRestrictedWithoutSecurityProfile"),
            "{rules}"
        );
        assert!(rules.contains("TagRestrictedNotViewable"), "{rules}");
    }

    #[test]
    fn cross_profile_findings() {
        let mut a = profile("Sales", &[]);
        a.access_control_tags = vec![("D".into(), "S".into())];
        let mut b = profile("sales", &[]);
        b.access_control_tags = vec![("D".into(), "T".into())];
        let found = cross_profile(&[a, b]);
        let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["DuplicateProfileName", "MultipleTagRestrictedProfiles"]
        );
    }
}
