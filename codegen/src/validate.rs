//! Validating documents against the catalogue: a shape's full schema, and
//! the `x-detect` schemas that tell the shapes apart.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::error::{SchemaError, SchemaErrors};
use crate::load::{Catalog, ShapeId, BASE_URI};

/// Rewrites every `x-tag` union of a schema file for validation the way the
/// generated types read it: the tag chooses the alternative the document must
/// match, and a tag no alternative knows is accepted (it parses into the
/// union's `Unknown` variant). A plain `oneOf` would reject unknown tags, and
/// would need the alternatives to exclude each other by hand.
fn open_tagged_unions(catalog: &Catalog, file: &str, pointer: String, value: &mut Value) {
    match value {
        Value::Object(members) => {
            if let (Some(Value::String(tag)), Some(_)) = (members.get("x-tag").cloned(), members.get("oneOf")) {
                if let Ok((_, _, schema)) = catalog.resolve(file, &format!("#{pointer}")) {
                    let dispatch: Vec<Value> = catalog
                        .tag_alternatives(file, schema, &tag)
                        .into_iter()
                        .filter_map(Result::ok)
                        .map(|alternative| {
                            let mut selects = vec![json!({ "enum": alternative.values })];
                            if let Some(prefix) = alternative.prefix {
                                selects.push(json!({ "pattern": format!("^{prefix}") }));
                            }
                            json!({
                                "if": { "required": [tag], "properties": { tag.clone(): { "anyOf": selects } } },
                                "then": { "$ref": alternative.reference },
                            })
                        })
                        .collect();
                    members.remove("oneOf");
                    members.insert("allOf".to_owned(), Value::Array(dispatch));
                }
            }
            for (key, child) in members.iter_mut() {
                open_tagged_unions(catalog, file, format!("{pointer}/{}", crate::error::pointer_segment(key)), child);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                open_tagged_unions(catalog, file, format!("{pointer}/{index}"), child);
            }
        }
        _ => {}
    }
}

/// One violation of a schema by a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer into the document.
    pub pointer: String,
    pub message: String,
}

/// Compiled validators for every shape of a catalogue.
pub struct Validators {
    shapes: BTreeMap<ShapeId, ShapeValidators>,
}

struct ShapeValidators {
    full: jsonschema::Validator,
    detect: jsonschema::Validator,
}

impl Validators {
    pub fn new(catalog: &Catalog) -> Result<Validators, SchemaErrors> {
        let resources = catalog.files.values().map(|file| {
            let mut value = file.value.clone();
            open_tagged_unions(catalog, &file.path, String::new(), &mut value);
            (format!("{BASE_URI}{}", file.path), value)
        });
        let registry = jsonschema::Registry::new()
            .extend(resources)
            .and_then(|registry| registry.prepare())
            .map_err(|error| SchemaError::new("", "", format!("the schemas do not form a consistent set: {error}")))?;
        let mut shapes = BTreeMap::new();
        let mut errors = Vec::new();
        for (id, file) in catalog.shapes() {
            let uri = format!("{BASE_URI}{}", file.path);
            let build = |reference: String, pointer: &str| {
                jsonschema::draft202012::options()
                    .with_registry(&registry)
                    .should_validate_formats(true)
                    .build(&json!({ "$ref": reference }))
                    .map_err(|error| SchemaError::new(&file.path, pointer, format!("cannot compile: {error}")))
            };
            match (build(uri.clone(), ""), build(format!("{uri}#/x-detect"), "/x-detect")) {
                (Ok(full), Ok(detect)) => {
                    shapes.insert(id.clone(), ShapeValidators { full, detect });
                }
                (full, detect) => errors.extend(full.err().into_iter().chain(detect.err())),
            }
        }
        if errors.is_empty() {
            Ok(Validators { shapes })
        } else {
            Err(SchemaErrors(errors))
        }
    }

    pub fn knows(&self, id: &ShapeId) -> bool {
        self.shapes.contains_key(id)
    }

    /// Every way `document` breaks the schema of `id` (empty when it is valid).
    pub fn validate(&self, id: &ShapeId, document: &Value) -> Vec<Violation> {
        let Some(validators) = self.shapes.get(id) else {
            return vec![Violation { pointer: String::new(), message: format!("the catalogue has no shape `{id}`") }];
        };
        validators.full.iter_errors(document).map(|error| Violation { pointer: error.instance_path().to_string(), message: error.to_string() }).collect()
    }

    /// The shapes whose `x-detect` the document matches, in id order. Exactly
    /// one is a detection; none is an unknown shape; several is ambiguous.
    pub fn detect(&self, document: &Value) -> Vec<&ShapeId> {
        self.shapes.iter().filter(|(_, validators)| validators.detect.is_valid(document)).map(|(id, _)| id).collect()
    }
}
