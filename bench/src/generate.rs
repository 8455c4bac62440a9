//! The profiles of the compile-time benchmark: valid, deterministic, and varied the way real
//! ones are (built-in and custom presets, groups, 20 to 40 explicit permissions, tags, tag
//! restrictions, sensitive reasons where the rules ask for one).
//!
//! Each drawn profile is checked with the same rules the macro runs
//! (`switchboard_core::rules::validate`), and redrawn until it has no error and no warning, so the
//! generated crate compiles cleanly. The resolved values are what the hand-written crate spells
//! out.

use switchboard_core::catalog::{self, PermissionInfo, Tier};
use switchboard_core::diagnostic::Rule;
use switchboard_core::rules::{self, ResolvedProfile};
use switchboard_core::spec::{
    FieldPath, Located, PermissionItem, PresetUse, ProfileSpec, ResourceItem, TagRestriction,
    TagSpec,
};

use crate::rng::Rng;

/// The six built-in presets.
pub const BUILTIN_PRESETS: [&str; 6] = [
    "Agent",
    "OutboundAgent",
    "Supervisor",
    "QualityAnalyst",
    "CallCenterManager",
    "Admin",
];

/// The fifteen built-in groups.
pub const GROUPS: [&str; 15] = [
    "BasicAgent",
    "OutboundAgent",
    "SupervisorMonitoring",
    "QualityAnalysis",
    "UserManagement",
    "RoutingConfiguration",
    "FlowManagement",
    "Reporting",
    "WorkforceScheduling",
    "CaseManagement",
    "CampaignManagement",
    "RedactedRecordingsAccess",
    "UnredactedRecordingsAccess",
    "AmazonQFeatures",
    "AmazonQAdmin",
];

/// Resource types that `restrict tags ... on [...]` accepts.
pub const TAG_RESOURCES: [&str; 4] = ["User", "SecurityProfile", "Queue", "RoutingProfile"];

/// Tag keys (valid under `^(?!aws:)[a-zA-Z+-=._:/]+$`).
pub const TAG_KEYS: [&str; 8] = [
    "Department",
    "CostCenter",
    "Team",
    "Region",
    "Owner",
    "Environment",
    "Site",
    "Tier",
];

/// Tag values.
pub const TAG_VALUES: [&str; 12] = [
    "Sales",
    "Support",
    "Billing",
    "Retention",
    "Onboarding",
    "Collections",
    "EMEA",
    "APAC",
    "Americas",
    "Production",
    "Night shift",
    "Tier 2",
];

/// Reasons given for sensitive permissions.
pub const REASONS: [&str; 5] = [
    "Supervisors of this team review recordings and manage its users",
    "Operations staff administer routing and user accounts for their site",
    "Compliance reviews need access to personal data and change history",
    "Team leads create and edit the accounts of their agents",
    "The workforce team maintains schedules and user settings",
];

/// The permissions explicit lists draw from: documented, current, still supported.
pub fn pool() -> Vec<&'static str> {
    catalog::PERMISSIONS
        .iter()
        .filter(|p: &&PermissionInfo| {
            !p.status.is_legacy() && !p.status.is_undocumented() && p.end_of_support.is_none()
        })
        .map(|p| p.api)
        .collect()
}

/// A preset defined with `preset!` in the generated crate.
#[derive(Debug, Clone)]
pub struct CustomPreset {
    /// The constant's name (`BENCH_PRESET_3`).
    pub ident: String,
    /// The permissions as written.
    pub permissions: Vec<&'static str>,
    /// The final permissions (what `preset!` puts in the constant).
    pub resolved: Vec<String>,
}

/// One `preset:` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresetChoice {
    /// A built-in preset.
    Builtin(&'static str),
    /// The `i`th custom preset of the crate.
    Custom(usize),
}

