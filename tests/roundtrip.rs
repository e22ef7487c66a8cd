//! Every fixture of the catalogue parses into its shape's type, writes back
//! losslessly, and looks as its snapshot says (`tests/snapshots/`).
//!
//! A fixture's shape is the folder it lives in: `fixtures/<source>/<name>/`.

use std::path::{Path, PathBuf};

use lambda_event_catalog::{lossless, shape};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `(shape id, fixture file)` for every fixture, sorted.
fn fixtures() -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let root = repo().join("fixtures");
    for source in sorted_dirs(&root) {
        for name in sorted_dirs(&root.join(&source)) {
            let dir = root.join(&source).join(&name);
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
                .collect();
            files.sort();
            found.extend(files.into_iter().map(|file| (format!("{source}.{name}"), file)));
        }
    }
    found
}

fn sorted_dirs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(Result::ok).filter(|entry| entry.path().is_dir()).map(|entry| entry.file_name().to_string_lossy().into_owned()).collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_fixture_round_trips_losslessly_and_matches_its_snapshot() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no fixtures found under fixtures/");
    let mut failures = Vec::new();
    for (id, file) in &fixtures {
        let relative = file.strip_prefix(repo()).unwrap().display().to_string();
        let Some(shape) = shape::shape(id) else {
            failures.push(format!("{relative}: no shape `{id}` in this build (is its feature on for the tests?)"));
            continue;
        };
        let bytes = std::fs::read(file).unwrap();
        let original: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        match shape.parse_and_write(&bytes) {
            Ok(written) => {
                for difference in lossless::compare(&original, &written) {
                    failures.push(format!("{relative}: {difference}"));
                }
            }
            Err(error) => failures.push(format!("{relative}: {error}")),
        }
        if let Ok(description) = shape.parse_and_describe(&bytes) {
            let stem = file.file_stem().unwrap().to_string_lossy();
            let snapshot = format!("{}__{stem}", id.replace('.', "__"));
            insta::with_settings!({ snapshot_path => repo().join("tests/snapshots"), prepend_module_to_snapshot => false, description => relative.clone(), omit_expression => true }, {
                insta::assert_snapshot!(snapshot, description);
            });
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_shape_of_the_build_has_fixtures() {
    let fixtures = fixtures();
    for shape in shape::shapes() {
        let count = fixtures.iter().filter(|(id, _)| id == shape.id()).count();
        assert!(count >= 2, "{} has {count} fixtures; the catalogue wants several per shape", shape.id());
    }
}
