//! Presets and permission groups as values, for the runtime builder.

use std::borrow::Cow;

use switchboard_core::{groups, presets};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Contents {
    /// One of the six built-in presets: its list lives in `switchboard_core::presets`.
    Builtin,
    /// Defined with `preset!`: the macro validated and expanded the list.
    Static(&'static [&'static str]),
    /// Made at run time.
    Owned(Vec<String>),
}

/// A reusable set of permissions: a built-in preset ([`crate::presets`]), one defined with
/// `preset!`, or one made at run time with [`Preset::custom`] or [`Preset::combine`].
///
/// ```
/// use switchboard::{Preset, presets};
/// let both = Preset::combine("SupervisorWithQA", [&presets::Supervisor, &presets::QualityAnalyst]);
/// assert!(both.permissions().any(|p| p == "BasicAgentAccess"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    name: Cow<'static, str>,
    contents: Contents,
}

impl Preset {
    #[doc(hidden)]
    pub const fn builtin(name: &'static str) -> Self {
        Preset {
            name: Cow::Borrowed(name),
            contents: Contents::Builtin,
        }
    }

    #[doc(hidden)]
    pub const fn __from_macro(name: &'static str, permissions: &'static [&'static str]) -> Self {
        Preset {
            name: Cow::Borrowed(name),
            contents: Contents::Static(permissions),
        }
    }

    /// A preset of API names known only at run time (the seed's `SecurityProfilePresets.Custom`).
    /// Names are checked, like the builder's `permission`, when a profile that uses the preset
    /// is built; a name newer than the catalog belongs in the builder's `unchecked_permission`.
    pub fn custom<I, S>(name: impl Into<String>, permissions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut owned: Vec<String> = permissions
            .into_iter()
            .map(|p| p.as_ref().to_owned())
            .collect();
        owned.sort();
        owned.dedup();
        Preset {
            name: Cow::Owned(name.into()),
            contents: Contents::Owned(owned),
        }
    }

    /// The union of several presets under a new name (the seed's `SecurityProfilePresets.Combine`).
    pub fn combine<'a>(
        name: impl Into<String>,
        presets: impl IntoIterator<Item = &'a Preset>,
    ) -> Self {
        let all: Vec<&str> = presets.into_iter().flat_map(Preset::permissions).collect();
        Preset::custom(name, all)
    }

    /// The preset's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when the macro that defined the preset (`preset!`) already checked its names.
    pub(crate) fn is_checked_by_macro(&self) -> bool {
        matches!(self.contents, Contents::Static(_))
    }

    /// True for the six built-in presets.
    pub fn is_builtin(&self) -> bool {
        self.contents == Contents::Builtin
    }

    /// The preset's permissions (API names), sorted.
    pub fn permissions(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match &self.contents {
            Contents::Builtin => Box::new(
                presets::preset(&self.name)
                    .map_or(&[][..], |p| p.permissions)
                    .iter()
                    .copied(),
            ),
            Contents::Static(list) => Box::new(list.iter().copied()),
            Contents::Owned(list) => Box::new(list.iter().map(String::as_str)),
        }
    }
}

/// A built-in permission group ([`crate::groups`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Group {
    name: &'static str,
}

impl Group {
    #[doc(hidden)]
    pub const fn builtin(name: &'static str) -> Self {
        Group { name }
    }

    /// The group's name.
    pub const fn name(self) -> &'static str {
        self.name
    }

    /// The group's permissions (API names), sorted.
    pub fn permissions(self) -> &'static [&'static str] {
        groups::group(self.name).map_or(&[], |g| g.permissions)
    }
}
