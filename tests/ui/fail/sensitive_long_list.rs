// SensitiveWithoutReason on a preset with many sensitive permissions: the message lists the
// first five and counts the rest, so it stays readable; the help says where the full list is.
use switchboard::security_profile;

security_profile! {
    pub const SYSTEM_ADMIN = {
        name: "SystemAdmin",
        preset: Admin,
    };
}

fn main() {}
