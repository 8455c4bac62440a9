//! The security profile: what `security_profile!` defines as a `const` and what the builder
//! returns. Both are the same type.

use std::borrow::Cow;

use switchboard_core::catalog::{self, Tier};
use switchboard_core::rules::ResolvedProfile;

use crate::TextList;

/// Text that is borrowed in `const` profiles and owned in built ones.
pub type Text = Cow<'static, str>;

/// A key-value pair: a resource tag or an access-control tag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag {
    /// The key.
    pub key: Text,
    /// The value.
    pub value: Text,
}

impl Tag {
    #[doc(hidden)]
    pub const fn __from_macro(key: &'static str, value: &'static str) -> Self {
        Tag {
            key: Cow::Borrowed(key),
            value: Cow::Borrowed(value),
        }
    }
}

/// A validated Amazon Connect security profile: an `AWS::Connect::SecurityProfile` without
/// its instance.
///
/// Made by `security_profile!` (checked at compile time) or by [`SecurityProfile::builder`]
/// (checked at run time, by the same rules). Every value is final: permissions are merged,
/// sorted, deduplicated, and include the Views the console implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityProfile {
    name: Text,
    description: Option<Text>,
    permissions: TextList,
    implied: TextList,
    sensitive_reason: Option<Text>,
    tags: Cow<'static, [Tag]>,
    access_control_tags: Cow<'static, [Tag]>,
    tag_restricted_resources: TextList,
    hierarchy_restricted_resources: TextList,
    hierarchy_group: Option<Text>,
}

/// The parts of a profile as the macro writes them; not part of the public API.
#[doc(hidden)]
pub struct __MacroParts {
    pub name: &'static str,
    pub description: Option<&'static str>,
    pub permissions: &'static [&'static str],
    pub implied: &'static [&'static str],
    pub sensitive_reason: Option<&'static str>,
    pub tags: &'static [Tag],
    pub access_control_tags: &'static [Tag],
    pub tag_restricted_resources: &'static [&'static str],
    pub hierarchy_restricted_resources: &'static [&'static str],
    pub hierarchy_group: Option<&'static str>,
}

const fn borrowed(text: Option<&'static str>) -> Option<Text> {
    match text {
        Some(t) => Some(Cow::Borrowed(t)),
        None => None,
    }
}

impl SecurityProfile {
    #[doc(hidden)]
    pub const fn __from_macro(parts: __MacroParts) -> Self {
        SecurityProfile {
            name: Cow::Borrowed(parts.name),
            description: borrowed(parts.description),
            permissions: TextList::__from_static(parts.permissions),
            implied: TextList::__from_static(parts.implied),
            sensitive_reason: borrowed(parts.sensitive_reason),
            tags: Cow::Borrowed(parts.tags),
            access_control_tags: Cow::Borrowed(parts.access_control_tags),
            tag_restricted_resources: TextList::__from_static(parts.tag_restricted_resources),
            hierarchy_restricted_resources: TextList::__from_static(
                parts.hierarchy_restricted_resources,
            ),
            hierarchy_group: borrowed(parts.hierarchy_group),
        }
    }

