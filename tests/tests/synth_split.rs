//! Stacks over CloudFormation's limits are split into parts that deploy in order, with the
//! instance ARN passed from the first part to the others, and nothing dropped.

use std::collections::BTreeSet;

use switchboard::Assembly;
use switchboard::manifest::ArtifactProperties;
use switchboard::template::{
    Expr, INSTANCE_ARN_OUTPUT, INSTANCE_LOGICAL_ID, MAX_OUTPUTS, MAX_RESOURCES, MAX_TEMPLATE_BYTES,
};
use switchboard::{App, AssemblyForm, Instance, SecurityProfile, groups, presets};

const ARN: &str =
    "arn:aws:connect:eu-west-2:123456789012:instance/0d3f1c2a-1111-2222-3333-444455556666";

/// `n` distinct small profiles, built at run time.
fn small(n: usize) -> Vec<SecurityProfile> {
    (0..n)
        .map(|i| {
            SecurityProfile::builder(format!("Agent {i:04}"))
                .description(format!("Generated agent profile number {i}"))
                .group(groups::BasicAgent)
                .tag("Team", format!("T{}", i % 7))
                .build()
                .expect("valid")
        })
        .collect()
}

fn assembly(instance: Instance, profiles: &[SecurityProfile]) -> Assembly {
    let mut app = App::with_outdir("unused");
    app.stack("Big", instance.with_profile_quota(10_000))
        .add_security_profiles(profiles)
        .expect("accepted");
    app.assembly().expect("synthesizes")
}

/// Every part within the limits, every profile in exactly one part, identical to the input.
fn assert_complete(assembly: &Assembly, profiles: &[SecurityProfile]) {
    let mut seen = BTreeSet::new();
    for part in &assembly.stacks {
        let bytes = assembly.files[&part.template_file].len();
        assert!(bytes <= MAX_TEMPLATE_BYTES, "{}: {bytes} bytes", part.id);
        let template = assembly.template(part);
        assert!(template.resources.len() <= MAX_RESOURCES, "{}", part.id);
        assert_eq!(template.resources.len(), part.resources, "{}", part.id);
        assert!(template.outputs.len() <= MAX_OUTPUTS, "{}", part.id);
        for name in &part.profiles {
            assert!(seen.insert(name.clone()), "{name} twice");
            let profile = profiles
                .iter()
                .find(|p| p.name() == name)
                .expect("one of the input's");
            let (id, properties) = template
                .security_profile(name)
                .expect("rendered in its part");
            assert_eq!(properties.permissions.len(), profile.permission_count());
            assert!(template.outputs.contains_key(&format!("{id}Arn")));
        }
        assert_eq!(
            template.security_profiles().count(),
            part.profiles.len(),
            "{}",
            part.id
        );
    }
    let all: BTreeSet<String> = profiles.iter().map(|p| p.name().to_owned()).collect();
    assert_eq!(seen, all, "nothing dropped, nothing added");
}

fn stack_dependencies(assembly: &Assembly, id: &str) -> Vec<String> {
    assembly.manifest.artifacts[id].dependencies.clone()
}

