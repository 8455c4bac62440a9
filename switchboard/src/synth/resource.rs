//! The one writer of a template's profiles: each profile's resource and ARN output serialized
//! straight from the [`SecurityProfile`], merged into a frame's skeleton.
//!
//! Every template `synth` writes, measures or returns is these bytes; the owned [`Template`]
//! of [`Stack::template`](crate::Stack::template) and [`Assembly::template`](crate::Assembly::template)
//! is read back from them. Keys are written in the order of the owned types' fields, which
//! `#[derive(Serialize)]` follows too, and the maps (`Resources`, `Outputs`) sorted as their
//! `BTreeMap`s are.

use serde_core::ser::{Serialize, SerializeMap, Serializer};

use crate::synth::template::{Expr, Output, SECURITY_PROFILE_TYPE, Template};
use crate::{SecurityProfile, Tag, TextList};

/// The attribute of a profile resource that its output gives.
const PROFILE_ARN_ATTRIBUTE: &str = "SecurityProfileArn";

/// The logical ID of a profile's output: `<LogicalId>Arn`.
pub(crate) fn output_id(logical_id: &str) -> String {
    format!("{logical_id}Arn")
}

/// The description of a profile's output.
struct OutputDescription<'a>(&'a str);

impl std::fmt::Display for OutputDescription<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ARN of the security profile {:?}", self.0)
    }
}

/// `ImpliedPermissions`: sorted and unique, whatever order the profile holds them in.
fn implied_permissions(profile: &SecurityProfile) -> Vec<&str> {
    let mut implied: Vec<&str> = profile.implied_permissions().iter().collect();
    if !implied.is_sorted_by(|a, b| a < b) {
        implied.sort_unstable();
        implied.dedup();
    }
    implied
}

/// A whole template: a skeleton (everything but the profiles) and the profiles, sorted by
/// logical ID.
pub(crate) struct TemplateView<'a> {
    pub skeleton: &'a Template,
    pub instance_arn: &'a Expr,
    pub profiles: &'a [(String, &'a SecurityProfile)],
}

impl TemplateView<'_> {
    /// How many resources the template holds.
    pub fn resources(&self) -> usize {
        self.skeleton.resources.len() + self.profiles.len()
    }

    /// How many outputs the template holds.
    pub fn outputs(&self) -> usize {
        self.skeleton.outputs.len() + self.profiles.len()
    }
}

impl Serialize for TemplateView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let t = self.skeleton;
        let mut map = serializer.serialize_map(None)?;
        if let Some(description) = &t.description {
            map.serialize_entry("Description", description)?;
        }
        if !t.parameters.is_empty() {
            map.serialize_entry("Parameters", &t.parameters)?;
        }
        if !t.rules.is_empty() {
            map.serialize_entry("Rules", &t.rules)?;
        }
        map.serialize_entry("Resources", &Resources(self))?;
        if self.outputs() > 0 {
            map.serialize_entry("Outputs", &Outputs(self))?;
        }
        map.end()
    }
}

struct Resources<'v, 'a>(&'v TemplateView<'a>);

impl Serialize for Resources<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = self.0;
        let mut map = serializer.serialize_map(Some(view.resources()))?;
        // Both are sorted: merge them, as one `BTreeMap` would hold them.
        let mut fixed = view.skeleton.resources.iter().peekable();
        for (id, profile) in view.profiles {
            while let Some((key, resource)) = fixed.next_if(|(key, _)| key.as_str() < id.as_str()) {
                map.serialize_entry(key, resource)?;
            }
            debug_assert!(fixed.peek().is_none_or(|(key, _)| *key != id));
            map.serialize_entry(
                id,
                &ProfileResource {
                    profile,
                    instance_arn: view.instance_arn,
                },
            )?;
        }
        for (key, resource) in fixed {
            map.serialize_entry(key, resource)?;
        }
        map.end()
    }
}

struct Outputs<'v, 'a>(&'v TemplateView<'a>);

enum OutputEntry<'a> {
    Fixed(&'a Output),
    Profile(&'a str, &'a SecurityProfile),
}

impl Serialize for Outputs<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = self.0;
        // `<Id>Arn` keys do not always sort as their IDs do (`A0…Arn` < `AArn`): sort them.
        let mut entries: Vec<(String, OutputEntry<'_>)> =
            view.skeleton
                .outputs
                .iter()
                .map(|(key, output)| (key.clone(), OutputEntry::Fixed(output)))
                .chain(view.profiles.iter().map(|(id, profile)| {
                    (output_id(id), OutputEntry::Profile(id.as_str(), profile))
                }))
                .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, entry) in &entries {
            match entry {
                OutputEntry::Fixed(output) => map.serialize_entry(key, output)?,
                OutputEntry::Profile(id, profile) => {
                    map.serialize_entry(key, &ProfileOutput { id, profile })?
                }
            }
        }
        map.end()
    }
}

