//! The review gate cannot be fooled (issue 15): every form of access switchboard cannot read
//! fails closed (diff exits 1 with an escalation that says what and where, audit reports an
//! error), unmodelled properties are compared as data, one judgement of duplicated tag keys,
//! and the files the command reads and writes are bounded and confined. Each test is built
//! from the input the issue reproduced the hole with.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, assembly, run, s, temp_dir, template, write_json};
use serde_json::{Value, json};

/// The permissions of the profile every case starts from.
const BASE: [&str; 12] = [
    "BasicAgentAccess",
    "OutboundCallAccess",
    "Users.View",
    "Queues.View",
    "RoutingPolicies.View",
    "ContactFlows.View",
    "HoursOfOperation.View",
    "AgentStates.View",
    "SecurityProfiles.View",
    "AgentGrouping.View",
    "Prompts.View",
    "ContactSearch.View",
];

fn base() -> Value {
    common::profile("TeamLead", &BASE)
}

/// `diff --format json --fail-on-escalation` of a template holding `base()` against one
/// holding `new` (with the same logical ID), plus the report.
fn gate(label: &str, old: Value, new: Value) -> (Run, Value) {
    let dir = temp_dir(&format!("gate-{label}"));
    let old = write_json(&dir, "old.json", &template(&[("TeamLead1", old)]));
    let new = write_json(&dir, "new.json", &new);
    let (r, v) = common::diff_gate_json(&old, &new);
    (r, v)
}

fn escalations(v: &Value) -> Vec<(String, String)> {
    v["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["detail"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `audit --fail-on error --format json` of `template`.
fn audit(label: &str, template: &Value) -> (Run, Value) {
    let dir = temp_dir(&format!("gate-audit-{label}"));
    let file = write_json(&dir, "t.json", template);
    let r = run(["audit", "--fail-on", "error", "--format", "json", s(&file)]);
    common::assert_no_panic(&r);
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:#?}"));
    (r, v)
}

/// Every finding of an audit report, profiles' and across profiles', as (rule, severity, at
/// or message).
fn findings(v: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for p in v["profiles"].as_array().unwrap() {
        for f in p["findings"].as_array().unwrap() {
            out.push((
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["at"].as_str().unwrap_or_default().to_owned(),
            ));
        }
    }
    for f in v["cross_profile_findings"].as_array().unwrap() {
        out.push((
            f["rule"].as_str().unwrap().to_owned(),
            f["severity"].as_str().unwrap().to_owned(),
            f["message"].as_str().unwrap().to_owned(),
        ));
    }
    out
}

fn with_props(
    mut resource: Value,
    change: impl FnOnce(&mut serde_json::Map<String, Value>),
) -> Value {
    change(resource["Properties"].as_object_mut().unwrap());
    resource
}

/// The escalation the issue hid behind `Fn::Split`: the old permissions plus two sensitive
/// ones, as one comma-separated string.
fn split_permissions() -> Value {
    json!({"Fn::Split": [",", format!("{},Users.Delete,SecurityProfiles.Edit", BASE.join(","))]})
}

#[test]
fn permissions_written_as_a_function_are_an_escalation_and_an_audit_error() {
    let hidden = with_props(base(), |p| {
        p.insert("Permissions".into(), split_permissions());
    });
    let (r, v) = gate(
        "fn-split",
        base(),
        template(&[("TeamLead1", hidden.clone())]),
    );
    assert_eq!(r.code, 1, "{r:#?}");
    let found = escalations(&v);
    assert!(
        found.iter().any(|(kind, detail)| kind == "unevaluable"
            && detail.starts_with("Resources.TeamLead1.Properties.Permissions: {\"Fn::Split\"")),
        "{found:#?}"
    );
    let (r, v) = audit("fn-split", &template(&[("TeamLead1", hidden)]));
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        findings(&v).contains(&(
            "UnevaluableAccess".into(),
            "error".into(),
            "Permissions".into()
        )),
        "{:#?}",
        findings(&v)
    );
}

#[test]
fn fn_transform_inside_properties_is_an_escalation_and_an_audit_error() {
    let hidden = with_props(base(), |p| {
        p.insert(
            "Fn::Transform".into(),
            json!({"Name": "AWS::Include", "Parameters": {"Location": "s3://bucket/more-permissions.json"}}),
        );
    });
    let (r, v) = gate(
        "fn-transform",
        base(),
        template(&[("TeamLead1", hidden.clone())]),
    );
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        escalations(&v)
            .iter()
            .any(|(kind, detail)| kind == "unevaluable"
                && detail.starts_with("Resources.TeamLead1.Properties.Fn::Transform:")),
        "{:#?}",
        escalations(&v)
    );
    let (r, v) = audit("fn-transform", &template(&[("TeamLead1", hidden)]));
    assert_eq!(r.code, 1);
    assert!(
        findings(&v)
            .iter()
            .any(|(rule, sev, at)| rule == "UnevaluableAccess"
                && sev == "error"
                && at == "Fn::Transform"),
        "{:#?}",
        findings(&v)
    );
}

