// CloudFormationSyntaxInText: free text must reach AWS as written. `{{resolve:...}}` is a
// dynamic reference CloudFormation replaces at deploy time, and `${...}` outside `Fn::Sub` is
// rejected by cfn-lint (E1029).
use switchboard::security_profile;

security_profile! {
    pub const NOTES = {
        name: "Notes",
        description: "Costs are booked in ${AWS::Region}",
        permissions: [BasicAgentAccess, unchecked("{{resolve:ssm:/newest/permission}}")],
        tags: { "Owner": "{{resolve:ssm:/team/owner}}" },
    };
}

fn main() {}
