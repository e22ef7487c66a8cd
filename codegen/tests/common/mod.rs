//! Small catalogues written to a temporary folder and run through the codegen.
#![allow(dead_code)] // each test binary uses its own part of this module

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use lambda_event_catalog_codegen::{generate, SchemaErrors};

/// The repository these tests belong to (tests run inside it; the binaries find it from the current folder).
fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

/// A fresh folder with the catalogue's meta-schema, removed when dropped.
pub struct SchemasDir(PathBuf);

impl SchemasDir {
    pub fn new() -> SchemasDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("catalog-codegen-test-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(repo_root().join("schemas/catalog.meta.json"), dir.join("catalog.meta.json")).unwrap();
        SchemasDir(dir)
    }

    /// Writes `text` at `path`, relative to the schemas folder.
    pub fn write(&self, path: &str, text: &str) {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Every generated file by path, or the errors.
    pub fn generate(&self) -> Result<BTreeMap<String, String>, SchemaErrors> {
        generate(&self.0).map(|(_, files)| files)
    }
}

impl Drop for SchemasDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Generates a catalogue of one source, `demo`, whose files are given as
/// `(name, schema)`; returns the generated `demo` module, or the errors.
pub fn lower(files: &[(&str, serde_json::Value)]) -> String {
    let dir = SchemasDir::new();
    for (name, schema) in files {
        dir.write(&format!("demo/{name}"), &serde_json::to_string_pretty(schema).unwrap());
    }
    match dir.generate() {
        Ok(generated) => generated["events/src/generated/demo.rs"].clone(),
        Err(errors) => format!("error:\n{errors}"),
    }
}

/// A shape whose root object has the given properties.
pub fn shape(properties: serde_json::Value, extra: serde_json::Value) -> serde_json::Value {
    let mut schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Demo",
        "description": "A demo event.",
        "x-rust-name": "DemoEvent",
        "x-detect": { "required": ["demo"] },
        "type": "object",
        "properties": properties,
    });
    for (key, value) in extra.as_object().unwrap() {
        schema[key] = value.clone();
    }
    schema
}