#[test]
fn a_function_in_a_restriction_or_an_item_is_an_escalation() {
    for (label, change) in [
        (
            "tag-key",
            json!([{"Key": {"Ref": "TagKey"}, "Value": "Sales"}]),
        ),
        (
            "item",
            json!(["BasicAgentAccess", {"Fn::If": ["Prod", "Users.View", "Users.Delete"]}]),
        ),
    ] {
        let property = if label == "tag-key" {
            "AllowedAccessControlTags"
        } else {
            "Permissions"
        };
        let hidden = with_props(base(), |p| {
            p.insert(property.into(), change.clone());
        });
        let (r, v) = gate(label, base(), template(&[("TeamLead1", hidden)]));
        assert_eq!(r.code, 1, "{label}: {r:#?}");
        assert!(
            escalations(&v)
                .iter()
                .any(|(kind, detail)| kind == "unevaluable" && detail.contains(property)),
            "{label}: {:#?}",
            escalations(&v)
        );
    }
}

/// A nested stack whose template would define a profile with `SecurityProfiles.Edit` and
/// `Users.Delete`: switchboard cannot see it, so it cannot say "no changes".
#[test]
fn a_nested_stack_is_an_escalation_and_an_audit_error() {
    let nested = json!({
        "Type": "AWS::CloudFormation::Stack",
        "Properties": {"TemplateURL": "https://s3.amazonaws.com/bucket/admins.template.json"}
    });
    let new = template(&[("TeamLead1", base()), ("Admins", nested)]);
    let (r, v) = gate("nested-stack", base(), new.clone());
    assert_eq!(r.code, 1, "{r:#?}");
    assert_eq!(v["unevaluable"][0]["path"], "Resources.Admins", "{v:#}");
    assert!(
        escalations(&v)
            .iter()
            .any(|(kind, detail)| kind == "unevaluable"
                && detail.contains("nested stack (AWS::CloudFormation::Stack)")),
        "{:#?}",
        escalations(&v)
    );
    let (r, v) = audit("nested-stack", &new);
    assert_eq!(r.code, 1);
    assert!(
        findings(&v)
            .iter()
            .any(|(rule, sev, msg)| rule == "UnevaluableAccess"
                && sev == "error"
                && msg.contains("Resources.Admins")),
        "{:#?}",
        findings(&v)
    );
}

#[test]
fn a_template_transform_is_an_escalation_and_an_audit_error() {
    let mut new = template(&[("TeamLead1", base())]);
    new["Transform"] = json!(["SomeMacro"]);
    let (r, v) = gate("transform", base(), new.clone());
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        escalations(&v)
            .iter()
            .any(|(kind, detail)| kind == "unevaluable" && detail.starts_with("Transform:")),
        "{:#?}",
        escalations(&v)
    );
    let (r, v) = audit("transform", &new);
    assert_eq!(r.code, 1);
    assert!(
        findings(&v)
            .iter()
            .any(|(rule, _, msg)| rule == "UnevaluableAccess" && msg.contains("SomeMacro")),
        "{:#?}",
        findings(&v)
    );
    // `Fn::Transform` in place of resources (AWS::Include) too.
    let mut new = template(&[("TeamLead1", base())]);
    new["Resources"]["Fn::Transform"] =
        json!({"Name": "AWS::Include", "Parameters": {"Location": "s3://b/profiles.json"}});
    let (r, v) = gate("resources-transform", base(), new);
    assert_eq!(r.code, 1, "{r:#?}");
    assert_eq!(
        v["unevaluable"][0]["path"], "Resources.Fn::Transform",
        "{v:#}"
    );
}

