//! Failures while writing an assembly: whatever goes wrong, the previous assembly stays intact
//! byte for byte, nothing is left beside it (except after a process is killed, see below),
//! and the error names the path.
//!
//! What `synth_assembly.rs` and the unit tests of `synth/write.rs` already cover is not
//! repeated here: a directory of other files and a plain file as the target, an empty
//! directory, the CDK CLI's lock files, a failure part-way through filling the new directory,
//! and a failure of each step of the swap (injected into `write.rs`).
//!
//! The injections here work as root too (CI runs as root, where permission bits stop
//! nothing):
//!
//! - a target whose parent is a regular file;
//! - a previous assembly holding a directory where the new one has a file, asset
//!   directories, a lock "file" that is a directory or a FIFO;
//! - a `manifest.json` that is not a cloud assembly's (a web app's), and a symbolic link as
//!   the target;
//! - a full disk: a 256 KiB tmpfs (needs mount privileges, which root has here; without them
//!   the test says `SKIPPED`, and fails under `CI=true` when running as root);
//! - a read-only target: the same tmpfs remounted read-only (refuses root too);
//! - a file-size limit (`ulimit -f`, no privileges needed) on a child process: with
//!   `SIGXFSZ` ignored the write fails with `EFBIG` part-way through a file; with the signal's
//!   default action the process is killed part-way through the write, the closest thing to a
//!   crash or a power cut that a test can make happen at a chosen point.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use switchboard::{App, Error, Instance, SecurityProfile, groups};

