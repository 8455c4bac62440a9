//! Recording and transcript permissions that contradict or do nothing: redacted and unredacted
//! versions of the same media together, and download buttons without the access they belong to.

use crate::diagnostic::{Diagnostic, Rule};

use crate::presets;

use super::compose::{Composition, Origin, Source};

/// Redacted and unredacted versions of the same media; Connect shows one or the other.
pub const REDACTED_PAIRS: [(&str, &str); 6] = [
    (
        "CallRecordings.Redacted.Access",
        "CallRecordings.Unredacted.Access",
    ),
    (
        "ContactTranscripts.Redacted.Access",
        "ContactTranscripts.Unredacted.Access",
    ),
    (
        "AutomatedVoiceInteraction.Recordings.Redacted.Access",
        "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
    ),
    (
        "AutomatedVoiceInteraction.Transcripts.Redacted.Access",
        "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
    ),
    // `ScreenRecording.Access` plays the video with the unredacted audio (rules.md).
    ("ScreenRecording.Redacted.Access", "ScreenRecording.Access"),
    ("RedactedData.View", "ListenCallRecordings"),
];

/// The access a download permission needs to do anything: `X.DownloadButton` needs
/// `X.Access`, and `ScreenRecording.Redacted.Download` needs `ScreenRecording.Redacted.Access`.
pub fn required_access(permission: &str) -> Option<String> {
    if let Some(base) = permission.strip_suffix(".DownloadButton") {
        return Some(format!("{base}.Access"));
    }
    if permission == "ScreenRecording.Redacted.Download" {
        return Some("ScreenRecording.Redacted.Access".to_owned());
    }
    None
}

/// True when every origin of every named permission is one and the same built-in preset: the
/// preset mirrors an AWS built-in profile, so the combination is AWS's choice, not the user's.
fn only_from_one_builtin_preset<L>(origins: &[&[Origin<L>]]) -> bool {
    let mut presets = origins
        .iter()
        .flat_map(|o| o.iter())
        .map(|o| match &o.source {
            Source::Preset(name) => presets::preset(name).map(|p| p.name),
            _ => None,
        });
    match presets.next() {
        Some(Some(first)) => presets.all(|p| p == Some(first)),
        _ => false,
    }
}

/// Checks the final set.
pub fn check<L: Clone>(composition: &Composition<L>, out: &mut Vec<Diagnostic<L>>) {
    let set = &composition.permissions;
    for (redacted, unredacted) in REDACTED_PAIRS {
        if let (Some(first), Some(origins)) = (set.get(redacted), set.get(unredacted)) {
            if only_from_one_builtin_preset(&[first, origins]) {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    Rule::RedactedAndUnredacted,
                    origins[0].at.clone(),
                    format!(
                        "the profile grants both `{redacted}` and `{unredacted}`; Connect shows one version of the media, never both"
                    ),
                )
                .help(format!("keep `{redacted}` unless the role must hear or read unredacted data")),
            );
        }
    }
    for (permission, origins) in set {
        if let Some(access) = required_access(permission)
            && !set.contains_key(&access)
            && !only_from_one_builtin_preset(&[origins])
        {
            out.push(
                Diagnostic::warning(
                    Rule::DownloadWithoutAccess,
                    origins[0].at.clone(),
                    format!("`{permission}` does nothing without `{access}`"),
                )
                .help(format!("add `{access}`, or remove `{permission}`")),
            );
        }
    }
}