/// `restrict tags`: the access-control tags and the restricted resource types.
pub type TagRestrictionDraw = (Vec<(String, String)>, Vec<&'static str>);

/// One generated profile: what the DSL says, and what it resolves to.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The constant's name (`BENCH_PROFILE_00042`).
    pub ident: String,
    /// `preset`.
    pub presets: Vec<PresetChoice>,
    /// `groups`.
    pub groups: Vec<&'static str>,
    /// `permissions` (API names, all written as paths).
    pub permissions: Vec<&'static str>,
    /// `restrict tags: { .. } on [..]`.
    pub restrict_tags: Option<TagRestrictionDraw>,
    /// The final values, which `name`, `description`, `tags` and `sensitive` are read from.
    pub resolved: ResolvedProfile,
}

/// A generated crate's contents.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The `preset!` definitions.
    pub presets: Vec<CustomPreset>,
    /// The profiles.
    pub profiles: Vec<Profile>,
}

fn at(field: &'static str, i: usize) -> FieldPath {
    FieldPath::item(field, i)
}

fn api_items(names: &[&'static str], field: &'static str) -> Vec<PermissionItem<FieldPath>> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| PermissionItem::Api(Located::new((*n).to_owned(), at(field, i))))
        .collect()
}

fn tag_specs(pairs: &[(String, String)], field: &'static str) -> Vec<TagSpec<FieldPath>> {
    pairs
        .iter()
        .enumerate()
        .map(|(i, (k, v))| TagSpec {
            key: Located::new(k.clone(), at(field, i)),
            value: Located::new(v.clone(), at(field, i)),
        })
        .collect()
}

fn draw_tags(rng: &mut Rng, k: usize) -> Vec<(String, String)> {
    rng.sample(&TAG_KEYS, k)
        .into_iter()
        .map(|key| (key.to_owned(), (*rng.pick(&TAG_VALUES)).to_owned()))
        .collect()
}

fn is_sensitive(api: &str) -> bool {
    catalog::lookup(api).is_some_and(|p| p.tier == Tier::Sensitive)
}

/// Draws the crate's custom presets: ordinary permissions only (a preset carries no reason).
pub fn draw_presets(rng: &mut Rng, count: usize) -> Vec<CustomPreset> {
    let ordinary: Vec<&'static str> = pool().into_iter().filter(|p| !is_sensitive(p)).collect();
    let mut out = Vec::new();
    while out.len() < count {
        let k = rng.between(8, 15);
        let permissions = rng.sample(&ordinary, k);
        let spec = ProfileSpec {
            permissions: api_items(&permissions, "permissions"),
            ..ProfileSpec::default()
        };
        let validated = rules::validate_preset(&spec, &FieldPath::field("preset"));
        if validated.diagnostics.is_empty() {
            out.push(CustomPreset {
                ident: format!("BENCH_PRESET_{}", out.len()),
                permissions,
                resolved: validated.profile.permissions,
            });
        }
    }
    out
}

/// Draws `n` profiles (and a few custom presets for them to use) from `seed`.
pub fn generate(n: usize, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let presets = draw_presets(&mut rng, 5);
    let pool = pool();
    let mut profiles = Vec::with_capacity(n);
    for i in 1..=n {
        profiles.push(draw_profile(&mut rng, i, &pool, &presets));
    }
    Generated { presets, profiles }
}

