//! `audit`'s checks across profiles, on cloud assemblies the real runtime synthesizes: profile
//! names are unique per instance, and an instance is the stack's instance (the same literal
//! ARN, the same created alias, or the same parameter of the same stack), not the same text of
//! `InstanceArn`. And a name shared by many profiles is one finding, listing each profile once.

mod common;

use std::path::{Path, PathBuf};

use common::{run, s, temp_dir};
use serde_json::{Value, json};
use switchboard::{App, Instance, SecurityProfile};

const ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

fn agent(name: &str) -> SecurityProfile {
    SecurityProfile::builder(name)
        .permissions(["BasicAgentAccess", "ContactSearch.View"])
        .build()
        .unwrap()
}

/// Synthesizes one stack per `(name, instance)`, each holding the profile `AcmeAgent`.
fn two_stacks(label: &str, east: Instance, west: Instance) -> PathBuf {
    let dir = temp_dir(label);
    let mut app = App::with_outdir(&dir);
    app.stack("East", east)
        .add_security_profile(agent("AcmeAgent"))
        .unwrap();
    app.stack("West", west)
        .add_security_profile(agent("AcmeAgent"))
        .unwrap();
    app.synth().unwrap();
    dir
}

fn audit_json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["audit", "--format", "json", "--fail-on", "error"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert!(r.code == 0 || r.code == 1, "{r:#?}");
    (r.code, serde_json::from_str(&r.stdout).unwrap())
}

