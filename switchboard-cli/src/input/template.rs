//! CloudFormation templates (JSON): every `AWS::Connect::SecurityProfile` resource, whether
//! switchboard wrote the template or someone wrote it by hand.

use serde_json::Value;

use super::json::{self, TextReader};
use super::{Origin, Profile, SwitchboardMetadata, Unevaluable};
use crate::error::InputError;

/// The resource type read.
pub const RESOURCE_TYPE: &str = "AWS::Connect::SecurityProfile";

/// The properties switchboard models.
const MODELLED: [&str; 9] = [
    "SecurityProfileName",
    "Description",
    "Permissions",
    "Tags",
    "AllowedAccessControlTags",
    "TagRestrictedResources",
    "HierarchyRestrictedResources",
    "AllowedAccessControlHierarchyGroupId",
    "InstanceArn",
];

/// Properties of the resource type that switchboard does not model; a profile that sets them
/// is reported, and `import` cannot carry them over.
pub const NOT_MODELLED: [&str; 3] = [
    "Applications",
    "AllowedFlowModules",
    "GranularAccessControlConfiguration",
];

/// The properties that decide what a profile reaches: an intrinsic function in one of them
/// hides access, so it is [`Unevaluable`] rather than merely unresolved.
const DECIDES_ACCESS: [&str; 5] = [
    "Permissions",
    "AllowedAccessControlTags",
    "TagRestrictedResources",
    "HierarchyRestrictedResources",
    "AllowedAccessControlHierarchyGroupId",
];

/// Resource types that deploy another template, which switchboard does not read.
pub const NESTED_STACK_TYPES: [&str; 2] =
    ["AWS::CloudFormation::Stack", "AWS::Serverless::Application"];

/// What a template holds for switchboard.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    /// Its security profiles, sorted by logical ID.
    pub profiles: Vec<Profile>,
    /// What may create or change profiles but cannot be read: template-level transforms
    /// (macros), nested stacks, `Fn::Transform` and `Fn::ForEach` among the resources.
    pub unevaluable: Vec<Unevaluable>,
}

/// Read-only properties: CloudFormation returns them, a template may not set them, and they
/// say nothing about access.
const READ_ONLY: [&str; 3] = [
    "SecurityProfileArn",
    "LastModifiedRegion",
    "LastModifiedTime",
];

/// Parses a template's bytes. `file` names it in the profiles' origins.
pub fn parse(bytes: &[u8], file: &str) -> Result<Template, InputError> {
    let value = json::parse(bytes)?;
    from_value(&value, file)
}

/// Reads the security profiles of a parsed template, and what in it cannot be read.
pub fn from_value(template: &Value, file: &str) -> Result<Template, InputError> {
    let root = json::object(template, "the template")?;
    let resources = root.get("Resources").ok_or_else(|| {
        InputError::usage("the template has no `Resources`: CloudFormation requires them")
    })?;
    let mut unevaluable = Vec::new();
    if let Some(transform) = root.get("Transform") {
        unevaluable.push(Unevaluable {
            path: "Transform".to_owned(),
            what: format!(
                "the template declares the transform {}: CloudFormation runs it before deploying, and what it makes of the template (profiles included) is not in the file",
                json::shorten(&json::canonical(transform), MAX_SHOWN)
            ),
        });
    }
    let resources = json::object(resources, "Resources")?;
    let instances = crate::instance::TemplateInstances::read(template, file);
    let mut profiles = Vec::new();
    for (logical_id, resource) in resources {
        let path = format!("Resources.{}", json::shown_key(logical_id));
        if logical_id.starts_with("Fn::") {
            // `Fn::Transform` (AWS::Include) or `Fn::ForEach::Loop` in place of resources.
            unevaluable.push(Unevaluable {
                path: path.clone(),
                what: format!(
                    "`{}` makes resources at deploy time; the resources it makes (profiles included) are not in the file",
                    json::shown_key(logical_id)
                ),
            });
            continue;
        }
        let resource = json::object(resource, &path)?;
        let Some(kind) = resource.get("Type") else {
            return Err(InputError::usage(format!(
                "{path}: the resource has no `Type`"
            )));
        };
        let Some(kind) = kind.as_str() else {
            return Err(json::expected(&format!("{path}.Type"), "a string", kind));
        };
        if NESTED_STACK_TYPES.contains(&kind) {
            unevaluable.push(Unevaluable {
                path,
                what: format!(
                    "a nested stack ({kind}): the template it deploys is not read, and any profile it defines is unseen"
                ),
            });
            continue;
        }
        if kind != RESOURCE_TYPE {
            continue;
        }
        let mut profile = profile(resource, &path)?;
        profile.origin = Origin {
            file: file.to_owned(),
            stack: None,
            logical_id: Some(logical_id.clone()),
        };
        profile.instance_identity = Some(instances.of(resource));
        profiles.push(profile);
    }
    Ok(Template {
        profiles,
        unevaluable,
    })
}

/// The longest value quoted in an [`Unevaluable`]'s sentence.
const MAX_SHOWN: usize = 160;

/// An intrinsic function where access is decided.
fn hidden(path: &str, value: &Value) -> Unevaluable {
    Unevaluable {
        path: path.to_owned(),
        what: format!(
            "{} is an intrinsic function, known only at deploy time; the access it grants cannot be evaluated",
            json::shorten(&json::canonical(value), MAX_SHOWN)
        ),
    }
}

