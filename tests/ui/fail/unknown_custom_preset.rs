// A path to a preset that no `preset!` defined: rustc reports the missing item at the path.
use switchboard::security_profile;

mod presets {}

security_profile! {
    pub const CUSTOM = {
        name: "Custom",
        preset: presets::NOT_DEFINED,
    };
}

fn main() {}
