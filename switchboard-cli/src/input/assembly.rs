//! CDK cloud assemblies: `manifest.json` lists the stacks (artifacts of type
//! `aws:cloudformation:stack`, whose `properties.templateFile` is the template) and nested
//! assemblies (type `cdk:cloud-assembly`, `properties.directoryName`, as CDK stages write them).

use serde_json::Value;

use super::json;
use crate::error::InputError;

/// An artifact of the manifest that leads to templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Artifact {
    /// A CloudFormation stack.
    Stack {
        /// The artifact's id.
        id: String,
        /// `properties.stackName`, when set.
        stack_name: Option<String>,
        /// `properties.templateFile`, relative to the assembly directory.
        template_file: String,
    },
    /// A nested cloud assembly.
    Nested {
        /// The artifact's id.
        id: String,
        /// `properties.directoryName`, relative to the assembly directory.
        directory: String,
    },
}

/// Parses `manifest.json`.
pub fn parse_manifest(bytes: &[u8]) -> Result<Vec<Artifact>, InputError> {
    let value = json::parse(bytes)?;
    from_value(&value)
}

/// Reads the artifacts of a parsed manifest, sorted by id.
pub fn from_value(manifest: &Value) -> Result<Vec<Artifact>, InputError> {
    let root = json::object(manifest, "the manifest")?;
    if !root.contains_key("version") {
        return Err(InputError::usage(
            "not a cloud assembly manifest: it has no `version`",
        ));
    }
    let Some(artifacts) = root.get("artifacts") else {
        return Ok(Vec::new());
    };
    let artifacts = json::object(artifacts, "artifacts")?;
    let mut out = Vec::new();
    for (id, artifact) in artifacts {
        let path = format!("artifacts.{}", json::shown_key(id));
        let artifact = json::object(artifact, &path)?;
        let kind = match artifact.get("type") {
            Some(Value::String(kind)) => kind.as_str(),
            Some(other) => return Err(json::expected(&format!("{path}.type"), "a string", other)),
            None => continue,
        };
        let props_path = format!("{path}.properties");
        let string_prop = |name: &str| -> Result<Option<String>, InputError> {
            let Some(props) = artifact.get("properties") else {
                return Ok(None);
            };
            let props = json::object(props, &props_path)?;
            match props.get(name) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(json::expected(
                    &format!("{props_path}.{name}"),
                    "a string",
                    other,
                )),
            }
        };
        match kind {
            "aws:cloudformation:stack" => {
                let template_file = string_prop("templateFile")?.ok_or_else(|| {
                    InputError::usage(format!(
                        "{props_path}.templateFile: the stack artifact names no template"
                    ))
                })?;
                out.push(Artifact::Stack {
                    id: id.clone(),
                    stack_name: string_prop("stackName")?,
                    template_file,
                });
            }
            "cdk:cloud-assembly" => {
                let directory = string_prop("directoryName")?.ok_or_else(|| {
                    InputError::usage(format!(
                        "{props_path}.directoryName: the nested assembly names no directory"
                    ))
                })?;
                out.push(Artifact::Nested {
                    id: id.clone(),
                    directory,
                });
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_and_nested_assemblies() {
        let manifest = br#"{"version": "36.0.0", "artifacts": {
            "Stack.assets": {"type": "cdk:asset-manifest", "properties": {"file": "Stack.assets.json"}},
            "Stack": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                      "properties": {"templateFile": "Stack.template.json", "stackName": "prod-stack"}},
            "Stage": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Stage"}}
        }}"#;
        let artifacts = parse_manifest(manifest).unwrap();
        assert_eq!(
            artifacts,
            [
                Artifact::Stack {
                    id: "Stack".into(),
                    stack_name: Some("prod-stack".into()),
                    template_file: "Stack.template.json".into()
                },
                Artifact::Nested {
                    id: "Stage".into(),
                    directory: "assembly-Stage".into()
                }
            ]
        );
        let err = parse_manifest(
            br#"{"version": "1", "artifacts": {"S": {"type": "aws:cloudformation:stack"}}}"#,
        )
        .unwrap_err();
        assert!(err.reason.contains("names no template"), "{}", err.reason);
    }
}
