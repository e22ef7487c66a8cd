//! Whatever the schemas folder holds, the codegen either generates or refuses
//! with errors naming file and JSON pointer; it never panics.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{shape, SchemasDir};
use lambda_event_catalog_codegen::{generate, SchemaError};
use serde_json::{json, Value};

/// The repository these tests belong to (tests run inside it; the binaries find it from the current folder).
fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

/// Generates the catalogue of `files` (`(path, text)`) and returns its errors;
/// fails the test when it panics or generates.
fn refusals(files: &[(&str, String)]) -> Vec<SchemaError> {
    let dir = SchemasDir::new();
    for (path, text) in files {
        dir.write(path, text);
    }
    match catch_unwind(AssertUnwindSafe(|| dir.generate())) {
        Err(_) => panic!("the codegen panicked"),
        Ok(Ok(_)) => panic!("the catalogue generates, but must be refused"),
        Ok(Err(errors)) => errors.0,
    }
}

/// The catalogue is refused with an error at `file` and `pointer` whose message says `saying`.
fn assert_refused(files: &[(&str, String)], file: &str, pointer: &str, saying: &str) {
    let errors = refusals(files);
    let found = errors.iter().any(|error| error.file == file && error.pointer == pointer && error.message.contains(saying));
    let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(found, "expected an error at schemas/{file}#{pointer} saying {saying:?}, got:\n{}", listed.join("\n"));
}

fn text(schema: &Value) -> String {
    serde_json::to_string_pretty(schema).unwrap()
}

fn string_property(description: &str) -> Value {
    json!({ "description": description, "type": "string" })
}

fn demo_shape(properties: Value) -> (&'static str, String) {
    ("demo/event.schema.json", text(&shape(properties, json!({}))))
}

fn definitions(defs: Value) -> String {
    text(&json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "description": "Shared.", "$defs": defs }))
}

#[test]
fn a_ref_cycle_through_two_files() {
    let event = shape(json!({ "a": { "description": "A.", "$ref": "../shared/a.defs.json#/$defs/A" } }), json!({}));
    let files = [
        ("demo/event.schema.json", text(&event)),
        ("shared/a.defs.json", definitions(json!({ "A": { "description": "A.", "$ref": "b.defs.json#/$defs/B" } }))),
        ("shared/b.defs.json", definitions(json!({ "B": { "description": "B.", "$ref": "a.defs.json#/$defs/A" } }))),
    ];
    assert_refused(&files, "shared/b.defs.json", "/$defs/B/$ref", "cycle");
}

#[test]
fn a_naming_clash_between_files() {
    let defs =
        definitions(json!({ "DemoEvent": { "description": "Clashes with the shape.", "type": "object", "properties": { "x": string_property("X.") } } }));
    let event = shape(json!({ "a": { "description": "A.", "$ref": "../shared/x.defs.json#/$defs/DemoEvent" } }), json!({}));
    let files = [("demo/event.schema.json", text(&event)), ("shared/x.defs.json", defs)];
    let errors = refusals(&files);
    assert!(errors.iter().any(|error| error.message.contains("`DemoEvent` is already used")), "{errors:?}");
}

#[test]
fn an_unknown_keyword() {
    let files = [demo_shape(json!({ "a": { "description": "A.", "type": "string", "maxLenght": 3 } }))];
    assert_refused(&files, "demo/event.schema.json", "/properties/a", "maxLenght");
}

#[test]
fn an_empty_open_enum() {
    let files = [demo_shape(json!({ "a": { "description": "A.", "type": "string", "x-open-enum": [] } }))];
    let errors = refusals(&files);
    assert!(errors.iter().all(|error| error.file == "demo/event.schema.json"), "{errors:?}");
    assert!(errors.iter().any(|error| error.pointer.starts_with("/properties/a")), "{errors:?}");
}

#[test]
fn bad_refs() {
    for (reference, saying) in [
        ("#/$defs/Nowhere", "points at nothing"),
        ("../nope/x.defs.json#/$defs/X", "names no schema file"),
        ("#defs", "only JSON-pointer fragments"),
        ("#/properties/a/type/0/1", "points at nothing"),
    ] {
        let files = [demo_shape(json!({ "a": { "description": "A.", "$ref": reference } }))];
        assert_refused(&files, "demo/event.schema.json", "/properties/a/$ref", saying);
    }
}

#[test]
fn a_file_that_is_not_json() {
    for broken in ["{ \"title\": ", "", "\u{feff}{}", "{\"a\": 1, \"a\": 2}", "not json at all"] {
        let files = [("demo/event.schema.json", broken.to_owned())];
        assert_refused(&files, "demo/event.schema.json", "", "not valid JSON");
    }
}

