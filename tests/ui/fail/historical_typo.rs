// HistoricalTypo: names AWS documentation once printed by mistake are rejected with the right
// name.
use switchboard::security_profile;

security_profile! {
    pub const TYPOS = {
        name: "AwsTypos",
        permissions: [
            Tasktemplates.View,
            RealTimeMetrics.Access,
            "HistoricalMetrics.Access",
            AgentActivityAudit.Access,
        ],
    };
}

fn main() {}
