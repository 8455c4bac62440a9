//! The catalog of Amazon Connect security-profile permissions.
//!
//! The table itself (`table.rs`) is generated from `reference/*.json` by
//! `scripts/generate_catalog.py` and committed as source; this module holds its types and the
//! look-ups everyone shares.

mod table;

pub use table::{AWS_LIST_DATE, AWS_LIST_NOTE, AWS_LIST_SOURCE, PERMISSIONS, REJECTED_NAMES};

/// The section of the AWS permission list a permission appears under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// "Agent Applications".
    AgentApplications,
    /// "Amazon Q".
    AmazonQ,
    /// "Analytics and Optimization".
    AnalyticsAndOptimization,
    /// "Cases".
    Cases,
    /// "Channels and flows".
    ChannelsAndFlows,
    /// "Contact Actions".
    ContactActions,
    /// "Contact Control Panel (CCP)".
    ContactControlPanel,
    /// "Content Management".
    ContentManagement,
    /// "Customer Profiles".
    CustomerProfiles,
    /// "Historical changes".
    HistoricalChanges,
    /// "Legacy permissions": hidden in the console, still accepted by the API.
    LegacyPermissions,
    /// "Outbound Campaigns".
    OutboundCampaigns,
    /// "Recordings and Transcripts".
    RecordingsAndTranscripts,
    /// "Routing".
    Routing,
    /// "Scheduling".
    Scheduling,
    /// "Users and permissions".
    UsersAndPermissions,
    /// Names real instances return that no section of the AWS page lists.
    Undocumented,
}

impl Section {
    /// Every section, in the order the AWS page uses for its headings (alphabetical here).
    pub const ALL: [Section; 17] = [
        Section::AgentApplications,
        Section::AmazonQ,
        Section::AnalyticsAndOptimization,
        Section::Cases,
        Section::ChannelsAndFlows,
        Section::ContactActions,
        Section::ContactControlPanel,
        Section::ContentManagement,
        Section::CustomerProfiles,
        Section::HistoricalChanges,
        Section::LegacyPermissions,
        Section::OutboundCampaigns,
        Section::RecordingsAndTranscripts,
        Section::Routing,
        Section::Scheduling,
        Section::UsersAndPermissions,
        Section::Undocumented,
    ];

    /// The heading as the AWS page prints it.
    pub const fn title(self) -> &'static str {
        match self {
            Section::AgentApplications => "Agent Applications",
            Section::AmazonQ => "Amazon Q",
            Section::AnalyticsAndOptimization => "Analytics and Optimization",
            Section::Cases => "Cases",
            Section::ChannelsAndFlows => "Channels and flows",
            Section::ContactActions => "Contact Actions",
            Section::ContactControlPanel => "Contact Control Panel (CCP)",
            Section::ContentManagement => "Content Management",
            Section::CustomerProfiles => "Customer Profiles",
            Section::HistoricalChanges => "Historical changes",
            Section::LegacyPermissions => "Legacy permissions",
            Section::OutboundCampaigns => "Outbound Campaigns",
            Section::RecordingsAndTranscripts => "Recordings and Transcripts",
            Section::Routing => "Routing",
            Section::Scheduling => "Scheduling",
            Section::UsersAndPermissions => "Users and permissions",
            Section::Undocumented => "Undocumented",
        }
    }

    /// The identifier used in code (`Section::Routing` is `"Routing"`).
    pub const fn ident(self) -> &'static str {
        match self {
            Section::AgentApplications => "AgentApplications",
            Section::AmazonQ => "AmazonQ",
            Section::AnalyticsAndOptimization => "AnalyticsAndOptimization",
            Section::Cases => "Cases",
            Section::ChannelsAndFlows => "ChannelsAndFlows",
            Section::ContactActions => "ContactActions",
            Section::ContactControlPanel => "ContactControlPanel",
            Section::ContentManagement => "ContentManagement",
            Section::CustomerProfiles => "CustomerProfiles",
            Section::HistoricalChanges => "HistoricalChanges",
            Section::LegacyPermissions => "LegacyPermissions",
            Section::OutboundCampaigns => "OutboundCampaigns",
            Section::RecordingsAndTranscripts => "RecordingsAndTranscripts",
            Section::Routing => "Routing",
            Section::Scheduling => "Scheduling",
            Section::UsersAndPermissions => "UsersAndPermissions",
            Section::Undocumented => "Undocumented",
        }
    }

    /// Finds a section by its identifier or its title (case-insensitive).
    pub fn parse(text: &str) -> Option<Section> {
        Section::ALL
            .into_iter()
            .find(|s| s.ident().eq_ignore_ascii_case(text) || s.title().eq_ignore_ascii_case(text))
    }
}

/// How certain the catalog is that a name is real, and whether AWS still lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Printed in the AWS table.
    Documented,
    /// The AWS row exists but its API-name cell is empty; the name comes from real exports.
    DocApiBlankFilled,
    /// The AWS row prints a wrong API name; corrected from real exports.
    DocErrorCorrected,
    /// In the AWS "Legacy permissions" table: hidden in the console, still accepted by the API.
    Legacy,
    /// Returned by real instances but not listed on the AWS page.
    Undocumented,
    /// An old name of a permission that has a new name now.
    LegacyRenamed,
    /// Listed by older revisions of the AWS page, absent from the current one.
    LegacyRemovedFromDocs,
}

