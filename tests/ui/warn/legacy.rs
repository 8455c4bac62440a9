#![deny(deprecated)]
// LegacyPermission (with the replacement) and EndOfSupport. `without` may name them silently.
use switchboard::security_profile;

security_profile! {
    pub const LEGACY = {
        name: "Legacy",
        preset: Agent,
        permissions: [Audio.View, ListenCallRecordings, "RedactedData.View", VoiceId.Access],
        without: [DownloadCallRecordings],
        sensitive: "Compliance listens to recordings",
    };
}

fn main() {}
