//! Envelopes: documents carried inside other documents (an S3 notification in
//! an SQS body, an SNS message in an SQS body, an event in a destination
//! record's `requestPayload`, a log batch gzipped in `awslogs.data` or in a
//! Kinesis record's `data`). The schemas say which members carry one
//! (`contentMediaType: application/json`, optionally base64 first and
//! compressed as `x-compression` says, or `x-payload`); this walks a
//! document alongside its shape's schema and collects what those members
//! hold.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use lambda_event_catalog::cloudwatch_logs::gunzip;
use lambda_event_catalog_validate::error::pointer_segment;
use lambda_event_catalog_validate::json::Json;
use lambda_event_catalog_validate::{Catalog, ShapeId};
use serde_json::Value;

/// Schemas nest far less than this; the bound keeps a hostile schema or
/// document from recursing without end.
const MAX_DEPTH: usize = 64;

/// The first bytes of every gzip stream. No JSON text begins with them: `1f`
/// is a control character, which JSON allows neither as a value nor in the
/// whitespace before one.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// What the members of a document that carry documents hold.
#[derive(Debug, Default)]
pub struct Carried {
    /// Each carried document with the JSON pointer of its member, in document order.
    pub documents: Vec<(String, Value)>,
    /// Members whose compressed document could not be inflated, each as
    /// `<pointer>: not opened: <why>`: a stream that is no gzip, or one that
    /// inflates past `MAX_DECOMPRESSED_LEN` (read no further than that).
    pub unopened: Vec<String>,
}

/// Every document carried by `document`, a document of shape `id`.
pub fn carried_documents(catalog: &Catalog, id: &ShapeId, document: &Value) -> Carried {
    let mut found = Carried::default();
    if let Some(file) = catalog.shape(id) {
        walk(catalog, &file.path, &file.tree, document, "", 0, &mut found);
    }
    found
}

fn walk(catalog: &Catalog, file: &str, schema: &Json, document: &Value, pointer: &str, depth: usize, found: &mut Carried) {
    if depth > MAX_DEPTH {
        return;
    }
    let deeper = depth + 1;
    if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
        if let Ok((target_file, _, target)) = catalog.resolve(file, reference) {
            walk(catalog, &target_file, target, document, pointer, deeper, found);
        }
        return;
    }
    for keyword in ["allOf", "oneOf"] {
        for part in schema.get(keyword).and_then(Json::as_array).unwrap_or_default() {
            walk(catalog, file, part, document, pointer, deeper, found);
        }
    }
    let child = |key: &str| format!("{pointer}/{}", pointer_segment(key));
    match document {
        Value::Object(members) => {
            if let Some(properties) = schema.get("properties") {
                for (name, value) in members {
                    let Some(property) = properties.get(name) else { continue };
                    let here = child(name);
                    if property.get("x-payload").is_some() {
                        if !value.is_null() {
                            found.documents.push((here, value.clone()));
                        }
                    } else if property.get("contentMediaType").is_some() {
                        decode_text(property, value, here, found);
                    } else {
                        walk(catalog, file, property, value, &here, deeper, found);
                    }
                }
            }
            if let Some(values) = schema.get("additionalProperties") {
                for (name, value) in members {
                    walk(catalog, file, values, value, &child(name), deeper, found);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (index, item) in items.iter().enumerate() {
                    walk(catalog, file, item_schema, item, &child(&index.to_string()), deeper, found);
                }
            }
        }
        _ => {}
    }
}

/// The JSON document a text member holds, if it holds one: base64-decoded
/// first and inflated where the schema says so. A member whose compressed
/// document cannot be inflated is recorded as unopened.
fn decode_text(property: &Json, value: &Value, pointer: String, found: &mut Carried) {
    let Some(text) = value.as_str() else { return };
    let bytes = if property.get("contentEncoding").is_some() {
        let Ok(bytes) = STANDARD.decode(text) else { return };
        bytes
    } else {
        text.as_bytes().to_vec()
    };
    let compressed = match property.get("x-compression").and_then(Json::as_str) {
        Some("gzip") => true,
        Some("gzip-if-magic") => bytes.starts_with(&GZIP_MAGIC),
        _ => false,
    };
    let json = if compressed {
        match gunzip(&bytes) {
            Ok(json) => json,
            Err(error) => {
                found.unopened.push(format!("{pointer}: not opened: {error}"));
                return;
            }
        }
    } else {
        bytes
    };
    if let Some(inner) = serde_json::from_slice::<Value>(&json).ok().filter(|inner| inner.is_object() || inner.is_array()) {
        found.documents.push((pointer, inner));
    }
}