/// `Applications` gaining a namespace and its permissions.
#[test]
fn a_change_inside_an_unmodelled_property_is_an_escalation() {
    let apps = |permissions: &[&str]| {
        with_props(base(), |p| {
            p.insert(
                "Applications".into(),
                json!([{"Namespace": "arn:aws:app-integrations:us-east-1:1:application/crm", "ApplicationPermissions": permissions}]),
            );
        })
    };
    let old = apps(&["ACTION_1"]);
    let (r, v) = gate(
        "applications",
        old.clone(),
        template(&[("TeamLead1", apps(&["ACTION_1", "ACTION_2"]))]),
    );
    assert_eq!(r.code, 1, "{r:#?}");
    assert_eq!(
        escalations(&v)
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        ["unmodelled_property_changed"]
    );
    let change = &v["changed"][0]["unmodelled_changes"][0];
    assert_eq!(change["property"], "Applications");
    assert!(
        change["new"].as_str().unwrap().contains("ACTION_2"),
        "{change:#}"
    );
    // The same data written with other key order and spacing is no change.
    let mut reordered = apps(&["ACTION_1"]);
    reordered["Properties"]["Applications"] = serde_json::from_str(
        r#"[{"ApplicationPermissions": ["ACTION_1"],   "Namespace": "arn:aws:app-integrations:us-east-1:1:application/crm"}]"#,
    )
    .unwrap();
    let (r, v) = gate(
        "applications-same",
        old,
        template(&[("TeamLead1", reordered)]),
    );
    assert_eq!(r.code, 0, "{v:#}");
    assert!(escalations(&v).is_empty());
}

/// The issue's case: diff called a duplicated access-control tag key "tightened" while audit
/// called the same template an error.
#[test]
fn a_duplicated_access_control_tag_key_is_judged_once() {
    let restricted = |tags: Value| {
        with_props(base(), |p| {
            p.insert("AllowedAccessControlTags".into(), tags);
            p.insert(
                "TagRestrictedResources".into(),
                json!(["User", "SecurityProfile"]),
            );
        })
    };
    let old = restricted(json!([{"Key": "Department", "Value": "Sales"}]));
    let new = restricted(json!([
        {"Key": "Department", "Value": "Sales"},
        {"Key": "Department", "Value": "Support"}
    ]));
    let (r, v) = gate(
        "duplicate-tag-key",
        old,
        template(&[("TeamLead1", new.clone())]),
    );
    assert_eq!(r.code, 1, "{r:#?}");
    let change = &v["changed"][0]["restriction_changes"][0];
    assert_eq!(change["property"], "AllowedAccessControlTags");
    assert_eq!(change["loosens"], true, "{v:#}");
    assert!(
        escalations(&v)
            .iter()
            .any(|(kind, detail)| kind == "unevaluable"
                && detail.contains("`Department` is given twice")),
        "{:#?}",
        escalations(&v)
    );
    let (_, v) = audit("duplicate-tag-key", &template(&[("TeamLead1", new)]));
    assert!(
        findings(&v)
            .iter()
            .any(|(rule, sev, _)| rule == "DuplicateTagKey" && sev == "error"),
        "{:#?}",
        findings(&v)
    );
}

/// Writes `manifest.json` in `dir` with the given artifacts.
fn manifest(dir: &Path, artifacts: Value) {
    std::fs::create_dir_all(dir).unwrap();
    write_json(
        dir,
        "manifest.json",
        &json!({"version": "36.0.0", "artifacts": artifacts}),
    );
}

