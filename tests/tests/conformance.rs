//! Conformance against the real tools: cfn-lint, the AWS CDK CLI and the cloud assembly
//! schema, all pinned and installed by `.ci/run`.
//!
//! Each test runs with the pinned version of its tool only (see `support`): without the tool,
//! or with another version, it prints `SKIPPED` with the version found, the version wanted and
//! how to get it (on the terminal, past the test harness's capture) and passes; with `CI=true`
//! it fails instead.
//!
//! The assemblies checked:
//!
//! - what `cargo run --example contact_center` writes (the seed's examples, the provider
//!   example and the guide's profiles; an instance created by the stack and one given as a
//!   parameter), run as a process with `CDK_OUTDIR` set, as the CDK CLI runs it;
//! - a split stack of 600 profiles on a created instance, beside a stack on an existing
//!   instance, so every `Instance` kind and the cross-stack export reach the tools;
//! - the same, through the CDK CLI and the repository's `cdk.json`.
//!
//! Cargo in cargo: the example runs with the same target directory as this test (taken from
//! `CARGO_TARGET_TMPDIR`, so a `--target-dir` given to `cargo test` is honoured too), which
//! finds the example already built by `cargo test`. That cannot deadlock: cargo holds the
//! target directory's lock while it builds, and releases it before it runs test binaries.
//!
//! Manifest validation runs in Node with the validator the schema package itself uses (the
//! `jsonschema` package bundled in `@aws-cdk/cloud-assembly-schema`), against the package's
//! `schema/cloud-assembly.schema.json` and `schema/assets.schema.json`, with the options of
//! the CDK's own strict check (`allowUnknownAttributes: false`), and again through the
//! package's own loaders (`Manifest.loadAssemblyManifest` / `loadAssetManifest`) with schema
//! validation on. That is the reference implementation of the check; a Rust JSON-schema crate
//! would be a second opinion with its own draft-support differences, and a heavy dependency.

mod support;
use support::repo;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use switchboard::{App, Instance, SecurityProfile, groups};
use switchboard_examples::guide::GUIDE_PROFILES;

const SHARED_ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/0d3f1c2a-1111-2222-3333-444455556666";

/// The target directory this test was built in.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target>/tmp")
        .to_owned()
}

fn scratch(name: &str) -> PathBuf {
    support::scratch("conformance", name)
}

fn show(output: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?} did not start: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        show(&output)
    );
    output
}

fn cdk_command(cdk: &Path) -> Command {
    let mut command = Command::new(cdk);
    command.env("CDK_DISABLE_CLI_TELEMETRY", "true");
    command
}

/// The assembly `cargo run --example contact_center` writes, made once.
fn example_assembly() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = scratch("example").join("cdk.out");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = run(Command::new(cargo)
            .args([
                "run",
                "--quiet",
                "-p",
                "switchboard-examples",
                "--example",
                "contact_center",
            ])
            .current_dir(repo())
            .env("CARGO_TARGET_DIR", target_dir())
            .env("CDK_OUTDIR", &out));
        // Under the CDK CLI (CDK_OUTDIR set) the table goes to stderr, stdout stays clean.
        assert!(output.stdout.is_empty(), "{}", show(&output));
        let table = String::from_utf8_lossy(&output.stderr);
        for row in [
            "MyContactCenter (",
            "GuideExamples (",
            "SystemAdmin",
            "ContactCenterAdmin",
            "TeamLead",
        ] {
            assert!(
                table.contains(row),
                "{row} missing from the table:\n{table}"
            );
        }
        out
    })
}

/// A stack of 600 profiles on a created instance (split in four) and a stack on an existing
/// instance, written once.
fn split_assembly() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = scratch("split").join("cdk.out");
        let profiles: Vec<SecurityProfile> = (0..600)
            .map(|i| {
                SecurityProfile::builder(format!("Agent {i:03}"))
                    .description(format!("Generated agent {i}"))
                    .group(groups::BasicAgent)
                    .tag("Team", format!("T{}", i % 9))
                    .build()
                    .expect("valid")
            })
            .collect();
        let mut app = App::with_outdir(&out);
        app.stack(
            "Big",
            Instance::create("big-center").with_profile_quota(1000),
        )
        .add_security_profiles(&profiles)
        .expect("accepted");
        app.stack("Shared", Instance::existing(SHARED_ARN).expect("valid ARN"))
            .add_security_profiles(GUIDE_PROFILES)
            .expect("accepted");
        let assembly = app.synth().expect("synth");
        assert_eq!(assembly.stacks.len(), 5);
        out
    })
}

