//! The runtime builder: a typed error (never a panic) for every rule `security_profile!`
//! enforces, at the field that broke it, with the same message and fix; every error of a
//! profile at once; and the warnings the macro shows at the token.

use switchboard::{
    App, BuildError, Error, Finding, Instance, SecurityProfile, SecurityProfileBuilder, groups,
    presets,
};
use switchboard::{FieldPath, Rule, Severity};

fn item(field: &'static str, index: usize) -> FieldPath {
    FieldPath::item(field, index)
}

fn field(field: &'static str) -> FieldPath {
    FieldPath::field(field)
}

/// Builds, expecting an error; the whole error for further checks.
fn error_of(builder: &SecurityProfileBuilder) -> BuildError {
    match builder.build() {
        Ok(profile) => panic!("{} was accepted", profile.name()),
        Err(error) => error,
    }
}

/// The one finding of `rule` in `error`, checked to be an error that says how to fix it.
fn finding(error: &BuildError, rule: Rule) -> Finding {
    let found: Vec<&Finding> = error.findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(found.len(), 1, "one {rule:?} in {error}");
    let finding = found[0].clone();
    assert_eq!(finding.severity, Severity::Error);
    assert!(finding.help.is_some(), "{rule:?} says how to fix it");
    assert!(
        error.to_string().contains(&format!("[{rule:?}]")),
        "the error's text names the rule: {error}"
    );
    finding
}

/// One error case: the input, the rule, where, and words the message or help must contain.
struct Case {
    rule: Rule,
    builder: SecurityProfileBuilder,
    at: FieldPath,
    says: &'static [&'static str],
}

fn case(
    rule: Rule,
    builder: SecurityProfileBuilder,
    at: FieldPath,
    says: &'static [&'static str],
) -> Case {
    Case {
        rule,
        builder,
        at,
        says,
    }
}

fn b(name: &str) -> SecurityProfileBuilder {
    SecurityProfile::builder(name).preset(presets::Agent)
}

