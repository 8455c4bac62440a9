//! Findings of `audit`: the core's rules (run through [`switchboard_core::rules::validate`]),
//! plus the few checks that only make sense on deployed templates and that the core does not
//! have yet ([`CliRule`]).

use serde::Serialize;
use switchboard_core::diagnostic::{Diagnostic, Phrasing, Rule, Severity};
use switchboard_core::spec::FieldPath;

/// Checks the core has no rule for, because a `security_profile!` cannot get them wrong; they
/// matter in templates written by hand or exported from the console.
///
/// Candidates for `switchboard_core::diagnostic::Rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CliRule {
    /// A value that is an intrinsic function (`Ref`, `Fn::Sub`, ...): checked as its text only.
    UnresolvedValue,
    /// A property switchboard does not review (`Applications`, `AllowedFlowModules`,
    /// `GranularAccessControlConfiguration`).
    UnreviewedProperty,
    /// A property `AWS::Connect::SecurityProfile` does not have (cfn-lint E3002).
    UnknownProperty,
    /// More than one profile of an instance carries access-control tags: a user may hold at
    /// most one such profile, so they cannot be combined.
    MultipleTagRestrictedProfiles,
    /// The sensitive reason is still the placeholder `switchboard import` wrote.
    PlaceholderReason,
    /// Something decides access but cannot be evaluated: an intrinsic function in place of
    /// permissions or a restriction, `Fn::Transform`, a template-level transform (macro), a
    /// nested stack. What it grants is unknown, so it is an error (fail closed).
    UnevaluableAccess,
}

impl CliRule {
    /// Every CLI rule.
    pub const ALL: [CliRule; 6] = [
        CliRule::UnresolvedValue,
        CliRule::UnreviewedProperty,
        CliRule::UnknownProperty,
        CliRule::MultipleTagRestrictedProfiles,
        CliRule::PlaceholderReason,
        CliRule::UnevaluableAccess,
    ];

    /// The rule's name in output.
    pub fn name(self) -> String {
        format!("{self:?}")
    }
}

/// Every rule of the core a template can break (all but the macro's grammar), for `--fail-on`.
pub fn core_rules() -> impl Iterator<Item = Rule> {
    Rule::ALL.iter().copied().filter(|r| !r.is_grammar())
}

/// Every rule name `audit` can report.
pub fn all_rule_names() -> Vec<String> {
    core_rules()
        .map(|r| r.name())
        .chain(CliRule::ALL.iter().map(|r| r.name()))
        .collect()
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look.
    Warning,
    /// AWS rejects it, or `security_profile!` would not compile it.
    Error,
}

impl Level {
    /// `error` or `warning`.
    pub fn label(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl From<Severity> for Level {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

/// One finding about one profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's name (`UnknownPermission`).
    pub rule: String,
    /// `error` or `warning`.
    pub severity: Level,
    /// The property (and index) at fault, as in the template: `Permissions[3]`.
    pub at: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Finding {
    /// A finding of a CLI rule.
    pub fn cli(rule: CliRule, severity: Level, at: Option<String>, message: String) -> Self {
        Finding {
            rule: rule.name(),
            severity,
            at,
            message,
            help: None,
        }
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The location the profile as a whole is given, which findings show as no location.
pub const WHOLE: FieldPath = FieldPath::field("");

impl From<Diagnostic<FieldPath>> for Finding {
    fn from(d: Diagnostic<FieldPath>) -> Self {
        let d = d.phrased_for(Phrasing::Template);
        Finding {
            rule: d.rule.name(),
            severity: d.severity.into(),
            at: (d.at != WHOLE).then(|| d.at.to_string()),
            help: d.help_text(),
            message: d.message,
        }
    }
}

/// One finding about several profiles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrossFinding {
    /// The rule's name.
    pub rule: String,
    /// `error` or `warning`.
    pub severity: Level,
    /// The profiles concerned, by name.
    pub profiles: Vec<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}
