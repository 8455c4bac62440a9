// UnknownPreset: a built-in preset name that does not exist.
use switchboard::security_profile;

security_profile! {
    pub const PRESETS = {
        name: "Presets",
        preset: [Supervsor, Frobnicator, supervisor, AgentOutbound],
    };
}

fn main() {}
