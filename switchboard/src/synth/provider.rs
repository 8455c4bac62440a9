//! Providers: code that adds profiles to stacks, registered on the app or discovered (see
//! [`SecurityProfileProvider`]).
//!
//! Discovery uses [`inventory`](https://docs.rs/inventory) (dtolnay) rather than `linkme` (also
//! dtolnay). `linkme` gathers items in a linker section, which is exact and costs nothing at
//! run time, but needs linker support per platform and does not work on
//! `wasm32-unknown-unknown`. `inventory` registers each item from a static constructor run
//! before `main`; it works on every platform Rust's standard library targets, including
//! WebAssembly (where the host must run the module's constructors, `__wasm_call_ctors`, before
//! calling in), and since rustc 1.62 items in library crates are collected even when nothing
//! else in the crate is used. Neither works in `const` context, which providers do not need.
//! Discovery is opted into by the app, so a crate that is merely linked (a test's
//! dependencies, say) never adds profiles to an app that did not ask for them.
//!

use crate::Error;
use crate::synth::stack::Stack;

/// Adds security profiles to stacks: the seed's `ISecurityProfileProvider`.
///
/// The seed's `ISecurityProfileProvider` is a class with an `Order` and a
/// `ConfigureSecurityProfiles(stack)` method that an assembly scan finds. Here it is the trait
/// [`SecurityProfileProvider`], and a provider reaches the app in one of two ways:
///
/// - explicitly: [`App::register`](crate::App::register);
/// - without registration code: [`register_provider!`](crate::register_provider) next to the
///   provider, and one [`App::use_discovered_providers`](crate::App::use_discovered_providers)
///   in the app, which collects every provider so marked in every crate linked into the
///   program.
///
/// Providers run when the app synthesizes ([`App::synth`](crate::App::synth),
/// [`App::assembly`](crate::App::assembly)) or when [`App::apply_providers`](crate::App::apply_providers)
/// is called, once per stack they apply to, in ascending [`order`](Self::order).
/// Ties keep registration order, and discovered providers come after registered ones of the
/// same order, sorted by [`name`](Self::name) so the order does not depend on
/// link order. A provider that fails leaves the stack as it was before the provider ran.
///
/// Register a provider one way, not both: it would run twice, and its second run is refused
/// as a duplicate profile name.
///
/// ```
/// use switchboard::{App, Instance, SecurityProfileProvider, Stack, security_profile};
///
/// security_profile! {
///     pub const NIGHT_AGENT = { name: "NightAgent", preset: Agent };
/// }
///
/// struct NightShift;
///
/// impl SecurityProfileProvider for NightShift {
///     fn order(&self) -> i32 {
///         350 // after routing profiles
///     }
///
///     fn configure(&self, stack: &mut Stack) -> Result<(), switchboard::Error> {
///         stack.add_security_profile(&NIGHT_AGENT)?;
///         Ok(())
///     }
/// }
///
/// let mut app = App::with_outdir("unused");
/// app.stack("Center", Instance::parameter());
/// app.register(NightShift);
/// app.apply_providers()?;
/// assert_eq!(app.stacks()[0].security_profiles()[0].name(), "NightAgent");
/// # Ok::<(), switchboard::Error>(())
/// ```
pub trait SecurityProfileProvider: Send + Sync {
    /// When the provider runs relative to the others: lower first.
    fn order(&self) -> i32;

    /// Adds the provider's profiles to `stack`.
    fn configure(&self, stack: &mut Stack) -> Result<(), Error>;

    /// Whether the provider configures `stack`; every stack unless overridden.
    fn applies_to(&self, stack: &Stack) -> bool {
        let _ = stack;
        true
    }

    /// A name for the provider, used to order discovered providers of equal order; the type
    /// name unless overridden.
    fn name(&self) -> &str {
        std::any::type_name::<Self>()
    }
}

/// A provider found by [`App::use_discovered_providers`](crate::App::use_discovered_providers):
/// what [`register_provider!`](crate::register_provider) submits.
pub struct DiscoveredProvider {
    provider: &'static dyn SecurityProfileProvider,
}

impl DiscoveredProvider {
    /// Wraps a provider for discovery; use [`register_provider!`](crate::register_provider).
    pub const fn new(provider: &'static dyn SecurityProfileProvider) -> DiscoveredProvider {
        DiscoveredProvider { provider }
    }

    /// The provider.
    pub fn provider(&self) -> &'static dyn SecurityProfileProvider {
        self.provider
    }
}

inventory::collect!(DiscoveredProvider);

/// Every provider marked with [`register_provider!`](crate::register_provider) in the program,
/// sorted by name (the order in which they were linked is not stable).
pub fn discovered_providers() -> Vec<&'static dyn SecurityProfileProvider> {
    let mut all: Vec<&'static dyn SecurityProfileProvider> = inventory::iter::<DiscoveredProvider>
        .into_iter()
        .map(DiscoveredProvider::provider)
        .collect();
    all.sort_by(|a, b| a.name().cmp(b.name()));
    all
}

/// Marks a provider for discovery by [`App::use_discovered_providers`](crate::App::use_discovered_providers),
/// with no registration code in the app. The argument is a constant expression of a type that
/// implements [`SecurityProfileProvider`], typically a unit struct.
///
/// ```
/// use switchboard::{App, Instance, SecurityProfileProvider, Stack, register_provider, security_profile};
///
/// security_profile! {
///     pub const WEEKEND_AGENT = { name: "WeekendAgent", preset: Agent };
/// }
///
/// pub struct Weekend;
///
/// impl SecurityProfileProvider for Weekend {
///     fn order(&self) -> i32 { 400 }
///     fn configure(&self, stack: &mut Stack) -> Result<(), switchboard::Error> {
///         stack.add_security_profile(&WEEKEND_AGENT)?;
///         Ok(())
///     }
/// }
///
/// register_provider!(Weekend);
///
/// let mut app = App::with_outdir("unused");
/// app.stack("Center", Instance::parameter());
/// app.use_discovered_providers().apply_providers()?;
/// assert!(app.stacks()[0].security_profiles().iter().any(|p| p.name() == "WeekendAgent"));
/// # Ok::<(), switchboard::Error>(())
/// ```
#[macro_export]
macro_rules! register_provider {
    ($provider:expr $(,)?) => {
        $crate::__inventory::submit! {
            $crate::DiscoveredProvider::new(&$provider)
        }
    };
}

/// A provider as the app holds it.
pub(crate) enum Held {
    Registered(Box<dyn SecurityProfileProvider>),
    Discovered(&'static dyn SecurityProfileProvider),
}

impl Held {
    pub(crate) fn get(&self) -> &dyn SecurityProfileProvider {
        match self {
            Held::Registered(p) => p.as_ref(),
            Held::Discovered(p) => *p,
        }
    }

    pub(crate) fn discovered(&self) -> bool {
        matches!(self, Held::Discovered(_))
    }
}

/// The indexes of `held` in the order they run.
pub(crate) fn run_order(held: &[Held]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..held.len()).collect();
    // Stable: registered providers keep their registration order among equals, and
    // discovered ones were added sorted by name.
    order.sort_by_key(|&i| (held[i].get().order(), held[i].discovered()));
    order
}

/// Runs `provider` on `stack`, keeping the stack unchanged if it fails.
pub(crate) fn apply(
    provider: &dyn SecurityProfileProvider,
    stack: &mut Stack,
) -> Result<(), Error> {
    let mut trial = stack.clone();
    provider.configure(&mut trial)?;
    *stack = trial;
    Ok(())
}
