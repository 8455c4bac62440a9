//! Generated inputs for `switchboard import`, `diff` and `audit`: arbitrary bytes, arbitrary
//! JSON, and real inputs (templates synthesized from the example profiles, the fixtures, AWS
//! CLI output) mutated structurally and textually. Every case goes through every parser and,
//! when the parsers accept it, through the import, audit and diff paths as the command runs
//! them (`input::load_documents`, the in-memory twin of `input::load`); what must hold is in
//! `robustness/mod.rs`: a clear error or a result, never a panic; import's source lexes as
//! Rust and its string literals read back; a diff of an input with itself is empty.
//!
//! Case counts keep the file within seconds in a debug build; `PROPTEST_CASES=20000 cargo test
//! -p switchboard-cli --release --test properties` runs every property that many times (see
//! README.md, "Robustness").

mod common;
mod robustness;

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};
use switchboard::{App, Instance, SecurityProfile};
use switchboard_cli::input::Loaded;
use switchboard_examples::guide::GUIDE_PROFILES;
use switchboard_examples::seed::{COMPLETE_EXAMPLES, PROVIDER_EXAMPLE};

fn check(result: Result<Option<Loaded>, String>) -> Result<(), TestCaseError> {
    result.map(|_| ()).map_err(TestCaseError::fail)
}

/// One real input: one or more documents (an AWS CLI describe file and its permissions file
/// are two).
#[derive(Debug, Clone)]
struct Seed {
    label: String,
    documents: Vec<(String, Value)>,
}

impl Seed {
    fn one(label: impl Into<String>, file: &str, value: Value) -> Seed {
        Seed {
            label: label.into(),
            documents: vec![(file.to_owned(), value)],
        }
    }
}

