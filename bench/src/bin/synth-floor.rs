//! The floor of the whole-process benchmark: the bytes `synth-example` writes for a job,
//! written by `serde_json` straight from the job's data (see `switchboard_bench::floor`).
//!
//! ```text
//! synth-floor JOB.json OUTDIR
//! ```

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use switchboard_bench::floor;
use switchboard_bench::job::Job;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [job, outdir] = args.as_slice() else {
        eprintln!("usage: synth-floor JOB.json OUTDIR");
        return ExitCode::from(2);
    };
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let job: Job = serde_json::from_reader(BufReader::new(File::open(job)?))?;
        floor::write(&job, Path::new(outdir))?;
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth-floor: {e}");
            ExitCode::FAILURE
        }
    }
}
