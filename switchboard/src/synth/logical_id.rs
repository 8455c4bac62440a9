//! Logical IDs of security profile resources (the scheme is documented on [`logical_id`]).

use std::collections::BTreeMap;

use crate::synth::sha256::sha256_hex;

/// The number of hex digits of the hash in a logical ID, unless two IDs would collide.
const HASH_DIGITS: usize = 8;

fn sanitized(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).collect()
}

fn with_digits(name: &str, digits: usize) -> String {
    let hash = sha256_hex(name.as_bytes()).to_ascii_uppercase();
    format!("{}{}", sanitized(name), &hash[..digits])
}

/// The logical ID of the profile named `name`, as templates name its resource.
///
/// The scheme, CDK-style: the profile name with every character that is not an ASCII letter
/// or digit removed, followed by the first 8 hexadecimal digits (upper case) of the SHA-256 of
/// the exact name. `Basic Agent` and `Basic_Agent` both sanitize to `BasicAgent` and still get
/// different IDs, because their hashes differ:
///
/// | name | logical ID |
/// |---|---|
/// | `BasicAgent` | `BasicAgent` + 8 hex digits |
/// | `Basic Agent` | `BasicAgent` + 8 other hex digits |
/// | `@@@` | 8 hex digits only |
///
/// The ID depends on nothing but the name, so it is the same on every run, in every version
/// and in every stack, and renaming a profile (which replaces it anyway, the name is
/// create-only) is the only thing that changes it. The profile's ARN output is the ID followed
/// by `Arn`.
///
/// Should two different names of one stack ever get the same ID (same sanitized name and the
/// same 32-bit hash prefix: about one chance in four billion for a pair of names that differ
/// only in punctuation), both use 16 hex digits instead, then the whole hash: IDs never
/// collide. The fixed IDs of a template (`ConnectInstance`, `InstanceArn`,
/// `ConnectInstanceArn`, `BootstrapVersion`) end in a lower-case letter, so no profile ID, which
/// ends in a digit or an upper-case hex letter, can equal them.
///
/// ```
/// use switchboard::logical_id;
///
/// let a = logical_id("Basic Agent");
/// let b = logical_id("Basic_Agent");
/// assert!(a.starts_with("BasicAgent") && b.starts_with("BasicAgent"));
/// assert_ne!(a, b);
/// assert_eq!(a.len(), "BasicAgent".len() + 8);
/// ```
pub fn logical_id(name: &str) -> String {
    with_digits(name, HASH_DIGITS)
}

/// The logical IDs of a stack's profiles, by name, widened where two would collide.
pub(crate) fn logical_ids<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<String, String> {
    let mut ids: BTreeMap<String, String> = names
        .into_iter()
        .map(|n| (n.to_owned(), logical_id(n)))
        .collect();
    for digits in [16, 64] {
        let groups = colliding(&ids);
        if groups.is_empty() {
            return ids;
        }
        for name in groups.into_iter().flatten() {
            let id = with_digits(&name, digits);
            ids.insert(name, id);
        }
    }
    // Distinct names whose full hashes still give equal IDs (a widened ID equal to another
    // name's shorter one): number them, in name order, so the result stays deterministic.
    loop {
        let groups = colliding(&ids);
        if groups.is_empty() {
            return ids;
        }
        for group in groups {
            for (i, name) in group.into_iter().enumerate().skip(1) {
                if let Some(id) = ids.get_mut(&name) {
                    id.push_str(&i.to_string());
                }
            }
        }
    }
}

/// The groups of names (each in name order) that share an ID.
fn colliding(ids: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    let mut by_id: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, id) in ids {
        by_id.entry(id.as_str()).or_default().push(name.clone());
    }
    by_id
        .into_values()
        .filter(|names| names.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_alphanumeric_and_distinct() {
        let names = [
            "Basic Agent",
            "Basic_Agent",
            "Basic-Agent",
            "Basic@Agent",
            "@@",
        ];
        let ids = logical_ids(names);
        let mut seen: Vec<&String> = ids.values().collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), names.len());
        for id in ids.values() {
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "{id}");
        }
        assert_eq!(ids["@@"].len(), 8);
    }

    #[test]
    fn stable_value() {
        // The scheme is a compatibility promise: deployed stacks know their resources by it.
        let hash = sha256_hex(b"BasicAgent").to_ascii_uppercase();
        assert_eq!(
            logical_id("BasicAgent"),
            format!("BasicAgent{}", &hash[..8])
        );
    }
}
