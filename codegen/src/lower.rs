//! Lowering: schemas → the typed model of `ir`.
//!
//! Every schema object is checked against the keywords it may carry in its
//! place (the meta-schema checks the vocabulary; this checks the grammar:
//! `x-tag` only beside `oneOf`, `x-rust-field` only on a property, …), and
//! every refusal names the file and JSON pointer. Lowering never panics on a
//! schema: each step either returns a type or records an error and goes on,
//! so that one run reports every problem.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{pointer_segment, SchemaError, SchemaErrors};
use crate::ir::{
    Behaviour, EnumVariant, Field, KeyedVariant, MemberVariant, Model, Origin, Payload, Shape, TimestampFormat, TypeDef, TypeKind, TypeRef, UnionVariant,
};
use crate::json::Json;
use crate::load::{Catalog, FileKind, TagAlternative};
use crate::naming;

/// Keywords that document or validate but do not change the Rust type.
const PASSIVE_KEYWORDS: &[&str] = &[
    "$schema",
    "$comment",
    "$defs",
    "title",
    "description",
    "examples",
    "const",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];
/// Keywords that shape the Rust type.
const TYPE_KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "oneOf",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "allOf",
    "x-rust-name",
    "x-rust-field",
    "x-open-enum",
    "x-variant-names",
    "x-timestamp",
    "x-bytes",
    "x-tag",
    "x-keyed",
    "x-payload",
    "x-compression",
    "x-detect",
    "x-behaviour",
];
/// Keywords only `x-detect` may use: they choose between documents, and have no Rust type.
const DETECT_KEYWORDS: &[&str] = &["enum", "anyOf", "not", "contains"];

/// A place in the catalogue: a file and a JSON pointer in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Loc {
    file: String,
    pointer: String,
}

impl Loc {
    fn child(&self, segment: &str) -> Loc {
        Loc { file: self.file.clone(), pointer: format!("{}/{}", self.pointer, pointer_segment(segment)) }
    }
    fn error(&self, message: impl Into<String>) -> SchemaError {
        SchemaError::new(&self.file, &self.pointer, message)
    }
    fn origin(&self) -> Origin {
        Origin { file: self.file.clone(), pointer: self.pointer.clone() }
    }
}

/// What a schema is to its parent: it decides which keywords it may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    ShapeRoot,
    Property,
    Other,
}

pub fn lower(catalog: &Catalog) -> Result<Model, SchemaErrors> {
    let mut lowerer = Lowerer {
        catalog,
        model: Model::default(),
        named: BTreeMap::new(),
        visited: BTreeSet::new(),
        ref_stack: Vec::new(),
        open_types: 0,
        errors: Vec::new(),
    };
    for file in catalog.files.values() {
        if !naming::is_module_name(&file.module) {
            let message = format!(
                "the folder `{}` is the Rust module of the types defined here: name it in lower_snake_case, starting with a letter, and not a Rust keyword",
                file.module
            );
            lowerer.errors.push(SchemaError::new(&file.path, "", message));
        }
    }
    for (id, file) in catalog.shapes() {
        let root = Loc { file: file.path.clone(), pointer: String::new() };
        let Some(name) = file.tree.get("x-rust-name").and_then(Json::as_str) else {
            lowerer.errors.push(root.error("a shape's root needs `x-rust-name`"));
            continue;
        };
        let Some(ty) = lowerer.lower_schema(&root, &file.tree, name, Place::ShapeRoot) else { continue };
        let type_name = match ty {
            TypeRef::Named(named) if named == name => named,
            _ if !naming::is_type_name(name) => {
                lowerer.errors.push(root.child("x-rust-name").error(format!("`{name}` is not a Rust type name (UpperCamelCase, not a keyword)")));
                continue;
            }
            target => {
                let doc = description(&file.tree);
                lowerer.define(
                    &root,
                    TypeDef {
                        name: name.to_owned(),
                        module: file.module.clone(),
                        origin: root.origin(),
                        doc,
                        kind: TypeKind::Alias { target },
                        features: BTreeSet::new(),
                    },
                );
                name.to_owned()
            }
        };
        let title = file.value.get("title").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
        lowerer.model.shapes.insert(id.clone(), Shape { id: id.clone(), type_name, title });
    }
    lowerer.check_definitions_used();
    lowerer.mark_features();
    lowerer.model.find_common_members();
    if lowerer.errors.is_empty() {
        Ok(lowerer.model)
    } else {
        lowerer.errors.sort();
        lowerer.errors.dedup();
        Err(SchemaErrors(lowerer.errors))
    }
}

struct Lowerer<'a> {
    catalog: &'a Catalog,
    model: Model,
    /// The named type each lowered schema location became.
    named: BTreeMap<Loc, String>,
    /// Every schema location lowered through a `$ref`, to find unused definitions.
    visited: BTreeSet<Loc>,
    /// The `$ref`s being followed, each with the number of named types open
    /// when it was entered.
    ref_stack: Vec<(Loc, usize)>,
    /// Named types whose fields are being lowered: a `$ref` cycle that passes
    /// through one of them ends there (a recursive type), not in an infinitely deep schema.
    open_types: usize,
    errors: Vec<SchemaError>,
}

fn description(schema: &Json) -> String {
    schema.get("description").and_then(Json::as_str).unwrap_or_default().to_owned()
}