/// The resource of one profile: every field the profile sets and nothing else.
pub(crate) struct ProfileResource<'a> {
    pub profile: &'a SecurityProfile,
    pub instance_arn: &'a Expr,
}

impl Serialize for ProfileResource<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.profile;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", SECURITY_PROFILE_TYPE)?;
        map.serialize_entry("Properties", &Properties(self))?;
        let metadata = Metadata {
            reason: p.sensitive_reason(),
            sensitive: p.sensitive_permissions().collect(),
            implied: implied_permissions(p),
        };
        if !metadata.is_empty() {
            map.serialize_entry("Metadata", &Switchboard(&metadata))?;
        }
        map.end()
    }
}

struct Properties<'v, 'a>(&'v ProfileResource<'a>);

impl Serialize for Properties<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.0.profile;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("SecurityProfileName", p.name())?;
        if let Some(description) = p.description() {
            map.serialize_entry("Description", description)?;
        }
        map.serialize_entry("InstanceArn", self.0.instance_arn)?;
        texts(&mut map, "Permissions", p.permissions())?;
        tags(
            &mut map,
            "AllowedAccessControlTags",
            p.access_control_tags(),
        )?;
        texts(
            &mut map,
            "TagRestrictedResources",
            p.tag_restricted_resources(),
        )?;
        if let Some(group) = p.hierarchy_group() {
            map.serialize_entry("AllowedAccessControlHierarchyGroupId", group)?;
        }
        texts(
            &mut map,
            "HierarchyRestrictedResources",
            p.hierarchy_restricted_resources(),
        )?;
        tags(&mut map, "Tags", p.tags())?;
        map.end()
    }
}

/// A list entry, left out when the list is empty.
fn texts<M: SerializeMap>(map: &mut M, key: &str, list: &TextList) -> Result<(), M::Error> {
    if list.is_empty() {
        return Ok(());
    }
    map.serialize_entry(key, &Texts(list))
}

struct Texts<'a>(&'a TextList);

impl Serialize for Texts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

fn tags<M: SerializeMap>(map: &mut M, key: &str, tags: &[Tag]) -> Result<(), M::Error> {
    if tags.is_empty() {
        return Ok(());
    }
    map.serialize_entry(key, &Tags(tags))
}

struct Tags<'a>(&'a [Tag]);

impl Serialize for Tags<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(TagView))
    }
}

struct TagView<'a>(&'a Tag);

impl Serialize for TagView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("Key", &self.0.key)?;
        map.serialize_entry("Value", &self.0.value)?;
        map.end()
    }
}

/// `Metadata.Switchboard` of a profile resource.
struct Metadata<'a> {
    reason: Option<&'a str>,
    sensitive: Vec<&'a str>,
    implied: Vec<&'a str>,
}

impl Metadata<'_> {
    fn is_empty(&self) -> bool {
        self.reason.is_none() && self.sensitive.is_empty() && self.implied.is_empty()
    }
}

struct Switchboard<'m, 'a>(&'m Metadata<'a>);

impl Serialize for Switchboard<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Inner<'m, 'a>(&'m Metadata<'a>);
        impl Serialize for Inner<'_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let metadata = self.0;
                let mut map = serializer.serialize_map(None)?;
                if let Some(reason) = metadata.reason {
                    map.serialize_entry("SensitiveReason", reason)?;
                }
                if !metadata.sensitive.is_empty() {
                    map.serialize_entry("SensitivePermissions", &metadata.sensitive)?;
                }
                if !metadata.implied.is_empty() {
                    map.serialize_entry("ImpliedPermissions", &metadata.implied)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("Switchboard", &Inner(self.0))?;
        map.end()
    }
}

/// The output of one profile: its ARN, `<LogicalId>Arn`.
pub(crate) struct ProfileOutput<'a> {
    pub id: &'a str,
    pub profile: &'a SecurityProfile,
}

impl Serialize for ProfileOutput<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct GetAtt<'a>(&'a str);
        impl Serialize for GetAtt<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("Fn::GetAtt", &(self.0, PROFILE_ARN_ATTRIBUTE))?;
                map.end()
            }
        }
        struct Described<'a>(&'a str);
        impl Serialize for Described<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&OutputDescription(self.0))
            }
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Description", &Described(self.profile.name()))?;
        map.serialize_entry("Value", &GetAtt(self.id))?;
        map.end()
    }
}
