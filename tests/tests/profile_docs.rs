//! A profile constant's rustdoc shows the whole profile, as a reviewer reading `cargo doc`
//! needs it: name, description, the sensitive reason, tags, restrictions, and every permission
//! linked to its documented constant in `switchboard::permissions`. The docs of the guide's
//! examples are built with rustdoc (into `CARGO_TARGET_TMPDIR`) and their HTML is read.

use std::path::{Path, PathBuf};
use std::process::Command;

use switchboard::SecurityProfile;
use switchboard_examples::guide;

/// Builds the docs of `switchboard` and `switchboard-examples` once and returns the doc
/// directory. Both crates go into the same directory, so rustdoc knows where the permission
/// constants' pages are and writes real links to them.
fn docs() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("profile-docs");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .current_dir(workspace)
        .args([
            "doc",
            "--no-deps",
            "--quiet",
            "-p",
            "switchboard",
            "-p",
            "switchboard-examples",
        ])
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTDOCFLAGS")
        .status()
        .expect("cargo doc runs");
    assert!(status.success(), "cargo doc failed: {status}");
    target.join("doc")
}

/// The documentation block of a constant's page.
fn doc_block(docs: &Path, constant: &str) -> String {
    let page = docs.join(format!(
        "switchboard_examples/guide/constant.{constant}.html"
    ));
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let start = html
        .find("class=\"docblock\"")
        .unwrap_or_else(|| panic!("no doc block in {}", page.display()));
    html[start..].to_owned()
}

/// The link rustdoc writes from a page of `switchboard_examples::guide` to a permission's
/// constant: `Users.Edit` is `switchboard::permissions::Users::Edit`.
fn link(permission: &str) -> String {
    let mut segments: Vec<&str> = permission.split('.').collect();
    let constant = segments.pop().unwrap();
    let mut href = String::from("../../switchboard/permissions/");
    for module in segments {
        href.push_str(module);
        href.push('/');
    }
    format!("<a href=\"{href}constant.{constant}.html\"")
}

fn assert_links_every_permission(block: &str, profile: &SecurityProfile) {
    for permission in profile.permissions().iter() {
        let link = link(permission);
        assert!(
            block.contains(&link),
            "{}: no link {link} for {permission} in\n{block}",
            profile.name()
        );
    }
}

#[test]
fn a_profile_constant_documents_the_whole_profile() {
    let docs = docs();

    let team_lead = doc_block(&docs, "TEAM_LEAD");
    for expected in [
        "<strong>Security profile</strong>: <code>TeamLead</code>",
        "<strong>Description</strong>: Team lead with hierarchy-restricted user management",
        "<strong>Why sensitive</strong>: Team leads edit their own team’s users",
        "<strong>Tags</strong>: <code>Role</code>: “TeamLead”",
        "<strong>Restricted by hierarchy</strong>: <code>User</code>",
        "<strong>Hierarchy group</strong>: <code>3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f</code>",
        "<strong>Permissions (12)</strong>",
        "<strong>Sensitive permissions (1)</strong>",
    ] {
        assert!(
            team_lead.contains(expected),
            "TEAM_LEAD: missing {expected:?} in\n{team_lead}"
        );
    }
    assert_links_every_permission(&team_lead, &guide::TEAM_LEAD);

    let sales_manager = doc_block(&docs, "SALES_MANAGER");
    assert!(
        sales_manager.contains(
            "<strong>Restricted by tags</strong>: <code>Department</code>: “Sales” on <code>User</code>, <code>SecurityProfile</code>, <code>Queue</code>, <code>RoutingProfile</code>"
        ),
        "SALES_MANAGER: no tag restriction in\n{sales_manager}"
    );
    assert_links_every_permission(&sales_manager, &guide::SALES_MANAGER);

    // A preset's constant links its permissions too.
    let preset = doc_block(&docs, "SPECIALIZED_AGENT");
    for permission in guide::SPECIALIZED_AGENT.permissions() {
        assert!(
            preset.contains(&link(permission)),
            "SPECIALIZED_AGENT: no link for {permission} in\n{preset}"
        );
    }
}
