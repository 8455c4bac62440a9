//! The cloud assembly `App::synth` writes: manifest, templates and asset manifests in the
//! bootstrapped and the minimal form, byte-identical output, atomic replacement.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use switchboard::{App, AssemblyForm, Error, Instance, SecurityProfile, Template};
use switchboard_examples::guide::GUIDE_PROFILES;
use switchboard_examples::seed::COMPLETE_EXAMPLES;

/// A fresh directory under the target's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("synth_assembly-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).expect("readable")).expect("JSON")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn seed_app(outdir: &Path, form: AssemblyForm) -> App {
    let mut app = App::with_outdir(outdir).with_form(form);
    app.stack("MyContactCenter", Instance::create("my-center"))
        .add_security_profiles(COMPLETE_EXAMPLES)
        .expect("seed examples");
    app
}

const ROLE_PREFIX: &str = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-";

#[test]
fn the_bootstrapped_form_is_what_the_cdk_default_synthesizer_writes() {
    let out = scratch("bootstrapped").join("cdk.out");
    let assembly = seed_app(&out, AssemblyForm::Bootstrapped)
        .synth()
        .expect("synth");
    assert_eq!(
        listing(&out),
        [
            "MyContactCenter.assets.json",
            "MyContactCenter.template.json",
            "manifest.json"
        ]
    );
    let template_bytes = fs::read(out.join("MyContactCenter.template.json")).expect("template");
    let sha = sha256_hex(&template_bytes);
    assert_eq!(assembly.stacks[0].template_sha256, sha);

    let manifest = read_json(&out.join("manifest.json"));
    assert_eq!(manifest["version"], "55.0.0");
    assert_eq!(
        manifest["artifacts"]["MyContactCenter"],
        json!({
            "type": "aws:cloudformation:stack",
            "environment": "aws://unknown-account/unknown-region",
            "properties": {
                "templateFile": "MyContactCenter.template.json",
                "assumeRoleArn": format!("{ROLE_PREFIX}deploy-role-${{AWS::AccountId}}-${{AWS::Region}}"),
                "cloudFormationExecutionRoleArn": format!("{ROLE_PREFIX}cfn-exec-role-${{AWS::AccountId}}-${{AWS::Region}}"),
                "lookupRole": {
                    "arn": format!("{ROLE_PREFIX}lookup-role-${{AWS::AccountId}}-${{AWS::Region}}"),
                    "requiresBootstrapStackVersion": 8,
                    "bootstrapStackVersionSsmParameter": "/cdk-bootstrap/hnb659fds/version",
                },
                "stackTemplateAssetObjectUrl": format!("s3://cdk-hnb659fds-assets-${{AWS::AccountId}}-${{AWS::Region}}/{sha}.json"),
                "requiresBootstrapStackVersion": 6,
                "bootstrapStackVersionSsmParameter": "/cdk-bootstrap/hnb659fds/version",
            },
            "dependencies": ["MyContactCenter.assets"],
            "displayName": "MyContactCenter",
        })
    );
    assert_eq!(
        manifest["artifacts"]["MyContactCenter.assets"],
        json!({
            "type": "cdk:asset-manifest",
            "properties": {
                "file": "MyContactCenter.assets.json",
                "requiresBootstrapStackVersion": 6,
                "bootstrapStackVersionSsmParameter": "/cdk-bootstrap/hnb659fds/version",
            },
        })
    );
    assert_eq!(
        read_json(&out.join("MyContactCenter.assets.json")),
        json!({
            "version": "55.0.0",
            "files": {
                &sha: {
                    "displayName": "MyContactCenter Template",
                    "source": {"path": "MyContactCenter.template.json", "packaging": "file"},
                    "destinations": {
                        "current_account-current_region": {
                            "bucketName": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}",
                            "objectKey": format!("{sha}.json"),
                            "assumeRoleArn": format!("{ROLE_PREFIX}file-publishing-role-${{AWS::AccountId}}-${{AWS::Region}}"),
                        }
                    },
                }
            },
            "dockerImages": {},
        })
    );

    let template = read_json(&out.join("MyContactCenter.template.json"));
    assert_eq!(
        template["Parameters"]["BootstrapVersion"],
        json!({
            "Type": "AWS::SSM::Parameter::Value<String>",
            "Default": "/cdk-bootstrap/hnb659fds/version",
            "Description": "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]",
        })
    );
    assert_eq!(
        template["Rules"],
        json!({"CheckBootstrapVersion": {"Assertions": [{
            "Assert": {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]},
            "AssertDescription": "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
        }]}})
    );
    // One instance and the ten profiles, each with its ARN output, and the instance's.
    assert_eq!(template["Resources"].as_object().map(|r| r.len()), Some(11));
    assert_eq!(template["Outputs"].as_object().map(|o| o.len()), Some(11));
}

