//! `report`: BENCHMARKS.md's tables, rendered from the typed results in `results/` and written
//! between the `<!-- results:begin -->` and `<!-- results:end -->` markers (or printed).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::results::{
    ColdResults, CompileResults, Conditions, CriterionResults, Estimate, ProcessResults,
    ProfileResults, ToolKind, WarningsResults,
};
use super::sys;
use super::{Paths, Result};

/// Every results file, each absent when not measured (yet).
struct AllResults {
    compile: Option<CompileResults>,
    profile: Option<ProfileResults>,
    cold: Option<ColdResults>,
    warnings: Option<WarningsResults>,
    process: Option<ProcessResults>,
    criterion: Option<CriterionResults>,
}

/// Reads `name` from the results folder: `None` when absent, an error when unreadable (a file
/// that no longer matches its type is a bug to fix, not a table to skip).
fn read<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<Option<T>> {
    let path = dir.join(name);
    if path.exists() {
        sys::read_json(&path).map(Some)
    } else {
        Ok(None)
    }
}

/// Runs `report`.
pub fn run(paths: &Paths, print: bool) -> Result<()> {
    let dir = &paths.results;
    let all = AllResults {
        compile: read(dir, "compile.json")?,
        profile: read(dir, "macro-profile.json")?,
        cold: read(dir, "cold.json")?,
        warnings: read(dir, "warnings.json")?,
        process: read(dir, "process.json")?,
        criterion: read(dir, "criterion.json")?,
    };
    let text = render(&all);
    if print {
        println!("{text}");
        return Ok(());
    }
    let path = paths.repo.join("BENCHMARKS.md");
    let doc = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (begin, end) = ("<!-- results:begin -->", "<!-- results:end -->");
    let (Some(a), Some(b)) = (doc.find(begin), doc.find(end)) else {
        return Err(format!("{} has no {begin} … {end} markers", path.display()));
    };
    let updated = format!("{}{begin}\n{text}\n{}", &doc[..a], &doc[b..]);
    sys::write(&path, &updated)?;
    eprintln!("updated {}", path.display());
    Ok(())
}

fn mark(ok: bool) -> &'static str {
    if ok { "met" } else { "**missed**" }
}

fn render(all: &AllResults) -> String {
    let mut out = String::new();
    let machine = all
        .compile
        .as_ref()
        .map(|c| &c.conditions.machine)
        .or(all.process.as_ref().map(|p| &p.conditions.machine));
    if let Some(m) = machine {
        let _ = write!(
            out,
            "Machine: {} × {} cores, {:?} GiB, {}; {}; {}; Node {}.\n\n",
            m.cpu, m.cores, m.memory_gib, m.kernel, m.rustc, m.cargo, m.node,
        );
    }
    let labelled = [
        ("compile", all.compile.as_ref().map(|c| &c.conditions)),
        ("process", all.process.as_ref().map(|p| &p.conditions)),
    ];
    for (label, conditions) in labelled {
        if let Some(c) = conditions {
            out.push_str(&load_line(label, c));
        }
    }
    if let Some(c) = &all.compile {
        render_macro_cost(&mut out, c);
        if let Some(p) = &all.profile {
            render_profile(&mut out, p);
        }
        render_error_path(&mut out, c);
    }
    if let Some(c) = &all.cold {
        render_cold(&mut out, c);
    }
    if let Some(w) = &all.warnings {
        render_warnings(&mut out, w);
    }
    if let Some(p) = &all.process {
        render_process(&mut out, p);
    }
    if let Some(c) = &all.criterion {
        render_criterion(&mut out, c);
    }
    out
}

fn load_line(label: &str, c: &Conditions) -> String {
    format!(
        "Load while measuring ({label}): 1-min load average {:?} before, {:?} after, {} at the start of each repetition (median, min–max); rustc processes {} before, {} after; {} repetitions, results are median (min–max).\n\n",
        c.load_before.one_minute(),
        c.load_after.one_minute(),
        c.load_during.as_ref().map_or("—".to_owned(), |l| l.show(2)),
        c.load_before.rustc_processes,
        c.load_after.rustc_processes,
        c.reps,
    )
}

