//! Every subcommand that reads files, on every kind of bad input: a clear error on stderr that
//! names the file and the reason, exit code 2, nothing on stdout, no output file, no panic.

mod common;

use std::path::{Path, PathBuf};

use common::{run, s, temp_dir};
use serde_json::json;

/// One bad input: how to make it and what the error must say.
struct Case {
    name: &'static str,
    /// The path given on the command line, made in `dir`.
    make: fn(&Path) -> PathBuf,
    /// What stderr must contain (besides the file's name).
    reason: &'static str,
    /// The file the error must name (defaults to the path's file name).
    names: Option<&'static str>,
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn profile_with(props: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"Resources": {"P": {"Type": "AWS::Connect::SecurityProfile", "Properties": props}}})).unwrap()
}

fn garbage() -> Vec<u8> {
    // A fixed pseudo-random byte sequence, zeros and invalid UTF-8 included.
    let mut x: u32 = 0x2545_f491;
    (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "malformed.json",
            make: |d| file(d, "malformed.json", b"{\"Resources\": {"),
            reason: "not valid JSON",
            names: None,
        },
        Case {
            name: "trailing.json",
            make: |d| file(d, "trailing.json", b"{} x"),
            reason: "not valid JSON: trailing characters",
            names: None,
        },
        Case {
            name: "empty.json",
            make: |d| file(d, "empty.json", b""),
            reason: "the file is empty",
            names: None,
        },
        Case {
            name: "blank.json",
            make: |d| file(d, "blank.json", b" \n\t\n"),
            reason: "the file is empty",
            names: None,
        },
        Case {
            name: "garbage.bin",
            make: |d| file(d, "garbage.bin", &garbage()),
            reason: "binary data",
            names: None,
        },
        Case {
            name: "template.yaml",
            make: |d| {
                file(d, "template.yaml", b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::Connect::SecurityProfile\n")
            },
            reason: "YAML is not supported",
            names: None,
        },
        Case {
            name: "number.json",
            make: |d| file(d, "number.json", b"42"),
            reason: "the document is a number",
            names: None,
        },
        Case {
            name: "empty-object.json",
            make: |d| file(d, "empty-object.json", b"{}"),
            reason: "found an empty object",
            names: None,
        },
        Case {
            name: "unknown.json",
            make: |d| file(d, "unknown.json", b"{\"foo\": 1, \"bar\": 2}"),
            reason: "found the keys bar, foo",
            names: None,
        },
        Case {
            name: "resources-array.json",
            make: |d| file(d, "resources-array.json", b"{\"Resources\": []}"),
            reason: "Resources: expected an object, found an array",
            names: None,
        },
        Case {
            name: "resource-string.json",
            make: |d| {
                file(
                    d,
                    "resource-string.json",
                    b"{\"Resources\": {\"P\": \"x\"}}",
                )
            },
            reason: "Resources.P: expected an object, found a string",
            names: None,
        },
        Case {
            name: "no-type.json",
            make: |d| file(d, "no-type.json", b"{\"Resources\": {\"P\": {}}}"),
            reason: "Resources.P: the resource has no `Type`",
            names: None,
        },
        Case {
            name: "properties-string.json",
            make: |d| {
                file(d, "properties-string.json", b"{\"Resources\": {\"P\": {\"Type\": \"AWS::Connect::SecurityProfile\", \"Properties\": \"x\"}}}")
            },
            reason: "Resources.P.Properties: expected an object, found a string",
            names: None,
        },
        Case {
            name: "permissions-string.json",
            make: |d| {
                file(
                    d,
                    "permissions-string.json",
                    &profile_with(json!({"SecurityProfileName": "A", "Permissions": "Users.Edit"})),
                )
            },
            reason: "Resources.P.Properties.Permissions: expected an array of strings, found a string",
            names: None,
        },
        Case {
            name: "permission-number.json",
            make: |d| {
                file(
                    d,
                    "permission-number.json",
                    &profile_with(
                        json!({"SecurityProfileName": "A", "Permissions": ["BasicAgentAccess", 7]}),
                    ),
                )
            },
            reason: "Resources.P.Properties.Permissions[1]: expected a string, found a number",
            names: None,
        },
        Case {
            name: "tags-object.json",
            make: |d| {
                file(
                    d,
                    "tags-object.json",
                    &profile_with(json!({"SecurityProfileName": "A", "Tags": {"Team": "x"}})),
                )
            },
            reason: "Resources.P.Properties.Tags: expected an array of {\"Key\", \"Value\"} objects, found an object",
            names: None,
        },
        Case {
            name: "tag-without-key.json",
            make: |d| {
                file(
                    d,
                    "tag-without-key.json",
                    &profile_with(json!({"SecurityProfileName": "A", "Tags": [{"Value": "x"}]})),
                )
            },
            reason: "Resources.P.Properties.Tags[0]: the tag has no `Key`",
            names: None,
        },
        Case {
            name: "name-array.json",
            make: |d| {
                file(
                    d,
                    "name-array.json",
                    &profile_with(json!({"SecurityProfileName": ["A"]})),
                )
            },
            reason: "Resources.P.Properties.SecurityProfileName: expected a string, found an array",
            names: None,
        },
        Case {
            name: "metadata-shape.json",
            make: |d| {
                file(d, "metadata-shape.json", &serde_json::to_vec(&json!({"Resources": {"P": {"Type": "AWS::Connect::SecurityProfile", "Properties": {"SecurityProfileName": "A"}, "Metadata": {"Switchboard": {"ImpliedPermissions": "Users.View"}}}}})).unwrap())
            },
            reason: "Resources.P.Metadata.Switchboard.ImpliedPermissions: expected an array of strings",
            names: None,
        },
        Case {
            name: "list-profiles.json",
            make: |d| {
                file(
                    d,
                    "list-profiles.json",
                    b"{\"SecurityProfileSummaryList\": [{\"Id\": \"x\", \"Name\": \"Agent\"}]}",
                )
            },
            reason: "aws connect list-security-profiles",
            names: None,
        },
        Case {
            name: "describe-no-name.json",
            make: |d| {
                file(
                    d,
                    "describe-no-name.json",
                    b"{\"SecurityProfile\": {\"Id\": \"x\"}, \"Permissions\": []}",
                )
            },
            reason: "SecurityProfile: the profile has no `SecurityProfileName`",
            names: None,
        },
        Case {
            name: "describe-string.json",
            make: |d| {
                file(
                    d,
                    "describe-string.json",
                    b"{\"SecurityProfile\": \"Agent\"}",
                )
            },
            reason: "SecurityProfile: expected an object, found a string",
            names: None,
        },
        Case {
            name: "permissions-object.json",
            make: |d| {
                file(
                    d,
                    "permissions-object.json",
                    b"{\"Permissions\": {\"a\": 1}}",
                )
            },
            reason: "Permissions: expected an array of strings, found an object",
            names: None,
        },
        Case {
            name: "next-token.json",
            make: |d| {
                file(d, "next-token.json", b"{\"SecurityProfile\": {\"SecurityProfileName\": \"A\"}, \"Permissions\": [\"BasicAgentAccess\"], \"NextToken\": \"abc\"}")
            },
            reason: "the permission list is incomplete",
            names: None,
        },
        Case {
            name: "array-of-describes.json",
            make: |d| {
                file(
                    d,
                    "array-of-describes.json",
                    b"[{\"SecurityProfile\": {\"SecurityProfileName\": \"A\"}}]",
                )
            },
            reason: "[0]: each element of an array must hold both",
            names: None,
        },
        Case {
            name: "orphan.permissions.json",
            make: |d| {
                file(
                    d,
                    "orphan.permissions.json",
                    b"{\"Permissions\": [\"BasicAgentAccess\"]}",
                )
            },
            reason: "list-security-profile-permissions output without its profile",
            names: None,
        },
        Case {
            name: "deep.json",
            make: |d| {
                let mut bytes = vec![b'['; 100_000];
                bytes.extend(vec![b']'; 100_000]);
                file(d, "deep.json", &bytes)
            },
            reason: "recursion limit exceeded",
            names: None,
        },
        Case {
            name: "huge.json",
            make: |d| {
                let path = d.join("huge.json");
                let f = std::fs::File::create(&path).unwrap();
                f.set_len(17 * 1024 * 1024).unwrap();
                path
            },
            reason: "switchboard reads files of at most 16777216 bytes",
            names: None,
        },
        Case {
            name: "not-an-assembly",
            make: |d| {
                let path = d.join("not-an-assembly");
                std::fs::create_dir_all(&path).unwrap();
                path
            },
            reason: "is a directory without manifest.json",
            names: None,
        },
        Case {
            name: "missing.json",
            make: |d| d.join("missing.json"),
            reason: "no such file or directory",
            names: None,
        },
        Case {
            name: "assembly-missing-template",
            make: |d| {
                let path = d.join("assembly-missing-template");
                std::fs::create_dir_all(&path).unwrap();
                file(&path, "manifest.json", br#"{"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}}}"#);
                path
            },
            reason: "names the template \"S.template.json\", which is not a file in the assembly",
            names: Some("manifest.json"),
        },
        Case {
            name: "assembly-broken-manifest",
            make: |d| {
                let path = d.join("assembly-broken-manifest");
                std::fs::create_dir_all(&path).unwrap();
                file(&path, "manifest.json", b"{\"version\": ");
                path
            },
            reason: "not valid JSON",
            names: Some("manifest.json"),
        },
        Case {
            name: "assembly-bad-artifacts",
            make: |d| {
                let path = d.join("assembly-bad-artifacts");
                std::fs::create_dir_all(&path).unwrap();
                file(
                    &path,
                    "manifest.json",
                    b"{\"version\": \"36.0.0\", \"artifacts\": [1]}",
                );
                path
            },
            reason: "artifacts: expected an object, found an array",
            names: Some("manifest.json"),
        },
        Case {
            name: "assembly-nested-in-itself",
            make: |d| {
                let path = d.join("assembly-nested-in-itself");
                std::fs::create_dir_all(&path).unwrap();
                file(&path, "manifest.json", br#"{"version": "36.0.0", "artifacts": {"Me": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}}}}"#);
                path
            },
            reason: "the cloud assemblies nest in a cycle",
            names: Some("manifest.json"),
        },
        Case {
            name: "assembly-broken-template",
            make: |d| {
                let path = d.join("assembly-broken-template");
                std::fs::create_dir_all(&path).unwrap();
                file(&path, "manifest.json", br#"{"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}}}"#);
                file(&path, "S.template.json", &garbage());
                path
            },
            reason: "binary data",
            names: Some("S.template.json"),
        },
    ]
}

fn good_template(dir: &Path) -> PathBuf {
    common::write_json(
        dir,
        "good.template.json",
        &common::template(&[("A", common::profile("Agent2", &["BasicAgentAccess"]))]),
    )
}

#[test]
fn every_bad_input_is_a_clear_error_with_exit_code_2_and_no_output() {
    let dir = temp_dir("bad-input");
    let good = good_template(&dir);
    let out = dir.join("out.txt");
    let mut checked = 0;
    for case in cases() {
        let path = (case.make)(&dir);
        let names = case.names.unwrap_or(case.name);
        let p = s(&path);
        let g = s(&good);
        let o = s(&out);
        for args in [
            vec!["audit", p],
            vec!["audit", "--format", "html", "-o", o, g, p],
            vec!["diff", p, g],
            vec!["diff", "--format", "json", "-o", o, g, p],
            vec!["import", p],
            vec!["import", "-o", o, g, p],
        ] {
            let r = run(&args);
            println!("{}: {args:?}: {}", case.name, r.stderr.trim_end());
            r.assert_bad_input(names, case.reason);
            assert!(!out.exists(), "{}: {args:?} wrote {o}", case.name);
            checked += 1;
        }
    }
    assert_eq!(checked, cases().len() * 6);
}

#[test]
fn import_refuses_what_it_cannot_write() {
    let dir = temp_dir("import-refuses");
    let intrinsic = file(
        &dir,
        "intrinsic.json",
        &profile_with(
            json!({"SecurityProfileName": {"Fn::Sub": "${Env}-agent"}, "Permissions": ["BasicAgentAccess"]}),
        ),
    );
    run(["import", s(&intrinsic)]).assert_bad_input(
        "intrinsic.json",
        "Resources.P.Properties.SecurityProfileName is an intrinsic function",
    );
    let nameless = file(
        &dir,
        "nameless.json",
        &profile_with(json!({"Permissions": ["BasicAgentAccess"]})),
    );
    run(["import", s(&nameless)]).assert_bad_input("nameless.json", "has no SecurityProfileName");
    let none = file(
        &dir,
        "none.json",
        b"{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}",
    );
    let r = run(["import", s(&none)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no security profiles found"), "{r:#?}");
    // Audit and diff take the same files: an intrinsic is a finding, a missing name too.
    let r = run(["audit", "--format", "json", s(&intrinsic), s(&nameless)]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.contains("\"UnresolvedValue\""));
    assert!(r.stdout.contains("\"MissingName\""));
}

#[test]
fn audit_and_diff_take_an_empty_template() {
    let dir = temp_dir("no-profiles");
    let none = file(&dir, "none.json", b"{\"Resources\": {}}");
    let r = run(["audit", s(&none)]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("No security profiles found."));
    assert!(r.stderr.contains("no security profiles found"));
    let good = good_template(&dir);
    let r = run(["diff", "--fail-on-escalation", s(&none), s(&good)]);
    assert_eq!(r.code, 1, "a new profile is an escalation: {r:#?}");
}

#[test]
fn huge_values_inside_a_valid_file_are_findings_not_hangs() {
    let dir = temp_dir("huge-values");
    let long = "A".repeat(5 * 1024 * 1024);
    let f = file(
        &dir,
        "long.json",
        &profile_with(
            json!({"SecurityProfileName": long, "Description": long, "Permissions": [long]}),
        ),
    );
    let r = run(["audit", "--format", "json", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"PermissionLength\""));
    assert!(r.stdout.contains("\"NameLength\""));
    assert!(r.stdout.contains("\"DescriptionLength\""));
}
