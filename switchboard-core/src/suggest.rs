//! "Did you mean" suggestions, made the way rustc makes them: a suggestion only when it is
//! likely right, no suggestion rather than a wrong one.
//!
//! In order: the same name in other letter case; then the closest name within an edit distance
//! of a third of the length (transpositions count once); then a name made of the same words in
//! another order (words split at dots and CamelCase humps). Suggestions are computed only on
//! errors, and candidates are prefiltered by length so a miss stays cheap.

use std::sync::OnceLock;

use crate::catalog::{self, PERMISSIONS};

/// The best suggestion for `input` among `candidates`, if one is likely right.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if input.is_empty() {
        return None;
    }
    if let Some(found) = same_or_close(input, candidates.clone()) {
        return Some(found);
    }
    let wanted = sorted_words(input);
    if wanted.len() < 2 {
        return None;
    }
    candidates.into_iter().find(|c| sorted_words(c) == wanted)
}

/// The first two steps: the same name in another case, then the closest within the distance.
fn same_or_close<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if let Some(same) = candidates
        .clone()
        .into_iter()
        .find(|c| c.eq_ignore_ascii_case(input))
    {
        return Some(same);
    }
    let limit = max_distance(input);
    let input_chars: Vec<char> = input.chars().collect();
    let input_histogram = Histogram::of(&input_chars);
    let mut scratch = Scratch::default();
    let mut candidate_chars: Vec<char> = Vec::new();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        // Byte length bounds the character count from above and equals it for ASCII names.
        if candidate.len() + limit < input_chars.len() {
            continue;
        }
        candidate_chars.clear();
        candidate_chars.extend(candidate.chars());
        if candidate_chars.len().abs_diff(input_chars.len()) > limit {
            continue;
        }
        let bound = best.map_or(limit, |(d, _)| d.saturating_sub(1));
        if input_histogram.lower_bound(&Histogram::of(&candidate_chars)) > bound {
            continue;
        }
        if let Some(d) = scratch.distance(&input_chars, &candidate_chars, bound)
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The best suggestion for an unknown permission name: a catalog name, or the right name of a
/// historical AWS typo, also matching the console's labels (`RoutingProfiles.View` is
/// `RoutingPolicies.View`, labelled "Routing profiles - View").
pub fn suggest_permission(input: &str) -> Option<&'static str> {
    if input.is_empty() {
        return None;
    }
    if let Some(typo) = catalog::rejected(input) {
        return Some(typo.correct);
    }
    if let Some(found) = same_or_close(input, PERMISSIONS.iter().map(|p| p.api)) {
        return Some(found);
    }
    let wanted = sorted_words(input);
    if wanted.len() < 2 {
        return None;
    }
    let words = catalog_words();
    if let Some(i) = words.iter().position(|w| w.api == wanted) {
        return Some(PERMISSIONS[i].api);
    }
    let mut by_label = words
        .iter()
        .enumerate()
        .filter(|(i, w)| !PERMISSIONS[*i].status.is_legacy() && w.label == wanted);
    match (by_label.next(), by_label.next()) {
        (Some((only, _)), None) => Some(PERMISSIONS[only].api),
        _ => None,
    }
}

/// The sorted words of every catalog name and label, computed once per process (the macro's
/// process lives for a whole crate's compilation) and only when a suggestion is needed.
struct CatalogWords {
    api: Vec<String>,
    label: Vec<String>,
}

fn catalog_words() -> &'static [CatalogWords] {
    static WORDS: OnceLock<Vec<CatalogWords>> = OnceLock::new();
    WORDS.get_or_init(|| {
        PERMISSIONS
            .iter()
            .map(|p| CatalogWords {
                api: sorted_words(p.api),
                label: sorted_words(p.ui),
            })
            .collect()
    })
}

/// A third of the length, at least one: rustc's threshold.
fn max_distance(input: &str) -> usize {
    (input.chars().count() / 3).max(1)
}

/// Optimal-string-alignment distance, or `None` when it exceeds `bound`.
pub fn edit_distance(a: &str, b: &str, bound: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    Scratch::default().distance(&a, &b, bound)
}

