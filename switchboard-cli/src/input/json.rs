//! Reading JSON values with a path in every error (`Resources.Agent.Properties.Tags[2].Key:
//! expected a string, found a number`), and recognising CloudFormation intrinsic functions.

use serde_json::{Map, Value};

use crate::error::InputError;
use crate::printable::printable;

/// Parses a whole document, with messages a user can act on: empty files, byte-order marks,
/// binary data and YAML are named as such.
pub fn parse(bytes: &[u8]) -> Result<Value, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::usage("the file is empty"));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => Ok(value),
        Err(error) => {
            if looks_like_yaml(bytes) {
                return Err(InputError::usage(YAML_NOT_SUPPORTED));
            }
            if looks_binary(bytes) {
                return Err(InputError::usage(format!(
                    "not JSON: the file holds binary data ({error})"
                )));
            }
            Err(InputError::usage(format!("not valid JSON: {error}")))
        }
    }
}

/// The refusal of a YAML template, with what to do instead.
pub const YAML_NOT_SUPPORTED: &str = "this looks like a YAML template; YAML is not supported, \
    switchboard reads JSON. Convert it first: `cfn-flip -j template.yaml > template.json` (`pip install \
    cfn-flip`; it turns !Ref, !Sub, !GetAtt and the other short forms into their JSON \
    functions), or, for a CDK app, give the JSON templates that `cdk synth` writes to cdk.out \
    (`cdk synth --json` prints them)";

fn looks_like_yaml(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let first = text.trim_start();
    if first.starts_with('{') || first.starts_with('[') {
        return false;
    }
    first.starts_with("---")
        || text.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("AWSTemplateFormatVersion:")
                || line.starts_with("Resources:")
                || line.starts_with("Type: AWS::")
        })
}

fn looks_binary(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_err()
        || bytes
            .iter()
            .take(4096)
            .any(|b| *b == 0 || (*b < 0x20 && !b" \t\r\n".contains(b)))
}

/// The longest key shown in a message's path; longer ones are cut. No logical ID, tag key or
/// artifact id is longer (CloudFormation's limit for logical IDs is 255 characters).
pub const MAX_KEY_SHOWN: usize = 255;

/// A key as a message's path shows it: [`printable`], and cut after [`MAX_KEY_SHOWN`]
/// characters.
pub fn shown_key(key: &str) -> String {
    shorten(key, MAX_KEY_SHOWN)
}

/// [`printable`] text of at most `max` characters of the original, `…` marking a cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => printable(&text[..cut]) + "…",
        None => printable(text),
    }
}

/// How a value's kind is named in messages: "a string", "an array", ...
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A mismatch error at `path`.
pub fn expected(path: &str, what: &str, found: &Value) -> InputError {
    InputError::usage(format!("{path}: expected {what}, found {}", kind(found)))
}

/// The value as an object.
pub fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>, InputError> {
    value
        .as_object()
        .ok_or_else(|| expected(path, "an object", value))
}

/// The longest text of an intrinsic function shown in messages and reports.
const MAX_SHOWN: usize = 160;

/// A CloudFormation intrinsic function (`{"Ref": ...}`, `{"Fn::Sub": ...}`) as compact text,
/// or `None` for any other value.
pub fn intrinsic(value: &Value) -> Option<String> {
    let map = value.as_object()?;
    if map.len() != 1 {
        return None;
    }
    let key = map.keys().next()?;
    if !intrinsic_key(key) {
        return None;
    }
    let mut text = serde_json::to_string(value).unwrap_or_else(|_| format!("{{{key}}}"));
    if text.chars().count() > MAX_SHOWN {
        text = text.chars().take(MAX_SHOWN).collect::<String>() + "…";
    }
    Some(text)
}

/// True for a key that names an intrinsic function (`Ref`, `Condition`, `Fn::...`).
fn intrinsic_key(key: &str) -> bool {
    key == "Ref" || key == "Condition" || key.starts_with("Fn::")
}

/// True when an intrinsic function stands anywhere in `value`: its value is known only at
/// deploy time. (serde_json refuses documents nested more than 128 deep, which bounds the
/// recursion.)
pub fn holds_intrinsic(value: &Value) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| intrinsic_key(k) || holds_intrinsic(v)),
        Value::Array(items) => items.iter().any(holds_intrinsic),
        _ => false,
    }
}

