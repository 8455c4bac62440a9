//! `criterion`: collects the estimates of `cargo bench -p switchboard-bench --bench synth`
//! (`target/criterion/{assembly,synth}/{switchboard,floor}/N/new/estimates.json`) into
//! `criterion.json`.

use serde::Deserialize;

use super::results::{CriterionResults, Estimate};
use super::sys;
use super::{Paths, Result};

/// The part of criterion's `estimates.json` read here.
#[derive(Deserialize)]
struct Estimates {
    median: PointEstimate,
}

#[derive(Deserialize)]
struct PointEstimate {
    point_estimate: f64,
    confidence_interval: Interval,
}

#[derive(Deserialize)]
struct Interval {
    lower_bound: f64,
    upper_bound: f64,
}

/// Runs `criterion` and writes `criterion.json`: the estimates of `sizes` (every size found
/// when `None`).
pub fn run(paths: &Paths, sizes: Option<Vec<usize>>) -> Result<()> {
    let root = paths.target().join("criterion");
    let mut estimates = Vec::new();
    for group in ["assembly", "synth"] {
        for function in ["switchboard", "floor"] {
            let Ok(entries) = std::fs::read_dir(root.join(group).join(function)) else {
                continue;
            };
            for e in entries.filter_map(|e| e.ok()) {
                // Only the sizes of this run: the target directory may hold others.
                let Ok(n) = e.file_name().to_string_lossy().parse::<usize>() else {
                    continue;
                };
                if sizes.as_ref().is_some_and(|s| !s.contains(&n)) {
                    continue;
                }
                let est: Estimates = sys::read_json(&e.path().join("new/estimates.json"))?;
                let m = est.median;
                estimates.push(Estimate {
                    group: group.to_owned(),
                    function: function.to_owned(),
                    n,
                    median_ms: m.point_estimate / 1e6,
                    low_ms: m.confidence_interval.lower_bound / 1e6,
                    high_ms: m.confidence_interval.upper_bound / 1e6,
                });
            }
        }
    }
    if estimates.is_empty() {
        return Err(format!("no criterion estimates under {}", root.display()));
    }
    estimates.sort_by(|a, b| (&a.group, a.n, &a.function).cmp(&(&b.group, b.n, &b.function)));
    let file = paths.results.join("criterion.json");
    sys::write_json(
        &file,
        &CriterionResults {
            machine: sys::machine(),
            load_after: sys::load(),
            estimates,
        },
    )?;
    eprintln!("wrote {}", file.display());
    Ok(())
}
