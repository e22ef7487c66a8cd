//! The catalogue's typed model laid over its fixtures: which value of a
//! fixture is an object that keeps unknown members, an open-enum value, an
//! optional or required member, a base64 string or a timestamp. Everything
//! is read from the schemas (through the codegen's lowering) and the shape
//! registry, so that a new source is covered as soon as it lands.
#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};

use lambda_event_catalog::shape::{shape, RegisteredShape};
use lambda_event_catalog_codegen::ir::{Model, Payload, TypeDef, TypeKind, TypeRef};
use lambda_event_catalog_codegen::{load, lower, ShapeId, Validators};
use serde_json::Value;

/// The repository these tests belong to (tests run inside it; the binaries find it from the current folder).
fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

/// The catalogue's typed model, lowered from `schemas/`.
pub fn model() -> Model {
    let catalog = load::load(&repo_root().join("schemas")).unwrap_or_else(|errors| panic!("the schemas do not load:\n{errors}"));
    lower::lower(&catalog).unwrap_or_else(|errors| panic!("the schemas do not lower:\n{errors}"))
}

/// The catalogue's compiled schemas, as `check` uses them.
pub fn validators() -> Validators {
    let catalog = load::load(&repo_root().join("schemas")).unwrap_or_else(|errors| panic!("the schemas do not load:\n{errors}"));
    Validators::new(&catalog).unwrap_or_else(|errors| panic!("the schemas do not compile:\n{errors}"))
}

/// One fixture: its shape (from the folder it is in), file and document.
pub struct Fixture {
    pub shape: &'static RegisteredShape,
    pub path: PathBuf,
    pub document: Value,
}

impl Fixture {
    /// `fixtures/<source>/<name>/<file>`, for messages.
    pub fn name(&self) -> String {
        self.path.strip_prefix(repo_root()).unwrap_or(&self.path).display().to_string()
    }

    pub fn id(&self) -> ShapeId {
        ShapeId::parse(self.shape.id()).expect("registry ids are shape ids")
    }

    /// The Rust type of the fixture's shape, as the model names it.
    pub fn root_type(&self, model: &Model) -> TypeRef {
        let id = self.id();
        let shape = model.shapes.get(&id).unwrap_or_else(|| panic!("the schemas have no shape `{id}`"));
        TypeRef::Named(shape.type_name.clone())
    }
}

/// Every fixture under `fixtures/`, sorted by path.
pub fn fixtures() -> Vec<Fixture> {
    let root = repo_root().join("fixtures");
    let mut found = Vec::new();
    for source in sorted(&root) {
        for name in sorted(&source) {
            let id = format!("{}.{}", file_name(&source), file_name(&name));
            let shape = shape(&id).unwrap_or_else(|| panic!("{}: no shape `{id}` in this build", name.display()));
            for path in sorted(&name).into_iter().filter(|path| path.extension().is_some_and(|extension| extension == "json")) {
                let bytes = std::fs::read(&path).unwrap();
                let document = serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
                found.push(Fixture { shape, path, document });
            }
        }
    }
    assert!(!found.is_empty(), "no fixtures under {}", root.display());
    found
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    paths
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// One step from a value to a value inside it.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
    /// Entering the object of an `x-tag` union whose tag member is `tag`. The
    /// union keeps aside the members before the tag and reads the rest from
    /// the input: an error in a member after the tag has the whole path, one
    /// in a member before it has the path up to the union, and the rest of
    /// the path is written into the message.
    Union {
        tag: String,
    },
}

pub type Location = Vec<Step>;

/// The JSON pointer of a location.
pub fn pointer(location: &[Step]) -> String {
    location
        .iter()
        .filter_map(|step| match step {
            Step::Key(key) => Some(format!("/{}", key.replace('~', "~0").replace('/', "~1"))),
            Step::Index(index) => Some(format!("/{index}")),
            Step::Union { .. } => None,
        })
        .collect()
}

/// The location as the parse error shows it: the path `ParseError::path()`
/// returns, then the path inside each union member that was read before the
/// union's tag. The tests write documents from `serde_json::Value`, whose
/// members are in name order (serde_json without `preserve_order`), so a
/// member comes before the tag when its name sorts before the tag's.
pub fn error_paths(location: &[Step]) -> Vec<String> {
    let mut paths = Vec::new();
    let mut current = Vec::new();
    for (index, step) in location.iter().enumerate() {
        match step {
            Step::Union { tag } => {
                if matches!(location.get(index + 1), Some(Step::Key(member)) if member < tag) {
                    paths.push(render_path(&current));
                    current.clear();
                }
            }
            other => current.push(other.clone()),
        }
    }
    paths.push(render_path(&current));
    paths
}