fn rules(report: &Value) -> Vec<String> {
    report["cross_profile_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn created_instances_with_different_aliases_are_different_instances() {
    let dir = two_stacks(
        "instances-created",
        Instance::create("acme-east"),
        Instance::create("acme-west"),
    );
    let (code, report) = audit_json(&[s(&dir)]);
    assert_eq!(report["summary"]["profiles"], 2);
    assert_eq!(rules(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0, "--fail-on error passes");
}

#[test]
fn one_parameterized_template_per_stack_serves_different_instances() {
    // The README's "one template serves many instances": each stack's `InstanceArn` parameter
    // is given its own value at deploy time.
    let dir = two_stacks(
        "instances-parameter",
        Instance::parameter(),
        Instance::parameter(),
    );
    let (code, report) = audit_json(&[s(&dir)]);
    assert_eq!(report["summary"]["profiles"], 2);
    assert_eq!(rules(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn the_same_literal_arn_is_the_same_instance() {
    // The runtime refuses two `AcmeAgent` on one instance, so the second is renamed in its
    // template, as a hand edit would.
    let dir = temp_dir("instances-existing");
    let mut app = App::with_outdir(&dir);
    app.stack("East", Instance::existing(ARN).unwrap())
        .add_security_profile(agent("AcmeAgent"))
        .unwrap();
    app.stack("West", Instance::existing(ARN).unwrap())
        .add_security_profile(agent("OtherAgent"))
        .unwrap();
    app.synth().unwrap();
    rename_one_profile(&template_path(&dir, "West"), "acmeagent");
    let (code, report) = audit_json(&[s(&dir)]);
    assert_eq!(rules(&report), ["DuplicateProfileName"], "{report:#}");
    let finding = &report["cross_profile_findings"][0];
    assert_eq!(finding["profiles"].as_array().unwrap().len(), 2);
    assert!(
        finding["message"].as_str().unwrap().contains(ARN),
        "{finding:#}"
    );
    assert_eq!(code, 1);
}

/// The templates of an assembly, by stack name.
fn template_path(dir: &Path, stack: &str) -> PathBuf {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let file = manifest["artifacts"][stack]["properties"]["templateFile"]
        .as_str()
        .unwrap();
    dir.join(file)
}

fn rename_one_profile(template: &Path, to: &str) {
    let mut value: Value = serde_json::from_slice(&std::fs::read(template).unwrap()).unwrap();
    let resources = value["Resources"].as_object_mut().unwrap();
    let profile = resources
        .values_mut()
        .find(|r| r["Type"] == "AWS::Connect::SecurityProfile")
        .unwrap();
    profile["Properties"]["SecurityProfileName"] = json!(to);
    std::fs::write(template, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
}

#[test]
fn the_parts_of_a_split_stack_share_its_instance() {
    // 201 profiles split into two parts; the second imports the instance the first exports.
    // A name repeated across the parts collides in that one instance.
    for (label, instance) in [
        ("instances-split-parameter", Instance::parameter()),
        ("instances-split-created", Instance::create("acme-split")),
        ("instances-split-existing", Instance::existing(ARN).unwrap()),
    ] {
        let dir = temp_dir(label);
        let mut app = App::with_outdir(&dir);
        let profiles: Vec<SecurityProfile> =
            (0..201).map(|i| agent(&format!("Agent{i:03}"))).collect();
        app.stack("Big", instance.with_profile_quota(300))
            .add_security_profiles(profiles.iter())
            .unwrap();
        app.synth().unwrap();
        let second = template_path(&dir, "BigPart2");
        let text = std::fs::read_to_string(&second).unwrap();
        assert_eq!(
            text.contains("Fn::ImportValue"),
            !label.ends_with("existing"),
            "{label}"
        );
        rename_one_profile(&second, "agent000");

        let (code, report) = audit_json(&[s(&dir)]);
        assert_eq!(report["summary"]["profiles"], 201);
        assert_eq!(rules(&report), ["DuplicateProfileName"], "{label}");
        assert_eq!(code, 1, "{label}");
    }
}

#[test]
fn a_file_given_twice_is_read_once() {
    let dir = two_stacks(
        "instances-twice",
        Instance::create("twice-east"),
        Instance::create("twice-west"),
    );
    let east = template_path(&dir, "East");
    let (code, report) = audit_json(&[s(&dir), s(&east)]);
    assert_eq!(report["summary"]["profiles"], 2, "{report:#}");
    assert_eq!(report["inputs"].as_array().unwrap().len(), 2, "{report:#}");
    assert_eq!(rules(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
    // The same file under two spellings.
    let spelled = dir.join(".").join(east.file_name().unwrap());
    let (code, report) = audit_json(&[s(&east), s(&spelled)]);
    assert_eq!(report["summary"]["profiles"], 1, "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn many_profiles_of_one_name_are_one_finding() {
    // Crafted, as a hostile pull request would: 2,000 profiles all named `Same` (in varying
    // case) in one template, on one parameter.
    let report_bytes = |n: usize| -> (Value, usize) {
        let resources: Vec<(String, Value)> = (0..n)
            .map(|i| {
                let name = if i % 2 == 0 { "Same" } else { "sAME" };
                (
                    format!("P{i:05}"),
                    common::profile(name, &["BasicAgentAccess"]),
                )
            })
            .collect();
        let refs: Vec<(&str, Value)> = resources
            .iter()
            .map(|(id, r)| (id.as_str(), r.clone()))
            .collect();
        let dir = temp_dir(&format!("instances-same-{n}"));
        let file = common::write_json(&dir, "same.json", &common::template(&refs));
        let text = run(["audit", s(&file)]);
        assert_eq!(text.code, 0, "{}", text.stderr);
        let (_, report) = audit_json(&[s(&file)]);
        (report, text.stdout.len())
    };
    let (report, bytes_2000) = report_bytes(2000);
    let findings = report["cross_profile_findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "one finding per duplicated name");
    assert_eq!(findings[0]["rule"], "DuplicateProfileName");
    assert_eq!(findings[0]["profiles"].as_array().unwrap().len(), 2000);
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("2000 security profiles are named \"Same\""),
        "{:#}",
        findings[0]
    );
    assert_eq!(report["summary"]["errors"], 1);
    // Output linear in input: ten times the profiles, about ten times the bytes (quadratic
    // output would be about a hundred times).
    let (_, bytes_200) = report_bytes(200);
    let ratio = bytes_2000 as f64 / bytes_200 as f64;
    assert!(
        (8.0..12.5).contains(&ratio),
        "200 profiles: {bytes_200} bytes, 2000: {bytes_2000} bytes"
    );
}
