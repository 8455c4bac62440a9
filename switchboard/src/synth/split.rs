//! Splitting a stack that outgrows one CloudFormation template.
//!
//! A template holds at most [`MAX_RESOURCES`] resources, [`MAX_OUTPUTS`] outputs and
//! [`MAX_TEMPLATE_BYTES`] bytes. Every profile is one resource and one output (its ARN), so the
//! output limit binds first: a stack of more than 200 profiles becomes several stacks, named
//! `<Stack>`, `<Stack>Part2`, `<Stack>Part3`, ... In the minimal assembly form the byte limit
//! is the 51,200 bytes a template sent inline may have.
//!
//! - Profiles are packed in logical-ID order, each part as full as the limits allow. Every
//!   profile lands in exactly one part; nothing is dropped.
//! - The first part holds the instance: the `AWS::Connect::Instance` resource (or the
//!   `InstanceArn` parameter) and an output exporting its ARN as `<Stack>:InstanceArn`; later
//!   parts take it with `Fn::ImportValue`. An existing instance's ARN is written into every
//!   part.
//! - In the manifest every part depends on the one before, so `cdk deploy` deploys them in
//!   order (and the export exists before it is imported).
//!
//! Moving a profile from one part to another (which happens when profiles are added or removed
//! before it in ID order) replaces it: CloudFormation deletes it from one stack and creates it
//! in the other. `cdk deploy` handles it, but users assigned to the profile must be assigned
//! again, so keep stacks under 200 profiles where that matters. A part that disappears is not
//! deleted by `cdk deploy`; `cdk destroy <Stack>PartN` does it.

use crate::synth::assembly::{AssemblyForm, MAX_MINIMAL_TEMPLATE_BYTES};
use crate::synth::render::{self, Frame, Role};
use crate::synth::stack::{self, Stack};
use crate::synth::template::{self, Template};
use crate::{Error, SecurityProfile};

/// The most resources one template may hold.
pub const MAX_RESOURCES: usize = 500;
/// The most outputs one template may hold.
pub const MAX_OUTPUTS: usize = 200;
/// The most bytes one template may have (CloudFormation's limit for a template in S3).
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// Slack for the few bytes that packing estimates rather than counts (the brackets of maps
/// that become non-empty); every part is measured exactly afterwards.
const SLACK_BYTES: usize = 1024;

/// One part of a stack, as `synth` writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The stack name of the part: the stack's own for the first part, `<Stack>Part<N>` for
    /// the others.
    pub name: String,
    /// 1 for the first part.
    pub number: usize,
    /// How many parts the stack has.
    pub of: usize,
    /// The part's template.
    pub template: Template,
    /// The profiles in the part, in logical-ID order.
    pub profiles: Vec<SecurityProfile>,
    /// The template as written (computed once, for the limit check).
    pub json: String,
}

/// The name of part `number` of `stack`.
pub fn part_name(stack: &str, number: usize) -> String {
    if number == 1 {
        stack.to_owned()
    } else {
        format!("{stack}Part{number}")
    }
}

struct Sized<'a> {
    id: String,
    profile: &'a SecurityProfile,
    /// Bytes the profile adds to the first part and to a later one (their `InstanceArn`
    /// differs).
    bytes: [usize; 2],
}

