//! Feature `testing`: embeds the catalogue's schemas, and the fixtures of the
//! sources this build has, so that a function's tests (and the installed
//! checker) validate documents without a copy of the repository. The files
//! are part of this package; nothing outside it is read.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_TESTING").is_none() {
        return;
    }
    let package = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let schemas = package.join("schemas");
    let fixtures = package.join("fixtures");
    println!("cargo::rerun-if-changed={}", schemas.display());
    println!("cargo::rerun-if-changed={}", fixtures.display());

    let mut code = String::from("/// `(path inside schemas/, text)` of every schema file and the meta-schema.\nstatic SCHEMA_FILES: &[(&str, &str)] = &[\n");
    for path in files(&schemas, 2).into_iter().filter(|path| path.extension().is_some_and(|extension| extension == "json")) {
        let relative = relative(&schemas, &path);
        writeln!(code, "    ({relative:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n\n/// `(shape id, file name, text)` of the fixtures of every source of this build.\nstatic FIXTURE_FILES: &[(&str, &str, &str)] = &[\n");
    for path in files(&fixtures, 3).into_iter().filter(|path| path.extension().is_some_and(|extension| extension == "json")) {
        let parts: Vec<String> = relative(&fixtures, &path).split('/').map(str::to_owned).collect();
        let [source, name, file] = parts.as_slice() else { continue };
        if std::env::var_os(format!("CARGO_FEATURE_{}", source.to_uppercase())).is_some() {
            writeln!(code, "    (\"{source}.{name}\", {file:?}, include_str!({:?})),", path.display().to_string()).unwrap();
        }
    }
    code.push_str("];\n");
    std::fs::write(out.join("embedded_catalog.rs"), code).expect("OUT_DIR is writable");
}

/// Every file in `dir` and in its folders down to `depth` levels, sorted.
fn files(dir: &Path, depth: usize) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            if depth > 1 {
                found.extend(files(&path, depth - 1));
            }
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn relative(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).expect("below its base");
    relative.components().map(|component| component.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
