//! `audit --format html` in a real browser: Debian's headless Chromium renders the page
//! (`--dump-dom`, `--screenshot`). Without Chromium the test is skipped with a message, unless
//! `CI=true`, where it fails: `.ci/install-chromium.sh` installs it. `SWITCHBOARD_CHROMIUM`
//! names another Chromium binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixtures, run, s, temp_dir};

fn chromium() -> Option<PathBuf> {
    // SWITCHBOARD_CHROMIUM names another binary; set but empty, it hides Chromium (to check
    // the skip and the CI failure).
    if let Some(path) = std::env::var_os("SWITCHBOARD_CHROMIUM") {
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(candidate).exists() {
            return Some(PathBuf::from(candidate));
        }
    }
    None
}

/// Runs headless Chromium with `extra` arguments on `page`, at most 90 seconds; returns stdout.
fn headless(chromium: &Path, profile: &Path, extra: &[&str], page: &Path) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1400,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let mut stdout = stdout;
        std::io::Read::read_to_string(&mut stdout, &mut text).ok();
        text
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

#[test]
fn the_html_audit_renders_in_chromium() {
    let Some(chromium) = chromium() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "Chromium is required in CI for the HTML audit test: run .ci/install-chromium.sh"
            );
        }
        eprintln!(
            "SKIPPED the_html_audit_renders_in_chromium: Chromium not found (/usr/bin/chromium); \
             install it with `bash .ci/install-chromium.sh` (Debian's chromium package)"
        );
        return;
    };
    let dir = temp_dir("html");
    let page = dir.join("audit.html");
    let f = fixtures();
    let r = run([
        "audit",
        "--format",
        "html",
        "-o",
        s(&page),
        s(&f.join("console.template.json")),
        s(&f.join("awscli/agent.json")),
        s(&f.join("awscli/agent.permissions.json")),
        s(&f.join("awscli/manager.json")),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: no script, no external stylesheet, image or font.
    for forbidden in [
        "<script", "<link", "<img", "src=", "url(", "@import", "http://", "https://",
    ] {
        assert!(!html.contains(forbidden), "the page contains {forbidden:?}");
    }

    let profile = dir.join("chromium-profile");
    let dom = headless(&chromium, &profile, &["--dump-dom"], &page);
    assert!(dom.contains("<table class=\"matrix\">"), "{dom}");
    let matrix = &dom[dom.find("<table class=\"matrix\">").unwrap()..];
    let matrix = &matrix[..matrix.find("</table>").unwrap()];
    let body = &matrix[matrix.find("<tbody>").unwrap()..];
    assert_eq!(body.matches("<tr>").count(), 7, "one row per profile");
    for title in [
        "Users and permissions",
        "Recordings and Transcripts",
        "Unknown names",
    ] {
        assert!(matrix.contains(title), "column {title:?} missing");
    }
    // The admin copy holds 4 sensitive permissions in Users and permissions: a red cell.
    assert!(
        matrix.contains("<td class=\"num s\" title=\"SecurityProfiles.Edit (SENSITIVE)\nSecurityProfiles.View\nUsers.Delete (SENSITIVE)\nUsers.Edit (SENSITIVE)\nUsers.View (high-impact)\">5 (3!)</td>"),
        "{matrix}"
    );
    assert!(
        dom.contains("id=\"p0\""),
        "profile details are linked from the matrix"
    );

    let png = dir.join("audit.png");
    headless(
        &chromium,
        &profile,
        &[&format!("--screenshot={}", png.display())],
        &page,
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // A blank page compresses to a few kilobytes; the rendered matrix does not.
    assert!(
        bytes.len() > 30_000,
        "the screenshot is nearly blank ({} bytes)",
        bytes.len()
    );
    eprintln!("screenshot: {}", png.display());
}
