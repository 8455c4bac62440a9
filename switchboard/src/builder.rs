//! The runtime builder, for profiles known only at run time. It hands its input to the same
//! [`switchboard_core::rules::validate`] the macro uses.

use switchboard_core::diagnostic::{Diagnostic, Phrasing, Severity};
use switchboard_core::rules;
use switchboard_core::spec::{
    FieldPath, Located, PermissionItem, PresetUse, ProfileSpec, ResourceItem, TagRestriction,
    TagSpec,
};

use crate::{Group, Preset, SecurityProfile, SeedName};

/// A finding of the builder: the rule, the field it concerns, the message and the fix, the fix
/// phrased as builder calls (`.without("Users.Edit")`, `.sensitive("...")`).
pub type Finding = Diagnostic<FieldPath>;

/// Every error the rules found in a profile given to [`SecurityProfileBuilder::build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    /// The profile's name, as given.
    pub profile: String,
    /// Every error (never empty), then every warning.
    pub findings: Vec<Finding>,
}

impl BuildError {
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors: Vec<&Finding> = self.errors().collect();
        write!(
            f,
            "security profile {:?} has {} error{}:",
            self.profile,
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )?;
        for e in errors {
            write!(f, "\n- {} [{:?}]: {}", e.at, e.rule, e.render())?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

/// Builds a [`SecurityProfile`] at run time, with every check `security_profile!` makes.
///
/// ```
/// use switchboard::{SecurityProfile, groups, presets};
///
/// let manager = SecurityProfile::builder("SalesManager")
///     .preset(presets::CallCenterManager)
///     .group(groups::Reporting)
///     .restrict_tags(
///         [("Department", "Sales")],
///         ["User", "SecurityProfile", "Queue", "RoutingProfile"],
///     )
///     .sensitive("Managers administer the users of their department")
///     .build()?;
/// assert!(manager.has_permission("Queues.View"));
///
/// let typo = SecurityProfile::builder("Broken").permission("Users.Edti").build();
/// assert!(typo.unwrap_err().to_string().contains("did you mean `Users.Edit`?"));
/// # Ok::<(), switchboard::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SecurityProfileBuilder {
    spec: ProfileSpec<FieldPath>,
    access_control_tags: Vec<TagSpec<FieldPath>>,
    tag_restricted: Vec<ResourceItem<FieldPath>>,
}

fn at(field: &'static str, index: usize) -> FieldPath {
    FieldPath::item(field, index)
}

impl SecurityProfileBuilder {
    pub(crate) fn new(name: impl Into<String>) -> Self {
        let spec = ProfileSpec {
            name: Some(Located::new(name.into(), FieldPath::field("name"))),
            ..ProfileSpec::default()
        };
        SecurityProfileBuilder {
            spec,
            access_control_tags: Vec::new(),
            tag_restricted: Vec::new(),
        }
    }

