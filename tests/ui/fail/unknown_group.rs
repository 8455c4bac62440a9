// UnknownGroup: a permission group that is not built in.
use switchboard::security_profile;

security_profile! {
    pub const GROUPS = {
        name: "Groups",
        groups: [SupervisorMonitorin, BasicAgent, Everything, basicagent],
    };
}

fn main() {}
