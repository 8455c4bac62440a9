//! `warnings`: one `security_profile!` invocation of N profiles with two warnings each
//! (`TagRestrictedNotViewable`, `EndOfSupport`; `switchboard_bench::warnings`) against the same
//! invocation without warnings. A crate written by `switchboard import` from a console with
//! hundreds of profiles is this case; the target is that a warning costs the same whatever
//! the size of the invocation (1000 profiles with 2000 warnings within 2x of the same crate
//! without warnings).

use std::collections::BTreeMap;

use switchboard_bench::stats::Summary;
use switchboard_bench::{SEED, render, warnings};

use super::results::{WarningsResults, WarningsSize};
use super::sys::{self, sample_load, tail};
use super::workspace::{self, Members, Workspace, clean_build};
use super::{Paths, Result};

/// The sizes measured unless told otherwise.
pub const DEFAULT_SIZES: [usize; 3] = [100, 300, 1000];

fn warned(n: usize) -> String {
    format!("sb_warn_{n}")
}

fn clean(n: usize) -> String {
    format!("sb_nowarn_{n}")
}

/// Generates `bench-gen/warnings`: per N, `sb_warn_N` and `sb_nowarn_N`. Returns the warnings
/// the rules report for each `sb_warn_N`.
pub fn generate_workspace(
    paths: &Paths,
    sizes: &[usize],
) -> Result<(Workspace, BTreeMap<usize, usize>)> {
    let mut members = Members::new(paths, "warnings");
    let mut expected = BTreeMap::new();
    for &n in sizes {
        let case = warnings::case(n, SEED);
        members.add(
            &warned(n),
            "",
            &[("src/lib.rs", &render::one_invocation_crate(&case.warned))],
        )?;
        members.add(
            &clean(n),
            "",
            &[("src/lib.rs", &render::one_invocation_crate(&case.clean))],
        )?;
        expected.insert(n, case.warnings);
    }
    Ok((members.finish()?, expected))
}

/// The warnings rustc printed (each starts a line `warning: use of deprecated ...`, the form
/// the macro gives its findings).
fn count_warnings(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning: use of deprecated"))
        .count()
}

/// Runs `warnings` and writes `warnings.json` (or, with `generate_only`, writes the workspace,
/// builds the dependencies and prints its folder).
pub fn run(
    paths: &Paths,
    reps: usize,
    sizes: Option<Vec<usize>>,
    generate_only: bool,
) -> Result<()> {
    let sizes = sizes.unwrap_or_else(|| DEFAULT_SIZES.to_vec());
    let (ws, expected) = generate_workspace(paths, &sizes)?;
    let packages: Vec<String> = sizes.iter().flat_map(|&n| [warned(n), clean(n)]).collect();
    eprintln!("warming: building the dependencies and every generated crate once");
    workspace::warm(&ws, &packages)?;
    if generate_only {
        for (n, w) in &expected {
            eprintln!("{}: {w} warnings expected", warned(*n));
        }
        println!("{}", ws.dir.display());
        return Ok(());
    }
    let (conditions, rows) = sys::measured(reps, || {
        let mut wall: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut cpu: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut reported: BTreeMap<&str, usize> = BTreeMap::new();
        for rep in 0..reps {
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
                let count = count_warnings(&b.run.stderr);
                eprintln!(
                    "  rep {rep}: {package}: {:.0} ms (CPU {:.0} ms), {count} warnings",
                    b.run.ms, b.cpu_ms
                );
                wall.entry(package).or_default().push(b.run.ms);
                cpu.entry(package).or_default().push(b.cpu_ms);
                reported.insert(package, count);
            }
        }
        sizes
            .iter()
            .map(|&n| {
                let (w, c) = (warned(n), clean(n));
                let (warned_ms, clean_ms) = (Summary::of(&wall[&*w]), Summary::of(&wall[&*c]));
                let (warned_cpu_ms, clean_cpu_ms) =
                    (Summary::of(&cpu[&*w]), Summary::of(&cpu[&*c]));
                if reported[&*c] != 0 {
                    return Err(format!("{c} printed {} warnings", reported[&*c]));
                }
                let warnings = expected[&n];
                Ok(WarningsSize {
                    n,
                    warnings_expected: warnings,
                    warnings_reported: reported[&*w],
                    ratio: warned_ms.median / clean_ms.median,
                    cpu_ratio: warned_cpu_ms.median / clean_cpu_ms.median,
                    cpu_ms_per_warning: (warned_cpu_ms.median - clean_cpu_ms.median)
                        / warnings.max(1) as f64,
                    warned_ms,
                    clean_ms,
                    warned_cpu_ms,
                    clean_cpu_ms,
                })
            })
            .collect::<Result<Vec<_>>>()
    })?;
    let file = paths.results.join("warnings.json");
    sys::write_json(
        &file,
        &WarningsResults {
            conditions,
            sizes: rows,
        },
    )?;
    eprintln!("wrote {}", file.display());
    Ok(())
}
