//! Drafting schemas from pooled observations, in the catalogue's conventions:
//! every property documented (with a placeholder a person replaces), one JSON
//! type plus `null`, open enums, `x-timestamp` and base64 from the detectors,
//! maps as `additionalProperties`, and nothing `required` that was not seen in
//! every object.

use std::collections::BTreeSet;

use crate::infer::detect::{self, Detection, Finding};
use crate::infer::observe::{observe, Kind, Member, Node, ObjectPool};
use crate::json::Json;
use crate::naming;

/// The description of every drafted property and type, for a person to replace.
pub const TODO: &str = "TODO: describe";

/// Where the objects of a draft go.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Inside the property that holds them: lowering names them after it.
    /// Used for new properties of an existing schema, to keep the change local.
    Inline,
    /// In `$defs`, under generated UpperCamelCase names: a new shape's file.
    Definitions,
}

/// A detection and the place it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Reported {
    pub path: String,
    pub detection: Detection,
}

pub struct Drafter {
    placement: Placement,
    /// Prefixed to generated type names, which are unique across the catalogue.
    prefix: String,
    /// Type names already used, by the catalogue and by this draft.
    taken: BTreeSet<String>,
    /// The drafted `$defs`, parents before children.
    pub definitions: Vec<(String, Json)>,
    pub detections: Vec<Reported>,
    pub notes: Vec<String>,
    /// Some record was seen only once, so nothing in it could be required.
    pub single_objects: bool,
}

fn member(key: &str, value: Json) -> (String, Json) {
    (key.to_owned(), value)
}

fn text(value: &str) -> Json {
    Json::String(value.to_owned())
}

impl Drafter {
    pub fn new(placement: Placement, prefix: &str, taken: BTreeSet<String>) -> Drafter {
        Drafter { placement, prefix: prefix.to_owned(), taken, definitions: Vec::new(), detections: Vec::new(), notes: Vec::new(), single_objects: false }
    }

    /// A property: its description placeholder, an `x-rust-field` when the
    /// JSON name makes no usable Rust field (`fields` holds the names the
    /// object already uses), then its schema.
    pub fn property(&mut self, path: &str, key: &str, node: &Node, owner: &str, fields: &mut BTreeSet<String>) -> Json {
        let mut members = vec![member("description", text(TODO))];
        if let Some(field) = rust_field(key, fields) {
            self.notes.push(format!("{path}: `{key}` makes no usable Rust field name; drafted `x-rust-field: {field}`, pick a better one"));
            members.push(member("x-rust-field", text(&field)));
        }
        members.extend(self.schema(path, node, owner, &type_hint(key)));
        Json::Object(members)
    }

    /// The members of a record's schema: `type`, `properties`, `required`.
    pub fn record(&mut self, path: &str, members: &[Member], objects: usize, owner: &str) -> Vec<(String, Json)> {
        let mut fields = BTreeSet::new();
        let properties: Vec<(String, Json)> = members
            .iter()
            .map(|pooled| (pooled.key.clone(), self.property(&format!("{path}/{}", pooled.key), &pooled.key, &pooled.node, owner, &mut fields)))
            .collect();
        let required: Vec<Json> = if objects >= 2 {
            members.iter().filter(|pooled| pooled.present == objects).map(|pooled| text(&pooled.key)).collect()
        } else {
            self.single_objects |= !members.is_empty();
            Vec::new()
        };
        let mut schema = vec![member("type", text("object")), member("properties", Json::Object(properties))];
        if !required.is_empty() {
            schema.push(member("required", Json::Array(required)));
        }
        schema
    }

    /// The members of the schema of a pool (no description): empty for any JSON value.
    fn schema(&mut self, path: &str, node: &Node, owner: &str, hint: &str) -> Vec<(String, Json)> {
        if node.too_deep {
            self.notes.push(format!("{path}: nested too deeply to look into: any JSON value"));
            return Vec::new();
        }
        let kinds = node.value_kinds();
        let schema = match kinds.as_slice() {
            [] => {
                self.notes.push(format!("{path}: only `null` seen: any JSON value"));
                return Vec::new();
            }
            [Kind::Boolean] => vec![member("type", text("boolean"))],
            [Kind::Integer] | [Kind::Number] | [Kind::Integer, Kind::Number] => self.number(path, node),
            [Kind::String] => self.string(path, node),
            [Kind::Array] => self.array(path, node, owner, hint),
            [Kind::Object] => self.object(path, node, owner, hint),
            _ => match self.one_or_many(path, node, owner, hint) {
                Some(schema) => schema,
                None => {
                    let seen: Vec<&str> = kinds.iter().map(|kind| kind.plural()).collect();
                    self.notes.push(format!("{path}: values of several JSON types ({}): any JSON value", seen.join(", ")));
                    return Vec::new();
                }
            },
        };
        if node.nulls() == 0 {
            return schema;
        }
        nullable(schema).unwrap_or_else(|| {
            self.notes.push(format!("{path}: a value alone or in an array, and also `null`: any JSON value"));
            Vec::new()
        })
    }

