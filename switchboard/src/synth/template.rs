//! The CloudFormation template as typed data, read back from the bytes `synth` writes (see
//! [`resource`](super::resource), their one writer), and the JSON format of every file.
//!
//! Every map is a `BTreeMap`, so keys come out sorted as they are written. Everything is
//! `Serialize` and `Deserialize`: a template read back serializes to the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `Type` of a security profile resource.
pub const SECURITY_PROFILE_TYPE: &str = "AWS::Connect::SecurityProfile";
/// `Type` of a Connect instance resource.
pub const INSTANCE_TYPE: &str = "AWS::Connect::Instance";

/// The most resources one template may hold.
pub const MAX_RESOURCES: usize = 500;
/// The most outputs one template may hold.
pub const MAX_OUTPUTS: usize = 200;
/// The most bytes one template may have (CloudFormation's limit for a template in S3).
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// A CloudFormation template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `Parameters`, by logical ID.
    #[serde(
        rename = "Parameters",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub parameters: BTreeMap<String, Parameter>,
    /// `Rules`, by name.
    #[serde(rename = "Rules", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, TemplateRule>,
    /// `Resources`, by logical ID.
    #[serde(rename = "Resources")]
    pub resources: BTreeMap<String, Resource>,
    /// `Outputs`, by logical ID.
    #[serde(
        rename = "Outputs",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub outputs: BTreeMap<String, Output>,
}

impl Template {
    /// The template that `synth` wrote as `json`.
    pub(crate) fn read_back(json: &str) -> Template {
        // An invariant, not input: every field written has its place in these types.
        serde_json::from_str(json).expect("switchboard reads back the templates it writes")
    }

    /// The template as the JSON `synth` writes: indented by one space, as the AWS CDK writes
    /// it, keys in a fixed order, no trailing newline.
    pub fn to_json(&self) -> String {
        to_json(self)
    }

    /// The security profile resources, by logical ID.
    pub fn security_profiles(&self) -> impl Iterator<Item = (&str, &SecurityProfileProperties)> {
        self.resources
            .iter()
            .filter_map(|(id, r)| r.security_profile().map(|p| (id.as_str(), p)))
    }

    /// The security profile named `name`, with its logical ID.
    pub fn security_profile(&self, name: &str) -> Option<(&str, &SecurityProfileProperties)> {
        self.security_profiles()
            .find(|(_, p)| p.security_profile_name == name)
    }
}

