// A preset defined with `preset!` in another crate (`switchboard-examples`), used by path.
use switchboard::security_profile;

security_profile! {
    pub const SPECIALIST = {
        name: "Specialist",
        preset: [switchboard_examples::guide::SPECIALIZED_AGENT, OutboundAgent],
        permissions: [CustomerProfiles.View],
    };
}

fn main() {
    let profile = SPECIALIST;
    let names: Vec<&str> = profile.permissions().iter().map(|p| p.as_ref()).collect();
    assert_eq!(
        names,
        [
            "BasicAgentAccess",
            "ContactSearch.View",
            "CustomerProfiles.View",
            "OutboundCallAccess",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ]
    );
}
