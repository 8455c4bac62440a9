//! What a stack writes for its instance beyond the profiles: the created instance's ARN as an
//! output, nothing unused in a stack without profiles, and one creator per instance alias.

use serde_json::{Value, json};
use switchboard::template::INSTANCE_ARN_OUTPUT;
use switchboard::{App, AssemblyForm, Error, Instance, SecurityProfile, presets};

const ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

fn agent(name: &str) -> SecurityProfile {
    SecurityProfile::builder(name)
        .preset(presets::Agent)
        .build()
        .expect("valid")
}

fn json_of(app: &mut App, stack: &str) -> Value {
    let assembly = app.assembly().expect("synthesizes");
    serde_json::from_str(&assembly.files[&format!("{stack}.template.json")]).expect("JSON")
}

#[test]
fn a_stack_that_creates_its_instance_outputs_the_instance_arn() {
    let mut app = App::with_outdir("unused").with_form(AssemblyForm::Minimal);
    app.stack("MyContactCenter", Instance::create("my-center"))
        .add_security_profile(agent("BasicAgent"))
        .expect("accepted");
    let template = json_of(&mut app, "MyContactCenter");
    assert_eq!(INSTANCE_ARN_OUTPUT, "ConnectInstanceArn");
    assert_eq!(
        template["Outputs"]["ConnectInstanceArn"],
        json!({
            "Description": "ARN of the Connect instance \"my-center\", created by this stack",
            "Value": {"Fn::GetAtt": ["ConnectInstance", "Arn"]}
        })
    );
    // The in-memory template says the same.
    let owned = app.stacks()[0].template().expect("renders");
    assert!(owned.outputs.contains_key(INSTANCE_ARN_OUTPUT));
}

#[test]
fn stacks_on_an_existing_or_parameter_instance_do_not_output_it() {
    let mut app = App::with_outdir("unused");
    app.stack("Shared", Instance::existing(ARN).expect("valid"))
        .add_security_profile(agent("A"))
        .expect("accepted");
    app.stack("Any", Instance::parameter())
        .add_security_profile(agent("A"))
        .expect("accepted");
    for stack in app.stacks() {
        let template = stack.template().expect("renders");
        assert!(
            !template.outputs.contains_key(INSTANCE_ARN_OUTPUT),
            "{}",
            stack.name()
        );
    }
}

#[test]
fn a_stack_without_profiles_declares_nothing_unused() {
    for form in [AssemblyForm::Minimal, AssemblyForm::Bootstrapped] {
        let mut app = App::with_outdir("unused").with_form(form);
        app.stack("EmptyParameter", Instance::parameter());
        app.stack("EmptyExisting", Instance::existing(ARN).expect("valid"));
        app.stack("EmptyCreated", Instance::create("empty-center"));
        for stack in ["EmptyParameter", "EmptyExisting"] {
            let template = json_of(&mut app, stack);
            // `"Resources": {}`, as the CDK writes an empty stack (cfn-lint accepts it; a
            // template without the key is an error, E1001); no `InstanceArn` parameter.
            assert_eq!(template["Resources"], json!({}), "{stack} {form:?}");
            assert_eq!(template.get("Outputs"), None, "{stack} {form:?}");
            let parameters: Vec<&String> = template
                .get("Parameters")
                .and_then(Value::as_object)
                .map(|p| p.keys().collect())
                .unwrap_or_default();
            let expected: &[&str] = match form {
                AssemblyForm::Minimal => &[],
                AssemblyForm::Bootstrapped => &["BootstrapVersion"],
            };
            assert_eq!(parameters, expected, "{stack} {form:?}");
        }
        let created = json_of(&mut app, "EmptyCreated");
        let resources: Vec<&String> = created["Resources"]
            .as_object()
            .expect("resources")
            .keys()
            .collect();
        assert_eq!(resources, ["ConnectInstance"]);
        assert!(created["Outputs"]["ConnectInstanceArn"].is_object());
    }
    // The in-memory template too.
    let mut app = App::with_outdir("unused");
    app.stack("EmptyParameter", Instance::parameter());
    let template = app.stacks()[0].template().expect("renders");
    assert!(template.parameters.is_empty() && template.resources.is_empty());
}

#[test]
fn two_stacks_that_create_one_alias_are_refused_naming_both() {
    let mut app = App::with_outdir("unused");
    app.stack("East", Instance::create("acme"))
        .add_security_profile(agent("A"))
        .expect("accepted");
    app.stack("Other", Instance::create("acme-west"));
    app.stack("West", Instance::create("ACME"))
        .add_security_profile(agent("B"))
        .expect("accepted");
    let error = app.assembly().expect_err("one alias, two creators");
    let Error::DuplicateInstanceAlias {
        alias,
        first,
        second,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(
        (alias.as_str(), first.as_str(), second.as_str()),
        ("ACME", "East", "West")
    );
    let message = error.to_string();
    for words in [
        "stacks \"East\" and \"West\" both create the Connect instance \"ACME\"",
        "Instance::parameter()",
        "ConnectInstanceArn output of East",
    ] {
        assert!(message.contains(words), "{words:?} in {message}");
    }
    // `synth` refuses it before it writes anything.
    let dir = std::env::temp_dir().join(format!("synth-instances-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = App::with_outdir(&dir);
    app.stack("East", Instance::create("acme"));
    app.stack("West", Instance::create("acme"));
    assert!(matches!(
        app.synth(),
        Err(Error::DuplicateInstanceAlias { .. })
    ));
    assert!(!dir.exists());
}
