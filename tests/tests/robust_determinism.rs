//! Determinism: synthesis is byte-identical across runs, across the order in which profiles
//! (and stacks) are added, and across `HashMap` seeds.
//!
//! - `insertion_order_does_not_change_a_byte` (proptest): random sets of profiles, including
//!   names that sanitize to the same logical-ID prefix (`Team Lead`, `Team_Lead`, ...), added
//!   in a random permutation, stacks created in a random order, in both assembly forms (the
//!   minimal form splits at 51,200 bytes, so split stacks are permuted too): every file of the
//!   assembly is byte-identical to the one from the original order.
//! - `separate_processes_write_identical_assemblies`: `std`'s `RandomState` is seeded per
//!   process, so two processes are two seeds. The test binary runs itself twice as a child
//!   (the children print a hash of a fixed value with a fresh `RandomState`, which shows the
//!   seeds differed) and each writes a rich assembly (the seed's and the guide's examples, the
//!   discovered provider, 260 generated profiles split in two, both forms); the parent writes
//!   the same in-process; all three are compared byte for byte. The `contact_center` example
//!   binary, when cargo has built it, is run twice the same way.
//! - `synthesis_code_has_no_hash_maps`: a tripwire over `switchboard/src/synth` and the
//!   profile types: no `HashMap`, `HashSet` or `RandomState` (iteration order of a hashed
//!   collection would reach the output); sorted `BTreeMap`s are used instead. `inventory`'s
//!   link-order iteration is sorted by name before use (`provider::discovered_providers`).
//!
//! Longer run: `PROPTEST_CASES=2000 cargo test -p switchboard-tests --test robust_determinism`
//! (the default is 24 cases).

use std::collections::BTreeMap;
use std::fs;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use switchboard::catalog::PERMISSIONS;
use switchboard::{App, AssemblyForm, Instance, SecurityProfile};
use switchboard_examples::guide::GUIDE_PROFILES;
use switchboard_examples::seed::COMPLETE_EXAMPLES;

const ARN: &str = "arn:aws:connect:eu-west-2:123456789012:instance/determinism";

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A profile's inputs; `build` turns them into a valid profile.
#[derive(Debug, Clone)]
struct Input {
    name: String,
    description: Option<String>,
    permissions: Vec<&'static str>,
    tags: Vec<(String, String)>,
    restrict: bool,
}

impl Input {
    fn build(&self) -> SecurityProfile {
        let mut b = SecurityProfile::builder(self.name.clone())
            .permissions(&self.permissions)
            .sensitive("Generated for the determinism tests");
        if let Some(d) = &self.description {
            b = b.description(defuse(d));
        }
        for (k, v) in &self.tags {
            b = b.tag(k.clone(), defuse(v));
        }
        if self.restrict {
            b = b
                .restrict_tags([("Team", "Blue")], ["Queue", "User", "SecurityProfile"])
                .restrict_hierarchy("User")
                .hierarchy_group("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f");
        }
        b.build()
            .unwrap_or_else(|e| panic!("a valid profile: {e}\n{self:#?}"))
    }
}

/// Random text without CloudFormation syntax, which the rule `CloudFormationSyntaxInText`
/// refuses (`${` and `{{resolve:`), broken up without changing its length.
fn defuse(text: &str) -> String {
    text.replace("${", "$(").replace("{{resolve:", "{(resolve:")
}

/// 1 to `max` profiles with names unique ignoring case; a quarter of them are variants of one
/// another that differ only in punctuation, so they share a logical-ID prefix.
fn inputs(max: usize) -> impl Strategy<Value = Vec<Input>> {
    let input = (
        "[A-Za-z][A-Za-z0-9]{0,8}",
        prop::sample::select(vec![" ", "_", "-", "@", ""]),
        "[A-Za-z0-9]{0,8}",
        prop::option::of("\\PC{0,60}"),
        prop::collection::vec(0..PERMISSIONS.len(), 0..30),
        prop::collection::vec(("[A-Za-z][A-Za-z0-9:.]{0,10}", "\\PC{0,20}"), 0..4),
        any::<bool>(),
    )
        .prop_map(|(head, sep, tail, description, picks, tags, restrict)| {
            let mut seen = std::collections::BTreeSet::new();
            Input {
                name: format!("{head}{sep}{tail}"),
                description,
                permissions: picks
                    .into_iter()
                    .map(|i| PERMISSIONS[i].api)
                    .chain(["Queues.View", "Users.View", "SecurityProfiles.View"])
                    .collect(),
                tags: tags
                    .into_iter()
                    .filter(|(k, _)| seen.insert(k.clone()))
                    .collect(),
                restrict,
            }
        });
    prop::collection::vec(input, 1..=max).prop_map(|list| {
        let mut names = std::collections::BTreeSet::new();
        let mut out: Vec<Input> = Vec::new();
        for (i, mut input) in list.into_iter().enumerate() {
            // Every fourth profile is a punctuation variant of an earlier one.
            if i % 4 == 3 {
                let base: String = out[i - 3]
                    .name
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let cut = base.len().div_ceil(2);
                input.name = format!(
                    "{}{}{}",
                    &base[..cut],
                    ["_", " ", "-", "@"][i % 3],
                    &base[cut..]
                );
            }
            while !names.insert(input.name.to_ascii_lowercase())
                || ["admin", "agent", "callcentermanager", "qualityanalyst"]
                    .contains(&input.name.to_ascii_lowercase().as_str())
            {
                input.name.push('x');
            }
            out.push(input);
        }
        out
    })
}

