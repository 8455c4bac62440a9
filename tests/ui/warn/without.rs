#![deny(deprecated)]
// WithoutNotGranted and WithoutImpliedView: `without` that removes nothing.
use switchboard::security_profile;

security_profile! {
    pub const INBOUND = {
        name: "Inbound",
        preset: Agent,
        // Agent has no OutboundCallAccess: nothing to remove.
        without: [OutboundCallAccess, "ManagerBargeIn", TransferContact.Enabled],
    };

    pub const QUEUE_EDITOR = {
        name: "QueueEditor",
        preset: Agent,
        permissions: [Queues.Edit],
        // The console adds Queues.View with Queues.Edit: removing it cannot work.
        without: [Queues.View],
    };
}

fn main() {
    assert!(!INBOUND.has_permission("TransferContact.Enabled"));
    assert!(QUEUE_EDITOR.has_permission("Queues.View"));
}
