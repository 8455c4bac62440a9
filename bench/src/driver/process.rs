//! `process`: whole-process synthesis. Every program does the same job and writes a CDK cloud
//! assembly: switchboard (profiles as `security_profile!` constants, release and debug; or the
//! job file through the builder), the serde_json floor (from the job file, and from the job
//! compiled in as static data: the like-for-like partner of the constants program), and the
//! AWS CDK app (validation on and off). Checked for the same output first, then timed,
//! interleaved.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use switchboard_bench::stats::Summary;
use switchboard_bench::{SEED, job, render};

use super::results::{ProcessResults, ProcessSize, Ratios, ToolKind, ToolResult, Tools};
use super::sys::{self, must, sample_load};
use super::workspace::Members;
use super::{Paths, Result};

/// The sizes measured unless told otherwise.
pub const DEFAULT_SIZES: [usize; 4] = [1, 100, 1000, 5000];

/// How to run one program of the comparison.
struct Tool {
    kind: ToolKind,
    program: PathBuf,
    args: Vec<String>,
    /// False when the program's profiles are compiled in: it takes no job file.
    takes_job: bool,
}

impl Tool {
    fn command(&self, job: &Path, out: &Path) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        if self.takes_job {
            c.arg(job);
        }
        c.arg(out);
        c
    }
}

/// The generated programs with the job compiled in, per N.
struct CompiledIn {
    /// switchboard constants, release.
    release: BTreeMap<usize, PathBuf>,
    /// switchboard constants, debug.
    debug: BTreeMap<usize, PathBuf>,
    /// The floor from static data, release.
    floor: BTreeMap<usize, PathBuf>,
    /// Their build times, by N and by `release`/`debug`/`floor`.
    build_ms: BTreeMap<usize, BTreeMap<String, f64>>,
}

/// Generates, for each N, `synth-consts-N` (the job's N profiles as constants,
/// `render::synth_consts`) and `synth-floor-consts-N` (the job as static data,
/// `render::synth_floor_consts`), all in one workspace (the dependencies are built once), and
/// builds the former in release and debug, the latter in release.
fn build_compiled_in(paths: &Paths, sizes: &[usize]) -> Result<CompiledIn> {
    let mut members = Members::new(paths, "synth-consts");
    let bench_dep = format!(
        "switchboard-bench = {{ path = {:?} }}\n",
        paths.repo.join("bench").display().to_string()
    );
    for &n in sizes {
        let job = job::job(n, SEED);
        let name = format!("synth-consts-{n}");
        let (main, profiles) = render::synth_consts(&job, &name);
        members.add(
            &name,
            "",
            &[("src/main.rs", &main), ("src/profiles.rs", &profiles)],
        )?;
        let name = format!("synth-floor-consts-{n}");
        let (main, data) = render::synth_floor_consts(&job, &name);
        members.add(
            &name,
            &bench_dep,
            &[("src/main.rs", &main), ("src/data.rs", &data)],
        )?;
    }
    let ws = members.finish()?;
    let mut built = CompiledIn {
        release: BTreeMap::new(),
        debug: BTreeMap::new(),
        floor: BTreeMap::new(),
        build_ms: BTreeMap::new(),
    };
    for &n in sizes {
        let mut times = BTreeMap::new();
        for (key, name, profile) in [
            ("release", format!("synth-consts-{n}"), "release"),
            ("debug", format!("synth-consts-{n}"), "debug"),
            ("floor", format!("synth-floor-consts-{n}"), "release"),
        ] {
            eprintln!("building {name} ({profile})");
            let mut build = ws.cargo();
            build.args(["build", "-p", &name]);
            if profile == "release" {
                build.arg("--release");
            }
            let r = must(&mut build)?;
            times.insert(key.to_owned(), r.ms);
            let binaries = match key {
                "release" => &mut built.release,
                "debug" => &mut built.debug,
                _ => &mut built.floor,
            };
            binaries.insert(n, ws.target.join(profile).join(&name));
        }
        built.build_ms.insert(n, times);
    }
    Ok(built)
}

