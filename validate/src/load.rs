//! Reading the schemas folder: which files are shapes and which hold shared
//! definitions, their parsed trees, and their validation against the
//! catalogue's meta-schema.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde_json::{json, Value};

use crate::error::{SchemaError, SchemaErrors};
use crate::json::Json;

/// The base URI the schema files are registered under when they are validated,
/// so that relative `$ref`s between files resolve offline.
pub const BASE_URI: &str = "file:///catalog/";
pub const META_SCHEMA_FILE: &str = "catalog.meta.json";

/// `<source>.<name>`: names the schema `schemas/<source>/<name>.schema.json`, the
/// fixtures in `fixtures/<source>/<name>/`, and (through `<source>`) the cargo
/// feature and Rust module of its types.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    pub source: String,
    pub name: String,
}

impl ShapeId {
    pub fn parse(id: &str) -> Option<ShapeId> {
        let (source, name) = id.split_once('.')?;
        let valid = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        (valid(source) && valid(name)).then(|| ShapeId { source: source.to_owned(), name: name.to_owned() })
    }

    pub fn schema_path(&self) -> String {
        format!("{}/{}.schema.json", self.source, self.name)
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.source, self.name)
    }
}

#[derive(Debug, Clone)]
pub enum FileKind {
    Shape(ShapeId),
    Definitions,
}

#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// Relative to the schemas folder, with `/` separators: `sqs/event.schema.json`.
    pub path: String,
    /// The folder the file is in: the Rust module of the types it defines.
    pub module: String,
    pub kind: FileKind,
    /// The schema in document order, for lowering.
    pub tree: Json,
    /// The same schema as `serde_json` sees it, for validation.
    pub value: Value,
}

impl SchemaFile {
    /// A shape never detected (`x-detect: false`): an entry point over other
    /// shapes (a union that dispatches to them), or a document that other
    /// shapes' detection already describes (the streaming response prelude,
    /// a body-less payload 2.0 response as far as its members go).
    pub fn is_never_detected(&self) -> bool {
        matches!(self.tree.get("x-detect"), Some(Json::Bool(false)))
    }

    /// A catch-all shape: its `x-detect` has `not: {"anyOf": [...]}` made of
    /// references to other shapes' `x-detect` alone (`eventbridge.event`),
    /// which the codegen writes when its root extends a base. A rule of
    /// conditions of its own (`{"required": [...]}`) is no catch-all.
    pub fn is_catch_all(&self) -> bool {
        let exclusions = self.tree.get("x-detect").and_then(|detect| detect.get("not")).and_then(|not| not.get("anyOf")).and_then(Json::as_array);
        exclusions.is_some_and(|exclusions| !exclusions.is_empty() && exclusions.iter().all(is_detect_reference))
    }
}

/// `{"$ref": "….schema.json#/x-detect"}`: a reference to another shape's detection rule.
fn is_detect_reference(exclusion: &Json) -> bool {
    match exclusion {
        Json::Object(members) => {
            matches!(members.as_slice(), [(key, Json::String(target))] if key == "$ref" && target.ends_with("#/x-detect"))
        }
        _ => false,
    }
}

/// Every schema file of the catalogue, by path, plus the meta-schema.
pub struct Catalog {
    pub meta_schema: Value,
    pub files: BTreeMap<String, SchemaFile>,
}

impl Catalog {
    pub fn shapes(&self) -> impl Iterator<Item = (&ShapeId, &SchemaFile)> {
        self.files.values().filter_map(|file| match &file.kind {
            FileKind::Shape(id) => Some((id, file)),
            FileKind::Definitions => None,
        })
    }

    pub fn shape(&self, id: &ShapeId) -> Option<&SchemaFile> {
        self.files.get(&id.schema_path())
    }

    /// Whether two shapes are one document under two ids: both roots are a
    /// `$ref` to the same schema (the partial batch failure response of SQS,
    /// Kinesis and DynamoDB Streams). No `x-detect` can tell such shapes apart.
    pub fn same_document(&self, first: &ShapeId, second: &ShapeId) -> bool {
        let target = |id: &ShapeId| {
            let file = self.shape(id)?;
            let reference = file.tree.get("$ref")?.as_str()?;
            let (path, pointer, _) = self.resolve(&file.path, reference).ok()?;
            Some((path, pointer))
        };
        first == second || matches!((target(first), target(second)), (Some(a), Some(b)) if a == b)
    }

