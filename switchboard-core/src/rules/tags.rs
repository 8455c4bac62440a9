//! Tags and access-control tags: keys of `^(?!aws:)[a-zA-Z+-=._:/]+$` (1..128), values of at
//! most 256 characters, unique keys, at most 50 tags and 4 access-control tags.

use crate::diagnostic::{Diagnostic, Rule};
use crate::spec::TagSpec;

/// The most tags a resource may carry.
pub const MAX_TAGS: usize = 50;
/// The most access-control tags a profile may carry.
pub const MAX_ACCESS_CONTROL_TAGS: usize = 4;
/// The longest tag key.
pub const MAX_KEY_LEN: usize = 128;
/// The longest tag value.
pub const MAX_VALUE_LEN: usize = 256;

/// Which list of tags is being checked, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagList {
    /// `tags: { ... }`: resource tags.
    Resource,
    /// `restrict tags: { ... }`: access-control tags.
    AccessControl,
}

impl TagList {
    fn what(self) -> &'static str {
        match self {
            TagList::Resource => "tag",
            TagList::AccessControl => "access-control tag",
        }
    }
}

/// True for characters the CloudFormation schema's tag-key pattern accepts. Its class
/// `[a-zA-Z+-=._:/]` holds the range `+-=` (`+ , - . / 0-9 : ; < =`), so digits pass.
fn key_char_allowed(c: char) -> bool {
    c.is_ascii_alphabetic() || ('+'..='=').contains(&c) || matches!(c, '.' | '_' | ':' | '/')
}

/// True for keys starting with `aws:` in any letter case. The CloudFormation schema's pattern
/// only refuses the lower-case prefix, but AWS's tagging rules reserve every combination of
/// upper- and lower-case letters, so `AWS:x` would pass cfn-lint and fail at deploy time.
fn reserved_prefix(key: &str) -> bool {
    key.get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("aws:"))
}

/// The indices of the keys that repeat an earlier key of the list, in order. AWS keeps one value
/// per key, so with a key given twice which value applies is not defined: the one judgement of
/// a duplicated key, for [`check`] and for the CLI's `diff` (which cannot call such a
/// restriction tightened). Linear in the number of keys.
pub fn repeated_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter()
        .enumerate()
        .filter(|(_, key)| !seen.insert(*key))
        .map(|(i, _)| i)
        .collect()
}

/// Checks one list of tags.
pub fn check<L: Clone>(
    list: TagList,
    tags: &[TagSpec<L>],
    whole: &L,
    out: &mut Vec<Diagnostic<L>>,
) {
    let max = match list {
        TagList::Resource => MAX_TAGS,
        TagList::AccessControl => MAX_ACCESS_CONTROL_TAGS,
    };
    if tags.len() > max {
        let at = tags
            .get(max)
            .map_or_else(|| whole.clone(), |t| t.key.at.clone());
        out.push(
            Diagnostic::error(
                if list == TagList::Resource {
                    Rule::TooManyTags
                } else {
                    Rule::TooManyAccessControlTags
                },
                at,
                format!(
                    "{} {}s given; AWS accepts at most {max}",
                    tags.len(),
                    list.what()
                ),
            )
            .help(format!("remove {} of them", tags.len() - max)),
        );
    }
    let repeated = repeated_keys(tags.iter().map(|t| t.key.value.as_str()));
    for (i, tag) in tags.iter().enumerate() {
        let key = &tag.key.value;
        let key_len = key.chars().count();
        let bad: Vec<char> = key.chars().filter(|c| !key_char_allowed(*c)).collect();
        if key_len == 0 || key_len > MAX_KEY_LEN {
            out.push(
                Diagnostic::error(
                    Rule::TagKey,
                    tag.key.at.clone(),
                    format!("{} key {key:?} is {key_len} characters long; AWS accepts 1 to {MAX_KEY_LEN}", list.what()),
                )
                .help("use a key of 1 to 128 characters"),
            );
        } else if reserved_prefix(key) {
            out.push(
                Diagnostic::error(
                    Rule::TagKey,
                    tag.key.at.clone(),
                    format!(
                        "{} key {key:?} starts with `aws:`, which AWS reserves in any letter case",
                        list.what()
                    ),
                )
                .help("drop the `aws:` prefix"),
            );
        } else if let Some(c) = bad.first() {
            out.push(
                Diagnostic::error(
                    Rule::TagKey,
                    tag.key.at.clone(),
                    format!(
                        "{} key {key:?} contains {c:?}, which CloudFormation rejects (pattern ^(?!aws:)[a-zA-Z+-=._:/]+$)",
                        list.what()
                    ),
                )
                .help(if *c == ' ' {
                    format!("write it without spaces, e.g. {:?}", key.replace(' ', ""))
                } else {
                    "use letters, digits and `+ - = . _ : /` only".to_owned()
                }),
            );
        }
        let value_len = tag.value.value.chars().count();
        if value_len > MAX_VALUE_LEN {
            out.push(
                Diagnostic::error(
                    Rule::TagValueLength,
                    tag.value.at.clone(),
                    format!(
                        "value of {} {key:?} is {value_len} characters long; AWS accepts at most {MAX_VALUE_LEN}",
                        list.what()
                    ),
                )
                .help(format!(
                    "shorten it by {}",
                    super::count(value_len - MAX_VALUE_LEN, "character", "characters")
                )),
            );
        }
        if repeated.binary_search(&i).is_ok() {
            out.push(
                Diagnostic::error(
                    Rule::DuplicateTagKey,
                    tag.key.at.clone(),
                    format!("{} key {key:?} is given twice", list.what()),
                )
                .help("keep one value per key"),
            );
        }
    }
}