#[test]
fn six_hundred_profiles_on_a_created_instance() {
    let profiles = small(600);
    let assembly = assembly(Instance::create("big-center"), &profiles);
    let names: Vec<&str> = assembly.stacks.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(names, ["Big", "BigPart2", "BigPart3", "BigPart4"]);
    // Outputs bind first: 200 per template, one of the first part's is the instance export.
    let sizes: Vec<usize> = assembly.stacks.iter().map(|s| s.profiles.len()).collect();
    assert_eq!(sizes, [199, 200, 200, 1]);
    assert_complete(&assembly, &profiles);

    let first = &assembly.stacks[0];
    assert!(
        assembly
            .template(first)
            .resources
            .contains_key(INSTANCE_LOGICAL_ID)
    );
    let export = &assembly.template(first).outputs[INSTANCE_ARN_OUTPUT];
    assert_eq!(export.value, Expr::get_att(INSTANCE_LOGICAL_ID, "Arn"));
    assert_eq!(
        export.export.as_ref().map(|e| e.name.as_str()),
        Some("Big:InstanceArn")
    );
    for (_, p) in assembly.template(first).security_profiles() {
        assert_eq!(p.instance_arn, Expr::get_att(INSTANCE_LOGICAL_ID, "Arn"));
    }
    for later in &assembly.stacks[1..] {
        assert!(
            !assembly
                .template(later)
                .resources
                .contains_key(INSTANCE_LOGICAL_ID)
        );
        assert!(
            !assembly
                .template(later)
                .outputs
                .contains_key(INSTANCE_ARN_OUTPUT)
        );
        for (_, p) in assembly.template(later).security_profiles() {
            assert_eq!(
                p.instance_arn,
                Expr::ImportValue {
                    name: "Big:InstanceArn".to_owned()
                }
            );
        }
        assert_eq!(later.of, 4);
        assert!(
            assembly
                .template(later)
                .description
                .as_deref()
                .is_some_and(|d| d.contains(&format!("part {} of 4", later.part)))
        );
    }

    // Deploy order: each part after its asset manifest and the part before it.
    assert_eq!(stack_dependencies(&assembly, "Big"), ["Big.assets"]);
    assert_eq!(
        stack_dependencies(&assembly, "BigPart2"),
        ["BigPart2.assets", "Big"]
    );
    assert_eq!(
        stack_dependencies(&assembly, "BigPart4"),
        ["BigPart4.assets", "BigPart3"]
    );
    for part in &assembly.stacks {
        let ArtifactProperties::Stack(properties) =
            &assembly.manifest.artifacts[&part.id].properties
        else {
            panic!("{} is a stack artifact", part.id);
        };
        assert_eq!(
            properties.template_file,
            format!("{}.template.json", part.id)
        );
    }
}

#[test]
fn an_existing_instance_is_written_into_every_part_without_exports() {
    let profiles = small(450);
    let assembly = assembly(Instance::existing(ARN).expect("valid"), &profiles);
    let sizes: Vec<usize> = assembly.stacks.iter().map(|s| s.profiles.len()).collect();
    assert_eq!(sizes, [200, 200, 50]);
    assert_complete(&assembly, &profiles);
    for part in &assembly.stacks {
        assert!(
            !assembly
                .template(part)
                .outputs
                .contains_key(INSTANCE_ARN_OUTPUT)
        );
        for (_, p) in assembly.template(part).security_profiles() {
            assert_eq!(p.instance_arn, Expr::Text(ARN.to_owned()));
        }
    }
    assert_eq!(
        stack_dependencies(&assembly, "BigPart3"),
        ["BigPart3.assets", "BigPart2"]
    );
}

#[test]
fn a_parameter_instance_is_exported_by_the_first_part() {
    let profiles = small(250);
    let assembly = assembly(Instance::parameter(), &profiles);
    assert_eq!(assembly.stacks.len(), 2);
    assert_complete(&assembly, &profiles);
    let first = &assembly.template(&assembly.stacks[0]);
    assert!(first.parameters.contains_key("InstanceArn"));
    assert_eq!(
        first.outputs[INSTANCE_ARN_OUTPUT].value,
        Expr::reference("InstanceArn")
    );
    let second = &assembly.template(&assembly.stacks[1]);
    assert!(!second.parameters.contains_key("InstanceArn"));
    assert!(second.parameters.contains_key("BootstrapVersion"));
    for (_, p) in second.security_profiles() {
        assert_eq!(
            p.instance_arn,
            Expr::ImportValue {
                name: "Big:InstanceArn".to_owned()
            }
        );
    }
}

#[test]
fn exactly_200_profiles_fit_one_stack_without_an_export() {
    let profiles = small(200);
    let assembly = assembly(Instance::parameter(), &profiles);
    assert_eq!(assembly.stacks.len(), 1);
    assert_eq!(assembly.template(&assembly.stacks[0]).outputs.len(), 200);
    assert!(
        !assembly
            .template(&assembly.stacks[0])
            .outputs
            .contains_key(INSTANCE_ARN_OUTPUT)
    );
    assert_complete(&assembly, &profiles);
}

