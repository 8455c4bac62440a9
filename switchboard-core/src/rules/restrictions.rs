//! Tag-based and hierarchy-based access control: `restrict tags`, `restrict hierarchy` and
//! `hierarchy group`.

use crate::diagnostic::{Diagnostic, Fix, Help, Rule};
use crate::spec::{Located, ResourceItem, TagRestriction};

use crate::suggest;

use super::compose::{Composition, unknown};

/// The resource types AWS last documented as tag-restrictable.
pub const TAG_RESTRICTABLE: [&str; 4] = ["User", "SecurityProfile", "Queue", "RoutingProfile"];

/// The only resource type AWS documents for hierarchy restrictions.
pub const HIERARCHY_RESTRICTABLE: [&str; 1] = ["User"];

/// The most restricted resources of each kind.
pub const MAX_RESTRICTED_RESOURCES: usize = 10;

/// The longest resource type name.
pub const MAX_RESOURCE_LEN: usize = 128;

/// The longest hierarchy group id.
pub const MAX_HIERARCHY_GROUP_LEN: usize = 127;

/// The `View` permission without which a profile cannot see a resource type at all.
pub fn view_permission(resource: &str) -> Option<&'static str> {
    match resource {
        "User" => Some("Users.View"),
        "SecurityProfile" => Some("SecurityProfiles.View"),
        "Queue" => Some("Queues.View"),
        "RoutingProfile" => Some("RoutingPolicies.View"),
        _ => None,
    }
}

