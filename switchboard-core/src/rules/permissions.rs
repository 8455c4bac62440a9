//! Resolving what the user wrote in `permissions` and `without` to catalog names:
//! unknown names, IAM actions, historical AWS typos, legacy names and lengths.

use crate::catalog::{self, Status};
use crate::diagnostic::{Diagnostic, Fix, Help, Rule};
use crate::seed_names::{self, SEED_CATEGORIES};
use crate::spec::{Located, PermissionItem};
use crate::suggest;

/// The longest permission name AWS accepts.
pub const MAX_PERMISSION_LEN: usize = 128;

/// Whether warnings about the names themselves (legacy, end of support) apply: they do for
/// grants, not for `without`, which only removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// In `permissions`.
    Grant,
    /// In `without`.
    Remove,
}

/// Resolves one item to the API names it stands for, reporting what is wrong with it. An item
/// that cannot be resolved yields no names (and at least one error).
pub fn resolve<L: Clone>(
    item: &PermissionItem<L>,
    usage: Use,
    out: &mut Vec<Diagnostic<L>>,
) -> Vec<String> {
    match item {
        PermissionItem::Api(name) => resolve_api(name, usage, out).into_iter().collect(),
        PermissionItem::Unchecked(name) => {
            if check_length(name, out) {
                vec![name.value.clone()]
            } else {
                Vec::new()
            }
        }
        PermissionItem::Seed { category, member } => resolve_seed(category, member, out),
    }
}

fn check_length<L: Clone>(name: &Located<String, L>, out: &mut Vec<Diagnostic<L>>) -> bool {
    let len = name.value.chars().count();
    if (1..=MAX_PERMISSION_LEN).contains(&len) {
        return true;
    }
    out.push(
        Diagnostic::error(
            Rule::PermissionLength,
            name.at.clone(),
            format!(
                "permission {:?} is {len} characters long; AWS accepts 1 to {MAX_PERMISSION_LEN}",
                name.value
            ),
        )
        .help("check the name against the AWS list of security profile permissions"),
    );
    false
}

/// How the `permissions` of a profile reach AWS, which decides what a duplicate costs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Listing {
    /// Merged into a set first, as the macro and the builder do: a duplicate changes nothing,
    /// so it is a warning.
    #[default]
    Merged,
    /// Sent as written, as a template's `Permissions` is: the CloudFormation schema forbids
    /// duplicates (`uniqueItems`, cfn-lint E3037), so it is an error.
    AsWritten,
}

/// Reports every entry of `permissions` that repeats an earlier one, at the repeat. Entries
/// that do not resolve are left to the errors that say why.
pub fn check_duplicates<L: Clone>(
    items: &[PermissionItem<L>],
    listing: Listing,
    out: &mut Vec<Diagnostic<L>>,
) {
    let mut seen: Vec<String> = Vec::new();
    for item in items {
        let written = match item {
            PermissionItem::Api(name) | PermissionItem::Unchecked(name) => name.value.clone(),
            PermissionItem::Seed { category, member } => {
                format!("{}::{}", category.value, member.value)
            }
        };
        if !seen.contains(&written) {
            seen.push(written);
            continue;
        }
        let mut scratch = Vec::new();
        resolve(item, Use::Remove, &mut scratch);
        if scratch.iter().any(Diagnostic::is_error) {
            continue;
        }
        out.push(match listing {
            Listing::Merged => Diagnostic::warning(
                Rule::DuplicatePermission,
                item.at().clone(),
                format!("`{written}` is listed twice; the profile holds it once, so this entry does nothing"),
            ),
            Listing::AsWritten => Diagnostic::error(
                Rule::DuplicatePermission,
                item.at().clone(),
                format!("`{written}` is listed twice; CloudFormation's schema forbids duplicate permissions (cfn-lint E3037), so the template is rejected"),
            ),
        }
        .help("remove this entry"));
    }
}

/// True for text that looks like an IAM action (`connect:CreateUser`, `connect:*`).
pub fn looks_like_iam_action(name: &str) -> bool {
    name.contains(':') || name.contains('*')
}

