// A profile must be written `pub const NAME = { ... };`.
use switchboard::security_profile;

security_profile! {
    pub NO_CONST = {
        name: "NoConst",
        preset: Agent,
    };

    pub const GOOD = {
        name: "Good",
        preset: Agent,
    };

    pub const = {
        name: "NoIdent",
        preset: Agent,
    };
}

fn main() {
    // The profiles after the malformed one are still defined.
    let _ = GOOD.name();
}
