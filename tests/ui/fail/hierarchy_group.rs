// HierarchyGroupId: `^[a-zA-Z0-9-]*$`, at most 127 characters.
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
}

fn main() {}
