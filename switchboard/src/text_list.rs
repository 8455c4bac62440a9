//! A list of strings that is static data in `const` profiles and owned in built ones.
//!
//! `security_profile!` constants hold `&'static [&'static str]`: string-literal slices cost
//! rustc a fifth of what the same slices of `Cow<'static, str>` cost (BENCHMARKS.md, "Macro
//! cost"), and a profile has about 80 of them. Profiles from the builder own their strings.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Index;

/// The permissions, resource types and other string lists of a [`crate::SecurityProfile`].
///
/// Iterates as `&str`, indexes as `str` and compares with arrays, slices and vectors of
/// strings:
///
/// ```
/// use switchboard::security_profile;
///
/// security_profile! {
///     const ROUTING = {
///         name: "Routing",
///         permissions: [RoutingPolicies.View, Queues.View],
///         restrict tags: { "Team": "A" } on [RoutingProfile, Queue],
///     };
/// }
///
/// let routing = ROUTING;
/// let resources = routing.tag_restricted_resources();
/// assert_eq!(resources, ["RoutingProfile", "Queue"]);
/// assert_eq!(&resources[0], "RoutingProfile");
/// assert!(resources.iter().all(|r| !r.is_empty()));
/// ```
#[derive(Clone)]
pub struct TextList(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static [&'static str]),
    Owned(Vec<String>),
}

impl TextList {
    /// The empty list.
    pub const EMPTY: TextList = TextList(Repr::Static(&[]));

    #[doc(hidden)]
    pub const fn __from_static(items: &'static [&'static str]) -> Self {
        TextList(Repr::Static(items))
    }

    pub(crate) fn from_owned(items: Vec<String>) -> Self {
        TextList(Repr::Owned(items))
    }

    /// How many strings the list holds; usable in `const` contexts.
    pub const fn len(&self) -> usize {
        match &self.0 {
            Repr::Static(items) => items.len(),
            Repr::Owned(items) => items.len(),
        }
    }

    /// True when the list holds nothing.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The string at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<&str> {
        match &self.0 {
            Repr::Static(items) => items.get(index).copied(),
            Repr::Owned(items) => items.get(index).map(String::as_str),
        }
    }

    /// The strings, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(match &self.0 {
            Repr::Static(items) => IterRepr::Static(items.iter()),
            Repr::Owned(items) => IterRepr::Owned(items.iter()),
        })
    }

    /// True when the list holds `text`.
    pub fn contains(&self, text: &str) -> bool {
        self.iter().any(|item| item == text)
    }

    /// Binary search for `text` in a sorted list (permission lists are sorted), as
    /// [`slice::binary_search`].
    pub fn binary_search(&self, text: &str) -> Result<usize, usize> {
        match &self.0 {
            Repr::Static(items) => items.binary_search(&text),
            Repr::Owned(items) => items.binary_search_by(|item| item.as_str().cmp(text)),
        }
    }

    /// The strings as owned values.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl Default for TextList {
    fn default() -> Self {
        TextList::EMPTY
    }
}

impl Index<usize> for TextList {
    type Output = str;

    fn index(&self, index: usize) -> &str {
        match &self.0 {
            Repr::Static(items) => items[index],
            Repr::Owned(items) => &items[index],
        }
    }
}

impl<'a> IntoIterator for &'a TextList {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl fmt::Debug for TextList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for TextList {
    fn eq(&self, other: &TextList) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for TextList {}

impl Hash for TextList {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for item in self {
            item.hash(state);
        }
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for TextList {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl<S: AsRef<str>> PartialEq<&[S]> for TextList {
    fn eq(&self, other: &&[S]) -> bool {
        *self == **other
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for TextList {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for TextList {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

// What `permissions()` returns is a reference: `assert_eq!(p.permissions(), ["A"])` compares
// `&TextList` with an array, as it would a slice.
impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for &TextList {
    fn eq(&self, other: &[S; N]) -> bool {
        **self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for &TextList {
    fn eq(&self, other: &Vec<S>) -> bool {
        **self == other[..]
    }
}

/// The iterator of [`TextList::iter`].
#[derive(Clone, Debug)]
pub struct Iter<'a>(IterRepr<'a>);

#[derive(Clone, Debug)]
enum IterRepr<'a> {
    Static(std::slice::Iter<'a, &'static str>),
    Owned(std::slice::Iter<'a, String>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match &mut self.0 {
            IterRepr::Static(items) => items.next().copied(),
            IterRepr::Owned(items) => items.next().map(String::as_str),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.0 {
            IterRepr::Static(items) => items.size_hint(),
            IterRepr::Owned(items) => items.size_hint(),
        }
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            IterRepr::Static(items) => items.next_back().copied(),
            IterRepr::Owned(items) => items.next_back().map(String::as_str),
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl std::iter::FusedIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::TextList;

    #[test]
    fn static_and_owned_lists_with_the_same_strings_are_equal() {
        let owned = TextList::from_owned(vec!["A".to_owned(), "B".to_owned()]);
        let borrowed = TextList::__from_static(&["A", "B"]);
        assert_eq!(owned, borrowed);
        assert_eq!(owned, ["A", "B"]);
        assert_eq!(&owned, ["A", "B"]);
        assert_eq!(&owned, vec!["A", "B"]);
        assert_ne!(borrowed, ["A"]);
        assert_eq!(owned.binary_search("B"), Ok(1));
        assert_eq!(borrowed.binary_search("AA"), Err(1));
        assert_eq!(&owned[1], "B");
        assert_eq!(borrowed.iter().rev().collect::<Vec<_>>(), ["B", "A"]);
        assert_eq!(format!("{borrowed:?}"), r#"["A", "B"]"#);
    }
}