fn read_fixture(path: &str) -> Value {
    let bytes = std::fs::read(common::fixtures().join(path)).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The real inputs: the example profiles synthesized as `cargo run --example contact_center`
/// does (both whole templates, and each profile alone, with and without an instance ARN), the
/// cloud assembly's manifest, the fixtures, and the AWS CLI shapes.
static SEEDS: LazyLock<Vec<Seed>> = LazyLock::new(|| {
    let mut seeds = Vec::new();
    let mut app = App::new();
    app.stack("MyContactCenter", Instance::create("my-center"))
        .add_security_profiles(COMPLETE_EXAMPLES)
        .unwrap()
        .add_security_profiles(PROVIDER_EXAMPLE)
        .unwrap();
    app.stack("GuideExamples", Instance::parameter())
        .add_security_profiles(GUIDE_PROFILES)
        .unwrap();
    for (file, text) in &app.assembly().unwrap().files {
        if file.ends_with(".template.json") || file == "manifest.json" {
            let value = serde_json::from_str(text).unwrap();
            seeds.push(Seed::one(format!("synthesized {file}"), file, value));
        }
    }
    let all: Vec<&SecurityProfile> = COMPLETE_EXAMPLES
        .iter()
        .chain(&PROVIDER_EXAMPLE)
        .chain(&GUIDE_PROFILES)
        .copied()
        .collect();
    for (i, profile) in all.iter().enumerate() {
        let instance = if i % 2 == 0 {
            Instance::parameter()
        } else {
            Instance::existing(
                "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555",
            )
            .unwrap()
        };
        let mut app = App::new();
        app.stack("Single", instance)
            .add_security_profile((*profile).clone())
            .unwrap();
        let stack = &app.stacks()[0];
        let value = serde_json::from_str(&stack.template().unwrap().to_json()).unwrap();
        seeds.push(Seed::one(
            format!("synthesized {}", profile.name()),
            "Single.template.json",
            value,
        ));
    }
    seeds.push(Seed::one(
        "console.template.json",
        "console.template.json",
        read_fixture("console.template.json"),
    ));
    let describe = read_fixture("awscli/agent.json");
    let permissions = read_fixture("awscli/agent.permissions.json");
    let combined = read_fixture("awscli/manager.json");
    seeds.push(Seed {
        label: "AWS CLI describe + permissions".into(),
        documents: vec![
            ("awscli/agent.json".into(), describe.clone()),
            ("awscli/agent.permissions.json".into(), permissions.clone()),
        ],
    });
    seeds.push(Seed::one(
        "AWS CLI combined",
        "awscli/manager.json",
        combined.clone(),
    ));
    let mut merged = describe.as_object().unwrap().clone();
    merged.extend(permissions.as_object().unwrap().clone());
    seeds.push(Seed::one(
        "AWS CLI array of combined",
        "profiles.json",
        json!([merged, combined]),
    ));
    seeds.push(Seed::one(
        "list-security-profiles",
        "list.json",
        json!({"SecurityProfileSummaryList": [{"Id": "1", "Name": "Agent"}]}),
    ));
    seeds
});

/// Strings that have broken parsers and code generators before: names of built-in profiles
/// in every case, Rust keywords and non-identifiers as path segments, quotes, escapes,
/// control and bidirectional-text characters, combining marks, intrinsic-function text.
const NASTY: &[&str] = &[
    "",
    " ",
    "Admin",
    "admin",
    "AGENT",
    "CallCenterManager",
    "qualityanalyst",
    "unchecked",
    "type",
    "self",
    "r#type",
    "Users.type",
    "Users..Edit",
    ".",
    "a.b.c.d",
    "\"",
    "\\",
    "\"); panic!(\"",
    "*/ /*",
    "// x",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}[2J",
    "\u{7f}",
    "\u{85}",
    "\u{202e}gnp.exe",
    "\u{2066}x\u{2069}",
    "\u{200f}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "\u{fffd}",
    "\u{301}",
    "e\u{301}",
    "日本語",
    "🦀",
    "{",
    "}]",
    "${Env}-Agent",
    "arn:aws:connect:us-east-1:123456789012:instance/abc/security-profile/def",
    "arn:",
    "arn:\u{202e}x",
    "TODO(import): state why",
    "connect:ListUsers",
    "BasicAgentAccess",
    "Users.Delete",
    "CallRecordings.Redacted.Access",
    "RestrictTaskCreation.Access",
    "0",
    "-1",
    "1e400",
    "null",
    "true",
    "AWS::Connect::SecurityProfile",
    "AWS::S3::Bucket",
    "aws:cloudformation:stack",
    "cdk:cloud-assembly",
    "Queue",
    "User",
    "SecurityProfile",
    "x.permissions.json",
];

/// Keys of every format read, for inserted and renamed keys.
const KEYS: &[&str] = &[
    "Resources",
    "Type",
    "Properties",
    "Metadata",
    "Switchboard",
    "SensitiveReason",
    "SensitivePermissions",
    "ImpliedPermissions",
    "SecurityProfileName",
    "Description",
    "Permissions",
    "Tags",
    "Key",
    "Value",
    "AllowedAccessControlTags",
    "TagRestrictedResources",
    "HierarchyRestrictedResources",
    "AllowedAccessControlHierarchyGroupId",
    "InstanceArn",
    "Applications",
    "AllowedFlowModules",
    "SecurityProfileArn",
    "SecurityProfile",
    "NextToken",
    "Arn",
    "AWSTemplateFormatVersion",
    "SecurityProfileSummaryList",
    "artifacts",
    "version",
    "type",
    "properties",
    "templateFile",
    "directoryName",
    "stackName",
    "Ref",
    "Fn::Sub",
    "Fn::If",
    "Condition",
    "",
];

fn nasty_string() -> impl Strategy<Value = String> {
    let catalog: Vec<String> = switchboard_core::catalog::PERMISSIONS
        .iter()
        .map(|p| p.api.to_owned())
        .collect();
    prop_oneof![
        4 => prop::sample::select(NASTY).prop_map(str::to_owned),
        3 => prop::sample::select(catalog),
        2 => any::<String>(),
        2 => "[A-Za-z][A-Za-z0-9._ -]{0,20}",
        1 => (prop::sample::select(NASTY), 1usize..200_000)
            .prop_map(|(s, n)| if s.is_empty() { "A".repeat(n) } else { s.repeat(1 + n / s.len().max(1) / 8) }),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => nasty_string(),
    ]
}

/// A JSON value that does not belong where it lands: every kind, numbers at their limits,
/// intrinsic functions, tag objects, nesting past serde_json's limit of 128.
fn nasty_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        nasty_string().prop_map(Value::String),
        (
            prop::sample::select(&["Ref", "Fn::Sub", "Fn::GetAtt", "Condition"][..]),
            nasty_string()
        )
            .prop_map(|(k, v)| json!({ k: v })),
        (nasty_string(), nasty_string()).prop_map(|(k, v)| json!({"Key": k, "Value": v})),
    ];
    let tree = leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    });
    prop_oneof![
        8 => tree,
        1 => (1usize..300).prop_map(|depth| {
            (0..depth).fold(json!("deep"), |v, i| if i % 2 == 0 { json!([v]) } else { json!({"Resources": v}) })
        }),
    ]
}

