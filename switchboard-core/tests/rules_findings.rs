//! The rules behind issue 10's friction, on the shared input every caller builds: duplicate
//! permissions, hierarchy restrictions, user management outside a tag restriction, redacted
//! and unredacted media from one group, IAM actions, and fixes phrased for each caller.

use proptest::prelude::*;

use switchboard_core::catalog::{self, IAM_ACTIONS};
use switchboard_core::diagnostic::{Diagnostic, Fix, Phrasing, Rule, Severity};
use switchboard_core::rules::{self, Listing};
use switchboard_core::spec::{
    Located, PermissionItem, PresetUse, ProfileSpec, ResourceItem, TagRestriction, TagSpec,
};

/// Locations are the position of the value in the test's own numbering.
type At = u32;

fn at<T>(value: T, at: At) -> Located<T, At> {
    Located::new(value, at)
}

fn api(name: &str, position: At) -> PermissionItem<At> {
    PermissionItem::Api(at(name.to_owned(), position))
}

fn named(name: &str) -> ProfileSpec<At> {
    ProfileSpec {
        name: Some(at(name.to_owned(), 0)),
        ..ProfileSpec::default()
    }
}

fn preset(name: &str) -> PresetUse<At> {
    PresetUse::Builtin(at(name.to_owned(), 1))
}

fn tag_restriction(resources: &[&str]) -> TagRestriction<At> {
    TagRestriction {
        tags: vec![TagSpec {
            key: at("Department".to_owned(), 50),
            value: at("Sales".to_owned(), 51),
        }],
        resources: resources
            .iter()
            .enumerate()
            .map(|(i, r)| ResourceItem::Known(at((*r).to_owned(), 60 + i as At)))
            .collect(),
        at: 49,
    }
}

fn findings(spec: &ProfileSpec<At>, rule: Rule) -> Vec<Diagnostic<At>> {
    rules::validate(spec, &0)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

#[test]
fn a_repeated_permission_warns_at_the_repeat_and_is_an_error_in_a_template() {
    let mut spec = named("Dup");
    spec.permissions = vec![
        api("Users.View", 10),
        api("Queues.View", 11),
        api("Users.View", 12),
    ];
    let found = findings(&spec, Rule::DuplicatePermission);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].at, 12, "at the second occurrence");
    assert!(found[0].message.contains("`Users.View` is listed twice"));
    assert_eq!(
        rules::validate(&spec, &0).profile.permissions,
        ["Queues.View", "Users.View"]
    );

    let template = rules::validate_listed(&spec, &0, Listing::AsWritten);
    let errors: Vec<_> = template
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::DuplicatePermission)
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].severity, Severity::Error);
    assert!(errors[0].message.contains("E3037"), "{}", errors[0].message);
}

#[test]
fn a_repeated_unknown_permission_is_left_to_its_own_error() {
    let mut spec = named("Dup");
    spec.permissions = vec![api("Users.Edti", 10), api("Users.Edti", 11)];
    assert!(findings(&spec, Rule::DuplicatePermission).is_empty());
    assert_eq!(findings(&spec, Rule::UnknownPermission).len(), 2);
}

#[test]
fn a_preset_warns_on_a_repeated_permission_too() {
    let spec = ProfileSpec {
        permissions: vec![api("Users.View", 10), api("Users.View", 11)],
        ..ProfileSpec::default()
    };
    let found: Vec<_> = rules::validate_preset(&spec, &0)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == Rule::DuplicatePermission)
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].at, 11);
}

fn hierarchy(restrict: bool, group: Option<&str>) -> ProfileSpec<At> {
    let mut spec = named("Lead");
    spec.presets = vec![preset("Supervisor")];
    if restrict {
        spec.restrict_hierarchy = vec![ResourceItem::Known(at("User".to_owned(), 20))];
    }
    spec.hierarchy_group = group.map(|g| at(g.to_owned(), 21));
    spec
}

#[test]
fn a_hierarchy_restriction_needs_its_group_and_a_group_needs_its_restriction() {
    let without_group = findings(&hierarchy(true, None), Rule::HierarchyRestrictionIncomplete);
    assert_eq!(without_group.len(), 1);
    assert_eq!(without_group[0].severity, Severity::Error);
    assert_eq!(without_group[0].at, 20);
    assert!(
        without_group[0]
            .help
            .as_ref()
            .is_some_and(|h| h.fixes().any(|f| *f == Fix::SetHierarchyGroup))
    );

    let group_only = findings(
        &hierarchy(false, Some("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f")),
        Rule::HierarchyRestrictionIncomplete,
    );
    assert_eq!(group_only.len(), 1);
    assert_eq!(group_only[0].at, 21);
    assert!(group_only[0].message.contains("restricts nothing"));

    let complete = hierarchy(true, Some("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f"));
    assert!(!rules::validate(&complete, &0).has_errors());
}

