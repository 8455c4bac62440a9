//! The command on the project's own example profiles, synthesized for real: the audit of the
//! examples, the review workflow (synthesize `main` and a pull request, `switchboard diff`,
//! fail on escalation), and the import round trip (synthesize -> import -> compile ->
//! synthesize gives the same templates, byte for byte).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{run, s, temp_dir};
use serde_json::Value;
use switchboard::{App, Instance, SecurityProfile, groups, presets};
use switchboard_examples::guide::{GUIDE_PROFILES, INBOUND_SUPERVISOR, SALES_MANAGER, TEAM_LEAD};
use switchboard_examples::seed::{COMPLETE_EXAMPLES, PROVIDER_EXAMPLE};

/// The stacks of `cargo run --example contact_center`: the seed's examples and its provider's
/// profiles on an instance the stack creates, the guide's on an instance given at deploy time.
fn synth(dir: &Path, guide: &[SecurityProfile]) -> PathBuf {
    let mut app = App::with_outdir(dir);
    app.stack("MyContactCenter", Instance::create("my-center"))
        .add_security_profiles(COMPLETE_EXAMPLES)
        .unwrap()
        .add_security_profiles(PROVIDER_EXAMPLE)
        .unwrap();
    app.stack("GuideExamples", Instance::parameter())
        .add_security_profiles(guide.iter())
        .unwrap();
    app.synth().unwrap();
    dir.to_path_buf()
}

fn main_branch(dir: &Path) -> PathBuf {
    let guide: Vec<SecurityProfile> = GUIDE_PROFILES.iter().map(|p| (*p).clone()).collect();
    synth(dir, &guide)
}

/// A pull request on the guide's stack: the team lead may now delete users, the inbound
/// supervisor loses its `without: [ManagerBargeIn]`, the sales manager its tag restriction,
/// `CustomRole` is renamed, and an auditor profile is added.
fn pull_request(dir: &Path) -> PathBuf {
    let team_lead = SecurityProfile::builder("TeamLead")
        .description("Team lead with hierarchy-restricted user management")
        .preset(presets::Supervisor)
        .group(groups::BasicAgent)
        .group(groups::SupervisorMonitoring)
        .permissions(["Users.View", "Users.Edit", "Users.Delete"])
        .restrict_hierarchy("User")
        .hierarchy_group("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f")
        .tag("Role", "TeamLead")
        .sensitive("Team leads edit and offboard their own team's users")
        .build()
        .unwrap();
    let inbound = SecurityProfile::builder("InboundSupervisor")
        .preset(presets::Supervisor)
        .preset(presets::QualityAnalyst)
        .build()
        .unwrap();
    let sales = SecurityProfile::builder("SalesManager")
        .preset(presets::CallCenterManager)
        .tag("Department", "Sales")
        .sensitive("Managers administer the users and routing of their department")
        .build()
        .unwrap();
    let specialized = SecurityProfile::builder("SpecializedAgent")
        .permissions([
            "BasicAgentAccess",
            "TransferContact.Enabled",
            "StopContact.Enabled",
            "ContactSearch.View",
        ])
        .build()
        .unwrap();
    let auditor = SecurityProfile::builder("Auditor")
        .description("Internal audit: reads the change history")
        .permissions([
            "HistoricalChanges.View",
            "Users.View",
            "SecurityProfiles.View",
        ])
        .sensitive("Internal audit reviews who changed what")
        .build()
        .unwrap();
    assert_ne!(team_lead, TEAM_LEAD);
    assert_ne!(inbound, INBOUND_SUPERVISOR);
    assert_ne!(sales, SALES_MANAGER);
    synth(dir, &[team_lead, inbound, sales, specialized, auditor])
}

