//! `switchboard import` on fuzzed documents: every parser gives a value or a clear error, and
//! whatever import accepts, it writes as Rust that lexes, its string literals reading back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard_cli_fuzz::{borrowed, documents, must, robustness};

fuzz_target!(|data: &[u8]| {
    let documents = documents(data);
    if let Some(loaded) = must(robustness::load(&borrowed(&documents))) {
        must(robustness::import_all(&loaded));
    }
});
