//! Criterion benchmarks of synthesis: switchboard against the serde_json floor, for N = 1,
//! 100, 1000 and 5000 profiles of 40 permissions (100 per stack, one Connect instance each).
//!
//! - `assembly`: every file's bytes, in memory. switchboard: a new `App`, the (already built)
//!   profiles added to their stacks, `App::assembly()`. Floor: `floor::files(&job)`.
//! - `synth`: the same, written to a directory. switchboard: `App::synth()` (staged and swapped
//!   in atomically; files not synced, the default). Floor: `floor::write` (plain writes).
//!
//! `SWITCHBOARD_BENCH_SIZES=1,100` picks the sizes. Run through `bench/run.sh`, or
//! `cargo bench -p switchboard-bench --bench synth`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use switchboard::{App, Instance, SecurityProfile};
use switchboard_bench::job::{self, Job};
use switchboard_bench::{SEED, floor};

fn sizes() -> Vec<usize> {
    std::env::var("SWITCHBOARD_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 100, 1000, 5000])
}

/// The job and its profiles, built (and validated) once, outside the measurement.
fn prepare(n: usize) -> (Job, Vec<(String, Instance, Vec<SecurityProfile>)>) {
    let job = job::job(n, SEED);
    let stacks = job
        .stacks
        .iter()
        .map(|s| {
            let instance = Instance::existing(&s.instance_arn).expect("valid ARN");
            let profiles = s
                .profiles
                .iter()
                .map(|p| p.build().expect("valid profile"))
                .collect();
            (s.name.clone(), instance, profiles)
        })
        .collect();
    (job, stacks)
}

fn app(outdir: &PathBuf, stacks: &[(String, Instance, Vec<SecurityProfile>)]) -> App {
    let mut app = App::with_outdir(outdir);
    for (name, instance, profiles) in stacks {
        app.stack(name, instance.clone())
            .add_security_profiles(profiles)
            .expect("profiles fit");
    }
    app
}

fn bench(c: &mut Criterion) {
    let scratch = std::env::temp_dir().join(format!("switchboard-bench-{}", std::process::id()));
    for n in sizes() {
        let (job, stacks) = prepare(n);
        let out = scratch.join(format!("out-{n}"));
        let floor_out = scratch.join(format!("floor-{n}"));
        let sample_size = if n >= 1000 { 10 } else { 30 };

        let mut group = c.benchmark_group("assembly");
        group.sample_size(sample_size);
        group.measurement_time(Duration::from_secs(5));
        group.bench_with_input(BenchmarkId::new("switchboard", n), &stacks, |b, stacks| {
            b.iter(|| black_box(app(&out, stacks).assembly().expect("synthesizes")))
        });
        group.bench_with_input(BenchmarkId::new("floor", n), &job, |b, job| {
            b.iter(|| black_box(floor::files(job)))
        });
        group.finish();

        let mut group = c.benchmark_group("synth");
        group.sample_size(sample_size);
        group.measurement_time(Duration::from_secs(5));
        group.bench_with_input(BenchmarkId::new("switchboard", n), &stacks, |b, stacks| {
            b.iter(|| black_box(app(&out, stacks).synth().expect("writes")))
        });
        group.bench_with_input(BenchmarkId::new("floor", n), &job, |b, job| {
            b.iter(|| floor::write(job, &floor_out).expect("writes"))
        });
        group.finish();
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

criterion_group!(benches, bench);
criterion_main!(benches);
