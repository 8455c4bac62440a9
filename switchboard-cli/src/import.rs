//! `switchboard import`: Rust source with one `security_profile!` per profile read.
//!
//! For each profile:
//! - the permissions the catalog knows are written with the built-in presets and groups when
//!   they express part of the set exactly (every permission of the preset or group is in the
//!   set) and make the profile shorter; the search is exhaustive over the presets and groups
//!   that fit (after dropping those another one contains), so the result is the shortest such
//!   form. No `without` is ever needed;
//! - the `View`s the Connect console adds with another action of their family are left out,
//!   since `security_profile!` adds them: for a template switchboard synthesized, exactly those
//!   its Metadata lists as implied, so the source synthesizes the same template again;
//! - names the catalog does not know are kept as `unchecked("...")`, with a comment;
//! - a profile with sensitive permissions gets its stated reason from switchboard's Metadata,
//!   or a placeholder, `sensitive: "TODO(import): ..."`, that a reviewer must replace.
//!
//! The result is checked with the core's rules before it is printed: what would not compile,
//! and any difference between the set the source grants and the set read, is reported.

use std::collections::BTreeSet;

use switchboard_core::catalog::{self, Tier};
use switchboard_core::rules::{self, name::BUILTIN_PROFILE_NAMES, name::names_collide};
use switchboard_core::spec::{
    FieldPath, Located, PermissionItem, PresetUse, ProfileSpec, ResourceItem, TagRestriction,
    TagSpec,
};
use switchboard_core::{groups, presets};

use crate::error::InputError;
use crate::input::Profile;

/// The text every placeholder reason starts with; `audit` reports reasons that still do.
pub const PLACEHOLDER: &str = "TODO(import):";

/// The most presets and groups searched exhaustively; beyond, the search is greedy.
const MAX_EXHAUSTIVE: usize = 16;

/// How the permissions of one profile are written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PermissionPlan {
    /// Built-in presets, in the catalog's order.
    pub presets: Vec<&'static str>,
    /// Built-in groups, in the catalog's order.
    pub groups: Vec<&'static str>,
    /// Catalog permissions written one by one, sorted.
    pub permissions: Vec<String>,
    /// Names the catalog does not know, sorted.
    pub unchecked: Vec<String>,
    /// Views the source leaves to the macro.
    pub implied: Vec<String>,
}

impl PermissionPlan {
    /// How many entries the source has.
    pub fn len(&self) -> usize {
        self.presets.len() + self.groups.len() + self.permissions.len() + self.unchecked.len()
    }

    /// True when the profile grants nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One candidate preset or group, as a bit set over the profile's permissions.
struct Candidate {
    preset: bool,
    name: &'static str,
    bits: Vec<u64>,
}

fn bits_of(names: &[&str], index: &[String]) -> Option<Vec<u64>> {
    let mut bits = vec![0u64; index.len().div_ceil(64)];
    for name in names {
        let i = index.binary_search_by(|p| p.as_str().cmp(name)).ok()?;
        bits[i / 64] |= 1 << (i % 64);
    }
    Some(bits)
}

fn subset(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).all(|(x, y)| x & !y == 0)
}

fn ones(bits: &[u64]) -> usize {
    bits.iter().map(|w| w.count_ones() as usize).sum()
}

