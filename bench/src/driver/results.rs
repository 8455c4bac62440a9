//! What each subcommand writes to `results/*.json`, and what the report reads back: one type
//! per file, so a field the report reads is a field the writer filled (a misspelled name does
//! not compile). Fields added after results were first committed are `Option`, so older files
//! still read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use switchboard_bench::stats::Summary;

/// The machine the numbers were measured on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Machine {
    /// CPU model name.
    pub cpu: String,
    /// Processors available.
    pub cores: usize,
    /// Memory.
    pub memory_gib: f64,
    /// `uname -sr`.
    pub kernel: String,
    /// `rustc -V`.
    pub rustc: String,
    /// `cargo -V`.
    pub cargo: String,
    /// `node -v`.
    pub node: String,
}

/// The machine's load at one moment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Load {
    /// 1-, 5- and 15-minute load averages.
    pub loadavg: Vec<f64>,
    /// `rustc` processes running.
    pub rustc_processes: usize,
}

impl Load {
    /// The 1-minute load average.
    pub fn one_minute(&self) -> f64 {
        self.loadavg.first().copied().unwrap_or(f64::NAN)
    }
}

/// When and under what load a subcommand measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Conditions {
    /// The machine.
    pub machine: Machine,
    /// Load before the first measurement.
    pub load_before: Load,
    /// Load after the last.
    pub load_after: Load,
    /// The 1-minute load average at the start of each repetition.
    pub load_during: Option<Summary>,
    /// Repetitions of each measurement.
    pub reps: usize,
}

/// `compile.json`: macro cost and error path.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompileResults {
    /// Machine and load.
    #[serde(flatten)]
    pub conditions: Conditions,
    /// Profiles per `security_profile!` invocation in the generated crates.
    pub profiles_per_invocation: usize,
    /// The macro crate against the hand-written one.
    pub macro_cost: MacroCost,
    /// The crate with a typo in each profile against the same crate fixed.
    pub error_path: ErrorPath,
}

/// The macro's cost at each size.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MacroCost {
    /// One row per N.
    pub sizes: Vec<MacroSize>,
    /// Marginal cost per profile between the smallest and the largest N (absent with one N).
    pub marginal: Option<Marginal>,
    /// Wall time of each generated crate's build, by package.
    pub wall_ms: BTreeMap<String, Summary>,
    /// rustc's own time for each crate (`cargo build --timings`), by package.
    pub rustc_ms: BTreeMap<String, Summary>,
}

/// The macro crate against the hand-written crate at one N.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MacroSize {
    /// Profiles.
    pub n: usize,
    /// Wall time, macro crate.
    pub macro_ms: Summary,
    /// Wall time, hand-written crate.
    pub hand_ms: Summary,
    /// rustc's time, macro crate.
    pub macro_rustc_ms: Summary,
    /// rustc's time, hand-written crate.
    pub hand_rustc_ms: Summary,
    /// CPU time (user + system of cargo and all it ran), macro crate.
    pub macro_cpu_ms: Summary,
    /// CPU time, hand-written crate.
    pub hand_cpu_ms: Summary,
    /// Macro ÷ hand-written, CPU medians.
    pub cpu_ratio: f64,
    /// (macro − hand-written) ÷ N, CPU medians.
    pub cpu_overhead_ms_per_profile: f64,
    /// Macro ÷ hand-written, wall medians.
    pub ratio: f64,
    /// (macro − hand-written) ÷ N, wall medians.
    pub overhead_ms_per_profile: f64,
    /// Permissions written in the profiles.
    pub explicit_permissions: usize,
    /// Permissions of the final profiles (presets, groups, implied Views).
    pub final_permissions: usize,
    /// Profiles that use a custom preset.
    pub custom_preset_uses: usize,
}

/// What one more profile costs, between two sizes (wall medians).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Marginal {
    /// The smaller N.
    pub from: usize,
    /// The larger N.
    pub to: usize,
    /// Macro crate, ms per profile.
    pub macro_ms_per_profile: f64,
    /// Hand-written crate, ms per profile.
    pub hand_ms_per_profile: f64,
}

/// The error path.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorPath {
    /// The crate with the typos.
    #[serde(rename = "crate")]
    pub krate: String,
    /// Typos written (one per profile).
    pub typos: usize,
    /// Errors rustc reported.
    pub errors_reported: usize,
    /// Of those, with a "did you mean" suggestion.
    pub suggestions: usize,
    /// The failing build.
    pub with_typos_ms: Summary,
    /// The same crate fixed.
    pub fixed_ms: Summary,
    /// Failing ÷ fixed, medians.
    pub ratio: f64,
}

