// Each profile ends with `;`.
use switchboard::security_profile;

security_profile! {
    pub const FIRST = {
        name: "First",
        preset: Agent,
    }

    pub const SECOND = {
        name: "Second",
        preset: Agent,
    };

    pub const LAST = {
        name: "Last",
        preset: Agent,
    }
}

fn main() {}
