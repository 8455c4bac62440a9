//! `switchboard-bench`: drives the benchmarks (see `bench/README.md`; `bench/run.sh` calls it).
//!
//! ```text
//! switchboard-bench compile [--reps 5] [--sizes 100,1000]   macro cost, error path, cold builds
//! switchboard-bench process [--reps 5] [--sizes 1,100,1000,5000]   whole-process synthesis vs CDK
//! switchboard-bench profile                                  perf profile of the N=1000 macro build
//! switchboard-bench criterion [--sizes 1,100,1000,5000]     collects `cargo bench`'s estimates
//! switchboard-bench job N FILE                               writes the synthesis job of N profiles
//! switchboard-bench report [--print]                         BENCHMARKS.md's table from results/
//! ```
//!
//! Generated crates and outputs go to `$CARGO_TARGET_DIR/bench-gen` (or `target/bench-gen`);
//! results go to `bench/results/*.json` (or to the folder given with `--results DIR`, as
//! `QUICK=1 bench/run.sh` does so as not to overwrite the measured results). Every timed step is repeated, interleaved with the step
//! it is compared with, and summarized as median, min and max.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use std::{env, fs};

use serde_json::{Value, json};
use switchboard_bench::generate::{self, Generated};
use switchboard_bench::render::{self, Typo};
use switchboard_bench::rng::Rng;
use switchboard_bench::stats::Summary;
use switchboard_bench::{SEED, job};

type Result<T> = std::result::Result<T, String>;

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("compile") => Options::parse(&args[1..]).and_then(|o| compile(&o)),
        Some("process") => Options::parse(&args[1..]).and_then(|o| process(&o)),
        Some("profile") => Options::parse(&args[1..]).and_then(|o| profile(&o)),
        Some("job") if args.len() == 3 => args[1]
            .parse::<usize>()
            .map_err(|e| format!("N: {e}"))
            .and_then(|n| write_json(Path::new(&args[2]), &job::job(n, SEED))),
        Some("criterion") => Options::parse(&args[1..]).and_then(|o| collect_criterion(&o)),
        Some("report") => Options::parse(&args[1..]).and_then(|o| report(&o)),
        _ => Err("usage: switchboard-bench compile|process|profile|criterion|job N FILE|report [--reps R] [--sizes A,B] [--print] [--results DIR]".to_owned()),
    };
    if let Err(e) = outcome {
        eprintln!("switchboard-bench: {e}");
        std::process::exit(1);
    }
}

/// Command-line options shared by the subcommands.
struct Options {
    reps: usize,
    sizes: Option<Vec<usize>>,
    print: bool,
    repo: PathBuf,
    work: PathBuf,
    results: PathBuf,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options> {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("bench/ has a parent")
            .to_path_buf();
        let target = env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo.join("target"));
        let mut o = Options {
            reps: 5,
            sizes: None,
            print: false,
            work: target.join("bench-gen"),
            results: repo.join("bench").join("results"),
            repo,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--reps" => {
                    o.reps = it
                        .next()
                        .and_then(|v| v.parse().ok())
                        .ok_or("--reps takes a number")?
                }
                "--sizes" => {
                    let v = it.next().ok_or("--sizes takes a list")?;
                    o.sizes = Some(
                        v.split(',')
                            .map(|s| s.trim().parse().map_err(|e| format!("--sizes: {e}")))
                            .collect::<Result<_>>()?,
                    );
                }
                "--print" => o.print = true,
                "--results" => {
                    o.results = PathBuf::from(it.next().ok_or("--results takes a folder")?)
                }
                other => return Err(format!("unknown option {other}")),
            }
        }
        Ok(o)
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers: files, commands, timing, machine state.

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // Leave the file (and its mtime) alone when unchanged, so cargo does not rebuild for nothing.
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    write(path, &(text + "\n"))
}

fn read_json(path: &Path) -> Result<Value> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// What ran, how long it took, whether it succeeded, and what it printed on stderr.
struct Run {
    ms: f64,
    ok: bool,
    stderr: String,
}

fn run(cmd: &mut Command) -> Result<Run> {
    let start = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    Ok(Run {
        ms: start.elapsed().as_secs_f64() * 1000.0,
        ok: out.status.success(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

fn must(cmd: &mut Command) -> Result<Run> {
    let shown = format!("{cmd:?}");
    let r = run(cmd)?;
    if r.ok {
        Ok(r)
    } else {
        Err(format!("{shown} failed:\n{}", tail(&r.stderr, 40)))
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

fn first_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "not found".to_owned())
}

/// Load average (1 min) and the number of `rustc` processes not started by us, right now.
fn load() -> Value {
    let loadavg = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let parts: Vec<f64> = loadavg
        .split_whitespace()
        .take(3)
        .filter_map(|s| s.parse().ok())
        .collect();
    let rustc = fs::read_dir("/proc")
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .filter(|e| {
                    fs::read_to_string(e.path().join("comm")).is_ok_and(|c| c.trim() == "rustc")
                })
                .count()
        })
        .unwrap_or(0);
    json!({ "loadavg": parts, "rustc_processes": rustc })
}

/// The 1-minute load averages seen at the start of every repetition.
static LOAD_SAMPLES: std::sync::Mutex<Vec<f64>> = std::sync::Mutex::new(Vec::new());

fn sample_load() {
    if let Some(l) = load()["loadavg"][0].as_f64() {
        LOAD_SAMPLES.lock().expect("not poisoned").push(l);
    }
}

/// The load samples taken since the last call, summarized.
fn load_during() -> Value {
    let samples = std::mem::take(&mut *LOAD_SAMPLES.lock().expect("not poisoned"));
    if samples.is_empty() {
        Value::Null
    } else {
        json!(Summary::of(&samples))
    }
}

fn machine() -> Value {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|m| m.trim_start_matches([' ', '\t', ':']))
        })
        .unwrap_or("unknown")
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_kb: u64 = fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0);
    json!({
        "cpu": model,
        "cores": cores,
        "memory_gib": (mem_kb as f64 / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        "kernel": first_line("uname", &["-sr"]),
        "rustc": first_line("rustc", &["-V"]),
        "cargo": first_line("cargo", &["-V"]),
        "node": first_line("node", &["-v"]),
    })
}

fn cargo(manifest: &Path, target: &Path) -> Command {
    let mut c = Command::new("cargo");
    c.arg("--offline")
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never")
        .current_dir(manifest.parent().expect("manifest in a folder"));
    c
}

// ---------------------------------------------------------------------------------------------
// The generated crates.

/// Paths of a generated workspace.
struct Workspace {
    dir: PathBuf,
    manifest: PathBuf,
    target: PathBuf,
}

