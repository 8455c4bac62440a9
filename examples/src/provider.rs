//! The seed's provider example ("Using Provider Interface"): a provider that adds the
//! [`PROVIDER_EXAMPLE`] profiles to the contact center's stack.
//!
//! It is marked with [`register_provider!`], so an app that calls
//! [`App::use_discovered_providers`](switchboard::App::use_discovered_providers) runs it with
//! no registration code, as the seed's assembly scanning does; `App::register(ContactCenterProvider)`
//! would register it explicitly instead.

use switchboard::{SecurityProfileProvider, Stack, register_provider};

use crate::seed::PROVIDER_EXAMPLE;

/// The stack the provider configures: the contact center of `cargo run --example contact_center`.
pub const STACK: &str = "MyContactCenter";

/// Adds the seed's provider profiles (`ContactCenterAgent`, `Supervisor`, `ContactCenterAdmin`)
/// to the [`STACK`] stack.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContactCenterProvider;

impl SecurityProfileProvider for ContactCenterProvider {
    /// After routing profiles, as in the seed.
    fn order(&self) -> i32 {
        350
    }

    fn configure(&self, stack: &mut Stack) -> Result<(), switchboard::Error> {
        stack.add_security_profiles(PROVIDER_EXAMPLE)?;
        Ok(())
    }

    fn applies_to(&self, stack: &Stack) -> bool {
        stack.name() == STACK
    }
}

register_provider!(ContactCenterProvider);