/// Where in a value: object keys and array indices from the root.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

fn nodes(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(path.clone());
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    path.push(Step::Key(k.clone()));
                    walk(v, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn at<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.as_object_mut()?.get_mut(k),
        Step::Index(i) => v.as_array_mut()?.get_mut(*i),
    })
}

/// One structural change to a parsed document; `at` picks a node (modulo their number).
#[derive(Debug, Clone)]
enum Edit {
    Replace {
        at: usize,
        with: Value,
    },
    Remove {
        at: usize,
    },
    Duplicate {
        at: usize,
    },
    Retype {
        at: usize,
        how: u8,
    },
    Insert {
        at: usize,
        key: String,
        with: Value,
    },
    RenameKey {
        at: usize,
        key: String,
    },
    Swap {
        a: usize,
        b: usize,
    },
    Wrap {
        at: usize,
        depth: usize,
    },
    /// Another text for a string (the shape stays valid, the content does not).
    Text {
        at: usize,
        with: String,
    },
    /// One more string in an array of strings (a permission, a resource type).
    AddItem {
        at: usize,
        with: String,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<usize>();
    prop_oneof![
        3 => (at, nasty_value()).prop_map(|(at, with)| Edit::Replace { at, with }),
        2 => at.prop_map(|at| Edit::Remove { at }),
        2 => at.prop_map(|at| Edit::Duplicate { at }),
        2 => (at, any::<u8>()).prop_map(|(at, how)| Edit::Retype { at, how }),
        2 => (at, key(), nasty_value()).prop_map(|(at, key, with)| Edit::Insert { at, key, with }),
        1 => (at, key()).prop_map(|(at, key)| Edit::RenameKey { at, key }),
        1 => (at, at).prop_map(|(a, b)| Edit::Swap { a, b }),
        1 => (at, 1usize..200).prop_map(|(at, depth)| Edit::Wrap { at, depth }),
        4 => (at, nasty_string()).prop_map(|(at, with)| Edit::Text { at, with }),
        2 => (at, nasty_string()).prop_map(|(at, with)| Edit::AddItem { at, with }),
    ]
}

/// The same content as another kind: numbers where strings belong and back, arrays for
/// objects, a value inside an array, an array's first element for the array.
fn retype(value: &Value, how: u8) -> Value {
    match (value, how % 4) {
        (Value::String(s), 0) => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(json!(s.len()), Value::Number),
        (Value::String(s), 1) => json!([s]),
        (Value::String(s), 2) => json!({ s.as_str(): s }),
        (Value::Number(n), _) => json!(n.to_string()),
        (Value::Bool(b), _) => json!(b.to_string()),
        (Value::Array(items), 0) => items.first().cloned().unwrap_or(Value::Null),
        (Value::Array(items), _) => Value::Object(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v.clone()))
                .collect(),
        ),
        (Value::Object(map), 0) => Value::Array(map.values().cloned().collect()),
        (Value::Object(map), _) => Value::Array(
            map.iter()
                .map(|(k, v)| json!({"Key": k, "Value": v}))
                .collect(),
        ),
        (Value::Null, _) => json!(""),
        (other, _) => json!([other]),
    }
}