fn draw_profile(
    rng: &mut Rng,
    i: usize,
    pool: &[&'static str],
    presets: &[CustomPreset],
) -> Profile {
    let name = format!("BenchProfile{i:05}");
    loop {
        let chosen: Vec<PresetChoice> = match rng.below(100) {
            0..=14 => Vec::new(),
            15..=29 => vec![PresetChoice::Custom(rng.below(presets.len()))],
            30..=39 => rng
                .sample(&BUILTIN_PRESETS[..5], 2)
                .into_iter()
                .map(PresetChoice::Builtin)
                .collect(),
            _ => vec![PresetChoice::Builtin(
                BUILTIN_PRESETS[rng.below(BUILTIN_PRESETS.len())],
            )],
        };
        let groups = {
            let k = rng.below(3);
            rng.sample(&GROUPS, k)
        };
        let k = rng.between(20, 40);
        let mut permissions = rng.sample(pool, k);
        let restrict_tags = if rng.chance(25) {
            let k = rng.between(1, 2);
            let tags = draw_tags(rng, k);
            let resources = {
                let k = rng.between(1, 2);
                rng.sample(&TAG_RESOURCES, k)
            };
            // A restricted resource type the profile cannot view is a warning: grant its View.
            for r in &resources {
                let view = rules::restrictions::view_permission(r).expect("known resource");
                if !permissions.contains(&view) {
                    permissions.pop();
                    permissions.push(view);
                }
            }
            Some((tags, resources))
        } else {
            None
        };
        let k = rng.between(1, 3);
        let tags = draw_tags(rng, k);
        let reason = (*rng.pick(&REASONS)).to_owned();
        let mut spec = ProfileSpec {
            name: Some(Located::new(name.clone(), FieldPath::field("name"))),
            description: Some(Located::new(
                format!("Generated profile {i} of the compile-time benchmark"),
                FieldPath::field("description"),
            )),
            presets: chosen
                .iter()
                .enumerate()
                .map(|(k, p)| match *p {
                    PresetChoice::Builtin(b) => {
                        PresetUse::Builtin(Located::new(b.to_owned(), at("preset", k)))
                    }
                    PresetChoice::Custom(c) => PresetUse::Custom {
                        name: Located::new(presets[c].ident.clone(), at("preset", k)),
                        permissions: presets[c].resolved.clone(),
                    },
                })
                .collect(),
            groups: groups
                .iter()
                .enumerate()
                .map(|(k, g)| Located::new((*g).to_owned(), at("groups", k)))
                .collect(),
            permissions: api_items(&permissions, "permissions"),
            restrict_tags: restrict_tags.as_ref().map(|(t, r)| TagRestriction {
                tags: tag_specs(t, "restrict tags"),
                resources: r
                    .iter()
                    .enumerate()
                    .map(|(k, r)| {
                        ResourceItem::Known(Located::new(
                            (*r).to_owned(),
                            at("restrict tags on", k),
                        ))
                    })
                    .collect(),
                at: FieldPath::field("restrict tags"),
            }),
            tags: tag_specs(&tags, "tags"),
            sensitive: Some(Located::new(reason, FieldPath::field("sensitive"))),
            ..ProfileSpec::default()
        };
        let whole = FieldPath::field("profile");
        let mut validated = rules::validate(&spec, &whole);
        if validated
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::ReasonWithoutSensitive)
        {
            spec.sensitive = None;
            validated = rules::validate(&spec, &whole);
        }
        if validated.diagnostics.is_empty() {
            return Profile {
                ident: format!("BENCH_PROFILE_{i:05}"),
                presets: chosen,
                groups,
                permissions,
                restrict_tags,
                resolved: validated.profile,
            };
        }
    }
}

/// A misspelling of `api` that the catalog does not know: two neighbouring letters of its
/// last segment swapped (the typo people make), or a letter dropped when swapping changes
/// nothing.
pub fn typo(api: &str, rng: &mut Rng) -> String {
    let start = api.rfind('.').map_or(0, |d| d + 1);
    for _ in 0..32 {
        let mut chars: Vec<char> = api.chars().collect();
        let last = &mut chars[start..];
        if last.len() < 3 {
            break;
        }
        let j = 1 + rng.below(last.len() - 2);
        last.swap(j, j + 1);
        let candidate: String = chars.iter().collect();
        if candidate != api && catalog::lookup(&candidate).is_none() {
            return candidate;
        }
    }
    let mut chars: Vec<char> = api.chars().collect();
    chars.remove(chars.len() - 1);
    let candidate: String = chars.iter().collect();
    assert!(
        catalog::lookup(&candidate).is_none(),
        "typo of {api} is a real name"
    );
    candidate
}
