//! The project's main job: the seed's profiles, synthesized into a CDK cloud assembly.
//!
//! ```text
//! cargo run --example contact_center     # writes ./cdk.out (or $CDK_OUTDIR)
//! npx cdk synth                          # the same through the CDK CLI (cdk.json)
//! ```
//!
//! Two stacks:
//!
//! - `MyContactCenter` creates the Connect instance `my-center` and holds the seed's ten
//!   complete examples, plus the three profiles of its provider example, which the provider in
//!   `switchboard_examples::provider` adds without any registration code here.
//! - `GuideExamples` holds the README guide's profiles for an instance given at deploy time
//!   (`cdk deploy GuideExamples --parameters InstanceArn=arn:aws:connect:...`).
//!
//! It prints a table per stack. When the CDK CLI runs it (`CDK_OUTDIR` is set) the table goes
//! to standard error, so `cdk synth > template.yaml` keeps only the template.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use switchboard::StackPart;
use switchboard::{App, Instance, SecurityProfile};
use switchboard_examples::guide::GUIDE_PROFILES;
use switchboard_examples::provider;
use switchboard_examples::seed::COMPLETE_EXAMPLES;

fn main() -> ExitCode {
    match run() {
        Ok(report) => {
            let written = if std::env::var_os("CDK_OUTDIR").is_some() {
                std::io::stderr().write_all(report.as_bytes())
            } else {
                std::io::stdout().write_all(report.as_bytes())
            };
            // A closed pipe (`| head`) is not a failure of the synthesis.
            let _ = written;
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, switchboard::Error> {
    let mut app = App::new();
    app.use_discovered_providers();
    app.stack(provider::STACK, Instance::create("my-center"))
        .add_security_profiles(COMPLETE_EXAMPLES)?;
    app.stack("GuideExamples", Instance::parameter())
        .add_security_profiles(GUIDE_PROFILES)?;
    let assembly = app.synth()?;

    let mut report = String::new();
    for stack in &assembly.stacks {
        let bytes = assembly
            .files
            .get(&stack.template_file)
            .copied()
            .unwrap_or(0);
        // What synth returns names the profiles; the app holds them.
        let held = app
            .stacks()
            .iter()
            .find(|s| s.name() == stack.stack)
            .map_or(&[][..], |s| s.security_profiles());
        let profiles: Vec<&SecurityProfile> = stack
            .profiles
            .iter()
            .filter_map(|name| held.iter().find(|p| p.name() == name))
            .collect();
        table(&mut report, stack, &profiles, bytes);
    }
    let _ = writeln!(
        report,
        "Cloud assembly written to {} ({} stacks). Deploy with `cdk bootstrap` (once), then `cdk deploy <stack>`.",
        app.outdir().display(),
        assembly.stacks.len()
    );
    Ok(report)
}

/// One table: profile, permission count, sensitive permissions, restrictions.
fn table(out: &mut String, stack: &StackPart, profiles: &[&SecurityProfile], bytes: usize) {
    let part = if stack.of > 1 {
        format!(", part {} of {}", stack.part, stack.of)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{} ({}{part}, {} resources, {bytes} bytes)",
        stack.id, stack.template_file, stack.resources
    );
    let rows: Vec<[String; 4]> = profiles
        .iter()
        .map(|p| {
            [
                p.name().to_owned(),
                p.permission_count().to_string(),
                sensitive(p),
                restrictions(p),
            ]
        })
        .collect();
    let header = [
        "Profile".to_owned(),
        "Permissions".to_owned(),
        "Sensitive".to_owned(),
        "Restrictions".to_owned(),
    ];
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let _ = writeln!(
            out,
            "  {:<w0$}  {:>w1$}  {:<w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
        );
    }
    out.push('\n');
}

/// `-`, or the count and as many names as fit in a short cell, e.g.
/// `24: AgentGrouping.Create, AgentGrouping.Edit, +22 more`.
fn sensitive(profile: &SecurityProfile) -> String {
    const CELL: usize = 48;
    let all: Vec<&str> = profile.sensitive_permissions().collect();
    if all.is_empty() {
        return "-".to_owned();
    }
    let mut shown: Vec<&str> = Vec::new();
    let mut width = 0;
    for name in &all {
        if !shown.is_empty() && width + 2 + name.len() > CELL {
            break;
        }
        width += name.len() + if shown.is_empty() { 0 } else { 2 };
        shown.push(name);
    }
    let rest = all.len() - shown.len();
    if rest == 0 {
        format!("{}: {}", all.len(), shown.join(", "))
    } else {
        format!("{}: {}, +{rest} more", all.len(), shown.join(", "))
    }
}

/// Tag and hierarchy restrictions, or `-`.
fn restrictions(profile: &SecurityProfile) -> String {
    let mut parts = Vec::new();
    if !profile.access_control_tags().is_empty() {
        let tags: Vec<String> = profile
            .access_control_tags()
            .iter()
            .map(|t| format!("{}={}", t.key, t.value))
            .collect();
        let on: Vec<&str> = profile.tag_restricted_resources().iter().collect();
        parts.push(format!("tags {} on {}", tags.join(" "), on.join(", ")));
    }
    if !profile.hierarchy_restricted_resources().is_empty() {
        let on: Vec<&str> = profile.hierarchy_restricted_resources().iter().collect();
        let group = profile
            .hierarchy_group()
            .map(|g| format!(" (group {g})"))
            .unwrap_or_default();
        parts.push(format!("hierarchy {}{group}", on.join(", ")));
    }
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join("; ")
    }
}
