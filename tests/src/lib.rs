//! Tests of switchboard live in `tests/`; this crate's only code compiles the README's examples
//! as doctests, so the guide cannot drift from the API.

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;
