//! # switchboard
//!
//! Amazon Connect security profiles as compile-checked code.
//!
//! `security_profile!` checks every permission against the catalog of real AWS names, enforces
//! AWS's limits and least-privilege rules, and fails `cargo build` at the exact token that is
//! wrong. The profiles it defines are `const` [`SecurityProfile`]s; profiles known only at run
//! time come from [`SecurityProfile::builder`], which applies the same rules.
//!
//! ```
//! use switchboard::security_profile;
//!
//! security_profile! {
//!     /// Agents that also make outbound calls.
//!     pub const OUTBOUND_SALES = {
//!         name: "OutboundSalesAgent",
//!         preset: OutboundAgent,
//!         permissions: [CustomerProfiles.View],
//!         tags: { "Department": "Sales" },
//!     };
//! }
//!
//! assert!(OUTBOUND_SALES.has_permission("OutboundCallAccess"));
//! assert!(OUTBOUND_SALES.has_permission("CustomerProfiles.View"));
//! ```
//!
//! ## Synthesis
//!
//! An [`App`] holds [`Stack`]s, one per Connect [`Instance`] (created by the stack, existing, or
//! a template parameter); [`App::synth`] writes a CDK cloud assembly that `cdk deploy` accepts:
//! `manifest.json`, one `<Stack>.template.json` per stack and, in the default bootstrapped
//! form ([`AssemblyForm`]), the asset manifests of the CDK's default synthesizer. Each profile
//! becomes an `AWS::Connect::SecurityProfile` with its ARN as a stack output; stacks over
//! CloudFormation's limits are split ([`StackPart`]); the output is byte-identical from run to
//! run, whatever order profiles were added in; the directory is replaced atomically.
//! [`App::assembly`] gives the same files in memory, [`Stack::template`] one stack as a plain
//! [`Template`]. Providers ([`SecurityProfileProvider`]) add profiles from code registered on the
//! app or discovered with [`register_provider!`]. The files' shapes are typed in [`template`]
//! and [`manifest`].
//!
//! ```no_run
//! use switchboard::{App, Instance, security_profile};
//!
//! security_profile! {
//!     pub const BASIC_AGENT = { name: "BasicAgent", preset: Agent };
//! }
//!
//! fn main() -> Result<(), switchboard::Error> {
//!     let mut app = App::new(); // $CDK_OUTDIR when the CDK CLI runs the app, else ./cdk.out
//!     let stack = app.stack("MyContactCenter", Instance::create("my-center"));
//!     stack.add_security_profile(&BASIC_AGENT)?;
//!     app.synth()?;
//!     Ok(())
//! }
//! ```
//!
//! ## Deploying
//!
//! With the AWS CDK CLI, as in the seed: a `cdk.json` whose `"app"` runs the program
//! (`{"app": "cargo run --quiet --example contact_center"}` in this repository), then
//!
//! ```text
//! cdk bootstrap                      # once per account and region (the default, bootstrapped form)
//! cdk diff MyContactCenter
//! cdk deploy MyContactCenter          # prints MyContactCenter.ConnectInstanceArn = arn:...
//! cdk deploy GuideExamples --parameters InstanceArn=arn:aws:connect:us-east-1:111122223333:instance/...
//! ```
//!
//! A stack that creates its instance outputs the instance's ARN as `ConnectInstanceArn`
//! ([`template::INSTANCE_ARN_OUTPUT`]): the `InstanceArn` to deploy the instance's other stacks
//! with. The CLI sets `CDK_OUTDIR`, which [`App::new`] writes to. A split stack deploys part
//! after part (`cdk deploy MyContactCenterPart2` deploys `MyContactCenter` first). `cdk ls`,
//! `cdk synth` and `cdk diff --template OLD.template.json` work offline on a written assembly
//! with `--app cdk.out`.
//!
//! Without the CDK: [`Stack::template`] is a plain CloudFormation template, and so is every
//! template of an assembly written in [`AssemblyForm::Minimal`] (the bootstrapped form's
//! templates read the bootstrap version from SSM, so they deploy only where `cdk bootstrap`
//! ran). Write it with `std::fs::write("center.json", stack.template()?.to_json())`, then
//!
//! ```text
//! aws cloudformation deploy --stack-name MyContactCenter --template-file center.json
//! ```
//!
//! (add `--parameter-overrides InstanceArn=...` for [`Instance::parameter`], and
//! `--s3-bucket BUCKET` for templates over 51,200 bytes).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate self as switchboard;