/// Checks resource items against the types AWS accepts, returning the valid names.
fn resolve_resources<L: Clone>(
    items: &[ResourceItem<L>],
    known: &[&'static str],
    hierarchy: bool,
    out: &mut Vec<Diagnostic<L>>,
) -> Vec<String> {
    let mut names = Vec::new();
    for item in items {
        let name = item.name();
        let known_here =
            matches!(item, ResourceItem::Known(_)) && known.contains(&name.value.as_str());
        if hierarchy && !known_here {
            out.push(not_hierarchy_restrictable(item));
            continue;
        }
        match item {
            ResourceItem::Known(_) if known_here => {}
            ResourceItem::Known(_) => {
                out.push(unknown(
                    Rule::UnknownResourceType,
                    "tag-restrictable resource type",
                    name,
                    known.iter().copied(),
                    Some(Fix::UncheckedResource),
                ));
                continue;
            }
            ResourceItem::Unchecked(_) => {
                let len = name.value.chars().count();
                if len == 0 || len > MAX_RESOURCE_LEN {
                    out.push(
                        Diagnostic::error(
                            Rule::UnknownResourceType,
                            name.at.clone(),
                            format!("resource type {:?} is {len} characters long; AWS accepts 1 to {MAX_RESOURCE_LEN}", name.value),
                        )
                        .help("check the resource type's name"),
                    );
                    continue;
                }
            }
        }
        if names.contains(&name.value) {
            out.push(
                Diagnostic::error(
                    Rule::DuplicateRestrictedResource,
                    name.at.clone(),
                    format!("resource type `{}` is restricted twice", name.value),
                )
                .help("list each resource type once"),
            );
            continue;
        }
        names.push(name.value.clone());
    }
    if items.len() > MAX_RESTRICTED_RESOURCES {
        out.push(
            Diagnostic::error(
                Rule::TooManyRestrictedResources,
                items[MAX_RESTRICTED_RESOURCES].name().at.clone(),
                format!(
                    "{} restricted resources given; AWS accepts at most {MAX_RESTRICTED_RESOURCES}",
                    items.len()
                ),
            )
            .help(format!(
                "remove {} of them",
                items.len() - MAX_RESTRICTED_RESOURCES
            )),
        );
    }
    names
}

/// `restrict hierarchy` with anything but `User`: a tag-restrictable type, a typo, or
/// `unchecked(...)` (the escape hatch is for tag restrictions, the only kind AWS extends).
fn not_hierarchy_restrictable<L: Clone>(item: &ResourceItem<L>) -> Diagnostic<L> {
    let name = item.name();
    let (written, help) = match item {
        ResourceItem::Unchecked(_) => (
            format!("unchecked({:?})", name.value),
            Help::from(Fix::RestrictHierarchy).text(
                "; `unchecked(...)` is for `restrict tags`, whose resource types AWS extends",
            ),
        ),
        ResourceItem::Known(_) if TAG_RESTRICTABLE.contains(&name.value.as_str()) => (
            name.value.clone(),
            Help::from(Fix::RestrictHierarchy)
                .text(format!(", and restrict `{}` by tags: ", name.value))
                .fix(Fix::TagRestrict(vec![name.value.clone()])),
        ),
        ResourceItem::Known(_) => (
            name.value.clone(),
            match suggest::did_you_mean(&name.value, HIERARCHY_RESTRICTABLE) {
                Some(close) => Help::from(format!("did you mean `{close}`?")),
                None => Help::from(Fix::RestrictHierarchy),
            },
        ),
    };
    Diagnostic::error(
        Rule::HierarchyRestrictionResource,
        name.at.clone(),
        format!("`{written}` cannot be hierarchy-restricted: AWS documents hierarchy restrictions for `User` only"),
    )
    .help(help)
}

/// Checks `restrict hierarchy`, returning the valid resource names.
pub fn check_hierarchy<L: Clone>(
    items: &[ResourceItem<L>],
    out: &mut Vec<Diagnostic<L>>,
) -> Vec<String> {
    resolve_resources(items, &HIERARCHY_RESTRICTABLE, true, out)
}

/// Checks `restrict tags`, returning the valid resource names. The tags themselves are checked
/// by [`super::tags`].
pub fn check_tag_restriction<L: Clone>(
    restriction: &TagRestriction<L>,
    composition: &Composition<L>,
    out: &mut Vec<Diagnostic<L>>,
) -> Vec<String> {
    if restriction.tags.is_empty() {
        out.push(
            Diagnostic::error(
                Rule::TagRestrictionIncomplete,
                restriction.at.clone(),
                "`restrict tags` has no tags: AWS needs the access-control tags and the restricted resources together",
            )
            .help(Fix::GiveAccessControlTags),
        );
    }
    if restriction.resources.is_empty() {
        out.push(
            Diagnostic::error(
                Rule::TagRestrictionIncomplete,
                restriction.at.clone(),
                "`restrict tags` restricts no resource: AWS needs the access-control tags and the restricted resources together",
            )
            .help(Fix::GiveTagRestrictedResources),
        );
    }
    let names = resolve_resources(&restriction.resources, &TAG_RESTRICTABLE, false, out);
    for item in &restriction.resources {
        let name = &item.name().value;
        if let Some(view) = view_permission(name)
            && names.contains(name)
            && !composition.permissions.contains_key(view)
        {
            out.push(
                Diagnostic::warning(
                    Rule::TagRestrictedNotViewable,
                    item.name().at.clone(),
                    format!("`{name}` is tag-restricted, but the profile cannot view it at all (no `{view}`)"),
                )
                .help(format!("add `{view}`, or stop restricting `{name}`")),
            );
        }
    }
    if names.iter().any(|n| n == "User") && !names.iter().any(|n| n == "SecurityProfile") {
        let at = restriction
            .resources
            .iter()
            .find(|r| r.name().value == "User")
            .map_or_else(|| restriction.at.clone(), |r| r.name().at.clone());
        out.push(
            Diagnostic::warning(
                Rule::UserRestrictedWithoutSecurityProfile,
                at,
                "`User` is tag-restricted but `SecurityProfile` is not: a restricted user could create a profile that escapes the restriction",
            )
            .help("restrict `SecurityProfile` as well"),
        );
    }
    names
}

/// Checks `hierarchy group`: not empty, `^[a-zA-Z0-9-]*$`, at most 127 characters. AWS
/// accepts an empty id, but it names no group: written out, it is a mistake, like
/// `restrict tags` without tags.
pub fn check_hierarchy_group<L: Clone>(id: &Located<String, L>, out: &mut Vec<Diagnostic<L>>) {
    if id.value.is_empty() {
        out.push(
            Diagnostic::error(
                Rule::HierarchyGroupId,
                id.at.clone(),
                "the hierarchy group id is empty: it names no group, so the hierarchy restriction has nothing to compare with",
            )
            .help(
                Help::from("give the hierarchy group's id (a UUID such as \"3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f\"), or ")
                    .fix(Fix::DropHierarchyGroup),
            ),
        );
        return;
    }
    let len = id.value.chars().count();
    if len > MAX_HIERARCHY_GROUP_LEN {
        out.push(
            Diagnostic::error(
                Rule::HierarchyGroupId,
                id.at.clone(),
                format!("hierarchy group id is {len} characters long; AWS accepts at most {MAX_HIERARCHY_GROUP_LEN}"),
            )
            .help("use the hierarchy group's id (a UUID), not its ARN or name"),
        );
    }
    if let Some(c) = id
        .value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        out.push(
            Diagnostic::error(
                Rule::HierarchyGroupId,
                id.at.clone(),
                format!("hierarchy group id {:?} contains {c:?}; AWS accepts letters, digits and `-` only", id.value),
            )
            .help("use the hierarchy group's id (a UUID such as \"3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f\"), not its ARN or name"),
        );
    }
}