fn error_cases() -> Vec<Case> {
    let many_unchecked = (0..220).fold(
        SecurityProfile::builder("Huge")
            .preset(presets::Admin)
            .sensitive("limit test"),
        |b, i| b.unchecked_permission(format!("Newer.Feature{i:03}")),
    );
    let many_tags = (0..51).fold(b("ManyTags"), |b, i| b.tag(format!("K{i}"), "v"));
    let many_resources = (0..7).fold(
        SecurityProfile::builder("ManyResources")
            .preset(presets::CallCenterManager)
            .sensitive("Managers edit users")
            .restrict_tags(
                [("Department", "Sales")],
                ["User", "SecurityProfile", "Queue", "RoutingProfile"],
            ),
        |b, i| b.restrict_tags_on_unchecked(format!("Newer{i}")),
    );
    vec![
        case(
            Rule::UnknownPermission,
            b("P").permission("Users.Edti"),
            item("permissions", 0),
            &[
                "unknown permission `Users.Edti`",
                "did you mean `Users.Edit`?",
            ],
        ),
        case(
            Rule::UnknownPermission,
            b("P").permission("Frobnicate.Everything"),
            item("permissions", 0),
            &["unknown permission `Frobnicate.Everything`", "unchecked"],
        ),
        case(
            Rule::IamActionAsPermission,
            b("P").permission("connect:CreateUser"),
            item("permissions", 0),
            &["`connect:CreateUser` is an IAM action"],
        ),
        case(
            Rule::IamActionAsPermission,
            b("P").permission("Users.View").permission("connect:*"),
            item("permissions", 1),
            &["`connect:*` is an IAM action"],
        ),
        case(
            Rule::HistoricalTypo,
            b("P").permission("Tasktemplates.View"),
            item("permissions", 0),
            &["`Tasktemplates.View` is a typo", "use `TaskTemplates.View`"],
        ),
        case(
            Rule::PermissionLength,
            b("P").unchecked_permission(""),
            item("permissions", 0),
            &["0 characters long", "1 to 128"],
        ),
        case(
            Rule::PermissionLength,
            b("P").unchecked_permission("A".repeat(129)),
            item("permissions", 0),
            &["129 characters long"],
        ),
        case(
            Rule::UnknownPreset,
            SecurityProfile::builder("P").preset_named("Supervsor"),
            item("preset", 0),
            &["unknown preset `Supervsor`", "did you mean `Supervisor`?"],
        ),
        case(
            Rule::UnknownPreset,
            SecurityProfile::builder("P").preset_named("Frobnicator"),
            item("preset", 0),
            &[
                "the built-in presets are Agent, OutboundAgent",
                "or give `.preset(...)` a preset made with `Preset::custom`",
            ],
        ),
        case(
            Rule::UnknownGroup,
            b("P").group_named("Reportin"),
            item("groups", 0),
            &[
                "unknown permission group `Reportin`",
                "did you mean `Reporting`?",
            ],
        ),
        case(
            Rule::UnknownCategory,
            b("P").seed_permission("UserAndPermissions", "EditUsers"),
            item("permissions", 0),
            &["did you mean `UsersAndPermissions`?"],
        ),
        case(
            Rule::UnknownCategoryMember,
            b("P").seed_permission("Routing", "all"),
            item("permissions", 0),
            &[
                "category `Routing` has no permission `all`",
                "`Routing::All`",
            ],
        ),
        case(
            Rule::UnknownResourceType,
            SecurityProfile::builder("P")
                .preset(presets::CallCenterManager)
                .sensitive("Managers edit users")
                .restrict_tags([("Department", "Sales")], ["Queues"]),
            item("restrict tags on", 0),
            &["`Queues`", "did you mean `Queue`?"],
        ),
        case(
            Rule::TooManyPermissions,
            many_unchecked,
            field("profile"),
            &[
                "503 permissions",
                "at most 500",
                "283 from preset Admin",
                "220 from permissions",
                "remove 3 permissions (use `.without(...)`, or narrower presets",
            ],
        ),
        case(
            Rule::NamePattern,
            b("Team Lead (EU)!"),
            field("name"),
            &["'('", "'!'", "^[ a-zA-Z0-9_@-]+$"],
        ),
        case(
            Rule::NameLength,
            b(""),
            field("name"),
            &["0 characters long"],
        ),
        case(
            Rule::NameLength,
            b(&"N".repeat(128)),
            field("name"),
            &["128 characters long", "1 to 127"],
        ),
        case(
            Rule::NameCollidesWithBuiltin,
            b("agent"),
            field("name"),
            &[
                "collides with the built-in profile `Agent`",
                "use `.preset(presets::Agent)`",
            ],
        ),
        case(
            Rule::DescriptionLength,
            b("P").description("D".repeat(251)),
            field("description"),
            &["251 characters long", "shorten it by 1 character"],
        ),
        case(
            Rule::CloudFormationSyntaxInText,
            b("P").description("Costs are booked in ${AWS::Region}"),
            field("description"),
            &["contains `${`", "E1029"],
        ),
        case(
            Rule::CloudFormationSyntaxInText,
            b("P").tag("Owner", "{{resolve:ssm:/team/owner}}"),
            item("tags", 0),
            &["contains `{{resolve:`", "dynamic references"],
        ),
        case(
            Rule::UnknownPermission,
            b("P").preset(switchboard::Preset::custom(
                "Mine",
                ["BasicAgentAccess", "Users.Edti"],
            )),
            item("preset", 1),
            &[
                "unknown permission `Users.Edti`",
                "did you mean `Users.Edit`?",
            ],
        ),
        case(
            Rule::TooManyTags,
            many_tags,
            item("tags", 50),
            &["51 tags given", "at most 50"],
        ),
        case(
            Rule::TooManyAccessControlTags,
            SecurityProfile::builder("P")
                .preset(presets::CallCenterManager)
                .sensitive("Managers edit users")
                .restrict_tags(
                    [("A", "1"), ("B", "2"), ("C", "3"), ("D", "4"), ("E", "5")],
                    ["Queue"],
                ),
            item("restrict tags", 4),
            &["5 access-control tags given", "at most 4"],
        ),
        case(
            Rule::TagKey,
            b("P").tag("aws:owner", "me"),
            item("tags", 0),
            &["starts with `aws:`"],
        ),
        case(
            Rule::TagKey,
            b("P").tag("Cost Center", "42"),
            item("tags", 0),
            &["' '", "\"CostCenter\""],
        ),
        case(
            Rule::TagValueLength,
            b("P").tag("Long", "v".repeat(257)),
            item("tags", 0),
            &["257 characters long", "at most 256"],
        ),
        case(
            Rule::DuplicateTagKey,
            b("P").tag("Role", "Agent").tag("Role", "Lead"),
            item("tags", 1),
            &["\"Role\" is given twice"],
        ),
        case(
            Rule::TooManyRestrictedResources,
            many_resources,
            item("restrict tags on", 10),
            &["11 restricted resources given", "at most 10"],
        ),
        case(
            Rule::DuplicateRestrictedResource,
            SecurityProfile::builder("P")
                .preset(presets::CallCenterManager)
                .sensitive("Managers edit users")
                .restrict_tags([("Department", "Sales")], ["Queue", "Queue"]),
            item("restrict tags on", 1),
            &["`Queue` is restricted twice"],
        ),
        case(
            Rule::HierarchyRestrictionResource,
            b("P").restrict_hierarchy("Queue"),
            item("restrict hierarchy", 0),
            &["`Queue` cannot be hierarchy-restricted", "`User` only"],
        ),
        case(
            Rule::TagRestrictionIncomplete,
            SecurityProfile::builder("P")
                .preset(presets::CallCenterManager)
                .sensitive("Managers edit users")
                .restrict_tags(std::iter::empty::<(&str, &str)>(), ["Queue"]),
            field("restrict tags"),
            &["has no tags"],
        ),
        case(
            Rule::TagRestrictionIncomplete,
            b("P").restrict_tags([("Department", "Sales")], std::iter::empty::<&str>()),
            field("restrict tags"),
            &["restricts no resource"],
        ),
        case(
            Rule::HierarchyGroupId,
            b("P")
                .restrict_hierarchy("User")
                .hierarchy_group("arn:aws:connect:us-east-1:123456789012:instance/x"),
            field("hierarchy group"),
            &["contains ':'", "not its ARN or name"],
        ),
        case(
            Rule::HierarchyGroupId,
            b("P")
                .restrict_hierarchy("User")
                .hierarchy_group("a".repeat(128)),
            field("hierarchy group"),
            &["128 characters long", "at most 127"],
        ),
        case(
            Rule::HierarchyGroupId,
            b("P").restrict_hierarchy("User").hierarchy_group(""),
            field("hierarchy group"),
            &[
                "the hierarchy group id is empty",
                "or remove the `.hierarchy_group(...)` call",
            ],
        ),
        case(
            Rule::HierarchyRestrictionIncomplete,
            b("P").restrict_hierarchy("User"),
            item("restrict hierarchy", 0),
            &[
                "`User` is hierarchy-restricted, but the profile names no hierarchy group",
                "call `.hierarchy_group(\"<the group's id>\")`",
            ],
        ),
        case(
            Rule::HierarchyRestrictionIncomplete,
            b("P").hierarchy_group("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f"),
            field("hierarchy group"),
            &[
                "restricts nothing",
                "call `.restrict_hierarchy(\"User\")`, or remove the `.hierarchy_group(...)` call",
            ],
        ),
        case(
            Rule::SensitiveWithoutReason,
            SecurityProfile::builder("P").permission("Users.Edit"),
            item("permissions", 0),
            &["call `.sensitive(\"why this role needs it\")`, or call `.without(\"Users.Edit\")`"],
        ),
        case(
            Rule::IamActionAsPermission,
            b("P").permission("connect:DescribeQueue"),
            item("permissions", 0),
            &["write `Queues.View`, the permission for what `connect:DescribeQueue` does"],
        ),
        case(
            Rule::SensitiveWithoutReason,
            SecurityProfile::builder("P")
                .preset(presets::CallCenterManager)
                .group(groups::UserManagement)
                .permission("Users.Delete"),
            item("preset", 0),
            &[
                "3 sensitive permissions without saying why",
                "`Users.Create` (",
                "from preset CallCenterManager, group UserManagement",
                "`Users.Delete` (",
                "from permissions",
                "call `.sensitive(\"why this role needs it\")`",
            ],
        ),
        case(
            Rule::EmptySensitiveReason,
            SecurityProfile::builder("P")
                .group(groups::UnredactedRecordingsAccess)
                .sensitive("   "),
            field("sensitive"),
            &["reason is empty"],
        ),
    ]
}

