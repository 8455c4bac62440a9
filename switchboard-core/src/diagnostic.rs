//! What a rule reports: the offending thing, the rule, and the fix.
//!
//! A fix that names syntax is kept structured ([`Fix`]) and phrased for whoever called the
//! rule ([`Phrasing`]): `without: [...]` for the macro, `.without("...")` for the runtime
//! builder, the template property for `switchboard audit`.

use std::fmt;

/// Whether a finding stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Compiles, but the user is told at the token.
    Warning,
    /// `cargo build` fails; the builder returns an error.
    Error,
}

/// Declares [`Rule`] and [`Rule::ALL`] from one list, so the list cannot miss a rule.
macro_rules! rules {
    ($($(#[$doc:meta])* $rule:ident,)*) => {
        /// Every rule a security profile is checked against. The name of each variant is the
        /// name of the rule in messages, in the documentation and in the tests.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($(#[$doc])* $rule,)*
        }

        impl Rule {
            /// Every rule, in declaration order.
            pub const ALL: &'static [Rule] = &[$(Rule::$rule,)*];
        }
    };
}

rules! {
    /// A field the DSL does not have (`permisions`). Macro only: the builder has no field to
    /// misspell.
    UnknownField,
    /// A field given twice. Macro only.
    DuplicateField,
    /// Input that breaks the DSL's grammar: a malformed value (`name: TeamLead`), a missing
    /// `const` or `;`. Macro only.
    Syntax,
    /// A permission the catalog does not know.
    UnknownPermission,
    /// An IAM action (`connect:CreateUser`) where a security-profile permission belongs.
    IamActionAsPermission,
    /// A name AWS documentation once printed by mistake.
    HistoricalTypo,
    /// A permission written empty or longer than 128 characters.
    PermissionLength,
    /// The same permission twice in `permissions` (or in a template's `Permissions`).
    DuplicatePermission,
    /// A preset that is neither built in nor defined with `preset!`.
    UnknownPreset,
    /// A permission group that is not built in.
    UnknownGroup,
    /// A seed-style category (`Routing::...`) that does not exist.
    UnknownCategory,
    /// A seed-style member (`Routing::ViewQueues`) its category does not have.
    UnknownCategoryMember,
    /// A resource type that cannot be restricted.
    UnknownResourceType,
    /// More than 500 permissions after merging.
    TooManyPermissions,
    /// A profile without `name`.
    MissingName,
    /// A name that breaks `^[ a-zA-Z0-9_@-]+$`.
    NamePattern,
    /// A name of 0 or more than 127 characters.
    NameLength,
    /// A name that collides with a built-in profile (`Admin`, `Agent`, ...).
    NameCollidesWithBuiltin,
    /// Two profiles with the same name.
    DuplicateProfileName,
    /// A description longer than 250 characters.
    DescriptionLength,
    /// Free text holding `{{resolve:` or `${`, which CloudFormation would read as syntax.
    CloudFormationSyntaxInText,
    /// More than 50 tags.
    TooManyTags,
    /// More than 4 access-control tags.
    TooManyAccessControlTags,
    /// A tag key outside `^(?!aws:)[a-zA-Z+-=._:/]+$` or its length.
    TagKey,
    /// A tag value longer than 256 characters.
    TagValueLength,
    /// The same tag key twice.
    DuplicateTagKey,
    /// More than 10 tag-restricted or hierarchy-restricted resources.
    TooManyRestrictedResources,
    /// The same resource type restricted twice.
    DuplicateRestrictedResource,
    /// `restrict hierarchy` with anything but `User`.
    HierarchyRestrictionResource,
    /// `restrict tags` without tags or without resources.
    TagRestrictionIncomplete,
    /// `restrict hierarchy` without `hierarchy group`, or `hierarchy group` without
    /// `restrict hierarchy`.
    HierarchyRestrictionIncomplete,
    /// A hierarchy group id that is empty, outside `^[a-zA-Z0-9-]*$` or over 127 characters.
    HierarchyGroupId,
    /// A sensitive permission without `sensitive: "reason"`.
    SensitiveWithoutReason,
    /// An empty `sensitive` reason.
    EmptySensitiveReason,
    /// `without` names a permission the profile does not have.
    WithoutNotGranted,
    /// `without` names a `View` that another granted action of its family brings back.
    WithoutImpliedView,
    /// A `sensitive` reason on a profile that holds no sensitive permission.
    ReasonWithoutSensitive,
    /// A legacy permission name.
    LegacyPermission,
    /// A permission whose feature reached end of support.
    EndOfSupport,
    /// Both the redacted and the unredacted version of the same media.
    RedactedAndUnredacted,
    /// A download button without the access it belongs to.
    DownloadWithoutAccess,
    /// A tag-restricted resource type the profile cannot even view.
    TagRestrictedNotViewable,
    /// `User` restricted without `SecurityProfile`.
    UserRestrictedWithoutSecurityProfile,
    /// A tag-restricted profile that can create or edit users, with `User` restricted neither by
    /// tags nor by hierarchy: it manages every user of the instance.
    UserManagementUnrestricted,
}

impl Rule {
    /// True for the rules of the macro's grammar, which only `security_profile!` and `preset!`
    /// can break (the builder and the tools have no syntax to get wrong).
    pub const fn is_grammar(self) -> bool {
        matches!(
            self,
            Rule::UnknownField | Rule::DuplicateField | Rule::Syntax
        )
    }

    /// The rule's name as written in messages (`UnknownPermission`).
    pub fn name(self) -> String {
        format!("{self:?}")
    }
}

/// Who a fix is phrased for: the caller of the rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Phrasing {
    /// `security_profile!` and `preset!`: DSL syntax (`without: [Users.Edit]`).
    #[default]
    Dsl,
    /// The runtime builder: its methods (`.without("Users.Edit")`).
    Builder,
    /// A CloudFormation template, as `switchboard audit` reads it: its properties
    /// (`Permissions`, `TagRestrictedResources`).
    Template,
}

