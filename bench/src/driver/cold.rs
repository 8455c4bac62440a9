//! `cold`: what a fresh checkout or a clean CI run pays. `sb_cold_switchboard` (a library
//! depending on switchboard with its default features: what `switchboard = "..."` pulls in)
//! against `sb_cold_syn` (a proc-macro crate on the same syn/quote/proc-macro2 versions and
//! features, from the repository's `[workspace.dependencies]`), each built into an empty target
//! directory, interleaved, with cargo's per-unit timings.

use std::collections::BTreeMap;
use std::fs;

use switchboard_bench::stats::Summary;

use super::results::{ColdBuild, ColdResults};
use super::sys::{self, sample_load, summarize};
use super::workspace::{Members, Workspace, timing_units};
use super::{Paths, Result};

/// The crate whose cold build is switchboard's.
pub const SWITCHBOARD: &str = "sb_cold_switchboard";
/// The bare proc-macro crate.
pub const BARE: &str = "sb_cold_syn";

const BARE_SOURCE: &str = "\
//! A proc-macro crate on the same syn/quote/proc-macro2 (versions and features) as
//! switchboard-macros, doing the least: parse an identifier, emit a constant.
use proc_macro::TokenStream;

#[proc_macro]
pub fn ident_const(input: TokenStream) -> TokenStream {
    let ident: syn::Ident = match syn::parse(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error().into(),
    };
    let _ = proc_macro2::Span::call_site();
    quote::quote!(pub const #ident: () = ();).into()
}
";

/// Generates `bench-gen/cold` with the two crates.
pub fn generate_workspace(paths: &Paths) -> Result<Workspace> {
    let root_manifest =
        fs::read_to_string(paths.repo.join("Cargo.toml")).map_err(|e| e.to_string())?;
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
    let mut members = Members::new(paths, "cold");
    members.add(
        SWITCHBOARD,
        "",
        &[(
            "src/lib.rs",
            "//! Depends on switchboard: its cold build is the switchboard crates' cold build.\npub use switchboard::SecurityProfile;\n",
        )],
    )?;
    members.add_manifest(
        BARE,
        &format!("\n[lib]\nproc-macro = true\ndoctest = false\ntest = false\n\n[dependencies]\n{syn_deps}"),
        &[("src/lib.rs", BARE_SOURCE)],
    )?;
    members.finish()
}

/// The cold build of `package` into a fresh target directory.
fn cold_build(ws: &Workspace, package: &str) -> Result<(sys::Run, f64, BTreeMap<String, f64>)> {
    let target = ws.dir.join(format!("target-{package}"));
    let _ = fs::remove_dir_all(&target);
    let mut build = sys::cargo(&ws.manifest, &target);
    build.args(["build", "--timings", "-p", package]);
    let (run, cpu_ms) = sys::run_cpu_timed(&build, &ws.dir)?;
    if !run.ok {
        return Err(format!(
            "{package} failed to build:\n{}",
            sys::tail(&run.stderr, 30)
        ));
    }
    let mut units: BTreeMap<String, f64> = BTreeMap::new();
    for u in timing_units(&target)? {
        *units.entry(u.label()).or_default() += u.duration * 1000.0;
    }
    Ok((run, cpu_ms, units))
}

/// Runs `cold` and writes `cold.json` (or, with `generate_only`, writes the workspace and
/// prints its folder).
pub fn run(paths: &Paths, reps: usize, generate_only: bool) -> Result<()> {
    let ws = generate_workspace(paths)?;
    if generate_only {
        println!("{}", ws.dir.display());
        return Ok(());
    }
    let packages = [SWITCHBOARD, BARE];
    let (conditions, builds) = sys::measured(reps, || {
        let mut wall: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut cpu: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut units: BTreeMap<&str, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
        for rep in 0..reps {
            sample_load();
            for k in 0..packages.len() {
                let package = packages[(k + rep) % packages.len()];
                let (r, cpu_ms, unit_ms) = cold_build(&ws, package)?;
                eprintln!(
                    "  rep {rep}: cold {package}: {:.0} ms (CPU {cpu_ms:.0} ms)",
                    r.ms
                );
                wall.entry(package).or_default().push(r.ms);
                cpu.entry(package).or_default().push(cpu_ms);
                let per_unit = units.entry(package).or_default();
                for (unit, ms) in unit_ms {
                    // A unit missing from a repetition counts 0 ms there.
                    let samples = per_unit.entry(unit).or_default();
                    samples.resize(rep, 0.0);
                    samples.push(ms);
                }
            }
        }
        let build = |package: &str| ColdBuild {
            package: package.to_owned(),
            wall_ms: Summary::of(&wall[package]),
            cpu_ms: Some(Summary::of(&cpu[package])),
            units_ms: summarize(&units[package]),
        };
        Ok((build(SWITCHBOARD), build(BARE)))
    })?;
    let (switchboard, bare) = builds;
    let result = ColdResults {
        conditions,
        ratio: switchboard.wall_ms.median / bare.wall_ms.median,
        cpu_ratio: match (&switchboard.cpu_ms, &bare.cpu_ms) {
            (Some(a), Some(b)) => Some(a.median / b.median),
            _ => None,
        },
        switchboard,
        bare_proc_macro: bare,
    };
    let file = paths.results.join("cold.json");
    sys::write_json(&file, &result)?;
    eprintln!("wrote {}", file.display());
    Ok(())
}
