// Syntax: each field's value has one shape; one bad value does not hide the next, and the
// constants are still defined.
use switchboard::security_profile;

security_profile! {
    pub const MALFORMED = {
        name: TeamLead,
        description: 42,
        permissions: Users.View,
        groups: ["BasicAgent"],
        tags: { "Role" = "Lead", Team: "Blue" },
        restrict tags: { "Department": "Sales" } [Queue],
        restrict hierarchy: User,
        sensitive: reason,
    };

    pub const MALFORMED_ITEMS = {
        name: "MalformedItems",
        permissions: [Users.View, 42, unchecked(NewFeature), unchecked("A", "B"), Queues.View Queues.Edit],
        preset: ["Agent"],
        restrict tags: { "Department": Sales } on [Queue, "RoutingProfile", 7],
        hierarchy group: "3f2b9c1e"
        sensitive "Edits queues",
        "tags": { "Role": "Lead" },
    };
}

fn main() {
    let _ = MALFORMED.name();
    let _ = MALFORMED_ITEMS.name();
}
