//! `audit --fail-on WHAT`: what makes the command exit with 1, and how it says what it found.

use clap::ValueEnum;

use crate::audit::AuditReport;
use crate::findings::Level;

/// What `--fail-on` can name besides a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    /// Any finding of severity error.
    Error,
    /// Any finding at all.
    Warning,
    /// Any profile holding a sensitive permission.
    Sensitive,
    /// Any profile holding a sensitive or high-impact permission.
    HighImpact,
}

/// One `--fail-on` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailOn {
    /// A level: `error`, `warning`, `sensitive`, `high-impact`.
    Level(FailLevel),
    /// Any finding of this rule.
    Rule(String),
}

/// How many names a failure message shows before "and N more".
const SHOWN: usize = 3;

impl FailOn {
    /// Parses `error`, `warning`, `sensitive`, `high-impact` or a rule name; clap's value
    /// parser for `--fail-on`.
    pub fn parse(text: &str) -> Result<FailOn, String> {
        if let Ok(level) = FailLevel::from_str(text, false) {
            return Ok(FailOn::Level(level));
        }
        let rules = crate::findings::all_rule_names();
        if rules.iter().any(|r| r == text) {
            return Ok(FailOn::Rule(text.to_owned()));
        }
        let levels: Vec<String> = FailLevel::value_variants()
            .iter()
            .filter_map(|l| l.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        let candidates = levels.iter().chain(&rules).map(String::as_str);
        let hint = match switchboard_core::suggest::did_you_mean(text, candidates) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "give {} or a rule name: {}",
                levels.join(", "),
                rules.join(", ")
            ),
        };
        Err(format!("not a finding level or rule; {hint}"))
    }

    /// What this names in the report, said for people (`3 profiles grant sensitive
    /// permissions: Admin, Supervisor, TeamLead`), or `None` when the report holds none of it.
    pub fn found(&self, report: &AuditReport) -> Option<String> {
        let findings = || {
            report
                .profiles
                .iter()
                .flat_map(|p| p.findings.iter().map(|f| (f.rule.as_str(), f.severity)))
                .chain(
                    report
                        .cross_profile_findings
                        .iter()
                        .map(|f| (f.rule.as_str(), f.severity)),
                )
        };
        let profiles = |what: &str, holds: &dyn Fn(&crate::audit::ProfileAudit) -> bool| {
            let names: Vec<&str> = report
                .profiles
                .iter()
                .filter(|p| holds(p))
                .map(|p| p.name.as_str())
                .collect();
            (!names.is_empty()).then(|| {
                format!(
                    "{} grant{} {what} permissions: {}",
                    count(names.len(), "profile"),
                    if names.len() == 1 { "s" } else { "" },
                    listed(&names)
                )
            })
        };
        let rules_of = |keep: &dyn Fn(Level) -> bool| {
            let mut rules: Vec<&str> = findings()
                .filter(|(_, s)| keep(*s))
                .map(|(r, _)| r)
                .collect();
            let n = rules.len();
            rules.sort_unstable();
            rules.dedup();
            (n, rules)
        };
        match self {
            FailOn::Level(FailLevel::Error) => {
                let (n, rules) = rules_of(&|s| s == Level::Error);
                (n > 0).then(|| format!("{} ({})", count(n, "error"), listed(&rules)))
            }
            FailOn::Level(FailLevel::Warning) => {
                let (n, rules) = rules_of(&|_| true);
                (n > 0).then(|| {
                    format!(
                        "{}, {} of them error{} ({})",
                        count(n, "finding"),
                        report.summary.errors,
                        if report.summary.errors == 1 { "" } else { "s" },
                        listed(&rules)
                    )
                })
            }
            FailOn::Level(FailLevel::Sensitive) => {
                profiles("sensitive", &|p| !p.sensitive.is_empty())
            }
            FailOn::Level(FailLevel::HighImpact) => profiles("sensitive or high-impact", &|p| {
                !p.sensitive.is_empty() || !p.high_impact.is_empty()
            }),
            FailOn::Rule(rule) => {
                let n = findings().filter(|(r, _)| r == rule).count();
                (n > 0).then(|| format!("{} of {rule}", count(n, "finding")))
            }
        }
    }

    /// The value as given on the command line.
    pub fn label(&self) -> String {
        match self {
            FailOn::Level(level) => level
                .to_possible_value()
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default(),
            FailOn::Rule(rule) => rule.clone(),
        }
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn listed(names: &[&str]) -> String {
    let mut out = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_levels_and_rules_and_suggests() {
        assert_eq!(FailOn::parse("error"), Ok(FailOn::Level(FailLevel::Error)));
        assert_eq!(
            FailOn::parse("high-impact"),
            Ok(FailOn::Level(FailLevel::HighImpact))
        );
        assert_eq!(
            FailOn::parse("UnknownPermission"),
            Ok(FailOn::Rule("UnknownPermission".into()))
        );
        assert!(
            FailOn::parse("UnknownPermision")
                .unwrap_err()
                .contains("did you mean `UnknownPermission`?")
        );
        assert_eq!(FailOn::parse("high-impact").unwrap().label(), "high-impact");
    }

    #[test]
    fn lists_are_cut() {
        assert_eq!(listed(&["a", "b"]), "a, b");
        assert_eq!(listed(&["a", "b", "c", "d", "e"]), "a, b, c and 2 more");
    }
}