#[test]
fn every_error_rule_is_a_typed_error_at_its_field() {
    for case in error_cases() {
        let error = error_of(&case.builder);
        let finding = finding(&error, case.rule);
        assert_eq!(finding.at, case.at, "{:?} at its field", case.rule);
        let text = format!(
            "{} {}",
            finding.message,
            finding.help_text().unwrap_or_default()
        );
        for words in case.says {
            assert!(
                text.contains(words),
                "{:?}: {words:?} not in {text}",
                case.rule
            );
        }
        // Only the error the case is about: no cascade.
        assert_eq!(error.errors().count(), 1, "{:?} alone: {error}", case.rule);
    }
}

#[test]
fn no_suggestion_when_nothing_is_close() {
    let error = error_of(&b("P").permission("Frobnicate.Everything"));
    let help = finding(&error, Rule::UnknownPermission)
        .help_text()
        .unwrap();
    assert!(!help.contains("did you mean"), "{help}");
    assert!(
        help.contains("call `.unchecked_permission(\"Name\")`"),
        "{help}"
    );
    let error = error_of(&SecurityProfile::builder("P").preset_named("Frobnicator"));
    let help = finding(&error, Rule::UnknownPreset).help_text().unwrap();
    assert!(!help.contains("did you mean"), "{help}");
}

