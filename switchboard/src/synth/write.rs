//! Writing an assembly atomically (the contract is documented on
//! [`App::synth`](crate::App::synth)).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Error;

/// True for the lock files the CDK CLI keeps in an output directory.
fn is_cli_lock(name: &str) -> bool {
    name == "synth.lock" || (name.starts_with("read.") && name.ends_with(".lock"))
}

/// The top-level keys of a cloud assembly manifest (`AssemblyManifest` in the cloud assembly
/// schema).
const MANIFEST_KEYS: [&str; 5] = [
    "version",
    "artifacts",
    "minimumCliVersion",
    "missing",
    "runtime",
];

/// A manifest larger than this is not read (and not taken for an assembly's).
const MAX_MANIFEST_BYTES: u64 = 64 << 20;

/// True when `path` is a regular file holding a cloud assembly manifest.
fn is_assembly_manifest(path: &Path) -> bool {
    let small_file = fs::symlink_metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.len() <= MAX_MANIFEST_BYTES);
    if !small_file {
        return false;
    }
    let Ok(text) = fs::read(path) else {
        return false;
    };
    match serde_json::from_slice::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) => {
            map.get("version").is_some_and(serde_json::Value::is_string)
                && map.keys().all(|k| MANIFEST_KEYS.contains(&k.as_str()))
        }
        _ => false,
    }
}

/// What is at the target path.
enum Target {
    Missing,
    /// A directory that may be replaced, with the CLI lock files found in it.
    Replaceable(Vec<PathBuf>),
}

fn inspect(dir: &Path) -> Result<Target, Error> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !meta.is_dir() {
        return Err(Error::NotAnAssembly {
            path: dir.to_owned(),
        });
    }
    let mut locks = Vec::new();
    let mut other = false;
    let mut manifest = false;
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if name == "manifest.json" && is_assembly_manifest(&entry.path()) {
            manifest = true;
        } else if regular && is_cli_lock(&name) {
            locks.push(entry.path());
        } else {
            other = true;
        }
    }
    if other && !manifest {
        return Err(Error::NotAnAssembly {
            path: dir.to_owned(),
        });
    }
    Ok(Target::Replaceable(locks))
}

/// A name beside `target` that no other writer uses: `.<name>.<tag>-<pid>-<n>`.
fn sibling(target: &Path, tag: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cdk.out".to_owned());
    let file = format!(".{name}.{tag}-{}-{n}", std::process::id());
    match target.parent() {
        Some(parent) => parent.join(file),
        None => PathBuf::from(file),
    }
}

/// The absolute form of `dir` without resolving symbolic links, so that `cdk.out` and
/// `./cdk.out` have a parent to put the new directory in.
fn absolute(dir: &Path) -> Result<PathBuf, Error> {
    std::path::absolute(dir).map_err(|e| Error::io(dir, e))
}

/// The file-system steps of a write. [`Real`] performs them; the tests of this module make
/// one of them fail, to show what each failure leaves behind.
pub(crate) trait Steps {
    /// Creates the new directory.
    fn create_dir(&mut self, path: &Path) -> io::Result<()>;
    /// Writes one file of the assembly (not synced: see [`Steps::sync`]).
    fn write_file(&mut self, path: &Path, content: &[u8]) -> io::Result<()>;
    /// Copies a CLI lock file into the new directory.
    fn copy(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    /// Renames a directory.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    /// Removes a directory and what it holds.
    fn remove_dir_all(&mut self, path: &Path) -> io::Result<()>;
    /// Syncs the files, then the directory holding them, to disk.
    fn sync(&mut self, dir: &Path, files: &[PathBuf]) -> Result<(), Error> {
        sync_to_disk(dir, files)
    }
}

/// The steps, done.
pub(crate) struct Real;

impl Steps for Real {
    fn create_dir(&mut self, path: &Path) -> io::Result<()> {
        fs::create_dir(path)
    }

    fn write_file(&mut self, path: &Path, content: &[u8]) -> io::Result<()> {
        fs::File::create(path)?.write_all(content)
    }