#[test]
fn the_minimal_form_is_templates_and_a_manifest() {
    let out = scratch("minimal").join("cdk.out");
    seed_app(&out, AssemblyForm::Minimal)
        .synth()
        .expect("synth");
    assert_eq!(
        listing(&out),
        ["MyContactCenter.template.json", "manifest.json"]
    );
    assert_eq!(
        read_json(&out.join("manifest.json")),
        json!({
            "version": "55.0.0",
            "artifacts": {"MyContactCenter": {
                "type": "aws:cloudformation:stack",
                "environment": "aws://unknown-account/unknown-region",
                "properties": {"templateFile": "MyContactCenter.template.json"},
                "displayName": "MyContactCenter",
            }},
        })
    );
    let template = read_json(&out.join("MyContactCenter.template.json"));
    assert_eq!(template.get("Parameters"), None);
    assert_eq!(template.get("Rules"), None);
}

#[test]
fn written_templates_read_back_into_the_rendered_ones() {
    let out = scratch("readback").join("cdk.out");
    let mut app = seed_app(&out, AssemblyForm::Minimal);
    let plain = app.stacks()[0].template().expect("template");
    let summary = app.synth().expect("synth");
    let assembly = app.assembly().expect("in memory");
    let text = fs::read_to_string(out.join("MyContactCenter.template.json")).expect("file");
    let written: Template = serde_json::from_str(&text).expect("parses");
    assert_eq!(written, assembly.template(&assembly.stacks[0]));
    assert_eq!(summary.stacks[0].resources, written.resources.len());
    // The minimal form of a stack that needs no split is exactly `Stack::template`, and the
    // template in memory, read back from the bytes, writes them again.
    assert_eq!(written, plain);
    assert_eq!(plain.to_json(), text);
    assert_eq!(text, assembly.files["MyContactCenter.template.json"]);
    assert_eq!(text.len(), summary.files["MyContactCenter.template.json"]);
}

/// What `synth` returns and writes is what `assembly` holds, synced to disk or not.
#[test]
fn synth_writes_the_assembly_synced_or_not() {
    let root = scratch("synced");
    for (dir, sync) in [("plain", false), ("synced", true)] {
        let out = root.join(dir);
        let mut app = seed_app(&out, AssemblyForm::Bootstrapped).with_sync_to_disk(sync);
        assert_eq!(app.syncs_to_disk(), sync);
        app.stack("GuideExamples", Instance::parameter())
            .add_security_profiles(GUIDE_PROFILES)
            .expect("guide");
        let written = app.synth().expect("synth");
        let assembly = app.assembly().expect("in memory");
        assert_eq!(written.manifest, assembly.manifest);
        assert_eq!(
            listing(&out),
            written.files.keys().cloned().collect::<Vec<_>>()
        );
        for (name, content) in &assembly.files {
            assert_eq!(&fs::read_to_string(out.join(name)).expect("file"), content);
            assert_eq!(written.files[name], content.len(), "{name}");
        }
        assert_eq!(written.stacks, assembly.stacks);
        for part in &assembly.stacks {
            assert_eq!(part.resources, assembly.template(part).resources.len());
        }
    }
    assert_eq!(listing(&root), ["plain", "synced"]);
}

#[test]
fn output_is_byte_identical_across_runs_and_insertion_orders() {
    let root = scratch("identical");
    let build = |dir: &Path, reverse: bool| {
        let mut app = App::with_outdir(dir);
        let mut seed: Vec<&SecurityProfile> = COMPLETE_EXAMPLES.to_vec();
        let mut guide: Vec<&SecurityProfile> = GUIDE_PROFILES.to_vec();
        if reverse {
            seed.reverse();
            guide.reverse();
        }
        app.stack("MyContactCenter", Instance::create("my-center"))
            .add_security_profiles(seed)
            .expect("seed");
        app.stack("GuideExamples", Instance::parameter())
            .add_security_profiles(guide)
            .expect("guide");
        app.synth().expect("synth");
    };
    build(&root.join("a"), false);
    build(&root.join("a"), false); // a second run over the first
    build(&root.join("b"), true);
    let names = listing(&root.join("a"));
    assert_eq!(names, listing(&root.join("b")));
    for name in names {
        assert_eq!(
            fs::read(root.join("a").join(&name)).expect("a"),
            fs::read(root.join("b").join(&name)).expect("b"),
            "{name}"
        );
    }
}

#[test]
fn synth_replaces_a_previous_assembly_entirely() {
    let out = scratch("replace").join("cdk.out");
    let mut app = App::with_outdir(&out);
    app.stack("Old", Instance::parameter())
        .add_security_profiles(GUIDE_PROFILES)
        .expect("guide");
    app.synth().expect("first");
    seed_app(&out, AssemblyForm::Bootstrapped)
        .synth()
        .expect("second");
    let names = listing(&out);
    assert!(names.iter().all(|n| !n.starts_with("Old")), "{names:?}");
    assert!(names.contains(&"MyContactCenter.template.json".to_owned()));
    // Nothing is left beside it.
    assert_eq!(listing(out.parent().expect("parent")), ["cdk.out"]);
}

