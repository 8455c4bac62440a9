//! Property tests of the shared rules: whatever a user writes, `validate` never panics, and a
//! profile it accepts satisfies every constraint of the CloudFormation schema of
//! `AWS::Connect::SecurityProfile` (reference/cfn-schema-AWS-Connect-SecurityProfile.json).
//!
//! `PROPTEST_CASES` raises the case count for a longer run (the default keeps CI fast).

use proptest::prelude::*;

use switchboard_core::catalog::PERMISSIONS;
use switchboard_core::groups::BUILTIN_GROUPS;
use switchboard_core::presets::BUILTIN_PRESETS;
use switchboard_core::rules::{self, ResolvedProfile};
use switchboard_core::seed_names::SEED_CATEGORIES;
use switchboard_core::spec::{
    Located, PermissionItem, PresetUse, ProfileSpec, ResourceItem, TagRestriction, TagSpec,
};
use switchboard_core::suggest;

/// Text that is sometimes valid, sometimes not: ASCII words, punctuation, non-ASCII, long.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9 _@-]{1,20}",
        "[A-Za-z0-9+=._:/-]{1,20}",
        ".{0,12}",
        "\\PC{0,300}",
        Just(String::new()),
        Just("aws:reserved".to_owned()),
        Just("é😀\u{0}\u{202e}".to_owned()),
    ]
}

fn located(s: String) -> Located<String, u32> {
    Located::new(s, 0)
}

fn catalog_name() -> impl Strategy<Value = String> {
    (0..PERMISSIONS.len()).prop_map(|i| PERMISSIONS[i].api.to_owned())
}

fn permission_item() -> impl Strategy<Value = PermissionItem<u32>> {
    let seed = (
        0..SEED_CATEGORIES.len(),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(c, member, all)| {
            let category = &SEED_CATEGORIES[c];
            let name = if all {
                "All".to_owned()
            } else {
                member.get(category.members).name.to_owned()
            };
            PermissionItem::Seed {
                category: located(category.name.to_owned()),
                member: located(name),
            }
        });
    prop_oneof![
        4 => catalog_name().prop_map(|n| PermissionItem::Api(located(n))),
        1 => text().prop_map(|n| PermissionItem::Api(located(n))),
        1 => text().prop_map(|n| PermissionItem::Unchecked(located(n))),
        1 => (text(), text()).prop_map(|(c, m)| PermissionItem::Seed { category: located(c), member: located(m) }),
        1 => seed,
    ]
}

fn preset_use() -> impl Strategy<Value = PresetUse<u32>> {
    prop_oneof![
        (0..BUILTIN_PRESETS.len())
            .prop_map(|i| PresetUse::Builtin(located(BUILTIN_PRESETS[i].name.to_owned()))),
        text().prop_map(|n| PresetUse::Builtin(located(n))),
        (text(), prop::collection::vec(catalog_name(), 0..30)).prop_map(|(n, permissions)| {
            PresetUse::Custom {
                name: located(n),
                permissions,
            }
        }),
    ]
}

fn group() -> impl Strategy<Value = Located<String, u32>> {
    prop_oneof![
        (0..BUILTIN_GROUPS.len()).prop_map(|i| located(BUILTIN_GROUPS[i].name.to_owned())),
        text().prop_map(located),
    ]
}

fn resource() -> impl Strategy<Value = ResourceItem<u32>> {
    prop_oneof![
        prop::sample::select(vec!["User", "SecurityProfile", "Queue", "RoutingProfile"])
            .prop_map(|r| ResourceItem::Known(located(r.to_owned()))),
        text().prop_map(|r| ResourceItem::Known(located(r))),
        text().prop_map(|r| ResourceItem::Unchecked(located(r))),
    ]
}

fn tags(max: usize) -> impl Strategy<Value = Vec<TagSpec<u32>>> {
    prop::collection::vec(
        (text(), text()).prop_map(|(k, v)| TagSpec {
            key: located(k),
            value: located(v),
        }),
        0..max,
    )
}

