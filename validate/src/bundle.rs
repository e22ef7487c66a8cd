//! One self-contained JSON Schema per shape, for editors: `lambda-event-catalog
//! schema SHAPE` prints it, and an editor that is given it validates and
//! completes a fixture file while it is typed.
//!
//! The schema is the one `check` validates with (`validators`: a tag chooses
//! its alternative, an optional member may be `null`, …), so that the editor
//! and `check` give one verdict. Every file the shape's schema reaches is
//! copied under `$defs`, keyed by its path with `.` for `/`
//! (`apigw.shared.defs.json`), and every `$ref` points there. The
//! catalogue's `x-` keys are left out: editors do not read them, and what
//! they mean for validation is written as standard keywords. The wire
//! formats (`x-timestamp` texts, base64) stay as formats of the catalogue's
//! own, which an editor treats as annotations.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::load::{join_relative, Catalog, ShapeId};
use crate::validators::for_validation;

/// The self-contained schema of shape `id`; `None` for a shape the catalogue lacks.
pub fn bundled(catalog: &Catalog, id: &ShapeId) -> Option<Value> {
    let root = catalog.shape(id)?;
    let mut prepared: BTreeMap<String, Value> = BTreeMap::new();
    let mut pending = vec![root.path.clone()];
    while let Some(path) = pending.pop() {
        if prepared.contains_key(&path) {
            continue;
        }
        let Some(file) = catalog.files.get(&path) else { continue };
        let mut value = file.value.clone();
        for_validation(catalog, &path, String::new(), &mut value);
        let mut reached = BTreeSet::new();
        localize(&mut value, &path, &root.path, &mut reached);
        pending.extend(reached);
        prepared.insert(path, value);
    }
    let mut bundle = prepared.remove(&root.path)?;
    let definitions: Map<String, Value> = prepared
        .into_iter()
        .map(|(path, mut value)| {
            if let Value::Object(members) = &mut value {
                members.remove("$schema");
            }
            (definition_key(&path), value)
        })
        .collect();
    if let Value::Object(members) = &mut bundle {
        if !definitions.is_empty() {
            let own = members.entry("$defs").or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(own) = own {
                own.extend(definitions);
            }
        }
    }
    Some(bundle)
}

/// Where the copy of file `path` lives in the bundle's `$defs`.
fn definition_key(path: &str) -> String {
    path.replace('/', ".")
}

/// Drops the `x-` keys of a schema written in `file` and points its `$ref`s
/// into the bundle whose root is `root`; the files they reach go to `reached`.
/// The keys of `properties` and `$defs` are names, kept whatever they are
/// (S3's `x-amz-request-id`); `enum` and `const` values are data, left alone.
fn localize(value: &mut Value, file: &str, root: &str, reached: &mut BTreeSet<String>) {
    match value {
        Value::Object(members) => {
            members.retain(|key, _| !key.starts_with("x-"));
            if let Some(Value::String(reference)) = members.get_mut("$ref") {
                let (file_part, fragment) = reference.split_once('#').unwrap_or((reference.as_str(), ""));
                let target = if file_part.is_empty() { Some(file.to_owned()) } else { join_relative(file, file_part) };
                if let Some(target) = target {
                    *reference = if target == root { format!("#{fragment}") } else { format!("#/$defs/{}{fragment}", definition_key(&target)) };
                    reached.insert(target);
                }
            }
            for (key, child) in members.iter_mut() {
                match (key.as_str(), child) {
                    ("properties" | "$defs" | "patternProperties" | "dependentSchemas", Value::Object(named)) => {
                        named.values_mut().for_each(|schema| localize(schema, file, root, reached));
                    }
                    ("enum" | "const" | "default" | "examples", _) => {}
                    (_, child) => localize(child, file, root, reached),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| localize(item, file, root, reached)),
        _ => {}
    }
}