    /// The schema a `$ref` written in file `from` points to: its file, its
    /// JSON pointer, and the schema itself; or why it points nowhere.
    pub fn resolve(&self, from: &str, reference: &str) -> Result<(String, String, &Json), String> {
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let path = if file_part.is_empty() { Some(from.to_owned()) } else { join_relative(from, file_part) };
        let Some(file) = path.as_ref().and_then(|path| self.files.get(path)) else {
            return Err(format!("`{reference}` names no schema file of the catalogue"));
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(format!("`{reference}`: only JSON-pointer fragments (`#/$defs/Name`) are supported"));
        }
        let mut node = &file.tree;
        for segment in fragment.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let next = match node {
                Json::Object(_) => node.get(&segment),
                Json::Array(items) => segment.parse::<usize>().ok().and_then(|index| items.get(index)),
                _ => None,
            };
            node = next.ok_or_else(|| format!("`{reference}` points at nothing"))?;
        }
        Ok((file.path.clone(), fragment.to_owned(), node))
    }
}

/// One alternative of an `x-tag` union, as its schema declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagAlternative {
    /// The alternative's index in `oneOf`.
    pub index: usize,
    /// The `$ref` of the alternative, as written; `None` for an alternative
    /// written in place (those of a member union, beside `properties`).
    pub reference: Option<String>,
    /// The tag values that select it: its tag property's `const`, or its `x-open-enum`.
    pub values: Vec<String>,
    /// A literal prefix that also selects it (its tag property's `pattern` of
    /// the form `^Prefix`), so that a new value of a known family
    /// (`PreSignUp_Passkey`) still reaches its alternative.
    pub prefix: Option<String>,
}

impl TagAlternative {
    /// Whether a tag `value` chooses this alternative: one of its values, or
    /// a value of its family (its prefix), as the generated type reads it.
    pub fn selects(&self, value: &str) -> bool {
        self.values.iter().any(|known| known == value) || self.prefix.as_deref().is_some_and(|prefix| value.starts_with(prefix))
    }
}

impl Catalog {
    /// The alternatives of the `x-tag` union `schema` (written in file `from`),
    /// in order; an alternative whose tag property does not name its values
    /// is an error message with its index. The alternatives of a union are
    /// `$ref`s to objects; those of a member union (`oneOf` beside
    /// `properties`) are written in place.
    pub fn tag_alternatives(&self, from: &str, schema: &Json, tag: &str) -> Vec<Result<TagAlternative, (usize, String)>> {
        let alternatives = schema.get("oneOf").and_then(Json::as_array).unwrap_or_default();
        let in_place = schema.get("properties").is_some();
        alternatives
            .iter()
            .enumerate()
            .map(|(index, alternative)| {
                let reference = alternative.get("$ref").and_then(Json::as_str);
                let (file, target) = match (reference, in_place) {
                    (Some(reference), false) => {
                        let (file, _, target) = self.resolve(from, reference).map_err(|message| (index, message))?;
                        (file, target)
                    }
                    (None, true) => (from.to_owned(), alternative),
                    (_, false) => return Err((index, "each alternative of an `x-tag` union is a `$ref` to an object schema".to_owned())),
                    (_, true) => {
                        return Err((index, "each alternative of a member union (`x-tag` beside `properties`) is written in place, not a `$ref`".to_owned()))
                    }
                };
                let mut tag_schema = target.get("properties").and_then(|properties| properties.get(tag));
                // The tag property may itself be a reference to a shared value set.
                while let Some(inner) = tag_schema.and_then(|schema| schema.get("$ref")).and_then(Json::as_str) {
                    tag_schema = self.resolve(&file, inner).ok().map(|(_, _, schema)| schema);
                }
                let values: Vec<String> = match tag_schema.map(|schema| (schema.get("const"), schema.get("x-open-enum"))) {
                    Some((Some(Json::String(value)), _)) => vec![value.clone()],
                    Some((None, Some(Json::Array(values)))) => values.iter().filter_map(Json::as_str).map(str::to_owned).collect(),
                    _ => Vec::new(),
                };
                if values.is_empty() {
                    return Err((index, format!("the alternative needs a `{tag}` property with a string `const` or an `x-open-enum`")));
                }
                let prefix = tag_schema
                    .and_then(|schema| schema.get("pattern"))
                    .and_then(Json::as_str)
                    .and_then(|pattern| pattern.strip_prefix('^'))
                    .filter(|prefix| !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '-'))
                    .map(str::to_owned);
                Ok(TagAlternative { index, reference: reference.map(str::to_owned), values, prefix })
            })
            .collect()
    }
}

