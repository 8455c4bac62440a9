//! Agreement with AWS's schema: no valid profile yields a template that cfn-lint rejects, and
//! every constraint cfn-lint enforces on `AWS::Connect::SecurityProfile` is enforced by the
//! builder (or the DSL, or the types) first.
//!
//! - `accepted_profiles_render_schema_valid_templates` (proptest, no cfn-lint): random valid
//!   profiles, built with [`SecurityProfile::builder`] using every field at and inside the
//!   boundaries, on every kind of instance; each rendered template's profile properties are
//!   checked against `reference/cfn-schema-AWS-Connect-SecurityProfile.json` by a small
//!   validator of the keywords that schema uses ([`Schema`]), plus cfn-lint's unique tag keys
//!   (E3024), and the template text must read back into the same values and contain only
//!   characters a YAML reader accepts (cfn-lint reads JSON templates with a YAML reader).
//! - `cfn_lint_accepts_generated_profiles`: 200 profiles from the same generator with a fixed
//!   seed, synthesized into split stacks (existing, parameter and created instance) and
//!   linted by cfn-lint in one run; the batch is checked to reach every boundary.
//! - `every_constraint_is_enforced_before_cfn_lint_sees_it`: one row per constraint (the table
//!   in [`violations`]): the builder's error (rule and field), the DSL's UI test that shows the
//!   same message, and a template with the violation that both the Rust validator and cfn-lint
//!   (one batched run) reject with the expected rule id.
//! - `cfn_lint_reads_every_character_synth_writes`: the regression test of a bug this file
//!   found (raw DEL, C1 controls and U+FFFE/U+FFFF made cfn-lint fail to parse a template).
//!
//! The linting tests run with the cfn-lint version `.ci/run` pins; without cfn-lint, or with
//! another version, they print `SKIPPED` with both versions and pass; with `CI=true` they fail,
//! as in `conformance.rs`.
//!
//! Why not the `jsonschema` crate: its default features bring an HTTP client and a TLS stack
//! (reqwest, rustls, aws-lc-rs, which builds C code), and even without them some twenty crates;
//! the schema uses a dozen keywords, which [`Schema`] implements in a hundred lines, refusing
//! any keyword it does not know so that a new schema cannot pass unchecked. Patterns use the
//! `regex` crate; the one construct it lacks, a leading negative lookahead of literals
//! (`^(?!aws:)`), is checked as a prefix test.
//!
//! Longer run: `PROPTEST_CASES=5000 cargo test -p switchboard-tests --test robust_schema`
//! (the default is 96 cases); `ROBUST_BATCH=1000` lints a larger batch.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::string::string_regex;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use regex::Regex;
use serde_json::{Map, Value, json};
use switchboard::catalog::PERMISSIONS;
use switchboard::{App, Error, Instance, SecurityProfile, SecurityProfileBuilder};
use switchboard::{FieldPath, Rule, Severity};

const SCHEMA_TEXT: &str =
    include_str!("../../reference/cfn-schema-AWS-Connect-SecurityProfile.json");
const ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

// ---------------------------------------------------------------------------------------------
// The schema, as code
// ---------------------------------------------------------------------------------------------

/// A `pattern` of the schema: the `regex` crate's form, and the literals a leading negative
/// lookahead forbids at the start.
struct Pattern {
    forbidden_prefixes: Vec<String>,
    regex: Regex,
}

impl Pattern {
    fn new(pattern: &str) -> Pattern {
        let (forbidden_prefixes, rest) = match pattern.strip_prefix("^(?!") {
            Some(tail) => {
                let end = tail.find(')').expect("a closed lookahead");
                let alternatives: Vec<String> = tail[..end].split('|').map(str::to_owned).collect();
                for alternative in &alternatives {
                    assert!(
                        alternative
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == ':' || c == '-'),
                        "lookahead of {pattern:?} is not a list of literals"
                    );
                }
                (alternatives, format!("^{}", &tail[end + 1..]))
            }
            None => (Vec::new(), pattern.to_owned()),
        };
        let regex = Regex::new(&rest)
            .unwrap_or_else(|e| panic!("schema pattern {pattern:?} is beyond this validator: {e}"));
        Pattern {
            forbidden_prefixes,
            regex,
        }
    }

    /// JSON Schema's `pattern`: a search, not a full match (the schema's patterns anchor).
    fn matches(&self, text: &str) -> bool {
        !self
            .forbidden_prefixes
            .iter()
            .any(|p| text.starts_with(p.as_str()))
            && self.regex.is_match(text)
    }
}

/// The CloudFormation resource schema, and a validator of the keywords it uses.
struct Schema {
    root: Value,
    patterns: BTreeMap<String, Pattern>,
}

/// Keywords that only annotate.
const ANNOTATIONS: [&str; 2] = ["description", "insertionOrder"];

fn collect_patterns(schema: &Value, out: &mut BTreeMap<String, Pattern>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "pattern"
                    && let Value::String(p) = value
                {
                    out.entry(p.clone()).or_insert_with(|| Pattern::new(p));
                } else {
                    collect_patterns(value, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_patterns(v, out)),
        _ => {}
    }
}

/// `{"Ref": ...}` or `{"Fn::...": ...}`: CloudFormation computes it; cfn-lint does not apply
/// the property's type, length or pattern to it.
fn is_intrinsic(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.len() == 1
            && map
                .keys()
                .all(|k| k == "Ref" || k.starts_with("Fn::") || k == "Condition")
    })
}

impl Schema {
    fn load() -> Schema {
        let root: Value = serde_json::from_str(SCHEMA_TEXT).expect("the schema is JSON");
        assert_eq!(root["typeName"], "AWS::Connect::SecurityProfile");
        let mut patterns = BTreeMap::new();
        collect_patterns(&root, &mut patterns);
        Schema { root, patterns }
    }

    /// Every way `properties` (a resource's `Properties`) breaks the schema, as
    /// `path: what` lines; empty when it conforms.
    fn violations(&self, properties: &Value) -> Vec<String> {
        let mut out = Vec::new();
        let resource = json!({
            "type": "object",
            "properties": self.root["properties"],
            "additionalProperties": self.root["additionalProperties"],
            "required": self.root["required"],
        });
        self.check(&resource, properties, "Properties", &mut out);
        for pointer in self.root["readOnlyProperties"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let name = pointer
                .as_str()
                .and_then(|p| p.strip_prefix("/properties/"))
                .expect("a property pointer");
            if properties.get(name).is_some() {
                out.push(format!("Properties.{name}: read-only, may not be set"));
            }
        }
        // cfn-lint's E3024, beyond the schema: tag keys are unique. (The builder also keeps
        // access-control tag keys unique, which neither the schema nor cfn-lint require.)
        for list in ["Tags", "AllowedAccessControlTags"] {
            let mut keys = BTreeSet::new();
            for tag in properties[list].as_array().into_iter().flatten() {
                if let Some(key) = tag["Key"].as_str()
                    && !keys.insert(key)
                {
                    out.push(format!("Properties.{list}: key {key:?} is given twice"));
                }
            }
        }
        out
    }