impl<'a> Lowerer<'a> {
    fn define(&mut self, at: &Loc, def: TypeDef) {
        if let Some(existing) = self.model.types.get(&def.name) {
            let message = format!(
                "the type name `{}` is already used by schemas/{}#{}; give one of them another `x-rust-name`",
                def.name, existing.origin.file, existing.origin.pointer
            );
            self.errors.push(at.error(message));
            return;
        }
        self.model.types.insert(def.name.clone(), def);
    }

    fn module_of(&self, at: &Loc) -> String {
        self.catalog.files.get(&at.file).map(|file| file.module.clone()).unwrap_or_default()
    }

    fn check_keywords(&mut self, at: &Loc, members: &[(String, Json)], place: Place) {
        for (keyword, _) in members {
            let known = PASSIVE_KEYWORDS.contains(&keyword.as_str()) || TYPE_KEYWORDS.contains(&keyword.as_str());
            if DETECT_KEYWORDS.contains(&keyword.as_str()) {
                self.errors.push(
                    at.child(keyword).error(format!("`{keyword}` is only allowed inside `x-detect`: value sets AWS controls are open (use `x-open-enum`)")),
                );
            } else if !known {
                self.errors.push(at.child(keyword).error(format!("unknown keyword `{keyword}` (see schemas/README.md for the closed set)")));
            } else if keyword == "x-detect" && place != Place::ShapeRoot {
                self.errors.push(at.child(keyword).error("`x-detect` belongs on a shape's root only"));
            } else if (keyword == "x-rust-field" || keyword == "x-payload") && place != Place::Property {
                self.errors.push(at.child(keyword).error(format!("`{keyword}` belongs on a property only")));
            }
        }
        let has = |keyword: &str| members.iter().any(|(name, _)| name == keyword);
        for (keyword, needs) in [("x-tag", "oneOf"), ("x-keyed", "oneOf"), ("contentSchema", "contentMediaType"), ("x-behaviour", "properties")] {
            if has(keyword) && !has(needs) {
                self.errors.push(at.child(keyword).error(format!("`{keyword}` needs `{needs}` beside it")));
            }
        }
        if has("x-compression") && !(has("contentEncoding") && has("contentMediaType")) {
            self.errors.push(at.child("x-compression").error(
                "`x-compression` says that the bytes of a base64 JSON member are compressed: it needs `contentEncoding: \"base64\"` and `contentMediaType: \"application/json\"` beside it",
            ));
        }
        if let Some((_, content_schema)) = members.iter().find(|(keyword, _)| keyword == "contentSchema") {
            if !self.names_a_shape(at, content_schema) {
                self.errors.push(at.child("contentSchema").error(
                    "`contentSchema` names the shape of the carried document: a `$ref` to the root of a shape's schema (`{\"$ref\": \"data.schema.json\"}`)",
                ));
            }
        }
        if has("x-variant-names") && !has("x-open-enum") && !has("x-keyed") && !has("x-tag") {
            self.errors.push(at.child("x-variant-names").error("`x-variant-names` needs `x-open-enum`, `x-keyed` or `x-tag` beside it"));
        }
        if has("x-tag") && has("x-keyed") {
            self.errors.push(at.child("x-keyed").error("a union is told apart by `x-tag` or by `x-keyed`, not both"));
        }
        if has("$ref") {
            for (keyword, _) in members {
                let allowed = ["$ref", "$comment", "description", "title", "examples", "x-rust-field"];
                let root_only = ["$schema", "x-rust-name", "x-detect"];
                let allowed_here = allowed.contains(&keyword.as_str()) || (place == Place::ShapeRoot && root_only.contains(&keyword.as_str()));
                if !allowed_here {
                    self.errors.push(at.child(keyword).error(format!(
                        "`{keyword}` beside `$ref`: put it in the referenced schema, or use `oneOf` with a `null` alternative for a nullable reference"
                    )));
                }
            }
        }
    }

    /// Whether `schema` (written at `at`) is a `$ref` to the root of a shape's schema.
    fn names_a_shape(&self, at: &Loc, schema: &Json) -> bool {
        let Some(reference) = schema.get("$ref").and_then(Json::as_str) else { return false };
        let Ok((file, pointer, _)) = self.catalog.resolve(&at.file, reference) else { return false };
        pointer.is_empty() && matches!(self.catalog.files.get(&file).map(|file| &file.kind), Some(FileKind::Shape(_)))
    }

    /// Reads `type` as one JSON type plus whether `null` is allowed.
    fn json_type(&mut self, at: &Loc, schema: &Json) -> Option<(Option<String>, bool)> {
        match schema.get("type") {
            None => Some((None, false)),
            Some(Json::String(single)) => Some((Some(single.clone()), false)),
            Some(Json::Array(types)) => {
                let names: Vec<&str> = types.iter().filter_map(Json::as_str).collect();
                let nullable = names.contains(&"null");
                let others: Vec<&str> = names.into_iter().filter(|name| *name != "null").collect();
                match others.as_slice() {
                    [] => Some((Some("null".to_owned()), false)),
                    [single] => Some((Some((*single).to_owned()), nullable)),
                    // A timestamp sent in several forms: `lower_typed` checks them against its format.
                    several if schema.get("x-timestamp").is_some() => Some((Some(several.join("|")), nullable)),
                    _ => {
                        self.errors
                            .push(at.child("type").error("a value of several JSON types has no Rust type: use one type (plus \"null\"), or `{}` for any JSON"));
                        None
                    }
                }
            }
            Some(_) => {
                self.errors.push(at.child("type").error("`type` must be a string or an array of strings"));
                None
            }
        }
    }

