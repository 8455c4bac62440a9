//! Which Amazon Connect instance a profile belongs to, as far as its template says.
//!
//! Profile names are unique per instance, so `audit` must know which profiles share one. The
//! text of `InstanceArn` is not enough: every stack switchboard synthesizes writes the same
//! `{"Fn::GetAtt":["ConnectInstance","Arn"]}` or `{"Ref":"InstanceArn"}`, whatever instance it
//! creates or is deployed to. An instance is therefore
//! - a literal ARN, the same wherever it is written;
//! - an `AWS::Connect::Instance` created with a literal alias (aliases are unique across AWS);
//! - anything else (a parameter, a resource without a literal alias, another function) within
//!   its own template only: one template deployed twice with two `InstanceArn` values holds
//!   two instances;
//! - `Fn::ImportValue` of an export: whatever the exporting template exports under that name
//!   (how the later parts of a split stack take the first part's instance).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value};

/// The resource type of a Connect instance.
const INSTANCE_TYPE: &str = "AWS::Connect::Instance";

/// How a template names a profile's instance, resolved as far as the template alone allows.
///
/// The order of the variants is the order of preference when one instance is known by several
/// names (a literal ARN says most).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InstanceRef {
    /// A literal instance ARN.
    Arn(String),
    /// The instance an `AWS::Connect::Instance` creates with this alias.
    Alias(String),
    /// A value that means something in its own template only: `text` says what
    /// (`parameter InstanceArn`, `resource ConnectInstance`, or the value's compact JSON),
    /// `template` is the file it was read from.
    Local {
        /// The template's file.
        template: String,
        /// The value, as compact JSON.
        text: String,
    },
    /// `Fn::ImportValue` of this export name.
    Import(String),
}

impl InstanceRef {
    /// The instance described for people: `instance arn:...`, `the instance "acme" created in
    /// a template`, ...
    pub fn describe(&self) -> String {
        match self {
            InstanceRef::Arn(arn) => format!("instance {arn}"),
            InstanceRef::Alias(alias) => format!("the instance with alias {alias:?}"),
            InstanceRef::Local { template, text } => {
                format!("the instance given by {text} in {template}")
            }
            InstanceRef::Import(name) => format!("the instance exported as {name:?}"),
        }
    }
}

/// A profile's instance: how its template names it, and the exports under which the same
/// template hands that instance on to other stacks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct InstanceIdentity {
    /// How the profile's `InstanceArn` names the instance (`None` without an `InstanceArn`).
    pub named: Option<InstanceRef>,
    /// Export names of the same template whose value is the same instance (shared by the
    /// template's profiles of that instance, so a hostile template of many profiles and many
    /// exports costs one list, not one per profile).
    pub exported_as: Arc<[String]>,
}

/// What one template says about instances: its created instances and parameters, and its
/// exports, read once for all its profiles.
#[derive(Debug, Clone, Default)]
pub struct TemplateInstances {
    file: String,
    /// The template's parameters.
    parameters: std::collections::BTreeSet<String>,
    /// Logical ID of each `AWS::Connect::Instance`, with its alias when literal.
    created: BTreeMap<String, Option<String>>,
    /// The export names of each instance the template exports.
    exports: BTreeMap<InstanceRef, Arc<[String]>>,
}

impl TemplateInstances {
    /// Reads the instances and exports of a parsed template; `file` scopes what means something
    /// in this template only. Shapes it does not expect are left out, never an error: the
    /// template's reader reports those.
    pub fn read(template: &Value, file: &str) -> TemplateInstances {
        let mut found = TemplateInstances {
            file: file.to_owned(),
            ..TemplateInstances::default()
        };
        if let Some(parameters) = template.get("Parameters").and_then(Value::as_object) {
            found.parameters = parameters.keys().cloned().collect();
        }
        let resources = template.get("Resources").and_then(Value::as_object);
        for (id, resource) in resources.into_iter().flatten() {
            if resource.get("Type").and_then(Value::as_str) == Some(INSTANCE_TYPE) {
                let alias = resource
                    .get("Properties")
                    .and_then(|p| p.get("InstanceAlias"))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                found.created.insert(id.clone(), alias);
            }
        }
        let mut exports: BTreeMap<InstanceRef, Vec<String>> = BTreeMap::new();
        let outputs = template.get("Outputs").and_then(Value::as_object);
        for output in outputs.into_iter().flatten().map(|(_, o)| o) {
            let name = output
                .get("Export")
                .and_then(|e| e.get("Name"))
                .and_then(Value::as_str);
            if let (Some(name), Some(value)) = (name, output.get("Value")) {
                exports
                    .entry(found.resolve(value))
                    .or_default()
                    .push(name.to_owned());
            }
        }
        found.exports = exports.into_iter().map(|(r, n)| (r, n.into())).collect();
        found
    }