#[test]
fn a_created_instance_takes_one_output_so_199_profiles_fit_one_stack() {
    for (count, parts) in [(199, 1), (200, 2)] {
        let profiles = small(count);
        let assembly = assembly(Instance::create("c"), &profiles);
        assert_eq!(assembly.stacks.len(), parts, "{count} profiles");
        let first = &assembly.template(&assembly.stacks[0]);
        assert_eq!(first.outputs.len(), 200, "{count} profiles");
        let output = &first.outputs[INSTANCE_ARN_OUTPUT];
        assert_eq!(output.value, Expr::get_att(INSTANCE_LOGICAL_ID, "Arn"));
        // Exported only when other parts import it.
        assert_eq!(output.export.is_some(), parts > 1, "{count} profiles");
        assert_complete(&assembly, &profiles);
    }
}

#[test]
fn large_profiles_split_on_bytes() {
    // Administrators hold some 280 permissions: about 10 kB each, so 150 of them are over
    // 1,000,000 bytes long before 200 outputs.
    let profiles: Vec<SecurityProfile> = (0..150)
        .map(|i| {
            SecurityProfile::builder(format!("Administrator{i:03}"))
                .preset(presets::Admin)
                .sensitive("Generated administrators for the split test")
                .build()
                .expect("valid")
        })
        .collect();
    let assembly = assembly(Instance::existing(ARN).expect("valid"), &profiles);
    assert!(assembly.stacks.len() >= 2, "split on bytes");
    assert!(assembly.stacks.iter().all(|s| s.profiles.len() < 200));
    assert_complete(&assembly, &profiles);
    // Each part but the last is nearly full: packing is greedy.
    for part in &assembly.stacks[..assembly.stacks.len() - 1] {
        let bytes = assembly.files[&part.template_file].len();
        assert!(bytes > MAX_TEMPLATE_BYTES - 20_000, "{}: {bytes}", part.id);
    }
}

#[test]
fn splitting_does_not_depend_on_insertion_order() {
    let profiles = small(420);
    let reversed: Vec<SecurityProfile> = profiles.iter().rev().cloned().collect();
    let a = assembly(Instance::create("c"), &profiles);
    let b = assembly(Instance::create("c"), &reversed);
    assert_eq!(a.files, b.files);
}

#[test]
fn the_minimal_form_splits_at_51200_bytes_and_refuses_a_profile_larger_than_that() {
    let mut app = App::with_outdir("unused").with_form(AssemblyForm::Minimal);
    app.stack("Small", Instance::create("c"))
        .add_security_profiles(small(100))
        .expect("accepted");
    let assembly = app
        .assembly()
        .expect("small profiles split into small templates");
    assert!(assembly.stacks.len() > 1, "{} parts", assembly.stacks.len());
    for part in &assembly.stacks {
        let bytes = assembly.files[&part.template_file].len();
        assert!(bytes <= 51_200, "{}: {bytes} bytes", part.id);
        assert!(
            assembly.template(part).parameters.is_empty(),
            "no bootstrap parameter"
        );
    }
    assert_complete(&assembly, &small(100));

    // Permissions newer than the catalog are checked for length only: 450 of 120 characters
    // make one profile of some 56 kB, which no template of the minimal form can hold.
    let huge = (0..450)
        .fold(SecurityProfile::builder("Huge"), |b, i| {
            b.unchecked_permission(format!("Custom.{}.{i:03}", "x".repeat(110)))
        })
        .build()
        .expect("unchecked permissions of valid length");
    let mut app = App::with_outdir("unused").with_form(AssemblyForm::Minimal);
    app.stack("Large", Instance::create("c"))
        .add_security_profile(&huge)
        .expect("accepted");
    match app.assembly().map(|a| a.stacks.len()) {
        Err(switchboard::Error::TemplateTooLarge {
            stack,
            bytes,
            limit: 51_200,
            ..
        }) => {
            assert_eq!(stack, "Large");
            assert!(bytes > 51_200);
        }
        other => panic!("{other:?}"),
    }
    // The bootstrapped form deploys it.
    let mut app = App::with_outdir("unused");
    app.stack("Large", Instance::create("c"))
        .add_security_profile(&huge)
        .expect("accepted");
    assert_eq!(app.assembly().map(|a| a.stacks.len()).ok(), Some(1));
}