/// Writes the crate `name` into `dir/name`: a manifest depending on switchboard (and `deps`,
/// manifest lines) and its `files` (`src/lib.rs`; or `src/main.rs` and more for a binary).
/// Adds it to the workspace's `members`.
fn write_crate(
    o: &Options,
    dir: &Path,
    members: &mut Vec<String>,
    name: &str,
    deps: &str,
    files: &[(&str, &str)],
) -> Result<()> {
    let kind = if files.iter().any(|(path, _)| *path == "src/main.rs") {
        ""
    } else {
        "\n[lib]\ndoctest = false\ntest = false\n"
    };
    write(
        &dir.join(name).join("Cargo.toml"),
        &format!(
            "# @generated by switchboard-bench\n[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n{kind}\n[dependencies]\nswitchboard = {{ path = {:?} }}\n{deps}",
            o.repo.join("switchboard").display().to_string()
        ),
    )?;
    for (path, text) in files {
        write(&dir.join(name).join(path), text)?;
    }
    members.push(name.to_owned());
    Ok(())
}

fn generate_compile_ws(
    o: &Options,
    sizes: &[usize],
) -> Result<(Workspace, BTreeMap<usize, Generated>)> {
    let dir = o.work.join("compile");
    let mut members = Vec::new();
    let mut generated = BTreeMap::new();
    for &n in sizes {
        let g = generate::generate(n, SEED);
        for (kind, source) in [
            ("macro", render::macro_crate(&g, &[])),
            ("hand", render::hand_crate(&g)),
        ] {
            let name = format!("sb_{kind}_{n}");
            write_crate(o, &dir, &mut members, &name, "", &[("src/lib.rs", &source)])?;
        }
        generated.insert(n, g);
    }
    // Error path: the smallest size, one misspelled permission in each profile.
    let n = sizes[0];
    let g = &generated[&n];
    let mut rng = Rng::new(SEED ^ 0x7970_6f73);
    let typos: Vec<Typo> = g
        .profiles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let index = rng.below(p.permissions.len());
            Typo {
                profile: i,
                index,
                as_written: generate::typo(p.permissions[index], &mut rng),
            }
        })
        .collect();
    let name = format!("sb_typos_{n}");
    let source = render::macro_crate(g, &typos);
    write_crate(o, &dir, &mut members, &name, "", &[("src/lib.rs", &source)])?;
    write_json(
        &dir.join(&name).join("typos.json"),
        &typos
            .iter()
            .map(|t| json!({"profile": g.profiles[t.profile].ident, "correct": g.profiles[t.profile].permissions[t.index], "written": t.as_written}))
            .collect::<Vec<_>>(),
    )?;
    // Equivalence check: the macro's constants equal the hand-written ones.
    let name = format!("sb_equiv_{n}");
    let deps = format!(
        "sb_macro_{n} = {{ path = \"../sb_macro_{n}\" }}\nsb_hand_{n} = {{ path = \"../sb_hand_{n}\" }}\n"
    );
    let source = render::equivalence_main(g, &format!("sb_macro_{n}"), &format!("sb_hand_{n}"));
    write_crate(
        o,
        &dir,
        &mut members,
        &name,
        &deps,
        &[("src/main.rs", &source)],
    )?;
    // Cold builds: the switchboard crates, and a proc-macro crate on the same syn/quote/proc-macro2.
    let root_manifest = fs::read_to_string(o.repo.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let dep_line = |name: &str| -> Result<String> {
        root_manifest
            .lines()
            .find(|l| l.starts_with(&format!("{name} = ")))
            .map(str::to_owned)
            .ok_or_else(|| format!("{name} is not in [workspace.dependencies]"))
    };
    let syn_deps = format!(
        "{}\n{}\n{}\n",
        dep_line("syn")?,
        dep_line("quote")?,
        dep_line("proc-macro2")?
    );
    write_crate(
        o,
        &dir,
        &mut members,
        "sb_cold_switchboard",
        "",
        &[(
            "src/lib.rs",
            "//! Depends on switchboard: its cold build is the switchboard crates' cold build.\npub use switchboard::SecurityProfile;\n",
        )],
    )?;
    write(
        &dir.join("sb_cold_syn/Cargo.toml"),
        &format!(
            "[package]\nname = \"sb_cold_syn\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[lib]\nproc-macro = true\ndoctest = false\ntest = false\n\n[dependencies]\n{syn_deps}"
        ),
    )?;
    write(
        &dir.join("sb_cold_syn/src/lib.rs"),
        "//! A proc-macro crate on the same syn/quote/proc-macro2 (versions and features) as\n//! switchboard-macros, doing the least: parse an identifier, emit a constant.\nuse proc_macro::TokenStream;\n\n#[proc_macro]\npub fn ident_const(input: TokenStream) -> TokenStream {\n    let ident: syn::Ident = match syn::parse(input) {\n        Ok(i) => i,\n        Err(e) => return e.to_compile_error().into(),\n    };\n    let _ = proc_macro2::Span::call_site();\n    quote::quote!(pub const #ident: () = ();).into()\n}\n",
    )?;
    members.push("sb_cold_syn".to_owned());
    Ok((workspace(o, dir, &members)?, generated))
}

