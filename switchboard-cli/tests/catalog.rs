//! `catalog` and `explain` as a user reads them: the table fits 100 columns and holds no
//! maintainer's note, the full status is in the JSON, and every evidence key is said in words.

mod common;

use common::run;
use serde_json::Value;

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_table_fits_100_columns_without_maintainer_notes() {
    let mut outputs = vec![run(["catalog"])];
    for section in switchboard_core::catalog::Section::ALL {
        outputs.push(run(["catalog", "--section", section.ident()]));
    }
    for r in &outputs {
        assert_eq!(r.code, 0, "{r:#?}");
        assert!(
            widest(&r.stdout) <= 100,
            "{} columns:\n{}",
            widest(&r.stdout),
            r.stdout
        );
        assert!(
            !r.stdout.contains(switchboard_core::catalog::AWS_LIST_NOTE),
            "{}",
            r.stdout
        );
        assert!(!r.stdout.contains("re-verify"), "{}", r.stdout);
        assert!(!r.stdout.contains("before each release"), "{}", r.stdout);
    }
    let all = &outputs[0].stdout;
    // Every permission is listed, each name whole at the start of a line.
    for p in switchboard_core::catalog::PERMISSIONS {
        assert!(
            all.lines()
                .any(|l| l == p.api || l.starts_with(&format!("{} ", p.api))),
            "{} missing",
            p.api
        );
    }
    // The longest name takes its own line; the rest of its row follows.
    let long = "AutomatedVoiceInteraction.Recordings.Unredacted.DownloadButton";
    let at = all.lines().position(|l| l == long).unwrap();
    let next = all.lines().nth(at + 1).unwrap();
    assert!(next.trim_start().starts_with("sensitive"), "{next}");
    assert!(all.contains("\nUsers and permissions (UsersAndPermissions)\n"));
}

#[test]
fn the_full_status_is_in_the_json() {
    let r = run(["catalog", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let statuses: Vec<&str> = v["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"documented (API name filled from exports)"));
    let table = run(["catalog"]).stdout;
    assert!(!table.contains("filled from exports"));
    let keys: Vec<&str> = v["evidence_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["S1", "S3", "O1", "O2", "O3", "O4", "O5"]);
}

#[test]
fn explain_says_what_the_evidence_keys_are() {
    let r = run(["explain", "Users.Edit"]);
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains("S1, S3, O1"), "{}", r.stdout);
    for line in [
        "  evidence:      the name was seen in 3 sources:\n",
        "    S1  the current AWS page \"List of security profile permissions\"\n",
        "    S3  archived revisions of the AWS admin guide (2022-11 to 2023-06)\n",
        "    O1  a real exported security profile from a public repository: a default Admin profile\n",
    ] {
        assert!(r.stdout.contains(line), "{line:?} missing:\n{}", r.stdout);
    }
    let r = run(["explain", "--format", "json", "Users.Edit"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["permission"]["evidence"],
        serde_json::json!(["S1", "S3", "O1"])
    );
    assert_eq!(v["evidence_sources"][0]["key"], "S1");
    assert_eq!(
        v["evidence_sources"][2]["source"],
        "a real exported security profile from a public repository: a default Admin profile"
    );
    let single = switchboard_core::catalog::PERMISSIONS
        .iter()
        .find(|p| p.single_source)
        .unwrap();
    let r = run(["explain", single.api]);
    assert!(
        r.stdout.contains("the name was seen in one source only:"),
        "{}",
        r.stdout
    );
}