/// The error's `Display`, as a program built on the builder prints it.
#[test]
fn the_error_reads_as_the_macro_message() {
    let error = error_of(&b("Broken").permission("Users.Edti"));
    assert_eq!(
        error.to_string(),
        "security profile \"Broken\" has 1 error:\n\
         - permissions[0] [UnknownPermission]: unknown permission `Users.Edti`: it is not in the \
         catalog of Amazon Connect security-profile permissions\n  \
         = help: did you mean `Users.Edit`?\n  = note: rule UnknownPermission"
    );
    let as_error: Error = error.into();
    assert!(matches!(as_error, Error::InvalidProfile(_)));
}

/// One `build` reports every error of the profile, in the order of the fields, and the
/// warnings after them.
#[test]
fn every_error_at_once() {
    let builder = SecurityProfile::builder("Call Center Manager!")
        .description("D".repeat(300))
        .preset_named("Supervsor")
        .group_named("Reportin")
        .permission("Users.Edti")
        .permission("connect:CreateUser")
        .permission("Tasktemplates.View")
        .permission("Users.Delete")
        .permission("Audio.View")
        .tag("aws:owner", "me")
        .restrict_hierarchy("Queue")
        .hierarchy_group("not a uuid");
    let error = error_of(&builder);
    let rules: Vec<Rule> = error.errors().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        [
            Rule::NamePattern,
            Rule::DescriptionLength,
            Rule::UnknownPreset,
            Rule::UnknownGroup,
            Rule::UnknownPermission,
            Rule::IamActionAsPermission,
            Rule::HistoricalTypo,
            // No finding about the final set (SensitiveWithoutReason for `Users.Delete`): the
            // unknown names leave it unknown.
            Rule::TagKey,
            Rule::HierarchyRestrictionResource,
            Rule::HierarchyGroupId,
        ]
    );
    let warnings: Vec<Rule> = error
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| f.rule)
        .collect();
    assert_eq!(warnings, [Rule::LegacyPermission]);
    assert!(
        error
            .to_string()
            .starts_with("security profile \"Call Center Manager!\" has 10 errors:")
    );
}