    fn copy(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::copy(from, to).map(drop)
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn remove_dir_all(&mut self, path: &Path) -> io::Result<()> {
        fs::remove_dir_all(path)
    }
}

/// Writes `files` (names relative to the directory) as the directory `dir`, atomically.
pub(crate) fn write_assembly(
    dir: &Path,
    files: &BTreeMap<String, String>,
    sync: bool,
) -> Result<(), Error> {
    write_assembly_with(dir, files, &mut Real, sync)
}

/// [`write_assembly`] with the given file-system steps.
pub(crate) fn write_assembly_with(
    dir: &Path,
    files: &BTreeMap<String, String>,
    steps: &mut impl Steps,
    sync: bool,
) -> Result<(), Error> {
    let mut staging = Staging::begin(dir, steps, sync)?;
    for (name, content) in files {
        staging.write(name, content.as_bytes())?;
    }
    staging.commit()
}

/// A new assembly being written beside its target, file after file, so that synthesis need
/// not hold every file in memory. Nothing changes at the target until [`Staging::commit`];
/// dropped before that (an error on the way), it removes the new directory.
pub(crate) struct Staging<'s, S: Steps> {
    steps: &'s mut S,
    target: PathBuf,
    dir: PathBuf,
    /// The CLI's lock files in the target, or `None` when there is no target yet.
    locks: Option<Vec<PathBuf>>,
    sync: bool,
    /// The files written, kept only to sync them.
    written: Vec<PathBuf>,
    finished: bool,
}

impl<'s, S: Steps> Staging<'s, S> {
    /// Checks that `dir` may be replaced and creates the new directory beside it.
    pub(crate) fn begin(dir: &Path, steps: &'s mut S, sync: bool) -> Result<Self, Error> {
        let target = absolute(dir)?;
        let locks = match inspect(&target)? {
            Target::Missing => None,
            Target::Replaceable(locks) => Some(locks),
        };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let staging = sibling(&target, "switchboard-new");
        steps
            .create_dir(&staging)
            .map_err(|e| Error::io(&staging, e))?;
        Ok(Staging {
            steps,
            target,
            dir: staging,
            locks,
            sync,
            written: Vec::new(),
            finished: false,
        })
    }

    /// Writes one file (`name` relative to the assembly) into the new directory.
    pub(crate) fn write(&mut self, name: &str, content: &[u8]) -> Result<(), Error> {
        let path = self.dir.join(name);
        self.steps
            .write_file(&path, content)
            .map_err(|e| Error::io(&path, e))?;
        if self.sync {
            self.written.push(path);
        }
        Ok(())
    }

    /// Carries the CLI's locks over, syncs if asked to, and swaps the new directory into
    /// place.
    pub(crate) fn commit(mut self) -> Result<(), Error> {
        self.carry_locks()?;
        if self.sync {
            let written = std::mem::take(&mut self.written);
            self.steps.sync(&self.dir, &written)?;
        }
        // From here on the swap cleans up after itself.
        self.finished = true;
        let (steps, staging, target) = (&mut *self.steps, &self.dir, &self.target);
        if self.locks.is_none() {
            steps.rename(staging, target).map_err(|e| {
                let _ = steps.remove_dir_all(staging);
                Error::io(target, e)
            })?;
            return self.sync_parent();
        }
        let old = sibling(target, "switchboard-old");
        if let Err(e) = steps.rename(target, &old) {
            let _ = steps.remove_dir_all(staging);
            return Err(Error::io(target, e));
        }
        if let Err(e) = steps.rename(staging, target) {
            // Put the previous assembly back; the error names the target either way.
            let restored = steps.rename(&old, target);
            let _ = steps.remove_dir_all(staging);
            return Err(match restored {
                Ok(()) => Error::io(target, e),
                Err(_) => Error::io(
                    target,
                    io::Error::new(
                        e.kind(),
                        format!(
                            "{e}; the previous assembly could not be put back and is kept at {}",
                            old.display()
                        ),
                    ),
                ),
            });
        }
        // The new assembly is in place; a previous one that cannot be removed is only clutter
        // beside it, under a hidden name, and must not fail the synthesis.
        let _ = steps.remove_dir_all(&old);
        self.sync_parent()
    }

