//! The subcommands on real-shaped inputs, through the real binary: help, explain, catalog,
//! audit (every format, --fail-on, --output) and import.

mod common;

use common::{fixtures, run, s, temp_dir};
use serde_json::Value;

#[test]
fn every_subcommand_has_help_with_the_exit_codes() {
    for args in [
        vec!["--help"],
        vec!["explain", "--help"],
        vec!["catalog", "--help"],
        vec!["audit", "--help"],
        vec!["diff", "--help"],
        vec!["import", "--help"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}: {r:#?}");
        assert!(r.stdout.contains("Exit codes:"), "{args:?}: {}", r.stdout);
        assert!(r.stdout.contains("2  bad input"), "{args:?}");
    }
    let r = run(["audit"]);
    assert_eq!(r.code, 2, "a missing PATH is a usage error: {r:#?}");
    let r = run(["frobnicate"]);
    assert_eq!(r.code, 2);
}

#[test]
fn explain_a_permission() {
    let r = run(["explain", "Users.Edit"]);
    assert_eq!(r.code, 0, "{r:#?}");
    for expected in [
        "Users.Edit\n",
        "console label: Users - Edit",
        "Users and permissions (UsersAndPermissions)",
        "tier:",
        "sensitive: ",
        "implies:       Users.View",
        "CallCenterManager",
        "UserManagement",
        "UsersAndPermissions::EditUsers",
    ] {
        assert!(
            r.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            r.stdout
        );
    }
    let r = run(["explain", "Users.View", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schema"], "switchboard.explain/1");
    assert_eq!(v["permission"]["api"], "Users.View");
    assert_eq!(v["permission"]["tier"], "high-impact");
    assert!(
        v["implied_by"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Users.Edit"))
    );
}

#[test]
fn explain_legacy_presets_groups_and_seed_names() {
    let r = run(["explain", "ListenCallRecordings"]);
    assert!(
        r.stdout.contains(
            "use instead:   CallRecordings.Unredacted.Access + ContactTranscripts.Unredacted.Access"
        ),
        "{}",
        r.stdout
    );
    let r = run(["explain", "Supervisor"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("Supervisor (built-in preset)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("ManagerListenIn  [high-impact]"));
    let r = run(["explain", "UnredactedRecordingsAccess"]);
    assert!(r.stdout.contains("(built-in group)"));
    let r = run(["explain", "Routing::ViewQueues", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["kind"], "seed_name");
}

#[test]
fn explain_unknown_names_suggests_or_explains() {
    let r = run(["explain", "Users.Edti"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert_eq!(
        r.stderr,
        "switchboard: `Users.Edti` is not in the catalog; did you mean `Users.Edit`?\n"
    );
    let r = run(["explain", "RoutingProfiles.View"]);
    assert!(
        r.stderr.contains("did you mean `RoutingPolicies.View`?"),
        "{r:#?}"
    );
    let r = run(["explain", "Tasktemplates.View"]);
    assert!(
        r.stderr.contains("typo") && r.stderr.contains("TaskTemplates.View"),
        "{r:#?}"
    );
    let r = run(["explain", "connect:CreateUser"]);
    assert!(r.stderr.contains("IAM action"), "{r:#?}");
    let r = run(["explain", "Supervisr"]);
    assert!(r.stderr.contains("did you mean `Supervisor`?"), "{r:#?}");
    let r = run(["explain", "\u{1b}[2Jxyz"]);
    assert_eq!(r.code, 2);
    assert!(
        !r.stderr.contains('\u{1b}'),
        "control characters are escaped: {r:#?}"
    );
}

#[test]
fn catalog_table_json_and_sections() {
    let r = run(["catalog"]);
    assert_eq!(r.code, 0);
    let first = r.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("switchboard catalog: 327 permissions; AWS permission list of "),
        "{first}"
    );
    assert!(r.stdout.contains("\nUsers.Edit "));
    let r = run(["catalog", "--section", "Users and permissions"]);
    assert!(r.stdout.contains("in Users and permissions"));
    assert!(r.stdout.contains("Users.Edit"));
    assert!(!r.stdout.contains("BasicAgentAccess"));
    let r = run(["catalog", "--format", "json", "--section", "Routing"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schema"], "switchboard.catalog/1");
    assert_eq!(v["section"], "Routing");
    assert!(v["aws_list_date"].is_string());
    let perms = v["permissions"].as_array().unwrap();
    assert!(!perms.is_empty());
    assert!(perms.iter().all(|p| p["section"] == "Routing"));
    let r = run(["catalog", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["permissions"].as_array().unwrap().len(), 327);
    assert!(!v["rejected_names"].as_array().unwrap().is_empty());
    let r = run(["catalog", "--section", "Routng"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `Routing`?"), "{r:#?}");
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .arg("catalog")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the pipe is closed, as `| head -c 16` would.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
}

fn console() -> String {
    fixtures()
        .join("console.template.json")
        .display()
        .to_string()
}

fn awscli() -> Vec<String> {
    ["agent.json", "agent.permissions.json", "manager.json"]
        .iter()
        .map(|f| fixtures().join("awscli").join(f).display().to_string())
        .collect()
}

#[test]
fn audit_reports_every_finding_of_the_issue() {
    let mut args = vec![
        "audit".to_owned(),
        "--format".into(),
        "json".into(),
        console(),
    ];
    args.extend(awscli());
    let r = run(&args);
    assert_eq!(r.code, 0, "{r:#?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schema"], "switchboard.audit/1");
    let profiles = v["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 7);
    let by_name = |n: &str| profiles.iter().find(|p| p["name"] == n).unwrap().clone();
    let rules = |p: &Value| -> Vec<String> {
        p["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let has = |p: &str, rule: &str| {
        let found = rules(&by_name(p));
        assert!(
            found.iter().any(|r| r == rule),
            "{p}: {rule} not in {found:?}"
        );
    };
    has("Tier1Agent", "UnknownPermission");
    has("Tier1Agent", "LegacyPermission");
    has("QA Reviewers", "RedactedAndUnredacted");
    has("QA Reviewers", "IamActionAsPermission");
    has("QA Reviewers", "SensitiveWithoutReason");
    has("SalesLead", "TagRestrictedNotViewable");
    has("SalesLead", "UserRestrictedWithoutSecurityProfile");
    has("admin", "NameCollidesWithBuiltin");
    has("InboundAgent", "UnknownPermission");
    assert!(rules(&by_name("SupportLead")).is_empty());
    let cross: Vec<&str> = v["cross_profile_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(cross, ["MultipleTagRestrictedProfiles"]);
    // Counts by section, sensitive permissions with their risk, restrictions.
    let admin = by_name("admin");
    assert_eq!(admin["permission_count"], 6);
    assert_eq!(admin["sensitive"].as_array().unwrap().len(), 4);
    assert!(admin["sensitive"][0]["risk"].is_string());
    let sections: Vec<&str> = admin["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["HistoricalChanges", "UsersAndPermissions"]);
    let lead = by_name("SupportLead");
    assert_eq!(
        lead["restrictions"]["hierarchy_restricted_resources"][0],
        "User"
    );
    assert_eq!(
        lead["restrictions"]["access_control_tags"][0]["key"],
        "Department"
    );
    let manager = by_name("FloorManager");
    assert_eq!(
        manager["instance"],
        "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    );
    assert_eq!(v["summary"]["profiles"], 7);
}

#[test]
fn audit_a_download_button_without_access_and_a_duplicate_name() {
    let dir = temp_dir("audit-download");
    let t = common::template(&[
        (
            "A",
            common::profile(
                "Downloader",
                &[
                    "CallRecordings.Unredacted.DownloadButton",
                    "BasicAgentAccess",
                    "BasicAgentAccess",
                ],
            ),
        ),
        ("B", common::profile("downloader", &["BasicAgentAccess"])),
    ]);
    let file = common::write_json(&dir, "t.json", &t);
    let r = run(["audit", "--format", "json", s(&file)]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let all = r.stdout.clone();
    assert!(all.contains("\"DownloadWithoutAccess\""), "{all}");
    assert!(all.contains("\"DuplicatePermission\""), "{all}");
    assert_eq!(
        v["cross_profile_findings"][0]["rule"],
        "DuplicateProfileName"
    );
}

#[test]
fn audit_formats_and_fail_on() {
    let c = console();
    let r = run(["audit", &c]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("switchboard audit: 5 profiles"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("PROFILE"));
    let r = run(["audit", "--format", "markdown", &c]);
    assert!(r.stdout.starts_with("## switchboard audit: 5 profiles"));
    assert!(r.stdout.contains("| Profile | Permissions | Sensitive |"));
    let r = run(["audit", "--format", "html", &c]);
    assert!(r.stdout.starts_with("<!DOCTYPE html>"));
    assert!(!r.stdout.contains("<script"));
    assert!(!r.stdout.contains("http://") && !r.stdout.contains("https://"));

    let r = run(["audit", "--fail-on", "error", &c]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        r.stderr.contains("failing (--fail-on error): 7 errors ("),
        "{r:#?}"
    );
    assert!(!r.stdout.is_empty(), "the report is printed all the same");
    let r = run(["audit", "--fail-on", "UnknownPermission", &c]);
    assert_eq!(r.code, 1);
    let r = run(["audit", "--fail-on", "TooManyPermissions", &c]);
    assert_eq!(r.code, 0, "{r:#?}");
    let r = run(["audit", "--fail-on", "sensitive", &c]);
    assert_eq!(r.code, 1);
    let lead = temp_dir("failon");
    let t = common::template(&[("A", common::profile("Plain", &["BasicAgentAccess"]))]);
    let f = common::write_json(&lead, "t.json", &t);
    for what in ["error", "warning", "sensitive", "high-impact"] {
        assert_eq!(run(["audit", "--fail-on", what, s(&f)]).code, 0, "{what}");
    }
    let r = run(["audit", "--fail-on", "UnknownPermision", &c]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("did you mean `UnknownPermission`?"),
        "{r:#?}"
    );
}

#[test]
fn output_file_is_written_only_on_success() {
    let dir = temp_dir("output");
    let out = dir.join("report.html");
    let r = run(["audit", "--format", "html", "-o", s(&out), &console()]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let missing = dir.join("missing.json");
    let out2 = dir.join("report2.html");
    let r = run(["audit", "-o", s(&out2), &console(), s(&missing)]);
    r.assert_bad_input("missing.json", "no such file or directory");
    assert!(!out2.exists(), "nothing is written on error");
    let r = run(["audit", "-o", s(&dir), &console()]);
    r.assert_bad_input(s(&dir), "is a directory");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers, ["report.html"], "no temporary file is left");
}

#[test]
fn import_writes_presets_unchecked_names_and_placeholders() {
    let mut args = vec!["import".to_owned(), console()];
    args.extend(awscli());
    let r = run(&args);
    assert_eq!(r.code, 0, "{r:#?}");
    let src = &r.stdout;
    for expected in [
        "use switchboard::security_profile;",
        "pub const TIER_1_AGENT = {",
        "preset: OutboundAgent,",
        "unchecked(\"QueueMetrics.Access\")",
        "// an IAM action, not a security-profile permission",
        "unchecked(\"connect:ListUsers\")",
        "did you mean `RoutingPolicies.View`?",
        "sensitive: \"TODO(import): state why this role needs Users.Edit\"",
        "restrict tags: { \"Department\": \"Sales\" } on [User, Queue, RoutingProfile],",
        "restrict hierarchy: [User],",
        "hierarchy group: \"3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f\",",
        "pub const FLOOR_MANAGER = {",
        "preset: Supervisor,",
        "// legacy name: use CallRecordings.Unredacted.Access + ContactTranscripts.Unredacted.Access",
        "tags: { \"CostCenter\": \"42\", \"Team\": \"Support\" },",
        "// Skipped \"admin\"",
        "pub const IMPORTED: [&switchboard::SecurityProfile; 6] = [",
    ] {
        assert!(src.contains(expected), "missing {expected:?} in\n{src}");
    }
    assert_eq!(src.matches("security_profile! {").count(), 6);
    // Users.View is implied by Users.Edit: the macro adds it, the source leaves it out.
    let sales = &src[src.find("pub const SALES_LEAD").unwrap()..];
    let sales = &sales[..sales.find("};").unwrap()];
    assert!(
        sales.contains("permissions: [BasicAgentAccess, Queues.View, Users.Edit],"),
        "{sales}"
    );
    assert!(r.stderr.contains("placeholder"), "{}", r.stderr);
    assert!(r.stderr.contains("admin: skipped"), "{}", r.stderr);

    let r = run(["import", "--module", "imported", &console()]);
    assert!(
        r.stdout
            .contains("pub mod imported {\n    use switchboard::security_profile;")
    );
    let r = run(["import", "--module", "not a module", &console()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not a Rust identifier"), "{r:#?}");
}

#[test]
fn import_pairs_describe_and_permission_files() {
    let dir = temp_dir("pairing");
    let describe = std::fs::read(fixtures().join("awscli/agent.json")).unwrap();
    let permissions = std::fs::read(fixtures().join("awscli/agent.permissions.json")).unwrap();
    std::fs::write(dir.join("inbound-describe.json"), &describe).unwrap();
    std::fs::write(dir.join("inbound-permissions.json"), &permissions).unwrap();
    std::fs::write(dir.join("second.json"), &describe).unwrap();
    std::fs::write(dir.join("second.permissions.json"), &permissions).unwrap();
    let r = run([
        "import",
        s(&dir.join("inbound-describe.json")),
        s(&dir.join("second.permissions.json")),
        s(&dir.join("inbound-permissions.json")),
        s(&dir.join("second.json")),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(r.stdout.matches("name: \"InboundAgent\"").count(), 2);
    assert!(
        r.stdout.contains("pub const INBOUND_AGENT_2 = {"),
        "{}",
        r.stdout
    );
    // A describe file without its permissions.
    let r = run([
        "import",
        s(&dir.join("second.json")),
        s(&dir.join("inbound-describe.json")),
        s(&dir.join("second.permissions.json")),
    ]);
    r.assert_bad_input("inbound-describe.json", "without its permissions");
}

#[test]
fn large_inputs_within_the_limit_work() {
    // 500 profiles of 60 permissions: larger than the largest template CloudFormation takes.
    let names: Vec<&str> = switchboard_core_names();
    let resources: Vec<(String, Value)> = (0..500)
        .map(|i| {
            let perms: Vec<&str> = names.iter().cycle().skip(i).take(60).copied().collect();
            (
                format!("P{i}"),
                common::profile(&format!("Profile{i}"), &perms),
            )
        })
        .collect();
    let refs: Vec<(&str, Value)> = resources
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let dir = temp_dir("large");
    let file = common::write_json(&dir, "big.json", &common::template(&refs));
    assert!(std::fs::metadata(&file).unwrap().len() > 1_000_000);
    let r = run(["audit", "--format", "json", s(&file)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["profiles"], 500);
    let r = run(["diff", s(&file), s(&file), "--fail-on-escalation"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// Documented permission names for synthetic profiles.
fn switchboard_core_names() -> Vec<&'static str> {
    switchboard_core::catalog::PERMISSIONS
        .iter()
        .filter(|p| !p.status.is_undocumented() && !p.status.is_legacy())
        .map(|p| p.api)
        .collect()
}

fn keys(value: &Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn the_readme_documents_every_json_field() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let mut found = std::collections::BTreeSet::new();
    let mut args = vec![
        "audit".to_owned(),
        "--format".into(),
        "json".into(),
        console(),
    ];
    args.extend(awscli());
    keys(
        &serde_json::from_str(&run(&args).stdout).unwrap(),
        &mut found,
    );
    let dir = temp_dir("readme-keys");
    let t = common::template(&[("A", common::profile("A1", &["BasicAgentAccess"]))]);
    let old = common::write_json(&dir, "old.json", &t);
    let mut changed = common::profile("A2", &["Users.Edit"]);
    changed["Properties"]["Description"] = "d".into();
    let new = common::write_json(&dir, "new.json", &common::template(&[("A", changed)]));
    keys(
        &serde_json::from_str(&run(["diff", "--format", "json", s(&old), s(&new)]).stdout).unwrap(),
        &mut found,
    );
    keys(
        &serde_json::from_str(&run(["catalog", "--format", "json"]).stdout).unwrap(),
        &mut found,
    );
    keys(
        &serde_json::from_str(&run(["explain", "--format", "json", "Users.Edit"]).stdout).unwrap(),
        &mut found,
    );
    keys(
        &serde_json::from_str(&run(["explain", "--format", "json", "Agent"]).stdout).unwrap(),
        &mut found,
    );
    let missing: Vec<&String> = found
        .iter()
        .filter(|k| !readme.contains(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md does not document {missing:?}"
    );
    assert!(found.len() > 50, "{found:?}");
}