    fn lower_schema(&mut self, at: &Loc, schema: &Json, hint: &str, place: Place) -> Option<TypeRef> {
        let members = match schema {
            Json::Bool(true) => return Some(TypeRef::Any),
            Json::Object(members) => members,
            _ => {
                self.errors.push(at.error("a schema must be an object or `true`"));
                return None;
            }
        };
        self.check_keywords(at, members, place);
        if let Some(name) = self.named.get(at) {
            return Some(TypeRef::Named(name.clone()));
        }
        let (json_type, nullable) = self.json_type(at, schema)?;
        let explicit_name = schema.get("x-rust-name").and_then(Json::as_str);
        let has_properties = schema.get("properties").is_some();
        let is_named_kind = (json_type.as_deref() == Some("object") && has_properties)
            || schema.get("x-open-enum").is_some()
            || schema.get("x-tag").is_some()
            || schema.get("x-keyed").is_some();
        if explicit_name.is_some() && !is_named_kind && place != Place::ShapeRoot {
            self.errors.push(
                at.child("x-rust-name")
                    .error("`x-rust-name` names an object with properties, an `x-open-enum`, or an `x-tag` or `x-keyed` union; this schema is none of them"),
            );
        }
        let name = explicit_name.unwrap_or(hint).to_owned();
        let ty = if let Some(reference) = schema.get("$ref") {
            self.lower_ref(at, reference)?
        } else if let Some(alternatives) = schema.get("oneOf").filter(|_| !has_properties) {
            self.lower_one_of(at, schema, alternatives, &name)?
        } else if has_properties && json_type.as_deref() != Some("object") {
            self.errors.push(at.child("properties").error("`properties` needs `\"type\": \"object\"`"));
            return None;
        } else {
            self.lower_typed(at, schema, json_type.as_deref(), &name)?
        };
        Some(if nullable { TypeRef::Option(Box::new(ty)) } else { ty })
    }

    fn lower_typed(&mut self, at: &Loc, schema: &Json, json_type: Option<&str>, name: &str) -> Option<TypeRef> {
        let timestamp = match schema.get("x-timestamp").and_then(Json::as_str) {
            Some(keyword) => Some(TimestampFormat::from_keyword(keyword).or_else(|| {
                self.errors.push(at.child("x-timestamp").error(format!("unknown timestamp format `{keyword}`")));
                None
            })?),
            None => None,
        };
        if let Some(format) = timestamp {
            let types: Vec<&str> = json_type.map(|types| types.split('|').collect()).unwrap_or_default();
            if !format.fits(&types) {
                let expected = format.json_types().join(" or ");
                self.errors
                    .push(at.child("x-timestamp").error(format!("this timestamp format is written as a JSON {expected}, but `type` says {json_type:?}")));
                return None;
            }
            return Some(TypeRef::Timestamp(format));
        }
        if json_type != Some("string") {
            for keyword in ["x-open-enum", "contentEncoding", "contentMediaType"] {
                if schema.get(keyword).is_some() {
                    self.errors.push(at.child(keyword).error(format!("`{keyword}` needs `\"type\": \"string\"`")));
                    return None;
                }
            }
        }
        match json_type {
            None | Some("null") => Some(TypeRef::Any),
            Some("boolean") => Some(TypeRef::Bool),
            Some("integer") => Some(TypeRef::Integer),
            Some("number") => Some(TypeRef::Number),
            Some("string") => self.lower_string(at, schema, name),
            Some("array") if schema.get("x-bytes").is_some() => self.lower_byte_ints(at, schema),
            Some("array") => match schema.get("items") {
                Some(items) => {
                    let item = self.lower_schema(&at.child("items"), items, &format!("{name}Item"), Place::Other)?;
                    Some(TypeRef::Array(Box::new(item)))
                }
                None => Some(TypeRef::Array(Box::new(TypeRef::Any))),
            },
            Some("object") => self.lower_object(at, schema, name),
            Some(other) => {
                self.errors.push(at.child("type").error(format!("unknown JSON type `{other}`")));
                None
            }
        }
    }

    /// `x-bytes: integers` (the meta-schema's one value) on an array of
    /// integers: the bytes of a value, each an integer of `-128..=255`
    /// (`codec::ByteInts` checks the range, so the schema must say it too:
    /// one verdict).
    fn lower_byte_ints(&mut self, at: &Loc, schema: &Json) -> Option<TypeRef> {
        let items = schema.get("items");
        let bound = |keyword: &str| match items.and_then(|items| items.get(keyword)) {
            Some(Json::Number(number)) => number.as_i64(),
            _ => None,
        };
        let integers = items.and_then(|items| items.get("type")).and_then(Json::as_str) == Some("integer");
        if !integers || bound("minimum") != Some(-128) || bound("maximum") != Some(255) {
            self.errors.push(
                at.child("items")
                    .error("`x-bytes: integers` needs `items` of `\"type\": \"integer\"` with `minimum` -128 and `maximum` 255, the range its type reads"),
            );
            return None;
        }
        Some(TypeRef::ByteInts)
    }

