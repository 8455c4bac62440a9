//! Splitting a stack that outgrows one CloudFormation template (the rules are documented on
//! [`StackPart`](crate::StackPart)).

use crate::synth::form::AssemblyForm;
use crate::synth::frame::{Frame, Role};
use crate::synth::instance::Instance;
use crate::synth::resource::{self, ProfileOutput, ProfileResource, TemplateView};
use crate::synth::template::{self, Expr, MAX_OUTPUTS, MAX_RESOURCES, Template};
use crate::{Error, SecurityProfile};

/// The longest stack name CloudFormation accepts.
pub(crate) const MAX_STACK_NAME_LEN: usize = 128;

/// Slack for the few bytes that packing estimates rather than counts (the brackets of maps
/// that become non-empty); every part is measured exactly afterwards.
const SLACK_BYTES: usize = 1024;

/// One part of a stack, its profiles chosen: written when it is needed, so that synthesis holds
/// one part's template at a time.
pub(crate) struct Part<'a> {
    /// The stack name of the part: the stack's own for the first part, `<Stack>Part<N>` for
    /// the others.
    pub name: String,
    /// 1 for the first part.
    pub number: usize,
    /// How many parts the stack has.
    pub of: usize,
    skeleton: Template,
    instance_arn: Expr,
    /// The profiles with their logical IDs, sorted by ID.
    pub profiles: Vec<(String, &'a SecurityProfile)>,
    /// The JSON, when measuring the stack as a whole wrote it already.
    json: Option<String>,
    form: AssemblyForm,
}

impl<'a> Part<'a> {
    fn new(
        stack: &str,
        instance: &Instance,
        form: AssemblyForm,
        number: usize,
        of: usize,
        profiles: Vec<(String, &'a SecurityProfile)>,
    ) -> Part<'a> {
        let frame = Frame::new(stack, instance, form, number, of, !profiles.is_empty());
        Part {
            name: part_name(stack, number),
            number,
            of,
            skeleton: frame.skeleton(),
            instance_arn: frame.instance_arn(),
            profiles,
            json: None,
            form,
        }
    }

    /// A whole stack as one template, whatever its size: [`Stack::template`](crate::Stack::template).
    pub(crate) fn whole(
        stack: &str,
        instance: &Instance,
        profiles: Vec<(String, &'a SecurityProfile)>,
    ) -> Part<'a> {
        Part::new(stack, instance, AssemblyForm::Minimal, 1, 1, profiles)
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

    /// The template as written, whatever its size.
    pub(crate) fn unchecked_json(&mut self) -> String {
        self.json
            .take()
            .unwrap_or_else(|| template::to_json(&self.view()))
    }

    /// The template as written, checked against the form's byte limit.
    pub(crate) fn json(&mut self) -> Result<String, Error> {
        let json = self.unchecked_json();
        let bytes = json.len();
        let limit = self.form.byte_limit();
        if bytes > limit {
            return Err(Error::TemplateTooLarge {
                stack: self.name.clone(),
                bytes,
                limit,
                help: self.form.too_large_help(),
            });
        }
        Ok(json)
    }
}

/// The name of part `number` of `stack`.
fn part_name(stack: &str, number: usize) -> String {
    if number == 1 {
        stack.to_owned()
    } else {
        format!("{stack}Part{number}")
    }
}

/// Chooses the parts of a stack (its profiles with their logical IDs, sorted by ID) and checks
/// their names; writes only the whole stack, to see whether it fits in one template.
pub(crate) fn plan<'a>(
    stack: &str,
    instance: &Instance,
    form: AssemblyForm,
    profiles: Vec<(String, &'a SecurityProfile)>,
) -> Result<Vec<Part<'a>>, Error> {
    let byte_limit = form.byte_limit();

    // One part when everything fits.
    let mut whole = Part::new(stack, instance, form, 1, 1, profiles);
    let view = whole.view();
    if view.resources() <= MAX_RESOURCES && view.outputs() <= MAX_OUTPUTS {
        let json = template::to_json(&view);
        if json.len() <= byte_limit {
            check_stack_name(&whole.name)?;
            whole.json = Some(json);
            return Ok(vec![whole]);
        }
    }
    let profiles = whole.profiles;