mod builder;
mod error;
mod permission;
mod preset;
mod profile;
mod synth;
mod text_list;

#[rustfmt::skip] // generated; see the file's first line
pub mod groups;
#[rustfmt::skip] // generated; see the file's first line
pub mod permissions;
#[rustfmt::skip] // generated; see the file's first line
pub mod presets;
#[rustfmt::skip] // generated; see the file's first line
pub mod seed;

#[doc = include_str!("dsl.md")]
pub mod dsl {}

pub use builder::{BuildError, Finding, SecurityProfileBuilder};
pub use error::Error;
#[doc(hidden)]
pub use inventory as __inventory;
pub use permission::{Permission, SeedName};
pub use preset::{Group, Preset};
pub use profile::{SecurityProfile, Tag, Text};
pub use switchboard_core::catalog;
pub use switchboard_core::diagnostic::{Diagnostic, Rule, Severity};
pub use switchboard_core::spec::FieldPath;
pub use switchboard_macros::{preset, security_profile};
pub use synth::app::App;
pub use synth::assembly::{Assembly, StackPart, WrittenAssembly};
pub use synth::form::AssemblyForm;
pub use synth::instance::{Instance, InstanceKind};
pub use synth::logical_id::logical_id;
pub use synth::provider::{DiscoveredProvider, SecurityProfileProvider};
pub use synth::stack::{AsSecurityProfile, Stack};
pub use synth::template::Template;
pub use text_list::{Iter as TextListIter, TextList};

pub mod template {
    //! The CloudFormation template as typed data: what [`Stack::template`](crate::Stack::template)
    //! and [`Assembly::template`](crate::Assembly::template) return, read back from the bytes
    //! `synth` writes, and the fixed names and limits of a template.
    pub use crate::synth::frame::{
        INSTANCE_ARN_OUTPUT, INSTANCE_ARN_PATTERN, INSTANCE_LOGICAL_ID, INSTANCE_PARAMETER,
    };
    pub use crate::synth::template::{
        Assertion, Export, Expr, INSTANCE_TYPE, InstanceAttributes, InstanceProperties,
        MAX_OUTPUTS, MAX_RESOURCES, MAX_TEMPLATE_BYTES, Output, Parameter, Properties, Resource,
        ResourceMetadata, SECURITY_PROFILE_TYPE, SecurityProfileProperties, SwitchboardMetadata,
        TagEntry, Template, TemplateRule,
    };
}

pub mod manifest {
    //! The files of a cloud assembly besides the templates, as typed data (`manifest.json`,
    //! `<Stack>.assets.json`), and the bootstrap the bootstrapped form needs.
    pub use crate::synth::form::{
        BOOTSTRAP_QUALIFIER, BOOTSTRAP_VERSION, LOOKUP_ROLE_BOOTSTRAP_VERSION,
        MAX_MINIMAL_TEMPLATE_BYTES,
    };
    pub use crate::synth::manifest::{
        Artifact, ArtifactProperties, AssetManifest, AssetManifestProperties, BootstrapRole,
        ENVIRONMENT, FileAsset, FileDestination, FileSource, MANIFEST_VERSION, Manifest,
        StackProperties,
    };
}

#[doc(hidden)]
pub mod __private {
    pub use crate::profile::__MacroParts;
    pub use std::borrow::Cow;
}
