use switchboard::security_profile;
security_profile! {
    pub const TEAM_LEAD = {
        name: "TeamLead",
        permissions: [Users.Edti, Audio.View],
    };
}
fn main() {}
