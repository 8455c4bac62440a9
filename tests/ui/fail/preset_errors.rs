// preset! runs the permission rules too, and still defines the preset with what was valid.
use switchboard::{preset, security_profile};

preset! {
    pub BROKEN = {
        preset: Agnet,
        groups: [Reporting],
        permissions: [Queues.Veiw, "connect:ListQueues", Tasktemplates.View],
    };

    pub const WITH_CONST = {
        permissions: [Queues.View],
    };
}

security_profile! {
    pub const USES_IT = {
        name: "UsesIt",
        preset: BROKEN,
    };
}

fn main() {
    let _ = USES_IT.permissions();
}
