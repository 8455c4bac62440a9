#![deny(deprecated)]
// ReasonWithoutSensitive: a `sensitive` reason on a profile that grants nothing sensitive,
// also when `without` removed the only sensitive permission.
use switchboard::security_profile;

security_profile! {
    pub const AGENT = {
        name: "PlainAgent",
        preset: Agent,
        sensitive: "Agents handle calls",
    };

    pub const MANAGER_WITHOUT_USERS = {
        name: "ManagerWithoutUsers",
        preset: CallCenterManager,
        without: [Users.Create, Users.Edit],
        sensitive: "Managers edit users",
    };
}

fn main() {}
