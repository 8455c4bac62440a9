// MissingName, NamePattern, NameLength, NameCollidesWithBuiltin, DuplicateProfileName.
use switchboard::security_profile;

security_profile! {
    pub const NO_NAME = {
        preset: Agent,
    };

    pub const BAD_CHARACTERS = {
        name: "Team Lead (EU)!",
        preset: Agent,
    };

    pub const EMPTY = {
        name: "",
        preset: Agent,
    };

    pub const TOO_LONG = {
        name: "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
        preset: Agent,
    };

    pub const BUILTIN = {
        name: "admin",
        preset: Agent,
    };

    pub const BUILTIN_EXACT = {
        name: "QualityAnalyst",
        preset: QualityAnalyst,
    };

    pub const TEAM_LEAD = {
        name: "TeamLead",
        preset: Supervisor,
    };

    pub const TEAM_LEAD_AGAIN = {
        name: "teamlead",
        preset: Supervisor,
    };
}

fn main() {}
