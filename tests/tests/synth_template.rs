//! Templates rendered in memory (`Stack::template`): every DSL field, each `Instance` kind,
//! logical IDs, outputs, and the errors `add_security_profile` reports.

use serde_json::{Value, json};
use switchboard::logical_id;
use switchboard::template::INSTANCE_ARN_PATTERN;
use switchboard::template::{
    Expr, INSTANCE_TYPE, InstanceAttributes, InstanceProperties, Output, Parameter,
    ResourceMetadata, SECURITY_PROFILE_TYPE, SwitchboardMetadata, TagEntry,
};
use switchboard::{
    App, Error, Instance, SecurityProfile, Template, groups, presets, security_profile,
};

security_profile! {
    /// Sets every field of the DSL.
    pub const EVERYTHING = {
        name: "Team Lead_East@1",
        description: "Uses every field of the DSL",
        preset: Supervisor,
        groups: [Reporting],
        permissions: [Users.Edit, SecurityProfiles.View, Queues.View],
        without: [ManagerBargeIn],
        restrict tags: { "Department": "Sales", "Team": "East" } on [User, SecurityProfile, Queue],
        restrict hierarchy: [User],
        hierarchy group: "3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f",
        tags: { "Role": "Lead", "CostCenter": "42" },
        sensitive: "Leads edit their team's users",
    };

    /// Sets nothing but its name and one permission.
    pub const BARE = {
        name: "Bare",
        permissions: [BasicAgentAccess],
    };
}

const ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

fn template_of(instance: Instance, profiles: &[&SecurityProfile]) -> Template {
    let mut app = App::with_outdir("unused");
    app.stack("Center", instance)
        .add_security_profiles(profiles.iter().copied())
        .expect("profiles are accepted");
    app.stacks()[0].template().expect("template renders")
}

fn tag(key: &str, value: &str) -> TagEntry {
    TagEntry {
        key: key.to_owned(),
        value: value.to_owned(),
    }
}

#[test]
fn every_dsl_field_is_rendered_field_by_field() {
    let template = template_of(Instance::parameter(), &[&EVERYTHING]);
    let id = logical_id("Team Lead_East@1");
    let resource = &template.resources[&id];
    assert_eq!(resource.resource_type, SECURITY_PROFILE_TYPE);
    assert_eq!(resource.deletion_policy, None);
    let p = resource.security_profile().expect("a security profile");

    assert_eq!(p.security_profile_name, "Team Lead_East@1");
    assert_eq!(
        p.description.as_deref(),
        Some("Uses every field of the DSL")
    );
    assert_eq!(p.instance_arn, Expr::reference("InstanceArn"));
    // Permissions: the profile's final set, sorted and unique, with the `without` applied and
    // the implied View added.
    let mut expected: Vec<String> = EVERYTHING
        .permissions()
        .iter()
        .map(|p| p.to_string())
        .collect();
    expected.sort();
    assert_eq!(p.permissions, expected);
    assert!(
        p.permissions.windows(2).all(|w| w[0] < w[1]),
        "sorted, unique"
    );
    for held in [
        "Users.Edit",
        "Users.View",
        "SecurityProfiles.View",
        "Queues.View",
        "MetricsReports.View",
    ] {
        assert!(p.permissions.iter().any(|x| x == held), "{held}");
    }
    assert!(!p.permissions.iter().any(|x| x == "ManagerBargeIn"));
    assert_eq!(
        p.allowed_access_control_tags,
        [tag("Department", "Sales"), tag("Team", "East")]
    );
    assert_eq!(
        p.tag_restricted_resources,
        ["User", "SecurityProfile", "Queue"]
    );
    assert_eq!(
        p.allowed_access_control_hierarchy_group_id.as_deref(),
        Some("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f")
    );
    assert_eq!(p.hierarchy_restricted_resources, ["User"]);
    assert_eq!(p.tags, [tag("Role", "Lead"), tag("CostCenter", "42")]);

    assert_eq!(
        resource.metadata,
        Some(ResourceMetadata {
            switchboard: SwitchboardMetadata {
                sensitive_reason: Some("Leads edit their team's users".to_owned()),
                sensitive_permissions: vec!["Users.Edit".to_owned()],
                implied_permissions: vec!["Users.View".to_owned()],
            }
        })
    );

    // The same, as the JSON other tools read: exactly these keys, nothing else.
    let json: Value = serde_json::from_str(&template.to_json()).expect("JSON");
    let resource = &json["Resources"][&id];
    let mut keys: Vec<&str> = resource["Properties"]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "AllowedAccessControlHierarchyGroupId",
            "AllowedAccessControlTags",
            "Description",
            "HierarchyRestrictedResources",
            "InstanceArn",
            "Permissions",
            "SecurityProfileName",
            "TagRestrictedResources",
            "Tags",
        ]
    );
    assert_eq!(
        resource["Metadata"],
        json!({"Switchboard": {
            "SensitiveReason": "Leads edit their team's users",
            "SensitivePermissions": ["Users.Edit"],
            "ImpliedPermissions": ["Users.View"],
        }})
    );
    assert_eq!(
        json["Outputs"][format!("{id}Arn")],
        json!({
            "Description": "ARN of the security profile \"Team Lead_East@1\"",
            "Value": {"Fn::GetAtt": [id, "SecurityProfileArn"]},
        })
    );
}

