//! `profile`: `perf record` of the largest macro and hand-written builds, samples grouped by
//! what they belong to (the proc macro's own code, the proc-macro bridge, each rustc crate), to
//! say where the macro's time goes.

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use super::results::ProfileResults;
use super::sys::{self, must, run as run_cmd, tail};
use super::workspace::Workspace;
use super::{Paths, Result, compile};

/// Runs `profile` and writes `macro-profile.txt` and `macro-profile.json`.
pub fn run(paths: &Paths, sizes: Option<Vec<usize>>) -> Result<()> {
    let sizes = sizes.unwrap_or_else(|| compile::DEFAULT_SIZES.to_vec());
    let large = *sizes.last().expect("sizes");
    let (ws, _) = compile::generate_workspace(paths, &sizes)?;
    let mut text = String::new();
    let mut buckets_percent = BTreeMap::new();
    for kind in ["macro", "hand"] {
        let package = format!("sb_{kind}_{large}");
        let (buckets, detail) = perf_build(&ws, &package)?;
        text.push_str(&detail);
        buckets_percent.insert(package, buckets);
    }
    sys::write(&paths.results.join("macro-profile.txt"), &text)?;
    sys::write_json(
        &paths.results.join("macro-profile.json"),
        &ProfileResults {
            n: large,
            load: sys::load(),
            buckets_percent,
        },
    )?;
    eprintln!(
        "wrote {}",
        paths.results.join("macro-profile.txt").display()
    );
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
    must(ws.cargo().args(["build", "-p", package]))?;
    must(ws.cargo().args(["clean", "-p", package]))?;
    let data = ws.dir.join(format!("perf-{package}.data"));
    let r = run_cmd(
        Command::new("perf")
            .args(["record", "-F", "1000", "-o"])
            .arg(&data)
            .arg("--")
            .arg("cargo")
            .args(["--offline", "build", "-p", package])
            .env("CARGO_TARGET_DIR", &ws.target)
            .current_dir(&ws.dir),
    )?;
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
