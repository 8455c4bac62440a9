// Warnings do not fail the build: this profile warns (`WithoutNotGranted`, `LegacyPermission`)
// and still compiles and runs, with the legacy name granted and nothing removed.
use switchboard::security_profile;

security_profile! {
    pub const WARNS = {
        name: "Warns",
        preset: Agent,
        permissions: [Audio.View],
        without: [OutboundCallAccess],
    };
}

fn main() {
    assert!(WARNS.has_permission("Audio.View"));
    assert!(WARNS.has_permission("BasicAgentAccess"));
}