/// A fresh directory under the target's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("robust_files-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn skipped(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// Every file and directory under `dir` (relative paths, sorted) with the bytes of each file.
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Option<Vec<u8>>)>) {
        for entry in fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            let name = path
                .strip_prefix(root)
                .expect("inside")
                .display()
                .to_string();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                out.push((format!("{name}/"), None));
                walk(root, &path, out);
            } else if meta.is_file() {
                out.push((name, Some(fs::read(&path).expect("file"))));
            } else {
                out.push((format!("{name} (special)"), None));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn profiles(n: usize, tag: &str) -> Vec<SecurityProfile> {
    (0..n)
        .map(|i| {
            SecurityProfile::builder(format!("Agent {i:03}"))
                .description(format!("Generated agent {i} ({tag})"))
                .group(groups::BasicAgent)
                .tag("Team", tag)
                .build()
                .expect("valid")
        })
        .collect()
}

fn app(outdir: &Path, n: usize, tag: &str) -> App {
    let mut app = App::with_outdir(outdir);
    app.stack("Center", Instance::parameter().with_profile_quota(1000))
        .add_security_profiles(profiles(n, tag))
        .expect("accepted");
    app
}

/// A previous assembly at `out`, and what it holds.
fn previous(out: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    app(out, 3, "previous").synth().expect("the previous synth");
    snapshot(out)
}

fn error_text(err: &Error) -> String {
    err.to_string()
}

#[test]
fn a_target_whose_parent_is_a_file_fails_naming_the_target() {
    let root = scratch("parent-file");
    let file = root.join("file");
    fs::write(&file, "not a directory").expect("file");
    for out in [file.join("cdk.out"), file.join("deeper").join("cdk.out")] {
        let err = app(&out, 3, "new").synth().unwrap_err();
        assert!(
            matches!(&err, Error::Io { path, .. } if path == &out),
            "{err:?}"
        );
        assert!(
            error_text(&err).contains(&out.display().to_string()),
            "{err}"
        );
    }
    assert_eq!(fs::read(&file).expect("file"), b"not a directory");
    assert_eq!(listing(&root), ["file"]);
}

#[test]
fn directories_and_assets_in_the_previous_assembly_are_replaced_whole() {
    let root = scratch("dirs-inside");
    let out = root.join("cdk.out");
    previous(&out);
    // The CDK writes asset directories into an assembly; a directory may also sit where the
    // new assembly has a file.
    fs::create_dir_all(out.join("asset.0123abcd/nested")).expect("asset dir");
    fs::write(out.join("asset.0123abcd/nested/index.js"), "x").expect("asset file");
    fs::remove_file(out.join("Center.template.json")).expect("removed");
    fs::create_dir_all(out.join("Center.template.json/inside")).expect("a directory");
    let mut center = app(&out, 5, "new");
    let written = center.synth().expect("replaces it");
    let assembly = center.assembly().expect("the same in memory");
    let mut expected: Vec<String> = assembly.files.keys().cloned().collect();
    expected.sort();
    assert_eq!(listing(&out), expected);
    assert!(written.files.keys().eq(assembly.files.keys()));
    for (name, content) in &assembly.files {
        assert_eq!(&fs::read_to_string(out.join(name)).expect("file"), content);
        assert_eq!(written.files[name], content.len());
    }
    assert_eq!(listing(&root), ["cdk.out"]);
}

#[test]
fn a_trailing_slash_or_dot_in_the_target_changes_nothing() {
    let root = scratch("slash");
    let out = root.join("cdk.out");
    previous(&out);
    let mut slash = app(Path::new(&format!("{}/", out.display())), 4, "slash");
    slash.synth().expect("trailing slash");
    assert_eq!(
        fs::read_to_string(out.join("manifest.json")).expect("manifest"),
        slash.assembly().expect("in memory").files["manifest.json"]
    );
    app(&root.join(".").join("cdk.out"), 2, "dot")
        .synth()
        .expect("a dot inside");
    assert_eq!(listing(&root), ["cdk.out"]);
    assert!(
        fs::read_to_string(out.join("Center.template.json"))
            .expect("template")
            .contains("(dot)")
    );
}

#[test]
fn a_symbolic_link_as_the_target_is_refused_and_left_alone() {
    let root = scratch("symlink");
    let real = root.join("real");
    let before = previous(&real);
    let link = root.join("cdk.out");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let err = app(&link, 4, "new").synth().unwrap_err();
    assert!(
        matches!(&err, Error::NotAnAssembly { path } if path == &link),
        "{err:?}"
    );
    let text = error_text(&err);
    assert!(text.contains(&link.display().to_string()), "{text}");
    // The message must not claim what is false of a link (or a file): that it is a
    // non-empty directory without a manifest.
    assert!(!text.contains("is not empty"), "{text}");
    assert_eq!(snapshot(&real), before);
    assert_eq!(fs::read_link(&link).expect("still a link"), real);
}

#[test]
fn a_manifest_that_is_not_a_cloud_assembly_protects_the_directory() {
    // A web app (or a browser extension) has a manifest.json too: synth must not take the
    // directory for a previous assembly and delete it.
    let root = scratch("foreign-manifest");
    let site = root.join("site");
    fs::create_dir_all(&site).expect("dir");
    fs::write(
        site.join("manifest.json"),
        r#"{"name": "My app", "short_name": "app", "start_url": "/", "version": "1.0", "manifest_version": 3}"#,
    )
    .expect("manifest");
    fs::write(site.join("index.html"), "<!doctype html>").expect("page");
    let before = snapshot(&site);
    for manifest in [
        None,
        Some("not JSON at all"),
        Some("[]"),
        Some(r#"{"version": 55}"#),
    ] {
        if let Some(text) = manifest {
            fs::write(site.join("manifest.json"), text).expect("manifest");
        }
        let err = app(&site, 3, "new").synth().unwrap_err();
        assert!(
            matches!(&err, Error::NotAnAssembly { path } if path == &site),
            "{manifest:?}: {err:?}"
        );
        assert!(site.join("index.html").is_file(), "{manifest:?}");
    }
    let original = before
        .iter()
        .find(|(name, _)| name == "manifest.json")
        .and_then(|(_, bytes)| bytes.clone())
        .expect("the web app's manifest");
    fs::write(site.join("manifest.json"), original).expect("back");
    assert_eq!(snapshot(&site), before);

    // A manifest.json that is a directory is no manifest either.
    let odd = root.join("odd");
    fs::create_dir_all(odd.join("manifest.json")).expect("dir");
    fs::write(odd.join("notes.txt"), "mine").expect("file");
    let before = snapshot(&odd);
    assert!(matches!(
        app(&odd, 3, "new").synth(),
        Err(Error::NotAnAssembly { .. })
    ));
    assert_eq!(snapshot(&odd), before);

    // What the AWS CDK itself writes is a previous assembly, replaced as usual.
    let cdk = root.join("cdk.out");
    fs::create_dir_all(&cdk).expect("dir");
    fs::write(
        cdk.join("manifest.json"),
        r#"{"version": "48.0.0", "artifacts": {"Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}, "minimumCliVersion": "2.1000.0"}"#,
    )
    .expect("manifest");
    fs::write(cdk.join("tree.json"), "{}").expect("tree");
    fs::write(cdk.join("cdk.out"), r#"{"version":"48.0.0"}"#).expect("marker");
    app(&cdk, 3, "new")
        .synth()
        .expect("a CDK assembly is replaced");
    assert!(!cdk.join("tree.json").exists());
}

/// Runs `f` on another thread and fails (instead of hanging the suite) if it takes longer
/// than `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("still running after {limit:?}: it hangs"))
}

#[test]
fn lock_names_that_are_not_files_neither_hang_nor_break_synth() {
    let root = scratch("odd-locks");
    let out = root.join("cdk.out");
    previous(&out);
    // A FIFO under a lock file's name: copying it would block for ever on open().
    let fifo = out.join("read.4242.1.lock");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    fs::create_dir_all(out.join("synth.lock")).expect("a directory named like the lock");
    let target = out.clone();
    let result = within(Duration::from_secs(60), move || {
        app(&target, 4, "new").synth().map(|a| a.files.len())
    });
    let files = result.expect("synth replaces the assembly");
    // Neither is the CDK CLI's lock (the CLI writes regular files), so neither is carried.
    assert_eq!(listing(&out).len(), files);
    assert_eq!(listing(&root), ["cdk.out"]);
}

// ---------------------------------------------------------------------------------------------
// A full and a read-only disk: a small tmpfs
// ---------------------------------------------------------------------------------------------

fn running_as_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    })
}