    fn resolve<'a>(&'a self, reference: &str) -> &'a Value {
        let name = reference
            .strip_prefix("#/definitions/")
            .unwrap_or_else(|| panic!("only local references are expected: {reference}"));
        &self.root["definitions"][name]
    }

    fn check(&self, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
        if is_intrinsic(value) {
            return;
        }
        let Some(keywords) = schema.as_object() else {
            out.push(format!("{path}: the schema here is not an object"));
            return;
        };
        for (keyword, rule) in keywords {
            match keyword.as_str() {
                "$ref" => self.check(
                    self.resolve(rule.as_str().expect("a string $ref")),
                    value,
                    path,
                    out,
                ),
                "type" => {
                    let ok = match rule.as_str().expect("one type") {
                        "string" => value.is_string(),
                        "array" => value.is_array(),
                        "object" => value.is_object(),
                        "number" => value.is_number(),
                        "integer" => value.is_i64() || value.is_u64(),
                        "boolean" => value.is_boolean(),
                        other => panic!("type {other} is beyond this validator"),
                    };
                    if !ok {
                        out.push(format!("{path}: is not of type {rule}"));
                    }
                }
                "properties" => {
                    if let Some(map) = value.as_object() {
                        for (name, sub) in rule.as_object().expect("properties is a map") {
                            if let Some(v) = map.get(name) {
                                self.check(sub, v, &format!("{path}.{name}"), out);
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if rule == &Value::Bool(false)
                        && let Some(map) = value.as_object()
                    {
                        let known = keywords.get("properties").and_then(Value::as_object);
                        for name in map.keys() {
                            if !known.is_some_and(|k| k.contains_key(name)) {
                                out.push(format!("{path}: unknown property {name}"));
                            }
                        }
                    } else if rule != &Value::Bool(false) {
                        panic!("additionalProperties {rule} is beyond this validator");
                    }
                }
                "required" => {
                    if let Some(map) = value.as_object() {
                        for name in rule.as_array().expect("required is a list") {
                            let name = name.as_str().expect("a property name");
                            if !map.contains_key(name) {
                                out.push(format!("{path}: required property {name} is missing"));
                            }
                        }
                    }
                }
                "items" => {
                    for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                        self.check(rule, item, &format!("{path}[{i}]"), out);
                    }
                }
                "minItems" | "maxItems" => {
                    if let Some(items) = value.as_array() {
                        let bound = rule.as_u64().expect("a count") as usize;
                        if (keyword == "minItems" && items.len() < bound)
                            || (keyword == "maxItems" && items.len() > bound)
                        {
                            out.push(format!("{path}: {} items, {keyword} {bound}", items.len()));
                        }
                    }
                }
                "uniqueItems" => {
                    if rule == &Value::Bool(true)
                        && let Some(items) = value.as_array()
                    {
                        let distinct: BTreeSet<String> =
                            items.iter().map(Value::to_string).collect();
                        if distinct.len() != items.len() {
                            out.push(format!("{path}: items are not unique"));
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    if let Some(text) = value.as_str() {
                        // JSON Schema counts characters (code points), as cfn-lint (Python) does.
                        let len = text.chars().count();
                        let bound = rule.as_u64().expect("a length") as usize;
                        if (keyword == "minLength" && len < bound)
                            || (keyword == "maxLength" && len > bound)
                        {
                            out.push(format!("{path}: {len} characters, {keyword} {bound}"));
                        }
                    }
                }
                "pattern" => {
                    if let Some(text) = value.as_str() {
                        let pattern = &self.patterns[rule.as_str().expect("a pattern")];
                        if !pattern.matches(text) {
                            out.push(format!("{path}: {text:?} does not match {rule}"));
                        }
                    }
                }
                "enum" => {
                    if !rule.as_array().expect("a list").contains(value) {
                        out.push(format!("{path}: {value} is not one of {rule}"));
                    }
                }
                annotation if ANNOTATIONS.contains(&annotation) => {}
                unknown => out.push(format!(
                    "{path}: schema keyword {unknown:?} is beyond this validator; teach it"
                )),
            }
        }
    }
}

/// Characters PyYAML's reader refuses (it reads JSON templates for cfn-lint), and the line
/// breaks a YAML reader would fold inside a string: none may appear raw in a template.
fn yaml_unsafe(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

// ---------------------------------------------------------------------------------------------
// Random valid profiles
// ---------------------------------------------------------------------------------------------

/// Characters that have broken JSON or YAML tools somewhere: escapes, controls, C1, line and
/// paragraph separators, bidi overrides, BOM, non-characters, astral planes.
const TRICKY: &str = "\u{0}\u{1}\t\n\r\"\\/\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{ad}\u{2028}\u{2029}\u{202e}\u{feff}\u{fffe}\u{ffff}\u{10ffff}\u{1f600}é日本語<>&'";

const PRESETS: [&str; 6] = [
    "Agent",
    "OutboundAgent",
    "Supervisor",
    "QualityAnalyst",
    "CallCenterManager",
    "Admin",
];
const GROUPS: [&str; 5] = [
    "BasicAgent",
    "Reporting",
    "CaseManagement",
    "RoutingConfiguration",
    "UnredactedRecordingsAccess",
];
const RESOURCE_TYPES: [&str; 4] = ["User", "SecurityProfile", "Queue", "RoutingProfile"];
const BUILTIN_NAMES: [&str; 4] = ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"];

fn regex_strategy(pattern: &str) -> BoxedStrategy<String> {
    string_regex(pattern).expect("a valid generator").boxed()
}

/// Text of at most `max` characters: printable, exactly `max` long, any character, the tricky
/// ones, or empty; never CloudFormation syntax (see [`defuse`]).
fn text(max: usize) -> BoxedStrategy<String> {
    prop_oneof![
        3 => regex_strategy(&format!("\\PC{{0,{max}}}")),
        2 => regex_strategy(&format!("\\PC{{{max}}}")),
        2 => regex_strategy(&format!("(.|\n){{0,{}}}", max.min(40))),
        1 => (0..TRICKY.chars().count()).prop_map(move |skip| TRICKY.chars().cycle().skip(skip).take(max).collect()),
        1 => Just(String::new()),
    ]
    .prop_map(defuse)
    .boxed()
}

/// Valid text holds no CloudFormation syntax: the rule `CloudFormationSyntaxInText` refuses
/// `${` and `{{resolve:` (shown by `text_that_cloudformation_reads_as_syntax_is_refused`), so
/// the generator breaks them up without changing the length.
fn defuse(text: String) -> String {
    text.replace("${", "$(").replace("{{resolve:", "{(resolve:")
}

/// Text of 1 to `max` characters.
fn nonempty_text(max: usize) -> BoxedStrategy<String> {
    text(max)
        .prop_map(move |t| if t.is_empty() { "x".to_owned() } else { t })
        .boxed()
}

fn profile_name() -> BoxedStrategy<String> {
    prop_oneof![
        2 => regex_strategy("[ a-zA-Z0-9_@-]{127}"),
        3 => regex_strategy("[ a-zA-Z0-9_@-]{1,127}"),
        1 => regex_strategy("[a-zA-Z][a-zA-Z0-9]{0,12}"),
        1 => prop::sample::select(vec![" ", "@", "-", "_", "0"]).prop_map(str::to_owned),
    ]
    .prop_filter("not a built-in profile's name", |n| {
        !BUILTIN_NAMES.iter().any(|b| b.eq_ignore_ascii_case(n))
    })
    .boxed()
}

/// The whole class of `^(?!aws:)[a-zA-Z+-=._:/]+$`: letters, `+ , - . / 0-9 : ; < =`, `_`.
fn tag_key() -> BoxedStrategy<String> {
    prop_oneof![
        3 => regex_strategy("[a-zA-Z+,./0-9:;<=_-]{1,30}"),
        1 => regex_strategy("[a-zA-Z+,./0-9:;<=_-]{128}"),
        1 => prop::sample::select(vec!["aws", "Aws:x", "AWS:x", "aws-x", "+", "=", "0", "a:b/c.d_e", ";<="])
            .prop_map(str::to_owned),
    ]
    .boxed()
}

fn tag() -> BoxedStrategy<(String, String)> {
    (tag_key(), text(256)).boxed()
}

/// Keys made unique (a repeated key is renamed) and never `aws:`-prefixed, in any letter case
/// (AWS reserves every case; the rule `TagKey` refuses them).
fn unique_keys(tags: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    tags.into_iter()
        .enumerate()
        .map(|(i, (mut key, value))| {
            if key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
                key.replace_range(..1, "B");
            }
            let mut n = 0;
            while !seen.insert(key.clone()) {
                key = format!("u{i}.{n}");
                n += 1;
            }
            (key, value)
        })
        .collect()
}

fn tags(max: usize) -> BoxedStrategy<Vec<(String, String)>> {
    prop_oneof![
        3 => prop::collection::vec(tag(), 0..=max.min(6)),
        1 => prop::collection::vec(tag(), max),
    ]
    .prop_map(unique_keys)
    .boxed()
}

/// `restrict tags`: 1 to 4 tags on 1 to 10 resource types, known or unchecked.
#[derive(Debug, Clone)]
struct TagRestriction {
    tags: Vec<(String, String)>,
    known: Vec<&'static str>,
    unchecked: Vec<String>,
}

fn tag_restriction() -> BoxedStrategy<TagRestriction> {
    let unchecked = prop_oneof![
        2 => nonempty_text(128),
        1 => regex_strategy("[A-Z][a-zA-Z]{2,20}"),
    ];
    (
        prop_oneof![2 => prop::collection::vec(tag(), 1..=3), 1 => prop::collection::vec(tag(), 4)]
            .prop_map(unique_keys),
        prop::sample::subsequence(RESOURCE_TYPES.to_vec(), 0..=4),
        prop_oneof![
            2 => prop::collection::vec(unchecked.clone(), 0..=3),
            1 => prop::collection::vec(unchecked, 10),
        ],
    )
        .prop_map(|(tags, known, unchecked)| {
            let mut names: BTreeSet<String> = known.iter().map(|k| (*k).to_owned()).collect();
            let mut kept = Vec::new();
            for name in unchecked {
                if names.len() < 10 && names.insert(name.clone()) {
                    kept.push(name);
                }
            }
            let mut known = known;
            if known.is_empty() && kept.is_empty() {
                known.push("Queue");
            }
            TagRestriction {
                tags,
                known,
                unchecked: kept,
            }
        })
        .boxed()
}

/// Everything a generated profile sets.
#[derive(Debug, Clone)]
struct Plan {
    name: String,
    description: Option<String>,
    preset: Option<&'static str>,
    group: Option<&'static str>,
    catalog: Vec<&'static str>,
    without: Option<&'static str>,
    unchecked: Vec<String>,
    /// Fill the profile up to the 500-permission limit with unchecked names.
    fill: Option<String>,
    restrict_tags: Option<TagRestriction>,
    restrict_hierarchy: bool,
    hierarchy_group: Option<String>,
    tags: Vec<(String, String)>,
    reason: String,
}

/// Plans; `fill` is the share of profiles filled up to 500 permissions.
fn plan(fill: f64) -> impl Strategy<Value = Plan> {
    let catalog = prop::collection::vec(0..PERMISSIONS.len(), 0..40).prop_map(|picks| {
        picks
            .into_iter()
            .map(|i| PERMISSIONS[i].api)
            .collect::<Vec<_>>()
    });
    let unchecked_permission = prop_oneof![
        2 => nonempty_text(128),
        1 => regex_strategy("[A-Z][a-zA-Z]{2,12}\\.[A-Z][a-zA-Z]{2,8}"),
    ];
    (
        (
            profile_name(),
            prop::option::of(text(250)),
            prop::option::weighted(0.3, prop::sample::select(PRESETS.to_vec())),
            prop::option::weighted(0.3, prop::sample::select(GROUPS.to_vec())),
            catalog,
            any::<bool>(),
            prop::collection::vec(unchecked_permission, 0..6),
            prop::option::weighted(fill, regex_strategy("\\PC{0,40}").prop_map(defuse)),
        ),
        (
            prop::option::weighted(0.6, tag_restriction()),
            // `restrict hierarchy` and a non-empty `hierarchy group` come together, or not at all.
            prop::option::weighted(
                0.5,
                prop_oneof![
                    regex_strategy("[a-zA-Z0-9-]{1,127}"),
                    regex_strategy("[a-zA-Z0-9-]{127}"),
                ],
            ),
            tags(50),
            nonempty_text(300)
                .prop_map(|t| format!("R{}", t.chars().take(299).collect::<String>())),
        ),
    )
        .prop_map(
            |(
                (name, description, preset, group, catalog, without, unchecked, fill),
                (restrict_tags, hierarchy_group, tags, reason),
            )| Plan {
                name,
                description,
                preset,
                group,
                without: if without {
                    catalog.first().copied()
                } else {
                    None
                },
                catalog,
                unchecked,
                fill,
                restrict_tags,
                restrict_hierarchy: hierarchy_group.is_some(),
                hierarchy_group,
                tags,
                reason,
            },
        )
}

impl Plan {
    fn builder(&self) -> SecurityProfileBuilder {
        let mut b = SecurityProfile::builder(self.name.clone()).sensitive(self.reason.clone());
        if let Some(d) = &self.description {
            b = b.description(d.clone());
        }
        if let Some(p) = self.preset {
            b = b.preset_named(p);
        }
        if let Some(g) = self.group {
            b = b.group_named(g);
        }
        b = b.permissions(&self.catalog);
        for u in &self.unchecked {
            b = b.unchecked_permission(u.clone());
        }
        if let Some(w) = self.without {
            b = b.without(w);
        }
        if let Some(r) = &self.restrict_tags {
            b = b.restrict_tags(r.tags.clone(), r.known.iter().copied());
            for u in &r.unchecked {
                b = b.restrict_tags_on_unchecked(u.clone());
            }
        }
        if self.restrict_hierarchy {
            b = b.restrict_hierarchy("User");
        }
        if let Some(h) = &self.hierarchy_group {
            b = b.hierarchy_group(h.clone());
        }
        for (k, v) in &self.tags {
            b = b.tag(k.clone(), v.clone());
        }
        b
    }

    /// The profile; every plan is valid, so the builder must accept it.
    fn build(&self) -> SecurityProfile {
        let accept = |b: &SecurityProfileBuilder| {
            b.build()
                .unwrap_or_else(|e| panic!("the builder refused a valid profile: {e}\n{self:#?}"))
        };
        let mut builder = self.builder();
        let profile = accept(&builder);
        let Some(suffix) = &self.fill else {
            return profile;
        };
        for i in profile.permission_count()..500 {
            let name: String = format!("Zz.Fill{i:03}.{suffix}")
                .chars()
                .take(128)
                .collect();
            builder = builder.unchecked_permission(name);
        }
        let full = accept(&builder);
        assert_eq!(full.permission_count(), 500, "{self:#?}");
        full
    }
}

fn instance() -> impl Strategy<Value = Instance> {
    prop_oneof![
        Just(Instance::parameter()),
        regex_strategy("[a-zA-Z0-9]([a-zA-Z0-9-]{0,43}[a-zA-Z0-9])?")
            .prop_filter("not a directory id", |a| !a.starts_with("d-"))
            .prop_map(Instance::create),
        regex_strategy(
            "arn:aws[-a-z0-9]{0,10}:connect:[-a-z0-9]{0,16}:[0-9]{12}:instance/[-a-zA-Z0-9]{0,40}"
        )
        .prop_map(|arn| Instance::existing(arn).expect("an ARN of the pattern")),
    ]
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The one security profile of a template: logical ID and properties.
fn profile_properties(template: &Value) -> Vec<(&str, &Value)> {
    template["Resources"]
        .as_object()
        .expect("resources")
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Connect::SecurityProfile")
        .map(|(id, r)| (id.as_str(), &r["Properties"]))
        .collect()
}

/// What a rendered template must satisfy, whatever the profile: the schema, characters a YAML
/// reader takes, and values that read back as the profile's own.
fn check_rendered(schema: &Schema, json_text: &str, profiles: &[&SecurityProfile]) {
    if let Some(c) = json_text.chars().find(|c| yaml_unsafe(*c)) {
        panic!("the template holds {c:?} raw, which cfn-lint's YAML reader refuses or folds");
    }
    let template: Value = serde_json::from_str(json_text).expect("the template is JSON");
    let rendered = profile_properties(&template);
    assert_eq!(rendered.len(), profiles.len());
    for (id, properties) in rendered {
        let violations = schema.violations(properties);
        assert!(violations.is_empty(), "{id}: {violations:#?}");
        let name = properties["SecurityProfileName"].as_str().expect("a name");
        let profile = profiles
            .iter()
            .find(|p| p.name() == name)
            .expect("a profile of that name");
        assert_eq!(
            properties.get("Description").and_then(Value::as_str),
            profile.description()
        );
        let permissions: Vec<&str> = properties["Permissions"]
            .as_array()
            .map(|a| a.iter().map(|p| p.as_str().expect("text")).collect())
            .unwrap_or_default();
        let expected: Vec<&str> = profile.permissions().iter().collect();
        assert_eq!(permissions, expected);
        let pairs = |list: &str| -> Vec<(String, String)> {
            properties[list]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| {
                    (
                        t["Key"].as_str().unwrap().to_owned(),
                        t["Value"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        let own = |tags: &[switchboard::Tag]| -> Vec<(String, String)> {
            tags.iter()
                .map(|t| (t.key.to_string(), t.value.to_string()))
                .collect()
        };
        assert_eq!(pairs("Tags"), own(profile.tags()));
        assert_eq!(
            pairs("AllowedAccessControlTags"),
            own(profile.access_control_tags())
        );
        let resources: Vec<&str> = properties["TagRestrictedResources"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| r.as_str().unwrap())
            .collect();
        let expected: Vec<&str> = profile.tag_restricted_resources().iter().collect();
        assert_eq!(resources, expected);
        assert_eq!(
            properties
                .get("AllowedAccessControlHierarchyGroupId")
                .and_then(Value::as_str),
            profile.hierarchy_group()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(96),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every profile the builder accepts renders to properties the schema accepts.
    #[test]
    fn accepted_profiles_render_schema_valid_templates(plan in plan(0.2), instance in instance()) {
        let schema = schema();
        let profile = plan.build();
        let mut app = App::with_outdir("unused");
        let stack = app.stack("Generated", instance);
        stack.add_security_profile(&profile).expect("a valid profile is accepted");
        let json = stack.template().expect("renders").to_json();
        check_rendered(schema, &json, &[&profile]);
    }
}

fn schema() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(Schema::load)
}

// ---------------------------------------------------------------------------------------------
// cfn-lint
// ---------------------------------------------------------------------------------------------

fn scratch(name: &str) -> PathBuf {
    support::scratch("robust_schema", name)
}

fn show(output: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs cfn-lint once over `files`; the rule ids it reports, by file name.
fn lint(files: &[PathBuf]) -> (Output, BTreeMap<String, BTreeSet<String>>) {
    let output = Command::new("cfn-lint")
        .args(["--regions", "us-east-1", "--format", "parseable", "--"])
        .args(files)
        .output()
        .expect("cfn-lint starts");
    let found = findings(&output);
    (output, found)
}

/// Lints `files` with two cfn-lint processes at once (CI has two cores); one report.
fn lint_in_two(files: &[PathBuf]) -> (Vec<Output>, BTreeMap<String, BTreeSet<String>>) {
    let (even, odd): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let children: Vec<std::process::Child> = [even, odd]
        .into_iter()
        .filter(|half| !half.is_empty())
        .map(|half| {
            Command::new("cfn-lint")
                .args(["--regions", "us-east-1", "--format", "parseable", "--"])
                .args(half.into_iter().map(|(_, f)| f))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("cfn-lint starts")
        })
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("cfn-lint ends"))
        .collect();
    let mut found = BTreeMap::new();
    for output in &outputs {
        found.extend(findings(output));
    }
    (outputs, found)
}

/// The rule ids of cfn-lint's parseable output, by file name.
fn findings(output: &Output) -> BTreeMap<String, BTreeSet<String>> {
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        // file:line:column:line:column:RULE:message
        let fields: Vec<&str> = line.splitn(7, ':').collect();
        assert!(fields.len() == 7, "unexpected cfn-lint output: {line}");
        let file = Path::new(fields[0])
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        found.entry(file).or_default().insert(fields[5].to_owned());
    }
    found
}

/// How many generated profiles `cfn_lint_accepts_generated_profiles` lints.
fn batch_size() -> usize {
    std::env::var("ROBUST_BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// `count` plans from a fixed seed, each made unique by a number in front of its name.
fn batch(count: usize) -> Vec<Plan> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    // Few full profiles: 500 permissions are most of what cfn-lint reads, and a dozen
    // reach the boundary as well as fifty.
    let strategy = plan(0.05);
    (0..count)
        .map(|i| {
            let mut plan = strategy.new_tree(&mut runner).expect("a plan").current();
            plan.name = format!("{i:03}{}", plan.name).chars().take(127).collect();
            plan
        })
        .collect()
}

/// The batch reaches every boundary the issue names, so the lint run is worth something.
fn assert_coverage(profiles: &[SecurityProfile]) {
    let reached = |what: &str, ok: bool| assert!(ok, "the batch never reaches {what}");
    let any = |f: &dyn Fn(&SecurityProfile) -> bool| profiles.iter().any(f);
    reached("a 127-character name", any(&|p| p.name().len() == 127));
    reached(
        "a 250-character description",
        any(&|p| p.description().is_some_and(|d| d.chars().count() == 250)),
    );
    reached(
        "a non-ASCII description",
        any(&|p| p.description().is_some_and(|d| !d.is_ascii())),
    );
    reached(
        "4 access-control tags",
        any(&|p| p.access_control_tags().len() == 4),
    );
    reached("50 tags", any(&|p| p.tags().len() == 50));
    reached(
        "10 tag-restricted resources",
        any(&|p| p.tag_restricted_resources().len() == 10),
    );
    reached("500 permissions", any(&|p| p.permission_count() == 500));
    reached(
        "a hierarchy restriction with a 127-character group",
        any(&|p| {
            !p.hierarchy_restricted_resources().is_empty()
                && p.hierarchy_group().is_some_and(|g| g.len() == 127)
        }),
    );
    let keys: String = profiles
        .iter()
        .flat_map(|p| p.tags().iter().chain(p.access_control_tags()))
        .map(|t| t.key.as_ref())
        .collect();
    for c in "+,-./0123456789:;<=_".chars() {
        reached(&format!("a tag key with {c:?}"), keys.contains(c));
    }
    reached(
        "a 128-character tag key",
        any(&|p| p.tags().iter().any(|t| t.key.len() == 128)),
    );
    reached(
        "a 256-character non-ASCII tag value",
        any(&|p| {
            p.tags()
                .iter()
                .any(|t| t.value.chars().count() == 256 && !t.value.is_ascii())
        }),
    );
}

#[test]
fn cfn_lint_accepts_generated_profiles() {
    let started = std::time::Instant::now();
    let plans = batch(batch_size());
    let profiles: Vec<SecurityProfile> = plans.iter().map(Plan::build).collect();
    assert_coverage(&profiles);

    // Four stacks, every kind of instance, each split where it outgrows a template.
    let dir = scratch("generated");
    let mut app = App::with_outdir(dir.join("unused"));
    let quarter = profiles.len().div_ceil(4);
    let instances = [
        Instance::existing(ARN).expect("valid"),
        Instance::parameter(),
        Instance::create("generated-center"),
        Instance::existing("arn:aws-us-gov:connect:us-gov-west-1:000000000000:instance/X")
            .expect("valid"),
    ];
    for (i, (chunk, instance)) in profiles.chunks(quarter).zip(instances).enumerate() {
        app.stack(format!("Generated{i}"), instance.with_profile_quota(1000))
            .add_security_profiles(chunk)
            .expect("accepted");
    }
    let schema = schema();
    let mut files = Vec::new();
    let assembly = app.assembly().expect("synthesizes");
    for part in &assembly.stacks {
        let json = &assembly.files[&part.template_file];
        let refs: Vec<&SecurityProfile> = part
            .profiles
            .iter()
            .filter_map(|name| profiles.iter().find(|p| p.name() == name))
            .collect();
        assert_eq!(refs.len(), part.profiles.len());
        check_rendered(schema, json, &refs);
        let file = dir.join(&part.template_file);
        std::fs::write(&file, json).expect("written");
        files.push(file);
    }
    let rendered = started.elapsed();
    if support::cfn_lint("cfn_lint_accepts_generated_profiles").is_none() {
        return;
    }
    let (outputs, found) = lint_in_two(&files);
    assert!(
        outputs.iter().all(|o| o.status.success()) && found.is_empty(),
        "cfn-lint found problems in generated templates ({} profiles, {} files in {}): {found:?}\n{}",
        profiles.len(),
        files.len(),
        dir.display(),
        outputs.iter().map(show).collect::<Vec<_>>().join("\n")
    );
    let _ = writeln!(
        std::io::stderr(),
        "cfn-lint accepted {} generated profiles in {} templates (rendered in {rendered:.1?}, linted in {:.1?})",
        profiles.len(),
        files.len(),
        started.elapsed() - rendered
    );
}

// ---------------------------------------------------------------------------------------------
// Every constraint, violated on purpose
// ---------------------------------------------------------------------------------------------

/// How the project stops a violation before a template exists.
enum Stop {
    /// The builder's error: the rule and the field it names.
    Builder(SecurityProfileBuilder, Rule, FieldPath),
    /// The builder accepts the input but writes it in a form that complies (duplicates merge).
    Merged(SecurityProfileBuilder),
    /// An `Instance` constructor refuses it.
    Instance(&'static str),
    /// The types cannot express the violation; the property test checks every output too.
    ByConstruction(&'static str),
}

/// One constraint cfn-lint enforces on the resource.
struct Violation {
    /// File stem of the template with the violation, and what is violated.
    slug: &'static str,
    stop: Stop,
    /// The DSL's UI test (`tests/ui/fail/<file>.stderr`) and words of its expected message.
    ui: Option<(&'static str, &'static str)>,
    /// Makes a valid profile's `Properties` break the constraint.
    mutate: fn(&mut Map<String, Value>),
    /// cfn-lint's rule ids for the violation (each must be reported).
    cfn_lint: &'static [&'static str],
}

fn long(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

fn base() -> SecurityProfileBuilder {
    SecurityProfile::builder("Constraint")
        .permissions([
            "BasicAgentAccess",
            "Users.View",
            "Queues.View",
            "SecurityProfiles.View",
        ])
        .description("A profile to break on purpose")
        .tag("Team", "Blue")
        .restrict_tags([("Department", "Sales")], ["User", "SecurityProfile"])
        .restrict_hierarchy("User")
        .hierarchy_group("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f")
}

fn tags_of(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
            .collect(),
    )
}

fn strings(items: impl IntoIterator<Item = String>) -> Value {
    Value::Array(items.into_iter().map(Value::String).collect())
}

fn item(field: &'static str, index: usize) -> FieldPath {
    FieldPath::item(field, index)
}

fn field(field: &'static str) -> FieldPath {
    FieldPath::field(field)
}

/// The table: constraint → how the project stops it → UI test → cfn-lint rule.
fn violations() -> Vec<Violation> {
    use Stop::{Builder, ByConstruction, Merged};
    let permissions_501 = (0..501).fold(SecurityProfile::builder("TooMany"), |b, i| {
        b.unchecked_permission(format!("New.Permission{i}"))
    });
    let tags_51 = (0..50).fold(base(), |b, i| b.tag(format!("k{i}"), "v"));
    let act_5 = base().restrict_tags((0..4).map(|i| (format!("k{i}"), "v")), Vec::<String>::new());
    let trr_11 = (0..7).fold(
        base().restrict_tags(Vec::<(String, String)>::new(), ["Queue", "RoutingProfile"]),
        |b, i| b.restrict_tags_on_unchecked(format!("NewType{i}")),
    );
    let hrr_11 = (0..10).fold(base(), |b, _| b.restrict_hierarchy("User"));
    vec![
        Violation {
            slug: "permissions-count",
            stop: Builder(permissions_501, Rule::TooManyPermissions, field("profile")),
            ui: Some(("too_many_permissions", "AWS accepts at most 500")),
            mutate: |p| {
                p.insert(
                    "Permissions".into(),
                    strings((0..501).map(|i| format!("P{i}"))),
                );
            },
            cfn_lint: &["E3032"],
        },
        Violation {
            slug: "permissions-duplicate",
            stop: Merged(base().permission("Users.View").permission("Users.View")),
            ui: None,
            mutate: |p| {
                p.insert("Permissions".into(), json!(["Users.View", "Users.View"]));
            },
            cfn_lint: &["E3037"],
        },
        Violation {
            slug: "permission-empty",
            stop: Builder(
                base().unchecked_permission(""),
                Rule::PermissionLength,
                item("permissions", 4),
            ),
            ui: Some((
                "permission_length",
                "is 0 characters long; AWS accepts 1 to 128",
            )),
            mutate: |p| {
                p.insert("Permissions".into(), json!([""]));
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "permission-long",
            stop: Builder(
                base().unchecked_permission(long('x', 129)),
                Rule::PermissionLength,
                item("permissions", 4),
            ),
            ui: Some(("permission_length", "AWS accepts 1 to 128")),
            mutate: |p| {
                p.insert("Permissions".into(), strings([long('x', 129)]));
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "name-pattern",
            stop: Builder(
                SecurityProfile::builder("Team.Lead").permission("BasicAgentAccess"),
                Rule::NamePattern,
                field("name"),
            ),
            ui: Some(("name", "which AWS does not accept")),
            mutate: |p| {
                p.insert("SecurityProfileName".into(), json!("Team.Lead"));
            },
            cfn_lint: &["E3031"],
        },
        Violation {
            slug: "name-long",
            stop: Builder(
                SecurityProfile::builder(long('N', 128)).permission("BasicAgentAccess"),
                Rule::NameLength,
                field("name"),
            ),
            ui: Some(("name", "AWS accepts 1 to 127")),
            mutate: |p| {
                p.insert("SecurityProfileName".into(), Value::String(long('N', 128)));
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "name-empty",
            stop: Builder(
                SecurityProfile::builder("").permission("BasicAgentAccess"),
                Rule::NameLength,
                field("name"),
            ),
            ui: Some(("name", "is 0 characters long; AWS accepts 1 to 127")),
            mutate: |p| {
                p.insert("SecurityProfileName".into(), json!(""));
            },
            cfn_lint: &["E3031", "E3033"],
        },
        Violation {
            slug: "name-missing",
            stop: ByConstruction(
                "`SecurityProfile::builder(name)` and `name:` (Rule::MissingName in the DSL) require it; the rendered properties always hold it",
            ),
            ui: Some(("name", "the security profile has no `name`")),
            mutate: |p| {
                p.remove("SecurityProfileName");
            },
            cfn_lint: &["E3003"],
        },
        Violation {
            slug: "description-long",
            stop: Builder(
                base().description(long('d', 251)),
                Rule::DescriptionLength,
                field("description"),
            ),
            ui: Some(("description", "AWS accepts at most 250")),
            mutate: |p| {
                p.insert("Description".into(), Value::String(long('d', 251)));
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "access-control-tags-count",
            stop: Builder(
                act_5,
                Rule::TooManyAccessControlTags,
                item("restrict tags", 4),
            ),
            ui: Some((
                "access_control_tags",
                "access-control tags given; AWS accepts at most 4",
            )),
            mutate: |p| {
                p.insert("AllowedAccessControlTags".into(), tags_of(5));
            },
            cfn_lint: &["E3032"],
        },
        Violation {
            slug: "access-control-tags-duplicate",
            stop: Builder(
                base().restrict_tags([("Department", "Sales")], Vec::<String>::new()),
                Rule::DuplicateTagKey,
                item("restrict tags", 1),
            ),
            ui: Some(("access_control_tags", "is given twice")),
            mutate: |p| {
                p.insert(
                    "AllowedAccessControlTags".into(),
                    json!([{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "1"}]),
                );
            },
            cfn_lint: &["E3037"],
        },
        Violation {
            slug: "access-control-tag-key-pattern",
            stop: Builder(
                base().restrict_tags([("aws:team", "x")], Vec::<String>::new()),
                Rule::TagKey,
                item("restrict tags", 1),
            ),
            ui: Some((
                "access_control_tags",
                "starts with `aws:`, which AWS reserves",
            )),
            mutate: |p| {
                p.insert(
                    "AllowedAccessControlTags".into(),
                    json!([{"Key": "Cost Center", "Value": "1"}]),
                );
            },
            cfn_lint: &["E3031"],
        },
        Violation {
            slug: "access-control-tag-value-long",
            stop: Builder(
                base().restrict_tags([("Long", long('v', 257))], Vec::<String>::new()),
                Rule::TagValueLength,
                item("restrict tags", 1),
            ),
            ui: None,
            mutate: |p| {
                p.insert(
                    "AllowedAccessControlTags".into(),
                    json!([{"Key": "Long", "Value": long('v', 257)}]),
                );
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "tag-restricted-resources-count",
            stop: Builder(
                trr_11,
                Rule::TooManyRestrictedResources,
                item("restrict tags on", 10),
            ),
            ui: Some((
                "restrictions",
                "restricted resources given; AWS accepts at most 10",
            )),
            mutate: |p| {
                p.insert(
                    "TagRestrictedResources".into(),
                    strings((0..11).map(|i| format!("R{i}"))),
                );
            },
            cfn_lint: &["E3032"],
        },
        Violation {
            slug: "tag-restricted-resource-empty",
            stop: Builder(
                base().restrict_tags_on_unchecked(""),
                Rule::UnknownResourceType,
                item("restrict tags on", 2),
            ),
            ui: Some((
                "unknown_resource_type",
                "is 0 characters long; AWS accepts 1 to 128",
            )),
            mutate: |p| {
                p.insert("TagRestrictedResources".into(), json!([""]));
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "tag-restricted-resource-long",
            stop: Builder(
                base().restrict_tags_on_unchecked(long('R', 129)),
                Rule::UnknownResourceType,
                item("restrict tags on", 2),
            ),
            ui: Some(("unknown_resource_type", "AWS accepts 1 to 128")),
            mutate: |p| {
                p.insert("TagRestrictedResources".into(), strings([long('R', 129)]));
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "tag-restricted-resources-duplicate",
            stop: Builder(
                base().restrict_tags(Vec::<(String, String)>::new(), ["User"]),
                Rule::DuplicateRestrictedResource,
                item("restrict tags on", 2),
            ),
            ui: Some(("restrictions", "is restricted twice")),
            mutate: |p| {
                p.insert("TagRestrictedResources".into(), json!(["User", "User"]));
            },
            cfn_lint: &["E3037"],
        },
        Violation {
            slug: "hierarchy-restricted-resources-count",
            stop: Builder(
                hrr_11,
                Rule::TooManyRestrictedResources,
                item("restrict hierarchy", 10),
            ),
            ui: Some(("restrictions", "cannot be hierarchy-restricted")),
            mutate: |p| {
                p.insert(
                    "HierarchyRestrictedResources".into(),
                    strings((0..11).map(|i| format!("R{i}"))),
                );
            },
            cfn_lint: &["E3032"],
        },
        Violation {
            slug: "hierarchy-restricted-resources-duplicate",
            stop: Builder(
                base().restrict_hierarchy("User"),
                Rule::DuplicateRestrictedResource,
                item("restrict hierarchy", 1),
            ),
            ui: None,
            mutate: |p| {
                p.insert(
                    "HierarchyRestrictedResources".into(),
                    json!(["User", "User"]),
                );
            },
            cfn_lint: &["E3037"],
        },
        Violation {
            slug: "hierarchy-group-pattern",
            stop: Builder(
                base().hierarchy_group("Team Blue"),
                Rule::HierarchyGroupId,
                field("hierarchy group"),
            ),
            ui: Some((
                "hierarchy_group",
                "AWS accepts letters, digits and `-` only",
            )),
            mutate: |p| {
                p.insert(
                    "AllowedAccessControlHierarchyGroupId".into(),
                    json!("Team Blue"),
                );
            },
            cfn_lint: &["E3031"],
        },
        Violation {
            slug: "hierarchy-group-long",
            stop: Builder(
                base().hierarchy_group(long('a', 128)),
                Rule::HierarchyGroupId,
                field("hierarchy group"),
            ),
            ui: Some(("hierarchy_group", "AWS accepts at most 127")),
            mutate: |p| {
                p.insert(
                    "AllowedAccessControlHierarchyGroupId".into(),
                    Value::String(long('a', 128)),
                );
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "tags-count",
            stop: Builder(tags_51, Rule::TooManyTags, item("tags", 50)),
            ui: Some(("tags", "tags given; AWS accepts at most 50")),
            mutate: |p| {
                p.insert("Tags".into(), tags_of(51));
            },
            cfn_lint: &["E3032"],
        },
        Violation {
            slug: "tag-key-pattern",
            stop: Builder(
                base().tag("Cost Center", "x"),
                Rule::TagKey,
                item("tags", 1),
            ),
            ui: Some(("tags", "which CloudFormation rejects")),
            mutate: |p| {
                p.insert("Tags".into(), json!([{"Key": "Cost Center", "Value": "x"}]));
            },
            cfn_lint: &["E3031"],
        },
        Violation {
            slug: "tag-key-reserved",
            stop: Builder(
                base().tag("aws:createdBy", "x"),
                Rule::TagKey,
                item("tags", 1),
            ),
            ui: Some(("tags", "starts with `aws:`, which AWS reserves")),
            mutate: |p| {
                p.insert(
                    "Tags".into(),
                    json!([{"Key": "aws:createdBy", "Value": "x"}]),
                );
            },
            cfn_lint: &["E3031", "E3024"],
        },
        Violation {
            slug: "tag-key-non-ascii",
            stop: Builder(base().tag("Équipe", "x"), Rule::TagKey, item("tags", 1)),
            ui: Some(("tags", "which CloudFormation rejects")),
            mutate: |p| {
                p.insert("Tags".into(), json!([{"Key": "Équipe", "Value": "x"}]));
            },
            cfn_lint: &["E3031"],
        },
        Violation {
            slug: "tag-key-empty",
            stop: Builder(base().tag("", "x"), Rule::TagKey, item("tags", 1)),
            ui: Some(("tags", "is 0 characters long; AWS accepts 1 to 128")),
            mutate: |p| {
                p.insert("Tags".into(), json!([{"Key": "", "Value": "x"}]));
            },
            cfn_lint: &["E3031", "E3033"],
        },
        Violation {
            slug: "tag-key-long",
            stop: Builder(
                base().tag(long('k', 129), "x"),
                Rule::TagKey,
                item("tags", 1),
            ),
            ui: Some(("tags", "AWS accepts 1 to 128")),
            mutate: |p| {
                p.insert(
                    "Tags".into(),
                    json!([{"Key": long('k', 129), "Value": "x"}]),
                );
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "tag-value-long",
            stop: Builder(
                base().tag("Long", long('v', 257)),
                Rule::TagValueLength,
                item("tags", 1),
            ),
            ui: Some(("tags", "AWS accepts at most 256")),
            mutate: |p| {
                p.insert(
                    "Tags".into(),
                    json!([{"Key": "Long", "Value": long('v', 257)}]),
                );
            },
            cfn_lint: &["E3033"],
        },
        Violation {
            slug: "tag-keys-duplicate",
            stop: Builder(
                base().tag("Team", "Red"),
                Rule::DuplicateTagKey,
                item("tags", 1),
            ),
            ui: Some(("tags", "is given twice")),
            mutate: |p| {
                p.insert(
                    "Tags".into(),
                    json!([{"Key": "Team", "Value": "Blue"}, {"Key": "Team", "Value": "Red"}]),
                );
            },
            cfn_lint: &["E3024"],
        },
        Violation {
            slug: "instance-arn-pattern",
            stop: Stop::Instance("arn:aws:connect:us-east-1:12345678901:instance/abc"),
            ui: None,
            mutate: |p| {
                p.insert(
                    "InstanceArn".into(),
                    json!("arn:aws:connect:us-east-1:12345678901:instance/abc"),
                );
            },
            cfn_lint: &["E3031"],
        },
        Violation {
            slug: "instance-arn-missing",
            stop: ByConstruction(
                "`SecurityProfileProperties::instance_arn` is not optional: every profile is rendered in a stack, with its instance's ARN",
            ),
            ui: None,
            mutate: |p| {
                p.remove("InstanceArn");
            },
            cfn_lint: &["E3003"],
        },
        Violation {
            slug: "unknown-property",
            stop: ByConstruction(
                "`SecurityProfileProperties` has the schema's fields only (and `deny_unknown_fields`); the DSL refuses unknown fields (Rule::UnknownField)",
            ),
            ui: Some(("unknown_field", "unknown security profile field")),
            mutate: |p| {
                p.insert("Permission".into(), json!(["BasicAgentAccess"]));
            },
            cfn_lint: &["E3002"],
        },
    ]
}

fn ui_stderr(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("ui/fail/{file}.stderr"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_constraint_is_enforced_before_cfn_lint_sees_it() {
    let schema = schema();
    // The valid template every violation starts from.
    let profile = base().build().expect("the base profile is valid");
    let mut app = App::with_outdir("unused");
    app.stack("Constraints", Instance::existing(ARN).expect("valid"))
        .add_security_profile(&profile)
        .expect("accepted");
    let template: Value =
        serde_json::from_str(&app.stacks()[0].template().expect("renders").to_json())
            .expect("JSON");
    let id = profile_properties(&template)[0].0.to_owned();
    assert!(
        schema
            .violations(&template["Resources"][&id]["Properties"])
            .is_empty()
    );

    let dir = scratch("violations");
    let mut files = vec![dir.join("valid.json")];
    std::fs::write(&files[0], template.to_string()).expect("written");
    let table = violations();
    for v in &table {
        match &v.stop {
            Stop::Builder(builder, rule, at) => {
                let error = match builder.build() {
                    Ok(p) => panic!("{}: the builder accepted {}", v.slug, p.name()),
                    Err(e) => e,
                };
                assert!(
                    error
                        .findings
                        .iter()
                        .any(|f| f.rule == *rule && f.at == *at && f.severity == Severity::Error),
                    "{}: expected {rule:?} at {at}, got {error}",
                    v.slug
                );
            }
            Stop::Merged(builder) => {
                let profile = builder.build().expect("accepted");
                let mut names: Vec<&str> = profile.permissions().iter().collect();
                let all = names.len();
                names.dedup();
                assert_eq!(names.len(), all, "{}: duplicates reach the profile", v.slug);
            }
            Stop::Instance(arn) => assert!(
                matches!(
                    Instance::existing(*arn),
                    Err(Error::InvalidInstanceArn { .. })
                ),
                "{}: Instance::existing accepted {arn}",
                v.slug
            ),
            Stop::ByConstruction(why) => assert!(!why.is_empty()),
        }
        if let Some((file, words)) = v.ui {
            assert!(
                ui_stderr(file).contains(words),
                "{}: tests/ui/fail/{file}.stderr does not show {words:?}",
                v.slug
            );
        }
        let mut broken = template.clone();
        let properties = broken["Resources"][&id]["Properties"]
            .as_object_mut()
            .expect("properties");
        (v.mutate)(properties);
        assert!(
            !schema
                .violations(&broken["Resources"][&id]["Properties"])
                .is_empty(),
            "{}: the Rust validator misses it",
            v.slug
        );
        let file = dir.join(format!("{}.json", v.slug));
        std::fs::write(&file, broken.to_string()).expect("written");
        files.push(file);
    }

    if support::cfn_lint("every_constraint_is_enforced_before_cfn_lint_sees_it").is_none() {
        return;
    }
    let (output, found) = lint(&files);
    assert!(
        !found.contains_key("valid.json"),
        "cfn-lint rejects the valid starting point: {}",
        show(&output)
    );
    for v in &table {
        let got = found
            .get(&format!("{}.json", v.slug))
            .cloned()
            .unwrap_or_default();
        for rule in v.cfn_lint {
            assert!(
                got.contains(*rule),
                "{}: cfn-lint should report {rule}, reported {got:?}\n{}",
                v.slug,
                show(&output)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Regression: characters cfn-lint could not read
// ---------------------------------------------------------------------------------------------

/// cfn-lint reads a JSON template with a YAML reader, which refuses raw DEL, C1 controls and
/// U+FFFE/U+FFFF ("Template could not be parsed", E0000) and folds raw U+2028/U+2029. A
/// description, tag value, unchecked permission or sensitive reason may hold any of them;
/// `synth` writes them as `\u` escapes, which every JSON reader decodes to the same text.
#[test]
fn cfn_lint_reads_every_character_synth_writes() {
    let every: String = ('\u{0}'..='\u{2ff}')
        .chain('\u{2000}'..='\u{206f}')
        .chain([
            '\u{feff}',
            '\u{fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1f600}',
            '\u{10ffff}',
        ])
        .collect();
    let chunks: Vec<String> = every
        .chars()
        .collect::<Vec<_>>()
        .chunks(240)
        .map(|c| c.iter().collect())
        .collect();
    let mut profiles = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        profiles.push(
            SecurityProfile::builder(format!("Characters{i}"))
                .description(chunk.clone())
                .permission("BasicAgentAccess")
                .unchecked_permission(chunk.chars().take(128).collect::<String>())
                .tag("Text", chunk.clone())
                .restrict_tags([("Text", chunk.clone())], ["Queue"])
                .restrict_tags_on_unchecked(chunk.chars().skip(100).take(128).collect::<String>())
                .permission("Queues.View")
                .build()
                .expect("any text is accepted in these fields"),
        );
    }
    let mut app = App::with_outdir("unused");
    app.stack("Characters", Instance::parameter())
        .add_security_profiles(&profiles)
        .expect("accepted");
    let json = app.stacks()[0].template().expect("renders").to_json();
    let refs: Vec<&SecurityProfile> = profiles.iter().collect();
    check_rendered(schema(), &json, &refs);
    for c in [
        '\u{7f}', '\u{85}', '\u{9f}', '\u{2028}', '\u{fffe}', '\u{ffff}',
    ] {
        assert!(
            json.contains(&format!("\\u{:04x}", c as u32)),
            "{c:?} is written as an escape"
        );
    }
    if support::cfn_lint("cfn_lint_reads_every_character_synth_writes").is_none() {
        return;
    }
    let dir = scratch("characters");
    let file = dir.join("Characters.template.json");
    std::fs::write(&file, &json).expect("written");
    let (output, found) = lint(std::slice::from_ref(&file));
    assert!(
        output.status.success() && found.is_empty(),
        "{}",
        show(&output)
    );
}

// ---------------------------------------------------------------------------------------------
// Known gap (switchboard-core): text that CloudFormation and cfn-lint read as syntax
// ---------------------------------------------------------------------------------------------

/// Free text the builder accepts but CloudFormation and cfn-lint read as template syntax:
///
/// - `{{resolve:...}}` is a dynamic reference: CloudFormation replaces it at deploy time in
///   any resource property (the deployed description or tag value becomes an SSM parameter's
///   value, or the deployment fails); cfn-lint reports a malformed one (E1050) and an
///   `ssm-secure` one in a tag (E1027).
/// - `${AWS::Region}`, `${InstanceArn}` or `${<a logical ID>}` outside `Fn::Sub` is cfn-lint's
///   E1029, in properties and in `Metadata` alike (so a sensitive reason triggers it too).
///
/// The rule is switchboard-core's `CloudFormationSyntaxInText` (`rules/text.rs`), over the
/// description, tag values, the sensitive reason and unchecked names.
#[test]
fn text_that_cloudformation_reads_as_syntax_is_refused() {
    let texts = [
        "{{resolve:ssm:/team/description}}",
        "{{resolve:bogus}}",
        "{{resolve:ssm-secure:/secret:1}}",
        "Costs are booked in ${AWS::Region}",
        "Scoped to ${InstanceArn}",
    ];
    let mut accepted = Vec::new();
    for text in texts {
        let cases = [
            ("description", base().description(text)),
            ("tag value", base().tag("Note", text)),
            (
                "access-control tag value",
                base().restrict_tags([("Note", text)], Vec::<String>::new()),
            ),
            ("sensitive reason", base().sensitive(text)),
            ("unchecked permission", base().unchecked_permission(text)),
            (
                "unchecked resource type",
                base().restrict_tags_on_unchecked(text),
            ),
        ];
        for (field, builder) in cases {
            if builder.build().is_ok() {
                accepted.push(format!("{field}: {text:?}"));
            }
        }
    }
    assert!(accepted.is_empty(), "accepted:\n{}", accepted.join("\n"));
}
