//! `switchboard diff` on fuzzed documents: a diff with itself finds nothing, and a diff with
//! the fixtures, both ways, runs to the end and renders in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard_cli::diff;
use switchboard_cli_fuzz::{BASELINES, borrowed, documents, must, robustness};

fuzz_target!(|data: &[u8]| {
    let documents = documents(data);
    if let Some(loaded) = must(robustness::load(&borrowed(&documents))) {
        must(robustness::diff_self(&loaded));
        for baseline in BASELINES.iter() {
            robustness::render_diff(&diff::diff(baseline, &loaded));
            robustness::render_diff(&diff::diff(&loaded, baseline));
        }
    }
});
