//! Helpers shared by the integration tests that need scratch directories or external tools.
#![allow(dead_code)] // each test binary uses a part of it

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A fresh, empty directory under cargo's temporary directory for tests.
pub fn scratch(prefix: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{prefix}-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// True in CI (`CI=true`), where every external tool is required.
pub fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Says on the terminal that `test` did not run for want of `tool`; fails under CI.
pub fn unavailable(test: &str, tool: &str) {
    assert!(
        !required(),
        "{test}: {tool} is required when CI=true (.ci/run installs it)"
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {tool} not found; run .ci/run (or install it) to check this"
    );
}