/// A fix that names syntax, phrased per caller by [`Fix::phrase`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fix {
    /// Give the profile a name.
    AddName,
    /// State why the profile holds sensitive permissions.
    StateSensitiveReason,
    /// Drop the stated sensitive reason.
    DropSensitiveReason,
    /// Remove these permissions from the final set; empty for "the permissions just named".
    Remove(Vec<String>),
    /// Remove this permission too, in a profile that already removes others.
    AlsoRemove(String),
    /// Stop granting these permissions, which the profile lists itself (`permissions`).
    Ungrant(Vec<String>),
    /// Stop removing this permission (an entry of `without`).
    DropWithout(String),
    /// Restrict these resource types by the profile's access-control tags as well.
    TagRestrict(Vec<String>),
    /// Give the access-control tags of a tag restriction that has none.
    GiveAccessControlTags,
    /// Name the resource types of a tag restriction that restricts none.
    GiveTagRestrictedResources,
    /// Restrict `User` to the hierarchy group.
    RestrictHierarchy,
    /// Name the hierarchy group a hierarchy restriction applies to.
    SetHierarchyGroup,
    /// Remove the hierarchy group.
    DropHierarchyGroup,
    /// Keep the permission but skip the catalog check, for a name newer than the catalog.
    Unchecked,
    /// Restrict a resource type newer than the catalog.
    UncheckedResource,
    /// Name a preset that is not built in.
    CustomPreset,
    /// Grant what a built-in preset grants.
    UsePreset(String),
    /// Grant fewer permissions.
    Narrow,
}

