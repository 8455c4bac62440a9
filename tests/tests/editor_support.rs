//! Every kind of reference the macros emit for rust-analyzer (this crate's build script sets
//! `cfg(rust_analyzer)`, so they are compiled here): a dotted and a top-level permission, a seed
//! name and a seed category's `All`, a built-in preset, a preset defined with `preset!`, a
//! group. If one of those paths stopped resolving, this file would not compile.

use switchboard::{preset, security_profile};

preset! {
    /// A custom preset, referenced by path below.
    pub SEARCHING_AGENT = {
        preset: Agent,
        permissions: [ContactSearch.View],
    };
}

security_profile! {
    /// One of each.
    pub const EVERY_REFERENCE = {
        name: "EveryReference",
        preset: [OutboundAgent, SEARCHING_AGENT],
        groups: [Reporting],
        permissions: [Queues.View, AccessMetrics, ContactControlPanel::All],
    };
}

#[test]
fn a_profile_with_every_kind_of_reference_has_what_they_name() {
    let profile = EVERY_REFERENCE;
    for api in [
        "Queues.View",
        "AccessMetrics",
        "OutboundCallAccess",
        "ContactSearch.View",
    ] {
        assert!(profile.has_permission(api), "{api} missing");
    }
    assert!(
        switchboard::groups::Reporting
            .permissions()
            .iter()
            .all(|p| profile.has_permission(p))
    );
}