    fn report(&mut self, path: &str, detections: Vec<Detection>) -> Option<Finding> {
        let applied = detections.iter().find(|detection| detection.applied).map(|detection| detection.finding.clone());
        self.detections.extend(detections.into_iter().map(|detection| Reported { path: path.to_owned(), detection }));
        applied
    }

    fn number(&mut self, path: &str, node: &Node) -> Vec<(String, Json)> {
        let json_type = if node.count(Kind::Number) > 0 { "number" } else { "integer" };
        let mut schema = vec![member("type", text(json_type))];
        if let Some(Finding::Timestamp(keyword)) = self.report(path, detect::numbers(node)) {
            schema.push(member("x-timestamp", text(keyword)));
        }
        schema
    }

    fn string(&mut self, path: &str, node: &Node) -> Vec<(String, Json)> {
        let mut schema = vec![member("type", text("string"))];
        match self.report(path, detect::strings(node)) {
            Some(Finding::Timestamp(keyword)) => schema.push(member("x-timestamp", text(keyword))),
            Some(Finding::Base64 { json }) => {
                schema.push(member("contentEncoding", text("base64")));
                if json {
                    schema.push(member("contentMediaType", text("application/json")));
                }
            }
            Some(Finding::JsonText) => schema.push(member("contentMediaType", text("application/json"))),
            Some(Finding::OpenEnum(values)) => schema.push(member("x-open-enum", Json::Array(values.iter().map(|value| text(value)).collect()))),
            _ => {}
        }
        schema
    }

    fn array(&mut self, path: &str, node: &Node, owner: &str, hint: &str) -> Vec<(String, Json)> {
        let mut schema = vec![member("type", text("array"))];
        match node.items.as_deref() {
            Some(items) if !items.values.is_empty() => {
                let item = self.schema(&format!("{path}/*"), items, owner, &singular(hint, "Item"));
                if !item.is_empty() {
                    schema.push(member("items", Json::Object(item)));
                }
            }
            _ => self.notes.push(format!("{path}: only empty arrays seen: items of any JSON")),
        }
        schema
    }

    fn object(&mut self, path: &str, node: &Node, owner: &str, hint: &str) -> Vec<(String, Json)> {
        match &node.object {
            Some(ObjectPool::Map { evidence, values, .. }) => {
                self.detections
                    .push(Reported { path: path.to_owned(), detection: Detection { finding: Finding::Map, evidence: evidence.clone(), applied: true } });
                let value = self.schema(&format!("{path}/*"), values, owner, &singular(hint, "Value"));
                vec![member("type", text("object")), member("additionalProperties", Json::Object(value))]
            }
            Some(ObjectPool::Record { objects, members }) if !members.is_empty() => match self.placement {
                Placement::Inline => self.record(path, members, *objects, owner),
                Placement::Definitions => {
                    let name = self.unique_name(hint, owner);
                    let slot = self.definitions.len();
                    self.definitions.push((name.clone(), Json::Null));
                    let mut definition = vec![member("description", text(TODO))];
                    definition.extend(self.record(path, members, *objects, &name));
                    self.definitions[slot].1 = Json::Object(definition);
                    vec![member("$ref", text(&format!("#/$defs/{name}")))]
                }
            },
            _ => {
                self.notes.push(format!("{path}: only empty objects seen: any JSON object"));
                vec![member("type", text("object"))]
            }
        }
    }

