//! The fields of a profile, and which of them each rule reads.
//!
//! A finding is only as good as the input it judged: when a field a rule reads could not be
//! read (a syntax error in the macro) or is incomplete (an unknown permission leaves the final
//! set unknown), the finding would judge input the user did not write, so callers leave it out
//! while the real error is shown.

use crate::diagnostic::Rule;

/// A field of a security profile, as the DSL names it (`restrict tags`) and the builder sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `name`.
    Name,
    /// `description`.
    Description,
    /// `preset`.
    Preset,
    /// `groups`.
    Groups,
    /// `permissions`.
    Permissions,
    /// `without`.
    Without,
    /// `restrict hierarchy`.
    RestrictHierarchy,
    /// `restrict tags`.
    RestrictTags,
    /// `hierarchy group`.
    HierarchyGroup,
    /// `tags`.
    Tags,
    /// `sensitive`.
    Sensitive,
}

/// The fields that make up the final permission set.
pub const PERMISSION_SET: &[Field] = &[
    Field::Preset,
    Field::Groups,
    Field::Permissions,
    Field::Without,
];

impl Field {
    /// Every field of a profile, in the order the DSL reference lists them.
    pub const ALL: [Field; 11] = [
        Field::Name,
        Field::Description,
        Field::Preset,
        Field::Groups,
        Field::Permissions,
        Field::Without,
        Field::RestrictHierarchy,
        Field::RestrictTags,
        Field::HierarchyGroup,
        Field::Tags,
        Field::Sensitive,
    ];

    /// The field as the DSL writes it (`restrict tags`).
    pub const fn dsl_name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Description => "description",
            Field::Preset => "preset",
            Field::Groups => "groups",
            Field::Permissions => "permissions",
            Field::Without => "without",
            Field::RestrictHierarchy => "restrict hierarchy",
            Field::RestrictTags => "restrict tags",
            Field::HierarchyGroup => "hierarchy group",
            Field::Tags => "tags",
            Field::Sensitive => "sensitive",
        }
    }

    /// The field the DSL writes as `name`, if any.
    pub fn from_dsl_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.dsl_name() == name)
    }

    /// True for the fields that make up the final permission set.
    pub fn is_permission_set(self) -> bool {
        PERMISSION_SET.contains(&self)
    }
}

impl Rule {
    /// The fields a rule reads besides the token it points at: the rules that judge the profile
    /// as a whole, or its final permission set. A rule that judges only its own token reads
    /// nothing more.
    pub fn reads(self) -> &'static [Field] {
        match self {
            Rule::MissingName => &[Field::Name],
            Rule::SensitiveWithoutReason | Rule::ReasonWithoutSensitive => &[
                Field::Preset,
                Field::Groups,
                Field::Permissions,
                Field::Without,
                Field::Sensitive,
            ],
            Rule::WithoutNotGranted
            | Rule::WithoutImpliedView
            | Rule::RedactedAndUnredacted
            | Rule::DownloadWithoutAccess => PERMISSION_SET,
            Rule::TagRestrictedNotViewable => &[
                Field::Preset,
                Field::Groups,
                Field::Permissions,
                Field::Without,
                Field::RestrictTags,
            ],
            Rule::TagRestrictionIncomplete | Rule::UserRestrictedWithoutSecurityProfile => {
                &[Field::RestrictTags]
            }
            _ => &[],
        }
    }

    /// True when the rule judges the final permission set, which an error in building it
    /// (an unknown permission, preset or group) leaves unknown.
    pub fn reads_permission_set(self) -> bool {
        self.reads().iter().any(|f| f.is_permission_set())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dsl_names_round_trip() {
        for field in Field::ALL {
            assert_eq!(Field::from_dsl_name(field.dsl_name()), Some(field));
        }
        assert_eq!(Field::from_dsl_name("permisions"), None);
    }

    fn rules_of(spec: &crate::spec::ProfileSpec<()>) -> Vec<Rule> {
        let mut validated = crate::rules::validate(spec, &());
        validated.drop_findings_on_unknown_set();
        validated.diagnostics.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn an_unknown_permission_hides_the_findings_about_the_final_set() {
        use crate::spec::{Located, PermissionItem, ProfileSpec};
        let mut spec = ProfileSpec {
            name: Some(Located::new("Misspelt".to_owned(), ())),
            permissions: vec![PermissionItem::Api(Located::new(
                "Users.Edti".to_owned(),
                (),
            ))],
            sensitive: Some(Located::new("x".to_owned(), ())),
            ..ProfileSpec::default()
        };
        assert_eq!(rules_of(&spec), [Rule::UnknownPermission]);
        // Once the set is known, the same reason is a stale note again.
        spec.permissions = vec![PermissionItem::Api(Located::new(
            "Queues.View".to_owned(),
            (),
        ))];
        assert_eq!(rules_of(&spec), [Rule::ReasonWithoutSensitive]);
    }
}
