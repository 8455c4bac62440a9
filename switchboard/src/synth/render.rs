//! Turning a stack (or one part of a split stack) into a [`Template`]: the profile resources,
//! their outputs, the instance and what the assembly form adds.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::SecurityProfile;
use crate::synth::assembly::{self, AssemblyForm};
use crate::synth::instance::{Instance, InstanceKind};
use crate::synth::template::{
    Export, Expr, INSTANCE_TYPE, InstanceAttributes, InstanceProperties, Output, Parameter,
    Properties, Resource, ResourceMetadata, SECURITY_PROFILE_TYPE, SecurityProfileProperties,
    SwitchboardMetadata, TagEntry, Template,
};
use crate::{Tag, catalog::Tier};

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

impl Frame<'_> {
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
        if self.form == AssemblyForm::Bootstrapped {
            assembly::add_bootstrap_check(&mut template);
        }
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

fn tags(tags: &[Tag]) -> Vec<TagEntry> {
    tags.iter()
        .map(|t| TagEntry {
            key: t.key.to_string(),
            value: t.value.to_string(),
        })
        .collect()
}

/// The attribute of a profile resource that its output gives.
pub(crate) const PROFILE_ARN_ATTRIBUTE: &str = "SecurityProfileArn";

/// The sensitive permissions a profile holds, in its (sorted) order: `SensitivePermissions`.
pub(crate) fn sensitive_permissions(profile: &SecurityProfile) -> impl Iterator<Item = &str> {
    let sensitive = sensitive();
    let permissions = profile.permissions();
    // A profile's permissions are sorted: one walk along both lists, rather than a search per
    // permission (which showed in profiles of synthesis). A search if they are not.
    let sorted = permissions.iter().is_sorted();
    let mut rest = sensitive;
    permissions.iter().filter(move |p| {
        if !sorted {
            return sensitive.binary_search(p).is_ok();
        }
        while let Some((first, later)) = rest.split_first()
            && first < p
        {
            rest = later;
        }
        rest.first() == Some(p)
    })
}

/// `ImpliedPermissions`: sorted and unique, whatever order the profile holds them in.
pub(crate) fn implied_permissions(profile: &SecurityProfile) -> Vec<&str> {
    let mut implied: Vec<&str> = profile.implied_permissions().iter().collect();
    if !implied.is_sorted_by(|a, b| a < b) {
        implied.sort_unstable();
        implied.dedup();
    }
    implied
}

/// The logical ID of a profile's output: `<LogicalId>Arn`.
pub(crate) fn output_id(logical_id: &str) -> String {
    format!("{logical_id}Arn")
}

/// The description of a profile's output.
pub(crate) struct OutputDescription<'a>(pub &'a str);

impl std::fmt::Display for OutputDescription<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ARN of the security profile {:?}", self.0)
    }
}

/// The resource of one profile: every field the profile sets and nothing else.
pub(crate) fn profile_resource(profile: &SecurityProfile, instance_arn: Expr) -> Resource {
    let owned = |items: Vec<&str>| items.into_iter().map(str::to_owned).collect();
    let switchboard = SwitchboardMetadata {
        sensitive_reason: profile.sensitive_reason().map(str::to_owned),
        sensitive_permissions: sensitive_permissions(profile).map(str::to_owned).collect(),
        implied_permissions: owned(implied_permissions(profile)),
    };
    Resource {
        resource_type: SECURITY_PROFILE_TYPE.to_owned(),
        properties: Properties::SecurityProfile(SecurityProfileProperties {
            security_profile_name: profile.name().to_owned(),
            description: profile.description().map(str::to_owned),
            instance_arn,
            permissions: profile.permissions().to_vec(),
            allowed_access_control_tags: tags(profile.access_control_tags()),
            tag_restricted_resources: profile.tag_restricted_resources().to_vec(),
            allowed_access_control_hierarchy_group_id: profile.hierarchy_group().map(str::to_owned),
            hierarchy_restricted_resources: profile.hierarchy_restricted_resources().to_vec(),
            tags: tags(profile.tags()),
        }),
        deletion_policy: None,
        update_replace_policy: None,
        metadata: (!switchboard.is_empty()).then_some(ResourceMetadata { switchboard }),
    }
}

/// The output of one profile: its ARN, `<LogicalId>Arn`.
pub(crate) fn profile_output(profile: &SecurityProfile, logical_id: &str) -> (String, Output) {
    (
        output_id(logical_id),
        Output {
            description: Some(OutputDescription(profile.name()).to_string()),
            value: Expr::get_att(logical_id, PROFILE_ARN_ATTRIBUTE),
            export: None,
        },
    )
}

/// Adds the profiles to a skeleton.
pub(crate) fn add_profiles<'p>(
    template: &mut Template,
    frame: &Frame<'_>,
    profiles: impl IntoIterator<Item = (&'p str, &'p SecurityProfile)>,
) {
    for (id, profile) in profiles {
        template.resources.insert(
            id.to_owned(),
            profile_resource(profile, frame.instance_arn()),
        );
        let (output_id, output) = profile_output(profile, id);
        template.outputs.insert(output_id, output);
    }
}

/// The sensitive permissions of the catalog, sorted, built once: the few sensitive names
/// instead of a look-up in the whole catalog per permission.
fn sensitive() -> &'static [&'static str] {
    static SENSITIVE: OnceLock<Vec<&'static str>> = OnceLock::new();
    SENSITIVE.get_or_init(|| {
        let mut names: Vec<&'static str> = crate::catalog::PERMISSIONS
            .iter()
            .filter(|p| p.tier == Tier::Sensitive)
            .map(|p| p.api)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    })
}