/// The programs that do the job of N profiles.
fn tools(paths: &Paths, compiled: &CompiledIn, n: usize) -> Result<Vec<Tool>> {
    let bin = |name: &str| -> Result<PathBuf> {
        let path = paths.target().join("release").join(name);
        if path.exists() {
            Ok(path)
        } else {
            Err(format!(
                "{} is missing: cargo build --release -p switchboard-bench --bins",
                path.display()
            ))
        }
    };
    let app = paths.repo.join("bench/cdk-app/app.js");
    if !paths
        .repo
        .join("bench/cdk-app/node_modules/aws-cdk-lib")
        .exists()
    {
        return Err("aws-cdk-lib is not installed: (cd bench/cdk-app && npm ci)".to_owned());
    }
    let node = |flag: Option<&str>| {
        let mut args = vec![app.display().to_string()];
        args.extend(flag.map(str::to_owned));
        args
    };
    let compiled_in = |kind, program: &PathBuf| Tool {
        kind,
        program: program.clone(),
        args: Vec::new(),
        takes_job: false,
    };
    let with_job = |kind, program: PathBuf, args: Vec<String>| Tool {
        kind,
        program,
        args,
        takes_job: true,
    };
    Ok(vec![
        compiled_in(ToolKind::SwitchboardRelease, &compiled.release[&n]),
        compiled_in(ToolKind::SwitchboardDebug, &compiled.debug[&n]),
        with_job(
            ToolKind::SwitchboardBuilder,
            bin("synth-example")?,
            Vec::new(),
        ),
        with_job(ToolKind::Floor, bin("synth-floor")?, Vec::new()),
        compiled_in(ToolKind::FloorConsts, &compiled.floor[&n]),
        with_job(
            ToolKind::CdkValidationOff,
            PathBuf::from("node"),
            node(Some("--no-validation")),
        ),
        with_job(ToolKind::CdkDefault, PathBuf::from("node"), node(None)),
    ])
}

fn dir_bytes(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// The security profile resources of every template in an assembly, by profile name:
/// `Properties` and `Metadata`, to check that the CDK did the same job.
fn profiles_of(dir: &Path) -> Result<BTreeMap<String, (Value, Value)>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.to_string_lossy().ends_with(".template.json") {
            continue;
        }
        // The template's own shape is CloudFormation's, read as JSON on purpose: what is
        // compared is whatever each program wrote.
        let template: Value = sys::read_json(&path)?;
        for resource in template["Resources"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            if resource["Type"] == "AWS::Connect::SecurityProfile" {
                let name = resource["Properties"]["SecurityProfileName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let metadata = resource["Metadata"]
                    .get("Switchboard")
                    .cloned()
                    .unwrap_or(Value::Null);
                // The CDK sorts `Tags` by key (its TagManager); switchboard keeps the written order.
                let mut properties = resource["Properties"].clone();
                if let Some(tags) = properties.get_mut("Tags").and_then(Value::as_array_mut) {
                    tags.sort_by(|a, b| a["Key"].as_str().cmp(&b["Key"].as_str()));
                }
                out.insert(name, (properties, metadata));
            }
        }
    }
    Ok(out)
}

/// Runs `process` and writes `process.json` (or, with `generate_only`, builds the generated
/// programs and prints their workspace's folder).
pub fn run(
    paths: &Paths,
    reps: usize,
    sizes: Option<Vec<usize>>,
    generate_only: bool,
) -> Result<()> {
    let sizes = sizes.unwrap_or_else(|| DEFAULT_SIZES.to_vec());
    let compiled = build_compiled_in(paths, &sizes)?;
    if generate_only {
        println!("{}", paths.work.join("synth-consts").display());
        return Ok(());
    }
    let scratch = paths.work.join("process");
    fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let (conditions, rows) = sys::measured(reps, || {
        sizes
            .iter()
            .map(|&n| measure_size(paths, &compiled, &scratch, n, reps))
            .collect::<Result<Vec<_>>>()
    })?;
    let result = ProcessResults {
        conditions,
        profiles_per_stack: job::PROFILES_PER_STACK,
        permissions_per_profile: job::PERMISSIONS_PER_PROFILE,
        consts_binaries_build_ms: compiled.build_ms,
        sizes: rows,
    };
    let file = paths.results.join("process.json");
    sys::write_json(&file, &result)?;
    eprintln!("wrote {}", file.display());
    Ok(())
}

