//! What the fuzz targets share: the checks of the property tests
//! (`switchboard-cli/tests/robustness/mod.rs`), and how one fuzzer input becomes documents.

#[path = "../../tests/robustness/mod.rs"]
pub mod robustness;

use std::sync::LazyLock;

use switchboard_cli::input::Loaded;

/// One input is up to four documents separated by NUL bytes (which JSON never holds), so
/// that an AWS CLI describe document and its permissions document can come together; the
/// first is `input.json`, the others `input.N.json`.
pub fn documents(data: &[u8]) -> Vec<(String, &[u8])> {
    data.splitn(4, |b| *b == 0)
        .enumerate()
        .map(|(i, bytes)| {
            let name = if i == 0 {
                "input.json".to_owned()
            } else {
                format!("input.{i}.json")
            };
            (name, bytes)
        })
        .collect()
}

/// [`documents`] as the checks take them.
pub fn borrowed<'a>(documents: &'a [(String, &'a [u8])]) -> Vec<(&'a str, &'a [u8])> {
    documents.iter().map(|(n, b)| (n.as_str(), *b)).collect()
}

/// Panics with what went wrong, so libFuzzer keeps the input.
pub fn must<T>(result: Result<T, String>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// Real inputs to diff fuzzed ones against: the fixtures of the command's tests.
pub static BASELINES: LazyLock<Vec<Loaded>> = LazyLock::new(|| {
    let fixtures: [(&str, &[u8]); 2] = [
        (
            "console.template.json",
            include_bytes!("../../tests/fixtures/console.template.json"),
        ),
        (
            "manager.json",
            include_bytes!("../../tests/fixtures/awscli/manager.json"),
        ),
    ];
    fixtures
        .iter()
        .map(|doc| must(robustness::load(std::slice::from_ref(doc))).expect("the fixtures load"))
        .collect()
});
