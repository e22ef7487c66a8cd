//! The catalogue's code generator: JSON Schemas in `schemas/` → the Rust types
//! of the events crate.
//!
//! The pipeline is `load` (read and meta-validate) → `lower` (typed model,
//! `ir`) → `emit` (tokens, formatted) → `files` (write, or compare with the
//! work tree). `validators` (from the validate crate, with `load`) checks documents
//! against the schemas, for fixtures here as for the checker. `infer` proposes schema changes
//! from sample events.
#![forbid(unsafe_code)]

pub mod changelog;
pub mod emit;
pub mod files;
pub mod infer;
pub mod ir;
pub mod lower;
pub mod naming;
pub mod regions;

pub use lambda_event_catalog_validate::{error, json, load, validators};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{SchemaError, SchemaErrors};
pub use load::{Catalog, ShapeId};
pub use validators::Validators;

/// The repository that holds `start`: the nearest folder at or above it with
/// `schemas/catalog.meta.json`. The codegen finds its catalogue this way, from
/// the folder it is run in, never from where it was compiled.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|folder| folder.join("schemas").join(load::META_SCHEMA_FILE).is_file()).map(Path::to_path_buf)
}

/// Loads, lowers and emits: every generated file, and every file with a
/// generated region (`regions`), by path from the repository root. Modules
/// with a helpers file beside the events crate of the repository that holds
/// `schemas_dir` include it (a catalogue elsewhere, such as a test's, has none).
pub fn generate(schemas_dir: &Path) -> Result<(Catalog, BTreeMap<String, String>), SchemaErrors> {
    let catalog = load::load(schemas_dir)?;
    let model = lower::lower(&catalog)?;
    let root = schemas_dir.parent().unwrap_or(schemas_dir);
    let helper_modules = std::fs::read_dir(root.join(emit::HELPERS_DIR))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| {
                    let module = entry.file_name().to_str()?.strip_suffix(".rs")?.to_owned();
                    Some((module, inner_doc(&std::fs::read_to_string(entry.path()).unwrap_or_default())))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut files = emit::emit(&model, &helper_modules);
    files.extend(regions::files(root, &catalog, &model)?);
    Ok((catalog, files))
}

/// The `//!` lines a file starts with, without their markers.
fn inner_doc(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map_while(|line| line.strip_prefix("//!")).map(|line| line.strip_prefix(' ').unwrap_or(line)).collect();
    lines.join("\n")
}

/// Descriptions still holding the `TODO` placeholder that `infer` writes:
/// they become the doc comments users read, so a draft is not done until a
/// person has written them.
pub fn check_descriptions(catalog: &Catalog) -> Vec<SchemaError> {
    fn walk(file: &str, pointer: String, node: &json::Json, found: &mut Vec<SchemaError>) {
        match node {
            json::Json::Object(members) => {
                for (key, value) in members {
                    let here = format!("{pointer}/{}", error::pointer_segment(key));
                    if key == "description" && value.as_str().is_some_and(|text| text.trim_start().starts_with("TODO")) {
                        found.push(SchemaError::new(file, &here, "describe this member: the description becomes its doc comment"));
                    }
                    walk(file, here, value, found);
                }
            }
            json::Json::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(file, format!("{pointer}/{index}"), item, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for file in catalog.files.values() {
        walk(&file.path, String::new(), &file.tree, &mut found);
    }
    found
}

/// A fixture that does not do what the catalogue promises.
#[derive(Debug)]
pub struct FixtureProblem {
    pub path: String,
    pub message: String,
}

/// Checks every fixture under `fixtures/`: it sits under a shape's folder,
/// validates against that shape's schema, and its shape's `x-detect` is the
/// only one it matches (unless the shape's `x-detect` is `false`: an entry
/// point over other shapes, checked with `--shape`). Every shape needs at
/// least one fixture.
pub fn check_fixtures(root: &Path, catalog: &Catalog, validators: &Validators) -> Vec<FixtureProblem> {
    let mut problems = Vec::new();
    let fixtures = root.join("fixtures");
    let mut problem = |path: String, message: String| problems.push(FixtureProblem { path, message });
    for (id, _) in catalog.shapes() {
        let dir = fixtures.join(&id.source).join(&id.name);
        if json_files(&dir).is_empty() {
            problem(format!("fixtures/{}/{}/", id.source, id.name), format!("the shape `{id}` has no fixture"));
        }
    }
    for source in sorted_entries(&fixtures) {
        for name in sorted_entries(&fixtures.join(&source)) {
            let folder = format!("fixtures/{source}/{name}");
            let Some(id) = ShapeId::parse(&format!("{source}.{name}")).filter(|id| validators.knows(id)) else {
                problem(folder, "no shape of the catalogue has this id".to_owned());
                continue;
            };
            for file in json_files(&root.join(&folder)) {
                let path = format!("{folder}/{file}");
                let document = match std::fs::read(root.join(&path))
                    .map_err(|error| error.to_string())
                    .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).map_err(|error| error.to_string()))
                {
                    Ok(document) => document,
                    Err(error) => {
                        problem(path, format!("unreadable: {error}"));
                        continue;
                    }
                };
                for violation in validators.validate(&id, &document) {
                    problem(path.clone(), format!("{}: {}", display_pointer(&violation.pointer), violation.message));
                }
                if catalog.shape(&id).is_some_and(load::SchemaFile::is_never_detected) {
                    continue;
                }
                let detected = validators.identify(catalog, &document);
                if let Some(tag) = unknown_member_union_tag(catalog, &id, &document) {
                    let one_shape = detected.first().is_some_and(|first| detected.iter().all(|other| catalog.same_document(first, other)));
                    if detected.contains(&&id) || !one_shape {
                        let detected: Vec<String> = detected.iter().map(ToString::to_string).collect();
                        problem(
                            path,
                            format!(
                                "its `{tag}` names none of `{id}`'s alternatives, so `x-detect` must leave it to one other shape, but it matches [{}]",
                                detected.join(", ")
                            ),
                        );
                    }
                    continue;
                }
                if !detected.contains(&&id) || detected.iter().any(|other| !catalog.same_document(&id, other)) {
                    let detected: Vec<String> = detected.iter().map(ToString::to_string).collect();
                    problem(path, format!("`x-detect` must recognise it as `{id}` alone, but it matches [{}]", detected.join(", ")));
                }
            }
        }
    }
    problems
}

/// The tag of shape `id`, when its root is a member union whose `x-detect`
/// names the tag (see `regions::member_union_tags`) and `document`'s tag
/// value selects none of its alternatives: such a fixture (a detail type the
/// catalogue does not know yet) parses into the union's `Unknown`, and is
/// detected as the shape that models it or as the catch-all.
fn unknown_member_union_tag<'a>(catalog: &'a Catalog, id: &ShapeId, document: &serde_json::Value) -> Option<&'a str> {
    let tree = &catalog.shape(id)?.tree;
    let tag = tree.get("x-tag")?.as_str()?;
    tree.get("x-detect")?.get("properties")?.get(tag)?;
    tree.get("properties")?;
    let value = document.get(tag)?.as_str()?;
    let alternatives = catalog.tag_alternatives(&catalog.shape(id)?.path, tree, tag);
    (!alternatives.iter().flatten().any(|alternative| alternative.selects(value))).then_some(tag)
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(root)"
    } else {
        pointer
    }
}

fn sorted_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn json_files(dir: &Path) -> Vec<String> {
    sorted_entries(dir).into_iter().filter(|name| name.ends_with(".json")).collect()
}
