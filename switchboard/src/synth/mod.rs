//! Synthesis: stacks of security profiles in, CloudFormation templates and a CDK cloud
//! assembly out.
//!
//! - [`App`] holds the stacks and writes the assembly ([`App::synth`]).
//! - [`Stack`] holds the profiles of one Connect [`Instance`] and renders its [`Template`].
//! - [`logical_id`](mod@logical_id) names the resources; [`split`] divides stacks that outgrow a template;
//!   [`assembly`] writes the manifest in the bootstrapped or the minimal form; [`write`](mod@write)
//!   replaces the output directory atomically; [`provider`] runs code that adds profiles.
//!
//! Everything written is deterministic: the same profiles give the same bytes, on every run
//! and whatever order they were added in.
//!
//! [`App::synth`] renders, hashes and writes one stack part at a time, so memory holds one
//! template rather than the whole assembly ([`App::assembly`] gives the same bytes in memory).
//! It does not sync the files to disk: the new assembly replaces the old one atomically, but
//! like the AWS CDK's, a power loss right after synth may require running synth again.
//! [`App::with_sync_to_disk`] syncs everything before the swap, at a cost of milliseconds.
//!
//! # Deploying
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
//! ([`INSTANCE_ARN_OUTPUT`]): the `InstanceArn` to deploy the instance's other stacks with.
//!
//! The CLI sets `CDK_OUTDIR`, which [`App::new`] writes to. A split stack deploys part after
//! part (`cdk deploy MyContactCenterPart2` deploys `MyContactCenter` first). `cdk ls`,
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

pub mod app;
pub mod assembly;
pub mod instance;
pub mod logical_id;
pub mod provider;
mod render;
pub mod split;
pub mod stack;
pub mod template;
mod view;
pub mod write;

pub use app::App;
pub use assembly::{Assembly, AssemblyForm, SynthesizedStack, WrittenAssembly, WrittenStack};
pub use instance::{Instance, InstanceKind};
pub use logical_id::logical_id;
pub use provider::{DiscoveredProvider, SecurityProfileProvider};
pub use render::{
    INSTANCE_ARN_OUTPUT, INSTANCE_ARN_PATTERN, INSTANCE_LOGICAL_ID, INSTANCE_PARAMETER,
};
pub use split::Part;
pub use stack::{AsSecurityProfile, Stack};
pub use template::Template;