    fn carry_locks(&mut self) -> Result<(), Error> {
        for lock in self.locks.iter().flatten() {
            if let Some(name) = lock.file_name() {
                // A lock the CLI released meanwhile is simply gone: nothing to carry over.
                match self.steps.copy(lock, &self.dir.join(name)) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(lock, e)),
                }
            }
        }
        Ok(())
    }

    /// Makes the rename itself durable, when syncing.
    fn sync_parent(&mut self) -> Result<(), Error> {
        match self.target.parent() {
            Some(parent) if self.sync => self.steps.sync(parent, &[]),
            _ => Ok(()),
        }
    }
}

impl<S: Steps> Drop for Staging<'_, S> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.steps.remove_dir_all(&self.dir);
        }
    }
}

/// Syncs `files` to disk from a few threads (so that their journal commits can coalesce),
/// then `dir`.
fn sync_to_disk(dir: &Path, files: &[PathBuf]) -> Result<(), Error> {
    fn sync_files(files: &[PathBuf]) -> Result<(), Error> {
        files.iter().try_for_each(|path| {
            fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|file| file.sync_all())
                .map_err(|e| Error::io(path, e))
        })
    }
    const THREADS: usize = 4;
    if files.len() > 1 {
        let chunk = files.len().div_ceil(THREADS);
        std::thread::scope(|scope| {
            let mut spawned = Vec::new();
            for chunk in files.chunks(chunk) {
                match std::thread::Builder::new().spawn_scoped(scope, || sync_files(chunk)) {
                    Ok(handle) => spawned.push(handle),
                    // No thread to be had: sync this share here.
                    Err(_) => sync_files(chunk)?,
                }
            }
            spawned.into_iter().try_for_each(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
        })?;
    } else {
        sync_files(files)?;
    }
    sync_dir(dir).map_err(|e| Error::io(dir, e))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Directories cannot be opened as files here; their entries are as durable as the platform
/// makes them.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("switchboard-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    /// An assembly's files; `version` tells one from another.
    fn files(version: &str) -> BTreeMap<String, String> {
        BTreeMap::from([
            (
                "manifest.json".to_owned(),
                format!(r#"{{"version": "{version}", "artifacts": {{}}}}"#),
            ),
            ("S.template.json".to_owned(), "{}".to_owned()),
        ])
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("readable")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Every file of `dir` with its bytes.
    fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
        listing(dir)
            .into_iter()
            .map(|n| {
                let bytes = fs::read(dir.join(&n)).expect("a file");
                (n, bytes)
            })
            .collect()
    }

    /// Real steps, except that call number `nth` (from 1) of `step` fails, and with
    /// `and_later` every later call of it too.
    struct Failing {
        step: &'static str,
        nth: usize,
        and_later: bool,
        calls: BTreeMap<&'static str, usize>,
    }

    impl Failing {
        fn new(step: &'static str, nth: usize) -> Failing {
            Failing {
                step,
                nth,
                and_later: false,
                calls: BTreeMap::new(),
            }
        }

        fn check(&mut self, step: &'static str) -> io::Result<()> {
            let n = self.calls.entry(step).or_default();
            *n += 1;
            if step == self.step && (*n == self.nth || (self.and_later && *n > self.nth)) {
                Err(io::Error::other(format!("injected failure of {step}")))
            } else {
                Ok(())
            }
        }
    }

    impl Steps for Failing {
        fn create_dir(&mut self, path: &Path) -> io::Result<()> {
            self.check("create_dir")?;
            Real.create_dir(path)
        }

        fn write_file(&mut self, path: &Path, content: &[u8]) -> io::Result<()> {
            self.check("write_file")?;
            Real.write_file(path, content)
        }

        fn copy(&mut self, from: &Path, to: &Path) -> io::Result<()> {
            self.check("copy")?;
            Real.copy(from, to)
        }

        fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
            self.check("rename")?;
            Real.rename(from, to)
        }

        fn remove_dir_all(&mut self, path: &Path) -> io::Result<()> {
            self.check("remove_dir_all")?;
            Real.remove_dir_all(path)
        }

        fn sync(&mut self, dir: &Path, files: &[PathBuf]) -> Result<(), Error> {
            self.check("sync").map_err(|e| Error::io(dir, e))?;
            Real.sync(dir, files)
        }
    }

    #[test]
    fn a_synced_write_syncs_every_file_then_the_directories() {
        let root = scratch("synced");
        let out = root.join("cdk.out");
        let many: BTreeMap<String, String> = (0..9)
            .map(|i| (format!("S{i}.template.json"), format!("{{\"n\": {i}}}")))
            .chain(files("1"))
            .collect();
        write_assembly(&out, &many, true).expect("synced");
        assert_eq!(contents(&out), contents_of(&many));
        // A sync that fails (the staging directory's, before the swap) leaves the previous
        // assembly and nothing beside it.
        let before = contents(&out);
        let err =
            write_assembly_with(&out, &files("2"), &mut Failing::new("sync", 1), true).unwrap_err();
        assert!(
            matches!(&err, Error::Io { path, .. }
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".cdk.out.switchboard-new-"))),
            "{err:?}"
        );
        assert_eq!(contents(&out), before);
        assert_eq!(listing(&root), ["cdk.out"]);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn replaces_a_previous_assembly_and_leaves_nothing_beside_it() {
        let root = scratch("replace");
        let out = root.join("cdk.out");
        write_assembly(&out, &files("1"), false).expect("first");
        write_assembly(&out, &files("2"), false).expect("second");
        assert_eq!(contents(&out), contents_of(&files("2")));
        assert_eq!(listing(&root), ["cdk.out"]);
        let _ = fs::remove_dir_all(root);
    }

    fn contents_of(files: &BTreeMap<String, String>) -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|(n, c)| (n.clone(), c.clone().into_bytes()))
            .collect()
    }

    /// Each step of a replacement fails in turn: the previous assembly is intact, nothing is
    /// left beside it, and the error names the path that failed.
    #[test]
    fn a_failure_at_any_step_keeps_the_previous_assembly() {
        let root = scratch("fail");
        let out = root.join("cdk.out");
        let staging_prefix = ".cdk.out.switchboard-new-";
        // step, call, the file name the error must name (a prefix for generated names)
        let cases: [(&str, usize, &str); 6] = [
            ("create_dir", 1, staging_prefix),
            ("write_file", 1, "S.template.json"),
            ("write_file", 2, "manifest.json"),
            ("copy", 1, "synth.lock"),
            ("rename", 1, "cdk.out"),
            ("rename", 2, "cdk.out"),
        ];
        for (step, nth, names) in cases {
            let _ = fs::remove_dir_all(&root);
            write_assembly(&out, &files("1"), false).expect("the previous assembly");
            fs::write(out.join("synth.lock"), "4242").expect("a CLI lock");
            let before = contents(&out);
            let mut steps = Failing::new(step, nth);
            let err = write_assembly_with(&out, &files("2"), &mut steps, false).unwrap_err();
            let Error::Io { path, source } = &err else {
                panic!("{step} {nth}: {err:?}")
            };
            assert!(
                source.to_string().contains("injected failure"),
                "{step} {nth}: {err}"
            );
            let named = path.file_name().expect("a name").to_string_lossy();
            assert!(named.starts_with(names), "{step} {nth}: {err}");
            assert!(err.to_string().contains(&path.display().to_string()));
            assert_eq!(contents(&out), before, "{step} {nth}");
            assert_eq!(listing(&root), ["cdk.out"], "{step} {nth}");
        }
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_first_synth_that_fails_creates_nothing() {
        let root = scratch("fail-first");
        let out = root.join("cdk.out");
        for (step, nth) in [("create_dir", 1), ("write_file", 2), ("rename", 1)] {
            let err = write_assembly_with(&out, &files("1"), &mut Failing::new(step, nth), false)
                .unwrap_err();
            assert!(matches!(err, Error::Io { .. }), "{step}: {err:?}");
            assert!(listing(&root).is_empty(), "{step}: {:?}", listing(&root));
        }
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn when_the_previous_assembly_cannot_be_put_back_the_error_says_where_it_is() {
        let root = scratch("double-fault");
        let out = root.join("cdk.out");
        write_assembly(&out, &files("1"), false).expect("first");
        let before = contents(&out);
        // The second rename (new into place) fails, and so does the third (old back).
        let mut steps = Failing {
            and_later: true,
            ..Failing::new("rename", 2)
        };
        let err = write_assembly_with(&out, &files("2"), &mut steps, false).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with(&out.display().to_string()), "{text}");
        let kept = listing(&root);
        assert_eq!(
            kept.len(),
            1,
            "only the previous assembly is left: {kept:?}"
        );
        assert!(kept[0].starts_with(".cdk.out.switchboard-old-"), "{kept:?}");
        let old = root.join(&kept[0]);
        assert!(
            text.contains(&format!("is kept at {}", old.display())),
            "{text}"
        );
        assert_eq!(contents(&old), before);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_previous_assembly_that_cannot_be_removed_does_not_fail_the_write() {
        let root = scratch("clutter");
        let out = root.join("cdk.out");
        write_assembly(&out, &files("1"), false).expect("first");
        write_assembly_with(
            &out,
            &files("2"),
            &mut Failing::new("remove_dir_all", 1),
            false,
        )
        .expect("the new assembly is in place");
        assert_eq!(contents(&out), contents_of(&files("2")));
        let beside: Vec<String> = listing(&root)
            .into_iter()
            .filter(|n| n != "cdk.out")
            .collect();
        assert_eq!(beside.len(), 1);
        assert!(beside[0].starts_with(".cdk.out.switchboard-old-"));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn refuses_a_directory_of_other_files_and_names_it() {
        let root = scratch("refuse");
        let out = root.join("src");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("main.rs"), "fn main() {}").unwrap();
        let err = write_assembly(&out, &files("1"), false).unwrap_err();
        assert!(matches!(&err, Error::NotAnAssembly { path } if path.ends_with("src")));
        assert!(err.to_string().contains(&out.display().to_string()));
        assert_eq!(listing(&out), ["main.rs"]);
        let file = root.join("file");
        fs::write(&file, "x").unwrap();
        assert!(matches!(
            write_assembly(&file, &files("1"), false),
            Err(Error::NotAnAssembly { .. })
        ));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn only_a_cloud_assembly_manifest_makes_a_previous_assembly() {
        let root = scratch("manifest");
        let dir = root.join("out");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("other.txt"), "mine").unwrap();
        for (manifest, assembly) in [
            (r#"{"version": "55.0.0", "artifacts": {}}"#, true),
            (r#"{"version": "36.0.0"}"#, true),
            (
                r#"{"version": "48.0.0", "minimumCliVersion": "2.1", "missing": [], "runtime": {}}"#,
                true,
            ),
            (
                r#"{"name": "app", "version": "1.0", "start_url": "/"}"#,
                false,
            ),
            (r#"{"version": 1}"#, false),
            (r#"{"artifacts": {}}"#, false),
            ("[]", false),
            ("", false),
            ("{", false),
        ] {
            fs::write(dir.join("manifest.json"), manifest).unwrap();
            assert_eq!(
                is_assembly_manifest(&dir.join("manifest.json")),
                assembly,
                "{manifest}"
            );
            assert_eq!(
                matches!(inspect(&dir), Ok(Target::Replaceable(_))),
                assembly,
                "{manifest}"
            );
        }
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn accepts_an_empty_directory_and_keeps_the_cli_lock() {
        let root = scratch("lock");
        let out = root.join("cdk.out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("synth.lock"), "4242").unwrap();
        write_assembly(&out, &files("1"), false).expect("written");
        assert_eq!(
            listing(&out),
            ["S.template.json", "manifest.json", "synth.lock"]
        );
        assert_eq!(fs::read_to_string(out.join("synth.lock")).unwrap(), "4242");
        let empty = root.join("empty");
        fs::create_dir_all(&empty).unwrap();
        write_assembly(&empty, &files("1"), false).expect("written");
        let _ = fs::remove_dir_all(root);
    }
}