/// serde_path_to_error's rendering: `Records[0].messageAttributes.name`, `.` for the root.
fn render_path(steps: &[Step]) -> String {
    if steps.is_empty() {
        return ".".to_owned();
    }
    let mut text = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
            Step::Union { .. } => unreachable!("left out by error_paths"),
        }
    }
    text
}

/// The places of one document, by what the schemas say they are.
#[derive(Debug, Default)]
pub struct Sites {
    /// Objects with `properties`, which keep unknown members (and the
    /// objects of an `x-tag` union whose tag the catalogue does not know).
    pub objects: Vec<Location>,
    /// Values of `x-open-enum` sets.
    pub open_enum_values: Vec<Location>,
    /// Tags of `x-tag` unions: an unseen one makes the document `Unknown`.
    pub union_tags: Vec<Location>,
    /// Members that are not `required` (or are nullable), present and not `null`.
    pub optional_members: Vec<Location>,
    /// Members that are `required` and not nullable.
    pub required_members: Vec<Location>,
    /// Members that carry a document as text (`contentMediaType`): message
    /// bodies, the largest values events hold.
    pub payload_members: Vec<Location>,
    /// Every value whose type constrains it (everything but "any JSON"),
    /// with that type; union tags are left out since any tag parses.
    pub typed_values: Vec<(Location, TypeRef)>,
}

/// Walks `document` alongside the type `root` of `model`.
pub fn sites(model: &Model, root: &TypeRef, document: &Value) -> Sites {
    let mut sites = Sites::default();
    Walker { model, sites: &mut sites }.walk(document, root, Vec::new());
    sites
}

struct Walker<'a> {
    model: &'a Model,
    sites: &'a mut Sites,
}

impl Walker<'_> {
    fn definition(&self, name: &str) -> &TypeDef {
        self.model.types.get(name).unwrap_or_else(|| panic!("the model has no type `{name}`"))
    }

    fn walk(&mut self, value: &Value, ty: &TypeRef, at: Location) {
        match ty {
            TypeRef::Option(inner) => {
                if !value.is_null() {
                    self.walk(value, inner, at);
                }
            }
            TypeRef::Any => {}
            TypeRef::OneOrMany(inner) => match value {
                Value::Array(items) => {
                    self.sites.typed_values.push((at.clone(), ty.clone()));
                    for (index, item) in items.iter().enumerate() {
                        self.walk(item, inner, child(&at, Step::Index(index)));
                    }
                }
                _ => self.walk(value, inner, at),
            },
            TypeRef::Array(item) => {
                self.sites.typed_values.push((at.clone(), ty.clone()));
                for (index, element) in value.as_array().into_iter().flatten().enumerate() {
                    self.walk(element, item, child(&at, Step::Index(index)));
                }
            }
            TypeRef::Map(item) => {
                self.sites.typed_values.push((at.clone(), ty.clone()));
                for (key, member) in value.as_object().into_iter().flatten() {
                    self.walk(member, item, child(&at, Step::Key(key.clone())));
                }
            }
            // Its integers are the values to break: the type names the one at fault.
            TypeRef::ByteInts => {
                for index in 0..value.as_array().map_or(0, Vec::len) {
                    self.sites.typed_values.push((child(&at, Step::Index(index)), ty.clone()));
                }
            }
            TypeRef::Named(name) => self.walk_named(value, ty, name, at),
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::Integer
            | TypeRef::Number
            | TypeRef::JsonObject
            | TypeRef::Timestamp(_)
            | TypeRef::Base64
            | TypeRef::ByteInts => self.sites.typed_values.push((at, ty.clone())),
        }
    }

    fn walk_named(&mut self, value: &Value, ty: &TypeRef, name: &str, at: Location) {
        let kind = self.definition(name).kind.clone();
        match kind {
            TypeKind::Alias { target } => self.walk(value, &target, at),
            TypeKind::OpenEnum { .. } => {
                self.sites.typed_values.push((at.clone(), ty.clone()));
                self.sites.open_enum_values.push(at);
            }
            TypeKind::Struct { fields, .. } => {
                self.sites.typed_values.push((at.clone(), ty.clone()));
                self.walk_struct(value, &fields, None, at);
            }
            TypeKind::Union { tag, variants, .. } => {
                self.sites.typed_values.push((at.clone(), ty.clone()));
                let selected = value
                    .get(&tag)
                    .and_then(Value::as_str)
                    .and_then(|tag_value| variants.iter().find(|variant| variant.tag_values.iter().any(|known| known == tag_value)));
                match selected {
                    Some(variant) => {
                        let TypeKind::Struct { fields, .. } = self.definition(&variant.type_name).kind.clone() else {
                            panic!("the alternative `{}` of `{name}` is not a struct", variant.type_name)
                        };
                        self.walk_struct(value, &fields, Some(&tag), child(&at, Step::Union { tag: tag.clone() }));
                    }
                    None => self.sites.objects.push(at),
                }
            }
            // `walk_struct` walks a member union's member, knowing its tag.
            TypeKind::MemberUnion { .. } => {}
            TypeKind::KeyedUnion { variants } => {
                self.sites.typed_values.push((at.clone(), ty.clone()));
                let Some((key, inner)) = value.as_object().and_then(|members| members.iter().next()) else { return };
                if let Some(variant) = variants.iter().find(|variant| variant.key == *key) {
                    self.walk(inner, &variant.ty, child(&at, Step::Key(key.clone())));
                }
            }
        }
    }

    fn walk_struct(&mut self, value: &Value, fields: &[lambda_event_catalog_codegen::ir::Field], tag: Option<&str>, at: Location) {
        self.sites.objects.push(at.clone());
        let Some(members) = value.as_object() else { return };
        let model = self.model;
        let member_union = |field: &lambda_event_catalog_codegen::ir::Field| match &field.ty {
            TypeRef::Named(name) => match &model.types[name].kind {
                TypeKind::MemberUnion { tag, variants, .. } => Some((tag.clone(), variants.clone())),
                _ => None,
            },
            _ => None,
        };
        let member_union_tags: Vec<String> = fields.iter().filter_map(|field| member_union(field).map(|(tag, _)| tag)).collect();
        for field in fields {
            let Some(member) = members.get(&field.json_name) else { continue };
            let here = child(&at, Step::Key(field.json_name.clone()));
            if Some(field.json_name.as_str()) == tag {
                self.sites.union_tags.push(here);
                continue;
            }
            // A member union's tag is a required string like any other, and an unseen value makes its member `Unknown`.
            if member_union_tags.contains(&field.json_name) {
                self.sites.union_tags.push(here.clone());
            }
            if let Some((tag, variants)) = member_union(field) {
                self.sites.required_members.push(here.clone());
                let tag_value = members.get(&tag).and_then(Value::as_str);
                if let Some(variant) = variants.iter().find(|variant| variant.tag_values.iter().any(|known| Some(known.as_str()) == tag_value)) {
                    // Read before its tag, the member's errors name it inside the object's.
                    let inside = child(&child(&at, Step::Union { tag }), Step::Key(field.json_name.clone()));
                    self.walk(member, &variant.ty, inside);
                }
                continue;
            }
            // A JSON document as text; one carried as base64 (Kinesis `data`) is no body to grow.
            let base64 = matches!(&field.ty, TypeRef::Base64) || matches!(&field.ty, TypeRef::Option(inner) if **inner == TypeRef::Base64);
            if field.payload == Some(Payload::JsonText) && !base64 && member.is_string() {
                self.sites.payload_members.push(here.clone());
            }
            match &field.ty {
                TypeRef::Option(_) if member.is_null() => {}
                TypeRef::Option(_) => self.sites.optional_members.push(here.clone()),
                _ => self.sites.required_members.push(here.clone()),
            }
            self.walk(member, &field.ty, here);
        }
    }
}

