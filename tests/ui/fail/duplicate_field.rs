// DuplicateField: each field may appear once.
use switchboard::security_profile;

security_profile! {
    pub const TWICE = {
        name: "Twice",
        preset: Agent,
        permissions: [Users.View],
        name: "Again",
        permissions: [Queues.View],
        restrict hierarchy: [User],
        restrict hierarchy: [User],
    };
}

fn main() {}