    fn lower_string(&mut self, at: &Loc, schema: &Json, name: &str) -> Option<TypeRef> {
        if schema.get("contentEncoding").is_some() {
            return Some(TypeRef::Base64);
        }
        let Some(values) = schema.get("x-open-enum") else { return Some(TypeRef::String) };
        let values: Vec<&str> = values.as_array().unwrap_or_default().iter().filter_map(Json::as_str).collect();
        self.check_renames(at, schema, &values);
        let mut variants: Vec<EnumVariant> = Vec::new();
        for (index, value) in values.iter().enumerate() {
            let rust_name = naming::variant_name(schema, value);
            let here = at.child("x-open-enum").child(&index.to_string());
            if !naming::is_usable_variant(&rust_name) {
                self.errors.push(here.error(format!("the value {value:?} makes no usable variant name ({rust_name:?}); name it in `x-variant-names`")));
            } else if let Some(clash) = variants.iter().find(|variant| variant.rust_name == rust_name) {
                self.errors
                    .push(here.error(format!("the values {:?} and {value:?} both make the variant `{rust_name}`; name one in `x-variant-names`", clash.value)));
            } else {
                variants.push(EnumVariant { rust_name, value: (*value).to_owned() });
            }
        }
        if variants.is_empty() {
            self.errors.push(at.child("x-open-enum").error("an open enum needs at least one known value"));
            return None;
        }
        self.define_named(at, schema, name, TypeKind::OpenEnum { variants });
        Some(TypeRef::Named(name.to_owned()))
    }

    /// Every key of `x-variant-names` must be one of the values it renames.
    fn check_renames(&mut self, at: &Loc, schema: &Json, values: &[&str]) {
        for (value, _) in schema.get("x-variant-names").and_then(Json::as_object).unwrap_or_default() {
            if !values.contains(&value.as_str()) {
                self.errors.push(at.child("x-variant-names").child(value).error(format!("`{value}` names no value of this enum or union")));
            }
        }
    }

    fn define_named(&mut self, at: &Loc, schema: &Json, name: &str, kind: TypeKind) {
        if !naming::is_type_name(name) {
            self.errors.push(at.error(format!("`{name}` is not a Rust type name (UpperCamelCase); set `x-rust-name`")));
            return;
        }
        let doc = description(schema);
        let module = self.module_of(at);
        self.named.insert(at.clone(), name.to_owned());
        self.define(at, TypeDef { name: name.to_owned(), module, origin: at.origin(), doc, kind, features: BTreeSet::new() });
    }

    /// The fields of the objects an `allOf` lists, in order, and their
    /// behaviours: how shapes share a common set of members (the Cognito
    /// trigger header) and what is read through them without copying either.
    /// The listed objects become types of their own, which the emitter leaves
    /// out when nothing names them.
    fn inherited_fields(&mut self, at: &Loc, schema: &Json) -> (Vec<Field>, Vec<Behaviour>) {
        let mut fields: Vec<Field> = Vec::new();
        let mut behaviours: Vec<Behaviour> = Vec::new();
        for (index, part) in schema.get("allOf").and_then(Json::as_array).unwrap_or_default().iter().enumerate() {
            let here = at.child("allOf").child(&index.to_string());
            let lowered = match part.get("$ref") {
                Some(reference) => self.lower_ref(&here, reference),
                None => None,
            };
            let inherited = match &lowered {
                Some(TypeRef::Named(name)) => match self.model.types.get(name).map(|def| &def.kind) {
                    Some(TypeKind::Struct { fields, behaviours }) => Some((fields.clone(), behaviours.clone())),
                    _ => None,
                },
                _ => None,
            };
            let Some((inherited, inherited_behaviours)) = inherited else {
                self.errors.push(here.error("each item of `allOf` is a `$ref` to an object schema with `properties`"));
                continue;
            };
            for field in inherited {
                if fields.iter().any(|existing| existing.rust_name == field.rust_name) {
                    self.errors.push(here.error(format!("the field `{}` comes from two `allOf` items", field.rust_name)));
                } else {
                    fields.push(field);
                }
            }
            for behaviour in inherited_behaviours {
                if !behaviours.contains(&behaviour) {
                    behaviours.push(behaviour);
                }
            }
        }
        (fields, behaviours)
    }

    /// The behaviours an object declares with `x-behaviour`: names of macros
    /// in the events crate's `behaviour` module, each with the member it is
    /// about when it names one (`response_mut(response)`), which must be a
    /// member of the object.
    fn declared_behaviours(&mut self, at: &Loc, schema: &Json, fields: &[Field]) -> Vec<Behaviour> {
        let Some(declared) = schema.get("x-behaviour") else { return Vec::new() };
        let mut behaviours = Vec::new();
        let items = declared.as_array().filter(|items| !items.is_empty());
        let Some(items) = items else {
            self.errors.push(at.child("x-behaviour").error("`x-behaviour` is a non-empty list of names of macros in the events crate's `behaviour` module"));
            return behaviours;
        };
        for (index, item) in items.iter().enumerate() {
            let here = at.child("x-behaviour").child(&index.to_string());
            let text = item.as_str().unwrap_or_default();
            let (name, member) = match text.strip_suffix(')').and_then(|text| text.split_once('(')) {
                Some((name, member)) => (name, Some(member)),
                None => (text, None),
            };
            if !naming::is_module_name(name) {
                self.errors.push(here.error(format!(
                    "`{text}` is no behaviour: the snake_case name of a macro in the events crate's `behaviour` module, optionally with a member in parentheses (`response_mut(response)`)"
                )));
                continue;
            }
            if let Some(member) = member {
                if !fields.iter().any(|field| field.json_name == member) {
                    self.errors.push(here.error(format!("`{member}` is not a member of this object (nor of the objects its `allOf` lists)")));
                    continue;
                }
            }
            let behaviour = Behaviour { name: name.to_owned(), member: member.map(str::to_owned) };
            if behaviours.contains(&behaviour) {
                self.errors.push(here.error(format!("`{text}` is declared twice")));
                continue;
            }
            behaviours.push(behaviour);
        }
        behaviours
    }

