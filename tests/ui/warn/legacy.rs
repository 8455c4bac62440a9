#![deny(deprecated)]
// LegacyPermission (with the replacement) and EndOfSupport, in profiles and in presets.
// `without` may name them silently.
use switchboard::{preset, security_profile};

security_profile! {
    pub const LEGACY = {
        name: "Legacy",
        preset: Agent,
        permissions: [Audio.View, ListenCallRecordings, "RedactedData.View", VoiceId.Access],
        without: [DownloadCallRecordings],
        sensitive: "Compliance listens to recordings",
    };
}

preset! {
    pub OLD_AGENT = {
        preset: Agent,
        permissions: ["Audio.View"],
    };
}

fn main() {}