    pub(crate) fn from_resolved(resolved: ResolvedProfile) -> Self {
        let texts = TextList::from_owned;
        let tags = |v: Vec<(String, String)>| -> Cow<'static, [Tag]> {
            Cow::Owned(
                v.into_iter()
                    .map(|(key, value)| Tag {
                        key: Cow::Owned(key),
                        value: Cow::Owned(value),
                    })
                    .collect(),
            )
        };
        SecurityProfile {
            name: Cow::Owned(resolved.name),
            description: resolved.description.map(Cow::Owned),
            permissions: texts(resolved.permissions),
            implied: texts(resolved.implied),
            sensitive_reason: resolved.sensitive_reason.map(Cow::Owned),
            tags: tags(resolved.tags),
            access_control_tags: tags(resolved.access_control_tags),
            tag_restricted_resources: texts(resolved.tag_restricted_resources),
            hierarchy_restricted_resources: texts(resolved.hierarchy_restricted_resources),
            hierarchy_group: resolved.hierarchy_group.map(Cow::Owned),
        }
    }

    /// `SecurityProfileName`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `Description`.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The final permissions (API names), sorted and unique.
    pub fn permissions(&self) -> &TextList {
        &self.permissions
    }

    /// How many permissions the profile holds; usable in `const` assertions.
    pub const fn permission_count(&self) -> usize {
        self.permissions.len()
    }

    /// True when the profile holds `api`.
    pub fn has_permission(&self, api: &str) -> bool {
        self.permissions.binary_search(api).is_ok()
    }

    /// The permissions that are in the set only because the Connect console adds a family's
    /// `View` with its other actions.
    pub fn implied_permissions(&self) -> &TextList {
        &self.implied
    }

    /// The sensitive permissions the profile holds (see [`Tier::Sensitive`]), in the profile's
    /// order. Synthesis writes them into every profile's metadata.
    pub fn sensitive_permissions(&self) -> impl Iterator<Item = &str> {
        let sensitive = sensitive_table();
        // A profile's permissions are sorted: one walk along both sorted lists, rather than a
        // catalog look-up per permission (which showed in profiles of synthesis); a search per
        // permission if they are not.
        let sorted = self.permissions.iter().is_sorted();
        let mut rest = sensitive;
        self.permissions.iter().filter(move |p| {
            if !sorted {
                return sensitive.binary_search(p).is_ok();
            }
            while let Some((first, later)) = rest.split_first()
                && first < p
            {
                rest = later;
            }
            rest.first() == Some(p)
        })
    }

    /// The permissions of one tier.
    pub fn permissions_of_tier(&self, tier: Tier) -> impl Iterator<Item = &str> {
        self.permissions
            .iter()
            .filter(move |p| catalog::lookup(p).is_some_and(|info| info.tier == tier))
    }

    /// Why the profile holds sensitive permissions, as stated by its author.
    pub fn sensitive_reason(&self) -> Option<&str> {
        self.sensitive_reason.as_deref()
    }

    /// `Tags`.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// `AllowedAccessControlTags`.
    pub fn access_control_tags(&self) -> &[Tag] {
        &self.access_control_tags
    }

    /// `TagRestrictedResources`.
    pub fn tag_restricted_resources(&self) -> &TextList {
        &self.tag_restricted_resources
    }

    /// `HierarchyRestrictedResources`.
    pub fn hierarchy_restricted_resources(&self) -> &TextList {
        &self.hierarchy_restricted_resources
    }

    /// `AllowedAccessControlHierarchyGroupId`.
    pub fn hierarchy_group(&self) -> Option<&str> {
        self.hierarchy_group.as_deref()
    }
}

/// The sensitive permissions of the catalog, sorted, built once.
fn sensitive_table() -> &'static [&'static str] {
    static SENSITIVE: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    SENSITIVE.get_or_init(|| {
        let mut names: Vec<&'static str> = catalog::PERMISSIONS
            .iter()
            .filter(|p| p.tier == Tier::Sensitive)
            .map(|p| p.api)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    })
}

#[cfg(test)]
mod tests {
    use crate::{SecurityProfile, presets};

    #[test]
    fn the_walk_finds_what_a_catalog_look_up_finds() {
        let mut sensitive = 0;
        for preset in [
            presets::Admin,
            presets::CallCenterManager,
            presets::QualityAnalyst,
            presets::Agent,
        ] {
            let profile = SecurityProfile::builder("P")
                .preset(&preset)
                .sensitive("checked")
                .build_with_warnings()
                .map(|(p, _)| p);
            let Ok(profile) = profile else { continue };
            let walked: Vec<&str> = profile.sensitive_permissions().collect();
            let looked_up: Vec<&str> = profile
                .permissions_of_tier(switchboard_core::catalog::Tier::Sensitive)
                .collect();
            assert_eq!(walked, looked_up, "{preset:?}");
            sensitive += walked.len();
        }
        assert!(sensitive > 10, "{sensitive}");
    }
}
