#![deny(deprecated)]
// Attributes on one profile reach that profile's warnings: `#[allow(deprecated)]` on ACCEPTED
// silences its EndOfSupport warning where it stands; OTHER, in the same invocation, still
// warns, and so does the preset without an `allow`.
use switchboard::{preset, security_profile};

security_profile! {
    /// The team accepted this one.
    #[allow(deprecated)]
    pub const ACCEPTED = {
        name: "Accepted",
        preset: Agent,
        permissions: [VoiceId.Access],
    };

    pub const OTHER = {
        name: "Other",
        preset: Agent,
        permissions: [VoiceId.Access],
    };
}

preset! {
    #[allow(deprecated)]
    pub ACCEPTED_PRESET = {
        permissions: [VoiceId.Access],
    };

    pub OTHER_PRESET = {
        permissions: [VoiceId.Access],
    };
}

fn main() {}
