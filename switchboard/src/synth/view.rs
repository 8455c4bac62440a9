//! A template serialized straight from the profiles: the same bytes as the owned
//! [`Template`] that [`render`](super::render) builds, without copying every permission, tag
//! and name into it first.
//!
//! Synthesis writes thousands of profiles; building the owned model only to serialize it and
//! drop it doubled the allocations. The owned model stays what [`Stack::template`](crate::Stack::template)
//! returns and what the in-memory [`Assembly`](crate::synth::Assembly) holds; the unit tests
//! below check that both serialize to the same bytes.
//!
//! Keys are written in the order `#[derive(Serialize)]` writes the owned types' fields, and
//! the maps (`Resources`, `Outputs`) in the sorted order of their `BTreeMap`s.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::synth::render::{self, OutputDescription};
use crate::synth::template::{Expr, Output, SECURITY_PROFILE_TYPE, Template};
use crate::{SecurityProfile, Tag, TextList};

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
        let mut entries: Vec<(String, OutputEntry<'_>)> = view
            .skeleton
            .outputs
            .iter()
            .map(|(key, output)| (key.clone(), OutputEntry::Fixed(output)))
            .chain(view.profiles.iter().map(|(id, profile)| {
                (
                    render::output_id(id),
                    OutputEntry::Profile(id.as_str(), profile),
                )
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

/// The resource of one profile, as [`render::profile_resource`] builds it.
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
            sensitive: render::sensitive_permissions(p).collect(),
            implied: render::implied_permissions(p),
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

/// The output of one profile, as [`render::profile_output`] builds it.
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
                map.serialize_entry("Fn::GetAtt", &(self.0, render::PROFILE_ARN_ATTRIBUTE))?;
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

#[cfg(test)]
mod tests {
    use crate::synth::assembly::AssemblyForm;
    use crate::synth::instance::Instance;
    use crate::synth::logical_id::logical_id;
    use crate::synth::split;
    use crate::synth::stack::Stack;
    use crate::synth::template;
    use crate::{SecurityProfile, presets};

    /// Profiles that set every field, none, and names whose outputs sort unlike their IDs.
    fn profiles() -> Vec<SecurityProfile> {
        let build = |b: crate::builder::SecurityProfileBuilder| b.build().expect("valid profile");
        let first = "Q";
        // `<id of Q>0`: its ID starts with Q's, then `0`, which sorts before the `A` of `Arn`.
        let prefixed = format!("{}0", logical_id(first));
        let mut list = vec![
            build(SecurityProfile::builder(first).permission("BasicAgentAccess")),
            build(SecurityProfile::builder(prefixed).permission("BasicAgentAccess")),
            build(
                SecurityProfile::builder("Manager Team-1 @ Sales")
                    .description("Edits users; \u{2028} and \u{85} are escaped")
                    .preset(presets::CallCenterManager)
                    .sensitive("Managers edit users")
                    .restrict_tags(
                        [("Department", "Ü\"")],
                        ["User", "SecurityProfile", "Queue"],
                    )
                    .restrict_hierarchy("User")
                    .hierarchy_group("group-1")
                    .tag("Role", "Manager")
                    .tag("Team", "Ü"),
            ),
            build(
                SecurityProfile::builder("AdminCustom")
                    .preset(presets::Admin)
                    .sensitive("admins"),
            ),
            build(SecurityProfile::builder("AgentCustom").preset(presets::Agent)),
        ];
        list.extend((0..230).map(|i| {
            build(SecurityProfile::builder(format!("P{i:03}")).permission("BasicAgentAccess"))
        }));
        list
    }

    #[test]
    fn views_serialize_as_the_owned_templates() {
        let profiles = profiles();
        let mut sensitive = 0;
        for profile in &profiles {
            // The walk along both sorted lists finds what a catalog look-up per permission finds.
            let walked: Vec<&str> = crate::synth::render::sensitive_permissions(profile).collect();
            let looked_up: Vec<&str> = profile.sensitive_permissions().collect();
            assert_eq!(walked, looked_up, "{}", profile.name());
            sensitive += walked.len();
        }
        assert!(sensitive > 10, "{sensitive}");
        let arn = "arn:aws:connect:us-east-1:111122223333:instance/abc";
        for instance in [
            Instance::create("c"),
            Instance::parameter(),
            Instance::existing(arn).expect("valid ARN"),
        ] {
            for count in [0, 1, 5, profiles.len()] {
                let mut stack = Stack::new("S".into(), instance.clone().with_profile_quota(1000));
                stack
                    .add_security_profiles(&profiles[..count])
                    .expect("added");
                for form in [AssemblyForm::Bootstrapped, AssemblyForm::Minimal] {
                    let parts = split::plan(&stack, form).expect("planned");
                    assert_eq!(
                        parts.len() > 1,
                        count > 200 || (count > 20 && form == AssemblyForm::Minimal)
                    );
                    for mut part in parts {
                        let owned = template::to_json(&part.template());
                        assert_eq!(part.json().expect("fits"), owned, "{count} {form:?}");
                    }
                }
            }
        }
    }
}
