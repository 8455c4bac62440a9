//! `switchboard diff` flags every kind of escalation, one change at a time, and nothing on an
//! unchanged assembly.

mod common;

use common::{assembly, run, s, temp_dir};
use serde_json::{Value, json};

/// The profile every case starts from: tag- and hierarchy-restricted, with a permission that
/// takes access away.
fn base() -> Value {
    json!({
        "Type": "AWS::Connect::SecurityProfile",
        "Properties": {
            "SecurityProfileName": "TeamLead",
            "Description": "Team leads",
            "InstanceArn": {"Ref": "InstanceArn"},
            "Permissions": ["BasicAgentAccess", "RestrictTaskCreation.Access", "Users.View", "Queues.View", "SecurityProfiles.View"],
            "AllowedAccessControlTags": [{"Key": "Department", "Value": "Sales"}, {"Key": "Site", "Value": "Berlin"}],
            "TagRestrictedResources": ["User", "SecurityProfile", "Queue"],
            "HierarchyRestrictedResources": ["User"],
            "AllowedAccessControlHierarchyGroupId": "group-1",
            "Tags": [{"Key": "Role", "Value": "TeamLead"}]
        },
        "Metadata": {"Switchboard": {"ImpliedPermissions": ["Users.View"]}}
    })
}

fn other() -> Value {
    common::profile("Agent2", &["BasicAgentAccess"])
}

fn props(resource: &mut Value) -> &mut serde_json::Map<String, Value> {
    resource["Properties"].as_object_mut().unwrap()
}

fn add_permission(r: &mut Value, p: &str) {
    props(r)["Permissions"]
        .as_array_mut()
        .unwrap()
        .push(json!(p));
}

fn remove_permission(r: &mut Value, p: &str) {
    props(r)["Permissions"]
        .as_array_mut()
        .unwrap()
        .retain(|x| x != p);
}

/// Runs `diff --format json --fail-on-escalation` of the base against the base changed by
/// `change`, returning the exit code and the report.
fn diff_with(
    label: &str,
    change: impl FnOnce(&mut Value) -> Option<(String, String)>,
) -> (i32, Value) {
    let dir = temp_dir(&format!("diff-{label}"));
    let old = assembly(
        &dir.join("old"),
        &common::template(&[("TeamLeadABCD1234", base()), ("Agent2XYZ", other())]),
    );
    let mut changed = base();
    let id = change(&mut changed)
        .map(|(id, _)| id)
        .unwrap_or_else(|| "TeamLeadABCD1234".to_owned());
    let new = assembly(
        &dir.join("new"),
        &common::template(&[(&id, changed), ("Agent2XYZ", other())]),
    );
    let (r, v) = common::diff_gate_json(&old, &new);
    (r.code, v)
}

