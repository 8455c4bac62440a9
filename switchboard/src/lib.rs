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
//! form, the asset manifests of the CDK's default synthesizer. Each profile becomes an
//! `AWS::Connect::SecurityProfile` with its ARN as a stack output; stacks over CloudFormation's
//! limits are split; the output is byte-identical from run to run; the directory is replaced
//! atomically. [`Stack::template`] renders a plain template in memory. Providers
//! ([`SecurityProfileProvider`]) add profiles from code registered on the app or discovered
//! with [`register_provider!`]. See [`synth`] for the details.
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
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate self as switchboard;

mod builder;
mod error;
mod permission;
mod preset;
mod profile;
pub mod synth;
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
pub use switchboard_core::{catalog, diagnostic, rules, seed_names, spec, suggest};
pub use switchboard_macros::{preset, security_profile};
pub use synth::{
    App, AssemblyForm, DiscoveredProvider, Instance, SecurityProfileProvider, Stack, Template,
};
pub use text_list::{Iter as TextListIter, TextList};

#[doc(hidden)]
pub mod __private {
    pub use crate::profile::__MacroParts;
    pub use std::borrow::Cow;
}
