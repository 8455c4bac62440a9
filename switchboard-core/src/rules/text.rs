//! Free text (descriptions, tag values, reasons, unchecked names) must reach AWS as written.
//! CloudFormation resolves `{{resolve:...}}` dynamic references anywhere in a template, and
//! cfn-lint rejects `${...}` outside `Fn::Sub` (E1029): text holding either would deploy as
//! something else, or not at all.

use crate::diagnostic::{Diagnostic, Rule};
use crate::spec::{Located, PermissionItem, ProfileSpec, ResourceItem};

/// The CloudFormation syntax a piece of text contains, if any.
pub fn cloudformation_syntax(text: &str) -> Option<&'static str> {
    if text.contains("{{resolve:") {
        Some("{{resolve:")
    } else if text.contains("${") {
        Some("${")
    } else {
        None
    }
}

/// Checks one piece of free text; `what` names the field in the message.
pub fn check<L: Clone>(what: &str, text: &Located<String, L>, out: &mut Vec<Diagnostic<L>>) {
    let Some(syntax) = cloudformation_syntax(&text.value) else {
        return;
    };
    let (meaning, fix) = if syntax == "{{resolve:" {
        (
            "CloudFormation replaces `{{resolve:...}}` dynamic references with a parameter or secret at deploy time",
            "write the text itself; switchboard never resolves values",
        )
    } else {
        (
            "`${...}` is a substitution that CloudFormation reads only inside `Fn::Sub`, and cfn-lint rejects it elsewhere (E1029)",
            "write it without `${`, e.g. `$ {` or the value itself",
        )
    };
    out.push(
        Diagnostic::error(
            Rule::CloudFormationSyntaxInText,
            text.at.clone(),
            format!("{what} {:?} contains `{syntax}`: {meaning}", text.value),
        )
        .help(fix),
    );
}

/// Checks every free-text value of a profile or preset: the description, tag and
/// access-control tag values, the sensitive reason, and `unchecked` names.
pub fn check_spec<L: Clone>(spec: &ProfileSpec<L>, out: &mut Vec<Diagnostic<L>>) {
    if let Some(description) = &spec.description {
        check("the description", description, out);
    }
    for tag in &spec.tags {
        check("the value of tag", &tag.value, out);
    }
    if let Some(restriction) = &spec.restrict_tags {
        for tag in &restriction.tags {
            check("the value of access-control tag", &tag.value, out);
        }
        for resource in &restriction.resources {
            if let ResourceItem::Unchecked(name) = resource {
                check("the resource type", name, out);
            }
        }
    }
    if let Some(reason) = &spec.sensitive {
        check("the sensitive reason", reason, out);
    }
    for item in spec.permissions.iter().chain(&spec.without) {
        if let PermissionItem::Unchecked(name) = item {
            check("the permission", name, out);
        }
    }
}