    /// The instance of a profile resource of this template.
    pub fn of(&self, resource: &Map<String, Value>) -> InstanceIdentity {
        let named = resource
            .get("Properties")
            .and_then(|p| p.get("InstanceArn"))
            .map(|v| self.resolve(v));
        let exported_as = named
            .as_ref()
            .and_then(|n| self.exports.get(n))
            .cloned()
            .unwrap_or_default();
        InstanceIdentity { named, exported_as }
    }

    fn resolve(&self, value: &Value) -> InstanceRef {
        let created = |id: &str| self.created.get_key_value(id);
        let target = match value {
            Value::String(arn) => return InstanceRef::Arn(arn.clone()),
            Value::Object(map) if map.len() == 1 => {
                if let Some(Value::String(id)) = map.get("Ref") {
                    if self.parameters.contains(id) {
                        return InstanceRef::Local {
                            template: self.file.clone(),
                            text: format!("parameter {id}"),
                        };
                    }
                    created(id)
                } else if let Some(Value::String(name)) = map.get("Fn::ImportValue") {
                    return InstanceRef::Import(name.clone());
                } else {
                    match map.get("Fn::GetAtt") {
                        Some(Value::Array(parts)) => {
                            parts.first().and_then(Value::as_str).and_then(&created)
                        }
                        Some(Value::String(dotted)) => {
                            dotted.split_once('.').and_then(|(id, _)| created(id))
                        }
                        _ => None,
                    }
                }
            }
            _ => None,
        };
        match target {
            Some((_, Some(alias))) => InstanceRef::Alias(alias.clone()),
            Some((id, None)) => InstanceRef::Local {
                template: self.file.clone(),
                text: format!("resource {id}"),
            },
            None => InstanceRef::Local {
                template: self.file.clone(),
                text: serde_json::to_string(value).unwrap_or_default(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn profile_with(instance: Value) -> Map<String, Value> {
        json!({"Type": "AWS::Connect::SecurityProfile", "Properties": {"InstanceArn": instance}})
            .as_object()
            .unwrap()
            .clone()
    }

    #[test]
    fn created_instances_are_known_by_alias_and_parameters_by_template() {
        let template = json!({
            "Parameters": {"InstanceArn": {"Type": "String"}},
            "Resources": {
                "ConnectInstance": {"Type": "AWS::Connect::Instance",
                                    "Properties": {"InstanceAlias": "acme"}},
                "Other": {"Type": "AWS::Connect::Instance",
                          "Properties": {"InstanceAlias": {"Ref": "Alias"}}}
            },
            "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["ConnectInstance", "Arn"]},
                                "Export": {"Name": "S:InstanceArn"}}}
        });
        let t = TemplateInstances::read(&template, "a.json");
        let created = t.of(&profile_with(
            json!({"Fn::GetAtt": ["ConnectInstance", "Arn"]}),
        ));
        assert_eq!(created.named, Some(InstanceRef::Alias("acme".into())));
        assert_eq!(*created.exported_as, ["S:InstanceArn".to_owned()]);
        assert_eq!(
            t.of(&profile_with(json!({"Fn::GetAtt": "ConnectInstance.Arn"})))
                .named,
            Some(InstanceRef::Alias("acme".into()))
        );
        assert_eq!(
            t.of(&profile_with(json!({"Ref": "InstanceArn"}))).named,
            Some(InstanceRef::Local {
                template: "a.json".into(),
                text: "parameter InstanceArn".into()
            })
        );
        assert_eq!(
            t.of(&profile_with(json!({"Fn::Sub": "${Arn}"}))).named,
            Some(InstanceRef::Local {
                template: "a.json".into(),
                text: r#"{"Fn::Sub":"${Arn}"}"#.into()
            })
        );
        assert_eq!(
            t.of(&profile_with(json!({"Ref": "Other"}))).named,
            Some(InstanceRef::Local {
                template: "a.json".into(),
                text: "resource Other".into()
            })
        );
        assert_eq!(
            t.of(&profile_with(json!({"Fn::ImportValue": "S:InstanceArn"})))
                .named,
            Some(InstanceRef::Import("S:InstanceArn".into()))
        );
        assert_eq!(
            t.of(&profile_with(json!("arn:aws:connect:x"))).named,
            Some(InstanceRef::Arn("arn:aws:connect:x".into()))
        );
    }
}
