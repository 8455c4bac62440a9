// UnknownPermission: a name the catalog does not know, with a suggestion only when one is
// likely right.
use switchboard::security_profile;

security_profile! {
    pub const TYPOS = {
        name: "Typos",
        permissions: [
            Users.Edti,                  // -> Users.Edit (transposition)
            "ContactFlowModules.Veiw",   // -> ContactFlowModules.View, written as a string
            users.view,                  // -> Users.View (letter case)
            RoutingProfiles.View,        // -> RoutingPolicies.View (the console's label)
            QueueMetrics.Access,         // invented: nothing close, no suggestion
            Frobnicate.Everything,       // nothing close, no suggestion
        ],
    };
}

fn main() {
    // The profile still exists with what was valid, so code using it keeps compiling.
    let _ = TYPOS.permissions();
}