fn stack(template_file: &str) -> Value {
    json!({"type": "aws:cloudformation:stack", "properties": {"templateFile": template_file}})
}

fn nested(directory: &str) -> Value {
    json!({"type": "cdk:cloud-assembly", "properties": {"directoryName": directory}})
}

/// Nine nested assemblies, each nesting every later one (no cycle): the old reader followed
/// every path, reading the last one's template 256 times and reporting its profile 256 times.
#[test]
fn nested_manifests_are_read_once_each() {
    let dir = temp_dir("gate-diamond");
    // The outermost manifest (0) nests 1..8; each of those nests every later sibling.
    let place = |i: usize| {
        if i == 0 {
            dir.clone()
        } else {
            dir.join(format!("a{i}"))
        }
    };
    for i in 0..9 {
        let mut artifacts = serde_json::Map::new();
        for j in i + 1..9 {
            let path = if i == 0 {
                format!("a{j}")
            } else {
                format!("../a{j}")
            };
            artifacts.insert(format!("N{j}"), nested(&path));
        }
        std::fs::create_dir_all(place(i)).unwrap();
        if i == 8 {
            artifacts.insert("S".into(), stack("S.template.json"));
            write_json(
                &place(8),
                "S.template.json",
                &template(&[("A", common::profile("Agent2", &["BasicAgentAccess"]))]),
            );
        }
        manifest(&place(i), Value::Object(artifacts));
    }
    let r = run(["audit", "--format", "json", s(&dir)]);
    assert_eq!(r.code, 0, "{r:#?}");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["profiles"], 1, "{v:#}");
    assert_eq!(v["inputs"].as_array().unwrap().len(), 1, "{v:#}");
}

/// Nine manifests pointing at each other in a ring: a clear error, at once.
#[test]
fn manifests_nested_in_a_cycle_are_an_error() {
    let dir = temp_dir("gate-cycle");
    let mut path = dir.clone();
    let mut chain = vec![path.clone()];
    for i in 1..9 {
        path = path.join(format!("a{i}"));
        chain.push(path.clone());
    }
    let up = (1..9).map(|_| "..").collect::<Vec<_>>().join("/");
    for (i, d) in chain.iter().enumerate() {
        let next = if i + 1 < chain.len() {
            format!("a{}", i + 1)
        } else {
            up.clone()
        };
        manifest(
            d,
            json!({"Next": nested(&next), "S": stack("S.template.json")}),
        );
        write_json(
            d,
            "S.template.json",
            &template(&[(
                "A",
                common::profile(&format!("P{i}"), &["BasicAgentAccess"]),
            )]),
        );
    }
    let r = run(["audit", s(&dir)]);
    r.assert_bad_input("manifest.json", "the cloud assemblies nest in a cycle");
}

#[test]
fn every_input_is_bounded() {
    let dir = temp_dir("gate-budget");
    // 15 MiB, under the 16 MiB of one file; five of them are more than a run reads.
    let mut big = template(&[("A", common::profile("Agent2", &["BasicAgentAccess"]))]);
    big["Metadata"] = json!({"Padding": "x".repeat(15 * 1024 * 1024)});
    let file = write_json(&dir, "big.json", &big);
    let f = s(&file);
    let r = run(["audit", f, f, f, f, f]);
    r.assert_bad_input("big.json", "the most switchboard reads in one run");
}

