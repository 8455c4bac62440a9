//! Synthesis: stacks of security profiles in, CloudFormation templates and a CDK cloud
//! assembly out. Private: the crate root re-exports what users call.
//!
//! The files import one way, from the app down:
//!
//! - [`app`]: the [`App`](app::App), its checks across stacks, `synth` and `assembly`;
//! - [`assembly`]: the manifest and the list of stack parts, built part after part into memory
//!   or into an atomic [`write`];
//! - [`stack`]: a [`Stack`](stack::Stack) of one [`instance`], its profiles, their
//!   [`logical_id`]s; [`provider`]s add to it;
//! - [`split`]: the parts of a stack within CloudFormation's limits, each written once;
//! - [`resource`]: the one writer of a profile's resource and output, into a [`frame`]'s
//!   skeleton (description, instance, what the [`form`] adds);
//! - [`template`] and [`manifest`]: the files as typed data, their JSON form in [`json`];
//!   [`sha256`].

pub(crate) mod app;
pub(crate) mod assembly;
pub(crate) mod form;
pub(crate) mod frame;
pub(crate) mod instance;
pub(crate) mod json;
pub(crate) mod logical_id;
pub(crate) mod manifest;
pub(crate) mod provider;
pub(crate) mod resource;
pub(crate) mod sha256;
pub(crate) mod split;
pub(crate) mod stack;
pub(crate) mod template;
pub(crate) mod write;