/// Writes the manifest of a generated workspace of `members` in `dir`, and the repository's
/// lockfile (so the generated crates build the same dependency versions).
fn workspace(o: &Options, dir: PathBuf, members: &[String]) -> Result<Workspace> {
    let manifest = dir.join("Cargo.toml");
    write(
        &manifest,
        &format!(
            "# @generated by switchboard-bench\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members
                .iter()
                .map(|m| format!("{m:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )?;
    if !dir.join("Cargo.lock").exists() {
        let lock = fs::read_to_string(o.repo.join("Cargo.lock")).map_err(|e| e.to_string())?;
        write(&dir.join("Cargo.lock"), &lock)?;
    }
    let target = dir.join("target");
    Ok(Workspace {
        dir,
        manifest,
        target,
    })
}

/// Per-unit durations from `cargo build --timings` (seconds, cargo's own 10 ms resolution).
fn timing_units(target: &Path) -> Result<Vec<Value>> {
    let html = fs::read_to_string(target.join("cargo-timings/cargo-timing.html"))
        .map_err(|e| format!("cargo timings: {e}"))?;
    let start = html
        .find("const UNIT_DATA = ")
        .ok_or("no UNIT_DATA in cargo-timing.html")?
        + 18;
    let end = start + html[start..].find("\n];").ok_or("UNIT_DATA not closed")? + 2;
    let units: Value = serde_json::from_str(&html[start..end]).map_err(|e| e.to_string())?;
    Ok(units.as_array().cloned().unwrap_or_default())
}

/// One clean build: its wall time (and output), rustc's time for the crate, and the CPU time
/// (user + system) of cargo and everything it ran. On a shared or virtual machine, other
/// tenants stretch wall times by tens of percent from one run to the next; CPU time counts
/// only the time the build itself ran.
struct Build {
    run: Run,
    rustc_ms: f64,
    cpu_ms: f64,
}

/// Builds `package` of the generated workspace from clean (its own artifacts and incremental
/// cache removed; the dependencies stay built) and times it.
fn clean_build(ws: &Workspace, package: &str) -> Result<Build> {
    must(cargo(&ws.manifest, &ws.target).args(["clean", "-p", package]))?;
    let build = cargo(&ws.manifest, &ws.target);
    let times = ws.target.join("cpu-time.txt");
    let mut timed = Command::new("/usr/bin/time");
    timed
        .args(["-f", "%U %S", "-o"])
        .arg(&times)
        .arg(build.get_program())
        .args(build.get_args())
        .args(["build", "--timings", "-p", package])
        .current_dir(build.get_current_dir().unwrap_or(Path::new(".")));
    for (key, value) in build.get_envs() {
        match value {
            Some(value) => timed.env(key, value),
            None => timed.env_remove(key),
        };
    }
    let r = run(&mut timed)?;
    let cpu_s: f64 = fs::read_to_string(&times)
        .map_err(|e| format!("{}: {e}", times.display()))?
        .lines()
        .last()
        .map(|l| {
            l.split_whitespace()
                .filter_map(|t| t.parse::<f64>().ok())
                .sum()
        })
        .ok_or("GNU time printed no %U %S")?;
    let units = timing_units(&ws.target)?;
    let rustc_s: f64 = units
        .iter()
        .filter(|u| u["name"] == package)
        .filter_map(|u| u["duration"].as_f64())
        .sum();
    Ok(Build {
        run: r,
        rustc_ms: rustc_s * 1000.0,
        cpu_ms: cpu_s * 1000.0,
    })
}

fn count_errors(stderr: &str) -> (usize, usize) {
    let errors = stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: could not compile"))
        .count();
    let suggestions = stderr.matches("did you mean").count();
    (errors, suggestions)
}

fn compile(o: &Options) -> Result<()> {
    let sizes = o.sizes.clone().unwrap_or_else(|| vec![100, 1000]);
    let load_before = load();
    eprintln!(
        "generating crates for N = {sizes:?} in {}",
        o.work.display()
    );
    let (ws, generated) = generate_compile_ws(o, &sizes)?;
    let small = sizes[0];
    let large = *sizes.last().expect("sizes");

    eprintln!("warming: building the dependencies and every generated crate once");
    let mut warm = cargo(&ws.manifest, &ws.target);
    warm.arg("build");
    for n in &sizes {
        for kind in ["macro", "hand"] {
            warm.args(["-p", &format!("sb_{kind}_{n}")]);
        }
    }
    must(&mut warm)?;
    must(cargo(&ws.manifest, &ws.target).args(["run", "-p", &format!("sb_equiv_{small}")]))
        .map_err(|e| format!("the macro's and the hand-written constants differ: {e}"))?;

    // 1. Macro cost: macro vs hand-written, each size, interleaved, rotating the order.
    let mut packages: Vec<String> = Vec::new();
    for n in &sizes {
        packages.push(format!("sb_macro_{n}"));
        packages.push(format!("sb_hand_{n}"));
    }
    let mut wall: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut rustc: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut cpu: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for rep in 0..o.reps {
        sample_load();
        for k in 0..packages.len() {
            let package = &packages[(k + rep) % packages.len()];
            let b = clean_build(&ws, package)?;
            if !b.run.ok {
                return Err(format!(
                    "{package} failed to build:\n{}",
                    tail(&b.run.stderr, 30)
                ));
            }
            eprintln!(
                "  rep {rep}: {package}: {:.0} ms (rustc {:.0} ms, CPU {:.0} ms)",
                b.run.ms, b.rustc_ms, b.cpu_ms
            );
            wall.entry(package.clone()).or_default().push(b.run.ms);
            rustc.entry(package.clone()).or_default().push(b.rustc_ms);
            cpu.entry(package.clone()).or_default().push(b.cpu_ms);
        }
    }
    let summarize = |m: &BTreeMap<String, Vec<f64>>| -> BTreeMap<String, Summary> {
        m.iter().map(|(k, v)| (k.clone(), Summary::of(v))).collect()
    };
    let wall_s = summarize(&wall);
    let rustc_s = summarize(&rustc);
    let cpu_s = summarize(&cpu);
    let mut per_size = Vec::new();
    for n in &sizes {
        let m = &wall_s[&format!("sb_macro_{n}")];
        let h = &wall_s[&format!("sb_hand_{n}")];
        let mr = &rustc_s[&format!("sb_macro_{n}")];
        let hr = &rustc_s[&format!("sb_hand_{n}")];
        let mc = &cpu_s[&format!("sb_macro_{n}")];
        let hc = &cpu_s[&format!("sb_hand_{n}")];
        let g = &generated[n];
        let explicit: usize = g.profiles.iter().map(|p| p.permissions.len()).sum();
        let total: usize = g
            .profiles
            .iter()
            .map(|p| p.resolved.permissions.len())
            .sum();
        per_size.push(json!({
            "n": n,
            "macro_ms": m, "hand_ms": h,
            "macro_rustc_ms": mr, "hand_rustc_ms": hr,
            "macro_cpu_ms": mc, "hand_cpu_ms": hc,
            "cpu_ratio": mc.median / hc.median,
            "cpu_overhead_ms_per_profile": (mc.median - hc.median) / *n as f64,
            "ratio": m.median / h.median,
            "overhead_ms_per_profile": (m.median - h.median) / *n as f64,
            "explicit_permissions": explicit,
            "final_permissions": total,
            "custom_preset_uses": g.profiles.iter().filter(|p| p.presets.iter().any(|c| matches!(c, generate::PresetChoice::Custom(_)))).count(),
        }));
    }
    let marginal = if sizes.len() > 1 {
        let a = &wall_s[&format!("sb_macro_{small}")];
        let b = &wall_s[&format!("sb_macro_{large}")];
        let ha = &wall_s[&format!("sb_hand_{small}")];
        let hb = &wall_s[&format!("sb_hand_{large}")];
        let dn = (large - small) as f64;
        json!({
            "from": small, "to": large,
            "macro_ms_per_profile": (b.median - a.median) / dn,
            "hand_ms_per_profile": (hb.median - ha.median) / dn,
        })
    } else {
        Value::Null
    };

    // 2. Error path: the crate with a typo in each profile vs the same crate fixed.
    let typos = format!("sb_typos_{small}");
    let fixed = format!("sb_macro_{small}");
    let mut err_ms = Vec::new();
    let mut fixed_ms = Vec::new();
    let mut reported = (0, 0);
    let mut sample = String::new();
    for rep in 0..o.reps {
        sample_load();
        let order = if rep % 2 == 0 {
            [&typos, &fixed]
        } else {
            [&fixed, &typos]
        };
        for package in order {
            let r = clean_build(&ws, package)?.run;
            if package == &typos {
                if r.ok {
                    return Err(format!("{typos} built although every profile has a typo"));
                }
                reported = count_errors(&r.stderr);
                sample = r.stderr.lines().take(30).collect::<Vec<_>>().join("\n");
                err_ms.push(r.ms);
            } else {
                fixed_ms.push(r.ms);
            }
            eprintln!("  rep {rep}: {package}: {:.0} ms", r.ms);
        }
    }
    write(&o.results.join("error-path-sample.txt"), &(sample + "\n"))?;
    let err_s = Summary::of(&err_ms);
    let fixed_s = Summary::of(&fixed_ms);

    // 3. Cold builds: fresh target directories, the two crates interleaved.
    let cold = ["sb_cold_switchboard", "sb_cold_syn"];
    let mut cold_ms: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut cold_units: BTreeMap<&str, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
    let cold_reps = o.reps.clamp(1, 3);
    for rep in 0..cold_reps {
        for k in 0..cold.len() {
            let package = cold[(k + rep) % cold.len()];
            let target = ws.dir.join(format!("target-{package}"));
            let _ = fs::remove_dir_all(&target);
            let r = must(cargo(&ws.manifest, &target).args(["build", "--timings", "-p", package]))?;
            eprintln!("  rep {rep}: cold {package}: {:.0} ms", r.ms);
            cold_ms.entry(package).or_default().push(r.ms);
            for u in timing_units(&target)? {
                let name = u["name"].as_str().unwrap_or("?").to_owned();
                let mode = u["target"].as_str().unwrap_or("").trim().to_owned();
                let key = if mode.is_empty() {
                    name
                } else {
                    format!("{name} {mode}")
                };
                let per_rep = cold_units
                    .entry(package)
                    .or_default()
                    .entry(key)
                    .or_default();
                per_rep.resize(rep + 1, 0.0);
                per_rep[rep] += u["duration"].as_f64().unwrap_or(0.0) * 1000.0;
            }
        }
    }
    let cold_json: BTreeMap<&str, Value> = cold_ms
        .iter()
        .map(|(k, v)| {
            let units: BTreeMap<String, Summary> = cold_units[k]
                .iter()
                .map(|(u, v)| (u.clone(), Summary::of(v)))
                .collect();
            (*k, json!({ "wall_ms": Summary::of(v), "units_ms": units }))
        })
        .collect();

    let result = json!({
        "machine": machine(),
        "load_before": load_before,
        "load_after": load(),
        "load_during": load_during(),
        "reps": o.reps,
        "cold_reps": cold_reps,
        "profiles_per_invocation": render::PROFILES_PER_INVOCATION,
        "macro_cost": { "sizes": per_size, "marginal": marginal, "wall_ms": wall_s, "rustc_ms": rustc_s },
        "error_path": {
            "crate": typos, "typos": small,
            "errors_reported": reported.0, "suggestions": reported.1,
            "with_typos_ms": err_s, "fixed_ms": fixed_s,
            "ratio": err_s.median / fixed_s.median,
        },
        "cold_build": cold_json,
    });
    write_json(&o.results.join("compile.json"), &result)?;
    eprintln!("wrote {}", o.results.join("compile.json").display());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Profile of the macro build (perf), to say where the time goes.

fn profile(o: &Options) -> Result<()> {
    let sizes = o.sizes.clone().unwrap_or_else(|| vec![100, 1000]);
    let large = *sizes.last().expect("sizes");
    let (ws, _) = generate_compile_ws(o, &sizes)?;
    let mut text = String::new();
    let mut buckets_json = serde_json::Map::new();
    for kind in ["macro", "hand"] {
        let package = format!("sb_{kind}_{large}");
        let (buckets, detail) = perf_build(&ws, &package)?;
        text.push_str(&detail);
        buckets_json.insert(package, json!(buckets));
    }
    write(&o.results.join("macro-profile.txt"), &text)?;
    write_json(
        &o.results.join("macro-profile.json"),
        &json!({ "n": large, "load": load(), "buckets_percent": buckets_json }),
    )?;
    eprintln!("wrote {}", o.results.join("macro-profile.txt").display());
    Ok(())
}

/// What a symbol of a rustc profile belongs to: the proc macro, the proc-macro bridge, or the
/// rustc crate (`rustc_hir_typeck`, `rustc_borrowck`, ...) that the symbol names first.
fn bucket(dso: &str, symbol: &str) -> String {
    if dso.starts_with("libswitchboard_macros") {
        return "switchboard-macros (the proc macro's own code: syn, rules, quote)".to_owned();
    }
    if symbol.contains("proc_macro") {
        return "proc-macro bridge (token streams between rustc and the macro)".to_owned();
    }
    if dso.starts_with("[kernel") {
        return "kernel (page faults, files)".to_owned();
    }
    if dso.starts_with("libc") {
        return "libc (malloc, memcpy)".to_owned();
    }
    if dso.starts_with("libLLVM") {
        return "LLVM".to_owned();
    }
    if let Some(i) = symbol.find("rustc_") {
        let name: String = symbol[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        return name;
    }
    format!("other ({dso})")
}

/// Builds `package` from clean under `perf record`; returns the share of samples per bucket
/// and a text report.
fn perf_build(ws: &Workspace, package: &str) -> Result<(BTreeMap<String, f64>, String)> {
    must(cargo(&ws.manifest, &ws.target).args(["build", "-p", package]))?;
    must(cargo(&ws.manifest, &ws.target).args(["clean", "-p", package]))?;
    let data = ws.dir.join(format!("perf-{package}.data"));
    let r = run(Command::new("perf")
        .args(["record", "-F", "1000", "-o"])
        .arg(&data)
        .arg("--")
        .arg("cargo")
        .args(["--offline", "build", "-p", package])
        .env("CARGO_TARGET_DIR", &ws.target)
        .current_dir(&ws.dir))?;
    if !r.ok {
        return Err(format!(
            "perf record failed (is perf usable here?):\n{}",
            tail(&r.stderr, 10)
        ));
    }
    let out = Command::new("perf")
        .args([
            "report",
            "--no-children",
            "--stdio",
            "--percent-limit",
            "0",
            "-i",
        ])
        .arg(&data)
        .args(["--sort", "dso,sym"])
        .output()
        .map_err(|e| e.to_string())?;
    let _ = fs::remove_file(&data);
    let report = String::from_utf8_lossy(&out.stdout);
    let mut buckets: BTreeMap<String, f64> = BTreeMap::new();
    let mut top = Vec::new();
    for line in report
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut parts = line.split_whitespace();
        let (Some(pct), Some(dso)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Ok(pct) = pct.trim_end_matches('%').parse::<f64>() else {
            continue;
        };
        let _kind = parts.next();
        let symbol = parts.collect::<Vec<_>>().join(" ");
        *buckets.entry(bucket(dso, &symbol)).or_default() += pct;
        if top.len() < 25 {
            top.push(format!("{pct:6.2}%  {dso:.30}  {symbol:.150}"));
        }
    }
    let mut rows: Vec<(&String, &f64)> = buckets.iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(a.1));
    let mut text = format!(
        "# perf: cargo build -p {package} (from clean, dependencies built, {:.0} ms under perf)\n\n## by what the symbol belongs to\n",
        r.ms
    );
    for (k, v) in rows.iter().filter(|(_, v)| **v >= 0.5) {
        text.push_str(&format!("{v:6.2}%  {k}\n"));
    }
    text.push_str("\n## hottest symbols\n");
    text.push_str(&top.join("\n"));
    text.push_str("\n\n");
    Ok((buckets, text))
}

// ---------------------------------------------------------------------------------------------
// Whole-process synthesis: switchboard, the serde_json floor, and the AWS CDK.

/// One program of the whole-process comparison.
struct Tool {
    key: &'static str,
    label: &'static str,
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

/// The switchboard programs with the profiles as constants: for each N, a release and a debug
/// binary holding exactly the job's N profiles, and their build times.
struct ConstsBinaries {
    release: BTreeMap<usize, PathBuf>,
    debug: BTreeMap<usize, PathBuf>,
    build_ms: BTreeMap<usize, Value>,
}

/// Generates, for each N of `sizes`, the crate `synth-consts-N` of the synthesis job's N
/// profiles as constants (`render::synth_consts`), all in one workspace (the dependencies are
/// built once), and builds each in release and debug.
fn build_consts_binaries(o: &Options, sizes: &[usize]) -> Result<ConstsBinaries> {
    let dir = o.work.join("synth-consts");
    let mut members = Vec::new();
    for &n in sizes {
        let name = format!("synth-consts-{n}");
        let (main, profiles) = render::synth_consts(&job::job(n, SEED), &name);
        write_crate(
            o,
            &dir,
            &mut members,
            &name,
            "",
            &[("src/main.rs", &main), ("src/profiles.rs", &profiles)],
        )?;
    }
    let ws = workspace(o, dir, &members)?;
    let mut built = ConstsBinaries {
        release: BTreeMap::new(),
        debug: BTreeMap::new(),
        build_ms: BTreeMap::new(),
    };
    for (&n, name) in sizes.iter().zip(&members) {
        let mut times = serde_json::Map::new();
        for (profile, release) in [("release", true), ("debug", false)] {
            eprintln!("building {name} ({profile})");
            let mut build = cargo(&ws.manifest, &ws.target);
            build.args(["build", "-p", name]);
            if release {
                build.arg("--release");
            }
            let r = must(&mut build)?;
            times.insert(profile.to_owned(), json!(r.ms));
            let binaries = if release {
                &mut built.release
            } else {
                &mut built.debug
            };
            binaries.insert(n, ws.target.join(profile).join(name));
        }
        built.build_ms.insert(n, Value::Object(times));
    }
    Ok(built)
}

/// The programs that do the job of N profiles.
fn tools(o: &Options, consts: &ConstsBinaries, n: usize) -> Result<Vec<Tool>> {
    let target = o
        .work
        .parent()
        .expect("work dir in the target dir")
        .to_path_buf();
    let bin = |profile: &str, name: &str| -> Result<PathBuf> {
        let path = target.join(profile).join(name);
        if path.exists() {
            Ok(path)
        } else {
            Err(format!(
                "{} is missing: cargo build{} -p switchboard-bench --bins",
                path.display(),
                if profile == "release" {
                    " --release"
                } else {
                    ""
                }
            ))
        }
    };
    let app = o.repo.join("bench/cdk-app/app.js");
    if !o
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
    Ok(vec![
        Tool {
            key: "switchboard_release",
            label: "switchboard, the N profiles as consts (release build)",
            program: consts.release[&n].clone(),
            args: Vec::new(),
            takes_job: false,
        },
        Tool {
            key: "switchboard_debug",
            label: "switchboard, the N profiles as consts (debug build)",
            program: consts.debug[&n].clone(),
            args: Vec::new(),
            takes_job: false,
        },
        Tool {
            key: "switchboard_builder",
            label: "switchboard, job file + builder (release build)",
            program: bin("release", "synth-example")?,
            args: Vec::new(),
            takes_job: true,
        },
        Tool {
            key: "floor",
            label: "serde_json floor, job file (release build)",
            program: bin("release", "synth-floor")?,
            args: Vec::new(),
            takes_job: true,
        },
        Tool {
            key: "cdk_validation_off",
            label: "AWS CDK, job file, validation off",
            program: PathBuf::from("node"),
            args: node(Some("--no-validation")),
            takes_job: true,
        },
        Tool {
            key: "cdk_default",
            label: "AWS CDK, job file, default (validation on)",
            program: PathBuf::from("node"),
            args: node(None),
            takes_job: true,
        },
    ])
}

/// Peak resident memory (MB) of one run, from GNU time.
fn peak_rss_mb(cmd: &Command, scratch: &Path) -> Result<f64> {
    let file = scratch.join("time.txt");
    let mut timed = Command::new("/usr/bin/time");
    timed
        .args(["-f", "%M", "-o"])
        .arg(&file)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    must(&mut timed)?;
    let kb: f64 = fs::read_to_string(&file)
        .map_err(|e| e.to_string())?
        .trim()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .ok_or("GNU time printed no %M")?;
    Ok(kb / 1024.0)
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
fn profiles_of(dir: &Path) -> Result<BTreeMap<String, Value>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.to_string_lossy().ends_with(".template.json") {
            continue;
        }
        let template = read_json(&path)?;
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
                out.insert(name, json!([properties, metadata]));
            }
        }
    }
    Ok(out)
}

fn same_files(a: &Path, b: &Path) -> Result<bool> {
    let list = |d: &Path| -> Result<BTreeMap<String, Vec<u8>>> {
        let mut m = BTreeMap::new();
        for e in fs::read_dir(d).map_err(|e| e.to_string())? {
            let p = e.map_err(|e| e.to_string())?.path();
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            m.insert(name, fs::read(&p).map_err(|e| e.to_string())?);
        }
        Ok(m)
    };
    Ok(list(a)? == list(b)?)
}

fn process(o: &Options) -> Result<()> {
    let sizes = o.sizes.clone().unwrap_or_else(|| vec![1, 100, 1000, 5000]);
    let consts = build_consts_binaries(o, &sizes)?;
    let scratch = o.work.join("process");
    fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let load_before = load();
    let mut per_size = Vec::new();
    for &n in &sizes {
        let tools = tools(o, &consts, n)?;
        let job_file = scratch.join(format!("job-{n}.json"));
        let job = job::job(n, SEED);
        write_json(&job_file, &job)?;
        let out = |key: &str| scratch.join(format!("out-{key}-{n}"));
        // Correctness first (untimed): every switchboard program (consts release and debug,
        // builder) writes the floor's exact bytes, and the CDK writes the same profiles.
        for t in &tools {
            let _ = fs::remove_dir_all(out(t.key));
            must(&mut t.command(&job_file, &out(t.key)))?;
        }
        for key in [
            "switchboard_release",
            "switchboard_debug",
            "switchboard_builder",
        ] {
            if !same_files(&out(key), &out("floor"))? {
                return Err(format!("N={n}: {key} and the floor wrote different files"));
            }
        }
        let ours = profiles_of(&out("switchboard_release"))?;
        for cdk in ["cdk_validation_off", "cdk_default"] {
            if profiles_of(&out(cdk))? != ours {
                return Err(format!("N={n}: {cdk} wrote different security profiles"));
            }
        }
        if ours.len() != n {
            return Err(format!("N={n}: {} profiles synthesized", ours.len()));
        }
        let bytes: BTreeMap<&str, u64> = tools
            .iter()
            .map(|t| (t.key, dir_bytes(&out(t.key))))
            .collect();
        // Timed: wall time, then peak memory under GNU time, tools interleaved and rotated.
        let mut wall: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut rss: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for rep in 0..o.reps {
            sample_load();
            for k in 0..tools.len() {
                let t = &tools[(k + rep) % tools.len()];
                let dir = out(t.key);
                let _ = fs::remove_dir_all(&dir);
                let r = must(&mut t.command(&job_file, &dir))?;
                wall.entry(t.key).or_default().push(r.ms);
                let _ = fs::remove_dir_all(&dir);
                rss.entry(t.key)
                    .or_default()
                    .push(peak_rss_mb(&t.command(&job_file, &dir), &scratch)?);
                eprintln!(
                    "  N={n} rep {rep}: {}: {:.1} ms, {:.1} MB",
                    t.key, r.ms, rss[t.key][rep]
                );
            }
        }
        let results: BTreeMap<&str, Value> = tools
            .iter()
            .map(|t| {
                (
                    t.key,
                    json!({
                        "label": t.label,
                        "wall_ms": Summary::of(&wall[t.key]),
                        "peak_rss_mb": Summary::of(&rss[t.key]),
                        "output_bytes": bytes[t.key],
                    }),
                )
            })
            .collect();
        let median = |m: &BTreeMap<&str, Vec<f64>>, k: &str| Summary::of(&m[k]).median;
        per_size.push(json!({
            "n": n,
            "stacks": job.stacks.len(),
            "tools": results,
            "ratios": {
                "cdk_off_over_switchboard_wall": median(&wall, "cdk_validation_off") / median(&wall, "switchboard_release"),
                "cdk_default_over_switchboard_wall": median(&wall, "cdk_default") / median(&wall, "switchboard_release"),
                "cdk_off_over_switchboard_debug_wall": median(&wall, "cdk_validation_off") / median(&wall, "switchboard_debug"),
                "cdk_off_over_builder_wall": median(&wall, "cdk_validation_off") / median(&wall, "switchboard_builder"),
                "builder_over_cdk_off_rss": median(&rss, "switchboard_builder") / median(&rss, "cdk_validation_off"),
                "switchboard_over_floor_wall": median(&wall, "switchboard_release") / median(&wall, "floor"),
                "builder_over_floor_wall": median(&wall, "switchboard_builder") / median(&wall, "floor"),
                "switchboard_over_cdk_off_rss": median(&rss, "switchboard_release") / median(&rss, "cdk_validation_off"),
                "switchboard_over_floor_rss": median(&rss, "switchboard_release") / median(&rss, "floor"),
            },
        }));
        for t in &tools {
            let _ = fs::remove_dir_all(out(t.key));
        }
    }
    let result = json!({
        "machine": machine(),
        "load_before": load_before,
        "load_after": load(),
        "load_during": load_during(),
        "reps": o.reps,
        "profiles_per_stack": job::PROFILES_PER_STACK,
        "permissions_per_profile": job::PERMISSIONS_PER_PROFILE,
        "consts_binaries_build_ms": consts.build_ms,
        "sizes": per_size,
    });
    write_json(&o.results.join("process.json"), &result)?;
    eprintln!("wrote {}", o.results.join("process.json").display());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Criterion's estimates, collected into results/criterion.json.

fn collect_criterion(o: &Options) -> Result<()> {
    let root = o
        .work
        .parent()
        .expect("work dir in the target dir")
        .join("criterion");
    let mut rows = Vec::new();
    for group in ["assembly", "synth"] {
        for function in ["switchboard", "floor"] {
            let dir = root.join(group).join(function);
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.filter_map(|e| e.ok()) {
                // Only the sizes of this run (`--sizes`): the target directory may hold others.
                let Ok(n) = e.file_name().to_string_lossy().parse::<usize>() else {
                    continue;
                };
                if o.sizes.as_ref().is_some_and(|s| !s.contains(&n)) {
                    continue;
                }
                let est = read_json(&e.path().join("new/estimates.json"))?;
                let m = &est["median"];
                rows.push(json!({
                    "group": group, "function": function, "n": n,
                    "median_ms": f(&m["point_estimate"]) / 1e6,
                    "low_ms": f(&m["confidence_interval"]["lower_bound"]) / 1e6,
                    "high_ms": f(&m["confidence_interval"]["upper_bound"]) / 1e6,
                }));
            }
        }
    }
    if rows.is_empty() {
        return Err(format!("no criterion estimates under {}", root.display()));
    }
    rows.sort_by_key(|r| {
        (
            r["group"].as_str().map(str::to_owned),
            r["n"].as_u64(),
            r["function"].as_str().map(str::to_owned),
        )
    });
    write_json(
        &o.results.join("criterion.json"),
        &json!({ "machine": machine(), "load_after": load(), "estimates": rows }),
    )?;
    eprintln!("wrote {}", o.results.join("criterion.json").display());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// BENCHMARKS.md

fn report(o: &Options) -> Result<()> {
    let compile = read_json(&o.results.join("compile.json")).ok();
    let process = read_json(&o.results.join("process.json")).ok();
    let criterion = read_json(&o.results.join("criterion.json")).ok();
    let profile = read_json(&o.results.join("macro-profile.json")).ok();
    let text = render_tables(
        compile.as_ref(),
        profile.as_ref(),
        process.as_ref(),
        criterion.as_ref(),
    );
    if o.print {
        println!("{text}");
        return Ok(());
    }
    let path = o.repo.join("BENCHMARKS.md");
    let doc = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (begin, end) = ("<!-- results:begin -->", "<!-- results:end -->");
    let (Some(a), Some(b)) = (doc.find(begin), doc.find(end)) else {
        return Err(format!("{} has no {begin} … {end} markers", path.display()));
    };
    let updated = format!("{}{begin}\n{text}\n{}", &doc[..a], &doc[b..]);
    write(&path, &updated)?;
    eprintln!("updated {}", path.display());
    Ok(())
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn show(summary: &Value, decimals: usize) -> String {
    format!(
        "{:.d$} ({:.d$}–{:.d$})",
        f(&summary["median"]),
        f(&summary["min"]),
        f(&summary["max"]),
        d = decimals
    )
}

fn mark(ok: bool) -> &'static str {
    if ok { "met" } else { "**missed**" }
}

fn render_tables(
    compile: Option<&Value>,
    profile: Option<&Value>,
    process: Option<&Value>,
    criterion: Option<&Value>,
) -> String {
    let mut out = String::new();
    let machine = compile
        .map(|c| &c["machine"])
        .or(process.map(|p| &p["machine"]));
    if let Some(m) = machine {
        out.push_str(&format!(
            "Machine: {} × {} cores, {} GiB, {}; {}; {}; Node {}.\n\n",
            m["cpu"].as_str().unwrap_or("?"),
            m["cores"],
            m["memory_gib"],
            m["kernel"].as_str().unwrap_or("?"),
            m["rustc"].as_str().unwrap_or("?"),
            m["cargo"].as_str().unwrap_or("?"),
            m["node"].as_str().unwrap_or("?"),
        ));
    }
    for (label, v) in [("compile", compile), ("process", process)] {
        if let Some(v) = v {
            out.push_str(&format!(
                "Load while measuring ({label}): 1-min load average {} before, {} after, {} at the start of each repetition (median, min–max); rustc processes {} before, {} after; {} repetitions, results are median (min–max).\n\n",
                v["load_before"]["loadavg"][0], v["load_after"]["loadavg"][0],
                if v["load_during"].is_null() { "—".to_owned() } else { show(&v["load_during"], 2) },
                v["load_before"]["rustc_processes"], v["load_after"]["rustc_processes"],
                v["reps"],
            ));
        }
    }
    if let Some(c) = compile {
        let mc = &c["macro_cost"];
        out.push_str("### Macro cost (debug build of the generated crate from clean, dependencies built; ms of `cargo build`, median (min–max): wall time, and CPU time (user + system of cargo and everything it ran))\n\n");
        out.push_str("| N profiles | `security_profile!` wall | hand-written wall | ratio | overhead ms/profile | `security_profile!` CPU | hand-written CPU | ratio | overhead ms/profile |\n|---|---|---|---|---|---|---|---|---|\n");
        for s in mc["sizes"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "| {} | {} | {} | {:.2}x | {:.2} | {} | {} | {:.2}x | {:.2} |\n",
                s["n"],
                show(&s["macro_ms"], 0),
                show(&s["hand_ms"], 0),
                f(&s["ratio"]),
                f(&s["overhead_ms_per_profile"]),
                show(&s["macro_cpu_ms"], 0),
                show(&s["hand_cpu_ms"], 0),
                f(&s["cpu_ratio"]),
                f(&s["cpu_overhead_ms_per_profile"]),
            ));
        }
        let m = &mc["marginal"];
        if !m.is_null() {
            out.push_str(&format!(
                "\nMarginal cost per profile from N={} to N={}: **{:.2} ms** with the macro; {:.2} ms hand-written.\n",
                m["from"], m["to"], f(&m["macro_ms_per_profile"]), f(&m["hand_ms_per_profile"]),
            ));
        }
        if let Some(last) = mc["sizes"].as_array().and_then(|a| a.last()) {
            let (ratio, overhead) = (f(&last["ratio"]), f(&last["overhead_ms_per_profile"]));
            let (cpu_ratio, cpu_overhead) = (
                f(&last["cpu_ratio"]),
                f(&last["cpu_overhead_ms_per_profile"]),
            );
            let marginal = if m.is_null() {
                String::new()
            } else {
                format!(
                    " (the whole macro build's marginal cost, N={}→{}: {:.2} ms per profile)",
                    m["from"],
                    m["to"],
                    f(&m["macro_ms_per_profile"])
                )
            };
            out.push_str(&format!(
                "\nTargets at N={n}: at most 1.5x hand-written — CPU {cpu_ratio:.2}x, {}; wall {ratio:.2}x, {}; at most 1 ms per profile of macro overhead ((macro − hand-written) ÷ N) — CPU {cpu_overhead:.2} ms, {}; wall {overhead:.2} ms, {}{marginal}.\n",
                mark(cpu_ratio <= 1.5),
                mark(ratio <= 1.5),
                mark(cpu_overhead <= 1.0),
                mark(overhead <= 1.0),
                n = last["n"],
            ));
        }
        if let Some(profile) = profile {
            out.push_str(&format!(
                "\nWhere the time goes (perf samples of each N={} build, percent; rustc crates by the symbol's first `rustc_*` path):\n\n",
                profile["n"]
            ));
            let crates = ["sb_macro", "sb_hand"];
            let n = profile["n"].as_u64().unwrap_or(0);
            let buckets = &profile["buckets_percent"];
            let mut all: BTreeMap<String, f64> = BTreeMap::new();
            for c in crates {
                for (k, v) in buckets[format!("{c}_{n}")]
                    .as_object()
                    .into_iter()
                    .flatten()
                {
                    *all.entry(k.clone()).or_default() += f(v);
                }
            }
            let mut rows: Vec<(String, f64)> = all.into_iter().collect();
            rows.sort_by(|a, b| b.1.total_cmp(&a.1));
            out.push_str("| samples in | macro | hand-written |\n|---|---|---|\n");
            for (k, _) in rows.iter().take(14) {
                out.push_str(&format!("| {k} |"));
                for c in crates {
                    out.push_str(&format!(
                        " {:.1} |",
                        f(&buckets[format!("{c}_{n}")][k]).max(0.0)
                    ));
                }
                out.push('\n');
            }
        }
        let e = &c["error_path"];
        out.push_str(&format!(
            "\n### Error path\n\n| crate | build ms | errors reported | with a suggestion |\n|---|---|---|---|\n| {} typos (one per profile) | {} | {} | {} |\n| the same crate fixed | {} | — | — |\n\nRatio: {:.2}x the fixed build.\n",
            e["typos"], show(&e["with_typos_ms"], 0), e["errors_reported"], e["suggestions"],
            show(&e["fixed_ms"], 0), f(&e["ratio"]),
        ));
        let cold = &c["cold_build"];
        let sb = &cold["sb_cold_switchboard"]["wall_ms"];
        let syn = &cold["sb_cold_syn"]["wall_ms"];
        out.push_str(&format!(
            "\n### Cold build (empty target directory, debug, {} repetitions)\n\n| crate | wall ms |\n|---|---|\n| switchboard and all its dependencies | {} |\n| a proc-macro crate on the same syn/quote/proc-macro2 only | {} |\n\nRatio: {:.2}x. Where the switchboard build goes (cargo `--timings`, median ms per unit):\n\n",
            c["cold_reps"], show(sb, 0), show(syn, 0), f(&sb["median"]) / f(&syn["median"]),
        ));
        if let Some(units) = cold["sb_cold_switchboard"]["units_ms"].as_object() {
            let mut rows: Vec<(&String, f64)> =
                units.iter().map(|(k, v)| (k, f(&v["median"]))).collect();
            rows.sort_by(|a, b| b.1.total_cmp(&a.1));
            out.push_str("| unit | ms |\n|---|---|\n");
            for (k, v) in rows {
                out.push_str(&format!("| {k} | {v:.0} |\n"));
            }
        }
    }
    if let Some(p) = process {
        out.push_str(&render_process(p));
    }
    if let Some(cr) = criterion {
        out.push_str(&render_criterion(cr));
    }
    out
}

fn render_process(p: &Value) -> String {
    let mut out = format!(
        "\n### Synthesis, whole process ({} permissions per profile, {} profiles per stack; wall ms and peak RSS MB, median (min–max))\n\n",
        p["permissions_per_profile"], p["profiles_per_stack"]
    );
    let keys = [
        "switchboard_release",
        "switchboard_debug",
        "switchboard_builder",
        "floor",
        "cdk_validation_off",
        "cdk_default",
    ];
    let sizes: Vec<&Value> = p["sizes"].as_array().into_iter().flatten().collect();
    out.push_str("| program |");
    for s in &sizes {
        out.push_str(&format!(" N={} ({} stacks) |", s["n"], s["stacks"]));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(sizes.len()));
    out.push('\n');
    for key in keys {
        let label = sizes
            .first()
            .and_then(|s| s["tools"][key]["label"].as_str())
            .unwrap_or(key);
        out.push_str(&format!("| {label} |"));
        for s in &sizes {
            let t = &s["tools"][key];
            let decimals = if f(&t["wall_ms"]["median"]) < 100.0 {
                1
            } else {
                0
            };
            out.push_str(&format!(
                " {} ms<br>{} MB |",
                show(&t["wall_ms"], decimals),
                show(&t["peak_rss_mb"], 1)
            ));
        }
        out.push('\n');
    }
    out.push_str("\n| ratio |");
    for s in &sizes {
        out.push_str(&format!(" N={} |", s["n"]));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(sizes.len()));
    out.push('\n');
    for (label, key, suffix) in [
        (
            "CDK validation off ÷ switchboard (wall)",
            "cdk_off_over_switchboard_wall",
            "x",
        ),
        (
            "CDK default ÷ switchboard (wall)",
            "cdk_default_over_switchboard_wall",
            "x",
        ),
        (
            "CDK validation off ÷ switchboard debug build (wall)",
            "cdk_off_over_switchboard_debug_wall",
            "x",
        ),
        (
            "switchboard ÷ CDK validation off (peak memory)",
            "switchboard_over_cdk_off_rss",
            "",
        ),
        (
            "switchboard ÷ serde_json floor (wall)",
            "switchboard_over_floor_wall",
            "x",
        ),
        (
            "switchboard ÷ serde_json floor (peak memory)",
            "switchboard_over_floor_rss",
            "x",
        ),
    ] {
        out.push_str(&format!("| {label} |"));
        for s in &sizes {
            out.push_str(&format!(" {:.2}{suffix} |", f(&s["ratios"][key])));
        }
        out.push('\n');
    }
    if let Some(s) = sizes.iter().find(|s| s["n"] == 1000) {
        let r = &s["ratios"];
        out.push_str(&format!(
            "\nTargets at N=1000: at least 50x faster than the CDK with validation off — {:.1}x, {}; at most a tenth of its peak memory — {:.3}, {}; within 2x of the serde_json floor (whole process) — {:.2}x, {}.\n",
            f(&r["cdk_off_over_switchboard_wall"]),
            mark(f(&r["cdk_off_over_switchboard_wall"]) >= 50.0),
            f(&r["switchboard_over_cdk_off_rss"]),
            mark(f(&r["switchboard_over_cdk_off_rss"]) <= 0.1),
            f(&r["switchboard_over_floor_wall"]),
            mark(f(&r["switchboard_over_floor_wall"]) <= 2.0),
        ));
    }
    out
}

fn render_criterion(c: &Value) -> String {
    let rows: Vec<&Value> = c["estimates"].as_array().into_iter().flatten().collect();
    let mut sizes: Vec<u64> = rows.iter().filter_map(|r| r["n"].as_u64()).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let find = |group: &str, function: &str, n: u64| {
        rows.iter()
            .find(|r| r["group"] == group && r["function"] == function && r["n"] == n)
    };
    let mut out = String::from(
        "\n### Synthesis in process (criterion; median ms with its 95% confidence interval)\n\n| N | `App::assembly()` (bytes in memory) | floor, in memory | ratio | `App::synth()` (to disk) | floor, to disk | ratio |\n|---|---|---|---|---|---|---|\n",
    );
    let cell = |r: Option<&&Value>| {
        r.map_or("—".to_owned(), |r| {
            format!(
                "{:.3} ({:.3}–{:.3})",
                f(&r["median_ms"]),
                f(&r["low_ms"]),
                f(&r["high_ms"])
            )
        })
    };
    let ratio = |a: Option<&&Value>, b: Option<&&Value>| match (a, b) {
        (Some(a), Some(b)) => format!("{:.2}x", f(&a["median_ms"]) / f(&b["median_ms"])),
        _ => "—".to_owned(),
    };
    for n in sizes {
        let (am, af) = (
            find("assembly", "switchboard", n),
            find("assembly", "floor", n),
        );
        let (sm, sf) = (find("synth", "switchboard", n), find("synth", "floor", n));
        out.push_str(&format!(
            "| {n} | {} | {} | {} | {} | {} | {} |\n",
            cell(am),
            cell(af),
            ratio(am, af),
            cell(sm),
            cell(sf),
            ratio(sm, sf)
        ));
    }
    out
}
