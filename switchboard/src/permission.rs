//! A permission as a typed value.

use switchboard_core::catalog::{self, PermissionInfo};

/// One permission of the catalog, by its AWS API name.
///
/// The constants in [`crate::permissions`] are the catalog; `security_profile!` resolves
/// `Users.Edit` to [`crate::permissions::Users::Edit`].
///
/// ```
/// use switchboard::permissions;
/// assert_eq!(permissions::Users::Edit.api(), "Users.Edit");
/// assert_eq!(permissions::Users::Edit.info().unwrap().ui, "Users - Edit");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Permission {
    api: &'static str,
}

impl Permission {
    #[doc(hidden)]
    pub const fn from_catalog_name(api: &'static str) -> Self {
        Permission { api }
    }

    /// The exact API name (`Users.Edit`).
    pub const fn api(self) -> &'static str {
        self.api
    }

    /// Everything the catalog knows about the permission.
    pub fn info(self) -> Option<&'static PermissionInfo> {
        catalog::lookup(self.api)
    }
}

impl AsRef<str> for Permission {
    fn as_ref(&self) -> &str {
        self.api
    }
}

impl std::fmt::Display for Permission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.api)
    }
}

/// A seed-style permission name (`UsersAndPermissions::EditUsers`): see [`crate::seed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeedName {
    category: &'static str,
    member: &'static str,
}

impl SeedName {
    #[doc(hidden)]
    pub const fn new(category: &'static str, member: &'static str) -> Self {
        SeedName { category, member }
    }

    /// The category (`UsersAndPermissions`).
    pub const fn category(self) -> &'static str {
        self.category
    }

    /// The member (`EditUsers`), or `All`.
    pub const fn member(self) -> &'static str {
        self.member
    }

    /// The AWS API names it grants.
    pub fn permissions(self) -> Vec<&'static str> {
        let Some(category) = switchboard_core::seed_names::category(self.category) else {
            return Vec::new();
        };
        if self.member == "All" {
            return switchboard_core::seed_names::all_of(category)
                .map(|p| p.api)
                .collect();
        }
        category
            .member(self.member)
            .map_or_else(Vec::new, |m| m.permissions.to_vec())
    }
}