/// Resolves `relative` against the folder of `from` (both `/`-separated, inside the schemas folder).
pub fn join_relative(from: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Loads and meta-validates every schema under `dir`, reporting every problem found.
pub fn load(dir: &Path) -> Result<Catalog, SchemaErrors> {
    let mut files = vec![(META_SCHEMA_FILE.to_owned(), read_text(dir, META_SCHEMA_FILE)?)];
    let mut errors = Vec::new();
    for (module, file_name) in schema_file_names(dir)? {
        let path = format!("{module}/{file_name}");
        match read_text(dir, &path) {
            Ok(text) => files.push((path, text)),
            Err(error) => errors.push(error),
        }
    }
    match load_files(files) {
        Ok(catalog) if errors.is_empty() => Ok(catalog),
        Ok(_) => Err(SchemaErrors(errors)),
        Err(SchemaErrors(more)) => {
            errors.extend(more);
            errors.sort();
            Err(SchemaErrors(errors))
        }
    }
}

/// Loads and meta-validates a catalogue given as `(path, text)` pairs: the
/// meta-schema as `catalog.meta.json`, each schema by its path inside the
/// schemas folder (`sqs/event.schema.json`). This is how a catalogue
/// embedded in a binary is read.
pub fn load_files(files: impl IntoIterator<Item = (String, String)>) -> Result<Catalog, SchemaErrors> {
    let mut errors = Vec::new();
    let mut meta_schema = None;
    let mut schemas = BTreeMap::new();
    for (path, text) in files {
        if path == META_SCHEMA_FILE {
            meta_schema = Some(parse::<Value>(&path, &text)?);
            continue;
        }
        let Some((module, file_name)) = path.split_once('/').filter(|(_, name)| !name.contains('/')) else {
            errors.push(SchemaError::new(&path, "", "schemas live one folder deep: `<source>/<name>.schema.json` or `<dir>/<name>.defs.json`"));
            continue;
        };
        let kind = if let Some(name) = file_name.strip_suffix(".schema.json") {
            match ShapeId::parse(&format!("{module}.{name}")) {
                Some(id) => FileKind::Shape(id),
                None => {
                    errors.push(SchemaError::new(&path, "", "a shape's folder and file name must be lower_snake_case"));
                    continue;
                }
            }
        } else if file_name.ends_with(".defs.json") {
            FileKind::Definitions
        } else {
            errors.push(SchemaError::new(&path, "", "expected a `<name>.schema.json` shape or a `<name>.defs.json` definitions file"));
            continue;
        };
        let tree = match parse::<Json>(&path, &text) {
            Ok(tree) => tree,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let value = tree.to_value();
        let module = module.to_owned();
        schemas.insert(path.clone(), SchemaFile { path, module, kind, tree, value });
    }
    let Some(meta_schema) = meta_schema else {
        return Err(SchemaError::new(META_SCHEMA_FILE, "", "cannot read: the catalogue has no meta-schema").into());
    };
    let catalog = Catalog { meta_schema, files: schemas };
    errors.extend(meta_validate(&catalog)?);
    if errors.is_empty() {
        Ok(catalog)
    } else {
        errors.sort();
        Err(SchemaErrors(errors))
    }
}

fn read_text(dir: &Path, path: &str) -> Result<String, SchemaError> {
    std::fs::read_to_string(dir.join(path)).map_err(|error| SchemaError::new(path, "", format!("cannot read: {error}")))
}

fn parse<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, SchemaError> {
    serde_json::from_str(text).map_err(|error| SchemaError::new(path, "", format!("not valid JSON: {error}")))
}

/// The `(folder, file name)` of every file one folder below `dir`, sorted.
fn schema_file_names(dir: &Path) -> Result<Vec<(String, String)>, SchemaError> {
    let unreadable = |error: std::io::Error| SchemaError::new("", "", format!("cannot list {}: {error}", dir.display()));
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        if !entry.file_type().map_err(unreadable)?.is_dir() {
            continue;
        }
        let module = entry.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(entry.path()).map_err(unreadable)? {
            let file = file.map_err(unreadable)?;
            names.push((module.clone(), file.file_name().to_string_lossy().into_owned()));
        }
    }
    names.sort();
    Ok(names)
}

/// Validates every file against the meta-schema: the closed set of keywords
/// and extensions, and what each root must carry.
fn meta_validate(catalog: &Catalog) -> Result<Vec<SchemaError>, SchemaError> {
    let meta_uri = format!("{BASE_URI}{META_SCHEMA_FILE}");
    let meta_error = |error: &dyn fmt::Display| SchemaError::new(META_SCHEMA_FILE, "", format!("unusable meta-schema: {error}"));
    let registry = jsonschema::Registry::new()
        .add(meta_uri.as_str(), catalog.meta_schema.clone())
        .and_then(|registry| registry.prepare())
        .map_err(|error| meta_error(&error))?;
    let build = |definition: &str| {
        jsonschema::draft202012::options()
            .with_registry(&registry)
            .should_validate_formats(true)
            .build(&json!({ "$ref": format!("{meta_uri}#/$defs/{definition}") }))
            .map_err(|error| meta_error(&error))
    };
    let shape_validator = build("shape")?;
    let definitions_validator = build("definitions")?;
    let mut errors = Vec::new();
    for file in catalog.files.values() {
        let validator = match file.kind {
            FileKind::Shape(_) => &shape_validator,
            FileKind::Definitions => &definitions_validator,
        };
        for error in validator.iter_errors(&file.value) {
            errors.push(SchemaError::new(&file.path, &error.instance_path().to_string(), error.to_string()));
        }
    }
    Ok(errors)
}