#[test]
fn an_empty_hierarchy_group_is_an_error_of_its_own() {
    for restrict in [true, false] {
        let validated = rules::validate(&hierarchy(restrict, Some("")), &0);
        let rules: Vec<Rule> = validated.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [Rule::HierarchyGroupId],
            "restrict hierarchy: {restrict}"
        );
        assert!(validated.diagnostics[0].message.contains("empty"));
    }
}

fn manager(resources: &[&str]) -> ProfileSpec<At> {
    let mut spec = named("SalesManager");
    spec.presets = vec![preset("CallCenterManager")];
    spec.restrict_tags = Some(tag_restriction(resources));
    spec.sensitive = Some(at("Managers".to_owned(), 30));
    spec
}

#[test]
fn a_tag_restricted_manager_who_edits_every_user_is_warned() {
    let found = findings(
        &manager(&["Queue", "RoutingProfile"]),
        Rule::UserManagementUnrestricted,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let warning = &found[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.at, 49, "at the `restrict` keyword");
    assert!(
        warning
            .message
            .contains("grants `Users.Create`, `Users.Edit`"),
        "{}",
        warning.message
    );
    let help = warning.help.as_ref().unwrap();
    assert_eq!(
        help.render(Phrasing::Dsl),
        "add `User`, `SecurityProfile` to `restrict tags: { ... } on [...]`, or write `without: [Users.Create, Users.Edit]`"
    );
    assert_eq!(
        help.render(Phrasing::Builder),
        "add `\"User\"`, `\"SecurityProfile\"` to the resources of `.restrict_tags(tags, [...])`, or call `.without(\"Users.Create\")`, `.without(\"Users.Edit\")`"
    );
    assert_eq!(
        help.render(Phrasing::Template),
        "add `\"User\"`, `\"SecurityProfile\"` to `TagRestrictedResources`, or remove `Users.Create`, `Users.Edit` from `Permissions`"
    );
}

#[test]
fn restricting_users_by_tags_or_hierarchy_or_not_managing_them_is_not_warned() {
    let by_tags = manager(&["User", "SecurityProfile", "Queue", "RoutingProfile"]);
    assert!(findings(&by_tags, Rule::UserManagementUnrestricted).is_empty());

    let mut by_hierarchy = manager(&["Queue", "RoutingProfile"]);
    by_hierarchy.restrict_hierarchy = vec![ResourceItem::Known(at("User".to_owned(), 20))];
    by_hierarchy.hierarchy_group = Some(at("3f2b9c1e".to_owned(), 21));
    assert!(findings(&by_hierarchy, Rule::UserManagementUnrestricted).is_empty());

    let mut supervisor = named("Supervisor1");
    supervisor.presets = vec![preset("Supervisor")];
    supervisor.restrict_tags = Some(tag_restriction(&["Queue"]));
    assert!(findings(&supervisor, Rule::UserManagementUnrestricted).is_empty());
}

#[test]
fn unredacted_access_on_a_redacted_preset_is_one_warning_with_the_exact_without() {
    let mut spec = named("QaCompliance");
    spec.presets = vec![preset("QualityAnalyst")];
    spec.groups = vec![at("UnredactedRecordingsAccess".to_owned(), 40)];
    spec.sensitive = Some(at("Compliance reviews".to_owned(), 30));
    let found = findings(&spec, Rule::RedactedAndUnredacted);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].at, 40, "at the group");
    let help = found[0].help.as_ref().unwrap().render(Phrasing::Dsl);
    let without = "without: [CallRecordings.Redacted.Access, ContactTranscripts.Redacted.Access, ScreenRecording.Redacted.Access]";
    assert!(help.contains(without), "{help}");

    // The help, followed, leaves nothing to warn about and keeps the unredacted media.
    spec.without = [
        "CallRecordings.Redacted.Access",
        "ContactTranscripts.Redacted.Access",
        "ScreenRecording.Redacted.Access",
    ]
    .iter()
    .enumerate()
    .map(|(i, p)| api(p, 70 + i as At))
    .collect();
    let validated = rules::validate(&spec, &0);
    assert!(
        validated.diagnostics.is_empty(),
        "{:?}",
        validated.diagnostics
    );
    assert!(
        validated
            .profile
            .permissions
            .contains(&"CallRecordings.Unredacted.Access".to_owned())
    );
}

