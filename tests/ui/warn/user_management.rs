#![deny(deprecated)]
// UserManagementUnrestricted: a manager restricted by tags on queues and routing profiles who
// can still create and edit every user. Restricting `User` (with `SecurityProfile`) by tags, or
// `User` by hierarchy, answers it.
use switchboard::security_profile;

security_profile! {
    pub const SALES_MANAGER = {
        name: "SalesManager",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [Queue, RoutingProfile],
        sensitive: "Managers administer the users and routing of their department",
    };

    pub const SALES_MANAGER_FIXED = {
        name: "SalesManagerFixed",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [User, SecurityProfile, Queue, RoutingProfile],
        sensitive: "Managers administer the users and routing of their department",
    };

    pub const TEAM_MANAGER = {
        name: "TeamManager",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [Queue],
        restrict hierarchy: [User],
        hierarchy group: "3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f",
        sensitive: "Managers administer the users of their team",
    };
}

fn main() {}
