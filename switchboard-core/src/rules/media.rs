//! Recording and transcript permissions that contradict or do nothing: redacted and unredacted
//! versions of the same media together, and download buttons without the access they belong to.

use crate::diagnostic::{Diagnostic, Fix, Help, Rule};

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

/// Where the unredacted side of some pairs came from, and those (redacted, unredacted) pairs.
type Cause<'a, L> = (&'a Origin<L>, Vec<(&'static str, &'static str)>);

/// A preset or group as a message names it: the group `UnredactedRecordingsAccess`.
fn named(source: &Source) -> String {
    match source {
        Source::Preset(name) => format!("the preset `{name}`"),
        Source::Group(name) => format!("the group `{name}`"),
        other => other.describe(),
    }
}

/// The pairs of [`REDACTED_PAIRS`] that a final set holds both halves of and that [`check`]
/// reports: all but those one built-in preset brings alone. `switchboard audit` compares a
/// template's pairs with those of the profile `import` would write.
pub fn reported_pairs<L>(composition: &Composition<L>) -> Vec<(&'static str, &'static str)> {
    let set = &composition.permissions;
    REDACTED_PAIRS
        .into_iter()
        .filter(
            |(redacted, unredacted)| match (set.get(*redacted), set.get(*unredacted)) {
                (Some(first), Some(second)) => !only_from_one_builtin_preset(&[first, second]),
                _ => false,
            },
        )
        .collect()
}

/// Checks the final set. Pairs of redacted and unredacted media that one preset or group
/// brings in are reported once, with the one `without` that keeps the unredacted versions: a
/// role given `UnredactedRecordingsAccess` on top of `QualityAnalyst` gets one warning, not
/// three.
pub fn check<L: Clone>(composition: &Composition<L>, out: &mut Vec<Diagnostic<L>>) {
    let set = &composition.permissions;
    let mut causes: Vec<Cause<'_, L>> = Vec::new();
    for (redacted, unredacted) in reported_pairs(composition) {
        let cause = &set[unredacted][0];
        let shared = matches!(cause.source, Source::Preset(_) | Source::Group(_));
        match causes
            .iter_mut()
            .find(|(c, _)| shared && c.source == cause.source)
        {
            Some((_, pairs)) => pairs.push((redacted, unredacted)),
            None => causes.push((cause, vec![(redacted, unredacted)])),
        }
    }
    for (cause, pairs) in causes {
        let redacted: Vec<String> = pairs.iter().map(|(r, _)| (*r).to_owned()).collect();
        let unredacted: Vec<&str> = pairs.iter().map(|(_, u)| *u).collect();
        let message = if let [(r, u)] = pairs[..] {
            format!(
                "the profile grants both `{r}` and `{u}`; Connect shows one version of the media, never both"
            )
        } else {
            format!(
                "{} grants `{}`, and the profile also grants their redacted versions `{}`; Connect shows one version of the media, never both",
                named(&cause.source),
                unredacted.join("`, `"),
                redacted.join("`, `")
            )
        };
        // Redacted versions the profile lists itself are simply dropped from the list.
        let listed = redacted
            .iter()
            .all(|r| set[r].iter().all(|o| matches!(o.source, Source::Explicit)));
        let keep_unredacted = if listed {
            Fix::Ungrant(redacted)
        } else {
            Fix::Remove(redacted)
        };
        let otherwise = match &cause.source {
            Source::Preset(_) | Source::Group(_) => named(&cause.source),
            _ => format!("`{}`", unredacted.join("`, `")),
        };
        out.push(
            Diagnostic::warning(Rule::RedactedAndUnredacted, cause.at.clone(), message).help(
                Help::from("if the role must hear or read unredacted data, ")
                    .fix(keep_unredacted)
                    .text(format!("; otherwise remove {otherwise}")),
            ),
        );
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