#[test]
fn a_file_that_is_a_json_array_or_scalar() {
    for document in ["[1, 2]", "[]", "\"schema\"", "42", "null", "false"] {
        let files = [("demo/event.schema.json", document.to_owned())];
        let errors = refusals(&files);
        assert!(errors.iter().any(|error| error.file == "demo/event.schema.json" && error.pointer.is_empty()), "{document}: {errors:?}");
    }
    let files = [demo_shape(json!({})), ("demo/more.defs.json", "[{\"$defs\": {}}]".to_owned())];
    assert_refused(&files, "demo/more.defs.json", "", "");
}

/// An object nested `depth` deep through `properties`.
fn nested_object(depth: usize) -> Value {
    (0..depth).fold(string_property("The innermost."), |inner, _| json!({ "description": "One level.", "type": "object", "properties": { "next": inner } }))
}

#[test]
fn a_deeply_nested_schema() {
    // Within serde_json's nesting limit: types named after their path, each level one struct.
    let files = [demo_shape(json!({ "deep": nested_object(30) }))];
    let dir = SchemasDir::new();
    dir.write(files[0].0, &files[0].1);
    let generated = catch_unwind(AssertUnwindSafe(|| dir.generate())).expect("no panic");
    assert!(generated.is_ok(), "{}", generated.err().map(|errors| errors.to_string()).unwrap_or_default());
    // Past it: refused as JSON, not a stack overflow. Written as text: a
    // `Value` this deep would overflow the test's own stack when printed.
    let level = r#"{"description": "One level.", "type": "object", "properties": {"next": "#;
    let deep = format!("{}{}{}", level.repeat(100_000), r#"{"description": "The innermost.", "type": "string"}"#, "}}".repeat(100_000));
    let files = [demo_shape(json!({ "deep": "@@deep@@" }))];
    let files = [(files[0].0, files[0].1.replace("\"@@deep@@\"", &deep))];
    assert_refused(&files, "demo/event.schema.json", "", "recursion limit");
}

#[test]
fn folders_and_names_that_are_no_rust_names() {
    let event = text(&shape(json!({ "a": string_property("A.") }), json!({})));
    for folder in ["type", "3d", "self"] {
        let path = format!("{folder}/event.schema.json");
        assert_refused(&[(path.as_str(), event.clone())], &path, "", "module");
    }
    let defs = definitions(json!({ "Thing": { "description": "A thing.", "type": "object", "properties": { "x": string_property("X.") } } }));
    let uses_defs = text(&shape(json!({ "a": { "description": "A.", "$ref": "../my-defs/x.defs.json#/$defs/Thing" } }), json!({})));
    assert_refused(&[("demo/event.schema.json", uses_defs), ("my-defs/x.defs.json", defs)], "my-defs/x.defs.json", "", "module");
    for name in ["Self", "not a name", "crate"] {
        let alias_root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Demo", "description": "A demo.",
            "x-rust-name": name, "x-detect": { "required": ["demo"] }, "$ref": "#/$defs/Body",
            "$defs": { "Body": { "description": "The body.", "type": "object", "properties": { "x": string_property("X.") } } }
        });
        let errors = refusals(&[("demo/event.schema.json", text(&alias_root))]);
        assert!(errors.iter().any(|error| error.file == "demo/event.schema.json"), "{name}: {errors:?}");
    }
    for field in ["_", "__", "_1", "__map"] {
        let files = [demo_shape(json!({ "a": { "description": "A.", "type": "string", "x-rust-field": field } }))];
        assert_refused(&files, "demo/event.schema.json", "/properties/a", "field");
    }
    let files = [demo_shape(json!({ "a1": string_property("A."), "a_1": string_property("B.") }))];
    assert_refused(&files, "demo/event.schema.json", "/properties/a_1", "field");
    let files = [demo_shape(json!({ "a": { "description": "A.", "type": "string", "x-open-enum": ["x"], "x-variant-names": { "x": "Self" } } }))];
    assert_refused(&files, "demo/event.schema.json", "/properties/a/x-open-enum/0", "variant");
}

/// How many objects of `schema` have member `key`.
fn count_objects_with(schema: &Value, key: &str) -> usize {
    match schema {
        Value::Object(members) => usize::from(members.contains_key(key)) + members.values().map(|member| count_objects_with(member, key)).sum::<usize>(),
        Value::Array(items) => items.iter().map(|item| count_objects_with(item, key)).sum(),
        _ => 0,
    }
}

