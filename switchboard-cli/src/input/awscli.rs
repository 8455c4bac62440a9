//! Output of the AWS CLI: `aws connect describe-security-profile` (`{"SecurityProfile":
//! {...}}`) and `aws connect list-security-profile-permissions` (`{"Permissions": [...]}`), and
//! how the two are paired (see the [module above](super) for the rules).

use std::path::Path;

use serde_json::{Map, Value};

use super::json::{self, TextReader};
use super::{Origin, Profile};
use crate::error::InputError;

/// One document, or one element of an array of combined documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// `describe-security-profile` alone: a profile without its permissions.
    Describe(Profile),
    /// `list-security-profile-permissions` alone: permissions without a profile.
    Permissions(Vec<String>),
    /// Both in one object: a whole profile.
    Combined(Profile),
}

/// Parses one file of AWS CLI output.
pub fn parse(bytes: &[u8]) -> Result<Vec<Entry>, InputError> {
    let value = json::parse(bytes)?;
    from_value(&value)
}

/// Reads a parsed document: an object, or an array of combined objects.
pub fn from_value(value: &Value) -> Result<Vec<Entry>, InputError> {
    match value {
        Value::Object(map) => Ok(vec![entry(map, "")?]),
        Value::Array(items) => {
            let mut entries = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let at = format!("[{i}]");
                let map = json::object(item, &at)?;
                match entry(map, &at)? {
                    combined @ Entry::Combined(_) => entries.push(combined),
                    _ => {
                        return Err(InputError::usage(format!(
                            "{at}: each element of an array must hold both `SecurityProfile` \
                             (describe-security-profile) and `Permissions` \
                             (list-security-profile-permissions)"
                        )));
                    }
                }
            }
            Ok(entries)
        }
        other => Err(json::expected(
            "the document",
            "an object or an array",
            other,
        )),
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn entry(map: &Map<String, Value>, at: &str) -> Result<Entry, InputError> {
    let permissions = match map.get("Permissions") {
        Some(list) => Some(permissions(map, list, at)?),
        None => None,
    };
    match (map.get("SecurityProfile"), permissions) {
        (Some(describe), permissions) => {
            let mut profile = profile(describe, &join(at, "SecurityProfile"))?;
            match permissions {
                Some(list) => {
                    profile.permissions = list;
                    Ok(Entry::Combined(profile))
                }
                None => Ok(Entry::Describe(profile)),
            }
        }
        (None, Some(list)) => Ok(Entry::Permissions(list)),
        (None, None) => Err(InputError::usage(format!(
            "{}: expected `SecurityProfile` or `Permissions`",
            if at.is_empty() { "the document" } else { at }
        ))),
    }
}

fn permissions(
    map: &Map<String, Value>,
    list: &Value,
    at: &str,
) -> Result<Vec<String>, InputError> {
    let path = join(at, "Permissions");
    let Value::Array(items) = list else {
        return Err(json::expected(&path, "an array of strings", list));
    };
    if let Some(token) = map.get("NextToken")
        && token.as_str().is_some_and(|t| !t.is_empty())
    {
        return Err(InputError::usage(format!(
            "{}: the permission list is incomplete (`NextToken` is set): run \
             `aws connect list-security-profile-permissions` without --max-items, so the \
             CLI fetches every page",
            join(at, "NextToken")
        )));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::String(s) => Ok(s.clone()),
            other => Err(json::expected(&format!("{path}[{i}]"), "a string", other)),
        })
        .collect()
}

/// The instance ARN within a security profile's ARN
/// (`arn:aws:connect:REGION:ACCOUNT:instance/ID/security-profile/ID`).
pub fn instance_of(arn: &str) -> Option<String> {
    let start = arn.find(":instance/")?;
    let rest = &arn[start + ":instance/".len()..];
    let id_len = rest.find('/').unwrap_or(rest.len());
    Some(arn[..start + ":instance/".len() + id_len].to_owned())
}

fn profile(value: &Value, path: &str) -> Result<Profile, InputError> {
    let map = json::object(value, path)?;
    let mut reader = TextReader::default();
    let mut profile = Profile::default();
    for (key, value) in map {
        let at = format!("{path}.{key}");
        if value.is_null() {
            continue;
        }
        match key.as_str() {
            "SecurityProfileName" => profile.name = Some(reader.text(value, &at, false)?),
            "Description" => profile.description = Some(reader.text(value, &at, false)?),
            "Tags" => profile.tags = reader.tag_map(value, &at)?,
            "AllowedAccessControlTags" => {
                profile.access_control_tags = reader.tag_map(value, &at)?;
            }
            "TagRestrictedResources" => {
                profile.tag_restricted_resources = reader.list(value, &at)?;
            }
            "HierarchyRestrictedResources" => {
                profile.hierarchy_restricted_resources = reader.list(value, &at)?;
            }
            "AllowedAccessControlHierarchyGroupId" => {
                let id = reader.text(value, &at, false)?;
                if !id.is_empty() {
                    profile.hierarchy_group = Some(id);
                }
            }
            "Arn" => {
                let arn = reader.text(value, &at, false)?;
                profile.instance = instance_of(&arn);
            }
            "Applications" | "AllowedFlowModules" | "GranularAccessControlConfiguration"
                if !matches!(value, Value::Array(a) if a.is_empty())
                    && !matches!(value, Value::Object(o) if o.is_empty()) =>
            {
                profile.other_properties.push(key.clone());
            }
            // Id, OrganizationResourceId, LastModifiedTime, LastModifiedRegion and whatever
            // AWS adds later: nothing about access that switchboard models.
            _ => {}
        }
    }
    if profile.name.is_none() {
        return Err(InputError::usage(format!(
            "{path}: the profile has no `SecurityProfileName`"
        )));
    }
    profile.unresolved = reader.unresolved;
    Ok(profile)
}