/// Stacks without profiles on every kind of instance, in both forms: what must not hold an
/// unused parameter (cfn-lint's W2001).
fn empty_assemblies() -> Vec<PathBuf> {
    [
        switchboard::AssemblyForm::Bootstrapped,
        switchboard::AssemblyForm::Minimal,
    ]
    .into_iter()
    .map(|form| {
        let out = scratch(&format!("empty-{form:?}")).join("cdk.out");
        let mut app = App::with_outdir(&out).with_form(form);
        app.stack("EmptyParameter", Instance::parameter());
        app.stack(
            "EmptyExisting",
            Instance::existing(SHARED_ARN).expect("valid ARN"),
        );
        app.stack("EmptyCreated", Instance::create("empty-center"));
        app.synth().expect("synth");
        out
    })
    .collect()
}

fn templates(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("assembly directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".template.json"))
        .collect();
    files.sort();
    files
}

fn stack_list(stdout: &[u8]) -> Vec<String> {
    let mut stacks: Vec<String> = String::from_utf8_lossy(stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    stacks.sort();
    stacks
}

#[test]
fn cfn_lint_accepts_every_template() {
    let Some(cfn_lint) = support::cfn_lint("cfn_lint_accepts_every_template") else {
        return;
    };
    let mut files = templates(example_assembly());
    assert_eq!(files.len(), 2, "{files:?}");
    files.extend(templates(split_assembly()));
    assert_eq!(files.len(), 7, "{files:?}");
    for dir in empty_assemblies() {
        files.extend(templates(&dir));
    }
    assert_eq!(files.len(), 13, "{files:?}");
    let output = Command::new(&cfn_lint)
        .args(["--regions", "us-east-1", "--"])
        .args(&files)
        .output()
        .expect("cfn-lint starts");
    assert!(
        output.status.success() && output.stdout.is_empty(),
        "cfn-lint found problems in {files:?}: {}",
        show(&output)
    );
}

#[test]
fn cfn_lint_rejects_what_it_should() {
    // The check is only worth something if cfn-lint reads these templates at all: a template
    // broken on purpose must fail.
    let Some(cfn_lint) = support::cfn_lint("cfn_lint_rejects_what_it_should") else {
        return;
    };
    let dir = scratch("broken");
    let source = example_assembly().join("GuideExamples.template.json");
    let text = std::fs::read_to_string(source).expect("template");
    let broken = text.replacen("\"SecurityProfileName\"", "\"SecurityProfileNam\"", 1);
    let file = dir.join("Broken.template.json");
    std::fs::write(&file, broken).expect("written");
    let output = Command::new(&cfn_lint)
        .args(["--regions", "us-east-1", "--"])
        .arg(&file)
        .output()
        .expect("cfn-lint starts");
    assert!(!output.status.success(), "{}", show(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("E3002"),
        "{}",
        show(&output)
    );
}

#[test]
fn cdk_lists_and_synthesizes_the_assemblies() {
    let Some(cdk) = support::cdk("cdk_lists_and_synthesizes_the_assemblies") else {
        return;
    };
    let example = example_assembly();
    let ls = run(cdk_command(&cdk)
        .args(["ls", "--no-notices", "--app"])
        .arg(example));
    assert_eq!(stack_list(&ls.stdout), ["GuideExamples", "MyContactCenter"]);
    let synth = run(cdk_command(&cdk)
        .args(["synth", "--no-notices", "--app"])
        .arg(example)
        .arg("MyContactCenter"));
    let yaml = String::from_utf8_lossy(&synth.stdout);
    assert!(
        yaml.contains("Type: AWS::Connect::SecurityProfile"),
        "{yaml}"
    );
    assert!(yaml.contains("SecurityProfileName: SystemAdmin"), "{yaml}");
    assert!(yaml.contains("Type: AWS::Connect::Instance"), "{yaml}");

    let split = split_assembly();
    let ls = run(cdk_command(&cdk)
        .args(["ls", "--no-notices", "--app"])
        .arg(split));
    assert_eq!(
        stack_list(&ls.stdout),
        ["Big", "BigPart2", "BigPart3", "BigPart4", "Shared"]
    );
    let synth = run(cdk_command(&cdk)
        .args(["synth", "--no-notices", "--exclusively", "--app"])
        .arg(split)
        .arg("BigPart2"));
    let yaml = String::from_utf8_lossy(&synth.stdout);
    assert!(
        yaml.contains("Fn::ImportValue: Big:InstanceArn"),
        "{}",
        &yaml[..yaml.len().min(2000)]
    );
}

#[test]
fn cdk_synth_runs_the_cdk_json_app() {
    let Some(cdk) = support::cdk("cdk_synth_runs_the_cdk_json_app") else {
        return;
    };
    // The repository's cdk.json, as `npx cdk synth` uses it, writing elsewhere than ./cdk.out.
    let out = scratch("cdk-json").join("cdk.out");
    let synth = run(cdk_command(&cdk)
        .args(["synth", "--no-notices", "--output"])
        .arg(&out)
        .arg("MyContactCenter")
        .current_dir(repo())
        .env("CARGO_TARGET_DIR", target_dir()));
    let yaml = String::from_utf8_lossy(&synth.stdout);
    // stdout is the template alone: the example's table went to stderr.
    assert!(
        yaml.starts_with("Description: Amazon Connect security profiles"),
        "{}",
        show(&synth)
    );
    assert!(
        yaml.contains("SecurityProfileName: ContactCenterAdmin"),
        "{yaml}"
    );
    assert!(String::from_utf8_lossy(&synth.stderr).contains("Permissions"));
    // The CLI's lock files are gone, the assembly is complete and equal to the direct run's.
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("assembly written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "GuideExamples.assets.json",
            "GuideExamples.template.json",
            "MyContactCenter.assets.json",
            "MyContactCenter.template.json",
            "manifest.json",
        ]
    );
    for name in names {
        assert_eq!(
            std::fs::read(out.join(&name)).expect("via cdk"),
            std::fs::read(example_assembly().join(&name)).expect("direct"),
            "{name} differs between `cdk synth` and `cargo run --example contact_center`"
        );
    }
}

/// Validates the manifests of each directory given after the schema package's path.
const VALIDATE: &str = r#"
const path = require('path');
const fs = require('fs');
const [pkg, ...dirs] = process.argv.slice(2);
process.env.TESTING_CDK = '1'; // the package's loaders then validate against the schema
const { Manifest } = require(pkg);
const { Validator } = require(path.join(pkg, 'node_modules', 'jsonschema'));
const schema = (name) => JSON.parse(fs.readFileSync(path.join(pkg, 'schema', name), 'utf8'));
const options = { nestedErrors: true, allowUnknownAttributes: false };
let problems = 0;
function check(file, schemaName, load) {
  const result = new Validator().validate(JSON.parse(fs.readFileSync(file, 'utf8')), schema(schemaName), options);
  for (const e of result.errors) { problems++; console.log(`${file}: ${e.stack}`); }
  try { load(file); } catch (e) { problems++; console.log(`${file}: ${e.message}`); }
  console.log(`checked ${path.basename(file)} against ${schemaName}`);
}
for (const dir of dirs) {
  const manifestFile = path.join(dir, 'manifest.json');
  check(manifestFile, 'cloud-assembly.schema.json', (f) => Manifest.loadAssemblyManifest(f, { validateSchema: true }));
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  for (const artifact of Object.values(manifest.artifacts || {})) {
    if (artifact.type === 'cdk:asset-manifest') {
      check(path.join(dir, artifact.properties.file), 'assets.schema.json', (f) => Manifest.loadAssetManifest(f));
    }
  }
}
process.exit(problems ? 1 : 0);
"#;

fn validate(package: &Path, dirs: &[&Path]) -> Output {
    let script = scratch("validate").join("validate.js");
    std::fs::write(&script, VALIDATE).expect("script written");
    Command::new("node")
        .arg(&script)
        .arg(package)
        .args(dirs)
        .output()
        .expect("node starts")
}

#[test]
fn manifests_validate_against_the_cloud_assembly_schema() {
    let Some(package) =
        support::schema_package("manifests_validate_against_the_cloud_assembly_schema")
    else {
        return;
    };
    let minimal = scratch("minimal").join("cdk.out");
    let mut app = App::with_outdir(&minimal).with_form(switchboard::AssemblyForm::Minimal);
    app.stack("Small", Instance::parameter())
        .add_security_profiles(GUIDE_PROFILES)
        .expect("accepted");
    app.synth().expect("synth");

    let output = validate(&package, &[example_assembly(), split_assembly(), &minimal]);
    assert!(output.status.success(), "{}", show(&output));
    let report = String::from_utf8_lossy(&output.stdout);
    // 3 manifests, and the asset manifests of 2 + 5 stacks.
    assert_eq!(
        report.matches("against cloud-assembly.schema.json").count(),
        3,
        "{report}"
    );
    assert_eq!(
        report.matches("against assets.schema.json").count(),
        7,
        "{report}"
    );

    // And the validator does reject: an unknown property is an error.
    let broken = scratch("broken-manifest");
    let text = std::fs::read_to_string(minimal.join("manifest.json")).expect("manifest");
    std::fs::write(
        broken.join("manifest.json"),
        text.replacen("\"templateFile\"", "\"templateFil\"", 1),
    )
    .expect("written");
    let output = validate(&package, &[&broken]);
    assert!(!output.status.success(), "{}", show(&output));
}

// ---------------------------------------------------------------------------------------------
// The version gate (no tool needed)
// ---------------------------------------------------------------------------------------------

#[test]
fn another_cfn_lint_version_is_skipped_with_the_versions_and_the_fix() {
    let pin = support::cfn_lint_pin();
    let found = support::version_in("cfn-lint 1.51.0\n");
    assert_eq!(found.as_deref(), Some("1.51.0"));
    let wanted = &pin.wanted;
    let support::Gate::Skip(line) = support::gate("t", &pin, found.as_deref(), false) else {
        panic!("another version must be skipped");
    };
    assert_eq!(
        line,
        format!(
            "SKIPPED t: found cfn-lint 1.51.0, wanted {wanted} (pinned in .ci/run); \
             get it with `pip install cfn-lint=={wanted}` (or run .ci/run)"
        )
    );
    let support::Gate::Fail(message) = support::gate("t", &pin, Some("1.51.0"), true) else {
        panic!("another version must fail under CI=true");
    };
    assert!(
        message.contains("1.51.0") && message.contains(wanted.as_str()),
        "{message}"
    );
    assert!(matches!(
        support::gate("t", &pin, None, true),
        support::Gate::Fail(_)
    ));
    assert!(matches!(
        support::gate("t", &pin, None, false),
        support::Gate::Skip(line) if line.contains("cfn-lint not found")
    ));
    assert_eq!(
        support::gate("t", &pin, Some(wanted), true),
        support::Gate::Run
    );
}

#[test]
fn pins_are_read_from_ci_run_and_the_node_lock() {
    // The one place each pin is written: `.ci/run` installs cfn-lint==X, npm ci installs the
    // lock's versions.
    let ci_run = std::fs::read_to_string(repo().join(".ci/run")).expect(".ci/run");
    let cfn_lint = support::cfn_lint_pin();
    assert!(
        ci_run.contains(&format!("pip install --quiet --disable-pip-version-check --root-user-action=ignore cfn-lint=={}", cfn_lint.wanted)),
        "{cfn_lint:?}"
    );
    // The README tells users the same command.
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    assert!(
        readme.contains(&format!("`{}`", cfn_lint.get)),
        "{cfn_lint:?}"
    );
    assert_eq!(
        support::pip_pin("pip install x cfn-lint==1.58.0\necho", "cfn-lint").as_deref(),
        Some("1.58.0")
    );
    let lock = r#"{"packages": {"node_modules/aws-cdk": {"version": "2.1148.1"}}}"#;
    assert_eq!(
        support::npm_lock_version(lock, "aws-cdk").as_deref(),
        Some("2.1148.1")
    );
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join(".ci/node/package.json")).expect("package.json"),
    )
    .expect("JSON");
    for pin in [support::cdk_pin(), support::schema_pin()] {
        let name = if pin.tool == "the AWS CDK CLI" {
            "aws-cdk"
        } else {
            pin.tool
        };
        assert_eq!(
            package["devDependencies"][name],
            pin.wanted.as_str(),
            "{pin:?}"
        );
        assert_eq!(pin.get, "npm ci --prefix .ci/node");
    }
    assert_eq!(
        support::version_in("2.1148.1 (build 6b2f7f1)").as_deref(),
        Some("2.1148.1")
    );
}
