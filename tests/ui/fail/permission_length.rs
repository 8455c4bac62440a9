// PermissionLength: a permission must be 1..128 characters, even `unchecked`.
use switchboard::security_profile;

security_profile! {
    pub const LENGTHS = {
        name: "Lengths",
        permissions: [
            unchecked(""),
            unchecked("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            "",
            unchecked("NewFeature.View"),
        ],
    };
}

fn main() {
    // The valid `unchecked` permission is kept.
    assert!(LENGTHS.has_permission("NewFeature.View"));
}
