//! Benchmarks of switchboard: what the `security_profile!` macro costs at compile time, and how
//! fast synthesis is next to the AWS CDK and next to `serde_json` alone.
//!
//! This library holds the deterministic inputs (profiles drawn from a fixed seed) and their
//! renderings; `src/main.rs` drives the measurements and `benches/synth.rs` is the criterion
//! benchmark. `bench/run.sh` runs everything. See `bench/README.md`.
#![forbid(unsafe_code)]

pub mod floor;
pub mod generate;
pub mod job;
pub mod render;
pub mod rng;
pub mod stats;
pub mod warnings;

/// The seed every generated input is drawn from. Change it and every number changes meaning.
pub const SEED: u64 = 0x5b0a_2d00_c0ff_ee01;
