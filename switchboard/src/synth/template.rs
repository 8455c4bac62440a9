//! The CloudFormation template as typed data, read back from the bytes `synth` writes (see
//! [`resource`](super::resource), their one writer), and the JSON format of every file.
//!
//! Every map is a `BTreeMap`, so keys come out sorted as they are written. Everything is
//! `Serialize` (by field lists, see [`json`](super::json)); [`Template`] is also `Deserialize`:
//! a template read back serializes to the same bytes.

use std::collections::BTreeMap;

use serde_core::Serialize;
use serde_json::Value;

use crate::synth::json::{Fields, FromJson, serialize_fields};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// `Description`.
    pub description: Option<String>,
    /// `Parameters`, by logical ID.
    pub parameters: BTreeMap<String, Parameter>,
    /// `Rules`, by name.
    pub rules: BTreeMap<String, TemplateRule>,
    /// `Resources`, by logical ID.
    pub resources: BTreeMap<String, Resource>,
    /// `Outputs`, by logical ID.
    pub outputs: BTreeMap<String, Output>,
}

impl Template {
    /// The template that `synth` wrote as `json`.
    pub(crate) fn read_back(json: &str) -> Template {
        // An invariant, not input: every field written has its place in these types.
        Template::from_json_text(json).expect("switchboard reads back the templates it writes")
    }

    /// Reads a template written by `synth` (or any template of the same shape).
    pub fn from_json_text(json: &str) -> Result<Template, serde_json::Error> {
        let value: Value = serde_json::from_str(json)?;
        Template::from_json(&value).map_err(serde_core::de::Error::custom)
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A literal string.
    Text(String),
    /// `{"Ref": "LogicalId"}`.
    Ref {
        /// The parameter or resource.
        target: String,
    },
    /// `{"Fn::GetAtt": ["LogicalId", "Attribute"]}`.
    GetAtt {
        /// The resource and the attribute.
        target: [String; 2],
    },
    /// `{"Fn::ImportValue": "ExportName"}`.
    ImportValue {
        /// The name of an export of another stack.
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// `Type`.
    pub parameter_type: String,
    /// `Default`.
    pub default: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `AllowedPattern`.
    pub allowed_pattern: Option<String>,
    /// `ConstraintDescription`.
    pub constraint_description: Option<String>,
}

/// A template rule (`Rules`): assertions CloudFormation checks before it changes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRule {
    /// `Assertions`.
    pub assertions: Vec<Assertion>,
}

/// One assertion of a [`TemplateRule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    /// `Assert`: a rule-specific intrinsic function.
    pub assert: serde_json::Value,
    /// `AssertDescription`.
    pub assert_description: String,
}

/// A template output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// `Description`.
    pub description: Option<String>,
    /// `Value`.
    pub value: Expr,
    /// `Export`.
    pub export: Option<Export>,
}

/// `Export` of an [`Output`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// `Name`: unique among the exports of an account and region.
    pub name: String,
}

/// A template resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// `Type`: [`SECURITY_PROFILE_TYPE`] or [`INSTANCE_TYPE`].
    pub resource_type: String,
    /// `Properties`.
    pub properties: Properties,
    /// `DeletionPolicy`.
    pub deletion_policy: Option<String>,
    /// `UpdateReplacePolicy`.
    pub update_replace_policy: Option<String>,
    /// `Metadata`.
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Properties {
    /// Of an `AWS::Connect::SecurityProfile`.
    SecurityProfile(SecurityProfileProperties),
    /// Of an `AWS::Connect::Instance`.
    Instance(InstanceProperties),
}

/// The properties of an `AWS::Connect::SecurityProfile`: exactly the fields the profile sets.
/// Empty lists and absent texts are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityProfileProperties {
    /// `SecurityProfileName`.
    pub security_profile_name: String,
    /// `Description`.
    pub description: Option<String>,
    /// `InstanceArn`.
    pub instance_arn: Expr,
    /// `Permissions`, sorted.
    pub permissions: Vec<String>,
    /// `AllowedAccessControlTags`.
    pub allowed_access_control_tags: Vec<TagEntry>,
    /// `TagRestrictedResources`.
    pub tag_restricted_resources: Vec<String>,
    /// `AllowedAccessControlHierarchyGroupId`.
    pub allowed_access_control_hierarchy_group_id: Option<String>,
    /// `HierarchyRestrictedResources`.
    pub hierarchy_restricted_resources: Vec<String>,
    /// `Tags`.
    pub tags: Vec<TagEntry>,
}

/// A `{"Key": ..., "Value": ...}` pair of `Tags` or `AllowedAccessControlTags`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TagEntry {
    /// `Key`.
    pub key: String,
    /// `Value`.
    pub value: String,
}

/// The properties of the `AWS::Connect::Instance` that [`Instance::create`](crate::Instance::create)
/// adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceProperties {
    /// `IdentityManagementType`: `CONNECT_MANAGED` (users are managed in Connect).
    pub identity_management_type: String,
    /// `InstanceAlias`.
    pub instance_alias: String,
    /// `Attributes` (the two that are required).
    pub attributes: InstanceAttributes,
}