/// How often each character class occurs. One edit changes the counts by at most two, so half
/// the difference of two histograms bounds the edit distance from below: a cheap filter that
/// spares the full table for most candidates.
struct Histogram([u16; 64]);

impl Histogram {
    fn of(chars: &[char]) -> Self {
        let mut counts = [0u16; 64];
        for c in chars {
            let class = match c {
                'a'..='z' => *c as usize - 'a' as usize,
                'A'..='Z' => 26 + (*c as usize - 'A' as usize),
                '0'..='9' => 52 + (*c as usize - '0' as usize) % 10,
                '.' => 62,
                _ => 63,
            };
            counts[class] = counts[class].saturating_add(1);
        }
        Histogram(counts)
    }

    fn lower_bound(&self, other: &Histogram) -> usize {
        let diff: usize = self
            .0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum();
        diff.div_ceil(2)
    }
}

/// The three rows of the distance table, reused from one candidate to the next.
#[derive(Default)]
struct Scratch {
    before_previous: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl Scratch {
    fn distance(&mut self, a: &[char], b: &[char], bound: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > bound {
            return None;
        }
        let width = b.len() + 1;
        self.before_previous.clear();
        self.before_previous.resize(width, 0);
        self.previous.clear();
        self.previous.extend(0..width);
        self.current.clear();
        self.current.resize(width, 0);
        for i in 1..=a.len() {
            self.current[0] = i;
            let mut row_min = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut d = (self.previous[j] + 1)
                    .min(self.current[j - 1] + 1)
                    .min(self.previous[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(self.before_previous[j - 2] + 1);
                }
                self.current[j] = d;
                row_min = row_min.min(d);
            }
            if row_min > bound {
                return None;
            }
            std::mem::swap(&mut self.before_previous, &mut self.previous);
            std::mem::swap(&mut self.previous, &mut self.current);
        }
        let d = self.previous[b.len()];
        (d <= bound).then_some(d)
    }
}

/// The lower-cased words of a name, sorted: `RoutingProfiles.View` and "Routing profiles - View"
/// both give `[profiles, routing, view]`.
fn sorted_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.sort();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_the_right_name() {
        assert_eq!(suggest_permission("Users.Edti"), Some("Users.Edit"));
        assert_eq!(suggest_permission("users.edit"), Some("Users.Edit"));
        assert_eq!(
            suggest_permission("Tasktemplates.View"),
            Some("TaskTemplates.View")
        );
        assert_eq!(
            suggest_permission("RealTimeMetrics.Access"),
            Some("AccessMetrics.RealTimeMetrics.Access")
        );
        assert_eq!(
            suggest_permission("ContactFlowModules.Veiw"),
            Some("ContactFlowModules.View")
        );
    }

    #[test]
    fn console_labels_lead_to_the_api_name() {
        assert_eq!(
            suggest_permission("RoutingProfiles.View"),
            Some("RoutingPolicies.View")
        );
    }

    #[test]
    fn nothing_close_means_no_suggestion() {
        assert_eq!(suggest_permission("Frobnicate.Everything"), None);
        assert_eq!(suggest_permission("X"), None);
        assert_eq!(suggest_permission(""), None);
        assert_eq!(did_you_mean("Zzzzzzz", ["Agent", "Supervisor"]), None);
    }

    #[test]
    fn short_lists_work_like_rustc() {
        let presets = ["Agent", "OutboundAgent", "Supervisor", "Admin"];
        assert_eq!(did_you_mean("Supervsor", presets), Some("Supervisor"));
        assert_eq!(did_you_mean("agent", presets), Some("Agent"));
        let fields = ["name", "permissions", "preset"];
        assert_eq!(did_you_mean("permisions", fields), Some("permissions"));
        assert_eq!(
            did_you_mean("AgentOutbound", presets),
            Some("OutboundAgent")
        );
    }

    #[test]
    fn distance_is_bounded_and_counts_transpositions_once() {
        assert_eq!(edit_distance("Edti", "Edit", 3), Some(1));
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
        assert_eq!(edit_distance("", "abc", 3), Some(3));
    }
}