fn child(at: &[Step], step: Step) -> Location {
    let mut location = at.to_vec();
    location.push(step);
    location
}

/// The type behind aliases.
pub fn resolve<'a>(model: &'a Model, ty: &'a TypeRef) -> &'a TypeRef {
    match ty {
        TypeRef::Named(name) => match &model.types[name].kind {
            TypeKind::Alias { target } => resolve(model, target),
            _ => ty,
        },
        _ => ty,
    }
}

/// `document` with the value at `location` replaced by `value`.
pub fn replaced(document: &Value, location: &[Step], value: Value) -> Value {
    let mut mutated = document.clone();
    *mutated.pointer_mut(&pointer(location)).expect("a site of the document") = value;
    mutated
}

/// `document` without the member at `location`.
pub fn removed(document: &Value, location: &[Step]) -> Value {
    let mut mutated = document.clone();
    remove_in_place(&mut mutated, location);
    mutated
}

/// Removes the member at `location` if it is still there (an enclosing one may be gone).
pub fn remove_in_place(document: &mut Value, location: &[Step]) {
    let Some((Step::Key(name), parent)) = location.split_last() else { panic!("only object members are removed") };
    if let Some(Value::Object(members)) = document.pointer_mut(&pointer(parent)) {
        members.remove(name);
    }
}

/// At most `limit` of `items`, spread evenly over the list and always the
/// same ones, so that a large fixture costs no more than a small one.
pub fn sample<T: Clone>(items: &[T], limit: usize) -> Vec<T> {
    if items.len() <= limit {
        return items.to_vec();
    }
    (0..limit).map(|index| items[index * items.len() / limit].clone()).collect()
}