#[test]
fn a_bare_profile_sets_only_its_fields_and_has_no_metadata() {
    let template = template_of(Instance::existing(ARN).expect("valid"), &[&BARE]);
    let json: Value = serde_json::from_str(&template.to_json()).expect("JSON");
    assert_eq!(
        json["Resources"][logical_id("Bare")],
        json!({
            "Type": "AWS::Connect::SecurityProfile",
            "Properties": {
                "SecurityProfileName": "Bare",
                "InstanceArn": ARN,
                "Permissions": ["BasicAgentAccess"],
            },
        })
    );
}

#[test]
fn metadata_keys_appear_only_when_not_empty() {
    // A reason without implied permissions, and implied permissions without a reason.
    let reason_only = SecurityProfile::builder("ReasonOnly")
        .permission("HistoricalChanges.View")
        .sensitive("Auditors read the change history")
        .build()
        .expect("valid");
    let implied_only = SecurityProfile::builder("ImpliedOnly")
        .permission("Queues.Edit")
        .build()
        .expect("valid");
    let template = template_of(Instance::parameter(), &[&reason_only, &implied_only]);
    let json: Value = serde_json::from_str(&template.to_json()).expect("JSON");
    assert_eq!(
        json["Resources"][logical_id("ReasonOnly")]["Metadata"],
        json!({"Switchboard": {
            "SensitiveReason": "Auditors read the change history",
            "SensitivePermissions": ["HistoricalChanges.View"],
        }})
    );
    assert_eq!(
        json["Resources"][logical_id("ImpliedOnly")]["Metadata"],
        json!({"Switchboard": {"ImpliedPermissions": ["Queues.View"]}})
    );
}

#[test]
fn instance_create_adds_the_instance_and_profiles_take_its_arn() {
    let template = template_of(Instance::create("my-center"), &[&BARE]);
    let instance = &template.resources["ConnectInstance"];
    assert_eq!(instance.resource_type, INSTANCE_TYPE);
    assert_eq!(
        instance.instance(),
        Some(&InstanceProperties {
            identity_management_type: "CONNECT_MANAGED".to_owned(),
            instance_alias: "my-center".to_owned(),
            attributes: InstanceAttributes {
                inbound_calls: true,
                outbound_calls: true,
            },
        })
    );
    assert_eq!(instance.deletion_policy.as_deref(), Some("Retain"));
    assert_eq!(instance.update_replace_policy.as_deref(), Some("Retain"));
    assert_eq!(instance.metadata, None);
    let (_, p) = template.security_profile("Bare").expect("present");
    assert_eq!(p.instance_arn, Expr::get_att("ConnectInstance", "Arn"));
    assert!(template.parameters.is_empty());
    assert_eq!(template.resources.len(), 2);
    assert_eq!(
        template.outputs.keys().collect::<Vec<_>>(),
        [&format!("{}Arn", logical_id("Bare")), "ConnectInstanceArn"],
        "the profile's ARN and the instance's"
    );
}

#[test]
fn instance_existing_writes_the_arn() {
    let template = template_of(
        Instance::existing(ARN).expect("valid"),
        &[&BARE, &EVERYTHING],
    );
    assert_eq!(template.resources.len(), 2);
    for (_, p) in template.security_profiles() {
        assert_eq!(p.instance_arn, Expr::Text(ARN.to_owned()));
    }
    assert!(template.parameters.is_empty());
}