    fn lower_object(&mut self, at: &Loc, schema: &Json, name: &str) -> Option<TypeRef> {
        let additional = schema.get("additionalProperties");
        if schema.get("allOf").is_some() && schema.get("properties").is_none() {
            self.errors.push(at.child("allOf").error("`allOf` extends an object: it needs `properties` (use `{}` when the object adds none)"));
            return None;
        }
        let Some(properties) = schema.get("properties") else {
            return match additional {
                None => Some(TypeRef::JsonObject),
                Some(values) => {
                    let value = self.lower_schema(&at.child("additionalProperties"), values, &format!("{name}Value"), Place::Other)?;
                    Some(TypeRef::Map(Box::new(value)))
                }
            };
        };
        if additional.is_some() {
            self.errors.push(
                at.child("additionalProperties")
                    .error("an object with `properties` keeps unknown members by itself; `additionalProperties` beside `properties` is not supported"),
            );
            return None;
        }
        // Registered before the fields are lowered, so that a recursive
        // reference (a DynamoDB `M` holding attribute values) finds the name.
        self.named.insert(at.clone(), name.to_owned());
        self.open_types += 1;
        let required: Vec<&str> = schema.get("required").and_then(Json::as_array).unwrap_or_default().iter().filter_map(Json::as_str).collect();
        let members = properties.as_object().unwrap_or_default();
        // `required` may name members of the objects an `allOf` lists: every
        // REST request has a `resource` that the shared members leave optional.
        let (mut fields, mut behaviours) = self.inherited_fields(at, schema);
        for name_required in &required {
            if let Some(field) = fields.iter_mut().find(|field| field.json_name == *name_required) {
                if let (TypeRef::Option(inner), false) = (&field.ty, field.nullable) {
                    field.ty = (**inner).clone();
                }
            } else if !members.iter().any(|(json_name, _)| json_name == name_required) {
                self.errors
                    .push(at.child("required").error(format!("`{name_required}` is required but not among `properties` (or those of the `allOf` objects)")));
            }
        }
        for (json_name, property) in members {
            let here = at.child("properties").child(json_name);
            let rust_name = naming::field_name(json_name, property);
            // The emitter names a member's key after the field's UpperCamelCase.
            let key_name = naming::upper_camel(&rust_name);
            if !naming::is_usable_field(&rust_name) {
                self.errors.push(here.error(format!("`{json_name}` makes no usable field name (`{rust_name}`); choose one with `x-rust-field`")));
                continue;
            }
            if let Some(clash) = fields.iter().find(|field| naming::upper_camel(&field.rust_name) == key_name || field.json_name == *json_name) {
                let message = if clash.rust_name == rust_name {
                    format!(
                        "`{json_name}` and `{}` both make the field `{rust_name}` (perhaps through `allOf`); rename one with `x-rust-field`",
                        clash.json_name
                    )
                } else {
                    format!("`{json_name}` makes the field `{rust_name}`, which the field `{}` of `{}` clashes with (both are `{key_name}` in UpperCamelCase); rename one with `x-rust-field`", clash.rust_name, clash.json_name)
                };
                self.errors.push(here.error(message));
                continue;
            }
            let hint = naming::nested_type_name(name, json_name);
            let Some(ty) = self.lower_schema(&here, property, &hint, Place::Property) else { continue };
            let nullable = matches!(ty, TypeRef::Option(_));
            let ty = match ty {
                TypeRef::Option(_) => ty,
                ty if required.contains(&json_name.as_str()) => ty,
                ty => TypeRef::Option(Box::new(ty)),
            };
            let payload =
                if property.get("contentMediaType").is_some() {
                    match property.get("x-compression").and_then(Json::as_str) {
                        None => Some(Payload::JsonText),
                        // Always compressed: no generated accessor reads the bytes as JSON; the source's helpers inflate them.
                        Some("gzip") => None,
                        Some("gzip-if-magic") => Some(Payload::JsonTextOrGzip),
                        Some(other) => {
                            self.errors.push(here.child("x-compression").error(format!("unknown compression `{other}`: `gzip` or `gzip-if-magic`")));
                            continue;
                        }
                    }
                } else if property.get("x-payload").is_some() {
                    let inner = match &ty {
                        TypeRef::Option(inner) => inner.as_ref(),
                        ty => ty,
                    };
                    if *inner != TypeRef::Any {
                        self.errors.push(here.child("x-payload").error(
                            "`x-payload` marks a member of any JSON (`{}`) that carries a document; a JSON document in a string uses `contentMediaType`",
                        ));
                        continue;
                    }
                    Some(Payload::Embedded)
                } else {
                    None
                };
            let constant = property.get("const").and_then(Json::as_str).map(str::to_owned);
            fields.push(Field { json_name: json_name.clone(), rust_name, doc: description(property), ty, nullable, payload, constant });
        }
        if schema.get("oneOf").is_some() {
            self.lower_member_union(at, schema, name, &mut fields);
        }
        for behaviour in self.declared_behaviours(at, schema, &fields) {
            if !behaviours.contains(&behaviour) {
                behaviours.push(behaviour);
            }
        }
        // The shared visitor (`de::object`) tracks the members it has seen in a `u128`.
        const MAX_MEMBERS: usize = 128;
        if fields.len() > MAX_MEMBERS {
            self.errors.push(
                at.child("properties").error(format!("an object has at most {MAX_MEMBERS} members, inherited ones included; this one has {}", fields.len())),
            );
        }
        self.named.remove(at);
        self.open_types -= 1;
        self.define_named(at, schema, name, TypeKind::Struct { fields, behaviours });
        Some(TypeRef::Named(name.to_owned()))
    }

