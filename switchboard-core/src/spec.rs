//! What a user asked for, before any rule ran: the input both the macro and the runtime builder
//! hand to [`crate::rules::validate`].
//!
//! Every value carries its location `L`, so a rule can point at the exact token (the macro uses
//! a `proc_macro2::Span`) or field (the builder uses [`FieldPath`]).

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T, L> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub at: L,
}

impl<T, L> Located<T, L> {
    /// Pairs a value with its location.
    pub fn new(value: T, at: L) -> Self {
        Located { value, at }
    }
}

/// One item of `permissions: [...]` or `without: [...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PermissionItem<L> {
    /// An AWS API name, written as a path (`Users.Edit`) or a string (`"Users.Edit"`).
    Api(Located<String, L>),
    /// A seed-style name: `Category::Member`, or `Category::All`.
    Seed {
        /// The category (`UsersAndPermissions`).
        category: Located<String, L>,
        /// The member (`EditUsers`), or `All`.
        member: Located<String, L>,
    },
    /// `unchecked("Name")`: a permission newer than the catalog; only its length is checked.
    Unchecked(Located<String, L>),
}

impl<L> PermissionItem<L> {
    /// Where the item was written (its member for seed names).
    pub fn at(&self) -> &L {
        match self {
            PermissionItem::Api(name) | PermissionItem::Unchecked(name) => &name.at,
            PermissionItem::Seed { member, .. } => &member.at,
        }
    }
}

/// One entry of `preset: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresetUse<L> {
    /// A built-in preset by name (`Supervisor`).
    Builtin(Located<String, L>),
    /// A preset defined with `preset!`, with its permissions already expanded and checked by
    /// that macro (they may include `unchecked` names, which are not checked again).
    Custom {
        /// The preset's name, for messages.
        name: Located<String, L>,
        /// Its final permissions.
        permissions: Vec<String>,
    },
    /// A preset made at run time (`Preset::custom`): its names are API names, checked like the
    /// `permissions` field.
    Runtime {
        /// The preset's name, for messages.
        name: Located<String, L>,
        /// Its permissions, as given.
        permissions: Vec<String>,
    },
}

impl<L> PresetUse<L> {
    /// The preset's name and where it was written.
    pub fn name(&self) -> &Located<String, L> {
        match self {
            PresetUse::Builtin(name)
            | PresetUse::Custom { name, .. }
            | PresetUse::Runtime { name, .. } => name,
        }
    }
}

/// A resource type of `restrict hierarchy` or `restrict tags ... on [...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceItem<L> {
    /// A resource type by name (`Queue`); must be one AWS documented.
    Known(Located<String, L>),
    /// `unchecked("Name")`: a resource type newer than the catalog.
    Unchecked(Located<String, L>),
}

impl<L> ResourceItem<L> {
    /// The resource type's name and where it was written.
    pub fn name(&self) -> &Located<String, L> {
        match self {
            ResourceItem::Known(name) | ResourceItem::Unchecked(name) => name,
        }
    }
}

/// A tag: key and value, each with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagSpec<L> {
    /// The key.
    pub key: Located<String, L>,
    /// The value.
    pub value: Located<String, L>,
}

/// `restrict tags: { ... } on [...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRestriction<L> {
    /// The access-control tags (`AllowedAccessControlTags`).
    pub tags: Vec<TagSpec<L>>,
    /// The restricted resource types (`TagRestrictedResources`).
    pub resources: Vec<ResourceItem<L>>,
    /// The `restrict` keyword, for errors about the whole clause.
    pub at: L,
}

/// The fields of one profile or preset, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSpec<L> {
    /// `name` (required for profiles; presets have none).
    pub name: Option<Located<String, L>>,
    /// `description`.
    pub description: Option<Located<String, L>>,
    /// `preset`.
    pub presets: Vec<PresetUse<L>>,
    /// `groups`.
    pub groups: Vec<Located<String, L>>,
    /// `permissions`.
    pub permissions: Vec<PermissionItem<L>>,
    /// `without`.
    pub without: Vec<PermissionItem<L>>,
    /// `restrict hierarchy`.
    pub restrict_hierarchy: Vec<ResourceItem<L>>,
    /// `restrict tags`.
    pub restrict_tags: Option<TagRestriction<L>>,
    /// `hierarchy group`.
    pub hierarchy_group: Option<Located<String, L>>,
    /// `tags`.
    pub tags: Vec<TagSpec<L>>,
    /// `sensitive`.
    pub sensitive: Option<Located<String, L>>,
}

impl<L> Default for ProfileSpec<L> {
    fn default() -> Self {
        ProfileSpec {
            name: None,
            description: None,
            presets: Vec::new(),
            groups: Vec::new(),
            permissions: Vec::new(),
            without: Vec::new(),
            restrict_hierarchy: Vec::new(),
            restrict_tags: None,
            hierarchy_group: None,
            tags: Vec::new(),
            sensitive: None,
        }
    }
}

/// The location type of the runtime builder: the field a value was given for, and its index
/// among that field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldPath {
    /// The DSL field (`"permissions"`, `"tags"`, ...).
    pub field: &'static str,
    /// The position among the field's values, where the field takes several.
    pub index: Option<usize>,
}

impl FieldPath {
    /// A field that takes one value.
    pub const fn field(field: &'static str) -> Self {
        FieldPath { field, index: None }
    }

    /// The `index`th value of a field that takes several.
    pub const fn item(field: &'static str, index: usize) -> Self {
        FieldPath {
            field,
            index: Some(index),
        }
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.index {
            Some(i) => write!(f, "{}[{i}]", self.field),
            None => f.write_str(self.field),
        }
    }
}
