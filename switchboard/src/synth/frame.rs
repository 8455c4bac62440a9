//! The frame of a template: everything in it but the profiles. Its description, the instance
//! (resource, parameter, ARN output or export) and what the assembly form adds; and how the
//! profiles of the template refer to the instance.

use std::collections::BTreeMap;

use crate::synth::form::AssemblyForm;
use crate::synth::instance::{Instance, InstanceKind};
use crate::synth::template::{
    Export, Expr, INSTANCE_TYPE, InstanceAttributes, InstanceProperties, Output, Parameter,
    Properties, Resource, Template,
};

/// Logical ID of the `AWS::Connect::Instance` that [`Instance::create`] adds.
pub const INSTANCE_LOGICAL_ID: &str = "ConnectInstance";
/// Logical ID of the parameter that [`Instance::parameter`] adds.
pub const INSTANCE_PARAMETER: &str = "InstanceArn";
/// Logical ID of the output that gives the instance's ARN: in every stack that creates its
/// instance (the ARN to deploy [`Instance::parameter`] stacks with), and in the first part of a
/// split stack on a parameter, which exports it to the other parts.
pub const INSTANCE_ARN_OUTPUT: &str = "ConnectInstanceArn";

/// The AWS pattern of a Connect instance ARN, as the parameter's `AllowedPattern`.
pub const INSTANCE_ARN_PATTERN: &str =
    "^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance/[-a-zA-Z0-9]*$";

/// Where a part of a stack finds the instance ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The whole stack, or its first part: it holds the instance (resource, parameter or
    /// literal ARN).
    First,
    /// A later part: it imports the ARN the first part exports, unless the ARN is literal.
    Later,
}

/// What one template is made of besides its profiles.
pub(crate) struct Frame<'a> {
    pub stack: &'a str,
    pub instance: &'a Instance,
    pub role: Role,
    /// True when the first part must export the instance ARN to later parts.
    pub export: bool,
    /// False for a stack without profiles, which then declares no `InstanceArn` parameter that
    /// nothing would use.
    pub holds_profiles: bool,
    pub form: AssemblyForm,
    pub description: String,
}

impl<'a> Frame<'a> {
    /// The frame of part `part` of `of` of the stack named `stack`.
    pub fn new(
        stack: &'a str,
        instance: &'a Instance,
        form: AssemblyForm,
        part: usize,
        of: usize,
        holds_profiles: bool,
    ) -> Frame<'a> {
        Frame {
            stack,
            instance,
            role: if part == 1 { Role::First } else { Role::Later },
            export: of > 1,
            holds_profiles,
            form,
            description: description(stack, part, of),
        }
    }

    /// The export name of the instance ARN: `<Stack>:InstanceArn`.
    pub fn export_name(&self) -> String {
        format!("{}:InstanceArn", self.stack)
    }

    /// How the profiles of this template refer to the instance.
    pub fn instance_arn(&self) -> Expr {
        match (self.instance.kind(), self.role) {
            (InstanceKind::Existing { arn }, _) => Expr::Text(arn.clone()),
            (InstanceKind::Create { .. }, Role::First) => Expr::get_att(INSTANCE_LOGICAL_ID, "Arn"),
            (InstanceKind::Parameter, Role::First) => Expr::reference(INSTANCE_PARAMETER),
            (_, Role::Later) => Expr::ImportValue {
                name: self.export_name(),
            },
        }
    }

    /// The template without profiles.
    pub fn skeleton(&self) -> Template {
        let mut template = Template {
            description: Some(self.description.clone()),
            parameters: BTreeMap::new(),
            rules: BTreeMap::new(),
            resources: BTreeMap::new(),
            outputs: BTreeMap::new(),
        };
        if self.role == Role::First {
            match self.instance.kind() {
                InstanceKind::Create { alias } => {
                    template
                        .resources
                        .insert(INSTANCE_LOGICAL_ID.to_owned(), instance_resource(alias));
                    template.outputs.insert(
                        INSTANCE_ARN_OUTPUT.to_owned(),
                        self.instance_output(format!(
                            "ARN of the Connect instance {alias:?}, created by this stack"
                        )),
                    );
                }
                InstanceKind::Parameter if self.holds_profiles => {
                    template
                        .parameters
                        .insert(INSTANCE_PARAMETER.to_owned(), instance_parameter());
                    if self.export {
                        template.outputs.insert(
                            INSTANCE_ARN_OUTPUT.to_owned(),
                            self.instance_output(
                                "ARN of the Connect instance, given as parameter InstanceArn"
                                    .to_owned(),
                            ),
                        );
                    }
                }
                InstanceKind::Parameter | InstanceKind::Existing { .. } => {}
            }
        }
        self.form.add_to(&mut template);
        template
    }
}

impl Frame<'_> {
    /// The output of the instance ARN, exported to the later parts of a split stack.
    fn instance_output(&self, description: String) -> Output {
        let (description, export) = if self.export {
            (
                format!(
                    "{description}; imported by the other parts of stack {}",
                    self.stack
                ),
                Some(Export {
                    name: self.export_name(),
                }),
            )
        } else {
            (description, None)
        };
        Output {
            description: Some(description),
            value: self.instance_arn(),
            export,
        }
    }
}

fn instance_resource(alias: &str) -> Resource {
    Resource {
        resource_type: INSTANCE_TYPE.to_owned(),
        properties: Properties::Instance(InstanceProperties {
            identity_management_type: "CONNECT_MANAGED".to_owned(),
            instance_alias: alias.to_owned(),
            attributes: InstanceAttributes {
                inbound_calls: true,
                outbound_calls: true,
            },
        }),
        deletion_policy: Some("Retain".to_owned()),
        update_replace_policy: Some("Retain".to_owned()),
        metadata: None,
    }
}

fn instance_parameter() -> Parameter {
    Parameter {
        parameter_type: "String".to_owned(),
        default: None,
        description: Some(
            "ARN of the Amazon Connect instance the security profiles belong to".to_owned(),
        ),
        allowed_pattern: Some(INSTANCE_ARN_PATTERN.to_owned()),
        constraint_description: Some(
            "an Amazon Connect instance ARN: arn:<partition>:connect:<region>:<account>:instance/<id>"
                .to_owned(),
        ),
    }
}

/// The description of a template: which stack, and which part of it.
fn description(stack: &str, part: usize, parts: usize) -> String {
    if parts == 1 {
        format!("Amazon Connect security profiles of stack {stack}, synthesized by switchboard")
    } else {
        format!(
            "Amazon Connect security profiles of stack {stack} (part {part} of {parts}), synthesized by switchboard"
        )
    }
}
