//! `SecurityProfileName`: 1..127 characters of `^[ a-zA-Z0-9_@-]+$`, distinct from the
//! built-in profiles and from every other profile of the same instance.

use crate::diagnostic::{Diagnostic, Fix, Help, Rule};
use crate::spec::Located;

/// The longest name AWS accepts.
pub const MAX_NAME_LEN: usize = 127;

/// The profiles every Connect instance ships with.
pub const BUILTIN_PROFILE_NAMES: [&str; 4] =
    ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"];

/// True when AWS would treat the two names as the same profile (names compare without regard
/// to letter case, as the console does).
pub fn names_collide(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '@' | '-')
}

/// Checks one profile name.
pub fn check<L: Clone>(name: &Located<String, L>, out: &mut Vec<Diagnostic<L>>) {
    let value = &name.value;
    let len = value.chars().count();
    if len == 0 || len > MAX_NAME_LEN {
        out.push(
            Diagnostic::error(
                Rule::NameLength,
                name.at.clone(),
                format!(
                    "security profile name {value:?} is {len} characters long; AWS accepts 1 to {MAX_NAME_LEN}"
                ),
            )
            .help("choose a name of 1 to 127 characters"),
        );
    }
    let bad: Vec<char> = value.chars().filter(|c| !allowed(*c)).collect();
    if !bad.is_empty() {
        let mut shown: Vec<char> = Vec::new();
        for c in bad {
            if !shown.contains(&c) {
                shown.push(c);
            }
        }
        let list: Vec<String> = shown.iter().map(|c| format!("{c:?}")).collect();
        out.push(
            Diagnostic::error(
                Rule::NamePattern,
                name.at.clone(),
                format!(
                    "security profile name {value:?} contains {} which AWS does not accept",
                    list.join(", ")
                ),
            )
            .help(
                "use only letters, digits, spaces, `_`, `@` and `-` (pattern ^[ a-zA-Z0-9_@-]+$)",
            ),
        );
    }
    if let Some(builtin) = BUILTIN_PROFILE_NAMES
        .iter()
        .find(|b| names_collide(b, value))
    {
        out.push(
            Diagnostic::error(
                Rule::NameCollidesWithBuiltin,
                name.at.clone(),
                format!(
                    "security profile name {value:?} collides with the built-in profile `{builtin}` that every Connect instance has"
                ),
            )
            .help(
                Help::from(format!(
                    "choose another name, e.g. \"{builtin}Custom\"; to grant what `{builtin}` grants, "
                ))
                .fix(Fix::UsePreset((*builtin).to_owned())),
            ),
        );
    }
}

/// Reports the second and later uses of a name already used by another profile.
pub fn check_unique<L: Clone>(names: &[Located<String, L>], out: &mut Vec<Diagnostic<L>>) {
    for (i, name) in names.iter().enumerate() {
        if let Some(first) = names[..i]
            .iter()
            .find(|earlier| names_collide(&earlier.value, &name.value))
        {
            out.push(
                Diagnostic::error(
                    Rule::DuplicateProfileName,
                    name.at.clone(),
                    format!(
                        "two security profiles are named {:?}; names must be unique in an instance (AWS compares them ignoring case: {:?} is taken)",
                        name.value, first.value
                    ),
                )
                .help("rename one of the profiles"),
            );
        }
    }
}