/// A tmpfs of `size` mounted at `dir`, unmounted on drop.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status();
        status.is_ok_and(|s| s.success()).then(|| Tmpfs {
            dir: dir.to_owned(),
        })
    }

    fn remount(&self, mode: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.dir)
            .status()
            .expect("mount runs");
        assert!(status.success(), "remount {mode}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

fn tmpfs_or_skip(test: &str, dir: &Path, size: &str) -> Option<Tmpfs> {
    let mounted = Tmpfs::mount(dir, size);
    if mounted.is_none() {
        assert!(
            !(required() && running_as_root()),
            "{test}: mounting a tmpfs failed although CI runs as root"
        );
        skipped(test, "cannot mount a tmpfs here (needs root)");
    }
    mounted
}

#[test]
fn a_full_disk_leaves_the_previous_assembly_intact() {
    let root = scratch("full");
    let Some(_tmpfs) = tmpfs_or_skip(
        "a_full_disk_leaves_the_previous_assembly_intact",
        &root,
        "256k",
    ) else {
        return;
    };
    let out = root.join("cdk.out");
    let before = previous(&out);
    // 400 profiles: over a megabyte, four times what the file system holds.
    let err = app(&out, 400, "new").synth().unwrap_err();
    let Error::Io { path, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(source.raw_os_error(), Some(28), "ENOSPC: {err}"); // No space left on device
    // The path is the file being written, in the new directory beside the target.
    assert_eq!(
        path.parent().and_then(Path::parent),
        Some(root.as_path()),
        "{err}"
    );
    assert!(
        path.parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n.to_string_lossy().starts_with(".cdk.out.")),
        "{err}"
    );
    assert!(error_text(&err).contains(&path.display().to_string()));
    assert_eq!(snapshot(&out), before);
    // The new directory is gone, and with it the space it took: a smaller synth fits.
    assert_eq!(listing(&root), ["cdk.out"]);
    app(&out, 10, "fits")
        .synth()
        .expect("fits after the failure");
}

#[test]
fn a_read_only_target_leaves_the_previous_assembly_intact() {
    let root = scratch("read-only");
    let Some(tmpfs) = tmpfs_or_skip(
        "a_read_only_target_leaves_the_previous_assembly_intact",
        &root,
        "4m",
    ) else {
        return;
    };
    let out = root.join("cdk.out");
    let before = previous(&out);
    tmpfs.remount("ro");
    let err = app(&out, 5, "new").synth().unwrap_err();
    tmpfs.remount("rw");
    let Error::Io { path, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(source.raw_os_error(), Some(30), "EROFS: {err}"); // Read-only file system
    assert_eq!(path.parent(), Some(root.as_path()), "{err}");
    assert!(error_text(&err).contains(&path.display().to_string()));
    assert_eq!(snapshot(&out), before);
    assert_eq!(listing(&root), ["cdk.out"]);
}

// ---------------------------------------------------------------------------------------------
// A file-size limit on a child process: a failing write, and a write killed part-way
// ---------------------------------------------------------------------------------------------

const CHILD_ENV: &str = "ROBUST_FILES_CHILD_OUTDIR";

/// Not a test of its own: the child process of the two tests below (it does nothing unless
/// they set its environment). It synthesizes 200 profiles into the given directory.
#[test]
fn child_synthesizes_under_a_file_size_limit() {
    let Some(out) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    match app(Path::new(&out), 200, "child").synth() {
        Ok(_) => println!("CHILD SYNTH OK"),
        Err(e) => println!("CHILD SYNTH ERROR {e}"),
    }
}

/// Runs the child under `ulimit -f 64` (32 KiB: dash counts 512-byte blocks), with
/// `SIGXFSZ` ignored or not.
fn child(out: &Path, ignore_signal: bool) -> std::process::Output {
    let exe = std::env::current_exe().expect("the test binary");
    let script = if ignore_signal {
        "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\""
    } else {
        "ulimit -f 64; exec \"$0\" \"$@\""
    };
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(exe)
        .args([
            "--exact",
            "child_synthesizes_under_a_file_size_limit",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, out)
        .output()
        .expect("sh starts")
}

#[test]
fn a_write_that_fails_part_way_through_a_file_leaves_the_previous_assembly_intact() {
    let root = scratch("efbig");
    let out = root.join("cdk.out");
    let before = previous(&out);
    let output = child(&out, true);
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The harness prints `test <name> ... ` before the test's own output, on one line.
    let line = stdout
        .find("CHILD SYNTH")
        .map(|at| stdout[at..].lines().next().unwrap_or_default())
        .unwrap_or_else(|| panic!("the child ran: {output:?}"));
    // EFBIG, on the template being written (the manifest and asset manifest are small).
    assert!(line.starts_with("CHILD SYNTH ERROR"), "{line}");
    assert!(line.contains("File too large"), "{line}");
    assert!(line.contains("Center.template.json"), "{line}");
    assert!(line.contains(".cdk.out."), "{line}");
    assert_eq!(snapshot(&out), before);
    assert_eq!(listing(&root), ["cdk.out"]);
}

#[test]
fn a_process_killed_part_way_through_a_write_leaves_the_previous_assembly_intact() {
    use std::os::unix::process::ExitStatusExt;
    let root = scratch("killed");
    let out = root.join("cdk.out");
    let before = previous(&out);
    let output = child(&out, false);
    // SIGXFSZ (25 on Linux) killed it in the middle of writing the template.
    assert_eq!(output.status.signal(), Some(25), "{output:?}");
    assert_eq!(snapshot(&out), before);
    // A killed process cannot clean up: its half-written directory stays beside the target,
    // under a hidden name that no later synth reads or reuses.
    let left: Vec<String> = listing(&root)
        .into_iter()
        .filter(|n| n != "cdk.out")
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".cdk.out.switchboard-new-"), "{left:?}");
    // The next synth works as if nothing had happened.
    let mut after = app(&out, 7, "after");
    after.synth().expect("synth after a crash");
    for (name, content) in &after.assembly().expect("in memory").files {
        assert_eq!(&fs::read_to_string(out.join(name)).expect("file"), content);
    }
}