    /// `oneOf` is either a nullable reference (`[{$ref}, {"type": "null"}]`)
    /// or, with `x-tag`, a union of objects told apart by one member.
    fn lower_one_of(&mut self, at: &Loc, schema: &Json, alternatives: &Json, name: &str) -> Option<TypeRef> {
        let alternatives = alternatives.as_array().unwrap_or_default();
        if schema.get("x-keyed").is_some() {
            return self.lower_keyed(at, schema, alternatives, name);
        }
        let Some(tag) = schema.get("x-tag").and_then(Json::as_str) else {
            return self.lower_untagged(at, alternatives, name);
        };
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut type_names: Vec<String> = Vec::new();
        for alternative in self.tag_alternatives(at, schema, tag) {
            let here = at.child("oneOf").child(&variants.len().to_string());
            // `tag_alternatives` refuses an alternative of a union that is not a `$ref`.
            let Some(reference) = alternative.reference.clone() else { continue };
            let Some(TypeRef::Named(type_name)) = self.lower_ref(&here, &Json::String(reference)) else {
                self.errors.push(here.error("an alternative of an `x-tag` union must be an object with `properties`"));
                continue;
            };
            for value in &alternative.values {
                if variants.iter().any(|variant| variant.tag_values.contains(value)) {
                    self.errors.push(here.error(format!("the tag value {value:?} selects two alternatives")));
                }
            }
            let rust_name = match (schema.get("x-variant-names").and_then(|names| names.get(&type_name)), alternative.values.as_slice()) {
                (Some(Json::String(rust_name)), _) => rust_name.clone(),
                (_, [single]) => naming::upper_camel(single),
                _ => type_name.clone(),
            };
            if !naming::is_usable_variant(&rust_name) || variants.iter().any(|variant| variant.rust_name == rust_name) {
                self.errors.push(here.error(format!(
                    "the alternative makes no usable or unique variant name (`{rust_name}`); name it in `x-variant-names` (keyed by type name)"
                )));
                continue;
            }
            type_names.push(type_name.clone());
            variants.push(UnionVariant { rust_name, tag_values: alternative.values, tag_prefix: alternative.prefix, type_name });
        }
        let type_names: Vec<&str> = type_names.iter().map(String::as_str).collect();
        self.check_renames(at, schema, &type_names);
        self.define_named(at, schema, name, TypeKind::Union { tag: tag.to_owned(), variants, common: Vec::new() });
        Some(TypeRef::Named(name.to_owned()))
    }