    // Otherwise pack, with the first part exporting the instance ARN. The part count in the
    // descriptions is not known yet: measure with a wide placeholder.
    let first = Frame {
        role: Role::First,
        ..Frame::new(stack, instance, form, 9999, 9999, true)
    };
    let later = Frame {
        role: Role::Later,
        ..Frame::new(stack, instance, form, 9999, 9999, true)
    };
    let arns = [first.instance_arn(), later.instance_arn()];
    let mut groups: Vec<Vec<(String, &SecurityProfile)>> = Vec::new();
    let mut current: Vec<(String, &SecurityProfile)> = Vec::new();
    let mut budget = Budget::new(&first.skeleton());
    for (id, profile) in profiles {
        // Bytes the profile adds to the first part and to a later one (their `InstanceArn`
        // differs).
        let which = usize::from(!groups.is_empty());
        let mut bytes = entry_bytes(&arns[which], &id, profile);
        if !budget.admits(bytes, byte_limit) && !current.is_empty() {
            groups.push(std::mem::take(&mut current));
            budget = Budget::new(&later.skeleton());
            bytes = entry_bytes(&arns[1], &id, profile);
        }
        budget.add(bytes);
        current.push((id, profile));
    }
    if !current.is_empty() || groups.is_empty() {
        groups.push(current);
    }
    let of = groups.len();
    let parts: Vec<Part<'a>> = groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| Part::new(stack, instance, form, index + 1, of, group))
        .collect();
    for part in &parts {
        check_stack_name(&part.name)?;
    }
    Ok(parts)
}

/// CloudFormation's stack names: 1 to 128 letters, digits and hyphens, starting with a letter.
pub(crate) fn check_stack_name(name: &str) -> Result<(), Error> {
    let reason = if name.is_empty() || name.len() > MAX_STACK_NAME_LEN {
        Some("it must be 1 to 128 characters long")
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("it must start with a letter")
    } else if !name.chars().all(|c| c == '-' || c.is_ascii_alphanumeric()) {
        Some("only letters, digits and hyphens are allowed")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(Error::InvalidStackName {
            name: name.to_owned(),
            reason,
        }),
        None => Ok(()),
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
        + map_entry_bytes(&resource::output_id(id), &template::to_json(&output))
}

fn map_entry_bytes(key: &str, value_json: &str) -> usize {
    const DEPTH: usize = 2;
    let key_json = template::to_json(key).len();
    let newlines = value_json.bytes().filter(|b| *b == b'\n').count();
    // newline + indent + "key" + ": " + value (re-indented) + ","
    1 + DEPTH + key_json + 2 + value_json.len() + newlines * DEPTH + 1
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn with_ids(list: &[SecurityProfile]) -> Vec<(String, &SecurityProfile)> {
        let mut v: Vec<(String, &SecurityProfile)> = list
            .iter()
            .map(|p| (crate::synth::logical_id::logical_id(p.name()), p))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    #[test]
    fn entry_bytes_are_exact_for_a_lone_profile() {
        let instance = Instance::parameter();
        let frame = Frame::new("S", &instance, AssemblyForm::Minimal, 1, 1, true);
        let skeleton = template::to_json(&frame.skeleton()).len();
        let list = profiles(1);
        let ids = with_ids(&list);
        let estimate = skeleton + entry_bytes(&frame.instance_arn(), &ids[0].0, &list[0]);
        let mut parts = plan("S", &instance, AssemblyForm::Minimal, ids).expect("planned");
        let actual = parts[0].json().expect("fits").len();
        // The estimate counts a comma per entry, and misses only the brackets of the two maps
        // that became non-empty and the `Outputs` key: far less than the slack.
        assert!(actual.abs_diff(estimate) < 64, "{actual} vs {estimate}");
    }

    #[test]
    fn outputs_bind_first() {
        let instance = Instance::create("c");
        let list = profiles(450);
        let parts =
            plan("S", &instance, AssemblyForm::Bootstrapped, with_ids(&list)).expect("split");
        let sizes: Vec<usize> = parts.iter().map(|p| p.profiles.len()).collect();
        assert_eq!(sizes, [199, 200, 51]);
        assert_eq!(parts[2].name, "SPart3");
    }
}
