//! The generated file set: compare it with the work tree (check mode) or
//! write it there (generate mode).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// How the work tree differs from what the codegen would write.
#[derive(Debug, PartialEq, Eq)]
pub enum Drift {
    Missing { path: String },
    Stale { path: String, diff: String },
    Orphaned { path: String },
}

impl Drift {
    /// The file, relative to the repository root.
    pub fn path(&self) -> &str {
        match self {
            Drift::Missing { path } | Drift::Stale { path, .. } | Drift::Orphaned { path } => path,
        }
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing { path } => write!(f, "{path}: missing (run `cargo codegen generate`)"),
            Drift::Orphaned { path } => write!(f, "{path}: not generated from any schema (run `cargo codegen generate` to remove it)"),
            Drift::Stale { path, diff } => write!(f, "{path}: stale (run `cargo codegen generate`); what would change:\n{diff}"),
        }
    }
}

/// Compares `files` with the work tree under `root`; `owned_dir` is the folder
/// the codegen owns, where any file it would not write is an orphan.
pub fn drift(root: &Path, owned_dir: &str, files: &BTreeMap<String, String>) -> std::io::Result<Vec<Drift>> {
    let mut drifts = Vec::new();
    for (path, expected) in files {
        match std::fs::read_to_string(root.join(path)) {
            Ok(actual) if actual == *expected => {}
            Ok(actual) => drifts.push(Drift::Stale { path: path.clone(), diff: unified_diff(&actual, expected) }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => drifts.push(Drift::Missing { path: path.clone() }),
            Err(error) => return Err(error),
        }
    }
    for path in existing_files(root, owned_dir)? {
        if !files.contains_key(&path) {
            drifts.push(Drift::Orphaned { path });
        }
    }
    Ok(drifts)
}

/// Writes the changed and missing files and removes the orphans; returns what it changed.
pub fn write(root: &Path, owned_dir: &str, files: &BTreeMap<String, String>) -> std::io::Result<Vec<Drift>> {
    let drifts = drift(root, owned_dir, files)?;
    for drift in &drifts {
        match drift {
            Drift::Missing { path } | Drift::Stale { path, .. } => {
                let target = root.join(path);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(target, &files[path])?;
            }
            Drift::Orphaned { path } => std::fs::remove_file(root.join(path))?,
        }
    }
    Ok(drifts)
}

fn existing_files(root: &Path, dir: &str) -> std::io::Result<Vec<String>> {
    let mut paths = Vec::new();
    let entries = match std::fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(paths),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            paths.extend(existing_files(root, &format!("{dir}/{name}"))?);
        } else {
            paths.push(format!("{dir}/{name}"));
        }
    }
    paths.sort();
    Ok(paths)
}

/// A unified diff, cut short so that a wholesale change stays readable.
fn unified_diff(actual: &str, expected: &str) -> String {
    const MAX_LINES: usize = 80;
    let diff = similar::TextDiff::from_lines(actual, expected);
    let text = diff.unified_diff().context_radius(2).header("checked in", "generated").to_string();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= MAX_LINES {
        text
    } else {
        format!("{}\n… {} more lines", lines[..MAX_LINES].join("\n"), lines.len() - MAX_LINES)
    }
}