/// Runs `switchboard ARGS`, killing it after `secs` seconds: a hang is a failure, not a stuck
/// test run.
fn run_bounded(args: &[&str], secs: u64) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "switchboard {args:?} still ran after {secs} s: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_manifest_cannot_lead_outside_the_assembly_or_to_special_files() {
    let dir = temp_dir("gate-confined");
    write_json(
        &dir,
        "outside.template.json",
        &template(&[("A", common::profile("Secret", &["BasicAgentAccess"]))]),
    );
    let cases: [(&str, &str); 3] = [
        ("dotdot", "../outside.template.json"),
        ("absolute", "/etc/passwd"),
        ("kmsg", "/proc/kmsg"),
    ];
    for (label, template_file) in cases {
        let asm = dir.join(label);
        manifest(&asm, json!({"S": stack(template_file)}));
        let r = run_bounded(&["audit", s(&asm)], 30);
        if label == "kmsg" && !Path::new("/proc/kmsg").exists() {
            continue;
        }
        r.assert_bad_input("manifest.json", "outside the assembly directory");
    }
    // A symbolic link inside the assembly to a file outside it.
    let asm = dir.join("link");
    manifest(&asm, json!({"S": stack("S.template.json")}));
    std::os::unix::fs::symlink(
        dir.join("outside.template.json"),
        asm.join("S.template.json"),
    )
    .unwrap();
    run_bounded(&["audit", s(&asm)], 30)
        .assert_bad_input("manifest.json", "outside the assembly directory");
    // A FIFO inside the assembly.
    let asm = dir.join("fifo");
    manifest(&asm, json!({"S": stack("S.template.json")}));
    mkfifo(&asm.join("S.template.json"));
    run_bounded(&["audit", s(&asm)], 30).assert_bad_input("S.template.json", "is a FIFO");
}

#[test]
fn special_files_on_the_command_line_are_refused_not_waited_on() {
    let dir = temp_dir("gate-special");
    let fifo = dir.join("template.json");
    mkfifo(&fifo);
    run_bounded(&["audit", s(&fifo)], 30).assert_bad_input("template.json", "is a FIFO");
    run_bounded(&["diff", s(&fifo), s(&fifo)], 30).assert_bad_input("template.json", "is a FIFO");
    run_bounded(&["audit", "/dev/zero"], 30).assert_bad_input("/dev/zero", "is a character device");
}

fn report_template(dir: &Path) -> PathBuf {
    write_json(
        dir,
        "t.json",
        &template(&[("A", common::profile("Agent2", &["BasicAgentAccess"]))]),
    )
}

