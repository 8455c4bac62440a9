//! trybuild UI tests of `security_profile!` and `preset!`.
//!
//! - `ui/fail`: every compile-error rule, each `.stderr` showing the message at the exact token.
//! - `ui/warn`: every warning rule. Warnings are uses of `#[deprecated]` items, so each file
//!   starts with `#![deny(deprecated)]` to turn them into errors that the `.stderr` records.
//! - `ui/pass`: what must compile (and run) without a diagnostic.
//!
//! The `.stderr` files are written for the toolchain this project builds with;
//! `TRYBUILD=overwrite cargo test -p switchboard-tests --test ui` regenerates them, and every
//! change to them is reviewed in the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.compile_fail("ui/warn/*.rs");
    t.pass("ui/pass/*.rs");
}
