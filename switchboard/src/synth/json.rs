//! The JSON form of the typed files (templates and manifests) without a derive: `Serialize` by a
//! list of keys and fields, and reading a template back from a `serde_json::Value`.
//!
//! serde_derive was the one proc macro only the runtime needed (its build cost every user a few
//! seconds for a dozen plain structs); the field lists below say the same in a line per field.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// Whether an `if_written` field of [`serialize_fields!`] is written: `None`, an empty list and an
/// empty map are left out, as `skip_serializing_if` would.
pub(crate) trait Written {
    fn written(&self) -> bool;
}

impl<T> Written for Option<T> {
    fn written(&self) -> bool {
        self.is_some()
    }
}

impl<T> Written for Vec<T> {
    fn written(&self) -> bool {
        !self.is_empty()
    }
}

impl<K, V> Written for BTreeMap<K, V> {
    fn written(&self) -> bool {
        !self.is_empty()
    }
}

/// Implements `Serialize` for a struct as a JSON object: `"Key" => always field` in the order
/// given; `"Key" => if_written field` left out when empty (see [`Written`]).
macro_rules! serialize_fields {
    ($type:ty { $($key:literal => $mode:ident $field:ident),* $(,)? }) => {
        impl serde_core::Serialize for $type {
            fn serialize<S: serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde_core::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                $(
                    if $crate::synth::json::serialize_fields!(@$mode [self.$field]) {
                        map.serialize_entry($key, &self.$field)?;
                    }
                )*
                map.end()
            }
        }
    };
    (@always [$($value:tt)*]) => { true };
    (@if_written [$($value:tt)*]) => { $crate::synth::json::Written::written(&$($value)*) };
}
pub(crate) use serialize_fields;

/// A value read from JSON, with a message saying what did not fit.
pub(crate) trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, String>;
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, String> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("expected a string, found {value}"))
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, String> {
        value
            .as_bool()
            .ok_or_else(|| format!("expected true or false, found {value}"))
    }
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(value.clone())
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        value
            .as_array()
            .ok_or_else(|| format!("expected a list, found {value}"))?
            .iter()
            .map(T::from_json)
            .collect()
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        value
            .as_object()
            .ok_or_else(|| format!("expected an object, found {value}"))?
            .iter()
            .map(|(key, value)| {
                T::from_json(value)
                    .map(|v| (key.clone(), v))
                    .map_err(|e| format!("{key}: {e}"))
            })
            .collect()
    }
}

/// The fields of a JSON object, taken one by one.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    taken: usize,
}

impl<'a> Fields<'a> {
    pub(crate) fn of(value: &'a Value) -> Result<Fields<'a>, String> {
        let map = value
            .as_object()
            .ok_or_else(|| format!("expected an object, found {value}"))?;
        Ok(Fields { map, taken: 0 })
    }

    /// True when the object has `key`.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// A field that must be present.
    pub(crate) fn required<T: FromJson>(&mut self, key: &str) -> Result<T, String> {
        self.optional(key)?
            .ok_or_else(|| format!("missing field `{key}`"))
    }

    /// A field that may be absent.
    pub(crate) fn optional<T: FromJson>(&mut self, key: &str) -> Result<Option<T>, String> {
        match self.map.get(key) {
            None => Ok(None),
            Some(value) => {
                self.taken += 1;
                T::from_json(value)
                    .map(Some)
                    .map_err(|e| format!("{key}: {e}"))
            }
        }
    }

    /// A list or map that is empty when absent.
    pub(crate) fn or_empty<T: FromJson + Default>(&mut self, key: &str) -> Result<T, String> {
        Ok(self.optional(key)?.unwrap_or_default())
    }

    /// Refuses keys that were not taken (for objects that are told apart by their keys).
    pub(crate) fn no_others(self) -> Result<(), String> {
        if self.taken == self.map.len() {
            return Ok(());
        }
        let others: Vec<&str> = self.map.keys().map(String::as_str).collect();
        Err(format!("unknown field among {others:?}"))
    }
}