/// Chooses presets and groups for `target`, among those whose permissions all lie in
/// `allowed`: the choice that minimises presets + groups + permissions left to write (ties go
/// to fewer presets and groups).
pub fn choose(target: &BTreeSet<String>, allowed: &BTreeSet<String>) -> PermissionPlan {
    let index: Vec<String> = allowed.iter().cloned().collect();
    let target_bits = bits_of(
        &target.iter().map(String::as_str).collect::<Vec<_>>(),
        &index,
    )
    .unwrap_or_default();
    let mut candidates: Vec<Candidate> = Vec::new();
    let all = presets::BUILTIN_PRESETS
        .iter()
        .map(|p| (true, p.name, p.permissions))
        .chain(
            groups::BUILTIN_GROUPS
                .iter()
                .map(|g| (false, g.name, g.permissions)),
        );
    for (preset, name, permissions) in all {
        if permissions.is_empty() {
            continue;
        }
        if let Some(bits) = bits_of(permissions, &index) {
            candidates.push(Candidate { preset, name, bits });
        }
    }
    // A candidate contained in an earlier or larger one is never needed.
    let mut kept: Vec<Candidate> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let dominated = candidates.iter().enumerate().any(|(j, d)| {
            j != i && subset(&c.bits, &d.bits) && (!subset(&d.bits, &c.bits) || j < i)
        });
        if !dominated {
            kept.push(Candidate {
                preset: c.preset,
                name: c.name,
                bits: c.bits.clone(),
            });
        }
    }
    let cost = |chosen: &[usize]| -> (usize, usize) {
        let mut covered = vec![0u64; target_bits.len()];
        for &i in chosen {
            for (w, b) in covered.iter_mut().zip(&kept[i].bits) {
                *w |= b;
            }
        }
        let left: Vec<u64> = target_bits
            .iter()
            .zip(&covered)
            .map(|(t, c)| t & !c)
            .collect();
        (chosen.len() + ones(&left), chosen.len())
    };
    let mut best: Vec<usize> = Vec::new();
    let mut best_cost = cost(&best);
    if kept.len() <= MAX_EXHAUSTIVE {
        for mask in 1u32..(1u32 << kept.len()) {
            let chosen: Vec<usize> = (0..kept.len()).filter(|i| mask & (1 << i) != 0).collect();
            let c = cost(&chosen);
            if c < best_cost {
                best_cost = c;
                best = chosen;
            }
        }
    } else {
        loop {
            let mut improved = None;
            for i in 0..kept.len() {
                if best.contains(&i) {
                    continue;
                }
                let mut trial = best.clone();
                trial.push(i);
                let c = cost(&trial);
                if c < best_cost && improved.as_ref().is_none_or(|(_, bc)| c < *bc) {
                    improved = Some((i, c));
                }
            }
            match improved {
                Some((i, c)) => {
                    best.push(i);
                    best_cost = c;
                }
                None => break,
            }
        }
        best.sort_unstable();
    }
    let mut plan = PermissionPlan::default();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for &i in &best {
        let c = &kept[i];
        if c.preset {
            plan.presets.push(c.name);
        } else {
            plan.groups.push(c.name);
        }
        let list = if c.preset {
            presets::preset(c.name).map_or(&[][..], |p| p.permissions)
        } else {
            groups::group(c.name).map_or(&[][..], |g| g.permissions)
        };
        covered.extend(list.iter().copied());
    }
    plan.permissions = target
        .iter()
        .filter(|p| !covered.contains(p.as_str()))
        .cloned()
        .collect();
    plan
}

/// The Views of `set` that another permission of `set` implies.
fn implied_views(set: &BTreeSet<String>) -> BTreeSet<String> {
    set.iter()
        .filter_map(|p| catalog::lookup(p).and_then(|i| i.implies))
        .filter(|v| set.contains(*v))
        .map(str::to_owned)
        .collect()
}

/// Plans how to write a profile's permissions.
pub fn plan(profile: &Profile) -> PermissionPlan {
    let set: BTreeSet<String> = profile.permissions.iter().cloned().collect();
    let known: BTreeSet<String> = set
        .iter()
        .filter(|p| catalog::lookup(p).is_some())
        .cloned()
        .collect();
    let unchecked: Vec<String> = set.difference(&known).cloned().collect();
    let (implied, allowed) = match &profile.metadata {
        Some(m) => {
            let implied: BTreeSet<String> = m
                .implied_permissions
                .iter()
                .filter(|p| known.contains(*p))
                .cloned()
                .collect();
            let allowed = known.difference(&implied).cloned().collect();
            (implied, allowed)
        }
        None => (implied_views(&known), known.clone()),
    };
    let target: BTreeSet<String> = known.difference(&implied).cloned().collect();
    let mut plan = choose(&target, &allowed);
    plan.unchecked = unchecked;
    plan.implied = implied.into_iter().collect();
    plan
}

const KEYWORDS: [&str; 52] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// True for a Rust identifier that is not a keyword.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "_"
        && !KEYWORDS.contains(&text)
}

/// How a catalog permission is written: as a path (`Users.Edit`) when every segment is an
/// identifier, else as a string literal.
pub fn permission_token(name: &str) -> String {
    if name != "unchecked" && name.split('.').all(is_identifier) {
        name.to_owned()
    } else {
        rust_string(name)
    }
}

/// A Rust string literal.
pub fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

/// Text safe inside a `//` comment: one line, control characters escaped, and so are the
/// bidirectional-text overrides rustc refuses even in comments (`text_direction_codepoint_in_comment`,
/// denied by default) and other invisible formatting characters.
pub fn comment_text(text: &str) -> String {
    crate::printable::printable(text)
}

