//! The `security_profile!` and `preset!` macros of switchboard.
//!
//! Use them through the `switchboard` crate (`use switchboard::security_profile;`), which
//! documents the DSL. This crate is a thin shell: parsing in `ast`, the rules in
//! `switchboard_core::rules` (shared with the runtime builder), code generation in `expand`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod ast;
mod ctxt;
mod expand;
#[cfg(test)]
mod properties;
mod valid;

use proc_macro::TokenStream;

/// Defines compile-checked security profiles as `const`s. See the `switchboard` crate.
#[proc_macro]
pub fn security_profile(input: TokenStream) -> TokenStream {
    expand::expand(input.into(), ast::Kind::Profile).into()
}

/// Defines reusable presets. See the `switchboard` crate.
#[proc_macro]
pub fn preset(input: TokenStream) -> TokenStream {
    expand::expand(input.into(), ast::Kind::Preset).into()
}
