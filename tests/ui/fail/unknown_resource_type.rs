// UnknownResourceType: `restrict tags ... on [...]` names a type AWS cannot restrict.
use switchboard::security_profile;

security_profile! {
    pub const RESOURCES = {
        name: "Resources",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [Queues, Widget, unchecked(""), Queue, SecurityProfile],
        sensitive: "Managers administer their department's users",
    };
}

fn main() {}
