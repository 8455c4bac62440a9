// IamActionAsPermission: IAM actions are not security-profile permissions.
use switchboard::security_profile;

security_profile! {
    pub const IAM = {
        name: "Iam",
        permissions: [connect:CreateUser, "connect:*", connect:*, "connect:DescribeUser"],
    };
}

fn main() {}
