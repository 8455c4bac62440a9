//! Helpers of the command's integration tests: run the real binary, build templates and
//! cloud assemblies in temporary directories.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

/// The fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fresh, empty directory under the target directory's test area; each test uses its own
/// label, so a run replaces what the previous run left.
pub fn temp_dir(label: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("switchboard-cli-{label}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Asserts the run failed with bad input (2), an error naming `file`, nothing on stdout and
    /// no panic.
    pub fn assert_bad_input(&self, file: &str, reason: &str) {
        assert_eq!(self.code, 2, "{self:#?}");
        assert!(self.stdout.is_empty(), "stdout not empty: {self:#?}");
        assert!(
            self.stderr.starts_with("switchboard: "),
            "stderr should start with `switchboard: `: {self:#?}"
        );
        assert!(
            self.stderr.contains(file),
            "stderr should name {file}: {self:#?}"
        );
        assert!(
            self.stderr.contains(reason),
            "stderr should say {reason:?}: {self:#?}"
        );
        assert_no_panic(self);
    }
}

/// Asserts no panic or backtrace reached stderr.
pub fn assert_no_panic(run: &Run) {
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{run:#?}"
    );
}

fn finish(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `switchboard ARGS`.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .stdin(Stdio::null())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the binary runs");
    finish(output)
}

/// A security profile resource.
pub fn profile(name: &str, permissions: &[&str]) -> Value {
    json!({
        "Type": "AWS::Connect::SecurityProfile",
        "Properties": {
            "SecurityProfileName": name,
            "InstanceArn": {"Ref": "InstanceArn"},
            "Permissions": permissions,
        }
    })
}

/// A template of `(logical ID, resource)` pairs.
pub fn template(resources: &[(&str, Value)]) -> Value {
    let mut map = serde_json::Map::new();
    for (id, resource) in resources {
        map.insert((*id).to_owned(), resource.clone());
    }
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"InstanceArn": {"Type": "String"}},
        "Resources": map,
    })
}

/// Writes a cloud assembly with one stack `Stack` holding `template`.
pub fn assembly(dir: &Path, template: &Value) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("manifest.json"),
        serde_json::to_string_pretty(&json!({
            "version": "36.0.0",
            "artifacts": {
                "Stack": {
                    "type": "aws:cloudformation:stack",
                    "environment": "aws://unknown-account/unknown-region",
                    "properties": {"templateFile": "Stack.template.json"}
                }
            }
        }))
        .unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("Stack.template.json"),
        serde_json::to_string_pretty(template).unwrap(),
    )
    .unwrap();
    dir.to_path_buf()
}

/// Writes `value` as JSON to `dir/name`.
pub fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path
}

/// Path as a `&str` for arguments.
pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The property tests' configuration: `cases` cases, or `PROPTEST_CASES` when set (the longer
/// runs the README describes).
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    proptest::test_runner::Config {
        cases,
        ..proptest::test_runner::Config::default()
    }
}

/// `diff --format json --fail-on-escalation OLD NEW`, checked not to panic, with its report.
pub fn diff_gate_json(old: &Path, new: &Path) -> (Run, Value) {
    let r = run([
        std::ffi::OsStr::new("diff"),
        "--format".as_ref(),
        "json".as_ref(),
        "--fail-on-escalation".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
    ]);
    assert_no_panic(&r);
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:#?}"));
    (r, v)
}
