//! `switchboard audit` on fuzzed documents, in every format (text, Markdown, HTML, JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard_cli_fuzz::{borrowed, documents, must, robustness};

fuzz_target!(|data: &[u8]| {
    let documents = documents(data);
    if let Some(loaded) = must(robustness::load(&borrowed(&documents))) {
        robustness::audit_all(&loaded);
    }
});