    /// `oneOf` with `x-tag` beside `properties`: a member union. Each
    /// alternative is written in place and pairs a value of the tag member
    /// with the schema of one other member, the same in every alternative
    /// (EventBridge's `detail`, whose type its `detail-type` names). That
    /// member's field becomes an enum of those types plus `Unknown`; the
    /// object keeps every other field, the tag included.
    fn lower_member_union(&mut self, at: &Loc, schema: &Json, name: &str, fields: &mut [Field]) {
        let Some(tag) = schema.get("x-tag").and_then(Json::as_str) else {
            self.errors.push(
                at.child("oneOf")
                    .error("`oneOf` beside `properties` is a member union: it needs `x-tag`, the member whose value chooses the type of another member"),
            );
            return;
        };
        let Some(tag_field) = fields.iter().position(|field| field.json_name == tag) else {
            self.errors.push(at.child("x-tag").error(format!("`{tag}` is not a member of this object (nor of the objects its `allOf` lists)")));
            return;
        };
        if fields[tag_field].ty != TypeRef::String {
            self.errors.push(
                at.child("x-tag")
                    .error(format!("the tag `{tag}` of a member union is a required string member, without `x-open-enum`: its alternatives name the values")),
            );
            return;
        }
        let written = schema.get("oneOf").and_then(Json::as_array).unwrap_or_default();
        let mut member: Option<String> = None;
        let mut variants: Vec<MemberVariant> = Vec::new();
        let mut first_values: Vec<String> = Vec::new();
        for alternative in self.tag_alternatives(at, schema, tag) {
            let here = at.child("oneOf").child(&alternative.index.to_string());
            let Some(alternative_schema) = written.get(alternative.index) else { continue };
            self.check_keywords(&here, alternative_schema.as_object().unwrap_or_default(), Place::Other);
            if alternative.prefix.is_some() {
                self.errors.push(
                    here.child("properties")
                        .child(tag)
                        .child("pattern")
                        .error("a member union chooses by exact tag values; a `pattern` prefix is not supported here"),
                );
                continue;
            }
            let properties = alternative_schema.get("properties").and_then(Json::as_object).unwrap_or_default();
            let typed: Vec<&(String, Json)> = properties.iter().filter(|(key, _)| key != tag).collect();
            let [(key, property)] = typed.as_slice() else {
                self.errors.push(
                    here.child("properties")
                        .error(format!("an alternative of a member union has two properties: the tag `{tag}` and the member whose type it chooses")),
                );
                continue;
            };
            match &member {
                Some(expected) if expected != key => {
                    self.errors.push(
                        here.child("properties")
                            .child(key)
                            .error(format!("every alternative of a member union types the same member: `{expected}` in the first, `{key}` here")),
                    );
                    continue;
                }
                Some(_) => {}
                None => member = Some(key.clone()),
            }
            let required: Vec<&str> = alternative_schema.get("required").and_then(Json::as_array).unwrap_or_default().iter().filter_map(Json::as_str).collect();
            if !(required.contains(&tag) && required.contains(&key.as_str())) {
                self.errors.push(here.child("required").error(format!("an alternative of a member union requires both `{tag}` and `{key}`")));
            }
            let rust_name = naming::variant_name(schema, &alternative.values[0]);
            if !naming::is_usable_variant(&rust_name) || variants.iter().any(|variant| variant.rust_name == rust_name) {
                self.errors.push(here.error(format!(
                    "the alternative makes no usable or unique variant name (`{rust_name}`); name it in `x-variant-names` (keyed by its first tag value)"
                )));
                continue;
            }
            let property_at = here.child("properties").child(key);
            let hint = naming::nested_type_name(&format!("{name}{rust_name}"), key);
            let Some(ty) = self.lower_schema(&property_at, property, &hint, Place::Other) else { continue };
            first_values.push(alternative.values[0].clone());
            variants.push(MemberVariant { rust_name, tag_values: alternative.values, doc: description(property), ty });
        }
        let renamed: Vec<&str> = first_values.iter().map(String::as_str).collect();
        self.check_renames(at, schema, &renamed);
        let Some(member) = member else {
            self.errors.push(at.child("oneOf").error("a member union needs at least one alternative"));
            return;
        };
        let Some(member_field) = fields.iter().position(|field| field.json_name == member) else {
            self.errors.push(at.child("properties").error(format!("`{member}`, whose type the alternatives choose, is not a member of this object")));
            return;
        };
        if fields[member_field].ty != TypeRef::Any {
            self.errors.push(at.child("properties").child(&member).error(
                "the member a member union types is required and any JSON here (`{}` with a description): the alternatives give its types, and `Unknown` keeps the rest",
            ));
            return;
        }
        let union_name = naming::nested_type_name(name, &member);
        if !naming::is_type_name(&union_name) {
            self.errors.push(at.child("properties").child(&member).error(format!("`{union_name}` is not a Rust type name")));
            return;
        }
        let doc = format!(
            "What `{member}` holds, by the value of `{tag}` beside it; a `{tag}` the catalogue does not know (yet) keeps `{member}` as sent in `Unknown`."
        );
        let here = at.child("oneOf");
        let module = self.module_of(&here);
        let kind = TypeKind::MemberUnion { tag: tag.to_owned(), member: member.clone(), variants, common: Vec::new() };
        self.define(&here, TypeDef { name: union_name.clone(), module, origin: here.origin(), doc, kind, features: BTreeSet::new() });
        fields[member_field].ty = TypeRef::Named(union_name);
        // `Default` pairs the first alternative with its tag.
        fields[tag_field].constant = first_values.first().cloned();
    }

    /// The alternatives of an `x-tag` union or member union whose tag
    /// property names their values; the others are errors.
    fn tag_alternatives(&mut self, at: &Loc, schema: &Json, tag: &str) -> Vec<TagAlternative> {
        let mut alternatives = Vec::new();
        for alternative in self.catalog.tag_alternatives(&at.file, schema, tag) {
            match alternative {
                Ok(alternative) => alternatives.push(alternative),
                Err((index, message)) => self.errors.push(at.child("oneOf").child(&index.to_string()).error(message)),
            }
        }
        alternatives
    }

    /// A `oneOf` without a tag: a nullable value (`[X, {"type": "null"}]`) or
    /// a value sent alone or in an array (`[X, {"type": "array", "items": X}]`).
    fn lower_untagged(&mut self, at: &Loc, alternatives: &[Json], name: &str) -> Option<TypeRef> {
        let unsupported = "`oneOf` without `x-tag` or `x-keyed` is a nullable value (`[X, {\"type\": \"null\"}]`) or a value alone or in an array (`[X, {\"type\": \"array\", \"items\": X}]`)";
        let [first, second] = alternatives else {
            self.errors.push(at.child("oneOf").error(unsupported));
            return None;
        };
        let is_null = |alternative: &Json| alternative.get("type").and_then(Json::as_str) == Some("null");
        if is_null(first) || is_null(second) {
            let (index, inner) = if is_null(second) { (0, first) } else { (1, second) };
            let inner = self.lower_schema(&at.child("oneOf").child(&index.to_string()), inner, name, Place::Other)?;
            return Some(TypeRef::Option(Box::new(inner)));
        }
        let one = self.lower_schema(&at.child("oneOf").child("0"), first, name, Place::Other)?;
        let many = self.lower_schema(&at.child("oneOf").child("1"), second, name, Place::Other)?;
        if many == TypeRef::Array(Box::new(one.clone())) {
            return Some(TypeRef::OneOrMany(Box::new(one)));
        }
        self.errors.push(at.child("oneOf").error(unsupported));
        None
    }

