//! Checks every built-in permission list must pass (presets, groups, seed names): one helper
//! for all three, so the lists are held to the same standard.

use crate::catalog;

/// Asserts that `list` is non-empty, sorted and unique, made of documented, non-legacy catalog
/// names, and closed under the `View` the console adds with each action.
pub fn assert_valid_list(owner: &str, list: &[&str]) {
    assert!(!list.is_empty(), "{owner} is empty");
    assert!(
        list.windows(2).all(|w| w[0] < w[1]),
        "{owner} is not sorted and unique"
    );
    for api in list {
        let info =
            catalog::lookup(api).unwrap_or_else(|| panic!("{owner}: {api} is not in the catalog"));
        assert!(!info.status.is_legacy(), "{owner}: {api} is legacy");
        assert!(
            !info.status.is_undocumented(),
            "{owner}: {api} is undocumented"
        );
        if let Some(view) = info.implies {
            assert!(list.contains(&view), "{owner}: {api} without {view}");
        }
    }
}