#[test]
fn the_examples_audit_clean() {
    let dir = temp_dir("examples-audit");
    let out = main_branch(&dir.join("cdk.out"));
    let r = run(["audit", "--format", "json", "--fail-on", "warning", s(&out)]);
    assert_eq!(r.code, 0, "{r:#?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["profiles"], 17);
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["warnings"], 0);
    let admin = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "SystemAdmin")
        .unwrap();
    assert_eq!(
        admin["sensitive_reason"],
        "System administrators manage users, security profiles and recordings"
    );
    assert_eq!(admin["source"]["stack"], "MyContactCenter");
}

#[test]
fn an_unchanged_assembly_flags_nothing() {
    let dir = temp_dir("examples-unchanged");
    let a = main_branch(&dir.join("a"));
    let b = main_branch(&dir.join("b"));
    let r = run([
        "diff",
        "--format",
        "json",
        "--fail-on-escalation",
        s(&a),
        s(&b),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["escalations"].as_array().unwrap().is_empty());
    assert!(v["changed"].as_array().unwrap().is_empty());
    assert_eq!(v["unchanged"].as_array().unwrap().len(), 17);
}

#[test]
fn the_review_workflow_flags_the_pull_request() {
    let dir = temp_dir("examples-review");
    let main = main_branch(&dir.join("main.out"));
    let pr = pull_request(&dir.join("pr.out"));
    let r = run([
        "diff",
        "--format",
        "json",
        "--fail-on-escalation",
        s(&main),
        s(&pr),
    ]);
    assert_eq!(r.code, 1, "{r:#?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let found: Vec<(String, String, String)> = v["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["profile"].as_str().unwrap().to_owned(),
                e["permission"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expect = |kind: &str, profile: &str, permission: &str| {
        assert!(
            found.contains(&(kind.to_owned(), profile.to_owned(), permission.to_owned())),
            "{kind} {profile} {permission} not in {found:#?}"
        );
    };
    expect("new_sensitive_permission", "TeamLead", "Users.Delete");
    expect(
        "new_sensitive_permission",
        "Auditor",
        "HistoricalChanges.View",
    );
    expect("new_profile", "Auditor", "");
    expect("new_permission", "InboundSupervisor", "ManagerBargeIn");
    expect("tag_restriction_removed", "SalesManager", "");
    expect("replacement", "SpecializedAgent", "");
    assert_eq!(found[0].0, "new_sensitive_permission", "sensitive first");
    assert!(
        v["removed"].as_array().unwrap().is_empty(),
        "the rename is matched"
    );
    assert_eq!(v["unchanged"].as_array().unwrap().len(), 13);

    let r = run(["diff", "--format", "markdown", s(&main), s(&pr)]);
    assert_eq!(r.code, 0);
    let md = &r.stdout;
    assert!(
        md.starts_with("## switchboard diff: 6 escalations (2 new sensitive permissions)"),
        "{md}"
    );
    assert!(
        md.contains("| TeamLead | `Users.Delete` | resets passwords"),
        "{md}"
    );
    assert!(
        md.contains(
            "| InboundSupervisor | new permission | grants `ManagerBargeIn` (high-impact) |"
        ),
        "{md}"
    );
    assert!(
        md.contains("- **Replaced** `SpecializedAgent` (was `CustomRole`)"),
        "{md}"
    );
    // The README shows this very output.
    std::fs::write(dir.join("review.md"), md).unwrap();
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(md.trim_end()),
        "switchboard-cli/README.md no longer shows the real output of the review workflow; \
         replace it with {}",
        dir.join("review.md").display()
    );
}

/// The workspace root.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A template with every permission of the catalog, written by hand (no Metadata): import
/// must write each name so that it compiles.
fn everything_template(path: &Path) {
    let all: Vec<&str> = switchboard_core::catalog::PERMISSIONS
        .iter()
        .map(|p| p.api)
        .collect();
    let t = common::template(&[("Everything", common::profile("Everything", &all))]);
    std::fs::write(path, serde_json::to_string_pretty(&t).unwrap()).unwrap();
}

const ROUND_TRIP_MAIN: &str = r#"//! Generated by switchboard-cli/tests/examples.rs: synthesizes the imported profiles.
mod my_contact_center;
mod guide_examples;
mod everything;

use switchboard::{App, Instance};

fn main() {
    let out = std::env::args().nth(1).expect("an output directory");
    let mut app = App::with_outdir(out);
    app.stack("MyContactCenter", Instance::create("my-center"))
        .add_security_profiles(my_contact_center::IMPORTED)
        .unwrap();
    app.stack("GuideExamples", Instance::parameter())
        .add_security_profiles(guide_examples::IMPORTED)
        .unwrap();
    app.stack("Everything", Instance::parameter())
        .add_security_profiles(everything::IMPORTED)
        .unwrap();
    app.synth().unwrap();
}
"#;

#[test]
fn import_round_trip_gives_the_same_templates() {
    // The generated crate and its target directory live under the target directory, with a
    // target directory of their own, so the inner cargo never waits for the outer one's lock;
    // kept between runs, so later runs only rebuild what changed.
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-roundtrip");
    let krate = root.join("crate");
    let target = root.join("target");
    let work = temp_dir("examples-roundtrip");
    let original = main_branch(&work.join("original"));
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let everything = work.join("everything.template.json");
    everything_template(&everything);
    for (module, input) in [
        (
            "my_contact_center",
            original.join("MyContactCenter.template.json"),
        ),
        (
            "guide_examples",
            original.join("GuideExamples.template.json"),
        ),
        ("everything", everything.clone()),
    ] {
        let r = run([
            "import",
            "-o",
            s(&krate.join("src").join(format!("{module}.rs"))),
            s(&input),
        ]);
        assert_eq!(r.code, 0, "{module}: {r:#?}");
    }
    let manifest = format!(
        "[package]\nname = \"import-roundtrip\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nswitchboard = {{ path = {:?} }}\n\n[workspace]\n",
        workspace().join("switchboard").display().to_string()
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(krate.join("src/main.rs"), ROUND_TRIP_MAIN).unwrap();
    if let Ok(lock) = std::fs::read(workspace().join("Cargo.lock")) {
        // The workspace's versions, so the generated crate builds what the workspace builds.
        std::fs::write(krate.join("Cargo.lock"), lock).unwrap();
    }
    let again = work.join("again");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .arg("--")
        .arg(&again)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the imported source does not compile or run:\n{stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
    for template in [
        "MyContactCenter.template.json",
        "GuideExamples.template.json",
    ] {
        let before = std::fs::read_to_string(original.join(template)).unwrap();
        let after = std::fs::read_to_string(again.join(template)).unwrap();
        if before != after {
            let a: Value = serde_json::from_str(&before).unwrap();
            let b: Value = serde_json::from_str(&after).unwrap();
            panic!("{template} differs after the round trip\nbefore: {a:#}\nafter: {b:#}");
        }
    }
    // Every catalog name, written as `import` writes it, compiles and comes back.
    let t: Value = serde_json::from_str(
        &std::fs::read_to_string(again.join("Everything.template.json")).unwrap(),
    )
    .unwrap();
    let resource = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == "AWS::Connect::SecurityProfile")
        .unwrap();
    let mut expected: Vec<&str> = switchboard_core::catalog::PERMISSIONS
        .iter()
        .map(|p| p.api)
        .collect();
    expected.sort();
    assert_eq!(
        resource["Properties"]["Permissions"],
        serde_json::json!(expected)
    );
    // The imported source of the examples uses the presets and groups where they fit.
    let source = std::fs::read_to_string(krate.join("src/my_contact_center.rs")).unwrap();
    assert!(source.contains("pub const SYSTEM_ADMIN = {\n        name: \"SystemAdmin\",\n        description: \"Full administrative access to all features\",\n        preset: Admin,\n"), "{source}");
    assert!(source.contains("preset: OutboundAgent,"), "{source}");
    assert!(
        !source.contains("TODO(import)"),
        "reasons come from the Metadata: {source}"
    );
}
