//! Writing an assembly atomically.
//!
//! The files are written into a new directory beside the target (same parent, so the renames
//! below stay on one file system), each synced to disk. Then the previous assembly, if any, is
//! renamed away, the new one renamed into place, and the previous one removed. A failure before
//! the swap leaves the previous assembly as it was and removes the new directory; the swap
//! itself is two renames, and if the second fails the first is undone.
//!
//! The target may be missing, an empty directory, or a previous cloud assembly (it has a
//! `manifest.json`). Anything else is refused with [`Error::NotAnAssembly`]: `synth` never
//! replaces a directory of other files.
//!
//! The CDK CLI, which runs the app with `CDK_OUTDIR` set, creates the directory and keeps its
//! lock files in it (`synth.lock`, `read.<pid>.<n>.lock`) while the app runs. Those files do
//! not make a directory "non-empty", and they are carried into the new directory so the CLI's
//! lock stays in force.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Error;

/// True for the lock files the CDK CLI keeps in an output directory.
fn is_cli_lock(name: &str) -> bool {
    name == "synth.lock" || (name.starts_with("read.") && name.ends_with(".lock"))
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
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Missing),
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
        if name == "manifest.json" {
            manifest = true;
        } else if is_cli_lock(&name) {
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

fn write_file(path: &Path, content: &[u8]) -> Result<(), Error> {
    let mut file = fs::File::create(path).map_err(|e| Error::io(path, e))?;
    file.write_all(content).map_err(|e| Error::io(path, e))?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// Writes `files` (names relative to the directory) as the directory `dir`, atomically.
pub(crate) fn write_assembly(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), Error> {
    write_with(dir, |staging| {
        for (name, content) in files {
            write_file(&staging.join(name), content.as_bytes())?;
        }
        Ok(())
    })
}

/// Fills a new directory with `fill`, then swaps it in as `dir`.
pub(crate) fn write_with(
    dir: &Path,
    fill: impl FnOnce(&Path) -> Result<(), Error>,
) -> Result<(), Error> {
    let target = absolute(dir)?;
    let locks = match inspect(&target)? {
        Target::Missing => None,
        Target::Replaceable(locks) => Some(locks),
    };
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let staging = sibling(&target, "switchboard-new");
    fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
    let filled = fill(&staging).and_then(|()| {
        for lock in locks.iter().flatten() {
            if let Some(name) = lock.file_name() {
                // A lock the CLI released meanwhile is simply gone: nothing to carry over.
                match fs::copy(lock, staging.join(name)) {
                    Ok(_) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(lock, e)),
                }
            }
        }
        Ok(())
    });
    if let Err(e) = filled {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if locks.is_none() {
        return fs::rename(&staging, &target).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            Error::io(&target, e)
        });
    }
    let old = sibling(&target, "switchboard-old");
    if let Err(e) = fs::rename(&target, &old) {
        let _ = fs::remove_dir_all(&staging);
        return Err(Error::io(&target, e));
    }
    if let Err(e) = fs::rename(&staging, &target) {
        // Put the previous assembly back; the error names the target either way.
        let _ = fs::rename(&old, &target);
        let _ = fs::remove_dir_all(&staging);
        return Err(Error::io(&target, e));
    }
    // The new assembly is in place; a previous one that cannot be removed is only clutter
    // beside it, under a hidden name, and must not fail the synthesis.
    let _ = fs::remove_dir_all(&old);
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

    fn files(content: &str) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("manifest.json".to_owned(), content.to_owned()),
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

    #[test]
    fn replaces_a_previous_assembly_and_leaves_nothing_beside_it() {
        let root = scratch("replace");
        let out = root.join("cdk.out");
        write_assembly(&out, &files("1")).expect("first");
        write_assembly(&out, &files("2")).expect("second");
        assert_eq!(fs::read_to_string(out.join("manifest.json")).unwrap(), "2");
        assert_eq!(listing(&root), ["cdk.out"]);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_failure_part_way_keeps_the_previous_assembly() {
        let root = scratch("fail");
        let out = root.join("cdk.out");
        write_assembly(&out, &files("1")).expect("first");
        let err = write_with(&out, |staging| {
            write_file(&staging.join("manifest.json"), b"half")?;
            Err(Error::io(
                staging.join("S.template.json"),
                std::io::Error::other("disk full"),
            ))
        })
        .unwrap_err();
        assert!(err.to_string().contains("S.template.json"), "{err}");
        assert_eq!(fs::read_to_string(out.join("manifest.json")).unwrap(), "1");
        assert_eq!(listing(&root), ["cdk.out"]);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn refuses_a_directory_of_other_files_and_names_it() {
        let root = scratch("refuse");
        let out = root.join("src");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("main.rs"), "fn main() {}").unwrap();
        let err = write_assembly(&out, &files("1")).unwrap_err();
        assert!(matches!(&err, Error::NotAnAssembly { path } if path.ends_with("src")));
        assert!(err.to_string().contains(&out.display().to_string()));
        assert_eq!(listing(&out), ["main.rs"]);
        let file = root.join("file");
        fs::write(&file, "x").unwrap();
        assert!(matches!(
            write_assembly(&file, &files("1")),
            Err(Error::NotAnAssembly { .. })
        ));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn accepts_an_empty_directory_and_keeps_the_cli_lock() {
        let root = scratch("lock");
        let out = root.join("cdk.out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("synth.lock"), "4242").unwrap();
        write_assembly(&out, &files("1")).expect("written");
        assert_eq!(
            listing(&out),
            ["S.template.json", "manifest.json", "synth.lock"]
        );
        assert_eq!(fs::read_to_string(out.join("synth.lock")).unwrap(), "4242");
        let empty = root.join("empty");
        fs::create_dir_all(&empty).unwrap();
        write_assembly(&empty, &files("1")).expect("written");
        let _ = fs::remove_dir_all(root);
    }
}