fn apply(value: &mut Value, edit: &Edit) {
    let all = nodes(value);
    let pick = |i: usize| all[i % all.len()].clone();
    let pick_where = |i: usize, value: &mut Value, kind: fn(&Value) -> bool| {
        let some: Vec<&Vec<Step>> = all
            .iter()
            .filter(|p| at(value, p).is_some_and(|v| kind(v)))
            .collect();
        (!some.is_empty()).then(|| some[i % some.len()].clone())
    };
    match edit {
        Edit::Text { at: i, with } => {
            if let Some(path) = pick_where(*i, value, Value::is_string)
                && let Some(v) = at(value, &path)
            {
                *v = Value::String(with.clone());
            }
        }
        Edit::AddItem { at: i, with } => {
            let strings = |v: &Value| v.as_array().is_some_and(|a| a.iter().all(Value::is_string));
            if let Some(path) = pick_where(*i, value, strings)
                && let Some(Value::Array(items)) = at(value, &path)
            {
                items.insert(with.len() % (items.len() + 1), Value::String(with.clone()));
            }
        }
        Edit::Replace { at: i, with } => {
            if let Some(v) = at(value, &pick(*i)) {
                *v = with.clone();
            }
        }
        Edit::Remove { at: i } => {
            let mut path = pick(*i);
            let Some(last) = path.pop() else { return };
            match (at(value, &path), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    map.remove(&k);
                }
                (Some(Value::Array(items)), Step::Index(i)) => {
                    items.remove(i);
                }
                _ => {}
            }
        }
        Edit::Duplicate { at: i } => {
            let mut path = pick(*i);
            let Some(last) = path.pop() else { return };
            match (at(value, &path), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    let copy = map[&k].clone();
                    map.insert(format!("{k}2"), copy);
                }
                (Some(Value::Array(items)), Step::Index(i)) => {
                    let copy = items[i].clone();
                    items.insert(i, copy);
                }
                _ => {}
            }
        }
        Edit::Retype { at: i, how } => {
            if let Some(v) = at(value, &pick(*i)) {
                *v = retype(v, *how);
            }
        }
        Edit::Insert { at: i, key, with } => match at(value, &pick(*i)) {
            Some(Value::Object(map)) => {
                map.insert(key.clone(), with.clone());
            }
            Some(Value::Array(items)) => items.push(with.clone()),
            _ => {}
        },
        Edit::RenameKey { at: i, key } => {
            let mut path = pick(*i);
            if let Some(Step::Key(old)) = path.pop()
                && let Some(Value::Object(map)) = at(value, &path)
                && let Some(v) = map.remove(&old)
            {
                map.insert(key.clone(), v);
            }
        }
        Edit::Swap { a, b } => {
            let (pa, pb) = (pick(*a), pick(*b));
            if pa.starts_with(&pb) || pb.starts_with(&pa) {
                return;
            }
            let (Some(va), Some(vb)) = (
                at(value, &pa).map(|v| v.clone()),
                at(value, &pb).map(|v| v.clone()),
            ) else {
                return;
            };
            if let Some(v) = at(value, &pa) {
                *v = vb;
            }
            if let Some(v) = at(value, &pb) {
                *v = va;
            }
        }
        Edit::Wrap { at: i, depth } => {
            if let Some(v) = at(value, &pick(*i)) {
                let inner = v.take();
                *v = (0..*depth).fold(inner, |v, _| json!([v]));
            }
        }
    }
}

/// One change to a document's bytes.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip { at: usize, bit: u8 },
    Set { at: usize, byte: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
    Repeat { at: usize, len: usize },
}