/// `TEAM_LEAD` for `TeamLead`, `team lead` or `team-lead`.
pub fn const_name(name: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            let boundary = match previous {
                Some(p) => {
                    (c.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit()))
                        || (c.is_ascii_digit() && p.is_ascii_alphabetic())
                }
                None => false,
            };
            if boundary && !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
            previous = Some(c);
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            previous = None;
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        out = "PROFILE".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "PROFILE_");
    }
    out
}

/// The source, and what the user must know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The Rust source.
    pub source: String,
    /// Notes for stderr: placeholders, profiles that will not compile, what was left out.
    pub notes: Vec<String>,
}

/// The spec the generated source stands for, to check it with the core's rules.
fn spec_of(
    profile: &Profile,
    plan: &PermissionPlan,
    reason: Option<&str>,
) -> ProfileSpec<FieldPath> {
    let at = FieldPath::field;
    let loc = |v: &str, field: &'static str| Located::new(v.to_owned(), at(field));
    let tags = |list: &[(String, String)], field: &'static str| -> Vec<TagSpec<FieldPath>> {
        list.iter()
            .map(|(k, v)| TagSpec {
                key: loc(k, field),
                value: loc(v, field),
            })
            .collect()
    };
    let resources = |list: &[String], known: &[&str], field: &'static str| {
        list.iter()
            .map(|r| {
                if known.contains(&r.as_str()) {
                    ResourceItem::Known(loc(r, field))
                } else {
                    ResourceItem::Unchecked(loc(r, field))
                }
            })
            .collect()
    };
    let restrict_tags = (!profile.access_control_tags.is_empty()
        || !profile.tag_restricted_resources.is_empty())
    .then(|| TagRestriction {
        tags: tags(&profile.access_control_tags, "restrict tags"),
        resources: resources(
            &profile.tag_restricted_resources,
            &rules::restrictions::TAG_RESTRICTABLE,
            "restrict tags",
        ),
        at: at("restrict tags"),
    });
    ProfileSpec {
        name: profile.name.as_deref().map(|n| loc(n, "name")),
        description: profile
            .description
            .as_deref()
            .map(|d| loc(d, "description")),
        presets: plan
            .presets
            .iter()
            .map(|p| PresetUse::Builtin(loc(p, "preset")))
            .collect(),
        groups: plan.groups.iter().map(|g| loc(g, "groups")).collect(),
        permissions: plan
            .permissions
            .iter()
            .map(|p| PermissionItem::Api(loc(p, "permissions")))
            .chain(
                plan.unchecked
                    .iter()
                    .map(|p| PermissionItem::Unchecked(loc(p, "permissions"))),
            )
            .collect(),
        without: Vec::new(),
        restrict_hierarchy: resources(
            &profile.hierarchy_restricted_resources,
            &rules::restrictions::HIERARCHY_RESTRICTABLE,
            "restrict hierarchy",
        ),
        restrict_tags,
        hierarchy_group: profile
            .hierarchy_group
            .as_deref()
            .map(|h| loc(h, "hierarchy group")),
        tags: tags(&profile.tags, "tags"),
        sensitive: reason.map(|r| loc(r, "sensitive")),
    }
}

/// The spec of the source `import` writes for `profile`: presets, groups and permissions as
/// planned, the stated reason or none. `audit` validates it to see a profile as the macro would.
pub fn written_spec(profile: &Profile) -> ProfileSpec<FieldPath> {
    let reason = profile
        .metadata
        .as_ref()
        .and_then(|m| m.sensitive_reason.as_deref());
    spec_of(profile, &plan(profile), reason)
}

fn list_line(indent: &str, field: &str, items: &[String]) -> String {
    let inline = format!("{indent}{field}: [{}],\n", items.join(", "));
    if inline.len() <= 100 {
        return inline;
    }
    let mut out = format!("{indent}{field}: [\n");
    for item in items {
        out.push_str(&format!("{indent}    {item},\n"));
    }
    out.push_str(&format!("{indent}],\n"));
    out
}