/// `schema` with the `n`-th object (in document order) that has member `key` changed by `change`.
fn change_nth_object_with(schema: &Value, n: usize, key: &str, change: Change) -> Value {
    fn visit(value: &mut Value, key: &str, remaining: &mut usize, change: Change) -> bool {
        match value {
            Value::Object(members) => {
                if members.contains_key(key) {
                    if *remaining == 0 {
                        change(members);
                        return true;
                    }
                    *remaining -= 1;
                }
                members.values_mut().any(|member| visit(member, key, remaining, change))
            }
            Value::Array(items) => items.iter_mut().any(|item| visit(item, key, remaining, change)),
            _ => false,
        }
    }
    let mut mutated = schema.clone();
    visit(&mut mutated, key, &mut { n }, change);
    mutated
}

/// Changes one object of a schema.
type Change = fn(&mut serde_json::Map<String, Value>);

/// Ways to break a schema file: what, the member of the object it changes, how.
const MUTATIONS: &[(&str, &str, Change)] = &[
    ("drop `type`", "type", |members| {
        members.remove("type");
    }),
    ("swap a type for another", "type", |members| {
        let swapped = match members["type"].as_str() {
            Some("string") => "object",
            Some("object") => "array",
            Some("array") => "integer",
            _ => "string",
        };
        members.insert("type".to_owned(), json!(swapped));
    }),
    ("insert an unknown keyword", "description", |members| {
        members.insert("x-unheard-of".to_owned(), json!({ "$ref": "#/nowhere" }));
    }),
    ("break a `$ref`", "$ref", |members| {
        let broken = format!("{}x", members["$ref"].as_str().unwrap_or_default());
        members.insert("$ref".to_owned(), json!(broken));
    }),
    ("point a `$ref` at its own file's root", "$ref", |members| {
        members.insert("$ref".to_owned(), json!("#"));
    }),
    ("require an unknown member", "required", |members| {
        members.insert("required".to_owned(), json!(["noSuchMember"]));
    }),
];

/// How many places of each file each mutation is tried at.
const PLACES_PER_FILE: usize = 2;
/// Each try generates the whole catalogue (about 0.1 s for five schema files
/// in a debug build); the catalogue grows to dozens of files, so the tries
/// are sampled down to this many, spread over files and mutations.
const MAX_TRIES: usize = 40;

#[test]
fn mutated_catalogue_schemas_generate_or_are_refused_without_panic() {
    let schemas = repo_root().join("schemas");
    let mut files: Vec<(String, String)> = Vec::new();
    for folder in std::fs::read_dir(&schemas).unwrap().map(|entry| entry.unwrap().path()).filter(|path| path.is_dir()) {
        for file in std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()) {
            let relative = file.strip_prefix(&schemas).unwrap().to_string_lossy().replace('\\', "/");
            files.push((relative, std::fs::read_to_string(&file).unwrap()));
        }
    }
    files.sort();
    let mut tries: Vec<(usize, usize, usize)> = Vec::new();
    for (index, (_, original)) in files.iter().enumerate() {
        let schema: Value = serde_json::from_str(original).unwrap();
        for (mutation, (_, key, _)) in MUTATIONS.iter().enumerate() {
            let count = count_objects_with(&schema, key);
            // Spread over the file, and starting elsewhere in each file.
            let mut places: Vec<usize> = (0..PLACES_PER_FILE.min(count)).map(|offset| (index + offset * count / PLACES_PER_FILE) % count).collect();
            places.dedup();
            tries.extend(places.into_iter().map(|place| (index, mutation, place)));
        }
    }
    let tries = sample(&tries, MAX_TRIES);
    let (mut refused, mut panics) = (0, Vec::new());
    for &(index, mutation, place) in &tries {
        let (path, original) = &files[index];
        let (what, key, change) = MUTATIONS[mutation];
        let schema: Value = serde_json::from_str(original).unwrap();
        let dir = SchemasDir::new();
        for (other, text) in files.iter().filter(|(other, _)| other != path) {
            dir.write(other, text);
        }
        dir.write(path, &text(&change_nth_object_with(&schema, place, key, change)));
        match catch_unwind(AssertUnwindSafe(|| generate(dir.path()))) {
            Ok(Ok(_)) => {}
            Ok(Err(errors)) => {
                refused += 1;
                for error in &errors.0 {
                    assert!(!error.file.is_empty(), "{path}, {what}: an error that names no file: {error}");
                }
            }
            Err(_) => panics.push(format!("{path}: {what}, place {place}")),
        }
    }
    eprintln!("{} mutated catalogues: {refused} refused, {} generated, {} panics", tries.len(), tries.len() - refused - panics.len(), panics.len());
    assert!(!tries.is_empty());
    assert!(panics.is_empty(), "the codegen panicked on:\n{}", panics.join("\n"));
}

/// At most `limit` of `items`, spread evenly over the list and always the same ones.
fn sample<T: Clone>(items: &[T], limit: usize) -> Vec<T> {
    if items.len() <= limit {
        return items.to_vec();
    }
    (0..limit).map(|index| items[index * items.len() / limit].clone()).collect()
}
