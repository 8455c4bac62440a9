//! Shared core of switchboard: the permission catalog, the built-in presets and groups, and
//! every validation rule of a security profile.
//!
//! Both the `security_profile!` macro (at compile time) and the runtime builder call
//! [`rules::validate`], so a rule lives in exactly one place. The crate has no dependencies so
//! that it adds almost nothing to the build time of the proc-macro crate.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod catalog;
pub mod diagnostic;
pub mod field;
pub mod groups;
#[cfg(test)]
mod list_checks;
pub mod presets;
pub mod rules;
pub mod seed_names;
pub mod spec;
pub mod suggest;