/// Bytes that mean something to a JSON parser, or to the checks around it.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\\u0000",
    b"null",
    b"-",
    b"1e999999",
    b"18446744073709551616",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\x00",
    b"\r\n",
    b"Resources:",
    b"---\n",
    b"\"Resources\"",
    b"\"Permissions\"",
];

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let at = any::<usize>();
    prop_oneof![
        2 => (at, 0u8..8).prop_map(|(at, bit)| ByteEdit::Flip { at, bit }),
        1 => (at, any::<u8>()).prop_map(|(at, byte)| ByteEdit::Set { at, byte }),
        3 => (at, prop_oneof![
            prop::sample::select(TOKENS).prop_map(<[u8]>::to_vec),
            prop::collection::vec(any::<u8>(), 1..8),
        ]).prop_map(|(at, bytes)| ByteEdit::Insert { at, bytes }),
        2 => (at, 1usize..64).prop_map(|(at, len)| ByteEdit::Delete { at, len }),
        1 => at.prop_map(|at| ByteEdit::Truncate { at }),
        1 => (at, 1usize..64).prop_map(|(at, len)| ByteEdit::Repeat { at, len }),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    let n = bytes.len();
    let pos = |at: usize| if n == 0 { 0 } else { at % (n + 1) };
    match edit {
        ByteEdit::Flip { at, bit } if n > 0 => bytes[at % n] ^= 1 << bit,
        ByteEdit::Set { at, byte } if n > 0 => bytes[at % n] = *byte,
        ByteEdit::Insert { at, bytes: new } => {
            let p = pos(*at);
            bytes.splice(p..p, new.iter().copied());
        }
        ByteEdit::Delete { at, len } => {
            let p = pos(*at);
            bytes.drain(p..(p + len).min(n));
        }
        ByteEdit::Truncate { at } => bytes.truncate(pos(*at)),
        ByteEdit::Repeat { at, len } => {
            let p = pos(*at);
            let copy = bytes[p..(p + len).min(n)].to_vec();
            bytes.splice(p..p, copy);
        }
        _ => {}
    }
}

/// A seed's documents as pretty (as synthesized) or compact JSON.
fn serialize(seed: &Seed, pretty: bool) -> Vec<(String, Vec<u8>)> {
    seed.documents
        .iter()
        .map(|(file, value)| {
            let bytes = if pretty {
                serde_json::to_vec_pretty(value)
            } else {
                serde_json::to_vec(value)
            };
            (file.clone(), bytes.unwrap())
        })
        .collect()
}

fn borrowed(documents: &[(String, Vec<u8>)]) -> Vec<(&str, &[u8])> {
    documents
        .iter()
        .map(|(f, b)| (f.as_str(), b.as_slice()))
        .collect()
}

/// Every seed is a real input: each loads, imports, audits, and diffs clean with itself.
#[test]
fn every_seed_passes_the_checks() {
    assert!(SEEDS.len() >= 20, "{} seeds", SEEDS.len());
    let mut profiles = 0;
    for seed in SEEDS.iter() {
        let documents = serialize(seed, true);
        let loaded = robustness::paths(&borrowed(&documents), None)
            .unwrap_or_else(|e| panic!("{}: {e}", seed.label));
        profiles += loaded.map_or(0, |l| l.profiles.len());
    }
    assert!(profiles >= 40, "{profiles} profiles in the seeds");
}

/// The seeds, loaded, to diff mutated inputs against.
static BASELINES: LazyLock<Vec<Option<Loaded>>> = LazyLock::new(|| {
    SEEDS
        .iter()
        .map(|seed| robustness::load(&borrowed(&serialize(seed, false))).unwrap())
        .collect()
});

proptest! {
    #![proptest_config(common::proptest_config(1000))]

    /// Arbitrary bytes, and bytes that are almost JSON (a soup of JSON tokens), into every
    /// parser and every path.
    #[test]
    fn arbitrary_bytes_give_a_result_or_a_clear_error(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            prop::collection::vec(prop::sample::select(TOKENS), 0..64).prop_map(|t| t.concat()),
        ],
        name in prop_oneof![Just("input.json".to_owned()), nasty_string().prop_map(|s| format!("{s}.json"))],
    ) {
        check(robustness::paths(&[(&name, &bytes)], None))?;
    }
}