/// `a`, `b` and `c` as a list of code spans.
fn code_list(items: &[String], quote: bool) -> String {
    items
        .iter()
        .map(|i| {
            if quote {
                format!("`{i:?}`")
            } else {
                format!("`{i}`")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Fix {
    /// The fix as its caller writes it.
    pub fn phrase(&self, phrasing: Phrasing) -> String {
        use Phrasing::{Builder, Dsl, Template};
        match (self, phrasing) {
            (Fix::AddName, Dsl) => "add `name: \"ProfileName\"`".to_owned(),
            (Fix::AddName, Builder) => {
                "give the name to `SecurityProfile::builder(\"ProfileName\")`".to_owned()
            }
            (Fix::AddName, Template) => "add `SecurityProfileName`".to_owned(),
            (Fix::StateSensitiveReason, Dsl) => {
                "add `sensitive: \"why this role needs it\"` to the profile".to_owned()
            }
            (Fix::StateSensitiveReason, Builder) => {
                "call `.sensitive(\"why this role needs it\")`".to_owned()
            }
            (Fix::StateSensitiveReason, Template) => {
                "state why in the resource's `Metadata.Switchboard.SensitiveReason`".to_owned()
            }
            (Fix::DropSensitiveReason, Dsl) => "remove the `sensitive` field".to_owned(),
            (Fix::DropSensitiveReason, Builder) => "remove the `.sensitive(...)` call".to_owned(),
            (Fix::DropSensitiveReason, Template) => {
                "remove `Metadata.Switchboard.SensitiveReason`".to_owned()
            }
            (Fix::Remove(list), Dsl) if list.is_empty() => {
                "remove the permissions (`without: [...]`)".to_owned()
            }
            (Fix::Remove(list), Builder) if list.is_empty() => {
                "remove the permissions (`.without(...)`)".to_owned()
            }
            (Fix::Remove(list), Template) if list.is_empty() => {
                "remove the permissions from `Permissions`".to_owned()
            }
            (Fix::Remove(list), Dsl) => format!("write `without: [{}]`", list.join(", ")),
            (Fix::Remove(list), Builder) => format!(
                "call {}",
                list.iter()
                    .map(|p| format!("`.without({p:?})`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (Fix::Remove(list), Template) => {
                format!("remove {} from `Permissions`", code_list(list, false))
            }
            (Fix::AlsoRemove(p), Dsl) => format!("add `{p}` to `without`"),
            (Fix::AlsoRemove(p), Builder) => format!("call `.without({p:?})`"),
            (Fix::AlsoRemove(p), Template) => format!("remove `{p}` from `Permissions`"),
            (Fix::Ungrant(list), Dsl) => {
                format!("remove {} from `permissions`", code_list(list, false))
            }
            (Fix::Ungrant(list), Builder) => format!(
                "remove {}",
                list.iter()
                    .map(|p| format!("`.permission({p:?})`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (Fix::Ungrant(list), Template) => {
                format!("remove {} from `Permissions`", code_list(list, false))
            }
            (Fix::DropWithout(p), Builder) => format!("remove the `.without({p:?})` call"),
            (Fix::DropWithout(p), _) => format!("remove `{p}` from `without`"),
            (Fix::TagRestrict(list), Dsl) => format!(
                "add {} to `restrict tags: {{ ... }} on [...]`",
                code_list(list, false)
            ),
            (Fix::TagRestrict(list), Builder) => format!(
                "add {} to the resources of `.restrict_tags(tags, [...])`",
                code_list(list, true)
            ),
            (Fix::TagRestrict(list), Template) => {
                format!("add {} to `TagRestrictedResources`", code_list(list, true))
            }
            (Fix::GiveAccessControlTags, Dsl) => {
                "write `restrict tags: { \"Key\": \"Value\" } on [Queue]`".to_owned()
            }
            (Fix::GiveAccessControlTags, Builder) => {
                "give the tags to `.restrict_tags([(\"Key\", \"Value\")], [\"Queue\"])`".to_owned()
            }
            (Fix::GiveAccessControlTags, Template) => {
                "give `AllowedAccessControlTags` with `TagRestrictedResources`".to_owned()
            }
            (Fix::GiveTagRestrictedResources, Dsl) => {
                "name the resource types after `on`, e.g. `on [Queue, RoutingProfile]`".to_owned()
            }
            (Fix::GiveTagRestrictedResources, Builder) => {
                "name the resource types in `.restrict_tags(tags, [\"Queue\", \"RoutingProfile\"])`"
                    .to_owned()
            }
            (Fix::GiveTagRestrictedResources, Template) => {
                "give `TagRestrictedResources` with `AllowedAccessControlTags`".to_owned()
            }
            (Fix::RestrictHierarchy, Dsl) => "write `restrict hierarchy: [User]`".to_owned(),
            (Fix::RestrictHierarchy, Builder) => "call `.restrict_hierarchy(\"User\")`".to_owned(),
            (Fix::RestrictHierarchy, Template) => {
                "set `HierarchyRestrictedResources` to `[\"User\"]`".to_owned()
            }
            (Fix::SetHierarchyGroup, Dsl) => {
                "add `hierarchy group: \"<the group's id>\"`".to_owned()
            }
            (Fix::SetHierarchyGroup, Builder) => {
                "call `.hierarchy_group(\"<the group's id>\")`".to_owned()
            }
            (Fix::SetHierarchyGroup, Template) => {
                "set `AllowedAccessControlHierarchyGroupId` to the group's id".to_owned()
            }
            (Fix::DropHierarchyGroup, Dsl) => "remove `hierarchy group`".to_owned(),
            (Fix::DropHierarchyGroup, Builder) => {
                "remove the `.hierarchy_group(...)` call".to_owned()
            }
            (Fix::DropHierarchyGroup, Template) => {
                "remove `AllowedAccessControlHierarchyGroupId`".to_owned()
            }
            (Fix::Unchecked, Dsl) => "write `unchecked(\"Name\")`".to_owned(),
            (Fix::Unchecked, Builder) => "call `.unchecked_permission(\"Name\")`".to_owned(),
            (Fix::UncheckedResource, Dsl) => {
                "or `unchecked(\"Name\")` for a type newer than the catalog".to_owned()
            }
            (Fix::UncheckedResource, Builder) => {
                "or `.restrict_tags_on_unchecked(\"Name\")` for a type newer than the catalog"
                    .to_owned()
            }
            (Fix::UncheckedResource, Template) => {
                "a type newer than the catalog is reported until the catalog knows it".to_owned()
            }
            (Fix::CustomPreset, Dsl) => "or a path to a preset defined with `preset!`".to_owned(),
            (Fix::CustomPreset, Builder) => {
                "or give `.preset(...)` a preset made with `Preset::custom`".to_owned()
            }
            (Fix::CustomPreset, Template) => "or list its permissions".to_owned(),
            (Fix::UsePreset(p), Dsl) => format!("use `preset: {p}`"),
            (Fix::UsePreset(p), Builder) => format!("use `.preset(presets::{p})`"),
            (Fix::UsePreset(p), Template) => {
                format!("list the permissions of the preset `{p}` (`switchboard import` finds it)")
            }
            (Fix::Narrow, Dsl) => "use `without`, or narrower presets and groups".to_owned(),
            (Fix::Narrow, Builder) => {
                "use `.without(...)`, or narrower presets and groups".to_owned()
            }
            (Fix::Narrow, Template) => "drop them from `Permissions`".to_owned(),
            (Fix::Unchecked, Template) => {
                "leave it in `Permissions` and review it by hand".to_owned()
            }
        }
    }
}

/// One piece of a help: plain words, or a fix phrased per caller.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    Text(String),
    Fix(Fix),
}

/// How to fix a finding: words and [`Fix`]es, shown in the caller's [`Phrasing`]
/// (DSL syntax unless [`Diagnostic::phrased_for`] chose another).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Help {
    parts: Vec<Part>,
    phrasing: Phrasing,
}

impl Help {
    /// Appends words.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.parts.push(Part::Text(text.into()));
        self
    }

    /// Appends a fix.
    pub fn fix(mut self, fix: Fix) -> Self {
        self.parts.push(Part::Fix(fix));
        self
    }

    /// The fixes it holds, for callers that act on them.
    pub fn fixes(&self) -> impl Iterator<Item = &Fix> {
        self.parts.iter().filter_map(|p| match p {
            Part::Fix(fix) => Some(fix),
            Part::Text(_) => None,
        })
    }

    /// The help in another phrasing.
    pub fn phrased_for(mut self, phrasing: Phrasing) -> Self {
        self.phrasing = phrasing;
        self
    }

    /// The help as `phrasing` writes it.
    pub fn render(&self, phrasing: Phrasing) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Text(text) => text.clone(),
                Part::Fix(fix) => fix.phrase(phrasing),
            })
            .collect()
    }
}

impl fmt::Display for Help {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(self.phrasing))
    }
}