/// Serializes with the one-space indentation the AWS CDK uses; used for every file `synth`
/// writes and for measuring templates against CloudFormation's byte limit.
///
/// Characters that YAML readers refuse or fold are written as `\u` escapes (see
/// [`escape_for_yaml_readers`]); everything else non-ASCII is written as UTF-8.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    // An invariant, not input: serde_json fails only on non-string map keys or a `Serialize`
    // implementation that returns an error, and the types written here have neither.
    value
        .serialize(&mut ser)
        .expect("switchboard's template and manifest types always serialize");
    escape_for_yaml_readers(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// True for characters that must not appear raw in a template: a YAML reader refuses them
/// (DEL, the C1 controls, U+FFFE, U+FFFF: PyYAML's "unacceptable character", which makes
/// cfn-lint fail with E0000 "Template could not be parsed") or folds them as line breaks
/// inside a string (NEL is C1; U+2028, U+2029). serde_json already escapes U+0000..U+001F.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// Rewrites the characters of [`needs_escape`] as `\uXXXX`. They can only occur inside JSON
/// strings (the structure is ASCII), where the escape stands for the same character, so the
/// JSON means exactly what it meant; cfn-lint, which reads JSON templates with a YAML reader,
/// and any YAML tool can then read it too.
fn escape_for_yaml_readers(json: String) -> String {
    // Every character of `needs_escape` but DEL is non-ASCII: a word-at-a-time ASCII check
    // settles the common case without decoding characters.
    if (json.is_ascii() && !json.as_bytes().contains(&0x7f)) || !json.contains(needs_escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A value that is either literal or computed by CloudFormation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expr {
    /// A literal string.
    Text(String),
    /// `{"Ref": "LogicalId"}`.
    Ref {
        /// The parameter or resource.
        #[serde(rename = "Ref")]
        target: String,
    },
    /// `{"Fn::GetAtt": ["LogicalId", "Attribute"]}`.
    GetAtt {
        /// The resource and the attribute.
        #[serde(rename = "Fn::GetAtt")]
        target: [String; 2],
    },
    /// `{"Fn::ImportValue": "ExportName"}`.
    ImportValue {
        /// The name of an export of another stack.
        #[serde(rename = "Fn::ImportValue")]
        name: String,
    },
}

impl Expr {
    /// `{"Fn::GetAtt": [resource, attribute]}`.
    pub fn get_att(resource: impl Into<String>, attribute: impl Into<String>) -> Expr {
        Expr::GetAtt {
            target: [resource.into(), attribute.into()],
        }
    }

    /// `{"Ref": target}`.
    pub fn reference(target: impl Into<String>) -> Expr {
        Expr::Ref {
            target: target.into(),
        }
    }
}

/// A template parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    /// `Type`.
    #[serde(rename = "Type")]
    pub parameter_type: String,
    /// `Default`.
    #[serde(rename = "Default", default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `AllowedPattern`.
    #[serde(
        rename = "AllowedPattern",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_pattern: Option<String>,
    /// `ConstraintDescription`.
    #[serde(
        rename = "ConstraintDescription",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub constraint_description: Option<String>,
}

/// A template rule (`Rules`): assertions CloudFormation checks before it changes anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRule {
    /// `Assertions`.
    #[serde(rename = "Assertions")]
    pub assertions: Vec<Assertion>,
}

/// One assertion of a [`TemplateRule`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assertion {
    /// `Assert`: a rule-specific intrinsic function.
    #[serde(rename = "Assert")]
    pub assert: serde_json::Value,
    /// `AssertDescription`.
    #[serde(rename = "AssertDescription")]
    pub assert_description: String,
}

/// A template output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `Value`.
    #[serde(rename = "Value")]
    pub value: Expr,
    /// `Export`.
    #[serde(rename = "Export", default, skip_serializing_if = "Option::is_none")]
    pub export: Option<Export>,
}

/// `Export` of an [`Output`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    /// `Name`: unique among the exports of an account and region.
    #[serde(rename = "Name")]
    pub name: String,
}

/// A template resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// `Type`: [`SECURITY_PROFILE_TYPE`] or [`INSTANCE_TYPE`].
    #[serde(rename = "Type")]
    pub resource_type: String,
    /// `Properties`.
    #[serde(rename = "Properties")]
    pub properties: Properties,
    /// `DeletionPolicy`.
    #[serde(
        rename = "DeletionPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deletion_policy: Option<String>,
    /// `UpdateReplacePolicy`.
    #[serde(
        rename = "UpdateReplacePolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub update_replace_policy: Option<String>,
    /// `Metadata`.
    #[serde(rename = "Metadata", default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ResourceMetadata>,
}

impl Resource {
    /// The properties, when this is a security profile.
    pub fn security_profile(&self) -> Option<&SecurityProfileProperties> {
        match &self.properties {
            Properties::SecurityProfile(p) => Some(p),
            Properties::Instance(_) => None,
        }
    }

    /// The properties, when this is a Connect instance.
    pub fn instance(&self) -> Option<&InstanceProperties> {
        match &self.properties {
            Properties::Instance(p) => Some(p),
            Properties::SecurityProfile(_) => None,
        }
    }
}

/// The `Properties` of a [`Resource`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Properties {
    /// Of an `AWS::Connect::SecurityProfile`.
    SecurityProfile(SecurityProfileProperties),
    /// Of an `AWS::Connect::Instance`.
    Instance(InstanceProperties),
}