proptest! {
    #![proptest_config(common::proptest_config(300))]

    /// Arbitrary JSON, alone and inside the skeleton of each format, so that it reaches past
    /// the first checks.
    #[test]
    fn arbitrary_json_gives_a_result_or_a_clear_error(value in nasty_value(), shape in 0u8..5) {
        let value = match shape {
            0 => value,
            1 => json!({"Resources": {"P": {"Type": "AWS::Connect::SecurityProfile", "Properties": value}}}),
            2 => json!({"Resources": {"P": {"Type": "AWS::Connect::SecurityProfile", "Properties": {
                "SecurityProfileName": "P", "Permissions": ["BasicAgentAccess"]}, "Metadata": {"Switchboard": value}}}}),
            3 => json!({"SecurityProfile": value, "Permissions": ["BasicAgentAccess"]}),
            _ => json!([{"SecurityProfile": {"SecurityProfileName": "P"}, "Permissions": value}]),
        };
        let bytes = serde_json::to_vec(&value).unwrap();
        check(robustness::paths(&[("input.json", &bytes)], None))?;
    }
}

proptest! {
    #![proptest_config(common::proptest_config(600))]

    /// Real inputs with nodes replaced, removed, duplicated, retyped, renamed, swapped and
    /// nested deep: each goes through every path, and is diffed against the original both
    /// ways.
    #[test]
    fn structurally_mutated_real_inputs_give_a_result_or_a_clear_error(
        seed in any::<prop::sample::Index>(),
        document in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..5),
        pretty in any::<bool>(),
    ) {
        let i = seed.index(SEEDS.len());
        let mut mutated = SEEDS[i].clone();
        let d = document.index(mutated.documents.len());
        for e in &edits {
            apply(&mut mutated.documents[d].1, e);
        }
        let documents = serialize(&mutated, pretty);
        check(robustness::paths(&borrowed(&documents), BASELINES[i].as_ref()))?;
    }

    /// Real inputs with bytes flipped, inserted, deleted and repeated, and truncated.
    #[test]
    fn textually_mutated_real_inputs_give_a_result_or_a_clear_error(
        seed in any::<prop::sample::Index>(),
        document in any::<prop::sample::Index>(),
        edits in prop::collection::vec(byte_edit(), 1..6),
        pretty in any::<bool>(),
    ) {
        let i = seed.index(SEEDS.len());
        let mut documents = serialize(&SEEDS[i], pretty);
        let d = document.index(documents.len());
        for e in &edits {
            apply_bytes(&mut documents[d].1, e);
        }
        check(robustness::paths(&borrowed(&documents), BASELINES[i].as_ref()))?;
    }
}

proptest! {
    #![proptest_config(common::proptest_config(300))]

    /// AWS CLI describe and permissions documents under any file names (names decide how
    /// they pair), one of them mutated.
    #[test]
    fn aws_cli_files_pair_or_give_a_clear_error_whatever_their_names(
        names in prop::collection::vec(prop_oneof![
            prop::sample::select(&["agent.json", "agent.permissions.json", "agent-describe.json",
                "agent_permissions.json", "a/agent.json", "a/agent.permissions.json", ".json",
                "permissions.json", "x.describe.JSON"][..]).prop_map(str::to_owned),
            nasty_string(),
            (nasty_string(), prop::sample::select(&["", ".json", ".permissions.json", "€json", "éjson"][..]))
                .prop_map(|(s, t)| format!("{s}{t}")),
        ], 2..5),
        edits in prop::collection::vec(edit(), 0..2),
    ) {
        let describe = read_fixture("awscli/agent.json");
        let permissions = read_fixture("awscli/agent.permissions.json");
        let mut documents: Vec<(String, Vec<u8>)> = Vec::new();
        for (k, name) in names.iter().enumerate() {
            let mut value = if k % 2 == 0 { describe.clone() } else { permissions.clone() };
            if k == 0 {
                for e in &edits {
                    apply(&mut value, e);
                }
            }
            documents.push((name.clone(), serde_json::to_vec(&value).unwrap()));
        }
        check(robustness::paths(&borrowed(&documents), None))?;
    }
}

