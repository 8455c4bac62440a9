// UnknownField: a field the DSL does not have, with a suggestion only when one is close.
use switchboard::security_profile;

security_profile! {
    pub const FIELDS = {
        name: "Fields",
        permisions: [Users.View],
        Description: "Upper-case D",
        colour: "blue",
        restrict queues: [Queue],
        hierarchy: "3f2b9c1e",
        preset: Agent,
    };

    // A misspelt field is not also reported as missing (`MissingName`), and the rules that
    // read the field it meant stay silent (no `SensitiveWithoutReason` here, where the
    // permissions were not read).
    pub const MISSPELT = {
        nmae: "Misspelt",
        preset: Supervisor,
        permisions: [Users.Edit],
        sensitive: "Edits users",
    };
}

fn main() {
    // The valid fields still count.
    assert!(FIELDS.has_permission("BasicAgentAccess"));
    let _ = MISSPELT.permissions();
}