fn tag_map(tags: &[(String, String)]) -> String {
    let entries: Vec<String> = tags
        .iter()
        .map(|(k, v)| format!("{}: {}", rust_string(k), rust_string(v)))
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

fn resource_list(list: &[String], known: &[&str]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|r| {
            if known.contains(&r.as_str()) && is_identifier(r) {
                r.clone()
            } else {
                format!("unchecked({})", rust_string(r))
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Writes one profile; `ident` is its constant's name.
fn write_profile(profile: &Profile, ident: &str, notes: &mut Vec<String>) -> String {
    let display = profile.display_name();
    let plan = plan(profile);
    let sensitive: Vec<String> = profile
        .permission_set()
        .into_iter()
        .filter(|p| catalog::lookup(p).is_some_and(|i| i.tier == Tier::Sensitive))
        .collect();
    let stated = profile
        .metadata
        .as_ref()
        .and_then(|m| m.sensitive_reason.clone());
    let reason = match (&stated, sensitive.is_empty()) {
        (Some(reason), _) => Some(reason.clone()),
        (None, false) => {
            notes.push(format!(
                "{display}: `sensitive` is a placeholder; replace it with why the role needs {}",
                sensitive.join(", ")
            ));
            Some(format!(
                "{PLACEHOLDER} state why this role needs {}",
                sensitive.join(", ")
            ))
        }
        (None, true) => None,
    };
    let i = "        ";
    let mut out = String::new();
    out.push_str("security_profile! {\n");
    out.push_str(&format!(
        "    /// Imported from {}.\n",
        comment_text(&profile.origin.describe())
    ));
    if let Some(instance) = profile.instance.as_ref().filter(|i| i.starts_with("arn:")) {
        out.push_str(&format!(
            "    ///\n    /// Instance: {}.\n",
            comment_text(instance)
        ));
    }
    // Check what the source stands for with the core's rules.
    let validated = rules::validate(
        &spec_of(profile, &plan, reason.as_deref()),
        &FieldPath::field("profile"),
    );
    for d in validated.diagnostics.iter().filter(|d| d.is_error()) {
        notes.push(format!(
            "{display}: will not compile as imported: {} (rule {})",
            d.message,
            d.rule.name()
        ));
        out.push_str(&format!(
            "    // switchboard import: will not compile as read: {} (rule {})\n",
            comment_text(&d.message),
            d.rule.name()
        ));
    }
    let read: BTreeSet<String> = profile.permissions.iter().cloned().collect();
    let granted: BTreeSet<String> = validated.profile.permissions.iter().cloned().collect();
    let extra: Vec<&String> = granted.difference(&read).collect();
    if !extra.is_empty() {
        let list = extra
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        notes.push(format!(
            "{display}: the source also grants {list}: the Connect console adds a family's View with its other actions, and so does security_profile!"
        ));
        out.push_str(&format!(
            "    // switchboard import: also grants {} (the console adds a family's View with its other actions)\n",
            comment_text(&list)
        ));
    }
    for property in &profile.other_properties {
        notes.push(format!(
            "{display}: `{property}` is not imported (switchboard does not model it)"
        ));
        out.push_str(&format!(
            "    // switchboard import: `{}` not imported (switchboard does not model it)\n",
            comment_text(property)
        ));
    }
    out.push_str(&format!("    pub const {ident} = {{\n"));
    out.push_str(&format!(
        "{i}name: {},\n",
        rust_string(profile.name.as_deref().unwrap_or_default())
    ));
    if let Some(d) = &profile.description {
        out.push_str(&format!("{i}description: {},\n", rust_string(d)));
    }
    match plan.presets.as_slice() {
        [] => {}
        [one] => out.push_str(&format!("{i}preset: {one},\n")),
        many => out.push_str(&format!("{i}preset: [{}],\n", many.join(", "))),
    }
    if !plan.groups.is_empty() {
        let groups: Vec<String> = plan.groups.iter().map(|g| (*g).to_owned()).collect();
        out.push_str(&list_line(i, "groups", &groups));
    }
    let mut items: Vec<String> = Vec::new();
    let mut commented = false;
    for p in &plan.permissions {
        let info = catalog::lookup(p);
        match info {
            Some(info) if info.status.is_legacy() => {
                commented = true;
                let instead = if info.replacement.is_empty() {
                    "no replacement".to_owned()
                } else {
                    format!("use {}", info.replacement.join(" + "))
                };
                items.push(format!(
                    "// legacy name: {instead}\n{i}    {}",
                    permission_token(p)
                ));
            }
            _ => items.push(permission_token(p)),
        }
    }
    for p in &plan.unchecked {
        commented = true;
        let why = if let Some(typo) = catalog::rejected(p) {
            format!(
                "a typo AWS documentation once printed; Connect has no such permission: use `{}`",
                typo.correct
            )
        } else if rules::permissions::looks_like_iam_action(p) {
            "an IAM action, not a security-profile permission; Connect ignores it here".to_owned()
        } else {
            let hint = match switchboard_core::suggest::suggest_permission(p) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => String::new(),
            };
            format!(
                "not in switchboard's catalog (AWS list of {}): check the name{hint}",
                catalog::AWS_LIST_DATE
            )
        };
        items.push(format!(
            "// {}\n{i}    unchecked({})",
            comment_text(&why),
            rust_string(p)
        ));
    }
    if !items.is_empty() {
        if commented {
            out.push_str(&format!("{i}permissions: [\n"));
            for item in &items {
                out.push_str(&format!("{i}    {item},\n"));
            }
            out.push_str(&format!("{i}],\n"));
        } else {
            out.push_str(&list_line(i, "permissions", &items));
        }
    }
    if !profile.hierarchy_restricted_resources.is_empty() {
        out.push_str(&format!(
            "{i}restrict hierarchy: {},\n",
            resource_list(
                &profile.hierarchy_restricted_resources,
                &rules::restrictions::HIERARCHY_RESTRICTABLE
            )
        ));
    }
    if !profile.access_control_tags.is_empty() || !profile.tag_restricted_resources.is_empty() {
        out.push_str(&format!(
            "{i}restrict tags: {} on {},\n",
            tag_map(&profile.access_control_tags),
            resource_list(
                &profile.tag_restricted_resources,
                &rules::restrictions::TAG_RESTRICTABLE
            )
        ));
    }
    if let Some(group) = &profile.hierarchy_group {
        out.push_str(&format!("{i}hierarchy group: {},\n", rust_string(group)));
    }
    if !profile.tags.is_empty() {
        out.push_str(&format!("{i}tags: {},\n", tag_map(&profile.tags)));
    }
    if let Some(reason) = &reason {
        if stated.is_none() {
            out.push_str(&format!(
                "{i}// PLACEHOLDER: replace with the real reason before merging.\n"
            ));
        }
        out.push_str(&format!("{i}sensitive: {},\n", rust_string(reason)));
    }
    out.push_str("    };\n}\n");
    out
}

/// Checks `--module`.
pub fn check_module_name(name: &str) -> Result<(), InputError> {
    if is_identifier(name) {
        Ok(())
    } else {
        Err(InputError::usage(format!(
            "--module {name:?} is not a Rust identifier (letters, digits and `_`, not starting with a digit, not a keyword)"
        )))
    }
}

/// Writes the source for every profile.
pub fn import(
    profiles: &[Profile],
    inputs: &[String],
    module: Option<&str>,
) -> Result<Imported, InputError> {
    if let Some(m) = module {
        check_module_name(m)?;
    }
    if profiles.is_empty() {
        return Err(InputError::usage(
            "no security profiles found in the inputs: give CloudFormation templates with AWS::Connect::SecurityProfile resources, cloud assemblies, or AWS CLI output",
        ));
    }
    for p in profiles {
        if p.name.is_none() {
            return Err(InputError::in_file(
                &p.origin.file,
                format!(
                    "{}: the profile has no SecurityProfileName, which import needs",
                    p.origin.describe()
                ),
            ));
        }
        if let Some(path) = p.unresolved.first() {
            return Err(InputError::in_file(
                &p.origin.file,
                format!(
                    "{path} is an intrinsic function (Ref, Fn::Sub, ...); import needs literal values: resolve it first (e.g. with the values of the deployed stack)"
                ),
            ));
        }
    }
    let mut notes = Vec::new();
    let mut body = String::new();
    let mut idents: Vec<String> = Vec::new();
    let mut skipped = Vec::new();
    for p in profiles {
        let name = p.name.as_deref().unwrap_or_default();
        if let Some(builtin) = BUILTIN_PROFILE_NAMES
            .iter()
            .find(|b| names_collide(b, name))
        {
            notes.push(format!(
                "{name}: skipped: `{builtin}` is a built-in profile of every instance, which switchboard does not manage (to grant what it grants, use `preset: {builtin}`)"
            ));
            skipped.push(format!(
                "// Skipped {} from {}: `{builtin}` is a built-in profile of every instance, which switchboard does not manage.\n",
                rust_string(name),
                comment_text(&p.origin.describe())
            ));
            continue;
        }
        let mut ident = const_name(name);
        if idents.contains(&ident) || ident == "IMPORTED" {
            let mut n = 2;
            while idents.contains(&format!("{ident}_{n}")) {
                n += 1;
            }
            ident = format!("{ident}_{n}");
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(&write_profile(p, &ident, &mut notes));
        idents.push(ident);
    }
    let mut header = String::new();
    header.push_str("// Generated by `switchboard import` from:\n");
    for input in inputs {
        header.push_str(&format!("//   {}\n", comment_text(input)));
    }
    let placeholders = body.contains(&format!("sensitive: \"{PLACEHOLDER}"));
    let unchecked = body.contains("unchecked(");
    if placeholders || unchecked {
        header.push_str("// Review before committing:\n");
    }
    if placeholders {
        header.push_str(
            "// - `sensitive: \"TODO(import): ...\"` is a PLACEHOLDER, not a reason: replace it with why\n\
             //   the role needs its sensitive permissions (reviewers read it; `switchboard audit`\n\
             //   reports placeholders that are left);\n",
        );
    }
    if unchecked {
        header.push_str(&format!(
            "// - `unchecked(\"...\")` names are not in switchboard's catalog (AWS list of {}): check\n\
             //   each one; AWS may accept an unknown name silently.\n",
            catalog::AWS_LIST_DATE
        ));
    }
    let mut source = String::new();
    let mut inner = String::new();
    inner.push_str("use switchboard::security_profile;\n\n");
    for s in &skipped {
        inner.push_str(s);
    }
    if !skipped.is_empty() {
        inner.push('\n');
    }
    inner.push_str(&body);
    inner.push_str(&format!(
        "\n/// Every imported profile, in the order read.\npub const IMPORTED: [&switchboard::SecurityProfile; {}] = [\n",
        idents.len()
    ));
    for ident in &idents {
        inner.push_str(&format!("    &{ident},\n"));
    }
    inner.push_str("];\n");
    source.push_str(&header);
    source.push('\n');
    match module {
        Some(m) => {
            source.push_str(&format!(
                "/// Security profiles imported by `switchboard import`.\npub mod {m} {{\n"
            ));
            for line in inner.lines() {
                if line.is_empty() {
                    source.push('\n');
                } else {
                    source.push_str("    ");
                    source.push_str(line);
                    source.push('\n');
                }
            }
            source.push_str("}\n");
        }
        None => source.push_str(&inner),
    }
    Ok(Imported { source, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn a_preset_is_picked_when_it_is_the_whole_set() {
        let agent = presets::preset("Agent").unwrap().permissions;
        let s = set(agent);
        let plan = choose(&s, &s);
        assert_eq!(plan.presets, ["Agent"]);
        assert!(plan.groups.is_empty() && plan.permissions.is_empty());
    }

    #[test]
    fn a_preset_is_not_picked_when_it_does_not_shorten() {
        let s = set(&["BasicAgentAccess", "Users.View"]);
        let plan = choose(&s, &s);
        assert!(plan.presets.is_empty());
        assert_eq!(plan.permissions.len(), 2);
    }

    #[test]
    fn supersets_and_extra_permissions() {
        let mut s = set(presets::preset("Supervisor").unwrap().permissions);
        s.insert("CustomerProfiles.View".into());
        let plan = choose(&s, &s);
        assert_eq!(plan.presets, ["Supervisor"]);
        assert_eq!(plan.permissions, ["CustomerProfiles.View"]);
    }

    #[test]
    fn names() {
        assert_eq!(const_name("TeamLead"), "TEAM_LEAD");
        assert_eq!(const_name("QAAnalyst"), "QAANALYST");
        assert_eq!(const_name("AIAdmin"), "AIADMIN");
        assert_eq!(const_name("team lead-2"), "TEAM_LEAD_2");
        assert_eq!(const_name("Tier2Agent"), "TIER_2_AGENT");
        assert_eq!(const_name("@@"), "PROFILE");
        assert_eq!(const_name("2nd"), "PROFILE_2ND");
        assert_eq!(permission_token("Users.Edit"), "Users.Edit");
        assert_eq!(permission_token("Foo.type"), "\"Foo.type\"");
        assert_eq!(comment_text("a\nb"), "a\\nb");
        // Found by tests/properties.rs: a file name with U+202E made a comment rustc refuses.
        assert_eq!(comment_text("\u{202e}gnp.exe é"), "\\u{202e}gnp.exe é");
    }
}