#[test]
fn the_checks_catch_what_they_are_for() {
    use switchboard_cli::InputError;
    assert!(robustness::clear_error("t", &InputError::usage("")).is_err());
    assert!(robustness::clear_error("t", &InputError::usage("Resources.A\u{1b}[2J: x")).is_err());
    assert!(robustness::clear_error("t", &InputError::usage("x".repeat(5000))).is_err());
    assert!(robustness::clear_error("t", &InputError::usage("something odd")).is_err());
    assert!(
        robustness::clear_error(
            "t",
            &InputError::usage("Resources.A.Type: expected a string, found a number")
        )
        .is_ok()
    );
    assert!(robustness::rust_string_literals("fn f() { [ }").is_err());
    assert!(robustness::rust_string_literals("// \u{202e}\n").is_err());
    assert_eq!(
        robustness::rust_string_literals(r#"const A: &str = "a\"\u{202e}\n\x41";"#).unwrap(),
        ["a\"\u{202e}\nA"]
    );
    assert!(robustness::unescape(r#""\q""#).is_err());
    assert!(robustness::unescape(r#""\u{d800}""#).is_err());
}

/// The mutations are not all refused at the first check: a fixed sample of them reaches the
/// audit and diff paths (the parsers accept them) and import's code generator, often.
#[test]
fn mutated_inputs_reach_every_path() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (
        any::<prop::sample::Index>(),
        prop::collection::vec(edit(), 1..5),
        prop::collection::vec(byte_edit(), 1..3),
    );
    let (mut loaded, mut imported, mut loaded_textual) = (0, 0, 0);
    let cases = 200;
    for _ in 0..cases {
        let (seed, edits, byte_edits) = strategy.new_tree(&mut runner).unwrap().current();
        let mut mutated = SEEDS[seed.index(SEEDS.len())].clone();
        for e in &edits {
            apply(&mut mutated.documents[0].1, e);
        }
        let documents = serialize(&mutated, false);
        if let Some(l) = robustness::load(&borrowed(&documents)).unwrap() {
            loaded += 1;
            if switchboard_cli::import::import(&l.profiles, &l.files, None).is_ok() {
                imported += 1;
            }
        }
        let mut documents = serialize(&SEEDS[seed.index(SEEDS.len())], true);
        for e in &byte_edits {
            apply_bytes(&mut documents[0].1, e);
        }
        if robustness::load(&borrowed(&documents)).unwrap().is_some() {
            loaded_textual += 1;
        }
    }
    println!(
        "of {cases} structural mutations {loaded} load and {imported} import; of {cases} textual \
         ones {loaded_textual} load"
    );
    assert!(loaded >= cases / 3, "{loaded} of {cases} load");
    assert!(imported >= cases / 5, "{imported} of {cases} import");
    assert!(
        loaded_textual >= cases / 10,
        "{loaded_textual} of {cases} load"
    );
}

/// The AWS CLI fixture's describe and permissions documents under `names`, alternately.
fn agent_files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    let describe = std::fs::read(common::fixtures().join("awscli/agent.json")).unwrap();
    let permissions =
        std::fs::read(common::fixtures().join("awscli/agent.permissions.json")).unwrap();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let bytes = if i % 2 == 0 { &describe } else { &permissions };
            ((*name).to_owned(), bytes.clone())
        })
        .collect()
}

/// What the properties found, kept as tests of their own.
#[test]
fn what_the_properties_found_stays_fixed() {
    // A file name whose last five bytes start inside a character panicked in pairing.
    let files = agent_files(&["\u{2066}x\u{2069}", "agent.json", "agent.json"]);
    robustness::paths(&borrowed(&files), None).unwrap();
    // A key of 1,200 characters made an error message of as many.
    let key = "A".repeat(1200);
    let bytes = serde_json::to_vec(&json!({ key: null })).unwrap();
    robustness::paths(&[("input.json", &bytes)], None).unwrap();
    let bytes = serde_json::to_vec(&json!({"Resources": {"\u{1b}[2J": 3}})).unwrap();
    let error = switchboard_cli::input::parse_document(&bytes, "t.json").unwrap_err();
    assert_eq!(
        error.reason,
        "Resources.\\u{1b}[2J: expected an object, found a number"
    );
    // A bidirectional-text override in a file name, a logical ID or a property's name went
    // into a comment of import's source as it was, which rustc refuses.
    let files = agent_files(&["\u{202e}gnp.exe", "agent.json"]);
    robustness::paths(&borrowed(&files), None).unwrap();
    let template = json!({"Resources": {"Agent\u{202e}": {
        "Type": "AWS::Connect::SecurityProfile",
        "Properties": {"SecurityProfileName": "Agent2", "Permissions": ["BasicAgentAccess"],
                       "Applications\u{2066}": []}}}});
    let bytes = serde_json::to_vec(&template).unwrap();
    let loaded = robustness::paths(&[("t.json", &bytes)], None)
        .unwrap()
        .unwrap();
    let source = switchboard_cli::import::import(&loaded.profiles, &loaded.files, None)
        .unwrap()
        .source;
    assert!(source.contains("(resource Agent\\u{202e})"), "{source}");
    // The same profile given twice (describe and permissions in two directories) was reported
    // as removed and added again by a diff with itself.
    let files = agent_files(&["agent.json", "agent.json", "a/agent.json", "a/agent.json"]);
    let loaded = robustness::paths(&borrowed(&files), None).unwrap().unwrap();
    assert_eq!(loaded.profiles.len(), 2);
}

/// The pairing panic, through the command: `switchboard import` on files named so.
#[test]
fn the_command_pairs_files_with_any_name() {
    let dir = common::temp_dir("properties-names");
    let mut paths = Vec::new();
    // Two profiles, so the names decide the pairs.
    let names = [
        "x€json",
        "x€json.permissions.json",
        "b.json",
        "b.permissions.json",
    ];
    for (name, bytes) in agent_files(&names) {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    let mut args = vec!["audit"];
    args.extend(paths.iter().map(|p| common::s(p)));
    let r = common::run(&args);
    common::assert_no_panic(&r);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(r.stdout.matches("== InboundAgent ==").count(), 2, "{r:#?}");
}

/// Renamed profiles are paired by content; the similarities were recomputed in every round,
/// so a diff of 200 renamed profiles took half a minute in a release build, and of 500 many
/// minutes. Now they are computed once. Tests assert no timings: a regression shows as this
/// test taking minutes; `bench/` measures speed.
#[test]
fn a_diff_of_hundreds_of_renamed_profiles_pairs_every_one() {
    let catalog: Vec<&str> = switchboard_core::catalog::PERMISSIONS
        .iter()
        .map(|p| p.api)
        .collect();
    let n = 300.min(catalog.len() - 12);
    let side = |prefix: &str| -> Vec<u8> {
        let profiles: Vec<Value> = (0..n)
            .map(|i| {
                json!({"SecurityProfile": {"SecurityProfileName": format!("{prefix}{i}")},
                       "Permissions": &catalog[i..i + 12]})
            })
            .collect();
        serde_json::to_vec(&profiles).unwrap()
    };
    let (old, new) = (side("Old"), side("New"));
    let old = switchboard_cli::input::load_documents([("old.json", old.as_slice())]).unwrap();
    let new = switchboard_cli::input::load_documents([("new.json", new.as_slice())]).unwrap();
    let report = switchboard_cli::diff::diff(&old, &new);
    assert_eq!(
        report.changed.len(),
        n,
        "every profile is paired as renamed"
    );
    assert!(
        report
            .changed
            .iter()
            .all(|c| c.old.name[3..] == c.profile.name[3..])
    );
}