fn render_macro_cost(out: &mut String, c: &CompileResults) {
    let mc = &c.macro_cost;
    out.push_str("### Macro cost (debug build of the generated crate from clean, dependencies built; ms of `cargo build`, median (min–max): wall time, and CPU time (user + system of cargo and everything it ran))\n\n");
    out.push_str("| N profiles | `security_profile!` wall | hand-written wall | ratio | overhead ms/profile | `security_profile!` CPU | hand-written CPU | ratio | overhead ms/profile |\n|---|---|---|---|---|---|---|---|---|\n");
    for s in &mc.sizes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2}x | {:.2} | {} | {} | {:.2}x | {:.2} |",
            s.n,
            s.macro_ms.show(0),
            s.hand_ms.show(0),
            s.ratio,
            s.overhead_ms_per_profile,
            s.macro_cpu_ms.show(0),
            s.hand_cpu_ms.show(0),
            s.cpu_ratio,
            s.cpu_overhead_ms_per_profile,
        );
    }
    if let Some(m) = &mc.marginal {
        let _ = writeln!(
            out,
            "\nMarginal cost per profile from N={} to N={}: **{:.2} ms** with the macro; {:.2} ms hand-written.",
            m.from, m.to, m.macro_ms_per_profile, m.hand_ms_per_profile,
        );
    }
    if let Some(last) = mc.sizes.last() {
        let marginal = mc.marginal.as_ref().map_or(String::new(), |m| {
            format!(
                " (the whole macro build's marginal cost, N={}→{}: {:.2} ms per profile)",
                m.from, m.to, m.macro_ms_per_profile
            )
        });
        let _ = writeln!(
            out,
            "\nTargets at N={n}: at most 1.5x hand-written — CPU {cpu_ratio:.2}x, {}; wall {ratio:.2}x, {}; at most 1 ms per profile of macro overhead ((macro − hand-written) ÷ N) — CPU {cpu_overhead:.2} ms, {}; wall {overhead:.2} ms, {}{marginal}.",
            mark(last.cpu_ratio <= 1.5),
            mark(last.ratio <= 1.5),
            mark(last.cpu_overhead_ms_per_profile <= 1.0),
            mark(last.overhead_ms_per_profile <= 1.0),
            n = last.n,
            cpu_ratio = last.cpu_ratio,
            ratio = last.ratio,
            cpu_overhead = last.cpu_overhead_ms_per_profile,
            overhead = last.overhead_ms_per_profile,
        );
    }
}

fn render_profile(out: &mut String, profile: &ProfileResults) {
    let _ = write!(
        out,
        "\nWhere the time goes (perf samples of each N={} build, percent; rustc crates by the symbol's first `rustc_*` path):\n\n",
        profile.n
    );
    let n = profile.n;
    let empty = BTreeMap::new();
    let buckets: Vec<&BTreeMap<String, f64>> = ["sb_macro", "sb_hand"]
        .iter()
        .map(|c| {
            profile
                .buckets_percent
                .get(&format!("{c}_{n}"))
                .unwrap_or(&empty)
        })
        .collect();
    let mut all: BTreeMap<&String, f64> = BTreeMap::new();
    for b in &buckets {
        for (k, v) in *b {
            *all.entry(k).or_default() += v;
        }
    }
    let mut rows: Vec<(&String, f64)> = all.into_iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    out.push_str("| samples in | macro | hand-written |\n|---|---|---|\n");
    for (k, _) in rows.iter().take(14) {
        let _ = write!(out, "| {k} |");
        for b in &buckets {
            let _ = write!(out, " {:.1} |", b.get(*k).copied().unwrap_or(0.0).max(0.0));
        }
        out.push('\n');
    }
}

fn render_error_path(out: &mut String, c: &CompileResults) {
    let e = &c.error_path;
    let _ = writeln!(
        out,
        "\n### Error path\n\n| crate | build ms | errors reported | with a suggestion |\n|---|---|---|---|\n| {} typos (one per profile) | {} | {} | {} |\n| the same crate fixed | {} | — | — |\n\nRatio: {:.2}x the fixed build.",
        e.typos,
        e.with_typos_ms.show(0),
        e.errors_reported,
        e.suggestions,
        e.fixed_ms.show(0),
        e.ratio,
    );
}