    /// `x-keyed`: each alternative is an object with one required property,
    /// whose name tells the alternatives apart (DynamoDB `AttributeValue`).
    fn lower_keyed(&mut self, at: &Loc, schema: &Json, alternatives: &[Json], name: &str) -> Option<TypeRef> {
        // Registered first: the alternatives of an attribute value hold attribute values.
        self.named.insert(at.clone(), name.to_owned());
        self.open_types += 1;
        let mut variants: Vec<KeyedVariant> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let here = at.child("oneOf").child(&index.to_string());
            let properties = alternative.get("properties").and_then(Json::as_object).unwrap_or_default();
            let [(key, property)] = properties else {
                self.errors.push(here.error("each alternative of an `x-keyed` union is an object with exactly one property"));
                continue;
            };
            self.check_keywords(&here, alternative.as_object().unwrap_or_default(), Place::Other);
            keys.push(key.clone());
            let rust_name = naming::variant_name(schema, key);
            if !naming::is_type_name(&rust_name) || variants.iter().any(|variant| variant.rust_name == rust_name) {
                self.errors.push(here.error(format!("the key `{key}` makes no usable or unique variant name (`{rust_name}`); name it in `x-variant-names`")));
                continue;
            }
            let property_at = here.child("properties").child(key);
            let Some(ty) = self.lower_schema(&property_at, property, &format!("{name}{rust_name}"), Place::Property) else { continue };
            variants.push(KeyedVariant { key: key.clone(), rust_name, doc: description(property), ty });
        }
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        self.check_renames(at, schema, &keys);
        self.named.remove(at);
        self.open_types -= 1;
        if variants.is_empty() {
            self.errors.push(at.child("oneOf").error("an `x-keyed` union needs at least one alternative"));
            return None;
        }
        self.define_named(at, schema, name, TypeKind::KeyedUnion { variants });
        Some(TypeRef::Named(name.to_owned()))
    }

    /// Finds the schema a `$ref` points to.
    fn resolve(&mut self, at: &Loc, reference: &Json) -> Option<(Loc, &'a Json)> {
        let catalog = self.catalog;
        let Some(reference) = reference.as_str() else {
            self.errors.push(at.child("$ref").error("`$ref` must be a string"));
            return None;
        };
        match catalog.resolve(&at.file, reference) {
            Ok((file, pointer, schema)) => Some((Loc { file, pointer }, schema)),
            Err(message) => {
                self.errors.push(at.child("$ref").error(message));
                None
            }
        }
    }

    fn lower_ref(&mut self, at: &Loc, reference: &Json) -> Option<TypeRef> {
        let (target_at, target) = self.resolve(at, reference)?;
        self.visited.insert(target_at.clone());
        if let Some(name) = self.named.get(&target_at) {
            // A named type being lowered further up: a recursive type, which
            // Rust allows because it goes through a `Vec` or a map.
            return Some(TypeRef::Named(name.clone()));
        }
        let entered = self.ref_stack.iter().find(|(loc, _)| *loc == target_at).map(|(_, open)| *open);
        if entered.is_some_and(|open| open == self.open_types) {
            self.errors.push(at.child("$ref").error("a `$ref` cycle that no object type breaks: the schema would be infinitely deep"));
            return None;
        }
        let hint = match target_at.pointer.rsplit_once("/$defs/") {
            Some((_, key)) => naming::upper_camel(key),
            None => target.get("x-rust-name").and_then(Json::as_str).unwrap_or_default().to_owned(),
        };
        let place = if target_at.pointer.is_empty() && matches!(self.catalog.files.get(&target_at.file).map(|file| &file.kind), Some(FileKind::Shape(_))) {
            Place::ShapeRoot
        } else {
            Place::Other
        };
        self.ref_stack.push((target_at.clone(), self.open_types));
        let lowered = self.lower_schema(&target_at, target, &hint, place);
        self.ref_stack.pop();
        lowered
    }

    fn check_definitions_used(&mut self) {
        let catalog = self.catalog;
        for file in catalog.files.values() {
            let definitions = file.tree.get("$defs").and_then(Json::as_object).unwrap_or_default();
            for (key, _) in definitions {
                let at = Loc { file: file.path.clone(), pointer: format!("/$defs/{}", pointer_segment(key)) };
                if !self.visited.contains(&at) {
                    self.errors.push(at.error("this definition is never referenced: remove it or use it"));
                }
            }
        }
    }

    /// A type compiles under the features of every shape that reaches it.
    fn mark_features(&mut self) {
        let roots: Vec<(String, String)> = self.model.shapes.values().map(|shape| (shape.id.source.clone(), shape.type_name.clone())).collect();
        for (feature, root) in roots {
            let mut pending = vec![root];
            while let Some(name) = pending.pop() {
                let Some(def) = self.model.types.get_mut(&name) else { continue };
                if def.features.insert(feature.clone()) {
                    pending.extend(def.references());
                }
            }
        }
    }
}
