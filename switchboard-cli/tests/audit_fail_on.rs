//! `audit --fail-on WHAT`: clap parses the value, the exit code is 1 when the report holds
//! it, and the closing line says what was found.

mod common;

use common::{fixtures, run, s, temp_dir};

fn console() -> String {
    fixtures()
        .join("console.template.json")
        .display()
        .to_string()
}

#[test]
fn the_failure_says_what_it_found() {
    let c = console();
    let r = run(["audit", "--fail-on", "sensitive", &c]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert_eq!(
        r.stderr,
        "switchboard: failing (--fail-on sensitive): 3 profiles grant sensitive permissions: admin, QA Reviewers, SalesLead\n"
    );
    let r = run(["audit", "--fail-on", "high-impact", &c]);
    assert_eq!(
        r.stderr,
        "switchboard: failing (--fail-on high-impact): 4 profiles grant sensitive or high-impact permissions: admin, QA Reviewers, SalesLead and 1 more\n"
    );
    let r = run([
        "audit",
        "--fail-on",
        "error",
        "--fail-on",
        "UnknownPermission",
        &c,
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "switchboard: failing (--fail-on error): 7 errors (IamActionAsPermission, NameCollidesWithBuiltin, SensitiveWithoutReason and 1 more)\n\
         switchboard: failing (--fail-on UnknownPermission): 2 findings of UnknownPermission\n"
    );
    let r = run(["audit", "--fail-on", "warning", &c]);
    assert!(
        r.stderr.starts_with(
            "switchboard: failing (--fail-on warning): 12 findings, 7 of them errors ("
        ),
        "{r:#?}"
    );
    // One profile: the singular.
    let dir = temp_dir("fail-on-one");
    let t = common::template(&[("A", common::profile("Editor", &["Users.Edit"]))]);
    let f = common::write_json(&dir, "t.json", &t);
    let r = run(["audit", "--fail-on", "sensitive", s(&f)]);
    assert_eq!(
        r.stderr,
        "switchboard: failing (--fail-on sensitive): 1 profile grants sensitive permissions: Editor\n"
    );
}

#[test]
fn clap_parses_the_value() {
    let r = run(["audit", "--fail-on", "UnknownPermision", &console()]);
    assert_eq!(r.code, 2, "{r:#?}");
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.starts_with(
            "error: invalid value 'UnknownPermision' for '--fail-on <WHAT>': not a finding level or rule; did you mean `UnknownPermission`?"
        ),
        "{r:#?}"
    );
    let r = run(["audit", "--fail-on", "nothing-like-it", &console()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("give error, warning, sensitive, high-impact or a rule name: "),
        "{r:#?}"
    );
}