/// `Attributes` of an `AWS::Connect::Instance`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceAttributes {
    /// `InboundCalls`.
    pub inbound_calls: bool,
    /// `OutboundCalls`.
    pub outbound_calls: bool,
}

/// `Metadata` of a security profile resource. The shape is a contract: `switchboard audit` and
/// `switchboard diff` read it from deployed templates.
///
/// ```json
/// "Metadata": {"Switchboard": {"SensitiveReason": "...", "SensitivePermissions": [...], "ImpliedPermissions": [...]}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceMetadata {
    /// `Switchboard`.
    pub switchboard: SwitchboardMetadata,
}

/// What switchboard records about a profile beyond its CloudFormation properties. Each key is
/// present only when it is not empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SwitchboardMetadata {
    /// `SensitiveReason`: why the profile holds sensitive permissions, as its author stated.
    pub sensitive_reason: Option<String>,
    /// `SensitivePermissions`: the sensitive permissions it holds, sorted.
    pub sensitive_permissions: Vec<String>,
    /// `ImpliedPermissions`: the permissions added because the console implies them, sorted.
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

// The JSON form: keys in the order of the fields above, empty ones left out where AWS's
// schema makes them optional.

serialize_fields!(Template {
    "Description" => if_written description,
    "Parameters" => if_written parameters,
    "Rules" => if_written rules,
    "Resources" => always resources,
    "Outputs" => if_written outputs,
});
serialize_fields!(Parameter {
    "Type" => always parameter_type,
    "Default" => if_written default,
    "Description" => if_written description,
    "AllowedPattern" => if_written allowed_pattern,
    "ConstraintDescription" => if_written constraint_description,
});
serialize_fields!(TemplateRule { "Assertions" => always assertions });
serialize_fields!(Assertion {
    "Assert" => always assert,
    "AssertDescription" => always assert_description,
});
serialize_fields!(Output {
    "Description" => if_written description,
    "Value" => always value,
    "Export" => if_written export,
});
serialize_fields!(Export { "Name" => always name });
serialize_fields!(Resource {
    "Type" => always resource_type,
    "Properties" => always properties,
    "DeletionPolicy" => if_written deletion_policy,
    "UpdateReplacePolicy" => if_written update_replace_policy,
    "Metadata" => if_written metadata,
});
serialize_fields!(SecurityProfileProperties {
    "SecurityProfileName" => always security_profile_name,
    "Description" => if_written description,
    "InstanceArn" => always instance_arn,
    "Permissions" => if_written permissions,
    "AllowedAccessControlTags" => if_written allowed_access_control_tags,
    "TagRestrictedResources" => if_written tag_restricted_resources,
    "AllowedAccessControlHierarchyGroupId" => if_written allowed_access_control_hierarchy_group_id,
    "HierarchyRestrictedResources" => if_written hierarchy_restricted_resources,
    "Tags" => if_written tags,
});
serialize_fields!(TagEntry {
    "Key" => always key,
    "Value" => always value,
});
serialize_fields!(InstanceProperties {
    "IdentityManagementType" => always identity_management_type,
    "InstanceAlias" => always instance_alias,
    "Attributes" => always attributes,
});
serialize_fields!(InstanceAttributes {
    "InboundCalls" => always inbound_calls,
    "OutboundCalls" => always outbound_calls,
});
serialize_fields!(ResourceMetadata { "Switchboard" => always switchboard });
serialize_fields!(SwitchboardMetadata {
    "SensitiveReason" => if_written sensitive_reason,
    "SensitivePermissions" => if_written sensitive_permissions,
    "ImpliedPermissions" => if_written implied_permissions,
});

impl Serialize for Expr {
    fn serialize<S: serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn intrinsic<S: serde_core::Serializer, T: Serialize + ?Sized>(
            serializer: S,
            function: &str,
            argument: &T,
        ) -> Result<S::Ok, S::Error> {
            use serde_core::ser::SerializeMap as _;
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry(function, argument)?;
            map.end()
        }
        match self {
            Expr::Text(text) => serializer.serialize_str(text),
            Expr::Ref { target } => intrinsic(serializer, "Ref", target),
            Expr::GetAtt { target } => intrinsic(serializer, "Fn::GetAtt", target),
            Expr::ImportValue { name } => intrinsic(serializer, "Fn::ImportValue", name),
        }
    }
}

impl Serialize for Properties {
    fn serialize<S: serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Properties::SecurityProfile(p) => p.serialize(serializer),
            Properties::Instance(p) => p.serialize(serializer),
        }
    }
}

// Reading back: what was written, into the same values.

impl<'de> serde_core::Deserialize<'de> for Template {
    fn deserialize<D: serde_core::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Template::from_json(&value).map_err(serde_core::de::Error::custom)
    }
}

