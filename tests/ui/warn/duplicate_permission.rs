#![deny(deprecated)]
// DuplicatePermission: the second occurrence of a permission warns at that token; the profile
// holds it once.
use switchboard::security_profile;

security_profile! {
    pub const VIEWER = {
        name: "Viewer",
        preset: Agent,
        permissions: [Users.View, Queues.View, "Users.View"],
    };
}

fn main() {
    assert_eq!(VIEWER.permissions().iter().filter(|p| *p == "Users.View").count(), 1);
}
