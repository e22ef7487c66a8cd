//! `schema SHAPE`'s self-contained schemas: every `$ref` local, and each
//! validates the fixtures of its shape on its own, as an editor would.

use std::path::{Path, PathBuf};

use lambda_event_catalog_validate::bundle::bundled;
use lambda_event_catalog_validate::load;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

fn references(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(members) => {
            if let Some(serde_json::Value::String(reference)) = members.get("$ref") {
                found.push(reference.clone());
            }
            members.values().for_each(|child| references(child, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| references(item, found)),
        _ => {}
    }
}

#[test]
fn every_shape_bundles_into_a_schema_that_validates_its_fixtures_alone() {
    let root = repo_root();
    let catalog = load::load(&root.join("schemas")).unwrap();
    let mut failures = Vec::new();
    let mut fixtures_checked = 0;
    for (id, _) in catalog.shapes() {
        let schema = bundled(&catalog, id).unwrap();
        let mut found = Vec::new();
        references(&schema, &mut found);
        if let Some(outside) = found.iter().find(|reference| !reference.starts_with('#')) {
            failures.push(format!("{id}: `$ref` {outside} is not local"));
            continue;
        }
        if serde_json::to_string(&schema).unwrap().contains("\"x-detect\"") {
            failures.push(format!("{id}: the catalogue's x- keys are left in"));
        }
        // No registry, no resolver: what an editor has.
        let validator = match jsonschema::draft202012::new(&schema) {
            Ok(validator) => validator,
            Err(error) => {
                failures.push(format!("{id}: does not compile alone: {error}"));
                continue;
            }
        };
        let Ok(entries) = std::fs::read_dir(root.join("fixtures").join(&id.source).join(&id.name)) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            let document: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            fixtures_checked += 1;
            let first = validator.iter_errors(&document).next().map(|error| format!("{error} at {}", error.instance_path()));
            if let Some(error) = first {
                failures.push(format!("{id} {}: {error}", path.display()));
            }
        }
    }
    assert!(fixtures_checked > 300, "{fixtures_checked} fixtures");
    // And it is no schema that accepts anything.
    let sqs = bundled(&catalog, &lambda_event_catalog_validate::ShapeId::parse("sqs.event").unwrap()).unwrap();
    let broken = serde_json::json!({"Records": [{"messageId": 7, "body": "x", "eventSource": "aws:sqs"}]});
    assert!(!jsonschema::draft202012::new(&sqs).unwrap().is_valid(&broken));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
