#![deny(deprecated)]
// RedactedAndUnredacted for a QA analyst who must hear unredacted recordings: one warning for
// the one cause (the group), whose help is the exact `without`; written out, nothing warns.
use switchboard::security_profile;

security_profile! {
    pub const QA_UNREDACTED = {
        name: "QaUnredacted",
        preset: QualityAnalyst,
        groups: [UnredactedRecordingsAccess],
        sensitive: "Compliance reviews need the unredacted recordings",
    };

    pub const QA_UNREDACTED_FIXED = {
        name: "QaUnredactedFixed",
        preset: QualityAnalyst,
        groups: [UnredactedRecordingsAccess],
        without: [CallRecordings.Redacted.Access, ContactTranscripts.Redacted.Access, ScreenRecording.Redacted.Access],
        sensitive: "Compliance reviews need the unredacted recordings",
    };
}

fn main() {}
