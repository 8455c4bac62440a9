//! `compile`: the macro's cost (the generated profiles through `security_profile!` against the
//! same constants written by hand) and the error path (a typo in every profile).

use std::collections::BTreeMap;

use serde::Serialize;
use switchboard_bench::generate::{self, Generated, PresetChoice};
use switchboard_bench::render::{self, Typo};
use switchboard_bench::rng::Rng;
use switchboard_bench::stats::Summary;

use super::results::{CompileResults, ErrorPath, MacroCost, MacroSize, Marginal};
use super::sys::{self, sample_load, summarize, tail};
use super::workspace::{self, Members, Workspace, clean_build};
use super::{Paths, Result};

/// The sizes measured unless told otherwise.
pub const DEFAULT_SIZES: [usize; 2] = [100, 1000];

/// One misspelling, as recorded next to the crate.
#[derive(Serialize)]
struct TypoRecord<'a> {
    profile: &'a str,
    correct: &'a str,
    written: &'a str,
}

/// Generates `bench-gen/compile`: per N, `sb_macro_N` and `sb_hand_N`; for the smallest N,
/// `sb_typos_N` and the equivalence check `sb_equiv_N`.
pub fn generate_workspace(
    paths: &Paths,
    sizes: &[usize],
) -> Result<(Workspace, BTreeMap<usize, Generated>)> {
    let mut members = Members::new(paths, "compile");
    let mut generated = BTreeMap::new();
    for &n in sizes {
        let g = generate::generate(n, switchboard_bench::SEED);
        for (kind, source) in [
            ("macro", render::macro_crate(&g, &[])),
            ("hand", render::hand_crate(&g)),
        ] {
            members.add(&format!("sb_{kind}_{n}"), "", &[("src/lib.rs", &source)])?;
        }
        generated.insert(n, g);
    }
    // Error path: the smallest size, one misspelled permission in each profile.
    let n = sizes[0];
    let g = &generated[&n];
    let mut rng = Rng::new(switchboard_bench::SEED ^ 0x7970_6f73);
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
    members.add(
        &name,
        "",
        &[("src/lib.rs", &render::macro_crate(g, &typos))],
    )?;
    let records: Vec<TypoRecord<'_>> = typos
        .iter()
        .map(|t| TypoRecord {
            profile: &g.profiles[t.profile].ident,
            correct: g.profiles[t.profile].permissions[t.index],
            written: &t.as_written,
        })
        .collect();
    sys::write_json(&members.dir().join(&name).join("typos.json"), &records)?;
    // Equivalence check: the macro's constants equal the hand-written ones.
    let deps = format!(
        "sb_macro_{n} = {{ path = \"../sb_macro_{n}\" }}\nsb_hand_{n} = {{ path = \"../sb_hand_{n}\" }}\n"
    );
    let source = render::equivalence_main(g, &format!("sb_macro_{n}"), &format!("sb_hand_{n}"));
    members.add(&format!("sb_equiv_{n}"), &deps, &[("src/main.rs", &source)])?;
    Ok((members.finish()?, generated))
}

fn count_errors(stderr: &str) -> (usize, usize) {
    let errors = stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: could not compile"))
        .count();
    let suggestions = stderr.matches("did you mean").count();
    (errors, suggestions)
}

/// Wall, rustc and CPU samples of each package.
#[derive(Default)]
struct Samples {
    wall: BTreeMap<String, Vec<f64>>,
    rustc: BTreeMap<String, Vec<f64>>,
    cpu: BTreeMap<String, Vec<f64>>,
}

/// Runs `compile` and writes `compile.json`.
pub fn run(paths: &Paths, reps: usize, sizes: Option<Vec<usize>>) -> Result<()> {
    let sizes = sizes.unwrap_or_else(|| DEFAULT_SIZES.to_vec());
    eprintln!(
        "generating crates for N = {sizes:?} in {}",
        paths.work.display()
    );
    let (ws, generated) = generate_workspace(paths, &sizes)?;
    let small = sizes[0];
    let (conditions, (macro_cost, error_path)) = sys::measured(reps, || {
        eprintln!("warming: building the dependencies and every generated crate once");
        let packages: Vec<String> = sizes
            .iter()
            .flat_map(|n| [format!("sb_macro_{n}"), format!("sb_hand_{n}")])
            .collect();
        workspace::warm(&ws, &packages)?;
        sys::must(ws.cargo().args(["run", "-p", &format!("sb_equiv_{small}")]))
            .map_err(|e| format!("the macro's and the hand-written constants differ: {e}"))?;
        let macro_cost = macro_cost(&ws, &sizes, &generated, &packages, reps)?;
        let error_path = error_path(paths, &ws, small, reps)?;
        Ok((macro_cost, error_path))
    })?;
    let result = CompileResults {
        conditions,
        profiles_per_invocation: render::PROFILES_PER_INVOCATION,
        macro_cost,
        error_path,
    };
    let file = paths.results.join("compile.json");
    sys::write_json(&file, &result)?;
    eprintln!("wrote {}", file.display());
    Ok(())
}

