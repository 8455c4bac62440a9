// TooManyAccessControlTags, and the tag rules on access-control tags (`restrict tags`).
use switchboard::security_profile;

security_profile! {
    pub const TOO_MANY = {
        name: "TooManyAccessTags",
        preset: CallCenterManager,
        restrict tags: { "A": "1", "B": "2", "C": "3", "D": "4", "E": "5" } on [Queue],
        sensitive: "Managers edit users",
    };

    pub const BAD_KEYS = {
        name: "BadAccessTags",
        preset: CallCenterManager,
        restrict tags: { "aws:team": "x", "Department": "Sales", "Department": "Support" } on [Queue],
        sensitive: "Managers edit users",
    };
}

fn main() {}