impl Status {
    /// True for names AWS keeps accepting but no longer recommends.
    pub const fn is_legacy(self) -> bool {
        matches!(
            self,
            Status::Legacy | Status::LegacyRenamed | Status::LegacyRemovedFromDocs
        )
    }

    /// True for names the current AWS page does not list.
    pub const fn is_undocumented(self) -> bool {
        matches!(
            self,
            Status::Undocumented | Status::LegacyRenamed | Status::LegacyRemovedFromDocs
        )
    }

    /// A short label for tables and JSON.
    pub const fn label(self) -> &'static str {
        match self {
            Status::Documented => "documented",
            Status::DocApiBlankFilled => "documented (API name filled from exports)",
            Status::DocErrorCorrected => "documented (API name corrected from exports)",
            Status::Legacy => "legacy",
            Status::Undocumented => "undocumented",
            Status::LegacyRenamed => "legacy (renamed)",
            Status::LegacyRemovedFromDocs => "legacy (removed from docs)",
        }
    }
}

/// How much an access review should care about a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Part of everyday work.
    Ordinary,
    /// Part of supervisory or operational roles, but reviewers should see it.
    HighImpact,
    /// Exposes personal data, escalates privilege or destroys evidence: a profile that grants
    /// it must state why (`sensitive: "reason"`).
    Sensitive,
}

impl Tier {
    /// A short label for tables and JSON.
    pub const fn label(self) -> &'static str {
        match self {
            Tier::Ordinary => "ordinary",
            Tier::HighImpact => "high-impact",
            Tier::Sensitive => "sensitive",
        }
    }
}

/// One permission of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PermissionInfo {
    /// The exact, case-sensitive API name (`Users.Edit`).
    pub api: &'static str,
    /// The console's label, empty for undocumented names.
    pub ui: &'static str,
    /// The section of the AWS list.
    pub section: Section,
    /// What the permission grants.
    pub grants: &'static str,
    /// Whether AWS lists the name, and how the catalog knows it.
    pub status: Status,
    /// Sensitive, high-impact or ordinary.
    pub tier: Tier,
    /// Why the tier is not ordinary; empty for ordinary permissions.
    pub risk: &'static str,
    /// For legacy names: what to use instead.
    pub replacement: &'static [&'static str],
    /// The `View` of the same family that the Connect console adds with this permission.
    pub implies: Option<&'static str>,
    /// Set when the feature behind the permission is no longer supported.
    pub end_of_support: Option<&'static str>,
    /// Which sources attest the name (see `reference/README.md`).
    pub evidence: &'static [&'static str],
    /// True when a single source attests the name.
    pub single_source: bool,
}

/// A name AWS documentation once printed by mistake; never valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RejectedName {
    /// The wrong name.
    pub name: &'static str,
    /// The right name.
    pub correct: &'static str,
    /// Where the mistake was printed.
    pub note: &'static str,
}

/// Looks up a permission by its exact API name.
pub fn lookup(api: &str) -> Option<&'static PermissionInfo> {
    PERMISSIONS
        .binary_search_by(|p| p.api.cmp(api))
        .ok()
        .map(|i| &PERMISSIONS[i])
}

/// Looks up a historical AWS typo.
pub fn rejected(name: &str) -> Option<&'static RejectedName> {
    REJECTED_NAMES.iter().find(|r| r.name == name)
}

/// Every permission of a section.
pub fn in_section(section: Section) -> impl Iterator<Item = &'static PermissionInfo> {
    PERMISSIONS.iter().filter(move |p| p.section == section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique_so_binary_search_works() {
        assert!(PERMISSIONS.windows(2).all(|w| w[0].api < w[1].api));
    }

    #[test]
    fn the_aws_list_is_complete() {
        let documented = PERMISSIONS
            .iter()
            .filter(|p| !p.status.is_undocumented())
            .count();
        assert_eq!(documented, 291);
        assert_eq!(PERMISSIONS.len(), 291 + 36);
    }

    #[test]
    fn implied_views_and_replacements_point_at_catalog_names() {
        for p in PERMISSIONS {
            if let Some(view) = p.implies {
                assert!(lookup(view).is_some(), "{} implies unknown {view}", p.api);
                assert!(view.ends_with(".View"));
            }
            for r in p.replacement {
                assert!(lookup(r).is_some(), "{} replaced by unknown {r}", p.api);
            }
        }
        for r in REJECTED_NAMES {
            assert!(lookup(r.name).is_none());
            assert!(lookup(r.correct).is_some());
        }
    }

    #[test]
    fn tiers_follow_the_reference_rules() {
        assert_eq!(lookup("Users.Edit").unwrap().tier, Tier::Sensitive);
        assert_eq!(lookup("Users.View").unwrap().tier, Tier::HighImpact);
        assert_eq!(
            lookup("QConnectAIAgents.View").unwrap().tier,
            Tier::Ordinary
        );
        assert_eq!(
            lookup("QConnectAIAgents.Edit").unwrap().tier,
            Tier::HighImpact
        );
        assert_eq!(
            lookup("CallRecordings.Redacted.DownloadButton")
                .unwrap()
                .tier,
            Tier::Sensitive
        );
        assert_eq!(lookup("BasicAgentAccess").unwrap().tier, Tier::Ordinary);
        assert_eq!(lookup("Users.Edit").unwrap().implies, Some("Users.View"));
        assert_eq!(
            lookup("ContactSearchWithKeywords.Access").unwrap().implies,
            Some("ContactSearchWithKeywords.View")
        );
        assert_eq!(lookup("BasicAgentAccess").unwrap().implies, None);
    }
}