fn render_cold(out: &mut String, c: &ColdResults) {
    let (sb, bare) = (&c.switchboard, &c.bare_proc_macro);
    let _ = write!(
        out,
        "\n### Cold build (empty target directory, debug, {} repetitions)\n\n",
        c.conditions.reps
    );
    match (&sb.cpu_ms, &bare.cpu_ms) {
        (Some(sb_cpu), Some(bare_cpu)) => {
            let _ = write!(
                out,
                "| crate | wall ms | CPU ms |\n|---|---|---|\n| switchboard and all its dependencies | {} | {} |\n| a proc-macro crate on the same syn/quote/proc-macro2 only | {} | {} |\n\nRatio: {:.2}x wall, {:.2}x CPU. ",
                sb.wall_ms.show(0),
                sb_cpu.show(0),
                bare.wall_ms.show(0),
                bare_cpu.show(0),
                c.ratio,
                c.cpu_ratio.unwrap_or(f64::NAN),
            );
        }
        _ => {
            let _ = write!(
                out,
                "| crate | wall ms |\n|---|---|\n| switchboard and all its dependencies | {} |\n| a proc-macro crate on the same syn/quote/proc-macro2 only | {} |\n\nRatio: {:.2}x. ",
                sb.wall_ms.show(0),
                bare.wall_ms.show(0),
                c.ratio,
            );
        }
    }
    let _ = write!(
        out,
        "Target: at most 2.5x — {}.\n\nWhere the switchboard build goes (cargo `--timings`, median ms per unit):\n\n",
        mark(c.ratio <= 2.5)
    );
    let mut rows: Vec<(&String, f64)> = sb.units_ms.iter().map(|(k, v)| (k, v.median)).collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    out.push_str("| unit | ms |\n|---|---|\n");
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {v:.0} |");
    }
}

fn render_warnings(out: &mut String, w: &WarningsResults) {
    let _ = write!(
        out,
        "\n### Warnings (one `security_profile!` of N profiles with two warnings each, against the same without; debug build from clean, dependencies built; ms, median (min–max), {} repetitions)\n\n",
        w.conditions.reps
    );
    out.push_str("| N profiles | warnings | with warnings, wall | without, wall | ratio | with warnings, CPU | without, CPU | ratio | CPU ms per warning |\n|---|---|---|---|---|---|---|---|---|\n");
    for s in &w.sizes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.2}x | {} | {} | {:.2}x | {:.2} |",
            s.n,
            s.warnings_reported,
            s.warned_ms.show(0),
            s.clean_ms.show(0),
            s.ratio,
            s.warned_cpu_ms.show(0),
            s.clean_cpu_ms.show(0),
            s.cpu_ratio,
            s.cpu_ms_per_warning,
        );
    }
    if let Some(last) = w.sizes.last() {
        let _ = writeln!(
            out,
            "\nTarget at N={}: with warnings at most 2x without — CPU {:.2}x, {}; wall {:.2}x, {}.",
            last.n,
            last.cpu_ratio,
            mark(last.cpu_ratio <= 2.0),
            last.ratio,
            mark(last.ratio <= 2.0),
        );
    }
}