#[test]
fn instance_parameter_adds_a_constrained_parameter() {
    let template = template_of(Instance::parameter(), &[&BARE]);
    assert_eq!(
        template.parameters["InstanceArn"],
        Parameter {
            parameter_type: "String".to_owned(),
            default: None,
            description: Some(
                "ARN of the Amazon Connect instance the security profiles belong to".to_owned()
            ),
            allowed_pattern: Some(INSTANCE_ARN_PATTERN.to_owned()),
            constraint_description: Some(
                "an Amazon Connect instance ARN: arn:<partition>:connect:<region>:<account>:instance/<id>"
                    .to_owned()
            ),
        }
    );
    assert_eq!(
        INSTANCE_ARN_PATTERN,
        "^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance/[-a-zA-Z0-9]*$"
    );
    let (_, p) = template.security_profile("Bare").expect("present");
    assert_eq!(p.instance_arn, Expr::reference("InstanceArn"));
    assert_eq!(template.resources.len(), 1);
}

#[test]
fn invalid_instances_are_typed_errors() {
    for bad in [
        "arn:aws:connect:us-east-1:123456789012:instance/has_underscore",
        "arn:aws:connect:us-east-1:12345:instance/abc",
        "arn:aws:iam::123456789012:role/Admin",
        "",
    ] {
        match Instance::existing(bad) {
            Err(Error::InvalidInstanceArn { arn }) => assert_eq!(arn, bad),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    let mut app = App::with_outdir("unused");
    let stack = app.stack("Center", Instance::create("d-1234567890"));
    let err = stack.add_security_profile(&BARE).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInstanceAlias { alias, .. } if alias == "d-1234567890"),
        "{err:?}"
    );
    assert!(err.to_string().contains("d-1234567890"), "{err}");
    assert!(stack.security_profiles().is_empty());
    assert!(matches!(
        stack.template(),
        Err(Error::InvalidInstanceAlias { .. })
    ));
    assert!(matches!(
        app.assembly(),
        Err(Error::InvalidInstanceAlias { .. })
    ));
}

#[test]
fn invalid_stack_names_are_refused() {
    for bad in ["my_stack", "1stack", "", &"S".repeat(129)] {
        let mut app = App::with_outdir("unused");
        let err = app
            .stack(bad, Instance::parameter())
            .add_security_profile(&BARE)
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidStackName { name, .. } if name == bad),
            "{err:?}"
        );
    }
}

#[test]
fn a_second_profile_of_the_same_name_is_refused_ignoring_case() {
    let mut app = App::with_outdir("unused");
    let stack = app.stack("Center", Instance::parameter());
    stack.add_security_profile(&BARE).expect("first");
    let same = stack.add_security_profile(&BARE).unwrap_err();
    assert!(
        matches!(&same, Error::DuplicateProfileName { name, existing, .. } if name == "Bare" && existing == "Bare"),
        "{same:?}"
    );
    let lower = SecurityProfile::builder("bare")
        .permission("BasicAgentAccess")
        .build()
        .expect("valid");
    let case = stack.add_security_profile(&lower).unwrap_err();
    assert!(
        matches!(&case, Error::DuplicateProfileName { name, existing, .. } if name == "bare" && existing == "Bare"),
        "{case:?}"
    );
    assert!(case.to_string().contains("ignoring case"), "{case}");
    // add_security_profiles is all or nothing, also for duplicates within the batch.
    let err = stack
        .add_security_profiles([&EVERYTHING, &EVERYTHING])
        .unwrap_err();
    assert!(matches!(err, Error::DuplicateProfileName { .. }));
    assert_eq!(stack.security_profiles().len(), 1);
}

fn numbered(n: usize) -> Vec<SecurityProfile> {
    (0..n)
        .map(|i| {
            SecurityProfile::builder(format!("Agent{i:03}"))
                .group(groups::BasicAgent)
                .build()
                .expect("valid")
        })
        .collect()
}