#[test]
fn synth_refuses_a_directory_that_is_not_an_assembly_and_names_it() {
    let dir = scratch("refuse").join("src");
    fs::create_dir_all(&dir).expect("dir");
    fs::write(dir.join("notes.txt"), "mine").expect("file");
    let err = seed_app(&dir, AssemblyForm::Bootstrapped)
        .synth()
        .unwrap_err();
    assert!(
        matches!(&err, Error::NotAnAssembly { path } if path == &dir),
        "{err:?}"
    );
    assert!(
        err.to_string().contains(&dir.display().to_string()),
        "{err}"
    );
    assert_eq!(listing(&dir), ["notes.txt"]);
}

#[test]
fn synth_accepts_an_empty_directory() {
    let dir = scratch("empty").join("out");
    fs::create_dir_all(&dir).expect("dir");
    seed_app(&dir, AssemblyForm::Bootstrapped)
        .synth()
        .expect("an empty directory is fine");
    assert!(dir.join("manifest.json").is_file());
}

#[test]
fn a_failed_synth_leaves_the_previous_assembly_intact() {
    let out = scratch("intact").join("cdk.out");
    seed_app(&out, AssemblyForm::Bootstrapped)
        .synth()
        .expect("first");
    let before: Vec<(String, Vec<u8>)> = listing(&out)
        .into_iter()
        .map(|n| (n.clone(), fs::read(out.join(&n)).expect("file")))
        .collect();

    // Two stacks named alike: refused before anything is written.
    let mut app = seed_app(&out, AssemblyForm::Bootstrapped);
    app.stack("mycontactcenter", Instance::parameter());
    let err = app.synth().unwrap_err();
    assert!(
        matches!(&err, Error::DuplicateStackName { name } if name == "mycontactcenter"),
        "{err:?}"
    );
    let after: Vec<(String, Vec<u8>)> = listing(&out)
        .into_iter()
        .map(|n| (n.clone(), fs::read(out.join(&n)).expect("file")))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_split_part_may_not_take_the_name_of_another_stack() {
    let profiles: Vec<SecurityProfile> = (0..201)
        .map(|i| {
            SecurityProfile::builder(format!("Agent{i:03}"))
                .permission("BasicAgentAccess")
                .build()
                .expect("valid")
        })
        .collect();
    let mut app = App::with_outdir("unused");
    app.stack("Center", Instance::parameter().with_profile_quota(1000))
        .add_security_profiles(&profiles)
        .expect("accepted");
    app.stack("CenterPart2", Instance::parameter())
        .add_security_profiles(GUIDE_PROFILES)
        .expect("accepted");
    assert!(matches!(
        app.assembly().map(|a| a.stacks.len()),
        Err(Error::DuplicateStackName { name }) if name == "CenterPart2"
    ));
}

#[test]
fn stacks_sharing_an_existing_instance_share_its_names_and_quota() {
    const ARN: &str = "arn:aws:connect:us-east-1:123456789012:instance/shared";
    let instance = || Instance::existing(ARN).expect("valid");
    let mut app = App::with_outdir("unused");
    app.stack("First", instance())
        .add_security_profiles(&COMPLETE_EXAMPLES[..2])
        .expect("accepted");
    app.stack("Second", instance())
        .add_security_profiles(&COMPLETE_EXAMPLES[1..3])
        .expect("accepted per stack");
    match app.assembly().map(|a| a.stacks.len()) {
        Err(Error::DuplicateProfileName { instance, name, .. }) => {
            assert_eq!(name, COMPLETE_EXAMPLES[1].name());
            assert!(instance.contains(ARN));
        }
        other => panic!("{other:?}"),
    }

    let mut app = App::with_outdir("unused");
    app.stack("First", instance().with_profile_quota(6))
        .add_security_profiles(&COMPLETE_EXAMPLES[..5])
        .expect("accepted");
    app.stack("Second", instance().with_profile_quota(6))
        .add_security_profiles(&COMPLETE_EXAMPLES[5..])
        .expect("accepted per stack");
    assert!(matches!(
        app.assembly().map(|a| a.stacks.len()),
        Err(Error::QuotaExceeded { quota: 6, .. })
    ));
}

#[test]
fn an_empty_stack_synthesizes() {
    // The CDK CLI skips (or deletes) a stack without resources; the assembly still lists it.
    let mut app = App::with_outdir("unused");
    app.stack("Empty", Instance::parameter());
    let assembly = app.assembly().expect("synthesizes");
    assert_eq!(assembly.stacks.len(), 1);
    assert!(assembly.template(&assembly.stacks[0]).resources.is_empty());
}
