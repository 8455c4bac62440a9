//! Hostile templates and cloud assemblies, generated, against the real binary: a pull request
//! controls the templates it changes, so a generated widening of access (visible or hidden
//! behind an intrinsic function, a transform, a nested stack, an unmodelled property, a
//! duplicated tag key) must never pass `diff --fail-on-escalation`, whatever the noise around
//! it (control characters, bidi overrides, Markdown in names, duplicate names, cyclic and
//! escaping manifests). Every run must end (no hang, no abort) with exit code 0, 1 or 2 and an
//! output of a size linear in the input's.
//!
//! Each case spawns the binary a few times, so the case count is small; `PROPTEST_CASES=N`
//! runs more.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value, json};

/// Permissions of the generated profiles; none of them is `Users.Delete`, which widenings add.
const POOL: [&str; 8] = [
    "BasicAgentAccess",
    "OutboundCallAccess",
    "Users.View",
    "Queues.View",
    "SecurityProfiles.View",
    "ContactSearch.View",
    "AgentStates.View",
    "RestrictTaskCreation.Access",
];

/// The intrinsic functions a widening hides behind.
const FUNCTIONS: [&str; 11] = [
    "Fn::Split",
    "Fn::Join",
    "Fn::If",
    "Fn::Select",
    "Fn::Transform",
    "Fn::Sub",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::ImportValue",
    "Fn::Base64",
    "Ref",
];