/// Three stacks (every kind of instance) holding `profiles` round-robin, created in
/// `stack_order`, each given its profiles in the order of `profiles`.
fn assembly(
    profiles: &[SecurityProfile],
    stack_order: &[usize],
    form: AssemblyForm,
) -> BTreeMap<String, String> {
    let instances = [
        ("Created", Instance::create("determinism")),
        ("Param", Instance::parameter()),
        ("Existing", Instance::existing(ARN).expect("valid")),
    ];
    let mut app = App::with_outdir("unused").with_form(form);
    for &s in stack_order {
        let (name, instance) = &instances[s];
        let mine: Vec<&SecurityProfile> = profiles
            .iter()
            .filter(|p| stack_of(p.name()) == s)
            .collect();
        app.stack(*name, instance.clone().with_profile_quota(1000))
            .add_security_profiles(mine)
            .expect("accepted");
    }
    app.assembly().expect("synthesizes").files
}

/// The stack a profile goes to, by its name only (so it does not depend on the order).
fn stack_of(name: &str) -> usize {
    name.bytes().map(usize::from).sum::<usize>() % 3
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn insertion_order_does_not_change_a_byte(
        (inputs, shuffled, stack_order) in inputs(90).prop_flat_map(|inputs| {
            let order: Vec<usize> = (0..inputs.len()).collect();
            (Just(inputs), Just(order).prop_shuffle(), Just(vec![0usize, 1, 2]).prop_shuffle())
        }),
        minimal in any::<bool>(),
    ) {
        let form = if minimal { AssemblyForm::Minimal } else { AssemblyForm::Bootstrapped };
        let profiles: Vec<SecurityProfile> = inputs.iter().map(Input::build).collect();
        let permuted: Vec<SecurityProfile> = shuffled.iter().map(|&i| profiles[i].clone()).collect();
        let reference = assembly(&profiles, &[0, 1, 2], form);
        let other = assembly(&permuted, &stack_order, form);
        prop_assert_eq!(reference.keys().collect::<Vec<_>>(), other.keys().collect::<Vec<_>>());
        for (name, content) in &reference {
            prop_assert!(&other[name] == content, "{} differs", name);
        }
        // And every profile is in exactly one template.
        for profile in &profiles {
            let needle = format!("\"SecurityProfileName\": {}", serde_json::to_string(profile.name()).expect("JSON"));
            let count: usize = reference
                .iter()
                .filter(|(n, _)| n.ends_with(".template.json"))
                .map(|(_, c)| c.matches(&needle).count())
                .sum();
            prop_assert_eq!(count, 1, "{}", profile.name());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Separate processes
// ---------------------------------------------------------------------------------------------

const CHILD_ENV: &str = "ROBUST_DETERMINISM_CHILD_OUTDIR";

/// 260 generated profiles from a fixed seed (more than one template holds: the stack splits).
fn generated() -> Vec<SecurityProfile> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[42; 32]),
    );
    let mut all: Vec<SecurityProfile> = Vec::new();
    while all.len() < 260 {
        let batch = inputs(90).new_tree(&mut runner).expect("inputs").current();
        for mut input in batch {
            input.name = format!("G{:03} {}", all.len(), input.name);
            all.push(input.build());
            if all.len() == 260 {
                break;
            }
        }
    }
    all
}

