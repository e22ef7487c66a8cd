//! Envelopes: documents carried inside other documents (an S3 notification in
//! an SQS body, an SNS message in an SQS body, an event in a destination
//! record's `requestPayload`, a log batch gzipped in `awslogs.data` or in a
//! Kinesis record's `data`). The schemas say which members carry one
//! (`contentMediaType: application/json`, optionally base64 first and
//! compressed as `x-compression` says, or `x-payload`); this walks a
//! document alongside its shape's schema and collects what those members
//! hold.
//!
//! What unpacking produces (base64 decoded, gzip inflated, the JSON text of
//! a carried document) is taken from one [`UnpackBudget`] of the whole file,
//! shared by every carried document at any depth: a batch of many records
//! that each stay under the per-stream limit cannot take gigabytes. Once the
//! budget is spent, the member that passed it is noted and nothing more is
//! unpacked.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use std::borrow::Cow;

use lambda_event_catalog::budget::{BudgetExceeded, UnpackBudget};
use lambda_event_catalog::cloudwatch_logs::{gunzip_within, GunzipError};
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

/// What `check` adds to the note of the member where the budget was spent.
pub const BUDGET_HINT: &str = "(--max-unpacked BYTES raises it)";

/// What the members of a document that carry documents hold.
#[derive(Debug, Default)]
pub struct Carried<'a> {
    /// Each carried document with the JSON pointer of its member, in
    /// document order: a member's value itself (`x-payload`), or what its
    /// text decodes to.
    pub documents: Vec<(String, Cow<'a, Value>)>,
    /// Members whose carried document was not opened, each as `<pointer>:
    /// not opened: <why>`: a stream that is no gzip, one that inflates past
    /// `MAX_DECOMPRESSED_LEN` (read no further than that), or the member
    /// whose unpacking spent the budget.
    pub unopened: Vec<String>,
}

/// Every document carried by `document`, a document of shape `id`, unpacked
/// within `budget`, the budget of the whole file.
pub fn carried_documents<'a>(catalog: &Catalog, id: &ShapeId, document: &'a Value, budget: &mut UnpackBudget) -> Carried<'a> {
    let mut found = Carried::default();
    if let Some(file) = catalog.shape(id) {
        walk(catalog, &file.path, &file.tree, document, "", 0, &mut Found { carried: &mut found, budget });
    }
    found
}

/// What a walk collects into, and the budget it unpacks within.
struct Found<'w, 'a> {
    carried: &'w mut Carried<'a>,
    budget: &'w mut UnpackBudget,
}

fn walk<'a>(catalog: &Catalog, file: &str, schema: &Json, document: &'a Value, pointer: &str, depth: usize, found: &mut Found<'_, 'a>) {
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
                            found.carried.documents.push((here, Cow::Borrowed(value)));
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

/// The JSON document a text member holds, if it holds one. A member whose
/// document is not opened (a compressed one that cannot be inflated, or one
/// whose unpacking spends the budget) is recorded as unopened; once the
/// budget is spent, no member is opened.
fn decode_text(property: &Json, value: &Value, pointer: String, found: &mut Found<'_, '_>) {
    let Some(text) = value.as_str() else { return };
    if found.budget.is_spent() {
        return;
    }
    match unpacked_json(property, text, found.budget) {
        Ok(Some(json)) => {
            if let Some(inner) = serde_json::from_slice::<Value>(&json).ok().filter(|inner| inner.is_object() || inner.is_array()) {
                found.carried.documents.push((pointer, Cow::Owned(inner)));
            }
        }
        Ok(None) => {}
        Err(why) => found.carried.unopened.push(format!("{pointer}: not opened: {why}")),
    }
}

/// The JSON text a member holds: base64-decoded first and inflated where
/// the schema says so, each step within `budget`; `None` when the text is
/// no base64 that the schema says it is (the schema reports that).
fn unpacked_json<'t>(property: &Json, text: &'t str, budget: &mut UnpackBudget) -> Result<Option<Cow<'t, [u8]>>, String> {
    let over_budget = |exceeded: BudgetExceeded| format!("{exceeded} {BUDGET_HINT}");
    let bytes = if property.get("contentEncoding").is_some() {
        let Ok(bytes) = STANDARD.decode(text) else { return Ok(None) };
        Cow::Owned(bytes)
    } else {
        Cow::Borrowed(text.as_bytes())
    };
    // Decoded bytes are new, and text becomes a document of about its size: the budget counts both.
    budget.take(bytes.len()).map_err(over_budget)?;
    let compressed = match property.get("x-compression").and_then(Json::as_str) {
        Some("gzip") => true,
        Some("gzip-if-magic") => bytes.starts_with(&GZIP_MAGIC),
        _ => false,
    };
    if !compressed {
        return Ok(Some(bytes));
    }
    match gunzip_within(&bytes, budget) {
        Ok(json) => Ok(Some(Cow::Owned(json))),
        Err(GunzipError::OverBudget(exceeded)) => Err(over_budget(exceeded)),
        Err(error) => Err(error.to_string()),
    }
}