fn spec() -> impl Strategy<Value = ProfileSpec<u32>> {
    (
        (
            prop::option::weighted(0.95, text().prop_map(located)),
            prop::option::of(text().prop_map(located)),
            prop::collection::vec(preset_use(), 0..3),
            prop::collection::vec(group(), 0..4),
            prop::collection::vec(permission_item(), 0..40),
            prop::collection::vec(permission_item(), 0..4),
        ),
        (
            prop::collection::vec(resource(), 0..3),
            prop::option::of((tags(7), prop::collection::vec(resource(), 0..12))),
            prop::option::of(text().prop_map(located)),
            tags(55),
            prop::option::of(text().prop_map(located)),
        ),
    )
        .prop_map(
            |(
                (name, description, presets, groups, permissions, without),
                (restrict_hierarchy, restrict_tags, hierarchy_group, tags, sensitive),
            )| ProfileSpec {
                name,
                description,
                presets,
                groups,
                permissions,
                without,
                restrict_hierarchy,
                restrict_tags: restrict_tags.map(|(tags, resources)| TagRestriction {
                    tags,
                    resources,
                    at: 0,
                }),
                hierarchy_group,
                tags,
                sensitive,
            },
        )
}

fn tag_key_ok(key: &str) -> bool {
    (1..=128).contains(&key.chars().count())
        && !key.starts_with("aws:")
        && key
            .chars()
            .all(|c| c.is_ascii_alphabetic() || ('+'..='=').contains(&c) || "._:/".contains(c))
}

/// Every constraint the CloudFormation schema puts on the resource's properties.
fn assert_schema_valid(p: &ResolvedProfile) {
    let name_len = p.name.chars().count();
    assert!((1..=127).contains(&name_len), "name length {name_len}");
    assert!(
        p.name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _@-".contains(c)),
        "name pattern {:?}",
        p.name
    );
    if let Some(d) = &p.description {
        assert!(d.chars().count() <= 250);
    }
    assert!(p.permissions.len() <= 500);
    assert!(
        p.permissions.windows(2).all(|w| w[0] < w[1]),
        "unique and sorted"
    );
    for permission in &p.permissions {
        assert!(
            (1..=128).contains(&permission.chars().count()),
            "{permission:?}"
        );
    }
    assert!(p.tags.len() <= 50);
    assert!(p.access_control_tags.len() <= 4);
    for (key, value) in p.tags.iter().chain(&p.access_control_tags) {
        assert!(tag_key_ok(key), "tag key {key:?}");
        assert!(value.chars().count() <= 256);
    }
    for list in [&p.tags, &p.access_control_tags] {
        let mut keys: Vec<&String> = list.iter().map(|(k, _)| k).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), list.len(), "duplicate tag keys");
    }
    for list in [
        &p.tag_restricted_resources,
        &p.hierarchy_restricted_resources,
    ] {
        assert!(list.len() <= 10);
        for r in list {
            assert!((1..=128).contains(&r.chars().count()));
        }
    }
    assert!(p.hierarchy_restricted_resources.iter().all(|r| r == "User"));
    assert_eq!(
        p.access_control_tags.is_empty(),
        p.tag_restricted_resources.is_empty(),
        "tags and restricted resources go together"
    );
    if let Some(id) = &p.hierarchy_group {
        assert!(id.chars().count() <= 127);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }
}

/// 512 cases by default; `PROPTEST_CASES` sets another count (an explicit `with_cases` would
/// override the variable).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn validate_never_panics_and_accepts_only_schema_valid_profiles(spec in spec()) {
        let validated = rules::validate(&spec, &0);
        if !validated.has_errors() {
            assert_schema_valid(&validated.profile);
        }
        for d in &validated.diagnostics {
            prop_assert!(!d.message.is_empty());
            prop_assert!(d.help_text().is_none_or(|h| !h.is_empty()));
        }
    }

    #[test]
    fn presets_never_panic(spec in spec()) {
        let _ = rules::validate_preset(&spec, &0);
    }

    #[test]
    fn suggestions_are_candidates_and_never_panic(input in "\\PC{0,60}") {
        if let Some(s) = suggest::suggest_permission(&input) {
            prop_assert!(PERMISSIONS.iter().any(|p| p.api == s));
        }
        let names = ["Agent", "OutboundAgent", "Supervisor"];
        if let Some(s) = suggest::did_you_mean(&input, names) {
            prop_assert!(names.contains(&s));
        }
    }
}
