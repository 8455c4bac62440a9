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

pub mod app;
pub mod assembly;
pub mod instance;
pub mod logical_id;
pub mod provider;
mod render;
pub mod split;
pub mod stack;
pub mod template;
pub mod write;

pub use app::App;
pub use assembly::{Assembly, AssemblyForm, SynthesizedStack};
pub use instance::{Instance, InstanceKind};
pub use logical_id::logical_id;
pub use provider::{DiscoveredProvider, SecurityProfileProvider};
pub use render::{
    INSTANCE_ARN_PATTERN, INSTANCE_EXPORT_OUTPUT, INSTANCE_LOGICAL_ID, INSTANCE_PARAMETER,
};
pub use split::Part;
pub use stack::{AsSecurityProfile, Stack};
pub use template::Template;