fn render_process(out: &mut String, p: &ProcessResults) {
    let _ = write!(
        out,
        "\n### Synthesis, whole process ({} permissions per profile, {} profiles per stack; wall ms and peak RSS MB, median (min–max))\n\n",
        p.permissions_per_profile, p.profiles_per_stack
    );
    out.push_str("| program |");
    for s in &p.sizes {
        let _ = write!(out, " N={} ({} stacks) |", s.n, s.stacks);
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(p.sizes.len()));
    out.push('\n');
    for kind in ToolKind::ALL {
        // A program absent from older results has no row.
        if p.sizes.iter().all(|s| s.tools.get(kind).is_none()) {
            continue;
        }
        let label = p
            .sizes
            .first()
            .and_then(|s| s.tools.get(kind))
            .map_or(kind.label(), |t| t.label.as_str());
        let _ = write!(out, "| {label} |");
        for s in &p.sizes {
            match s.tools.get(kind) {
                Some(t) => {
                    let decimals = if t.wall_ms.median < 100.0 { 1 } else { 0 };
                    let _ = write!(
                        out,
                        " {} ms<br>{} MB |",
                        t.wall_ms.show(decimals),
                        t.peak_rss_mb.show(1)
                    );
                }
                None => out.push_str(" — |"),
            }
        }
        out.push('\n');
    }
    out.push_str("\n| ratio |");
    for s in &p.sizes {
        let _ = write!(out, " N={} |", s.n);
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(p.sizes.len()));
    out.push('\n');
    type Pick = fn(&super::results::Ratios) -> Option<f64>;
    let rows: [(&str, Pick, &str); 8] = [
        (
            "CDK validation off ÷ switchboard (wall)",
            |r| Some(r.cdk_off_over_switchboard_wall),
            "x",
        ),
        (
            "CDK default ÷ switchboard (wall)",
            |r| Some(r.cdk_default_over_switchboard_wall),
            "x",
        ),
        (
            "CDK validation off ÷ switchboard debug build (wall)",
            |r| Some(r.cdk_off_over_switchboard_debug_wall),
            "x",
        ),
        (
            "switchboard ÷ CDK validation off (peak memory)",
            |r| Some(r.switchboard_over_cdk_off_rss),
            "",
        ),
        (
            "switchboard ÷ serde_json floor (wall)",
            |r| Some(r.switchboard_over_floor_wall),
            "x",
        ),
        (
            "switchboard ÷ serde_json floor (peak memory)",
            |r| Some(r.switchboard_over_floor_rss),
            "x",
        ),
        (
            "switchboard ÷ serde_json floor from static data (wall; neither parses a job)",
            |r| r.switchboard_over_floor_consts_wall,
            "x",
        ),
        (
            "switchboard ÷ serde_json floor from static data (peak memory)",
            |r| r.switchboard_over_floor_consts_rss,
            "x",
        ),
    ];
    for (label, pick, suffix) in rows {
        if p.sizes.iter().all(|s| pick(&s.ratios).is_none()) {
            continue;
        }
        let _ = write!(out, "| {label} |");
        for s in &p.sizes {
            match pick(&s.ratios) {
                Some(v) => {
                    let _ = write!(out, " {v:.2}{suffix} |");
                }
                None => out.push_str(" — |"),
            }
        }
        out.push('\n');
    }
    if let Some(s) = p.sizes.iter().find(|s| s.n == 1000) {
        let r = &s.ratios;
        let _ = write!(
            out,
            "\nTargets at N=1000: at least 50x faster than the CDK with validation off — {:.1}x, {}; at most a tenth of its peak memory — {:.3}, {}; within 2x of the serde_json floor (whole process) — {:.2}x, {}",
            r.cdk_off_over_switchboard_wall,
            mark(r.cdk_off_over_switchboard_wall >= 50.0),
            r.switchboard_over_cdk_off_rss,
            mark(r.switchboard_over_cdk_off_rss <= 0.1),
            r.switchboard_over_floor_wall,
            mark(r.switchboard_over_floor_wall <= 2.0),
        );
        if let Some(like) = r.switchboard_over_floor_consts_wall {
            let _ = write!(
                out,
                "; like for like, against the floor from static data — {like:.2}x, {}",
                mark(like <= 2.0)
            );
        }
        out.push_str(".\n");
    }
}

fn render_criterion(out: &mut String, c: &CriterionResults) {
    let mut sizes: Vec<usize> = c.estimates.iter().map(|r| r.n).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let find = |group: &str, function: &str, n: usize| {
        c.estimates
            .iter()
            .find(|r| r.group == group && r.function == function && r.n == n)
    };
    out.push_str(
        "\n### Synthesis in process (criterion; median ms with its 95% confidence interval)\n\n| N | `App::assembly()` (bytes in memory) | floor, in memory | ratio | `App::synth()` (to disk) | floor, to disk | ratio |\n|---|---|---|---|---|---|---|\n",
    );
    let cell = |r: Option<&Estimate>| {
        r.map_or("—".to_owned(), |r| {
            format!("{:.3} ({:.3}–{:.3})", r.median_ms, r.low_ms, r.high_ms)
        })
    };
    let ratio = |a: Option<&Estimate>, b: Option<&Estimate>| match (a, b) {
        (Some(a), Some(b)) => format!("{:.2}x", a.median_ms / b.median_ms),
        _ => "—".to_owned(),
    };
    for n in sizes {
        let (am, af) = (
            find("assembly", "switchboard", n),
            find("assembly", "floor", n),
        );
        let (sm, sf) = (find("synth", "switchboard", n), find("synth", "floor", n));
        let _ = writeln!(
            out,
            "| {n} | {} | {} | {} | {} | {} | {} |",
            cell(am),
            cell(af),
            ratio(am, af),
            cell(sm),
            cell(sf),
            ratio(sm, sf)
        );
    }
}
