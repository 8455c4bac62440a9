//! The example binary of the whole-process benchmark: what a switchboard user's synthesis
//! program does, at scale.
//!
//! ```text
//! synth-example JOB.json OUTDIR
//! ```
//!
//! Reads the job (written by `switchboard-bench job N FILE`), builds every profile with
//! `SecurityProfile::builder` (every rule checked at run time, as the AWS CDK app checks its
//! input), adds each stack's profiles to a stack of its Connect instance, and writes the cloud
//! assembly with `App::synth`.

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use switchboard::{App, Instance};
use switchboard_bench::job::Job;

fn run(job: &str, outdir: &str) -> Result<usize, Box<dyn std::error::Error>> {
    let job: Job = serde_json::from_reader(BufReader::new(File::open(job)?))?;
    let mut app = App::with_outdir(outdir);
    for s in &job.stacks {
        let stack = app.stack(&s.name, Instance::existing(&s.instance_arn)?);
        for p in &s.profiles {
            stack.add_security_profile(p.build()?)?;
        }
    }
    Ok(app.synth()?.files.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [job, outdir] = args.as_slice() else {
        eprintln!("usage: synth-example JOB.json OUTDIR");
        return ExitCode::from(2);
    };
    match run(job, outdir) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth-example: {e}");
            ExitCode::FAILURE
        }
    }
}
