//! The examples of the README's DSL guide.

use switchboard::{SecurityProfile, preset, security_profile};

security_profile! {
    /// Team lead with hierarchy-restricted user management.
    pub const TEAM_LEAD = {
        name: "TeamLead",
        description: "Team lead with hierarchy-restricted user management",
        preset: Supervisor,
        groups: [BasicAgent, SupervisorMonitoring],
        permissions: [Users.View, Users.Edit],
        restrict hierarchy: [User],
        hierarchy group: "3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f",
        tags: { "Role": "TeamLead" },
        sensitive: "Team leads edit their own team's users",
    };

    /// Supervisor and QA analyst in one, who does not barge in on calls.
    pub const INBOUND_SUPERVISOR = {
        name: "InboundSupervisor",
        preset: [Supervisor, QualityAnalyst],
        without: [ManagerBargeIn],
    };

    /// A call-center manager restricted to the resources tagged `Department: Sales`.
    pub const SALES_MANAGER = {
        name: "SalesManager",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [User, SecurityProfile, Queue, RoutingProfile],
        tags: { "Department": "Sales" },
        sensitive: "Managers administer the users and routing of their department",
    };
}

preset! {
    /// Agents that may also search contacts.
    pub SPECIALIZED_AGENT = {
        permissions: [BasicAgentAccess, TransferContact.Enabled, StopContact.Enabled, ContactSearch.View],
    };
}

security_profile! {
    /// The seed's custom-preset example: a profile built on a preset defined with `preset!`.
    pub const CUSTOM_ROLE = {
        name: "CustomRole",
        preset: SPECIALIZED_AGENT,
    };
}

/// Every profile of the guide.
pub const GUIDE_PROFILES: [&SecurityProfile; 4] = [
    &TEAM_LEAD,
    &INBOUND_SUPERVISOR,
    &SALES_MANAGER,
    &CUSTOM_ROLE,
];
