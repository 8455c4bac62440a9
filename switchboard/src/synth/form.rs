//! The two forms of an assembly, and what each does to a template.
//!
//! The bootstrapped form is what the AWS CDK's default synthesizer writes (bootstrap version 6,
//! qualifier `hnb659fds`): the CDK CLI uploads each template to the bootstrap bucket and deploys
//! it from there with the bootstrap roles, so templates up to 1,000,000 bytes deploy. Each
//! template gains the `BootstrapVersion` parameter and the `CheckBootstrapVersion` rule, each
//! stack an asset manifest that lists its template under the SHA-256 of the template's bytes
//! (written by [`assembly`](super::assembly), with the roles and bucket named here).
//!
//! The minimal form has none of that: the CLI sends the template itself with the request,
//! which CloudFormation accepts up to 51,200 bytes, so stacks are split at that size instead.

use crate::synth::template::{Assertion, MAX_TEMPLATE_BYTES, Parameter, Template, TemplateRule};

/// The bootstrap qualifier of the CDK's default bootstrap stack.
pub const BOOTSTRAP_QUALIFIER: &str = "hnb659fds";
/// The bootstrap stack version the bootstrapped form needs.
pub const BOOTSTRAP_VERSION: u32 = 6;
/// The bootstrap version the lookup role (used by `cdk diff`) needs.
pub const LOOKUP_ROLE_BOOTSTRAP_VERSION: u32 = 8;
/// The largest template the CDK CLI can send inline (the minimal form).
pub const MAX_MINIMAL_TEMPLATE_BYTES: usize = 51_200;

/// How `synth` writes the assembly.
///
/// The bootstrapped form is what the AWS CDK's default synthesizer writes (bootstrap version 6,
/// qualifier `hnb659fds`): the CDK CLI uploads each template to the bootstrap bucket and deploys
/// it from there with the bootstrap roles, so templates up to 1,000,000 bytes deploy. Each
/// template gains the `BootstrapVersion` parameter and the `CheckBootstrapVersion` rule, each
/// stack an asset manifest that lists its template under the SHA-256 of the template's bytes.
/// Run `cdk bootstrap` once per account and region.
///
/// The minimal form has none of that: the CLI sends the template itself with the request,
/// which CloudFormation accepts up to 51,200 bytes (about 25 profiles of 40 permissions), and
/// no bootstrap is needed. Stacks are split at that size instead of 1,000,000 bytes, so it
/// suits small stacks; a single profile over 51,200 bytes is an error
/// ([`Error::TemplateTooLarge`](crate::Error::TemplateTooLarge)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AssemblyForm {
    /// What the AWS CDK's default synthesizer writes; needs `cdk bootstrap` once. The default.
    #[default]
    Bootstrapped,
    /// Templates only, deployed inline: no bootstrap, at most 51,200 bytes per template
    /// (larger stacks are split at that size).
    Minimal,
}

impl AssemblyForm {
    /// The largest template this form deploys.
    pub(crate) fn byte_limit(self) -> usize {
        match self {
            AssemblyForm::Bootstrapped => MAX_TEMPLATE_BYTES,
            AssemblyForm::Minimal => MAX_MINIMAL_TEMPLATE_BYTES,
        }
    }

    /// What to do about a template over [`AssemblyForm::byte_limit`].
    pub(crate) fn too_large_help(self) -> &'static str {
        match self {
            AssemblyForm::Minimal => {
                "the CDK CLI sends such a template inline, which CloudFormation refuses; \
                 use the bootstrapped form (the default) and run `cdk bootstrap` once"
            }
            AssemblyForm::Bootstrapped => {
                "a single profile cannot be split further; reduce its permissions"
            }
        }
    }

    /// What the form adds to every template: in the bootstrapped form, the `BootstrapVersion`
    /// parameter and the `CheckBootstrapVersion` rule, as the CDK's default synthesizer does.
    pub(crate) fn add_to(self, template: &mut Template) {
        if self == AssemblyForm::Bootstrapped {
            add_bootstrap_check(template);
        }
    }
}

pub(crate) fn ssm_parameter() -> String {
    format!("/cdk-bootstrap/{BOOTSTRAP_QUALIFIER}/version")
}

pub(crate) fn role(kind: &str) -> String {
    format!(
        "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:role/cdk-{BOOTSTRAP_QUALIFIER}-{kind}-role-${{AWS::AccountId}}-${{AWS::Region}}"
    )
}

pub(crate) fn bucket() -> String {
    format!("cdk-{BOOTSTRAP_QUALIFIER}-assets-${{AWS::AccountId}}-${{AWS::Region}}")
}

/// Adds the `BootstrapVersion` parameter and the `CheckBootstrapVersion` rule, as the CDK's
/// default synthesizer does.
fn add_bootstrap_check(template: &mut Template) {
    template.parameters.insert(
        "BootstrapVersion".to_owned(),
        Parameter {
            parameter_type: "AWS::SSM::Parameter::Value<String>".to_owned(),
            default: Some(ssm_parameter()),
            description: Some(
                "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]"
                    .to_owned(),
            ),
            allowed_pattern: None,
            constraint_description: None,
        },
    );
    let older: Vec<serde_json::Value> = (1..BOOTSTRAP_VERSION)
        .map(|v| serde_json::Value::String(v.to_string()))
        .collect();
    template.rules.insert(
        "CheckBootstrapVersion".to_owned(),
        TemplateRule {
            assertions: vec![Assertion {
                assert: serde_json::json!({
                    "Fn::Not": [{"Fn::Contains": [older, {"Ref": "BootstrapVersion"}]}]
                }),
                assert_description: format!(
                    "CDK bootstrap stack version {BOOTSTRAP_VERSION} required. Please run 'cdk bootstrap' with a recent version of the CDK CLI."
                ),
            }],
        },
    );
}