#[test]
fn output_writes_through_devices_and_never_replaces_links() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = temp_dir("gate-output");
    let input = report_template(&dir);
    // A device is written through, not replaced by a regular file.
    let r = run(["audit", s(&input), "-o", "/dev/null"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A link is refused: neither the link nor the file it points to changes.
    let target = dir.join("target.txt");
    std::fs::write(&target, "keep").unwrap();
    let link = dir.join("report.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = run(["audit", s(&input), "-o", s(&link)]);
    r.assert_bad_input("report.txt", "is a symbolic link");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    // A regular file is replaced whole, keeping its permissions, and no temporary file is
    // left beside it.
    let out = dir.join("out.txt");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let r = run(["audit", s(&input), "-o", s(&out)]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("switchboard audit")
    );
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("switchboard"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The old temporary name was `.NAME.switchboard-PID.tmp`: a link planted under every name
/// the next PIDs would give is never followed.
#[test]
fn output_never_follows_a_planted_link() {
    let dir = temp_dir("gate-planted");
    let input = report_template(&dir);
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let first = std::process::id();
    for pid in first..first + 2000 {
        let _ = std::os::unix::fs::symlink(
            &victim,
            dir.join(format!(".out.txt.switchboard-{pid}.tmp")),
        );
    }
    let out = dir.join("out.txt");
    let r = run(["audit", s(&input), "-o", s(&out)]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("switchboard audit")
    );
}

/// The part of a Markdown line outside code spans (a run of N backticks opens a span that
/// only a run of exactly N backticks closes) and outside HTML `<code>` elements.
fn outside_code(line: &str) -> String {
    let mut line = line.to_owned();
    while let Some(start) = line.find("<code>") {
        let Some(end) = line[start..].find("</code>") else {
            break;
        };
        line.replace_range(start..start + end + "</code>".len(), "");
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let mut n = 0;
            while i + n < chars.len() && chars[i + n] == '`' {
                n += 1;
            }
            // Find the closing run of exactly n.
            let mut j = i + n;
            let mut closed = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let mut m = 0;
                    while j + m < chars.len() && chars[j + m] == '`' {
                        m += 1;
                    }
                    if m == n {
                        closed = Some(j + m);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match closed {
                Some(end) => i = end,
                None => {
                    out.extend(&chars[i..i + n]);
                    i += n;
                }
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The issue's forged comment: a profile name that closes the table, forges a "no
/// escalations" heading, a link and an @-mention, and opens a fence that would swallow the
/// table showing `Users.Delete`.
#[test]
fn markdown_survives_hostile_names_descriptions_and_values() {
    let hostile = "Evil\n\n## switchboard diff: no escalations\n\n[approved](https://evil.example) @security-team see https://evil.example/x #1\n```\n<img src=x onerror=alert(1)>";
    let mut resource = common::profile(hostile, &["BasicAgentAccess", "Users.Delete"]);
    resource["Properties"]["Description"] = json!(hostile);
    resource["Properties"]["AllowedAccessControlTags"] = json!([{"Key": "D", "Value": hostile}]);
    resource["Properties"]["TagRestrictedResources"] = json!(["User", "SecurityProfile"]);
    let mut old = common::profile("Old", &["BasicAgentAccess"]);
    old["Properties"]["AllowedAccessControlTags"] = json!([{"Key": "D", "Value": "x"}]);
    old["Properties"]["TagRestrictedResources"] = json!(["User", "SecurityProfile"]);
    let dir = temp_dir("gate-markdown");
    let old = write_json(&dir, "old.json", &template(&[("A", old)]));
    let new = write_json(&dir, "new.json", &template(&[("A", resource)]));
    let diff = run(["diff", "--format", "markdown", s(&old), s(&new)]);
    let audit = run(["audit", "--format", "markdown", s(&new)]);
    for (what, r) in [("diff", diff), ("audit", audit)] {
        common::assert_no_panic(&r);
        let md = &r.stdout;
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(headings.len(), 1, "{what}: {md}");
        assert!(!headings[0].contains("no escalations"), "{what}: {md}");
        for line in md.lines() {
            assert!(!line.starts_with("```"), "{what}: a fence: {line}");
            let prose = outside_code(line);
            for bad in ["@security", "https://", "](", "<img", "#1"] {
                assert!(
                    !prose.contains(bad),
                    "{what}: {bad:?} outside code in {line:?}"
                );
            }
        }
        assert!(md.contains("`Users.Delete`"), "{what}: {md}");
    }
}

const ESCAPES: [&str; 2] = ["\u{1b}]0;pwned\u{7}", "\u{1b}[2J"];

fn assert_terminal_safe(what: &str, text: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}'] {
        assert!(
            !text.contains(bad),
            "{what}: U+{:04X} reached the terminal: {text:?}",
            bad as u32
        );
    }
}

#[test]
fn terminal_escapes_never_reach_the_terminal() {
    let dir = temp_dir("gate-terminal");
    let name = format!("Agent{}{}\u{202e}tnega\u{200b}", ESCAPES[0], ESCAPES[1]);
    let mut resource = common::profile(&name, &["BasicAgentAccess", "Users.Edit"]);
    resource["Properties"]["Description"] = json!(name);
    resource["Properties"]["Applications"] = json!([]);
    let t = template(&[("A", resource.clone())]);
    // A file name with escapes too, for the notes and errors that name it.
    let file = write_json(&dir, &format!("t{}.json", ESCAPES[1]), &t);
    let empty = write_json(&dir, "empty.json", &template(&[]));
    for args in [
        vec!["import", s(&file)],
        vec!["audit", s(&file)],
        vec!["diff", s(&empty), s(&file)],
        vec!["diff", s(&file), s(&empty)],
    ] {
        let r = run(&args);
        common::assert_no_panic(&r);
        assert_terminal_safe(&format!("{args:?} stdout"), &r.stdout);
        assert_terminal_safe(&format!("{args:?} stderr"), &r.stderr);
    }
    // Errors name the file and quote the input.
    let bad = dir.join(format!("bad{}.json", ESCAPES[0]));
    std::fs::write(
        &bad,
        format!(
            "{{\"Resources\": {{\"{}\": 3}}}}",
            ESCAPES[1].replace('\u{1b}', "\\u001b")
        ),
    )
    .unwrap();
    let r = run(["audit", s(&bad)]);
    assert_eq!(r.code, 2, "{r:#?}");
    assert_terminal_safe("error", &r.stderr);
    assert!(r.stderr.contains("\\u{1b}"), "{r:#?}");
}

/// A stack of `n` profiles named `{prefix}{i}`, each with a permission set of its own drawn
/// from the catalog, so every rename is paired by content.
fn renamed(prefix: &str, n: usize, extra: bool) -> Value {
    let catalog: Vec<&str> = switchboard_core::catalog::PERMISSIONS
        .iter()
        .map(|p| p.api)
        .collect();
    let mut resources = serde_json::Map::new();
    for i in 0..n {
        // Five permissions per profile, a different combination for each.
        let mut set: Vec<&str> = (0..5)
            .map(|k| catalog[(i * 7 + k * (1 + i / catalog.len())) % catalog.len()])
            .collect();
        set.sort_unstable();
        set.dedup();
        let mut perms: Vec<String> = set.iter().map(|p| (*p).to_owned()).collect();
        perms.push(format!("Unique.{i}"));
        if extra {
            perms.push("Extra.Permission".into());
        }
        resources.insert(
            format!("{prefix}{i}"),
            json!({"Type": "AWS::Connect::SecurityProfile", "Properties": {"SecurityProfileName": format!("{prefix}{i}"), "Permissions": perms}}),
        );
    }
    json!({"Resources": resources})
}

/// The issue's worst case for matching: every profile renamed. Pairing goes through indexes
/// (identical sets) and a bounded similarity pass, so 10,000 renames are all paired.
#[test]
fn renaming_every_profile_is_matched_by_content() {
    let old = serde_json::to_vec(&renamed("Old", 10_000, false)).unwrap();
    let new = serde_json::to_vec(&renamed("New", 10_000, false)).unwrap();
    let old = switchboard_cli::input::load_documents([("old.json", old.as_slice())]).unwrap();
    let new = switchboard_cli::input::load_documents([("new.json", new.as_slice())]).unwrap();
    let report = switchboard_cli::diff::diff(&old, &new);
    assert_eq!(report.changed.len(), 10_000);
    assert!(report.added.is_empty() && report.removed.is_empty());
    assert!(report.changed.iter().all(|c| !c.replacement.is_empty()));
}

/// Renames that also changed permissions need pairwise comparison; beyond
/// `MAX_SIMILARITY_PAIRS` in a stack they are left added and removed (each addition an
/// escalation), where the old matcher compared every pair.
#[test]
fn similarity_pairing_is_bounded() {
    use switchboard_cli::diff::MAX_SIMILARITY_PAIRS;
    let small = 100;
    let large = 400;
    assert!(small * small <= MAX_SIMILARITY_PAIRS && large * large > MAX_SIMILARITY_PAIRS);
    for (n, paired) in [(small, true), (large, false)] {
        let old = serde_json::to_vec(&renamed("Old", n, false)).unwrap();
        let new = serde_json::to_vec(&renamed("New", n, true)).unwrap();
        let old = switchboard_cli::input::load_documents([("old.json", old.as_slice())]).unwrap();
        let new = switchboard_cli::input::load_documents([("new.json", new.as_slice())]).unwrap();
        let report = switchboard_cli::diff::diff(&old, &new);
        if paired {
            assert_eq!(report.changed.len(), n, "{n}");
        } else {
            assert_eq!(report.added.len(), n, "{n}");
            assert!(
                report
                    .escalations
                    .iter()
                    .filter(|e| e.kind == switchboard_cli::diff::EscalationKind::NewProfile)
                    .count()
                    == n
            );
        }
    }
}

#[test]
fn an_unchanged_assembly_with_nothing_hidden_still_passes() {
    let dir = temp_dir("gate-unchanged");
    let t = template(&[("TeamLead1", base())]);
    let old = assembly(&dir.join("old"), &t);
    let new = assembly(&dir.join("new"), &t);
    let r = run(["diff", "--fail-on-escalation", s(&old), s(&new)]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(
        r.stdout.contains("no changes to security profiles"),
        "{r:#?}"
    );
}
