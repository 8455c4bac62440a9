// SensitiveWithoutReason: the message lists each sensitive permission and where it came from
// (preset, group, explicit); EmptySensitiveReason.
use switchboard::security_profile;

security_profile! {
    pub const MANAGER = {
        name: "Manager",
        preset: CallCenterManager,
        groups: [UserManagement],
        permissions: [Users.Delete, HistoricalChanges::ViewHistoricalChanges],
    };

    pub const ONE = {
        name: "One",
        preset: Agent,
        permissions: [CallRecordings.Unredacted.Access],
    };

    pub const EMPTY_REASON = {
        name: "EmptyReason",
        groups: [UnredactedRecordingsAccess],
        sensitive: "   ",
    };
}

fn main() {}
