//! Validating documents against the catalogue: a shape's full schema, and
//! the `x-detect` schemas that tell the shapes apart.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::error::{SchemaError, SchemaErrors};
use crate::json::Json;
use crate::load::{Catalog, ShapeId, BASE_URI};

/// Rewrites a schema file for validation so that it accepts exactly what the
/// generated types read (the rules are listed in `schemas/README.md`, with
/// the exceptions that remain):
///
/// - an `x-tag` union dispatches on its tag, and a tag no alternative knows
///   is accepted (it parses into the union's `Unknown` variant): a plain
///   `oneOf` would reject unknown tags, and would need the alternatives to
///   exclude each other by hand;
/// - a member that is not `required` may be `null` (the type reads it as
///   absent), and a required member that an object inherits through `allOf`
///   may not (the type has no `None` for it), unless its schema allows `null`;
/// - `integer` is an `i64`;
/// - `x-timestamp` and `contentEncoding: base64` are checked as the codecs
///   read them (formats of this crate's, registered with every validator);
/// - a carried document (`contentMediaType`, compressed or not by
///   `x-compression`, with or without `contentSchema`) is left unchecked, as
///   draft 2020-12 has it: the type keeps its text or bytes without reading
///   them (the accessors do), so only the base64 around it counts.
///
/// `x-detect` rules are left as written, but for their `x-tag` unions.
pub(crate) fn for_validation(catalog: &Catalog, file: &str, pointer: String, value: &mut Value) {
    if let Value::Object(members) = value {
        // Children first: the `x-tag` rule finds a union by its pointer
        // in the file as written, which the rules below change. Only the
        // subschemas are walked: a member named `properties` or `type`
        // inside `properties` is a name, not a keyword.
        for (key, child) in members.iter_mut() {
            let here = format!("{pointer}/{}", crate::error::pointer_segment(key));
            match (key.as_str(), child) {
                ("properties" | "$defs" | "patternProperties" | "dependentSchemas", Value::Object(schemas)) => {
                    for (name, schema) in schemas.iter_mut() {
                        for_validation(catalog, file, format!("{here}/{}", crate::error::pointer_segment(name)), schema);
                    }
                }
                ("allOf" | "anyOf" | "oneOf" | "prefixItems", Value::Array(schemas)) => {
                    for (index, schema) in schemas.iter_mut().enumerate() {
                        for_validation(catalog, file, format!("{here}/{index}"), schema);
                    }
                }
                (
                    "additionalProperties"
                    | "items"
                    | "contains"
                    | "not"
                    | "if"
                    | "then"
                    | "else"
                    | "propertyNames"
                    | "unevaluatedProperties"
                    | "unevaluatedItems"
                    | "contentSchema"
                    | "x-detect",
                    schema,
                ) => for_validation(catalog, file, here, schema),
                _ => {}
            }
        }
        if let (Some(Value::String(tag)), Some(_)) = (members.get("x-tag").cloned(), members.get("oneOf")) {
            if let Ok((_, _, schema)) = catalog.resolve(file, &format!("#{pointer}")) {
                let written: Vec<Value> = members.get("oneOf").and_then(Value::as_array).cloned().unwrap_or_default();
                let dispatch: Vec<Value> = catalog
                    .tag_alternatives(file, schema, &tag)
                    .into_iter()
                    .filter_map(Result::ok)
                    .map(|alternative| {
                        let mut selects = vec![json!({ "enum": alternative.values })];
                        if let Some(prefix) = alternative.prefix {
                            selects.push(json!({ "pattern": format!("^{prefix}") }));
                        }
                        // An alternative written in place (a member union's) is
                        // already rewritten, as a child of this schema.
                        let then = match alternative.reference {
                            Some(reference) => json!({ "$ref": reference }),
                            None => written.get(alternative.index).cloned().unwrap_or(Value::Bool(true)),
                        };
                        json!({
                            "if": { "required": [tag], "properties": { tag.clone(): { "anyOf": selects } } },
                            "then": then,
                        })
                    })
                    .collect();
                members.remove("oneOf");
                // A member union's object may extend others through `allOf` too.
                for rule in dispatch {
                    add_constraint(members, rule);
                }
            }
        }
        let in_detect = pointer.starts_with("/x-detect");
        if !in_detect {
            constrain_wire_forms(members);
            if members.contains_key("properties") {
                constrain_members(catalog, file, members);
            }
        }
    }
}

/// The formats this crate registers for the wire forms of the codecs.
pub(crate) const FORMAT_PREFIX: &str = "catalog-";

fn add_constraint(members: &mut serde_json::Map<String, Value>, constraint: Value) {
    match members.entry("allOf").or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(all) => all.push(constraint),
        // The meta-schema makes `allOf` an array; leave anything else to it.
        _ => {}
    }
}

