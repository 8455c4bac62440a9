//! "Did you mean" suggestions, made the way rustc makes them: a suggestion only when it is
//! likely right, no suggestion rather than a wrong one.
//!
//! In order: the same name in other letter case; then the closest name within an edit distance
//! of a third of the length (transpositions count once); then a name made of the same words in
//! another order (words split at dots and CamelCase humps). Suggestions are computed only on
//! errors, and candidates are prefiltered by length so a miss stays cheap.

use crate::catalog::{self, PERMISSIONS};

/// The best suggestion for `input` among `candidates`, if one is likely right.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if input.is_empty() {
        return None;
    }
    if let Some(same) = candidates
        .clone()
        .into_iter()
        .find(|c| c.eq_ignore_ascii_case(input))
    {
        return Some(same);
    }
    let limit = max_distance(input);
    let input_len = input.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates.clone() {
        let candidate_len = candidate.chars().count();
        if candidate_len.abs_diff(input_len) > limit {
            continue;
        }
        let bound = best.map_or(limit, |(d, _)| d.saturating_sub(1));
        if let Some(d) = edit_distance(input, candidate, bound) {
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, candidate));
            }
        }
    }
    if let Some((_, candidate)) = best {
        return Some(candidate);
    }
    let wanted = sorted_words(input);
    if wanted.len() < 2 {
        return None;
    }
    candidates.into_iter().find(|c| sorted_words(c) == wanted)
}

/// The best suggestion for an unknown permission name: a catalog name, or the right name of a
/// historical AWS typo, also matching the console's labels (`RoutingProfiles.View` is
/// `RoutingPolicies.View`, labelled "Routing profiles - View").
pub fn suggest_permission(input: &str) -> Option<&'static str> {
    if let Some(typo) = catalog::rejected(input) {
        return Some(typo.correct);
    }
    if let Some(found) = did_you_mean(input, PERMISSIONS.iter().map(|p| p.api)) {
        return Some(found);
    }
    let wanted = sorted_words(input);
    if wanted.len() < 2 {
        return None;
    }
    let mut by_label = PERMISSIONS
        .iter()
        .filter(|p| !p.status.is_legacy() && sorted_words(p.ui) == wanted);
    match (by_label.next(), by_label.next()) {
        (Some(only), None) => Some(only.api),
        _ => None,
    }
}

/// A third of the length, at least one: rustc's threshold.
fn max_distance(input: &str) -> usize {
    (input.chars().count() / 3).max(1)
}

/// Optimal-string-alignment distance, or `None` when it exceeds `bound`.
pub fn edit_distance(a: &str, b: &str, bound: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let width = b.len() + 1;
    let mut before_previous = vec![0usize; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current = vec![0usize; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before_previous[j - 2] + 1);
            }
            current[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > bound {
            return None;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[b.len()];
    (d <= bound).then_some(d)
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
