//! Providers: registered on the app or discovered (`register_provider!`), run in `order`
//! order, once per stack, all or nothing.

use std::sync::Mutex;

use switchboard::{
    App, Error, Instance, SecurityProfile, SecurityProfileProvider, Stack, register_provider,
    security_profile,
};
use switchboard_examples::provider::{ContactCenterProvider, STACK};
use switchboard_examples::seed::PROVIDER_EXAMPLE;

security_profile! {
    pub const EARLY = { name: "Early", permissions: [BasicAgentAccess] };
    pub const LATE = { name: "Late", permissions: [BasicAgentAccess] };
    pub const DISCOVERED = { name: "DiscoveredInTests", permissions: [BasicAgentAccess] };
}

/// Adds one profile, and records the order providers ran in.
struct Adds {
    order: i32,
    profile: SecurityProfile,
    log: &'static Mutex<Vec<String>>,
}

impl SecurityProfileProvider for Adds {
    fn order(&self) -> i32 {
        self.order
    }

    fn configure(&self, stack: &mut Stack) -> Result<(), Error> {
        if let Ok(mut log) = self.log.lock() {
            log.push(self.profile.name().to_owned());
        }
        stack.add_security_profile(&self.profile)?;
        Ok(())
    }
}

fn names(stack: &Stack) -> Vec<&str> {
    stack.security_profiles().iter().map(|p| p.name()).collect()
}

#[test]
fn registered_providers_run_in_order_once_per_stack() {
    static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut app = App::with_outdir("unused");
    app.stack("One", Instance::parameter());
    app.stack("Two", Instance::parameter());
    app.register(Adds {
        order: 20,
        profile: LATE,
        log: &LOG,
    });
    app.register(Adds {
        order: 10,
        profile: EARLY,
        log: &LOG,
    });
    app.apply_providers().expect("applied");
    app.apply_providers().expect("a second call adds nothing");
    let assembly = app.assembly().expect("and neither does synthesis");
    assert_eq!(
        *LOG.lock().expect("log"),
        ["Early", "Early", "Late", "Late"]
    );
    for stack in app.stacks() {
        assert_eq!(names(stack), ["Early", "Late"]);
    }
    assert_eq!(assembly.stacks.len(), 2);
    assert!(assembly.stacks.iter().all(|s| s.profiles.len() == 2));
}

/// Adds one profile, then fails.
struct Fails;

impl SecurityProfileProvider for Fails {
    fn order(&self) -> i32 {
        0
    }

    fn configure(&self, stack: &mut Stack) -> Result<(), Error> {
        stack.add_security_profile(&EARLY)?;
        Err(Error::InvalidInstanceArn {
            arn: "provider failure".to_owned(),
        })
    }
}

#[test]
fn a_failing_provider_leaves_the_stack_unchanged_and_fails_synth() {
    let mut app = App::with_outdir("unused");
    app.stack("One", Instance::parameter());
    app.register(Fails);
    assert!(matches!(
        app.assembly().map(|a| a.stacks.len()),
        Err(Error::InvalidInstanceArn { .. })
    ));
    assert!(app.stacks()[0].security_profiles().is_empty());
}

/// Discovered: no registration code in the app below.
struct TestProvider;

impl SecurityProfileProvider for TestProvider {
    fn order(&self) -> i32 {
        100
    }

    fn configure(&self, stack: &mut Stack) -> Result<(), Error> {
        stack.add_security_profile(&DISCOVERED)?;
        Ok(())
    }
}

register_provider!(TestProvider);

#[test]
fn discovery_is_opted_into_and_finds_providers_of_every_linked_crate() {
    let mut plain = App::with_outdir("unused");
    plain.stack(STACK, Instance::create("c"));
    plain.apply_providers().expect("nothing to apply");
    assert!(plain.stacks()[0].security_profiles().is_empty());

    let mut app = App::with_outdir("unused");
    app.stack(STACK, Instance::create("c"));
    app.stack("Elsewhere", Instance::parameter());
    app.use_discovered_providers().use_discovered_providers();
    app.apply_providers().expect("applied");
    // This file's provider applies everywhere; the examples' provider to its stack only.
    let mut expected: Vec<&str> = PROVIDER_EXAMPLE.iter().map(|p| p.name()).collect();
    expected.push("DiscoveredInTests");
    let mut got = names(&app.stacks()[0]);
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(names(&app.stacks()[1]), ["DiscoveredInTests"]);
}

#[test]
fn the_examples_provider_can_be_registered_explicitly() {
    let mut app = App::with_outdir("unused");
    app.stack(STACK, Instance::create("c"));
    app.register(ContactCenterProvider);
    app.apply_providers().expect("applied");
    let got = names(&app.stacks()[0]);
    let expected: Vec<&str> = PROVIDER_EXAMPLE.iter().map(|p| p.name()).collect();
    assert_eq!(got, expected);
    // Registered and discovered is running it twice: the second run is refused.
    app.use_discovered_providers();
    assert!(matches!(
        app.apply_providers(),
        Err(Error::DuplicateProfileName { .. })
    ));
}
