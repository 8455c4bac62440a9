// A finding about the final permission set is not reported while an error leaves that set
// unknown, and an empty `sensitive` reason is not also told to be removed: each profile shows
// exactly one error, the real one.
use switchboard::security_profile;

security_profile! {
    // Only UnknownPermission: not also ReasonWithoutSensitive ("remove the `sensitive` field").
    pub const MISSPELT = {
        name: "Misspelt",
        permissions: [Users.Edti],
        sensitive: "x",
    };

    // Only EmptySensitiveReason: not also ReasonWithoutSensitive on the same token.
    pub const EMPTY = {
        name: "Empty",
        preset: Agent,
        sensitive: "",
    };

    // Only UnknownPreset: not also WithoutNotGranted for what the preset would have granted.
    pub const UNKNOWN_PRESET = {
        name: "UnknownPreset",
        preset: Supervisr,
        without: [ManagerBargeIn],
    };
}

fn main() {
    // The constants are still defined with what was valid.
    let _ = (MISSPELT, EMPTY, UNKNOWN_PRESET);
}
