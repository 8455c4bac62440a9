//! Helpers shared by the integration tests that need scratch directories or external tools.
//!
//! The external tools are pinned in one place each, read here rather than copied: cfn-lint by
//! its `pip install cfn-lint==X` line in `.ci/run`, the AWS CDK CLI and the cloud assembly
//! schema by `.ci/node/package-lock.json`. A test runs only with the pinned version, because
//! another version of a linter finds other things (cfn-lint 1.51.0 rejects templates 1.58.0
//! accepts); with any other version it is skipped with a line saying what was found, what is
//! wanted and how to get it, and with `CI=true` it fails instead.
#![allow(dead_code)] // each test binary uses a part of it

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh, empty directory under cargo's temporary directory for tests.
pub fn scratch(prefix: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{prefix}-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The workspace's root directory.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is inside the workspace")
        .to_owned()
}

/// True in CI (`CI=true`), where every external tool is required.
pub fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `.ci/run`, which installs cfn-lint at its pinned version.
const CI_RUN: &str = include_str!("../../../.ci/run");
/// The lock file that pins the Node tools `.ci/run` installs.
const NODE_LOCK: &str = include_str!("../../../.ci/node/package-lock.json");

/// A tool at the version the project pins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The tool, as people call it.
    pub tool: &'static str,
    /// The pinned version.
    pub wanted: String,
    /// Where the pin is written.
    pub pinned_in: &'static str,
    /// The command that installs the pinned version.
    pub get: String,
}

/// cfn-lint, pinned by `.ci/run`.
pub fn cfn_lint_pin() -> Pin {
    let wanted = pip_pin(CI_RUN, "cfn-lint").expect(".ci/run pins cfn-lint with cfn-lint==X");
    Pin {
        tool: "cfn-lint",
        get: format!("pip install cfn-lint=={wanted}"),
        wanted,
        pinned_in: ".ci/run",
    }
}

/// The AWS CDK CLI, pinned by `.ci/node/package-lock.json`.
pub fn cdk_pin() -> Pin {
    npm_pin("the AWS CDK CLI", "aws-cdk")
}

/// The cloud assembly schema package, pinned by `.ci/node/package-lock.json`.
pub fn schema_pin() -> Pin {
    npm_pin(
        "@aws-cdk/cloud-assembly-schema",
        "@aws-cdk/cloud-assembly-schema",
    )
}

fn npm_pin(tool: &'static str, package: &str) -> Pin {
    Pin {
        tool,
        wanted: npm_lock_version(NODE_LOCK, package)
            .unwrap_or_else(|| panic!(".ci/node/package-lock.json locks {package}")),
        pinned_in: ".ci/node/package-lock.json",
        get: "npm ci --prefix .ci/node".to_owned(),
    }
}

/// The version in `<package>==<version>` in a shell script.
pub fn pip_pin(script: &str, package: &str) -> Option<String> {
    let marker = format!("{package}==");
    let start = script.find(&marker)? + marker.len();
    let version: String = script[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    (!version.is_empty()).then_some(version)
}

/// The version of `package` in an npm lock file (`packages."node_modules/<package>".version`).
pub fn npm_lock_version(lock: &str, package: &str) -> Option<String> {
    let lock: serde_json::Value = serde_json::from_str(lock).ok()?;
    lock["packages"][format!("node_modules/{package}")]["version"]
        .as_str()
        .map(str::to_owned)
}

/// The version a `--version` output states: its first word that starts with a digit
/// (`cfn-lint 1.58.0`, `2.1148.1 (build 6b2f7f1)`).
pub fn version_in(output: &str) -> Option<String> {
    output
        .split_whitespace()
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .map(|w| {
            w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_owned()
        })
}

/// What a test does with the tool it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// The pinned version: run.
    Run,
    /// Not found or another version, outside CI: pass after saying why on the terminal.
    Skip(String),
    /// Not found or another version, under `CI=true`.
    Fail(String),
}

/// Decides whether `test` runs with the version of the tool it `found` (`None`: no tool).
pub fn gate(test: &str, pin: &Pin, found: Option<&str>, required: bool) -> Gate {
    let Pin {
        tool,
        wanted,
        pinned_in,
        get,
    } = pin;
    let problem = match found {
        Some(version) if version == wanted => return Gate::Run,
        Some(version) => format!("found {tool} {version}, wanted {wanted} (pinned in {pinned_in})"),
        None => format!("{tool} not found, wanted {wanted} (pinned in {pinned_in})"),
    };
    if required {
        Gate::Fail(format!(
            "{test}: {problem}; CI=true requires it: `{get}` (.ci/run installs it)"
        ))
    } else {
        Gate::Skip(format!(
            "SKIPPED {test}: {problem}; get it with `{get}` (or run .ci/run)"
        ))
    }
}

/// Applies [`gate`]: true when the test runs; otherwise says why it does not on the terminal
/// (past the test harness's capture), or fails under `CI=true`.
pub fn runs_with(test: &str, pin: &Pin, found: Option<&str>) -> bool {
    match gate(test, pin, found, required()) {
        Gate::Run => true,
        Gate::Skip(line) => {
            let _ = writeln!(std::io::stderr(), "{line}");
            false
        }
        Gate::Fail(message) => panic!("{message}"),
    }
}

/// The version `program --version` states, when it runs.
pub fn tool_version(program: &Path) -> Option<String> {
    let output = Command::new(program)
        .arg("--version")
        .env("CDK_DISABLE_CLI_TELEMETRY", "true")
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    version_in(&String::from_utf8_lossy(&output.stdout))
}

/// cfn-lint on `PATH` at the pinned version, for `test`; `None` when the test must not run.
pub fn cfn_lint(test: &str) -> Option<PathBuf> {
    let program = PathBuf::from("cfn-lint");
    let found = tool_version(&program);
    runs_with(test, &cfn_lint_pin(), found.as_deref()).then_some(program)
}

/// The AWS CDK CLI at the pinned version, for `test`: the project's (`.ci/node`), else one on
/// `PATH`; `None` when the test must not run.
pub fn cdk(test: &str) -> Option<PathBuf> {
    let pin = cdk_pin();
    let found: Vec<(PathBuf, String)> = [
        repo().join(".ci/node/node_modules/.bin/cdk"),
        PathBuf::from("cdk"),
    ]
    .into_iter()
    .filter_map(|p| tool_version(&p).map(|v| (p, v)))
    .collect();
    if let Some((program, _)) = found.iter().find(|(_, v)| *v == pin.wanted) {
        return runs_with(test, &pin, Some(&pin.wanted)).then(|| program.clone());
    }
    runs_with(test, &pin, found.first().map(|(_, v)| v.as_str()));
    None
}

/// The cloud assembly schema package in `.ci/node`, at the pinned version and with `node` to
/// run it, for `test`; `None` when the test must not run.
pub fn schema_package(test: &str) -> Option<PathBuf> {
    let package = repo().join(".ci/node/node_modules/@aws-cdk/cloud-assembly-schema");
    let node_runs = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_runs {
        assert!(
            !required(),
            "{test}: node is required when CI=true (install Node.js)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: node not found; install Node.js to check this"
        );
        return None;
    }
    let found = std::fs::read_to_string(package.join("package.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .filter(|_| package.join("schema/cloud-assembly.schema.json").is_file())
        .and_then(|manifest| manifest["version"].as_str().map(str::to_owned));
    runs_with(test, &schema_pin(), found.as_deref()).then_some(package)
}