/// Macro against hand-written, each size, interleaved, rotating the order.
fn macro_cost(
    ws: &Workspace,
    sizes: &[usize],
    generated: &BTreeMap<usize, Generated>,
    packages: &[String],
    reps: usize,
) -> Result<MacroCost> {
    let mut s = Samples::default();
    for rep in 0..reps {
        sample_load();
        for k in 0..packages.len() {
            let package = &packages[(k + rep) % packages.len()];
            let b = clean_build(ws, package)?;
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
            s.wall.entry(package.clone()).or_default().push(b.run.ms);
            s.rustc.entry(package.clone()).or_default().push(b.rustc_ms);
            s.cpu.entry(package.clone()).or_default().push(b.cpu_ms);
        }
    }
    let (wall, rustc, cpu) = (summarize(&s.wall), summarize(&s.rustc), summarize(&s.cpu));
    let of = |m: &BTreeMap<String, Summary>, kind: &str, n: usize| -> Summary {
        m[&format!("sb_{kind}_{n}")].clone()
    };
    let rows = sizes
        .iter()
        .map(|&n| {
            let (m, h) = (of(&wall, "macro", n), of(&wall, "hand", n));
            let (mc, hc) = (of(&cpu, "macro", n), of(&cpu, "hand", n));
            let g = &generated[&n];
            MacroSize {
                n,
                cpu_ratio: mc.median / hc.median,
                cpu_overhead_ms_per_profile: (mc.median - hc.median) / n as f64,
                ratio: m.median / h.median,
                overhead_ms_per_profile: (m.median - h.median) / n as f64,
                macro_rustc_ms: of(&rustc, "macro", n),
                hand_rustc_ms: of(&rustc, "hand", n),
                macro_ms: m,
                hand_ms: h,
                macro_cpu_ms: mc,
                hand_cpu_ms: hc,
                explicit_permissions: g.profiles.iter().map(|p| p.permissions.len()).sum(),
                final_permissions: g
                    .profiles
                    .iter()
                    .map(|p| p.resolved.permissions.len())
                    .sum(),
                custom_preset_uses: g
                    .profiles
                    .iter()
                    .filter(|p| {
                        p.presets
                            .iter()
                            .any(|c| matches!(c, PresetChoice::Custom(_)))
                    })
                    .count(),
            }
        })
        .collect();
    let (small, large) = (sizes[0], *sizes.last().expect("sizes"));
    let marginal = (sizes.len() > 1).then(|| {
        let dn = (large - small) as f64;
        let per = |kind: &str| (of(&wall, kind, large).median - of(&wall, kind, small).median) / dn;
        Marginal {
            from: small,
            to: large,
            macro_ms_per_profile: per("macro"),
            hand_ms_per_profile: per("hand"),
        }
    });
    Ok(MacroCost {
        sizes: rows,
        marginal,
        wall_ms: wall,
        rustc_ms: rustc,
    })
}

/// The crate with a typo in each profile against the same crate fixed.
fn error_path(paths: &Paths, ws: &Workspace, small: usize, reps: usize) -> Result<ErrorPath> {
    let typos = format!("sb_typos_{small}");
    let fixed = format!("sb_macro_{small}");
    let mut err_ms = Vec::new();
    let mut fixed_ms = Vec::new();
    let mut reported = (0, 0);
    let mut sample = String::new();
    for rep in 0..reps {
        sample_load();
        let order = if rep % 2 == 0 {
            [&typos, &fixed]
        } else {
            [&fixed, &typos]
        };
        for package in order {
            let r = clean_build(ws, package)?.run;
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
    sys::write(
        &paths.results.join("error-path-sample.txt"),
        &(sample + "\n"),
    )?;
    let (with_typos_ms, fixed_ms) = (Summary::of(&err_ms), Summary::of(&fixed_ms));
    Ok(ErrorPath {
        krate: typos,
        typos: small,
        errors_reported: reported.0,
        suggestions: reported.1,
        ratio: with_typos_ms.median / fixed_ms.median,
        with_typos_ms,
        fixed_ms,
    })
}
