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
use crate::synth::template::{self, Expr, Template};
use crate::synth::view::{ProfileOutput, ProfileResource, TemplateView};
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

/// A part whose profiles are chosen: rendered when it is needed, so that synthesis holds one
/// part's template at a time.
pub(crate) struct Planned<'a> {
    /// As [`Part::name`].
    pub name: String,
    /// As [`Part::number`].
    pub number: usize,
    /// As [`Part::of`].
    pub of: usize,
    frame: Frame<'a>,
    skeleton: Template,
    instance_arn: Expr,
    /// The profiles with their logical IDs, sorted by ID.
    pub profiles: Vec<(String, &'a SecurityProfile)>,
    /// The JSON, when measuring the stack as a whole rendered it already.
    json: Option<String>,
    form: AssemblyForm,
    byte_limit: usize,
}

impl<'a> Planned<'a> {
    fn new(
        stack: &'a Stack,
        form: AssemblyForm,
        number: usize,
        of: usize,
        profiles: Vec<(String, &'a SecurityProfile)>,
    ) -> Planned<'a> {
        let role = if number == 1 {
            Role::First
        } else {
            Role::Later
        };
        let frame = frame(stack, form, role, of > 1, number, of);
        Planned {
            name: part_name(stack.name(), number),
            number,
            of,
            skeleton: frame.skeleton(),
            instance_arn: frame.instance_arn(),
            frame,
            profiles,
            json: None,
            form,
            byte_limit: byte_limit(form),
        }
    }

    /// How many resources the template holds.
    pub(crate) fn resources(&self) -> usize {
        self.view().resources()
    }

    fn view(&self) -> TemplateView<'_> {
        TemplateView {
            skeleton: &self.skeleton,
            instance_arn: &self.instance_arn,
            profiles: &self.profiles,
        }
    }

    /// The template as written, checked against the byte limit.
    pub(crate) fn json(&mut self) -> Result<String, Error> {
        let json = match self.json.take() {
            Some(json) => json,
            None => template::to_json(&self.view()),
        };
        let bytes = json.len();
        if bytes > self.byte_limit {
            return Err(Error::TemplateTooLarge {
                stack: self.name.clone(),
                bytes,
                limit: self.byte_limit,
                help: match self.form {
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
        Ok(json)
    }

    /// The template as the owned model, for the in-memory forms.
    pub(crate) fn template(&self) -> Template {
        let mut template = self.skeleton.clone();
        render::add_profiles(
            &mut template,
            &self.frame,
            self.profiles.iter().map(|(id, p)| (id.as_str(), *p)),
        );
        template
    }

    /// The part, rendered, as [`Stack::parts`] returns it.
    fn into_part(mut self) -> Result<Part, Error> {
        let json = self.json()?;
        Ok(Part {
            template: self.template(),
            profiles: self.profiles.iter().map(|(_, p)| (*p).clone()).collect(),
            name: self.name,
            number: self.number,
            of: self.of,
            json,
        })
    }
}

fn byte_limit(form: AssemblyForm) -> usize {
    match form {
        AssemblyForm::Bootstrapped => MAX_TEMPLATE_BYTES,
        AssemblyForm::Minimal => MAX_MINIMAL_TEMPLATE_BYTES,
    }
}

pub(crate) fn split(stack: &Stack, form: AssemblyForm) -> Result<Vec<Part>, Error> {
    plan(stack, form)?
        .into_iter()
        .map(Planned::into_part)
        .collect()
}

/// Chooses the parts of a stack and checks their names; renders only the whole stack, to see
/// whether it fits in one template.
pub(crate) fn plan(stack: &Stack, form: AssemblyForm) -> Result<Vec<Planned<'_>>, Error> {
    let byte_limit = byte_limit(form);
    let mut ids = stack.logical_ids();
    let mut profiles: Vec<(String, &SecurityProfile)> = stack
        .security_profiles()
        .iter()
        .filter_map(|p| ids.remove(p.name()).map(|id| (id, p)))
        .collect();
    profiles.sort_by(|a, b| a.0.cmp(&b.0));

    // One part when everything fits.
    let mut whole = Planned::new(stack, form, 1, 1, profiles);
    let view = whole.view();
    if view.resources() <= MAX_RESOURCES && view.outputs() <= MAX_OUTPUTS {
        let json = template::to_json(&view);
        if json.len() <= byte_limit {
            stack::check_stack_name(&whole.name)?;
            whole.json = Some(json);
            return Ok(vec![whole]);
        }
    }
    let profiles = whole.profiles;

    // Otherwise pack, with the first part exporting the instance ARN. The part count in the
    // descriptions is not known yet: measure with a wide placeholder.
    let first = frame(stack, form, Role::First, true, 9999, 9999);
    let later = frame(stack, form, Role::Later, true, 9999, 9999);
    let arns = [first.instance_arn(), later.instance_arn()];
    let sized: Vec<Sized> = profiles
        .into_iter()
        .map(|(id, profile)| Sized {
            bytes: [
                entry_bytes(&arns[0], &id, profile),
                entry_bytes(&arns[1], &id, profile),
            ],
            id,
            profile,
        })
        .collect();
    let mut groups: Vec<Vec<(String, &SecurityProfile)>> = Vec::new();
    let mut current: Vec<(String, &SecurityProfile)> = Vec::new();
    let mut budget = Budget::new(&first.skeleton());
    for item in sized {
        let which = usize::from(!groups.is_empty());
        if !budget.admits(item.bytes[which], byte_limit) && !current.is_empty() {
            groups.push(std::mem::take(&mut current));
            budget = Budget::new(&later.skeleton());
        }
        let which = usize::from(!groups.is_empty());
        budget.add(item.bytes[which]);
        current.push((item.id, item.profile));
    }
    if !current.is_empty() || groups.is_empty() {
        groups.push(current);
    }
    let of = groups.len();
    let parts: Vec<Planned<'_>> = groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| Planned::new(stack, form, index + 1, of, group))
        .collect();
    for part in &parts {
        stack::check_stack_name(&part.name)?;
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
        holds_profiles: !stack.security_profiles().is_empty(),
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
fn entry_bytes(instance_arn: &Expr, id: &str, profile: &SecurityProfile) -> usize {
    let resource = ProfileResource {
        profile,
        instance_arn,
    };
    let output = ProfileOutput { id, profile };
    map_entry_bytes(id, &template::to_json(&resource))
        + map_entry_bytes(&render::output_id(id), &template::to_json(&output))
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
        let estimate = skeleton + entry_bytes(&f.instance_arn(), id, &list[0]);
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
