// preset! takes only the permission fields: `preset`, `groups`, `permissions`, `without`.
use switchboard::preset;

preset! {
    pub TEAM = {
        name: "Team",
        description: "A preset has no description",
        preset: Agent,
        permissions: [Users.View],
        tags: { "Role": "Team" },
        restrict hierarchy: [User],
        sensitive: "reason",
        permisions: [Queues.View],
    };
}

fn main() {}