    /// A value sent alone or in an array of such values (IAM policy
    /// `Action`): `oneOf: [X, {"type": "array", "items": X}]`.
    fn one_or_many(&mut self, path: &str, node: &Node, owner: &str, hint: &str) -> Option<Vec<(String, Json)>> {
        let items = node.items.as_deref()?;
        let singles: Vec<&Json> = node.non_null().filter(|value| !matches!(value, Json::Array(_))).collect();
        let pooled: Vec<&Json> = singles.iter().copied().chain(items.non_null()).collect();
        let kinds: BTreeSet<Kind> = pooled
            .iter()
            .map(|value| match Kind::of(value) {
                Kind::Integer => Kind::Number,
                kind => kind,
            })
            .collect();
        if kinds.len() != 1 || kinds.contains(&Kind::Array) {
            return None;
        }
        let pool = observe(pooled, node.key.as_deref(), node.depth + 1);
        let mut one = self.schema(path, &pool, owner, hint);
        // Lowering requires both alternatives to be the same type, and an
        // object or enum written twice would be two types: it must be one
        // definition, referenced twice.
        let named = one.iter().any(|(key, _)| key == "properties" || key == "x-open-enum");
        if one.is_empty() || named && self.placement == Placement::Inline {
            return None;
        }
        if named {
            let name = self.unique_name(hint, owner);
            let mut definition = vec![member("description", text(TODO))];
            definition.extend(one);
            self.definitions.push((name.clone(), Json::Object(definition)));
            one = vec![member("$ref", text(&format!("#/$defs/{name}")))];
        }
        let many = Json::Object(vec![member("type", text("array")), member("items", Json::Object(one.clone()))]);
        Some(vec![member("oneOf", Json::Array(vec![Json::Object(one), many]))])
    }

    /// A type name for an object found under `hint`: the shape's prefix and
    /// the hint, else the owning type's name and the hint, else numbered.
    fn unique_name(&mut self, hint: &str, owner: &str) -> String {
        let hint = if hint.is_empty() { "Object" } else { hint };
        let prefixed = if hint.starts_with(&self.prefix) { hint.to_owned() } else { format!("{}{hint}", self.prefix) };
        let owned = format!("{owner}{hint}");
        let numbered = (2..).map(|number| format!("{owned}{number}"));
        let name = [prefixed, owned.clone()].into_iter().chain(numbered).find(|name| naming::is_type_name(name) && !self.taken.contains(name)).unwrap_or(owned);
        self.taken.insert(name.clone());
        name
    }
}

/// The schema made nullable: `null` added to `type`, or a reference wrapped
/// in `oneOf`. `None` when the schema cannot say it (a one-or-many `oneOf`).
fn nullable(mut schema: Vec<(String, Json)>) -> Option<Vec<(String, Json)>> {
    if let Some((_, json_type)) = schema.iter_mut().find(|(key, _)| key == "type") {
        *json_type = Json::Array(vec![json_type.clone(), text("null")]);
        return Some(schema);
    }
    if let [(key, reference)] = schema.as_slice() {
        if key == "$ref" {
            let alternatives = vec![Json::Object(vec![member("$ref", reference.clone())]), Json::Object(vec![member("type", text("null"))])];
            return Some(vec![member("oneOf", Json::Array(alternatives))]);
        }
    }
    None
}

/// The `x-rust-field` a JSON name needs, if its snake_case is not a usable,
/// unused field name; records the field name used in `fields`.
fn rust_field(key: &str, fields: &mut BTreeSet<String>) -> Option<String> {
    let snake = naming::snake_case(key);
    let mut field = snake.clone();
    if !naming::is_usable_field(&field) {
        field.push('_');
    }
    if !naming::is_usable_field(&field) {
        field = format!("field_{}", field.chars().filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_').collect::<String>());
    }
    if fields.contains(&field) {
        let base = field.clone();
        field = (2..).map(|number| format!("{base}_{number}")).find(|candidate| !fields.contains(candidate)).unwrap_or(base);
    }
    fields.insert(field.clone());
    (field != snake).then_some(field)
}

/// The type-name hint of a member: its UpperCamelCase.
fn type_hint(key: &str) -> String {
    naming::upper_camel(key)
}

/// The name of one item or value of a collection named `hint`: `Records` →
/// `Record`; when the name is not a plural, `suffix` is appended.
fn singular(hint: &str, suffix: &str) -> String {
    if let Some(stem) = hint.strip_suffix("ies") {
        return format!("{stem}y");
    }
    match hint.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_owned(),
        _ => format!("{hint}{suffix}"),
    }
}