fn profile(resource: &serde_json::Map<String, Value>, path: &str) -> Result<Profile, InputError> {
    let mut reader = TextReader::default();
    let mut profile = Profile::default();
    let props_path = format!("{path}.Properties");
    let empty = serde_json::Map::new();
    let props = match resource.get("Properties") {
        Some(props) => json::object(props, &props_path)?,
        None => &empty,
    };
    for (key, value) in props {
        let at = format!("{props_path}.{}", json::shown_key(key));
        let unmodelled = !MODELLED.contains(&key.as_str()) && !READ_ONLY.contains(&key.as_str());
        if DECIDES_ACCESS.contains(&key.as_str()) || unmodelled {
            // A function anywhere inside (an item, a tag key, `Fn::Transform` as the key
            // itself) is known only at deploy time.
            if key.starts_with("Fn::") || json::holds_intrinsic(value) {
                profile.unevaluable.push(hidden(&at, value));
            }
        }
        match key.as_str() {
            "SecurityProfileName" => profile.name = Some(reader.text(value, &at, false)?),
            "Description" => profile.description = Some(reader.text(value, &at, true)?),
            "Permissions" => profile.permissions = reader.list(value, &at)?,
            "Tags" => profile.tags = reader.tag_list(value, &at)?,
            "AllowedAccessControlTags" => {
                profile.access_control_tags = reader.tag_list(value, &at)?;
            }
            "TagRestrictedResources" => {
                profile.tag_restricted_resources = reader.list(value, &at)?;
            }
            "HierarchyRestrictedResources" => {
                profile.hierarchy_restricted_resources = reader.list(value, &at)?;
            }
            "AllowedAccessControlHierarchyGroupId" => {
                profile.hierarchy_group = Some(reader.text(value, &at, false)?);
            }
            "InstanceArn" => {
                // Usually a parameter or a reference: that is normal, not worth a finding.
                profile.instance = Some(match json::intrinsic(value) {
                    Some(text) => text,
                    None => TextReader::default().text(value, &at, false)?,
                });
            }
            _ if READ_ONLY.contains(&key.as_str()) => {}
            _ => {
                debug_assert!(!MODELLED.contains(&key.as_str()));
                profile.other_properties.push(key.clone());
                profile
                    .unmodelled
                    .push((key.clone(), json::canonical(value)));
            }
        }
    }
    if let Some(metadata) = resource
        .get("Metadata")
        .and_then(|m| m.as_object())
        .and_then(|m| m.get("Switchboard"))
    {
        profile.metadata = Some(switchboard_metadata(
            metadata,
            &format!("{path}.Metadata.Switchboard"),
        )?);
    }
    profile.unresolved = reader.unresolved;
    Ok(profile)
}

fn switchboard_metadata(value: &Value, path: &str) -> Result<SwitchboardMetadata, InputError> {
    let map = json::object(value, path)?;
    let mut reader = TextReader::default();
    let mut metadata = SwitchboardMetadata::default();
    if let Some(reason) = map.get("SensitiveReason") {
        metadata.sensitive_reason =
            Some(reader.text(reason, &format!("{path}.SensitiveReason"), false)?);
    }
    if let Some(list) = map.get("SensitivePermissions") {
        metadata.sensitive_permissions =
            reader.list(list, &format!("{path}.SensitivePermissions"))?;
    }
    if let Some(list) = map.get("ImpliedPermissions") {
        metadata.implied_permissions = reader.list(list, &format!("{path}.ImpliedPermissions"))?;
    }
    Ok(metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_profiles_and_skips_other_resources() {
        let template = br#"{
          "Resources": {
            "Bucket": {"Type": "AWS::S3::Bucket"},
            "Agent": {
              "Type": "AWS::Connect::SecurityProfile",
              "Properties": {
                "SecurityProfileName": "Agent2",
                "Permissions": ["BasicAgentAccess", {"Fn::If": ["X", "A", "B"]}],
                "Tags": [{"Key": "Year", "Value": 2024}],
                "InstanceArn": {"Ref": "Instance"},
                "Applications": []
              },
              "Metadata": {"Switchboard": {"SensitiveReason": "because"}}
            }
          }
        }"#;
        let profiles = parse(template, "t.json").unwrap().profiles;
        assert_eq!(profiles.len(), 1);
        let p = &profiles[0];
        assert_eq!(p.name.as_deref(), Some("Agent2"));
        assert_eq!(p.permissions[0], "BasicAgentAccess");
        assert_eq!(p.tags, [("Year".to_owned(), "2024".to_owned())]);
        assert_eq!(p.instance.as_deref(), Some(r#"{"Ref":"Instance"}"#));
        assert_eq!(p.other_properties, ["Applications"]);
        assert_eq!(p.unresolved, ["Resources.Agent.Properties.Permissions[1]"]);
        assert_eq!(
            p.metadata.as_ref().unwrap().sensitive_reason.as_deref(),
            Some("because")
        );
        assert_eq!(p.origin.logical_id.as_deref(), Some("Agent"));
    }

    #[test]
    fn wrong_shapes_name_the_path() {
        let err = parse(
            br#"{"Resources": {"A": {"Type": "AWS::Connect::SecurityProfile", "Properties": {"Permissions": "Users.Edit"}}}}"#,
            "t.json",
        )
        .unwrap_err();
        assert_eq!(
            err.reason,
            "Resources.A.Properties.Permissions: expected an array of strings, found a string"
        );
        let err = parse(br#"{"Resources": []}"#, "t.json").unwrap_err();
        assert_eq!(err.reason, "Resources: expected an object, found an array");
        let err = parse(br#"{"Resources": {"A": {"Type": 3}}}"#, "t.json").unwrap_err();
        assert_eq!(
            err.reason,
            "Resources.A.Type: expected a string, found a number"
        );
    }
}