/// The assemblies compared across processes: `bootstrapped/` and `minimal/` under `out`.
fn write_reference(out: &Path) {
    let profiles = generated();
    for (dir, form) in [
        ("bootstrapped", AssemblyForm::Bootstrapped),
        ("minimal", AssemblyForm::Minimal),
    ] {
        let mut app = App::with_outdir(out.join(dir)).with_form(form);
        app.use_discovered_providers();
        app.stack("MyContactCenter", Instance::create("my-center"))
            .add_security_profiles(COMPLETE_EXAMPLES)
            .expect("seed");
        app.stack("GuideExamples", Instance::parameter())
            .add_security_profiles(GUIDE_PROFILES)
            .expect("guide");
        app.stack(
            "Generated",
            Instance::existing(ARN)
                .expect("valid")
                .with_profile_quota(1000),
        )
        .add_security_profiles(&profiles)
        .expect("generated");
        let assembly = app.synth().expect("synth");
        assert!(assembly.stacks.len() >= 4, "the generated stack is split");
    }
}

/// Not a test of its own: the child process of `separate_processes_write_identical_assemblies`
/// (it does nothing unless that test sets its environment).
#[test]
fn child_writes_the_reference_assemblies() {
    let Some(out) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    println!(
        "CHILD SEED {}",
        std::collections::hash_map::RandomState::new().hash_one(42u64)
    );
    write_reference(Path::new(&out));
    println!("CHILD DONE");
}

/// Every file under `dir` by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .expect("inside")
                    .display()
                    .to_string();
                out.insert(name, fs::read(&path).expect("file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("robust_determinism-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn assert_same(a: &Path, b: &Path) {
    let (left, right) = (files(a), files(b));
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        right.keys().collect::<Vec<_>>(),
        "{} and {} hold different files",
        a.display(),
        b.display()
    );
    for (name, bytes) in &left {
        assert!(
            &right[name] == bytes,
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

#[test]
fn separate_processes_write_identical_assemblies() {
    let root = scratch("processes");
    let exe = std::env::current_exe().expect("the test binary");
    let mut seeds = Vec::new();
    for run in ["first", "second"] {
        let output = Command::new(&exe)
            .args([
                "--exact",
                "child_writes_the_reference_assemblies",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, root.join(run))
            .output()
            .expect("the child starts");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.contains("CHILD DONE"),
            "{output:?}"
        );
        let seed = stdout
            .split("CHILD SEED ")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .expect("the child's seed")
            .to_owned();
        seeds.push(seed);
    }
    assert_ne!(
        seeds[0], seeds[1],
        "the two processes had different hash seeds"
    );
    write_reference(&root.join("in-process"));
    assert_same(&root.join("first"), &root.join("second"));
    assert_same(&root.join("first"), &root.join("in-process"));
    assert!(files(&root.join("first")).len() >= 12);
}

#[test]
fn the_example_binary_writes_identical_assemblies_in_separate_runs() {
    // target/<profile>/deps/<this test> → target/<profile>/examples/contact_center
    let exe = std::env::current_exe().expect("the test binary");
    let Some(example) = exe
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("examples").join("contact_center"))
        .filter(|p| p.is_file())
    else {
        // `cargo test --workspace` builds it; `conformance.rs` runs it through cargo.
        eprintln!(
            "NOTE the_example_binary_writes_identical_assemblies_in_separate_runs: the contact_center example is not built; `cargo test --workspace` builds it"
        );
        return;
    };
    let root = scratch("example");
    for run in ["first", "second"] {
        let output = Command::new(&example)
            .env("CDK_OUTDIR", root.join(run))
            .output()
            .expect("the example starts");
        assert!(output.status.success(), "{output:?}");
    }
    assert_same(&root.join("first"), &root.join("second"));
}

#[test]
fn synthesis_code_has_no_hash_maps() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../switchboard/src");
    let mut checked = 0;
    let mut files: Vec<PathBuf> = fs::read_dir(src.join("synth"))
        .expect("synth sources")
        .map(|e| e.expect("entry").path())
        .collect();
    files.extend(
        ["profile.rs", "builder.rs", "error.rs", "lib.rs"]
            .iter()
            .map(|f| src.join(f)),
    );
    for file in files {
        let text = fs::read_to_string(&file).expect("source");
        for word in ["HashMap", "HashSet", "RandomState", "hash_map", "hash_set"] {
            assert!(
                !text.contains(word),
                "{} uses {word}: the iteration order of a hashed collection changes from process \
                 to process; use a BTreeMap/BTreeSet (or sort) wherever it can reach the output",
                file.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 12, "{checked} files checked");
}