fn constrain_wire_forms(members: &mut serde_json::Map<String, Value>) {
    let integer = match members.get("type") {
        Some(Value::String(name)) => name == "integer",
        Some(Value::Array(names)) => names.iter().any(|name| name == "integer"),
        _ => false,
    };
    if integer {
        add_constraint(members, json!({ "minimum": i64::MIN, "maximum": i64::MAX }));
    }
    if members.get("contentEncoding") == Some(&json!("base64")) {
        add_constraint(members, json!({ "format": format!("{FORMAT_PREFIX}base64") }));
    }
    let Some(Value::String(form)) = members.get("x-timestamp").cloned() else { return };
    let (first, last) = (chrono::DateTime::<chrono::Utc>::MIN_UTC, chrono::DateTime::<chrono::Utc>::MAX_UTC);
    let constraint = match form.as_str() {
        "epoch-seconds" => json!({ "minimum": first.timestamp(), "maximum": last.timestamp() }),
        "epoch-millis" => json!({ "minimum": first.timestamp_millis(), "maximum": last.timestamp_millis() }),
        // `minimum`/`maximum` judge the number form only, `format` the text form only.
        "epoch-millis-number-or-text" => json!({
            "minimum": first.timestamp_millis(), "maximum": last.timestamp_millis(), "format": format!("{FORMAT_PREFIX}epoch-millis-text")
        }),
        text_form => json!({ "format": format!("{FORMAT_PREFIX}{text_form}") }),
    };
    add_constraint(members, constraint);
}

/// Optional members may be `null`; required members inherited through
/// `allOf` may not, unless their own schema allows it.
fn constrain_members(catalog: &Catalog, file: &str, members: &mut serde_json::Map<String, Value>) {
    let required: Vec<String> = members.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect();
    let inherited: Vec<String> = {
        let own = members.get("properties").and_then(Value::as_object);
        required.iter().filter(|name| !own.is_some_and(|own| own.contains_key(name.as_str()))).cloned().collect()
    };
    // A required member whose own schema allows `null` is an `Option` that
    // may be absent too: the type cannot tell absent from `null`.
    let own_nullable: Vec<String> = members
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(name, property)| required.contains(name) && value_allows_null(catalog, file, property))
        .map(|(name, _)| name.clone())
        .collect();
    if !own_nullable.is_empty() {
        if let Some(Value::Array(list)) = members.get_mut("required") {
            list.retain(|name| !name.as_str().is_some_and(|name| own_nullable.iter().any(|nullable| nullable == name)));
        }
    }
    if let Some(Value::Object(properties)) = members.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if !required.contains(name) {
                let original = std::mem::take(property);
                *property = json!({ "anyOf": [{ "type": "null" }, original] });
            }
        }
    }
    let parents: Vec<String> =
        members.get("allOf").and_then(Value::as_array).into_iter().flatten().filter_map(|part| part.get("$ref")?.as_str().map(str::to_owned)).collect();
    let not_null: serde_json::Map<String, Value> = inherited
        .into_iter()
        .filter(|name| !parents.iter().any(|reference| inherited_allows_null(catalog, file, reference, name)))
        .map(|name| (name, json!({ "not": { "type": "null" } })))
        .collect();
    if !not_null.is_empty() {
        add_constraint(members, json!({ "properties": not_null }));
    }
}

fn inherited_allows_null(catalog: &Catalog, file: &str, reference: &str, name: &str) -> bool {
    let Ok((parent_file, _, parent)) = catalog.resolve(file, reference) else { return false };
    parent.get("properties").and_then(|properties| properties.get(name)).is_some_and(|property| allows_null(catalog, &parent_file, property, 0))
}

/// Whether a schema in `serde_json` form, as written, accepts `null`.
fn value_allows_null(catalog: &Catalog, file: &str, schema: &Value) -> bool {
    serde_json::from_value::<Json>(schema.clone()).is_ok_and(|tree| allows_null(catalog, file, &tree, 0))
}

/// Whether a schema, as written, accepts `null`.
fn allows_null(catalog: &Catalog, file: &str, schema: &Json, depth: usize) -> bool {
    const MAX_REFERENCES: usize = 32;
    if depth > MAX_REFERENCES {
        return false;
    }
    match schema {
        Json::Bool(accepts) => *accepts,
        Json::Object(members) if members.is_empty() => true,
        _ => {
            let type_allows = match schema.get("type") {
                Some(Json::String(name)) => name == "null",
                Some(Json::Array(names)) => names.iter().any(|name| name.as_str() == Some("null")),
                _ => false,
            };
            let one_of_allows = schema.get("oneOf").and_then(Json::as_array).unwrap_or_default().iter().any(|part| allows_null(catalog, file, part, depth + 1));
            let reference_allows = schema
                .get("$ref")
                .and_then(Json::as_str)
                .and_then(|reference| catalog.resolve(file, reference).ok())
                .is_some_and(|(target_file, _, target)| allows_null(catalog, &target_file, target, depth + 1));
            type_allows || one_of_allows || reference_allows
        }
    }
}