#[test]
fn iam_actions_with_a_certain_permission_name_it() {
    for (action, permission) in [
        ("connect:CreateUser", "Users.Create"),
        ("connect:DescribeQueue", "Queues.View"),
        ("CONNECT:describequeue", "Queues.View"),
        ("connect:UpdateUserSecurityProfiles", "Users.EditPermission"),
    ] {
        assert_eq!(
            catalog::permission_for_iam_action(action),
            Some(permission),
            "{action}"
        );
        let mut spec = named("Iam");
        spec.permissions = vec![api(action, 10)];
        let found = findings(&spec, Rule::IamActionAsPermission);
        let help = found[0].help_text().unwrap();
        assert!(help.starts_with(&format!("write `{permission}`")), "{help}");
    }
    for action in [
        "connect:*",
        "connect:DeleteQueue",
        "connect:StartChatContact",
    ] {
        assert_eq!(catalog::permission_for_iam_action(action), None, "{action}");
        let mut spec = named("Iam");
        spec.permissions = vec![api(action, 10)];
        let help = findings(&spec, Rule::IamActionAsPermission)[0]
            .help_text()
            .unwrap();
        assert!(help.contains("`switchboard catalog` lists them"), "{help}");
    }
}

#[test]
fn the_iam_table_is_sorted_unique_and_names_catalog_permissions() {
    for pair in IAM_ACTIONS.windows(2) {
        assert!(
            pair[0].0.to_ascii_lowercase() < pair[1].0.to_ascii_lowercase(),
            "{pair:?}"
        );
    }
    for (action, permission) in IAM_ACTIONS {
        assert!(action.starts_with("connect:"), "{action}");
        assert!(catalog::lookup(permission).is_some(), "{permission}");
        assert_eq!(
            catalog::permission_for_iam_action(action),
            Some(*permission)
        );
    }
}

#[test]
fn fixes_are_phrased_for_their_caller() {
    let mut spec = named("Sensitive");
    spec.permissions = vec![api("Users.Edit", 10)];
    let found = findings(&spec, Rule::SensitiveWithoutReason);
    let d = &found[0];
    assert_eq!(
        d.help_text().unwrap(),
        "add `sensitive: \"why this role needs it\"` to the profile, or write `without: [Users.Edit]`"
    );
    assert_eq!(
        d.clone()
            .phrased_for(Phrasing::Builder)
            .help_text()
            .unwrap(),
        "call `.sensitive(\"why this role needs it\")`, or call `.without(\"Users.Edit\")`"
    );
    let template = d.clone().phrased_for(Phrasing::Template);
    assert!(
        template
            .render()
            .contains("state why in the resource's `Metadata.Switchboard.SensitiveReason`"),
        "{}",
        template.render()
    );
}

proptest! {
    /// Every fix of every finding reads as its caller writes: builder fixes never show DSL
    /// fields, DSL fixes never show builder calls.
    #[test]
    fn no_fix_speaks_another_callers_syntax(
        permissions in proptest::collection::vec(0..catalog::PERMISSIONS.len(), 0..8),
        repeat in any::<bool>(),
        restrict in any::<bool>(),
        group in proptest::option::of(prop_oneof![Just(""), Just("3f2b9c1e")]),
        tag_resources in proptest::collection::vec(prop_oneof![Just("User"), Just("Queue"), Just("SecurityProfile")], 0..3),
        reason in any::<bool>(),
        name in prop_oneof![Just("Any"), Just("admin"), Just("QualityAnalyst")],
        preset in prop_oneof![Just("Agent"), Just("Supervsor"), Just("Frobnicator")],
        resource in prop_oneof![Just("Widget"), Just("Queue")],
    ) {
        let mut spec = named(name);
        spec.presets = vec![PresetUse::Builtin(at(preset.to_owned(), 1))];
        spec.permissions = permissions
            .iter()
            .enumerate()
            .map(|(i, p)| api(catalog::PERMISSIONS[*p].api, 10 + i as At))
            .collect();
        if repeat && !spec.permissions.is_empty() {
            spec.permissions.push(spec.permissions[0].clone());
        }
        spec.without = vec![api("Users.Delete", 80)];
        if restrict {
            spec.restrict_hierarchy = vec![ResourceItem::Known(at("User".to_owned(), 20))];
        }
        spec.hierarchy_group = group.map(|g| at(g.to_owned(), 21));
        if !tag_resources.is_empty() {
            let mut resources = tag_resources.clone();
            resources.push(resource);
            spec.restrict_tags = Some(tag_restriction(&resources));
        }
        if reason {
            spec.sensitive = Some(at("Reason".to_owned(), 30));
        }
        for d in rules::validate(&spec, &0).diagnostics {
            let Some(help) = &d.help else { continue };
            let dsl = help.render(Phrasing::Dsl);
            let builder = help.render(Phrasing::Builder);
            let template = help.render(Phrasing::Template);
            prop_assert!(!dsl.contains("`."), "{:?}: {dsl}", d.rule);
            for field in ["`without:", "`sensitive:", "`restrict tags:", "`restrict hierarchy:", "`hierarchy group:", "`preset:", "`unchecked(", "`name:", "preset!"] {
                prop_assert!(!builder.contains(field), "{:?}: {builder}", d.rule);
                prop_assert!(!template.contains(field), "{:?}: {template}", d.rule);
            }
        }
    }
}