/// `cold.json`: switchboard and a bare proc-macro crate, each built into an empty target
/// directory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ColdResults {
    /// Machine and load.
    #[serde(flatten)]
    pub conditions: Conditions,
    /// A library depending on switchboard with its default features.
    pub switchboard: ColdBuild,
    /// A proc-macro crate on the same syn/quote/proc-macro2 versions and features.
    pub bare_proc_macro: ColdBuild,
    /// switchboard ÷ bare, wall medians.
    pub ratio: f64,
    /// switchboard ÷ bare, CPU medians (absent in results measured before CPU time was).
    pub cpu_ratio: Option<f64>,
}

/// One crate's cold builds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ColdBuild {
    /// The package built.
    pub package: String,
    /// Wall time of `cargo build`.
    pub wall_ms: Summary,
    /// CPU time of `cargo build` and all it ran (absent in results measured before).
    pub cpu_ms: Option<Summary>,
    /// rustc's time per unit (`cargo build --timings`), by unit (`name` or `name mode`).
    pub units_ms: BTreeMap<String, Summary>,
}

/// `warnings.json`: one invocation of N profiles with about two warnings each, against the
/// same invocation without warnings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WarningsResults {
    /// Machine and load.
    #[serde(flatten)]
    pub conditions: Conditions,
    /// One row per N.
    pub sizes: Vec<WarningsSize>,
}

/// The warnings case at one N.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WarningsSize {
    /// Profiles in the invocation.
    pub n: usize,
    /// Warnings the rules report for the warned crate.
    pub warnings_expected: usize,
    /// Warnings cargo printed for it.
    pub warnings_reported: usize,
    /// Wall time, with warnings.
    pub warned_ms: Summary,
    /// Wall time, without.
    pub clean_ms: Summary,
    /// CPU time, with warnings.
    pub warned_cpu_ms: Summary,
    /// CPU time, without.
    pub clean_cpu_ms: Summary,
    /// With ÷ without, wall medians.
    pub ratio: f64,
    /// With ÷ without, CPU medians.
    pub cpu_ratio: f64,
    /// (with − without) ÷ warnings, CPU medians, in ms.
    pub cpu_ms_per_warning: f64,
}

/// `process.json`: whole-process synthesis.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProcessResults {
    /// Machine and load.
    #[serde(flatten)]
    pub conditions: Conditions,
    /// Profiles per stack of the job.
    pub profiles_per_stack: usize,
    /// Permissions per profile of the job.
    pub permissions_per_profile: usize,
    /// Build times of the generated programs, by N.
    pub consts_binaries_build_ms: BTreeMap<usize, BTreeMap<String, f64>>,
    /// One row per N.
    pub sizes: Vec<ProcessSize>,
}

/// Every program at one N.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProcessSize {
    /// Profiles.
    pub n: usize,
    /// Stacks.
    pub stacks: usize,
    /// Each program's numbers.
    pub tools: Tools,
    /// The ratios the targets are judged on.
    pub ratios: Ratios,
}

/// The programs of the whole-process comparison (see [`ToolKind`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tools {
    /// [`ToolKind::SwitchboardRelease`].
    pub switchboard_release: ToolResult,
    /// [`ToolKind::SwitchboardDebug`].
    pub switchboard_debug: ToolResult,
    /// [`ToolKind::SwitchboardBuilder`].
    pub switchboard_builder: ToolResult,
    /// [`ToolKind::Floor`].
    pub floor: ToolResult,
    /// [`ToolKind::FloorConsts`] (absent in results measured before it existed).
    pub floor_consts: Option<ToolResult>,
    /// [`ToolKind::CdkValidationOff`].
    pub cdk_validation_off: ToolResult,
    /// [`ToolKind::CdkDefault`].
    pub cdk_default: ToolResult,
}

impl Tools {
    /// The numbers of one program.
    pub fn get(&self, kind: ToolKind) -> Option<&ToolResult> {
        match kind {
            ToolKind::SwitchboardRelease => Some(&self.switchboard_release),
            ToolKind::SwitchboardDebug => Some(&self.switchboard_debug),
            ToolKind::SwitchboardBuilder => Some(&self.switchboard_builder),
            ToolKind::Floor => Some(&self.floor),
            ToolKind::FloorConsts => self.floor_consts.as_ref(),
            ToolKind::CdkValidationOff => Some(&self.cdk_validation_off),
            ToolKind::CdkDefault => Some(&self.cdk_default),
        }
    }
}