fn kinds(v: &Value) -> Vec<String> {
    v["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[track_caller]
fn assert_flags(
    label: &str,
    change: impl FnOnce(&mut Value) -> Option<(String, String)>,
    expected: &[&str],
) {
    let (code, v) = diff_with(label, change);
    assert_eq!(kinds(&v), expected, "{label}: {v:#}");
    assert_eq!(code, if expected.is_empty() { 0 } else { 1 }, "{label}");
}

#[test]
fn an_unchanged_assembly_flags_nothing() {
    let (code, v) = diff_with("unchanged", |_| None);
    assert_eq!(code, 0);
    assert!(kinds(&v).is_empty());
    assert_eq!(v["schema"], "switchboard.diff/1");
    assert!(v["added"].as_array().unwrap().is_empty());
    assert!(v["removed"].as_array().unwrap().is_empty());
    assert!(v["changed"].as_array().unwrap().is_empty());
    assert_eq!(v["unchanged"], json!(["Agent2", "TeamLead"]));
    // The markdown says so in one line.
    let dir = temp_dir("diff-unchanged-md");
    let a = assembly(&dir.join("a"), &common::template(&[("T", base())]));
    let r = run([
        "diff",
        "--format",
        "markdown",
        "--fail-on-escalation",
        s(&a),
        s(&a),
    ]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("## switchboard diff: no changes to security profiles\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_new_permission() {
    assert_flags(
        "new-permission",
        |r| {
            add_permission(r, "ContactSearch.View");
            None
        },
        &["new_permission"],
    );
}

#[test]
fn a_removed_without_is_a_permission_that_reappears() {
    // OLD was written `preset: Supervisor, without: [ManagerBargeIn]`; NEW drops the `without`.
    let dir = temp_dir("diff-without");
    let mut old = base();
    add_permission(&mut old, "ManagerListenIn");
    let mut new = old.clone();
    add_permission(&mut new, "ManagerBargeIn");
    let a = assembly(&dir.join("old"), &common::template(&[("T", old)]));
    let b = assembly(&dir.join("new"), &common::template(&[("T", new)]));
    let r = run(["diff", "--format", "json", s(&a), s(&b)]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(kinds(&v), ["new_permission"]);
    assert_eq!(v["escalations"][0]["permission"], "ManagerBargeIn");
    assert_eq!(
        r.code, 0,
        "without --fail-on-escalation the exit code stays 0"
    );
}

#[test]
fn a_new_sensitive_permission_comes_first() {
    let (code, v) = diff_with("new-sensitive", |r| {
        add_permission(r, "ContactSearch.View");
        add_permission(r, "Users.Delete");
        None
    });
    assert_eq!(code, 1);
    assert_eq!(kinds(&v), ["new_sensitive_permission", "new_permission"]);
    assert_eq!(v["escalations"][0]["permission"], "Users.Delete");
    assert!(
        v["escalations"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("account takeover")
    );
}

#[test]
fn an_implied_permission_is_marked() {
    let (_, v) = diff_with("implied", |r| {
        add_permission(r, "Queues.Edit");
        r["Metadata"]["Switchboard"]["ImpliedPermissions"] = json!(["Users.View"]);
        None
    });
    assert_eq!(kinds(&v), ["new_permission"]);
    let (_, v) = diff_with("implied-view", |r| {
        add_permission(r, "Prompts.Edit");
        add_permission(r, "Prompts.View");
        r["Metadata"]["Switchboard"]["ImpliedPermissions"] = json!(["Prompts.View", "Users.View"]);
        None
    });
    let added = v["changed"][0]["permissions_added"].as_array().unwrap();
    let view = added.iter().find(|p| p["name"] == "Prompts.View").unwrap();
    assert_eq!(view["implied"], true);
}

#[test]
fn a_removed_restrictive_permission() {
    assert_flags(
        "restrictive",
        |r| {
            remove_permission(r, "RestrictTaskCreation.Access");
            None
        },
        &["restrictive_permission_removed"],
    );
}

#[test]
fn loosened_tag_restrictions() {
    assert_flags(
        "tags-removed",
        |r| {
            props(r).remove("AllowedAccessControlTags");
            props(r).remove("TagRestrictedResources");
            None
        },
        &["tag_restriction_removed"],
    );
    assert_flags(
        "resource-removed",
        |r| {
            props(r)["TagRestrictedResources"] = json!(["User", "SecurityProfile"]);
            None
        },
        &["tag_restricted_resource_removed"],
    );
    assert_flags(
        "tag-removed",
        |r| {
            props(r)["AllowedAccessControlTags"] = json!([{"Key": "Department", "Value": "Sales"}]);
            None
        },
        &["access_control_tag_removed"],
    );
    assert_flags(
        "tag-changed",
        |r| {
            props(r)["AllowedAccessControlTags"] = json!([{"Key": "Department", "Value": "Support"}, {"Key": "Site", "Value": "Berlin"}]);
            None
        },
        &["access_control_tag_changed"],
    );
}

#[test]
fn loosened_hierarchy_restrictions() {
    assert_flags(
        "hierarchy-removed",
        |r| {
            props(r).remove("HierarchyRestrictedResources");
            None
        },
        &["hierarchy_restriction_removed"],
    );
    assert_flags(
        "group-removed",
        |r| {
            props(r).remove("AllowedAccessControlHierarchyGroupId");
            None
        },
        &["hierarchy_group_removed"],
    );
    assert_flags(
        "group-changed",
        |r| {
            props(r)["AllowedAccessControlHierarchyGroupId"] = json!("group-2");
            None
        },
        &["hierarchy_group_changed"],
    );
}

#[test]
fn tightening_and_removing_are_changes_not_escalations() {
    let (code, v) = diff_with("tighten", |r| {
        props(r)["AllowedAccessControlTags"] = json!([{"Key": "Department", "Value": "Sales"}, {"Key": "Site", "Value": "Berlin"}, {"Key": "Tier", "Value": "1"}]);
        props(r)["TagRestrictedResources"] =
            json!(["User", "SecurityProfile", "Queue", "RoutingProfile"]);
        remove_permission(r, "Queues.View");
        props(r)["Description"] = json!("Team leads of Sales");
        None
    });
    assert_eq!(code, 0, "{v:#}");
    assert!(kinds(&v).is_empty());
    let change = &v["changed"][0];
    assert_eq!(change["permissions_removed"], json!(["Queues.View"]));
    let loosens: Vec<bool> = change["restriction_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["loosens"].as_bool().unwrap())
        .collect();
    assert_eq!(loosens, [false, false]);
    assert_eq!(change["other_changes"][0]["property"], "Description");
}

#[test]
fn a_rename_is_a_replacement() {
    // switchboard derives the logical ID from the name: both change, the content matches.
    let (code, v) = diff_with("rename", |r| {
        props(r)["SecurityProfileName"] = json!("TeamLeader");
        Some(("TeamLeader9F00AA11".to_owned(), String::new()))
    });
    assert_eq!(code, 1);
    assert_eq!(kinds(&v), ["replacement"]);
    let detail = v["escalations"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("CloudFormation replaces the profile"),
        "{detail}"
    );
    assert!(
        detail.contains("renamed from \"TeamLead\" to \"TeamLeader\""),
        "{detail}"
    );
    assert_eq!(v["changed"][0]["old"]["name"], "TeamLead");
    // The same logical ID with another name is a rename too.
    let (_, v) = diff_with("rename-same-id", |r| {
        props(r)["SecurityProfileName"] = json!("TeamLeader");
        None
    });
    assert_eq!(kinds(&v), ["replacement"]);
}

#[test]
fn a_new_profile_and_a_removed_one() {
    let dir = temp_dir("diff-added");
    let old = assembly(&dir.join("old"), &common::template(&[("A", other())]));
    let new = assembly(
        &dir.join("new"),
        &common::template(&[(
            "B",
            common::profile("Auditor", &["HistoricalChanges.View", "ContactSearch.View"]),
        )]),
    );
    let r = run(["diff", "--format", "json", s(&old), s(&new)]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(kinds(&v), ["new_sensitive_permission", "new_profile"]);
    assert_eq!(v["added"][0]["profile"]["name"], "Auditor");
    assert_eq!(v["removed"][0]["profile"]["name"], "Agent2");
}

#[test]
fn markdown_reads_as_a_pull_request_comment() {
    let dir = temp_dir("diff-markdown");
    let old = assembly(
        &dir.join("old"),
        &common::template(&[("TeamLeadABCD1234", base())]),
    );
    let mut changed = base();
    add_permission(&mut changed, "Users.Edit");
    add_permission(&mut changed, "ContactSearch.View");
    props(&mut changed).remove("HierarchyRestrictedResources");
    let new = assembly(
        &dir.join("new"),
        &common::template(&[("TeamLeadABCD1234", changed)]),
    );
    let r = run([
        "diff",
        "--format",
        "markdown",
        "--fail-on-escalation",
        s(&old),
        s(&new),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("failing: 3 escalations (--fail-on-escalation)"),
        "{}",
        r.stderr
    );
    let md = &r.stdout;
    assert!(
        md.starts_with("## switchboard diff: 3 escalations (1 new sensitive permission)\n"),
        "{md}"
    );
    let sensitive = md.find("New sensitive permissions").unwrap();
    let others = md.find("### Other escalations").unwrap();
    assert!(sensitive < others, "sensitive permissions come first");
    assert!(
        md.contains("| TeamLead | `Users.Edit` | resets passwords"),
        "{md}"
    );
    assert!(
        md.contains("| TeamLead | hierarchy restriction removed |"),
        "{md}"
    );
    assert!(
        md.contains(
            "<details><summary><code>TeamLead</code>: +2 / -0 permissions, 1 restriction change</summary>"
        ),
        "{md}"
    );
    assert!(
        md.contains("| HierarchyRestrictedResources | User |  | **loosened** |"),
        "{md}"
    );
    let r = run(["diff", s(&old), s(&new)]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("ESCALATIONS"));
}
