//! Envelopes: documents carried inside other documents (an S3 notification in
//! an SQS body, an SNS message in an SQS body, an event in a destination
//! record's `requestPayload`). The schemas say which members carry one
//! (`contentMediaType: application/json`, optionally base64 first, or
//! `x-payload`); this walks a document alongside its shape's schema and
//! collects what those members hold.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use lambda_event_catalog_validate::json::Json;
use lambda_event_catalog_validate::{Catalog, ShapeId};
use serde_json::Value;

/// Schemas nest far less than this; the bound keeps a hostile schema or
/// document from recursing without end.
const MAX_DEPTH: usize = 64;

/// Every document carried by `document`, a document of shape `id`, in document order.
pub fn carried_documents(catalog: &Catalog, id: &ShapeId, document: &Value) -> Vec<Value> {
    let mut found = Vec::new();
    if let Some(file) = catalog.shape(id) {
        walk(catalog, &file.path, &file.tree, document, 0, &mut found);
    }
    found
}

fn walk(catalog: &Catalog, file: &str, schema: &Json, document: &Value, depth: usize, found: &mut Vec<Value>) {
    if depth > MAX_DEPTH {
        return;
    }
    let deeper = depth + 1;
    if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
        if let Ok((target_file, _, target)) = catalog.resolve(file, reference) {
            walk(catalog, &target_file, target, document, deeper, found);
        }
        return;
    }
    for keyword in ["allOf", "oneOf"] {
        for part in schema.get(keyword).and_then(Json::as_array).unwrap_or_default() {
            walk(catalog, file, part, document, deeper, found);
        }
    }
    match document {
        Value::Object(members) => {
            if let Some(properties) = schema.get("properties") {
                for (name, value) in members {
                    let Some(property) = properties.get(name) else { continue };
                    if property.get("x-payload").is_some() {
                        if !value.is_null() {
                            found.push(value.clone());
                        }
                    } else if property.get("contentMediaType").is_some() {
                        found.extend(decode_text(property, value));
                    } else {
                        walk(catalog, file, property, value, deeper, found);
                    }
                }
            }
            if let Some(values) = schema.get("additionalProperties") {
                for value in members.values() {
                    walk(catalog, file, values, value, deeper, found);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items {
                    walk(catalog, file, item_schema, item, deeper, found);
                }
            }
        }
        _ => {}
    }
}

/// The JSON document a text member holds (base64-decoded first where the schema says so), if it holds one.
fn decode_text(property: &Json, value: &Value) -> Option<Value> {
    let text = value.as_str()?;
    let bytes = if property.get("contentEncoding").is_some() { STANDARD.decode(text).ok()? } else { text.as_bytes().to_vec() };
    serde_json::from_slice::<Value>(&bytes).ok().filter(|inner| inner.is_object() || inner.is_array())
}