impl<T: Into<String>> From<T> for Help {
    fn from(text: T) -> Self {
        Help {
            parts: vec![Part::Text(text.into())],
            phrasing: Phrasing::Dsl,
        }
    }
}

impl From<Fix> for Help {
    fn from(fix: Fix) -> Self {
        Help {
            parts: vec![Part::Fix(fix)],
            phrasing: Phrasing::Dsl,
        }
    }
}

/// One finding, located by whatever the caller uses for locations (`L`): a span in the macro,
/// a field path in the runtime builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic<L> {
    /// Error or warning.
    pub severity: Severity,
    /// The rule that fired.
    pub rule: Rule,
    /// Where: the offending token or field.
    pub at: L,
    /// What is wrong, naming the offending thing.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<Help>,
}

impl<L> Diagnostic<L> {
    /// An error.
    pub fn error(rule: Rule, at: L, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule,
            at,
            message: message.into(),
            help: None,
        }
    }

    /// A warning.
    pub fn warning(rule: Rule, at: L, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            rule,
            at,
            message: message.into(),
            help: None,
        }
    }

    /// Adds how to fix it: words, a [`Fix`], or a [`Help`] made of both.
    pub fn help(mut self, help: impl Into<Help>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same finding with its fix phrased for another caller.
    pub fn phrased_for(mut self, phrasing: Phrasing) -> Self {
        self.help = self.help.map(|h| h.phrased_for(phrasing));
        self
    }

    /// The help as text, in the diagnostic's phrasing.
    pub fn help_text(&self) -> Option<String> {
        self.help.as_ref().map(Help::to_string)
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message, its help and the rule's name, one per line, as both the macro and the
    /// builder print it (each in its own [`Phrasing`]).
    pub fn render(&self) -> String {
        let mut text = self.message.clone();
        if let Some(help) = &self.help {
            text.push_str("\n  = help: ");
            text.push_str(&help.to_string());
        }
        text.push_str("\n  = note: rule ");
        text.push_str(&self.rule.name());
        text
    }

    /// The same diagnostic at another location.
    pub fn map_location<M>(self, f: impl FnOnce(L) -> M) -> Diagnostic<M> {
        Diagnostic {
            severity: self.severity,
            rule: self.rule,
            at: f(self.at),
            message: self.message,
            help: self.help,
        }
    }
}

impl<L> fmt::Display for Diagnostic<L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// How many entries a message lists before it says "... and N more": a message is read in a
/// terminal, and the full list belongs where there is room for it (the rustdoc, `switchboard
/// explain`).
pub const LISTED_AT_MOST: usize = 5;

/// `entries` joined with `, `, cut after [`LISTED_AT_MOST`] with `... and N more`.
pub fn short_list(entries: &[String]) -> String {
    if entries.len() <= LISTED_AT_MOST {
        return entries.join(", ");
    }
    let mut text = entries[..LISTED_AT_MOST].join(", ");
    text.push_str(&format!(
        ", ... and {} more",
        entries.len() - LISTED_AT_MOST
    ));
    text
}

#[cfg(test)]
mod short_list_tests {
    use super::*;

    #[test]
    fn lists_up_to_the_limit_and_counts_the_rest() {
        let entries: Vec<String> = (1..=7).map(|i| format!("`P{i}`")).collect();
        assert_eq!(short_list(&entries[..5]), "`P1`, `P2`, `P3`, `P4`, `P5`");
        assert_eq!(
            short_list(&entries),
            "`P1`, `P2`, `P3`, `P4`, `P5`, ... and 2 more"
        );
        assert_eq!(short_list(&[]), "");
    }
}