pub(crate) fn split(stack: &Stack, form: AssemblyForm) -> Result<Vec<Part>, Error> {
    let byte_limit = match form {
        AssemblyForm::Bootstrapped => MAX_TEMPLATE_BYTES,
        AssemblyForm::Minimal => MAX_MINIMAL_TEMPLATE_BYTES,
    };
    let ids = stack.logical_ids();
    let mut profiles: Vec<(&str, &SecurityProfile)> = stack
        .security_profiles()
        .iter()
        .filter_map(|p| ids.get(p.name()).map(|id| (id.as_str(), p)))
        .collect();
    profiles.sort_by(|a, b| a.0.cmp(b.0));

    // One part when everything fits.
    let whole = frame(stack, form, Role::First, false, 1, 1);
    let mut template = whole.skeleton();
    render::add_profiles(&mut template, &whole, profiles.iter().copied());
    let json = template::to_json(&template);
    if template.resources.len() <= MAX_RESOURCES
        && template.outputs.len() <= MAX_OUTPUTS
        && json.len() <= byte_limit
    {
        let name = part_name(stack.name(), 1);
        stack::check_stack_name(&name)?;
        return Ok(vec![Part {
            name,
            number: 1,
            of: 1,
            template,
            profiles: profiles.into_iter().map(|(_, p)| p.clone()).collect(),
            json,
        }]);
    }

    // Otherwise pack, with the first part exporting the instance ARN. The part count in the
    // descriptions is not known yet: measure with a wide placeholder.
    let first = frame(stack, form, Role::First, true, 9999, 9999);
    let later = frame(stack, form, Role::Later, true, 9999, 9999);
    let sized: Vec<Sized> = profiles
        .iter()
        .map(|(id, profile)| Sized {
            id: (*id).to_owned(),
            profile,
            bytes: [
                entry_bytes(&first, id, profile),
                entry_bytes(&later, id, profile),
            ],
        })
        .collect();
    let mut groups: Vec<Vec<(&str, &SecurityProfile)>> = Vec::new();
    let mut current: Vec<(&str, &SecurityProfile)> = Vec::new();
    let mut budget = Budget::new(&first.skeleton());
    for item in &sized {
        let which = usize::from(!groups.is_empty());
        if !budget.admits(item.bytes[which], byte_limit) && !current.is_empty() {
            groups.push(std::mem::take(&mut current));
            budget = Budget::new(&later.skeleton());
        }
        let which = usize::from(!groups.is_empty());
        budget.add(item.bytes[which]);
        current.push((item.id.as_str(), item.profile));
    }
    if !current.is_empty() {
        groups.push(current);
    }
    finish(stack, form, groups, byte_limit)
}

/// Renders each group as a part and checks it against the limits exactly.
fn finish(
    stack: &Stack,
    form: AssemblyForm,
    groups: Vec<Vec<(&str, &SecurityProfile)>>,
    byte_limit: usize,
) -> Result<Vec<Part>, Error> {
    let of = groups.len().max(1);
    let groups = if groups.is_empty() {
        vec![Vec::new()]
    } else {
        groups
    };
    let mut parts = Vec::with_capacity(of);
    for (index, group) in groups.into_iter().enumerate() {
        let number = index + 1;
        let role = if number == 1 {
            Role::First
        } else {
            Role::Later
        };
        let frame = frame(stack, form, role, of > 1, number, of);
        let mut template = frame.skeleton();
        render::add_profiles(&mut template, &frame, group.iter().copied());
        let name = part_name(stack.name(), number);
        stack::check_stack_name(&name)?;
        let json = template::to_json(&template);
        let bytes = json.len();
        if bytes > byte_limit {
            return Err(Error::TemplateTooLarge {
                stack: name,
                bytes,
                limit: byte_limit,
                help: match form {
                    AssemblyForm::Minimal => {
                        "the CDK CLI sends such a template inline, which CloudFormation refuses; \
                         use the bootstrapped form (the default) and run `cdk bootstrap` once"
                    }
                    AssemblyForm::Bootstrapped => {
                        "a single profile cannot be split further; reduce its permissions"
                    }
                },
            });
        }
        parts.push(Part {
            name,
            number,
            of,
            template,
            profiles: group.into_iter().map(|(_, p)| p.clone()).collect(),
            json,
        });
    }
    Ok(parts)
}

fn frame<'a>(
    stack: &'a Stack,
    form: AssemblyForm,
    role: Role,
    export: bool,
    part: usize,
    of: usize,
) -> Frame<'a> {
    Frame {
        stack: stack.name(),
        instance: stack.instance(),
        role,
        export,
        form,
        description: stack::description(stack.name(), part, of),
    }
}

