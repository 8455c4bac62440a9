//! What a rule reports: the offending thing, the rule, and the fix.

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
    /// A hierarchy group id outside `^[a-zA-Z0-9-]*$` or over 127 characters.
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
    pub help: Option<String>,
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

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message, its help and the rule's name, one per line, as both the macro and the
    /// builder print it.
    pub fn render(&self) -> String {
        let mut text = self.message.clone();
        if let Some(help) = &self.help {
            text.push_str("\n  = help: ");
            text.push_str(help);
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