fn measure_size(
    paths: &Paths,
    compiled: &CompiledIn,
    scratch: &Path,
    n: usize,
    reps: usize,
) -> Result<ProcessSize> {
    let tools = tools(paths, compiled, n)?;
    let job_file = scratch.join(format!("job-{n}.json"));
    let job = job::job(n, SEED);
    sys::write_json(&job_file, &job)?;
    let out = |kind: ToolKind| scratch.join(format!("out-{}-{n}", kind.key()));
    // Correctness first (untimed): every switchboard program and the floor from static data
    // write the floor's exact bytes, and the CDK writes the same profiles.
    for t in &tools {
        let _ = fs::remove_dir_all(out(t.kind));
        must(&mut t.command(&job_file, &out(t.kind)))?;
    }
    let floor_files = sys::folder_files(&out(ToolKind::Floor))?;
    for kind in [
        ToolKind::SwitchboardRelease,
        ToolKind::SwitchboardDebug,
        ToolKind::SwitchboardBuilder,
        ToolKind::FloorConsts,
    ] {
        if sys::folder_files(&out(kind))? != floor_files {
            return Err(format!(
                "N={n}: {} and the floor wrote different files",
                kind.key()
            ));
        }
    }
    let ours = profiles_of(&out(ToolKind::SwitchboardRelease))?;
    for cdk in [ToolKind::CdkValidationOff, ToolKind::CdkDefault] {
        if profiles_of(&out(cdk))? != ours {
            return Err(format!(
                "N={n}: {} wrote different security profiles",
                cdk.key()
            ));
        }
    }
    if ours.len() != n {
        return Err(format!("N={n}: {} profiles synthesized", ours.len()));
    }
    let bytes: BTreeMap<ToolKind, u64> = tools
        .iter()
        .map(|t| (t.kind, dir_bytes(&out(t.kind))))
        .collect();
    // Timed: wall time, then peak memory under GNU time, tools interleaved and rotated.
    let mut wall: BTreeMap<ToolKind, Vec<f64>> = BTreeMap::new();
    let mut rss: BTreeMap<ToolKind, Vec<f64>> = BTreeMap::new();
    for rep in 0..reps {
        sample_load();
        for k in 0..tools.len() {
            let t = &tools[(k + rep) % tools.len()];
            let dir = out(t.kind);
            let _ = fs::remove_dir_all(&dir);
            let r = must(&mut t.command(&job_file, &dir))?;
            wall.entry(t.kind).or_default().push(r.ms);
            let _ = fs::remove_dir_all(&dir);
            let mb = sys::peak_rss_mb(&t.command(&job_file, &dir), scratch)?;
            rss.entry(t.kind).or_default().push(mb);
            eprintln!(
                "  N={n} rep {rep}: {}: {:.1} ms, {mb:.1} MB",
                t.kind.key(),
                r.ms
            );
        }
    }
    for t in &tools {
        let _ = fs::remove_dir_all(out(t.kind));
    }
    let result = |kind: ToolKind| ToolResult {
        label: kind.label().to_owned(),
        wall_ms: Summary::of(&wall[&kind]),
        peak_rss_mb: Summary::of(&rss[&kind]),
        output_bytes: bytes[&kind],
    };
    let wall_of = |kind: ToolKind| Summary::of(&wall[&kind]).median;
    let rss_of = |kind: ToolKind| Summary::of(&rss[&kind]).median;
    use ToolKind::*;
    Ok(ProcessSize {
        n,
        stacks: job.stacks.len(),
        tools: Tools {
            switchboard_release: result(SwitchboardRelease),
            switchboard_debug: result(SwitchboardDebug),
            switchboard_builder: result(SwitchboardBuilder),
            floor: result(Floor),
            floor_consts: Some(result(FloorConsts)),
            cdk_validation_off: result(CdkValidationOff),
            cdk_default: result(CdkDefault),
        },
        ratios: Ratios {
            cdk_off_over_switchboard_wall: wall_of(CdkValidationOff) / wall_of(SwitchboardRelease),
            cdk_default_over_switchboard_wall: wall_of(CdkDefault) / wall_of(SwitchboardRelease),
            cdk_off_over_switchboard_debug_wall: wall_of(CdkValidationOff)
                / wall_of(SwitchboardDebug),
            cdk_off_over_builder_wall: wall_of(CdkValidationOff) / wall_of(SwitchboardBuilder),
            builder_over_cdk_off_rss: rss_of(SwitchboardBuilder) / rss_of(CdkValidationOff),
            switchboard_over_floor_wall: wall_of(SwitchboardRelease) / wall_of(Floor),
            builder_over_floor_wall: wall_of(SwitchboardBuilder) / wall_of(Floor),
            switchboard_over_cdk_off_rss: rss_of(SwitchboardRelease) / rss_of(CdkValidationOff),
            switchboard_over_floor_rss: rss_of(SwitchboardRelease) / rss_of(Floor),
            switchboard_over_floor_consts_wall: Some(
                wall_of(SwitchboardRelease) / wall_of(FloorConsts),
            ),
            switchboard_over_floor_consts_rss: Some(
                rss_of(SwitchboardRelease) / rss_of(FloorConsts),
            ),
        },
    })
}