fn warnings_of(builder: &SecurityProfileBuilder) -> (SecurityProfile, Vec<Finding>) {
    builder
        .build_with_warnings()
        .unwrap_or_else(|error| panic!("warnings only, but: {error}"))
}

#[test]
fn every_warning_rule_compiles_and_is_reported() {
    let cases: Vec<(Rule, SecurityProfileBuilder, FieldPath, &str)> = vec![
        (
            Rule::WithoutNotGranted,
            b("P").without("OutboundCallAccess"),
            item("without", 0),
            "`without` removes `OutboundCallAccess`, which the profile does not have",
        ),
        (
            Rule::WithoutImpliedView,
            b("P").permission("Queues.Edit").without("Queues.View"),
            item("without", 0),
            "the Connect console adds it with `Queues.Edit`",
        ),
        (
            Rule::ReasonWithoutSensitive,
            b("P").sensitive("Agents handle calls"),
            field("sensitive"),
            "grants no sensitive permission",
        ),
        (
            Rule::LegacyPermission,
            b("P").permission("Audio.View"),
            item("permissions", 0),
            "`Audio.View` is a legacy name",
        ),
        (
            Rule::LegacyPermission,
            b("P")
                .permission("ListenCallRecordings")
                .sensitive("Compliance"),
            item("permissions", 0),
            "`ListenCallRecordings` is a legacy permission",
        ),
        (
            Rule::EndOfSupport,
            b("P").permission("VoiceId.Access"),
            item("permissions", 0),
            "Voice ID reached end of support",
        ),
        (
            Rule::RedactedAndUnredacted,
            SecurityProfile::builder("P")
                .permissions([
                    "CallRecordings.Redacted.Access",
                    "CallRecordings.Unredacted.Access",
                ])
                .sensitive("Compliance"),
            item("permissions", 1),
            "both `CallRecordings.Redacted.Access` and `CallRecordings.Unredacted.Access`",
        ),
        (
            Rule::DownloadWithoutAccess,
            b("P")
                .permission("CallRecordings.Redacted.DownloadButton")
                .sensitive("Legal holds"),
            item("permissions", 0),
            "does nothing without `CallRecordings.Redacted.Access`",
        ),
        (
            Rule::TagRestrictedNotViewable,
            SecurityProfile::builder("P")
                .preset(presets::Supervisor)
                .restrict_tags([("Department", "Sales")], ["Queue"]),
            item("restrict tags on", 0),
            "cannot view it at all (no `Queues.View`)",
        ),
        (
            Rule::DuplicatePermission,
            b("P")
                .permission("Users.View")
                .permission("Queues.View")
                .permission("Users.View"),
            item("permissions", 2),
            "`Users.View` is listed twice",
        ),
        (
            Rule::UserManagementUnrestricted,
            SecurityProfile::builder("SalesManager")
                .preset(presets::CallCenterManager)
                .sensitive("Managers edit users")
                .restrict_tags([("Department", "Sales")], ["Queue", "RoutingProfile"]),
            field("restrict tags"),
            "not on `User`, and grants `Users.Create`, `Users.Edit`",
        ),
        (
            Rule::UserRestrictedWithoutSecurityProfile,
            SecurityProfile::builder("P")
                .preset(presets::CallCenterManager)
                .sensitive("Managers edit users")
                .restrict_tags([("Department", "Sales")], ["User", "Queue"]),
            item("restrict tags on", 0),
            "`SecurityProfile` is not",
        ),
    ];
    for (rule, builder, at, says) in cases {
        let (_, warnings) = warnings_of(&builder);
        let rules: Vec<Rule> = warnings.iter().map(|w| w.rule).collect();
        assert_eq!(rules, [rule], "{rule:?} alone");
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert_eq!(warnings[0].at, at, "{rule:?} at its field");
        assert!(
            warnings[0].message.contains(says),
            "{rule:?}: {}",
            warnings[0].message
        );
        assert!(warnings[0].help.is_some(), "{rule:?} says what to do");
        // `build` drops the warnings and returns the profile.
        assert!(builder.build().is_ok());
    }
}