/// A hierarchy restriction needs both halves, as a tag restriction does: the restricted
/// resources (`restrict hierarchy`) and the group they are restricted to (`hierarchy group`).
/// An empty group is reported by [`check_hierarchy_group`] alone.
pub fn check_hierarchy_pair<L: Clone>(
    written: &[ResourceItem<L>],
    restricted: &[String],
    group: Option<&Located<String, L>>,
    out: &mut Vec<Diagnostic<L>>,
) {
    match (restricted.is_empty(), group) {
        (false, None) => out.push(
            Diagnostic::error(
                Rule::HierarchyRestrictionIncomplete,
                written[0].name().at.clone(),
                format!(
                    "`{}` is hierarchy-restricted, but the profile names no hierarchy group: AWS needs the restricted resources and the group together",
                    restricted.join("`, `")
                ),
            )
            .help(Help::from(Fix::SetHierarchyGroup).text(", the group whose members (and their sub-groups) this profile may manage")),
        ),
        (true, Some(id)) if !id.value.is_empty() && written.is_empty() => out.push(
            Diagnostic::error(
                Rule::HierarchyRestrictionIncomplete,
                id.at.clone(),
                format!(
                    "hierarchy group {:?} restricts nothing: no resource is hierarchy-restricted, and AWS needs the restricted resources and the group together",
                    id.value
                ),
            )
            .help(Help::from(Fix::RestrictHierarchy).text(", or ").fix(Fix::DropHierarchyGroup)),
        ),
        _ => {}
    }
}

/// The permissions that create, change or delete users, or change what they may do.
pub const USER_MANAGEMENT: [&str; 4] = [
    "Users.Create",
    "Users.Delete",
    "Users.Edit",
    "Users.EditPermission",
];

/// A profile restricted by tags that still manages users unrestricted: the restriction keeps
/// its holder to the department's queues, yet they can edit (reset the password of, assign a
/// profile to) any user of the instance. `User` restricted by hierarchy counts as restricted.
pub fn check_user_management<L: Clone>(
    restriction: &TagRestriction<L>,
    tag_restricted: &[String],
    hierarchy_restricted: &[String],
    composition: &Composition<L>,
    out: &mut Vec<Diagnostic<L>>,
) {
    let restricted = |r: &str| {
        tag_restricted
            .iter()
            .chain(hierarchy_restricted)
            .any(|n| n == r)
    };
    // An incomplete restriction is an error of its own; this warning would only add to it.
    if restriction.tags.is_empty() || tag_restricted.is_empty() || restricted("User") {
        return;
    }
    let granted: Vec<&str> = USER_MANAGEMENT
        .into_iter()
        .filter(|p| composition.permissions.contains_key(*p))
        .collect();
    if granted.is_empty() {
        return;
    }
    let mut add = vec!["User".to_owned()];
    if !restricted("SecurityProfile") {
        add.push("SecurityProfile".to_owned());
    }
    out.push(
        Diagnostic::warning(
            Rule::UserManagementUnrestricted,
            restriction.at.clone(),
            format!(
                "the profile is restricted by tags on `{}`, but not on `User`, and grants `{}`: it manages every user of the instance, whatever their tags",
                tag_restricted.join("`, `"),
                granted.join("`, `")
            ),
        )
        .help(
            Help::from(Fix::TagRestrict(add))
                .text(", or ")
                .fix(Fix::Remove(granted.iter().map(|p| (*p).to_owned()).collect())),
        ),
    );
}
