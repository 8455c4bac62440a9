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
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate self as switchboard;

mod builder;
mod permission;
mod preset;
mod profile;

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
pub use permission::{Permission, SeedName};
pub use preset::{Group, Preset};
pub use profile::{SecurityProfile, Tag, Text};
pub use switchboard_core::{catalog, diagnostic, rules, seed_names, spec, suggest};
pub use switchboard_macros::{preset, security_profile};

#[doc(hidden)]
pub mod __private {
    pub use crate::profile::__MacroParts;
    pub use std::borrow::Cow;
}