/// The wire forms of `x-timestamp` texts and of base64, checked with the
/// functions the events crate's codecs read them with.
fn with_wire_formats(options: jsonschema::ValidationOptions) -> jsonschema::ValidationOptions {
    use base64::Engine as _;
    use chrono::{DateTime, Utc};
    options
        .with_format(format!("{FORMAT_PREFIX}base64"), |text: &str| base64::engine::general_purpose::STANDARD.decode(text).is_ok())
        .with_format(format!("{FORMAT_PREFIX}rfc3339"), |text: &str| DateTime::parse_from_rfc3339(text).is_ok())
        .with_format(format!("{FORMAT_PREFIX}clf"), |text: &str| DateTime::parse_from_str(text, "%d/%b/%Y:%H:%M:%S %z").is_ok())
        .with_format(format!("{FORMAT_PREFIX}epoch-millis-text"), |text: &str| {
            text.parse::<i64>().ok().and_then(DateTime::<Utc>::from_timestamp_millis).is_some()
        })
        .with_format(format!("{FORMAT_PREFIX}epoch-micros-text"), |text: &str| {
            text.parse::<i64>().ok().and_then(DateTime::<Utc>::from_timestamp_micros).is_some()
        })
        .with_format(format!("{FORMAT_PREFIX}iso8601-basic-offset"), |text: &str| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z").is_ok())
}

/// One violation of a schema by a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer into the document.
    pub pointer: String,
    pub message: String,
    /// What the place needs, when the message says it (`text`).
    pub expected: Option<String>,
    /// What the place holds, when the message says it (`the number 5`).
    pub found: Option<String>,
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
            for_validation(catalog, &file.path, String::new(), &mut value);
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
                with_wire_formats(jsonschema::draft202012::options())
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
            return vec![Violation { pointer: String::new(), message: format!("the catalogue has no shape `{id}`"), expected: None, found: None }];
        };
        let mut violations: Vec<Violation> = Vec::new();
        for error in validators.full.iter_errors(document) {
            for explained in crate::explain::explain(&error) {
                let violation = Violation { pointer: explained.pointer, message: explained.message, expected: explained.expected, found: explained.found };
                // A place two keywords reject the same way is said once.
                if !violations.contains(&violation) {
                    violations.push(violation);
                }
            }
        }
        violations
    }

    /// The shapes whose `x-detect` the document matches, in id order. Exactly
    /// one is a detection; none is an unknown shape; several is ambiguous.
    pub fn detect(&self, document: &Value) -> Vec<&ShapeId> {
        self.shapes.iter().filter(|(_, validators)| validators.detect.is_valid(document)).map(|(id, _)| id).collect()
    }
}

impl Validators {
    /// The shapes a document is: those whose `x-detect` it matches, narrowed,
    /// when several do that are not one document, to those whose schemas
    /// model the most of it (the fewest members left unknown). A Firehose MSK
    /// response is `firehose.msk_response`, whose records know
    /// `kafkaRecordValue`, although a Kinesis Analytics response's `x-detect`
    /// matches it too. Exactly one (or one document under several ids) is a
    /// detection; none is an unknown shape; several is ambiguous.
    pub fn identify<'a>(&'a self, catalog: &Catalog, document: &Value) -> Vec<&'a ShapeId> {
        let matched = self.detect(document);
        let Some(first) = matched.first() else { return matched };
        if matched.iter().all(|other| catalog.same_document(first, other)) {
            return matched;
        }
        let unknown: Vec<usize> = matched
            .iter()
            .map(|id| if catalog.shape(id).is_some() { crate::unknown::unknown_members(catalog, id, document).len() } else { usize::MAX })
            .collect();
        let fewest = unknown.iter().copied().min().unwrap_or_default();
        matched.into_iter().zip(unknown).filter(|(_, count)| *count == fewest).map(|(id, _)| id).collect()
    }

    /// The shapes whose schemas describe `document` exactly, whatever their
    /// `x-detect` says: valid, no member left unknown, and no union whose tag
    /// the catalogue does not know (which would keep that part whole). Entry points over
    /// other shapes (`x-detect: false`) and catch-alls (an `x-detect` that
    /// excludes the other shapes of its base) are left out: they describe
    /// every document of the shapes they stand for. This names every id of a
    /// document that several shapes describe (an API Gateway proxy response
    /// that is a VPC Lattice response too), and the shape of a document that
    /// detection misses only because a value it keys on is new.
    /// Whether `document` misses `id`'s `x-detect` only for members it lacks
    /// (every violation a `required`), not for a value that contradicts it:
    /// an API Gateway proxy response without `statusDescription` lacks what
    /// sets a VPC Lattice response apart, where an ECS event's `detail-type`
    /// says it is no scheduled event.
    pub fn detect_lacks_members_only(&self, id: &ShapeId, document: &Value) -> bool {
        let Some(validators) = self.shapes.get(id) else { return false };
        validators.detect.iter_errors(document).all(|error| matches!(error.kind(), jsonschema::error::ValidationErrorKind::Required { .. }))
    }

    pub fn fitting<'a>(&'a self, catalog: &Catalog, document: &Value) -> Vec<&'a ShapeId> {
        self.shapes
            .iter()
            .filter(|(id, validators)| {
                let Some(file) = catalog.shape(id) else { return false };
                !file.is_never_detected()
                    && !file.is_catch_all()
                    && validators.full.is_valid(document)
                    && crate::unknown::describes_exactly(catalog, id, document)
            })
            .map(|(id, _)| id)
            .collect()
    }
}
