//! The ten complete examples of the seed document ("Complete Examples"), and the profiles of
//! its provider example ("Using Provider Interface").

use switchboard::{SecurityProfile, security_profile};

security_profile! {
    /// Example 1: simple agent for handling calls.
    pub const BASIC_AGENT = {
        name: "BasicAgent",
        description: "Standard agent with CCP access",
        preset: Agent,
        tags: { "Role": "Agent" },
    };

    /// Example 2: agent who makes outbound calls.
    pub const OUTBOUND_SALES_AGENT = {
        name: "OutboundSalesAgent",
        description: "Sales agent with outbound calling capabilities",
        preset: OutboundAgent,
        permissions: [CustomerProfiles::ViewProfiles],
        tags: { "Role": "Agent", "Department": "Sales" },
    };

    /// Example 3: team supervisor with real-time monitoring.
    pub const TEAM_SUPERVISOR = {
        name: "TeamSupervisor",
        description: "Supervisor with real-time monitoring and agent management",
        preset: Supervisor,
        tags: { "Role": "Supervisor" },
    };

    /// Example 4: QA team member reviewing interactions.
    ///
    /// The seed names this profile `QualityAnalyst`, which collides with the built-in profile
    /// every Connect instance has (`NameCollidesWithBuiltin`); it is `QAAnalyst` here, a name
    /// the seed's naming tips suggest.
    pub const QUALITY_ANALYST = {
        name: "QAAnalyst",
        description: "QA analyst for reviewing and scoring interactions",
        preset: QualityAnalyst,
        tags: { "Role": "QualityAnalyst" },
    };

    /// Example 5: compliance officer who needs full recording access.
    ///
    /// The seed's groups grant both the redacted (`QualityAnalysis`) and the unredacted
    /// (`UnredactedRecordingsAccess`) recordings; Connect shows only one of them, so the
    /// redacted ones are removed with `without` (`RedactedAndUnredacted`).
    pub const COMPLIANCE_OFFICER = {
        name: "ComplianceOfficer",
        description: "Compliance officer with unredacted recording access",
        groups: [QualityAnalysis, UnredactedRecordingsAccess, Reporting],
        permissions: [
            AnalyticsAndOptimization::ContactLensConversations,
            HistoricalChanges::ViewHistoricalChanges,
        ],
        without: [
            CallRecordings.Redacted.Access,
            ContactTranscripts.Redacted.Access,
            ScreenRecording.Redacted.Access,
        ],
        tags: { "Role": "ComplianceOfficer", "AccessLevel": "Elevated" },
        sensitive: "Regulatory investigations need unredacted recordings and the change history",
    };

    /// Example 6: manager who can only manage their department.
    pub const SUPPORT_DEPARTMENT_MANAGER = {
        name: "SupportDepartmentManager",
        description: "Support department manager with tag-based restrictions",
        preset: CallCenterManager,
        restrict tags: { "Department": "Support" } on [User, SecurityProfile, Queue, RoutingProfile],
        tags: { "Role": "Manager", "Department": "Support" },
        sensitive: "Managers create and edit the users of their department",
    };

    /// Example 7: workforce-management specialist for scheduling.
    pub const WORKFORCE_MANAGER = {
        name: "WorkforceManager",
        description: "Workforce manager for scheduling and capacity planning",
        groups: [WorkforceScheduling, Reporting],
        permissions: [
            UsersAndPermissions::ViewUsers,
            UsersAndPermissions::ViewAgentHierarchy,
            Routing::ViewQueues,
        ],
        tags: { "Role": "WorkforceManager" },
    };

    /// Example 8: agent handling voice, chat, email and tasks.
    pub const OMNICHANNEL_AGENT = {
        name: "OmnichannelAgent",
        description: "Agent handling voice, chat, email, and tasks",
        groups: [BasicAgent, CaseManagement],
        permissions: [
            ContactControlPanel::VideoCallAccess,
            ContactControlPanel::InitiateOutboundEmail,
            CustomerProfiles::ViewProfiles,
        ],
        tags: { "Role": "OmnichannelAgent" },
    };

    /// Example 9: administrator for Amazon Q features.
    pub const AI_ADMIN = {
        name: "AIAdmin",
        description: "Administrator for Amazon Q and AI features",
        groups: [AmazonQAdmin, FlowManagement],
        permissions: [AnalyticsAndOptimization::AccessMetrics],
        tags: { "Role": "AIAdmin" },
    };

    /// Example 10: system administrator with all permissions.
    pub const SYSTEM_ADMIN = {
        name: "SystemAdmin",
        description: "Full administrative access to all features",
        preset: Admin,
        tags: { "Role": "Admin" },
        sensitive: "System administrators manage users, security profiles and recordings",
    };
}

/// The ten complete examples, in the seed's order.
pub const COMPLETE_EXAMPLES: [&SecurityProfile; 10] = [
    &BASIC_AGENT,
    &OUTBOUND_SALES_AGENT,
    &TEAM_SUPERVISOR,
    &QUALITY_ANALYST,
    &COMPLIANCE_OFFICER,
    &SUPPORT_DEPARTMENT_MANAGER,
    &WORKFORCE_MANAGER,
    &OMNICHANNEL_AGENT,
    &AI_ADMIN,
    &SYSTEM_ADMIN,
];

security_profile! {
    /// The provider example's agent profile. The seed names it `Agent`, which collides with the
    /// built-in profile of every instance, so it is `ContactCenterAgent` here.
    pub const PROVIDER_AGENT = {
        name: "ContactCenterAgent",
        preset: Agent,
    };

    /// The provider example's supervisor profile.
    pub const PROVIDER_SUPERVISOR = {
        name: "Supervisor",
        preset: Supervisor,
    };

    /// The provider example's administrator profile. The seed names it `Admin`, which
    /// collides with the built-in profile, so it is `ContactCenterAdmin` here.
    pub const PROVIDER_ADMIN = {
        name: "ContactCenterAdmin",
        preset: Admin,
        sensitive: "Administrators manage users, security profiles and recordings",
    };
}

/// The profiles of the provider example, in the order it adds them.
pub const PROVIDER_EXAMPLE: [&SecurityProfile; 3] =
    [&PROVIDER_AGENT, &PROVIDER_SUPERVISOR, &PROVIDER_ADMIN];
