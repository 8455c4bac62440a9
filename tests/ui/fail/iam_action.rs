// IamActionAsPermission: IAM actions are not security-profile permissions. Where an action
// stands for one permission with certainty (catalog::IAM_ACTIONS), the help names it.
use switchboard::security_profile;

security_profile! {
    pub const IAM = {
        name: "Iam",
        permissions: [connect:CreateUser, "connect:*", connect:*, "connect:DescribeUser", connect:DescribeQueue, connect:DeleteQueue],
    };
}

fn main() {}