/// The properties of an `AWS::Connect::SecurityProfile`: exactly the fields the profile sets.
/// Empty lists and absent texts are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityProfileProperties {
    /// `SecurityProfileName`.
    #[serde(rename = "SecurityProfileName")]
    pub security_profile_name: String,
    /// `Description`.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `InstanceArn`.
    #[serde(rename = "InstanceArn")]
    pub instance_arn: Expr,
    /// `Permissions`, sorted.
    #[serde(rename = "Permissions", default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<String>,
    /// `AllowedAccessControlTags`.
    #[serde(
        rename = "AllowedAccessControlTags",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allowed_access_control_tags: Vec<TagEntry>,
    /// `TagRestrictedResources`.
    #[serde(
        rename = "TagRestrictedResources",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tag_restricted_resources: Vec<String>,
    /// `AllowedAccessControlHierarchyGroupId`.
    #[serde(
        rename = "AllowedAccessControlHierarchyGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_access_control_hierarchy_group_id: Option<String>,
    /// `HierarchyRestrictedResources`.
    #[serde(
        rename = "HierarchyRestrictedResources",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub hierarchy_restricted_resources: Vec<String>,
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TagEntry>,
}

/// A `{"Key": ..., "Value": ...}` pair of `Tags` or `AllowedAccessControlTags`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TagEntry {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `Value`.
    #[serde(rename = "Value")]
    pub value: String,
}

/// The properties of the `AWS::Connect::Instance` that [`Instance::create`](crate::Instance::create)
/// adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceProperties {
    /// `IdentityManagementType`: `CONNECT_MANAGED` (users are managed in Connect).
    #[serde(rename = "IdentityManagementType")]
    pub identity_management_type: String,
    /// `InstanceAlias`.
    #[serde(rename = "InstanceAlias")]
    pub instance_alias: String,
    /// `Attributes` (the two that are required).
    #[serde(rename = "Attributes")]
    pub attributes: InstanceAttributes,
}

/// `Attributes` of an `AWS::Connect::Instance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceAttributes {
    /// `InboundCalls`.
    #[serde(rename = "InboundCalls")]
    pub inbound_calls: bool,
    /// `OutboundCalls`.
    #[serde(rename = "OutboundCalls")]
    pub outbound_calls: bool,
}

/// `Metadata` of a security profile resource. The shape is a contract: `switchboard audit` and
/// `switchboard diff` read it from deployed templates.
///
/// ```json
/// "Metadata": {"Switchboard": {"SensitiveReason": "...", "SensitivePermissions": [...], "ImpliedPermissions": [...]}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceMetadata {
    /// `Switchboard`.
    #[serde(rename = "Switchboard")]
    pub switchboard: SwitchboardMetadata,
}

/// What switchboard records about a profile beyond its CloudFormation properties. Each key is
/// present only when it is not empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwitchboardMetadata {
    /// `SensitiveReason`: why the profile holds sensitive permissions, as its author stated.
    #[serde(
        rename = "SensitiveReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sensitive_reason: Option<String>,
    /// `SensitivePermissions`: the sensitive permissions it holds, sorted.
    #[serde(
        rename = "SensitivePermissions",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sensitive_permissions: Vec<String>,
    /// `ImpliedPermissions`: the permissions added because the console implies them, sorted.
    #[serde(
        rename = "ImpliedPermissions",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub implied_permissions: Vec<String>,
}

impl SwitchboardMetadata {
    /// True when there is nothing to record (the resource then has no `Metadata`).
    pub fn is_empty(&self) -> bool {
        self.sensitive_reason.is_none()
            && self.sensitive_permissions.is_empty()
            && self.implied_permissions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_yaml_readers_refuse_are_escaped_and_read_back() {
        let text: String = ('\u{0}'..='\u{ff}')
            .chain([
                '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', '\u{fffe}', '\u{ffff}',
            ])
            .chain(['\u{1f600}', '\u{10ffff}', 'é'])
            .collect();
        let json = to_json(&text);
        for c in json.chars() {
            assert!(
                !needs_escape(c) && (c >= ' ' || c == '\n'),
                "{c:?} raw in {json}"
            );
        }
        for escaped in [
            "\\u007f", "\\u0085", "\\u009f", "\\u2028", "\\u2029", "\\ufffe", "\\uffff",
        ] {
            assert!(json.contains(escaped), "{escaped} in {json}");
        }
        // Printable non-ASCII stays UTF-8, as before.
        assert!(json.contains('é') && json.contains('\u{1f600}') && json.contains('\u{a0}'));
        let back: String = serde_json::from_str(&json).expect("JSON");
        assert_eq!(back, text);
        // Text without such characters is written exactly as serde_json writes it.
        assert_eq!(to_json("plain é"), "\"plain é\"");
    }
}
