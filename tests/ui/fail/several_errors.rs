// One build reports every error of every profile, not only the first, and the constants are
// still defined so the code that uses them does not add errors of its own.
use switchboard::security_profile;

security_profile! {
    pub const FIRST = {
        name: "Call Center Manager!",
        preset: Supervsor,
        groups: [BasicAgent, Reportin],
        permissions: [Users.Edti, connect:CreateUser, Tasktemplates.View, Users.Delete],
        tags: { "aws:owner": "me" },
        restrict hierarchy: [Queue],
    };

    pub const SECOND = {
        name: "Second",
        description: "Fine",
        preset: Agent,
        permisions: [Queues.View],
        hierarchy group: "not a uuid",
    };
}

fn main() {
    let both = [&FIRST, &SECOND];
    assert_eq!(both.len(), 2);
    assert!(FIRST.has_permission("BasicAgentAccess"));
}