/// One program of the whole-process comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ToolKind {
    /// The N profiles as `security_profile!` constants, release build.
    SwitchboardRelease,
    /// The same, debug build.
    SwitchboardDebug,
    /// Job file parsed, every profile built with the builder.
    SwitchboardBuilder,
    /// The serde_json floor, job file parsed.
    Floor,
    /// The serde_json floor, the job compiled in as static data.
    FloorConsts,
    /// The AWS CDK app, validation off.
    CdkValidationOff,
    /// The AWS CDK app, its default.
    CdkDefault,
}

impl ToolKind {
    /// Every program, in the order of the table.
    pub const ALL: [ToolKind; 7] = [
        ToolKind::SwitchboardRelease,
        ToolKind::SwitchboardDebug,
        ToolKind::SwitchboardBuilder,
        ToolKind::Floor,
        ToolKind::FloorConsts,
        ToolKind::CdkValidationOff,
        ToolKind::CdkDefault,
    ];

    /// Its key in file names.
    pub fn key(self) -> &'static str {
        match self {
            ToolKind::SwitchboardRelease => "switchboard_release",
            ToolKind::SwitchboardDebug => "switchboard_debug",
            ToolKind::SwitchboardBuilder => "switchboard_builder",
            ToolKind::Floor => "floor",
            ToolKind::FloorConsts => "floor_consts",
            ToolKind::CdkValidationOff => "cdk_validation_off",
            ToolKind::CdkDefault => "cdk_default",
        }
    }

    /// Its row label.
    pub fn label(self) -> &'static str {
        match self {
            ToolKind::SwitchboardRelease => "switchboard, the N profiles as consts (release build)",
            ToolKind::SwitchboardDebug => "switchboard, the N profiles as consts (debug build)",
            ToolKind::SwitchboardBuilder => "switchboard, job file + builder (release build)",
            ToolKind::Floor => "serde_json floor, job file (release build)",
            ToolKind::FloorConsts => {
                "serde_json floor, the N profiles as static data (release build)"
            }
            ToolKind::CdkValidationOff => "AWS CDK, job file, validation off",
            ToolKind::CdkDefault => "AWS CDK, job file, default (validation on)",
        }
    }
}

/// One program's numbers at one N.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ToolResult {
    /// Its row label when measured.
    pub label: String,
    /// Wall time.
    pub wall_ms: Summary,
    /// Peak resident memory.
    pub peak_rss_mb: Summary,
    /// Bytes written.
    pub output_bytes: u64,
}

/// Ratios of medians at one N.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ratios {
    /// CDK validation off ÷ switchboard consts (release), wall.
    pub cdk_off_over_switchboard_wall: f64,
    /// CDK default ÷ switchboard consts (release), wall.
    pub cdk_default_over_switchboard_wall: f64,
    /// CDK validation off ÷ switchboard consts (debug), wall.
    pub cdk_off_over_switchboard_debug_wall: f64,
    /// CDK validation off ÷ builder, wall.
    pub cdk_off_over_builder_wall: f64,
    /// Builder ÷ CDK validation off, peak memory.
    pub builder_over_cdk_off_rss: f64,
    /// switchboard consts ÷ floor (job file), wall.
    pub switchboard_over_floor_wall: f64,
    /// Builder ÷ floor (job file), wall.
    pub builder_over_floor_wall: f64,
    /// switchboard consts ÷ CDK validation off, peak memory.
    pub switchboard_over_cdk_off_rss: f64,
    /// switchboard consts ÷ floor (job file), peak memory.
    pub switchboard_over_floor_rss: f64,
    /// switchboard consts ÷ floor from static data, wall: like for like, no job file parsed.
    pub switchboard_over_floor_consts_wall: Option<f64>,
    /// switchboard consts ÷ floor from static data, peak memory.
    pub switchboard_over_floor_consts_rss: Option<f64>,
}

/// `criterion.json`: criterion's estimates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CriterionResults {
    /// The machine.
    pub machine: Machine,
    /// Load when collected.
    pub load_after: Load,
    /// One row per group, function and N.
    pub estimates: Vec<Estimate>,
}

/// One criterion estimate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Estimate {
    /// `assembly` or `synth`.
    pub group: String,
    /// `switchboard` or `floor`.
    pub function: String,
    /// Profiles.
    pub n: usize,
    /// Median, ms.
    pub median_ms: f64,
    /// Lower bound of its 95% confidence interval.
    pub low_ms: f64,
    /// Upper bound.
    pub high_ms: f64,
}

/// `macro-profile.json`: perf samples of the N=1000 builds, by what they belong to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProfileResults {
    /// Profiles in the crates profiled.
    pub n: usize,
    /// Load when profiled.
    pub load: Load,
    /// Percent of samples per bucket, by package.
    pub buckets_percent: BTreeMap<String, BTreeMap<String, f64>>,
}