#[test]
fn the_quota_is_100_unless_raised() {
    let profiles = numbered(101);
    let mut app = App::with_outdir("unused");
    let stack = app.stack("Center", Instance::parameter());
    stack
        .add_security_profiles(&profiles[..100])
        .expect("100 fit");
    let err = stack.add_security_profile(&profiles[100]).unwrap_err();
    assert!(
        matches!(&err, Error::QuotaExceeded { quota: 100, profile, .. } if profile == "Agent100"),
        "{err:?}"
    );
    assert!(err.to_string().contains("with_profile_quota"), "{err}");

    let raised = Instance::existing(ARN)
        .expect("valid")
        .with_profile_quota(250);
    let stack = app.stack("Raised", raised);
    stack
        .add_security_profiles(&profiles)
        .expect("101 fit in 250");
    assert_eq!(stack.security_profiles().len(), 101);
}

#[test]
fn build_errors_convert_into_the_one_error_type() {
    fn declare() -> Result<SecurityProfile, Error> {
        Ok(SecurityProfile::builder("Typo")
            .permission("Users.Edti")
            .build()?)
    }
    let err = declare().unwrap_err();
    assert!(matches!(&err, Error::InvalidProfile(b) if b.profile == "Typo"));
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn logical_ids_follow_the_documented_scheme() {
    // Sanitized name + the first 8 hex digits of the SHA-256 of the exact name: a promise to
    // deployed stacks, so the values are spelled out.
    assert_eq!(logical_id("BasicAgent"), "BasicAgent8E5B1F59");
    assert_eq!(logical_id("Basic Agent"), "BasicAgent4F7CA57A");
    assert_eq!(logical_id("Basic_Agent"), "BasicAgent07F5F134");
    assert_eq!(logical_id("@@@"), "2EC847D8");

    let alike: Vec<SecurityProfile> = ["Basic Agent", "Basic_Agent", "BasicAgent", "Basic-Agent"]
        .into_iter()
        .map(|n| {
            SecurityProfile::builder(n)
                .preset(presets::Agent)
                .build()
                .expect("valid")
        })
        .collect();
    let template = template_of(Instance::parameter(), &alike.iter().collect::<Vec<_>>());
    assert_eq!(template.resources.len(), 4);
    assert_eq!(template.outputs.len(), 4);
    for profile in &alike {
        let (id, _) = template.security_profile(profile.name()).expect("present");
        assert_eq!(id, logical_id(profile.name()));
        assert!(id.starts_with("BasicAgent"));
        let output: &Output = &template.outputs[&format!("{id}Arn")];
        assert_eq!(output.value, Expr::get_att(id, "SecurityProfileArn"));
        assert!(
            output
                .description
                .as_deref()
                .is_some_and(|d| d.contains(profile.name()))
        );
    }
}

#[test]
fn rendering_does_not_depend_on_insertion_order() {
    let profiles = numbered(30);
    let forward: Vec<&SecurityProfile> = profiles.iter().collect();
    let backward: Vec<&SecurityProfile> = profiles.iter().rev().collect();
    let a = template_of(Instance::create("c"), &forward).to_json();
    let b = template_of(Instance::create("c"), &backward).to_json();
    assert_eq!(a, b);
}

#[test]
fn a_template_reads_back_into_the_same_value() {
    let template = template_of(Instance::create("c"), &[&EVERYTHING, &BARE]);
    let back: Template = serde_json::from_str(&template.to_json()).expect("parses");
    assert_eq!(back, template);
}

#[test]
fn reading_a_template_of_another_shape_names_what_does_not_fit() {
    let template = template_of(Instance::parameter(), &[&BARE]);
    let json = template.to_json();
    assert_eq!(Template::from_json_text(&json).expect("reads"), template);
    let misspelled = json.replacen("\"SecurityProfileName\"", "\"SecurityProfileNam\"", 1);
    let error = Template::from_json_text(&misspelled).expect_err("an unknown property");
    let message = error.to_string();
    assert!(
        message.contains("neither a security profile (missing field `SecurityProfileName`)"),
        "{message}"
    );
    assert!(
        message.starts_with(&format!("Resources: {}: Properties:", logical_id("Bare"))),
        "{message}"
    );
    let error = serde_json::from_str::<Template>("{\"Description\": \"no resources\"}")
        .expect_err("Resources is required");
    assert!(
        error.to_string().contains("missing field `Resources`"),
        "{error}"
    );
}
