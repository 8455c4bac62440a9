#![deny(deprecated)]
// RedactedAndUnredacted and DownloadWithoutAccess. The Admin preset holds both versions by
// design (it mirrors the built-in Admin profile), so it does not warn on its own.
use switchboard::security_profile;

security_profile! {
    pub const BOTH = {
        name: "Both",
        groups: [RedactedRecordingsAccess, UnredactedRecordingsAccess],
        sensitive: "Compliance",
    };

    pub const DOWNLOAD_ONLY = {
        name: "DownloadOnly",
        preset: Agent,
        permissions: [CallRecordings.Redacted.DownloadButton, ScreenRecording.Redacted.Download],
        sensitive: "Exports recordings for legal holds",
    };

    pub const ADMIN = {
        name: "SystemAdmin",
        preset: Admin,
        sensitive: "Administrators",
    };
}

fn main() {}
