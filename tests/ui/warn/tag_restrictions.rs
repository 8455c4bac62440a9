#![deny(deprecated)]
// TagRestrictedNotViewable and UserRestrictedWithoutSecurityProfile.
use switchboard::security_profile;

security_profile! {
    pub const CANNOT_VIEW = {
        name: "CannotView",
        preset: Supervisor,
        restrict tags: { "Department": "Sales" } on [Queue, RoutingProfile],
    };

    pub const USERS_ONLY = {
        name: "UsersOnly",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [User, Queue],
        sensitive: "Managers edit the users of their department",
    };

    pub const BOTH_RESTRICTED = {
        name: "BothRestricted",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [User, SecurityProfile],
        sensitive: "Managers edit the users of their department",
    };
}

fn main() {}