/// What a part being packed has used so far.
struct Budget {
    resources: usize,
    outputs: usize,
    bytes: usize,
}

impl Budget {
    fn new(skeleton: &Template) -> Budget {
        Budget {
            resources: skeleton.resources.len(),
            outputs: skeleton.outputs.len(),
            bytes: template::to_json(skeleton).len() + SLACK_BYTES,
        }
    }

    fn admits(&self, bytes: usize, byte_limit: usize) -> bool {
        self.resources < MAX_RESOURCES
            && self.outputs < MAX_OUTPUTS
            && self.bytes + bytes <= byte_limit
    }

    fn add(&mut self, bytes: usize) {
        self.resources += 1;
        self.outputs += 1;
        self.bytes += bytes;
    }
}

/// The bytes a profile's resource and output add to a template: each is an entry of a map
/// two levels deep, `\n  "Id": value,` with the value's lines indented by two more spaces.
fn entry_bytes(frame: &Frame<'_>, id: &str, profile: &SecurityProfile) -> usize {
    let resource = render::profile_resource(profile, frame.instance_arn());
    let (output_id, output) = render::profile_output(profile, id);
    map_entry_bytes(id, &template::to_json(&resource))
        + map_entry_bytes(&output_id, &template::to_json(&output))
}

fn map_entry_bytes(key: &str, value_json: &str) -> usize {
    const DEPTH: usize = 2;
    let key_json = template::to_json(key).len();
    let newlines = value_json.bytes().filter(|b| *b == b'\n').count();
    // newline + indent + "key" + ": " + value (re-indented) + ","
    1 + DEPTH + key_json + 2 + value_json.len() + newlines * DEPTH + 1
}

/// The parts of every stack by name, for tests of this module.
#[cfg(test)]
fn names(parts: &[Part]) -> std::collections::BTreeMap<usize, String> {
    parts.iter().map(|p| (p.number, p.name.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::instance::Instance;

    fn profiles(n: usize) -> Vec<SecurityProfile> {
        (0..n)
            .map(|i| {
                SecurityProfile::builder(format!("Profile{i:04}"))
                    .permission("BasicAgentAccess")
                    .build()
                    .expect("valid profile")
            })
            .collect()
    }

    #[test]
    fn entry_bytes_are_exact_for_a_lone_profile() {
        let mut stack = Stack::new("S".into(), Instance::parameter().with_profile_quota(1000));
        let skeleton = {
            let f = frame(&stack, AssemblyForm::Minimal, Role::First, false, 1, 1);
            template::to_json(&f.skeleton()).len()
        };
        let list = profiles(1);
        stack.add_security_profiles(&list).expect("added");
        let parts = split(&stack, AssemblyForm::Minimal).expect("split");
        let f = frame(&stack, AssemblyForm::Minimal, Role::First, false, 1, 1);
        let id = &stack.logical_ids()["Profile0000"];
        let estimate = skeleton + entry_bytes(&f, id, &list[0]);
        let actual = template::to_json(&parts[0].template).len();
        // The estimate counts a comma per entry, and misses only the brackets of the two maps
        // that became non-empty and the `Outputs` key: far less than the slack.
        assert!(actual.abs_diff(estimate) < 64, "{actual} vs {estimate}");
    }

    #[test]
    fn outputs_bind_first() {
        let mut stack = Stack::new("S".into(), Instance::create("c").with_profile_quota(1000));
        stack.add_security_profiles(profiles(450)).expect("added");
        let parts = split(&stack, AssemblyForm::Bootstrapped).expect("split");
        let sizes: Vec<usize> = parts.iter().map(|p| p.profiles.len()).collect();
        assert_eq!(sizes, [199, 200, 51]);
        assert_eq!(names(&parts)[&3], "SPart3");
    }
}