/// The name two files of one profile share: the file name without `.json` and without a final
/// `.describe`, `-describe`, `_describe`, `.permissions`, `-permissions` or `_permissions`, in
/// its directory.
pub fn pairing_stem(file: &str) -> String {
    let path = Path::new(file);
    let dir = path
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.as_str();
    // `get`: the last five bytes may start inside a character (`x€json`).
    if let Some(base) = stem.len().checked_sub(5).filter(|n| *n > 0)
        && stem
            .get(base..)
            .is_some_and(|ext| ext.eq_ignore_ascii_case(".json"))
    {
        stem = &stem[..base];
    }
    for word in ["describe", "permissions"] {
        for sep in ['.', '-', '_'] {
            let suffix = format!("{sep}{word}");
            if let Some(rest) = stem.strip_suffix(&suffix) {
                stem = rest;
            }
        }
    }
    format!("{dir}/{stem}")
}

/// Pairs describe files with permission files; see the [module above](super) for the rules.
pub fn pair(entries: Vec<(String, Entry)>) -> Result<Vec<Profile>, InputError> {
    let mut profiles = Vec::new();
    let mut describes: Vec<(String, Profile)> = Vec::new();
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    for (file, entry) in entries {
        match entry {
            Entry::Combined(mut profile) => {
                profile.origin = Origin {
                    file,
                    ..Origin::default()
                };
                profiles.push(profile);
            }
            Entry::Describe(profile) => describes.push((file, profile)),
            Entry::Permissions(list) => lists.push((file, list)),
        }
    }
    if describes.len() == 1 && lists.len() == 1 {
        let (file, mut profile) = describes.remove(0);
        profile.permissions = lists.remove(0).1;
        profile.origin = Origin {
            file,
            ..Origin::default()
        };
        profiles.push(profile);
        return Ok(profiles);
    }
    for (file, mut profile) in describes {
        let stem = pairing_stem(&file);
        let matching: Vec<usize> = lists
            .iter()
            .enumerate()
            .filter(|(_, (f, _))| pairing_stem(f) == stem)
            .map(|(i, _)| i)
            .collect();
        match matching.as_slice() {
            [one] => {
                profile.permissions = lists.remove(*one).1;
                profile.origin = Origin {
                    file,
                    ..Origin::default()
                };
                profiles.push(profile);
            }
            [] => {
                return Err(InputError::in_file(
                    file,
                    "describe-security-profile output without its permissions: give the \
                     list-security-profile-permissions output as a file of the same name with \
                     `.permissions` before `.json` (agent.json + agent.permissions.json), or \
                     both in one object",
                ));
            }
            _ => {
                return Err(InputError::in_file(
                    file,
                    "several permission files match this describe file; give one",
                ));
            }
        }
    }
    if let Some((file, _)) = lists.into_iter().next() {
        return Err(InputError::in_file(
            file,
            "list-security-profile-permissions output without its profile: give the \
             describe-security-profile output as a file of the same name without \
             `.permissions` (agent.json + agent.permissions.json), or both in one object",
        ));
    }
    Ok(profiles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_pair_describe_and_permission_files() {
        assert_eq!(
            pairing_stem("x/agent.json"),
            pairing_stem("x/agent.permissions.json")
        );
        assert_eq!(
            pairing_stem("agent-describe.json"),
            pairing_stem("agent-permissions.json")
        );
        assert_ne!(
            pairing_stem("a/agent.json"),
            pairing_stem("b/agent.permissions.json")
        );
        assert_ne!(
            pairing_stem("agent.json"),
            pairing_stem("admin.permissions.json")
        );
        // Found by tests/properties.rs: a name whose last five bytes start inside a
        // character panicked.
        assert_eq!(pairing_stem("x€json"), "/x€json");
        assert_eq!(pairing_stem("€.json"), pairing_stem("€.permissions.json"));
        assert_eq!(pairing_stem(".json"), "/.json");
    }

    #[test]
    fn instance_arn_from_profile_arn() {
        assert_eq!(
            instance_of(
                "arn:aws:connect:us-east-1:123456789012:instance/abc-1/security-profile/def"
            )
            .as_deref(),
            Some("arn:aws:connect:us-east-1:123456789012:instance/abc-1")
        );
        assert_eq!(instance_of("nonsense"), None);
    }

    #[test]
    fn incomplete_pages_and_orphans_are_errors() {
        let err = parse(br#"{"Permissions": ["A"], "NextToken": "xyz"}"#).unwrap_err();
        assert!(err.reason.contains("incomplete"));
        let entries = parse(br#"{"Permissions": ["BasicAgentAccess"]}"#).unwrap();
        let err = pair(vec![("p.json".into(), entries[0].clone())]).unwrap_err();
        assert!(err.reason.contains("without its profile"));
        let combined = parse(
            br#"[{"SecurityProfile": {"SecurityProfileName": "A"}, "Permissions": ["BasicAgentAccess"]}]"#,
        )
        .unwrap();
        let profiles = pair(vec![("c.json".into(), combined[0].clone())]).unwrap();
        assert_eq!(profiles[0].permissions, ["BasicAgentAccess"]);
    }
}