fn resolve_api<L: Clone>(
    name: &Located<String, L>,
    usage: Use,
    out: &mut Vec<Diagnostic<L>>,
) -> Option<String> {
    let value = name.value.as_str();
    if looks_like_iam_action(value) {
        let diagnostic = Diagnostic::error(
            Rule::IamActionAsPermission,
            name.at.clone(),
            format!(
                "`{value}` is an IAM action, not a security-profile permission: security profiles grant console and CCP features by names such as `Users.Edit`, and Connect ignores IAM actions here"
            ),
        );
        out.push(match catalog::permission_for_iam_action(value) {
            Some(permission) => diagnostic.help(format!(
                "write `{permission}`, the permission for what `{value}` does in the admin website; keep IAM actions in IAM policies"
            )),
            None => diagnostic.help(
                "write the security-profile permission for the feature (`switchboard catalog` lists them), and keep IAM actions in IAM policies",
            ),
        });
        return None;
    }
    if !check_length(name, out) {
        return None;
    }
    if let Some(typo) = catalog::rejected(value) {
        out.push(
            Diagnostic::error(
                Rule::HistoricalTypo,
                name.at.clone(),
                format!(
                    "`{value}` is a typo that AWS documentation once printed; Connect has no such permission"
                ),
            )
            .help(format!("use `{}`", typo.correct)),
        );
        return None;
    }
    let Some(info) = catalog::lookup(value) else {
        let mut diagnostic = Diagnostic::error(
            Rule::UnknownPermission,
            name.at.clone(),
            format!(
                "unknown permission `{value}`: it is not in the catalog of Amazon Connect security-profile permissions"
            ),
        );
        diagnostic = match suggest::suggest_permission(value) {
            Some(close) => diagnostic.help(format!("did you mean `{close}`?")),
            None => diagnostic.help(
                Help::from(
                    "`switchboard catalog` lists every permission; for a permission newer than the catalog, ",
                )
                .fix(Fix::Unchecked),
            ),
        };
        out.push(diagnostic);
        return None;
    };
    if usage == Use::Grant {
        if info.status.is_legacy() {
            let instead = if info.replacement.is_empty() {
                "it has no documented replacement; remove it unless you know the instance needs it"
                    .to_owned()
            } else {
                format!(
                    "use {} instead",
                    info.replacement
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(" + ")
                )
            };
            let what = if info.status == Status::Legacy {
                "a legacy permission: hidden in the console, still accepted by the API"
            } else {
                "a legacy name that the current AWS list no longer documents"
            };
            out.push(
                Diagnostic::warning(
                    Rule::LegacyPermission,
                    name.at.clone(),
                    format!("`{value}` is {what}"),
                )
                .help(instead),
            );
        }
        if let Some(eos) = info.end_of_support {
            out.push(
                Diagnostic::warning(
                    Rule::EndOfSupport,
                    name.at.clone(),
                    format!("`{value}`: {eos}"),
                )
                .help("remove it; it grants access to a feature that no longer exists"),
            );
        }
    }
    Some(info.api.to_owned())
}

fn resolve_seed<L: Clone>(
    category: &Located<String, L>,
    member: &Located<String, L>,
    out: &mut Vec<Diagnostic<L>>,
) -> Vec<String> {
    let Some(found) = seed_names::category(&category.value) else {
        let mut diagnostic = Diagnostic::error(
            Rule::UnknownCategory,
            category.at.clone(),
            format!("unknown permission category `{}`", category.value),
        );
        let names = SEED_CATEGORIES.iter().map(|c| c.name);
        diagnostic = match suggest::did_you_mean(&category.value, names.clone()) {
            Some(close) => diagnostic.help(format!("did you mean `{close}`?")),
            None => diagnostic.help(format!(
                "the categories are {}",
                names.collect::<Vec<_>>().join(", ")
            )),
        };
        out.push(diagnostic);
        return Vec::new();
    };
    if member.value == "All" {
        return seed_names::all_of(found)
            .map(|p| p.api.to_owned())
            .collect();
    }
    match found.member(&member.value) {
        Some(m) => m.permissions.iter().map(|p| (*p).to_owned()).collect(),
        None => {
            let mut diagnostic = Diagnostic::error(
                Rule::UnknownCategoryMember,
                member.at.clone(),
                format!(
                    "category `{}` has no permission `{}`",
                    found.name, member.value
                ),
            );
            let names = found.members.iter().map(|m| m.name);
            let with_all = names.clone().chain(std::iter::once("All"));
            diagnostic = match suggest::did_you_mean(&member.value, with_all) {
                Some(close) => diagnostic.help(format!("did you mean `{}::{close}`?", found.name)),
                None => diagnostic.help(format!(
                    "`{}` has {}, and `All`",
                    found.name,
                    names.collect::<Vec<_>>().join(", ")
                )),
            };
            out.push(diagnostic);
            Vec::new()
        }
    }
}
