// HierarchyGroupId: not empty, `^[a-zA-Z0-9-]*$`, at most 127 characters.
// HierarchyRestrictionIncomplete: `restrict hierarchy` and `hierarchy group` go together.
use switchboard::security_profile;

security_profile! {
    pub const ARN = {
        name: "Arn",
        preset: Supervisor,
        restrict hierarchy: [User],
        hierarchy group: "arn:aws:connect:us-east-1:123456789012:instance/abc/agent-group/3f2b9c1e",
    };

    pub const BY_NAME = {
        name: "ByName",
        preset: Supervisor,
        restrict hierarchy: [User],
        hierarchy group: "Team Blue",
    };

    pub const TOO_LONG = {
        name: "TooLong",
        preset: Supervisor,
        restrict hierarchy: [User],
        hierarchy group: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    };

    pub const EMPTY = {
        name: "Empty",
        preset: Supervisor,
        restrict hierarchy: [User],
        hierarchy group: "",
    };

    pub const NO_GROUP = {
        name: "NoGroup",
        preset: Supervisor,
        restrict hierarchy: [User],
    };

    pub const GROUP_ONLY = {
        name: "GroupOnly",
        preset: Supervisor,
        hierarchy group: "3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f",
    };
}

fn main() {}
