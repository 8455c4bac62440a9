//! Files, commands, timing and the machine's state: what every subcommand uses.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Instant;

use switchboard_bench::stats::Summary;

use super::Result;
use super::results::{Conditions, Load, Machine};

/// Writes `text` to `path`, creating its folder; leaves the file (and its mtime) alone when
/// unchanged, so cargo does not rebuild a generated crate for nothing.
pub fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `value` as pretty JSON.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    write(path, &(text + "\n"))
}

/// Reads a JSON file into `T`.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// What ran, how long it took, whether it succeeded, and what it printed on stderr.
pub struct Run {
    /// Wall time.
    pub ms: f64,
    /// Exit status 0.
    pub ok: bool,
    /// Its standard error.
    pub stderr: String,
}

/// Runs `cmd` (stdout discarded) and times it.
pub fn run(cmd: &mut Command) -> Result<Run> {
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

/// [`run`], failing unless `cmd` succeeds.
pub fn must(cmd: &mut Command) -> Result<Run> {
    let shown = format!("{cmd:?}");
    let r = run(cmd)?;
    if r.ok {
        Ok(r)
    } else {
        Err(format!("{shown} failed:\n{}", tail(&r.stderr, 40)))
    }
}

/// The last `lines` lines of `text`.
pub fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// `cmd` under GNU time: its wall time, and the CPU time (user + system) of it and everything
/// it ran. On a shared or virtual machine other tenants stretch wall times by tens of percent;
/// CPU time counts only the time the command itself ran.
pub fn run_cpu_timed(cmd: &Command, scratch: &Path) -> Result<(Run, f64)> {
    let times = scratch.join("cpu-time.txt");
    let mut timed = Command::new("/usr/bin/time");
    timed
        .args(["-f", "%U %S", "-o"])
        .arg(&times)
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .current_dir(cmd.get_current_dir().unwrap_or(Path::new(".")));
    for (key, value) in cmd.get_envs() {
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
    Ok((r, cpu_s * 1000.0))
}

/// Peak resident memory (MB) of one run of `cmd`, from GNU time.
pub fn peak_rss_mb(cmd: &Command, scratch: &Path) -> Result<f64> {
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

/// `cargo --offline` on a generated workspace: its own target directory, and none of the
/// caller's `RUSTFLAGS`.
pub fn cargo(manifest: &Path, target: &Path) -> Command {
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

fn first_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "not found".to_owned())
}

/// Load average and the number of `rustc` processes, right now.
pub fn load() -> Load {
    let loadavg = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let loadavg: Vec<f64> = loadavg
        .split_whitespace()
        .take(3)
        .filter_map(|s| s.parse().ok())
        .collect();
    let rustc_processes = fs::read_dir("/proc")
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .filter(|e| {
                    fs::read_to_string(e.path().join("comm")).is_ok_and(|c| c.trim() == "rustc")
                })
                .count()
        })
        .unwrap_or(0);
    Load {
        loadavg,
        rustc_processes,
    }
}

/// The 1-minute load averages seen at the start of every repetition.
static LOAD_SAMPLES: Mutex<Vec<f64>> = Mutex::new(Vec::new());

/// Records the load at the start of a repetition.
pub fn sample_load() {
    let l = load().one_minute();
    if l.is_finite() {
        LOAD_SAMPLES.lock().expect("not poisoned").push(l);
    }
}

/// The load samples taken since the last call, summarized.
fn load_during() -> Option<Summary> {
    let samples = std::mem::take(&mut *LOAD_SAMPLES.lock().expect("not poisoned"));
    (!samples.is_empty()).then(|| Summary::of(&samples))
}

/// The machine.
pub fn machine() -> Machine {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
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
    Machine {
        cpu,
        cores,
        memory_gib: (mem_kb as f64 / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        kernel: first_line("uname", &["-sr"]),
        rustc: first_line("rustc", &["-V"]),
        cargo: first_line("cargo", &["-V"]),
        node: first_line("node", &["-v"]),
    }
}

/// Measures under recorded conditions: the load before `measure`, after it, and at the start
/// of each of its repetitions ([`sample_load`]).
pub fn measured<T>(reps: usize, measure: impl FnOnce() -> Result<T>) -> Result<(Conditions, T)> {
    let load_before = load();
    let _ = load_during();
    let value = measure()?;
    let conditions = Conditions {
        machine: machine(),
        load_before,
        load_after: load(),
        load_during: load_during(),
        reps,
    };
    Ok((conditions, value))
}

/// Summaries of every list of samples, by key.
pub fn summarize<K: Ord + Clone>(
    samples: &std::collections::BTreeMap<K, Vec<f64>>,
) -> std::collections::BTreeMap<K, Summary> {
    samples
        .iter()
        .map(|(k, v)| (k.clone(), Summary::of(v)))
        .collect()
}

/// The files of a folder, by name, with their bytes.
pub fn folder_files(dir: &Path) -> Result<std::collections::BTreeMap<String, Vec<u8>>> {
    let mut m = std::collections::BTreeMap::new();
    for e in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let p: PathBuf = e.map_err(|e| e.to_string())?.path();
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        m.insert(name, fs::read(&p).map_err(|e| e.to_string())?);
    }
    Ok(m)
}
