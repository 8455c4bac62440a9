//! The subcommands of `switchboard-bench`, one file each, and what they share: the generated
//! workspaces, the machine's state, and the typed results the report reads back.

pub mod cold;
pub mod compile;
pub mod criterion;
pub mod process;
pub mod profile;
pub mod report;
pub mod results;
pub mod sys;
pub mod warnings;
pub mod workspace;

use std::env;
use std::path::{Path, PathBuf};

/// A failure, said in a sentence for the terminal.
pub type Result<T> = std::result::Result<T, String>;

/// Where things are.
pub struct Paths {
    /// The repository (the parent of `bench/`).
    pub repo: PathBuf,
    /// Generated crates, jobs and outputs: `$CARGO_TARGET_DIR/bench-gen`.
    pub work: PathBuf,
    /// Where results are written and read.
    pub results: PathBuf,
}

impl Paths {
    /// The paths, with results in `results` or else `bench/results`.
    pub fn new(results: Option<PathBuf>) -> Paths {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("bench/ has a parent")
            .to_path_buf();
        let target = env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo.join("target"));
        Paths {
            work: target.join("bench-gen"),
            results: results.unwrap_or_else(|| repo.join("bench").join("results")),
            repo,
        }
    }

    /// The target directory the driver itself was built in (holds `criterion/` and the
    /// bench's binaries).
    pub fn target(&self) -> &Path {
        self.work.parent().expect("work dir in the target dir")
    }
}