/// `value` as canonical JSON: compact, object keys sorted, so two values compare equal as text
/// exactly when they are equal as data, whatever the key order or spacing of the files.
pub fn canonical(value: &Value) -> String {
    fn write(value: &Value, out: &mut String) {
        match value {
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                out.push('{');
                for (i, (k, v)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    write(v, out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(v, out);
                }
                out.push(']');
            }
            scalar => out.push_str(&scalar.to_string()),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// Reads text values, remembering where intrinsic functions stood in for text.
#[derive(Debug, Default)]
pub struct TextReader {
    /// The paths of values that were intrinsic functions, not literal text.
    pub unresolved: Vec<String>,
}

impl TextReader {
    /// A string; an intrinsic function becomes its compact JSON text (and its path is
    /// remembered); numbers and booleans become their text when `scalars` is set, as
    /// CloudFormation converts them.
    pub fn text(&mut self, value: &Value, path: &str, scalars: bool) -> Result<String, InputError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) if scalars => Ok(n.to_string()),
            Value::Bool(b) if scalars => Ok(b.to_string()),
            other => match intrinsic(other) {
                Some(text) => {
                    self.unresolved.push(path.to_owned());
                    Ok(text)
                }
                None => Err(expected(path, "a string", other)),
            },
        }
    }

    /// A list of strings; an intrinsic function in place of the whole list yields no entries
    /// (and its path is remembered).
    pub fn list(&mut self, value: &Value, path: &str) -> Result<Vec<String>, InputError> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| self.text(item, &format!("{path}[{i}]"), false))
                .collect(),
            Value::Null => Ok(Vec::new()),
            other => {
                if intrinsic(other).is_some() {
                    self.unresolved.push(path.to_owned());
                    Ok(Vec::new())
                } else {
                    Err(expected(path, "an array of strings", other))
                }
            }
        }
    }

    /// CloudFormation's tag list: `[{"Key": ..., "Value": ...}, ...]`.
    pub fn tag_list(
        &mut self,
        value: &Value,
        path: &str,
    ) -> Result<Vec<(String, String)>, InputError> {
        match value {
            Value::Array(items) => {
                let mut tags = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let at = format!("{path}[{i}]");
                    if intrinsic(item).is_some() {
                        self.unresolved.push(at);
                        continue;
                    }
                    let tag = object(item, &at)?;
                    let key = tag
                        .get("Key")
                        .ok_or_else(|| InputError::usage(format!("{at}: the tag has no `Key`")))?;
                    let key = self.text(key, &format!("{at}.Key"), false)?;
                    let value = match tag.get("Value") {
                        Some(v) => self.text(v, &format!("{at}.Value"), true)?,
                        None => String::new(),
                    };
                    tags.push((key, value));
                }
                Ok(tags)
            }
            Value::Null => Ok(Vec::new()),
            other => {
                if intrinsic(other).is_some() {
                    self.unresolved.push(path.to_owned());
                    Ok(Vec::new())
                } else {
                    Err(expected(
                        path,
                        "an array of {\"Key\", \"Value\"} objects",
                        other,
                    ))
                }
            }
        }
    }

    /// The AWS API's tag map: `{"Key": "Value", ...}`, sorted by key.
    pub fn tag_map(
        &mut self,
        value: &Value,
        path: &str,
    ) -> Result<Vec<(String, String)>, InputError> {
        match value {
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| {
                    let at = format!("{path}.{}", shown_key(k));
                    Ok((k.clone(), self.text(v, &at, true)?))
                })
                .collect(),
            Value::Null => Ok(Vec::new()),
            other => Err(expected(path, "an object of tag keys and values", other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_yaml_binary_and_bad_json_are_named() {
        assert_eq!(parse(b"  \n").unwrap_err().reason, "the file is empty");
        assert!(
            parse(b"Resources:\n  A:\n    Type: AWS::Connect::SecurityProfile\n")
                .unwrap_err()
                .reason
                .contains("YAML")
        );
        assert!(
            parse(b"\x00\x01\xff\xfe")
                .unwrap_err()
                .reason
                .contains("binary")
        );
        assert!(
            parse(b"{\"a\": ")
                .unwrap_err()
                .reason
                .starts_with("not valid JSON")
        );
        assert!(parse(b"\xEF\xBB\xBF{}").is_ok());
    }

    #[test]
    fn keys_in_messages_are_printable_and_short() {
        assert_eq!(shown_key(&"k".repeat(300)), "k".repeat(MAX_KEY_SHOWN) + "…");
        assert_eq!(shown_key("Agent"), "Agent");
        assert_eq!(shorten("日本語", 2), "日本…");
    }

    #[test]
    fn intrinsics_are_text_and_remembered() {
        let mut reader = TextReader::default();
        let value: Value = serde_json::json!({"Fn::Sub": "${Env}-Agent"});
        assert_eq!(
            reader.text(&value, "Name", false).unwrap(),
            r#"{"Fn::Sub":"${Env}-Agent"}"#
        );
        assert_eq!(reader.unresolved, ["Name"]);
        let err = reader
            .text(&serde_json::json!(3), "Permissions[0]", false)
            .unwrap_err();
        assert_eq!(
            err.reason,
            "Permissions[0]: expected a string, found a number"
        );
    }
}
