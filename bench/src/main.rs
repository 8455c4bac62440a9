//! `switchboard-bench`: drives the benchmarks (see `bench/README.md`; `bench/run.sh` calls it).
//!
//! Generated crates and outputs go to `$CARGO_TARGET_DIR/bench-gen` (or `target/bench-gen`);
//! results go to `bench/results/*.json` (or to the folder given with `--results DIR`, as
//! `QUICK=1 bench/run.sh` does so as not to overwrite the measured results). Every timed step
//! is repeated, interleaved with the step it is compared with, and summarized as median, min
//! and max.

mod driver;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use driver::{Paths, sys};
use switchboard_bench::{SEED, job};

/// Benchmarks of switchboard: compile time of the macro, cold builds, warnings, synthesis.
#[derive(Parser)]
#[command(name = "switchboard-bench")]
struct Cli {
    /// Where results are written and read (default: bench/results).
    #[arg(long, global = true, value_name = "DIR")]
    results: Option<PathBuf>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Macro cost (macro against hand-written constants) and the error path.
    Compile(Measure),
    /// Cold builds: switchboard against a bare proc-macro crate, from empty target directories.
    Cold {
        /// Repetitions of each cold build.
        #[arg(long, default_value_t = 3)]
        reps: usize,
        /// Write the two crates and measure nothing: for timing them with another tool. Prints
        /// the workspace's folder.
        #[arg(long)]
        generate_only: bool,
    },
    /// One invocation of N profiles with two warnings each, against the same without warnings.
    Warnings(Generate),
    /// perf profile of the largest macro and hand-written builds.
    Profile(Measure),
    /// Whole-process synthesis: switchboard, the serde_json floors and the AWS CDK.
    Process(Generate),
    /// Collects the estimates of `cargo bench --bench synth` into criterion.json.
    Criterion(Measure),
    /// Writes the synthesis job of N profiles as JSON.
    Job {
        /// Profiles.
        n: usize,
        /// The file to write.
        file: PathBuf,
    },
    /// Renders BENCHMARKS.md's tables from the results.
    Report {
        /// Print the tables instead of writing them into BENCHMARKS.md.
        #[arg(long)]
        print: bool,
    },
}

/// Repetitions and sizes.
#[derive(Args)]
struct Measure {
    /// Repetitions of each measurement.
    #[arg(long, default_value_t = 5)]
    reps: usize,
    /// Sizes (numbers of profiles), comma-separated; each subcommand has its default.
    #[arg(long, value_delimiter = ',')]
    sizes: Option<Vec<usize>>,
}

/// [`Measure`], or only the generated crates.
#[derive(Args)]
struct Generate {
    #[command(flatten)]
    measure: Measure,
    /// Write the generated crates, build what is measured, and measure nothing: for timing
    /// them with another tool. Prints the generated workspace's folder.
    #[arg(long)]
    generate_only: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = Paths::new(cli.results);
    let outcome = match cli.command {
        Cmd::Compile(m) => driver::compile::run(&paths, m.reps, m.sizes),
        Cmd::Cold {
            reps,
            generate_only,
        } => driver::cold::run(&paths, reps, generate_only),
        Cmd::Warnings(g) => {
            driver::warnings::run(&paths, g.measure.reps, g.measure.sizes, g.generate_only)
        }
        Cmd::Profile(m) => driver::profile::run(&paths, m.sizes),
        Cmd::Process(g) => {
            driver::process::run(&paths, g.measure.reps, g.measure.sizes, g.generate_only)
        }
        Cmd::Criterion(m) => driver::criterion::run(&paths, m.sizes),
        Cmd::Job { n, file } => sys::write_json(&file, &job::job(n, SEED)),
        Cmd::Report { print } => driver::report::run(&paths, print),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("switchboard-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