impl FromJson for Template {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        Ok(Template {
            description: f.optional("Description")?,
            parameters: f.or_empty("Parameters")?,
            rules: f.or_empty("Rules")?,
            resources: f.required("Resources")?,
            outputs: f.or_empty("Outputs")?,
        })
    }
}

impl FromJson for Parameter {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        Ok(Parameter {
            parameter_type: f.required("Type")?,
            default: f.optional("Default")?,
            description: f.optional("Description")?,
            allowed_pattern: f.optional("AllowedPattern")?,
            constraint_description: f.optional("ConstraintDescription")?,
        })
    }
}

impl FromJson for TemplateRule {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(TemplateRule {
            assertions: Fields::of(value)?.required("Assertions")?,
        })
    }
}

impl FromJson for Assertion {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        Ok(Assertion {
            assert: f.required("Assert")?,
            assert_description: f.required("AssertDescription")?,
        })
    }
}

impl FromJson for Output {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        Ok(Output {
            description: f.optional("Description")?,
            value: f.required("Value")?,
            export: f.optional("Export")?,
        })
    }
}

impl FromJson for Export {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(Export {
            name: Fields::of(value)?.required("Name")?,
        })
    }
}

impl FromJson for Expr {
    fn from_json(value: &Value) -> Result<Self, String> {
        if let Some(text) = value.as_str() {
            return Ok(Expr::Text(text.to_owned()));
        }
        let mut f = Fields::of(value)?;
        if f.has("Ref") {
            Ok(Expr::Ref {
                target: f.required("Ref")?,
            })
        } else if f.has("Fn::GetAtt") {
            let target: Vec<String> = f.required("Fn::GetAtt")?;
            let target: [String; 2] = target
                .try_into()
                .map_err(|_| "Fn::GetAtt: expected a resource and an attribute".to_owned())?;
            Ok(Expr::GetAtt { target })
        } else if f.has("Fn::ImportValue") {
            Ok(Expr::ImportValue {
                name: f.required("Fn::ImportValue")?,
            })
        } else {
            Err(format!(
                "expected a string, Ref, Fn::GetAtt or Fn::ImportValue, found {value}"
            ))
        }
    }
}

impl FromJson for Resource {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        Ok(Resource {
            resource_type: f.required("Type")?,
            properties: f.required("Properties")?,
            deletion_policy: f.optional("DeletionPolicy")?,
            update_replace_policy: f.optional("UpdateReplacePolicy")?,
            metadata: f.optional("Metadata")?,
        })
    }
}

impl FromJson for Properties {
    fn from_json(value: &Value) -> Result<Self, String> {
        // Told apart by their keys, as both refuse keys they do not know.
        SecurityProfileProperties::from_json(value)
            .map(Properties::SecurityProfile)
            .or_else(|profile| {
                InstanceProperties::from_json(value)
                    .map(Properties::Instance)
                    .map_err(|instance| {
                        format!(
                            "neither a security profile ({profile}) nor an instance ({instance})"
                        )
                    })
            })
    }
}

impl FromJson for SecurityProfileProperties {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        let properties = SecurityProfileProperties {
            security_profile_name: f.required("SecurityProfileName")?,
            description: f.optional("Description")?,
            instance_arn: f.required("InstanceArn")?,
            permissions: f.or_empty("Permissions")?,
            allowed_access_control_tags: f.or_empty("AllowedAccessControlTags")?,
            tag_restricted_resources: f.or_empty("TagRestrictedResources")?,
            allowed_access_control_hierarchy_group_id: f
                .optional("AllowedAccessControlHierarchyGroupId")?,
            hierarchy_restricted_resources: f.or_empty("HierarchyRestrictedResources")?,
            tags: f.or_empty("Tags")?,
        };
        f.no_others()?;
        Ok(properties)
    }
}

impl FromJson for TagEntry {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        Ok(TagEntry {
            key: f.required("Key")?,
            value: f.required("Value")?,
        })
    }
}

impl FromJson for InstanceProperties {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        let properties = InstanceProperties {
            identity_management_type: f.required("IdentityManagementType")?,
            instance_alias: f.required("InstanceAlias")?,
            attributes: f.required("Attributes")?,
        };
        f.no_others()?;
        Ok(properties)
    }
}

impl FromJson for InstanceAttributes {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        let attributes = InstanceAttributes {
            inbound_calls: f.required("InboundCalls")?,
            outbound_calls: f.required("OutboundCalls")?,
        };
        f.no_others()?;
        Ok(attributes)
    }
}

impl FromJson for ResourceMetadata {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(ResourceMetadata {
            switchboard: Fields::of(value)?.required("Switchboard")?,
        })
    }
}

impl FromJson for SwitchboardMetadata {
    fn from_json(value: &Value) -> Result<Self, String> {
        let mut f = Fields::of(value)?;
        let metadata = SwitchboardMetadata {
            sensitive_reason: f.optional("SensitiveReason")?,
            sensitive_permissions: f.or_empty("SensitivePermissions")?,
            implied_permissions: f.or_empty("ImpliedPermissions")?,
        };
        f.no_others()?;
        Ok(metadata)
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