    /// `description`.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.spec.description = Some(Located::new(
            description.into(),
            FieldPath::field("description"),
        ));
        self
    }

    /// Adds a preset (`preset`); several presets are merged.
    pub fn preset(mut self, preset: impl std::borrow::Borrow<Preset>) -> Self {
        let preset = preset.borrow();
        let name = Located::new(
            preset.name().to_owned(),
            at("preset", self.spec.presets.len()),
        );
        let permissions = || preset.permissions().map(str::to_owned).collect();
        self.spec.presets.push(if preset.is_builtin() {
            PresetUse::Builtin(name)
        } else if preset.is_checked_by_macro() {
            PresetUse::Custom {
                name,
                permissions: permissions(),
            }
        } else {
            PresetUse::Runtime {
                name,
                permissions: permissions(),
            }
        });
        self
    }

    /// Adds a built-in preset by name (`"Supervisor"`), for names read from configuration.
    pub fn preset_named(mut self, name: impl Into<String>) -> Self {
        let index = self.spec.presets.len();
        self.spec.presets.push(PresetUse::Builtin(Located::new(
            name.into(),
            at("preset", index),
        )));
        self
    }

    /// Adds a built-in permission group (`groups`).
    pub fn group(self, group: Group) -> Self {
        self.group_named(group.name())
    }

    /// Adds a built-in permission group by name (`"BasicAgent"`).
    pub fn group_named(mut self, name: impl Into<String>) -> Self {
        let index = self.spec.groups.len();
        self.spec
            .groups
            .push(Located::new(name.into(), at("groups", index)));
        self
    }

    /// Adds a permission by API name (`"Users.Edit"` or `permissions::Users::Edit`).
    pub fn permission(mut self, api: impl AsRef<str>) -> Self {
        let index = self.spec.permissions.len();
        self.spec.permissions.push(PermissionItem::Api(Located::new(
            api.as_ref().to_owned(),
            at("permissions", index),
        )));
        self
    }

    /// Adds several permissions by API name.
    pub fn permissions<I: IntoIterator<Item = S>, S: AsRef<str>>(self, apis: I) -> Self {
        apis.into_iter().fold(self, Self::permission)
    }

    /// Adds a seed-style permission (`"UsersAndPermissions", "EditUsers"`), or every permission
    /// of a category with member `"All"`.
    pub fn seed_permission(
        mut self,
        category: impl Into<String>,
        member: impl Into<String>,
    ) -> Self {
        let index = self.spec.permissions.len();
        self.spec.permissions.push(PermissionItem::Seed {
            category: Located::new(category.into(), at("permissions", index)),
            member: Located::new(member.into(), at("permissions", index)),
        });
        self
    }

    /// Adds a seed-style permission by its constant (`seed::UsersAndPermissions::EditUsers`).
    pub fn seed(self, name: SeedName) -> Self {
        self.seed_permission(name.category(), name.member())
    }

    /// Adds a permission newer than the catalog; only its length is checked.
    pub fn unchecked_permission(mut self, api: impl Into<String>) -> Self {
        let index = self.spec.permissions.len();
        self.spec
            .permissions
            .push(PermissionItem::Unchecked(Located::new(
                api.into(),
                at("permissions", index),
            )));
        self
    }

    /// Removes a permission from the merged set (`without`).
    pub fn without(mut self, api: impl AsRef<str>) -> Self {
        let index = self.spec.without.len();
        self.spec.without.push(PermissionItem::Api(Located::new(
            api.as_ref().to_owned(),
            at("without", index),
        )));
        self
    }

    /// Restricts a resource type to the user's hierarchy group (`restrict hierarchy`).
    pub fn restrict_hierarchy(mut self, resource: impl Into<String>) -> Self {
        let index = self.spec.restrict_hierarchy.len();
        self.spec
            .restrict_hierarchy
            .push(ResourceItem::Known(Located::new(
                resource.into(),
                at("restrict hierarchy", index),
            )));
        self
    }

    /// Restricts resource types to resources carrying the given access-control tags
    /// (`restrict tags: { ... } on [...]`). Calls add up.
    pub fn restrict_tags<K, V, R>(
        mut self,
        tags: impl IntoIterator<Item = (K, V)>,
        resources: impl IntoIterator<Item = R>,
    ) -> Self
    where
        K: Into<String>,
        V: Into<String>,
        R: Into<String>,
    {
        for (key, value) in tags {
            let index = self.access_control_tags.len();
            self.access_control_tags.push(TagSpec {
                key: Located::new(key.into(), at("restrict tags", index)),
                value: Located::new(value.into(), at("restrict tags", index)),
            });
        }
        for resource in resources {
            let index = self.tag_restricted.len();
            self.tag_restricted.push(ResourceItem::Known(Located::new(
                resource.into(),
                at("restrict tags on", index),
            )));
        }
        self
    }

    /// Restricts access by a resource type AWS added after the catalog
    /// (`restrict tags ... on [unchecked("Name")]`).
    pub fn restrict_tags_on_unchecked(mut self, resource: impl Into<String>) -> Self {
        let index = self.tag_restricted.len();
        self.tag_restricted
            .push(ResourceItem::Unchecked(Located::new(
                resource.into(),
                at("restrict tags on", index),
            )));
        self
    }

    /// `hierarchy group`: the hierarchy group id used for access control.
    pub fn hierarchy_group(mut self, id: impl Into<String>) -> Self {
        self.spec.hierarchy_group =
            Some(Located::new(id.into(), FieldPath::field("hierarchy group")));
        self
    }

    /// Adds a resource tag (`tags`).
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let index = self.spec.tags.len();
        self.spec.tags.push(TagSpec {
            key: Located::new(key.into(), at("tags", index)),
            value: Located::new(value.into(), at("tags", index)),
        });
        self
    }

    /// States why the profile holds sensitive permissions (`sensitive`).
    pub fn sensitive(mut self, reason: impl Into<String>) -> Self {
        self.spec.sensitive = Some(Located::new(reason.into(), FieldPath::field("sensitive")));
        self
    }

    fn finish_spec(&self) -> ProfileSpec<FieldPath> {
        let mut spec = self.spec.clone();
        if !self.access_control_tags.is_empty() || !self.tag_restricted.is_empty() {
            spec.restrict_tags = Some(TagRestriction {
                tags: self.access_control_tags.clone(),
                resources: self.tag_restricted.clone(),
                at: FieldPath::field("restrict tags"),
            });
        }
        spec
    }

    /// Checks every rule and returns the profile with the warnings, or every error.
    pub fn build_with_warnings(&self) -> Result<(SecurityProfile, Vec<Finding>), BuildError> {
        let validated = rules::validate(&self.finish_spec(), &FieldPath::field("profile"));
        let (mut errors, warnings): (Vec<Finding>, Vec<Finding>) = validated
            .diagnostics
            .into_iter()
            .map(|d| d.phrased_for(Phrasing::Builder))
            .partition(Diagnostic::is_error);
        if errors.is_empty() {
            Ok((SecurityProfile::from_resolved(validated.profile), warnings))
        } else {
            errors.extend(warnings);
            Err(BuildError {
                profile: self
                    .spec
                    .name
                    .as_ref()
                    .map(|n| n.value.clone())
                    .unwrap_or_default(),
                findings: errors,
            })
        }
    }

    /// Checks every rule and returns the profile, or every error. Warnings are dropped; use
    /// [`build_with_warnings`](Self::build_with_warnings) to see them.
    pub fn build(&self) -> Result<SecurityProfile, BuildError> {
        self.build_with_warnings().map(|(profile, _)| profile)
    }
}

impl SecurityProfile {
    /// Starts a profile known only at run time.
    pub fn builder(name: impl Into<String>) -> SecurityProfileBuilder {
        SecurityProfileBuilder::new(name)
    }
}
