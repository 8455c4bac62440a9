//! The seed's example profiles, written with `security_profile!`.
//!
//! `seed` holds the ten complete examples of the seed document and its provider example;
//! `guide` holds the examples of the README's DSL guide. `cargo run --example contact_center`
//! synthesizes all of them.
//!
//! Where the seed's C# would fail to deploy or breaks least privilege, the Rust version differs,
//! and the doc comment of the profile says how and why.
#![deny(missing_docs)]

pub mod guide;
pub mod provider;
pub mod seed;