/// Characters a hostile name is made of: terminal escapes, bidi and zero-width characters,
/// Markdown and HTML, mentions, and plain letters.
const HOSTILE: [char; 24] = [
    '\u{1b}', '\u{7}', '\n', '\r', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}', '`', '#', '@',
    '|', '<', '>', '[', ']', '(', ')', '*', '_', 'a', 'B', ' ', '/',
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&HOSTILE[..]), 0..24)
        .prop_map(|chars| chars.into_iter().collect())
}

/// One way of widening the access of the first profile (or of the template).
#[derive(Debug, Clone)]
enum Widening {
    /// `Permissions` replaced by a function whose value adds `Users.Delete`.
    PermissionsFunction(&'static str),
    /// A function as one item of `Permissions`.
    ItemFunction(&'static str),
    /// `Users.Delete` added literally.
    AddPermission,
    /// `Fn::Transform` (AWS::Include) inside `Properties`.
    PropertiesTransform,
    /// `Properties` as a whole behind `Fn::If`.
    PropertiesFunction,
    /// A nested stack beside the profiles.
    NestedStack(&'static str),
    /// A template-level transform (macro).
    TemplateTransform(Value),
    /// `Fn::Transform` or `Fn::ForEach` in place of resources.
    ResourcesFunction(&'static str),
    /// An unmodelled property set, with literal data or a function in it.
    Unmodelled(&'static str, bool),
    /// The access-control tag key given twice.
    DuplicateTagKey,
    /// A function in place of a restriction.
    RestrictionFunction(&'static str, &'static str),
    /// The tag restriction removed.
    RemoveTags,
    /// The hierarchy group removed.
    RemoveHierarchyGroup,
    /// `RestrictTaskCreation.Access` removed.
    RemoveRestrictive,
    /// A new profile.
    NewProfile,
}

impl Widening {
    /// True when the access it adds is beyond what switchboard can read, so `audit` must
    /// report an error too.
    fn hidden(&self) -> bool {
        !matches!(
            self,
            Widening::AddPermission
                | Widening::Unmodelled(_, false)
                | Widening::RemoveTags
                | Widening::RemoveHierarchyGroup
                | Widening::RemoveRestrictive
                | Widening::NewProfile
        )
    }
}

fn widening() -> impl Strategy<Value = Widening> {
    let function = || prop::sample::select(&FUNCTIONS[..]);
    prop_oneof![
        function().prop_map(Widening::PermissionsFunction),
        function().prop_map(Widening::ItemFunction),
        Just(Widening::AddPermission),
        Just(Widening::PropertiesTransform),
        Just(Widening::PropertiesFunction),
        prop::sample::select(&["AWS::CloudFormation::Stack", "AWS::Serverless::Application"][..])
            .prop_map(Widening::NestedStack),
        prop::sample::select(vec![
            json!("AWS::Serverless-2016-10-31"),
            json!(["AWS::LanguageExtensions"]),
            json!(["SomeMacro"]),
            json!({"Name": "M"}),
        ])
        .prop_map(Widening::TemplateTransform),
        prop::sample::select(&["Fn::Transform", "Fn::ForEach::Profiles"][..])
            .prop_map(Widening::ResourcesFunction),
        (
            prop::sample::select(
                &[
                    "Applications",
                    "AllowedFlowModules",
                    "GranularAccessControlConfiguration",
                    "NotAProperty",
                ][..]
            ),
            any::<bool>()
        )
            .prop_map(|(p, f)| Widening::Unmodelled(p, f)),
        Just(Widening::DuplicateTagKey),
        (
            prop::sample::select(
                &[
                    "AllowedAccessControlTags",
                    "TagRestrictedResources",
                    "HierarchyRestrictedResources",
                    "AllowedAccessControlHierarchyGroupId",
                ][..]
            ),
            function()
        )
            .prop_map(|(p, f)| Widening::RestrictionFunction(p, f)),
        Just(Widening::RemoveTags),
        Just(Widening::RemoveHierarchyGroup),
        Just(Widening::RemoveRestrictive),
        Just(Widening::NewProfile),
    ]
}

/// A function of `name` whose arguments mention `Users.Delete`.
fn function(name: &str, list: bool) -> Value {
    let args = match name {
        "Ref" => json!("MorePermissions"),
        "Fn::Split" => json!([",", "BasicAgentAccess,Users.Delete"]),
        "Fn::Transform" => {
            json!({"Name": "AWS::Include", "Parameters": {"Location": "s3://b/Users.Delete.json"}})
        }
        _ if list => json!([
            "C",
            ["BasicAgentAccess", "Users.Delete"],
            ["BasicAgentAccess"]
        ]),
        _ => json!(["C", "Users.Delete", "BasicAgentAccess"]),
    };
    json!({ name: args })
}

/// A generated profile: a name (hostile or plain, duplicates likely), permissions from the
/// pool, and every restriction, so that removing one widens access.
#[derive(Debug, Clone)]
struct Generated {
    name: String,
    permissions: Vec<&'static str>,
    description: String,
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop_oneof![
            hostile_text(),
            prop::sample::select(&["Agent2", "agent2", "Lead", "Same"][..]).prop_map(String::from)
        ],
        prop::sample::subsequence(&POOL[..], 1..POOL.len()),
        hostile_text(),
    )
        .prop_map(|(name, permissions, description)| Generated {
            name,
            permissions,
            description,
        })
}

fn resource(p: &Generated) -> Value {
    json!({
        "Type": "AWS::Connect::SecurityProfile",
        "Properties": {
            "SecurityProfileName": p.name,
            "Description": p.description,
            "InstanceArn": {"Ref": "InstanceArn"},
            "Permissions": p.permissions,
            "AllowedAccessControlTags": [{"Key": "Department", "Value": "Sales"}],
            "TagRestrictedResources": ["User", "SecurityProfile"],
            "HierarchyRestrictedResources": ["User"],
            "AllowedAccessControlHierarchyGroupId": "group-1"
        }
    })
}

fn template_of(profiles: &[Generated]) -> Value {
    let mut resources = Map::new();
    for (i, p) in profiles.iter().enumerate() {
        resources.insert(format!("P{i}"), resource(p));
    }
    json!({"Resources": resources})
}

/// `old` with the widening applied to its first profile.
fn widen(old: &Value, widening: &Widening) -> Value {
    let mut new = old.clone();
    let resources = new["Resources"].as_object_mut().unwrap();
    let first = resources.get_mut("P0").unwrap();
    let props = first["Properties"].as_object_mut().unwrap();
    match widening {
        Widening::PermissionsFunction(f) => {
            props.insert("Permissions".into(), function(f, true));
        }
        Widening::ItemFunction(f) => props["Permissions"]
            .as_array_mut()
            .unwrap()
            .push(function(f, false)),
        Widening::AddPermission => props["Permissions"]
            .as_array_mut()
            .unwrap()
            .push(json!("Users.Delete")),
        Widening::PropertiesTransform => {
            props.insert(
                "Fn::Transform".into(),
                function("Fn::Transform", false)["Fn::Transform"].clone(),
            );
        }
        Widening::PropertiesFunction => {
            let mut wider = Value::Object(props.clone());
            wider["Permissions"]
                .as_array_mut()
                .unwrap()
                .push(json!("Users.Delete"));
            let narrower = Value::Object(props.clone());
            first["Properties"] = json!({"Fn::If": ["C", wider, narrower]});
        }
        Widening::NestedStack(kind) => {
            resources.insert(
                "Nested".into(),
                json!({"Type": kind, "Properties": {"TemplateURL": "https://b.s3.amazonaws.com/admins.json"}}),
            );
        }
        Widening::TemplateTransform(t) => new["Transform"] = t.clone(),
        Widening::ResourcesFunction(f) => {
            resources.insert(
                (*f).into(),
                function("Fn::Transform", false)["Fn::Transform"].clone(),
            );
        }
        Widening::Unmodelled(property, with_function) => {
            let value = if *with_function {
                json!([{"Namespace": {"Ref": "Namespace"}, "ApplicationPermissions": ["ACTION"]}])
            } else {
                json!([{"Namespace": "arn:aws:app-integrations:us-east-1:1:application/crm", "ApplicationPermissions": ["ACTION"]}])
            };
            props.insert((*property).into(), value);
        }
        Widening::DuplicateTagKey => props["AllowedAccessControlTags"]
            .as_array_mut()
            .unwrap()
            .push(json!({"Key": "Department", "Value": "Support"})),
        Widening::RestrictionFunction(property, f) => {
            props.insert((*property).into(), function(f, true));
        }
        Widening::RemoveTags => {
            props.remove("AllowedAccessControlTags");
            props.remove("TagRestrictedResources");
        }
        Widening::RemoveHierarchyGroup => {
            props.remove("AllowedAccessControlHierarchyGroupId");
        }
        Widening::RemoveRestrictive => {
            let permissions = props["Permissions"].as_array_mut().unwrap();
            if !permissions
                .iter()
                .any(|p| p == "RestrictTaskCreation.Access")
            {
                // Nothing to remove: widen another way.
                permissions.push(json!("Users.Delete"));
            }
            permissions.retain(|p| p != "RestrictTaskCreation.Access");
        }
        Widening::NewProfile => {
            resources.insert(
                "Extra".into(),
                json!({"Type": "AWS::Connect::SecurityProfile", "Properties": {
                    "SecurityProfileName": "ExtraProfileNeverGenerated", "Permissions": ["BasicAgentAccess"]}}),
            );
        }
    }
    new
}

/// How NEW is handed to the command: a template file, or a cloud assembly whose manifests
/// nest each other (cycles included) and may name files outside it.
#[derive(Debug, Clone)]
struct Delivery {
    /// `None`: the template file itself. `Some(edges)`: an assembly of `edges.len()`
    /// manifests, manifest `i` nesting each manifest of `edges[i]`.
    assembly: Option<Vec<Vec<usize>>>,
    /// A stack artifact naming a file outside the assembly.
    escape: bool,
}

fn delivery() -> impl Strategy<Value = Delivery> {
    prop_oneof![
        Just(Delivery {
            assembly: None,
            escape: false
        }),
        (1usize..5)
            .prop_flat_map(|n| {
                (
                    prop::collection::vec(prop::collection::vec(0..n, 0..3), n),
                    prop::bool::weighted(0.2),
                )
            })
            .prop_map(|(edges, escape)| Delivery {
                assembly: Some(edges),
                escape
            }),
    ]
}

/// Writes NEW as `delivery` says, in `dir`; returns the path to give the command.
fn deliver(dir: &Path, new: &Value, delivery: &Delivery) -> PathBuf {
    let Some(edges) = &delivery.assembly else {
        return common::write_json(dir, "new.json", new);
    };
    // Manifest 0 is the assembly's root; manifest i > 0 lives in `m{i}` under it, and names
    // the others by `../m{j}` (or `m{j}` from the root).
    let place = |i: usize| {
        if i == 0 {
            dir.join("asm")
        } else {
            dir.join("asm").join(format!("m{i}"))
        }
    };
    for (i, targets) in edges.iter().enumerate() {
        std::fs::create_dir_all(place(i)).unwrap();
        let mut artifacts = Map::new();
        for &j in targets {
            let directory = match (i, j) {
                (0, 0) => ".".to_owned(),
                (0, j) => format!("m{j}"),
                (_, 0) => "..".to_owned(),
                (_, j) => format!("../m{j}"),
            };
            artifacts.insert(
                format!("Nested{j}"),
                json!({"type": "cdk:cloud-assembly", "properties": {"directoryName": directory}}),
            );
        }
        if i == 0 {
            common::write_json(&place(0), "Stack.template.json", new);
            artifacts.insert(
                "Stack".into(),
                json!({"type": "aws:cloudformation:stack", "properties": {"templateFile": "Stack.template.json"}}),
            );
            if delivery.escape {
                artifacts.insert(
                    "Escape".into(),
                    json!({"type": "aws:cloudformation:stack", "properties": {"templateFile": "../../../etc/passwd"}}),
                );
            }
        }
        common::write_json(
            &place(i),
            "manifest.json",
            &json!({"version": "36.0.0", "artifacts": artifacts}),
        );
    }
    place(0)
}

/// One run of the binary, bounded in time; what it printed and its exit code.
struct Ran {
    code: Option<i32>,
    out: usize,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Result<Ran, TestCaseError> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("RUST_BACKTRACE")
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(TestCaseError::fail(format!(
                "{args:?} still ran after 60 s"
            )));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().unwrap();
    Ok(Ran {
        code: output.status.code(),
        out: output.stdout.len() + output.stderr.len(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// Exit 0, 1 or 2 (no signal, no abort), no panic, output linear in the input.
fn sane(what: &str, ran: &Ran, input_bytes: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        matches!(ran.code, Some(0..=2)),
        "{what}: exit {:?}: {}",
        ran.code,
        ran.stderr
    );
    prop_assert!(!ran.stderr.contains("panicked"), "{what}: {}", ran.stderr);
    // Generous constants; what matters is that the output does not grow faster than the
    // input (the 1.1 MB template printed 165 MB and more).
    let bound = 64 * 1024 + 64 * input_bytes;
    prop_assert!(
        ran.out <= bound,
        "{what}: {} bytes of output for {input_bytes} bytes of input",
        ran.out
    );
    if ran.code == Some(2) {
        prop_assert!(ran.stdout.is_empty(), "{what}: output on bad input");
        prop_assert!(
            ran.stderr.starts_with("switchboard: "),
            "{what}: {}",
            ran.stderr
        );
    }
    for c in ['\u{1b}', '\u{7}', '\u{202e}', '\u{2066}', '\u{200b}'] {
        if ran.stdout.contains(c) || ran.stderr.contains(c) {
            // JSON output escapes control characters itself; bidi and zero-width characters
            // in JSON strings are data for a program, not for a terminal.
            prop_assert!(
                what.contains("json") && !c.is_control(),
                "{what}: U+{:04X} reached the output",
                c as u32
            );
        }
    }
    Ok(())
}

fn total_bytes(path: &Path) -> usize {
    if path.is_dir() {
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| total_bytes(&e.unwrap().path()))
            .sum()
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len() as usize)
    }
}

proptest! {
    #![proptest_config(common::proptest_config(24))]

    /// A widening never passes the gate: exit 1 (escalation) or 2 (cannot evaluate or bad
    /// input), never 0, in every format; audit fails on what it cannot read.
    #[test]
    fn no_widening_passes_the_gate(
        profiles in prop::collection::vec(generated(), 1..6),
        widening in widening(),
        delivery in delivery(),
        format in prop::sample::select(&["table", "json", "markdown"][..]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let old_value = template_of(&profiles);
        let new_value = widen(&old_value, &widening);
        let old = common::write_json(dir.path(), "old.json", &old_value);
        let new = deliver(dir.path(), &new_value, &delivery);
        let input = total_bytes(&old) + total_bytes(&new);
        let (old_s, new_s) = (old.to_str().unwrap(), new.to_str().unwrap());

        let ran = run(&["diff", "--fail-on-escalation", "--format", format, old_s, new_s])?;
        sane(&format!("diff {format}"), &ran, input)?;
        prop_assert!(
            matches!(ran.code, Some(1 | 2)),
            "{widening:?} passed the gate (exit {:?}):\n{}",
            ran.code,
            ran.stdout
        );
        if ran.code == Some(1) {
            let lower = ran.stdout.to_lowercase();
            prop_assert!(!lower.contains("no escalation") && !lower.contains("no changes"), "{}", ran.stdout);
        }

        // The other way round it may narrow or widen; it must still be sane.
        let ran = run(&["diff", "--fail-on-escalation", "--format", format, new_s, old_s])?;
        sane(&format!("reverse diff {format}"), &ran, input)?;

        let ran = run(&["audit", "--fail-on", "error", "--format", format, new_s])?;
        sane(&format!("audit {format}"), &ran, input)?;
        if widening.hidden() {
            prop_assert!(
                matches!(ran.code, Some(1 | 2)),
                "audit passed {widening:?} (exit {:?}):\n{}",
                ran.code,
                ran.stdout
            );
        }

        let ran = run(&["import", new_s])?;
        sane("import", &ran, input)?;
    }
}