/// Fixes speak builder: the methods to call, never the macro's fields.
#[test]
fn warnings_give_builder_calls_as_their_fix() {
    let (_, warnings) = warnings_of(
        &SecurityProfile::builder("SalesManager")
            .preset(presets::CallCenterManager)
            .sensitive("Managers edit users")
            .restrict_tags([("Department", "Sales")], ["Queue", "RoutingProfile"]),
    );
    assert_eq!(
        warnings[0].help_text().unwrap(),
        "add `\"User\"`, `\"SecurityProfile\"` to the resources of `.restrict_tags(tags, [...])`, \
         or call `.without(\"Users.Create\")`, `.without(\"Users.Edit\")`"
    );
    // The fix, followed, leaves nothing to warn about.
    let (_, warnings) = warnings_of(
        &SecurityProfile::builder("SalesManager")
            .preset(presets::CallCenterManager)
            .sensitive("Managers edit users")
            .restrict_tags(
                [("Department", "Sales")],
                ["User", "SecurityProfile", "Queue", "RoutingProfile"],
            ),
    );
    assert!(warnings.is_empty(), "{warnings:?}");

    let (_, warnings) = warnings_of(
        &SecurityProfile::builder("QaCompliance")
            .preset(presets::QualityAnalyst)
            .group(groups::UnredactedRecordingsAccess)
            .sensitive("Compliance reviews"),
    );
    let rules: Vec<Rule> = warnings.iter().map(|w| w.rule).collect();
    assert_eq!(
        rules,
        [Rule::RedactedAndUnredacted],
        "one warning, one cause"
    );
    assert_eq!(warnings[0].at, item("groups", 0));
    assert_eq!(
        warnings[0].help_text().unwrap(),
        "if the role must hear or read unredacted data, call \
         `.without(\"CallRecordings.Redacted.Access\")`, \
         `.without(\"ContactTranscripts.Redacted.Access\")`, \
         `.without(\"ScreenRecording.Redacted.Access\")`; \
         otherwise remove the group `UnredactedRecordingsAccess`"
    );
    let (profile, warnings) = warnings_of(
        &SecurityProfile::builder("QaCompliance")
            .preset(presets::QualityAnalyst)
            .group(groups::UnredactedRecordingsAccess)
            .without("CallRecordings.Redacted.Access")
            .without("ContactTranscripts.Redacted.Access")
            .without("ScreenRecording.Redacted.Access")
            .sensitive("Compliance reviews"),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(profile.has_permission("CallRecordings.Unredacted.Access"));

    let (_, warnings) = warnings_of(&b("P").permission("Queues.Edit").without("Queues.View"));
    assert_eq!(
        warnings[0].help_text().unwrap(),
        "call `.without(\"Queues.Edit\")` as well, or remove the `.without(\"Queues.View\")` call"
    );

    let error = error_of(&SecurityProfile::builder("P").permission("Users.Edit"));
    assert!(
        !error.to_string().contains("sensitive:") && !error.to_string().contains("without:"),
        "{error}"
    );
}

/// The Admin preset holds both media versions and download buttons by design (it mirrors the
/// built-in Admin profile): no warning for what the preset alone brings.
#[test]
fn admin_preset_alone_does_not_warn() {
    let (_, warnings) = warnings_of(
        &SecurityProfile::builder("SystemAdmin")
            .preset(presets::Admin)
            .sensitive("Administrators"),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// Two profiles with the same name (ignoring case) on one instance: the stack refuses the
/// second with a typed error.
#[test]
fn duplicate_profile_names_are_a_typed_error() {
    let first = b("TeamLead").build().unwrap();
    let second = b("teamlead").build().unwrap();
    let mut app = App::with_outdir(std::env::temp_dir().join("switchboard-builder-test"));
    let stack = app.stack("Center", Instance::parameter());
    stack.add_security_profile(&first).unwrap();
    match stack.add_security_profile(&second) {
        Err(Error::DuplicateProfileName { name, existing, .. }) => {
            assert_eq!((name.as_str(), existing.as_str()), ("teamlead", "TeamLead"));
        }
        other => panic!("expected DuplicateProfileName, got {other:?}"),
    }
}

/// Odd input everywhere: the builder answers (a profile or an error), it never panics.
#[test]
fn odd_input_never_panics() {
    let odd = [
        "",
        " ",
        ".",
        "..",
        "::",
        ":",
        "*",
        "aws:",
        "Users.",
        ".View",
        "Users..Edit",
        "\u{0}",
        "é",
        "ñandú.Ver",
        "👍",
        "\n",
        "All",
        "unchecked(\"X\")",
    ];
    let long = "x".repeat(10_000);
    let mut inputs: Vec<&str> = odd.to_vec();
    inputs.push(&long);
    for a in &inputs {
        for c in &inputs {
            let builder = SecurityProfile::builder(*a)
                .description(*c)
                .preset_named(*a)
                .group_named(*c)
                .permission(*a)
                .seed_permission(*a, *c)
                .unchecked_permission(*c)
                .without(*c)
                .restrict_hierarchy(*a)
                .restrict_tags([(*a, *c)], [*c])
                .restrict_tags_on_unchecked(*a)
                .hierarchy_group(*c)
                .tag(*a, *c)
                .sensitive(*c);
            let _ = builder.build_with_warnings();
        }
    }
}

/// The variants of `Rule`, read from its source (see `ui.rs`).
fn rule_names() -> Vec<String> {
    Rule::ALL.iter().map(|r| r.name()).collect()
}

/// Every rule a builder input can break has a case above. The others: the grammar of the macro
/// (`UnknownField`, `DuplicateField`, `Syntax`), `MissingName` (the builder takes the name
/// first) and `DuplicateProfileName` (a rule across profiles, enforced by the stack).
#[test]
fn every_rule_has_a_builder_case() {
    let by_construction = [
        "UnknownField",
        "DuplicateField",
        "Syntax",
        "MissingName",
        "DuplicateProfileName",
    ];
    let mut covered: Vec<String> = error_cases()
        .iter()
        .map(|c| format!("{:?}", c.rule))
        .collect();
    covered.extend(
        [
            "WithoutNotGranted",
            "WithoutImpliedView",
            "ReasonWithoutSensitive",
            "LegacyPermission",
            "EndOfSupport",
            "RedactedAndUnredacted",
            "DownloadWithoutAccess",
            "TagRestrictedNotViewable",
            "UserRestrictedWithoutSecurityProfile",
            "DuplicatePermission",
            "UserManagementUnrestricted",
        ]
        .map(String::from),
    );
    let missing: Vec<String> = rule_names()
        .into_iter()
        .filter(|r| !covered.contains(r) && !by_construction.contains(&r.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a builder case: {missing:?}"
    );
}
