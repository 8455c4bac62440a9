//! `Description`: at most 250 characters.

use crate::diagnostic::{Diagnostic, Rule};
use crate::spec::Located;

/// The longest description AWS accepts.
pub const MAX_DESCRIPTION_LEN: usize = 250;

/// Checks a description.
pub fn check<L: Clone>(description: &Located<String, L>, out: &mut Vec<Diagnostic<L>>) {
    let len = description.value.chars().count();
    if len > MAX_DESCRIPTION_LEN {
        out.push(
            Diagnostic::error(
                Rule::DescriptionLength,
                description.at.clone(),
                format!("description is {len} characters long; AWS accepts at most {MAX_DESCRIPTION_LEN}"),
            )
            .help(format!(
                "shorten it by {}",
                super::count(len - MAX_DESCRIPTION_LEN, "character", "characters")
            )),
        );
    }
}
