//! Limits: every shape holds the largest payload Lambda accepts in bounded
//! time and memory, and a value nested far deeper than any event is an error,
//! not a stack overflow. The places come from the schemas and the shape
//! registry (see `common`), so that new sources are covered when they land.

mod common;

use std::time::{Duration, Instant};

use common::{fixtures, model, pointer, replaced, resolve, sites, Fixture, Location, Step};
use lambda_event_catalog::lossless;
use lambda_event_catalog_codegen::ir::{Model, TypeKind, TypeRef};
use serde_json::{json, Value};

/// Lambda's limit on a synchronous invocation's request and response.
const SIX_MB: usize = 6 * 1024 * 1024;
/// Generous for a debug build on a shared two-core machine; a parse that
/// degrades quadratically or worse takes minutes.
const TIME_LIMIT: Duration = Duration::from_secs(10);
/// The test process's peak resident memory, all tests of this file included.
const MEMORY_LIMIT_KIB: u64 = 512 * 1024;

const DEPTH: usize = 100_000;
/// A quarter of a spawned thread's 2 MiB: 100,000 levels would need hundreds
/// of megabytes, so only a parser that stops at a fixed depth survives here.
/// serde_json stops at 128 levels, which a debug build, with the path
/// tracking of `from_slice` around every level, parses in about 400 KiB.
const SMALL_STACK: usize = 512 * 1024;
const DEEP_MARK: &str = "@@deep@@";

/// The body that grows to 6 MB: the fixture's longest member carrying a
/// document as text (`contentMediaType`), such as an SQS message's `body`.
fn largest_body(model: &Model, root: &TypeRef, document: &Value) -> Option<Location> {
    let length = |location: &&Location| document.pointer(&pointer(location)).and_then(Value::as_str).map_or(0, str::len);
    sites(model, root, document).payload_members.iter().max_by_key(length).cloned()
}

/// For each shape, the fixture with the most objects: the most places to nest into.
fn richest_fixture_of_each_shape(model: &Model) -> Vec<Fixture> {
    let mut richest: Vec<(usize, Fixture)> = Vec::new();
    for fixture in fixtures() {
        let objects = sites(model, &fixture.root_type(model), &fixture.document).objects.len();
        match richest.iter_mut().find(|(_, best)| best.shape.id() == fixture.shape.id()) {
            Some(best) if best.0 < objects => *best = (objects, fixture),
            Some(_) => {}
            None => richest.push((objects, fixture)),
        }
    }
    richest.into_iter().map(|(_, fixture)| fixture).collect()
}

/// About 6 MB of JSON text with quotes, escapes and non-ASCII letters, as a
/// body would hold.
fn six_megabytes_of_text() -> String {
    let line = "{\"order\":\"Bestellung Nr. 42 für Zoë\",\"note\":\"tab\\there\"}\n";
    line.repeat(SIX_MB / line.len() + 1)
}

fn peak_resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_six_megabyte_body_in_every_shape_with_bodies_parses_and_round_trips_in_bounded_time_and_memory() {
    let model = model();
    let text = six_megabytes_of_text();
    let mut checked = Vec::new();
    for fixture in fixtures() {
        let Some(member) = largest_body(&model, &fixture.root_type(&model), &fixture.document) else { continue };
        if checked.contains(&fixture.shape.id()) {
            continue;
        }
        let document = replaced(&fixture.document, &member, json!(text));
        let bytes = serde_json::to_vec(&document).unwrap();
        assert!(bytes.len() > SIX_MB);
        let started = Instant::now();
        let written = fixture.shape.parse_and_write(&bytes).unwrap_or_else(|error| panic!("{}: {error}", fixture.name()));
        let elapsed = started.elapsed();
        let differences = lossless::compare(&document, &written);
        assert!(differences.is_empty(), "{}: {} differences, the first: {}", fixture.name(), differences.len(), differences[0]);
        eprintln!("{} with 6 MB at {}: parsed and written back in {elapsed:?}", fixture.shape.id(), pointer(&member));
        assert!(elapsed < TIME_LIMIT, "{}: {elapsed:?}", fixture.name());
        checked.push(fixture.shape.id());
    }
    assert!(!checked.is_empty(), "no fixture has a body");
    if let Some(peak) = peak_resident_kib() {
        eprintln!("peak resident memory: {} MiB", peak / 1024);
        assert!(peak < MEMORY_LIMIT_KIB, "peak resident memory {peak} KiB");
    }
}

/// The text around one more level of a type that holds itself (a DynamoDB
/// attribute value's `L` or `M`), when the schemas have such a type: every
/// level must be written without other required members.
fn one_more_level(model: &Model, name: &str) -> Option<(String, String)> {
    let is_self = |ty: &TypeRef| *resolve(model, ty) == TypeRef::Named(name.to_owned());
    let wrap = |key: &str, ty: &TypeRef| {
        let key = serde_json::to_string(key).unwrap();
        let ty = match ty {
            TypeRef::Option(inner) => inner,
            ty => ty,
        };
        match resolve(model, ty) {
            TypeRef::Array(item) if is_self(item) => Some((format!("{{{key}:["), "]}".to_owned())),
            TypeRef::Map(item) if is_self(item) => Some((format!("{{{key}:{{\"k\":"), "}}".to_owned())),
            ty if is_self(ty) => Some((format!("{{{key}:"), "}".to_owned())),
            _ => None,
        }
    };
    match &model.types.get(name)?.kind {
        TypeKind::KeyedUnion { variants } => variants.iter().find_map(|variant| wrap(&variant.key, &variant.ty)),
        TypeKind::Struct { fields, .. } if fields.iter().all(|field| matches!(field.ty, TypeRef::Option(_))) => {
            fields.iter().find_map(|field| wrap(&field.json_name, &field.ty))
        }
        _ => None,
    }
}

struct DeepCase {
    what: String,
    shape: &'static lambda_event_catalog::shape::RegisteredShape,
    text: String,
    /// The path the error must be at or below.
    path: String,
}

/// Nests `leaf` inside `DEPTH` levels of `(prefix, suffix)`.
fn nested(prefix: &str, suffix: &str, leaf: &str) -> String {
    let mut text = String::with_capacity(DEPTH * (prefix.len() + suffix.len()) + leaf.len());
    (0..DEPTH).for_each(|_| text.push_str(prefix));
    text.push_str(leaf);
    (0..DEPTH).for_each(|_| text.push_str(suffix));
    text
}

/// For the richest fixture of every shape, an unknown member nested 100,000
/// deep in every object (so inside `unknown_fields` at every level, message
/// attributes included); for the first value of each type that holds itself
/// in any fixture, that value nested 100,000 levels of its type deep.
fn deep_cases() -> Vec<DeepCase> {
    let model = model();
    let deep_arrays = nested("[", "]", "");
    let deep_objects = nested("{\"a\":", "}", "1");
    let mut cases = Vec::new();
    for fixture in richest_fixture_of_each_shape(&model) {
        let sites = sites(&model, &fixture.root_type(&model), &fixture.document);
        for (index, object) in sites.objects.iter().enumerate() {
            let mut document = fixture.document.clone();
            let Some(Value::Object(members)) = document.pointer_mut(&pointer(object)) else { continue };
            members.insert("deep".to_owned(), json!(DEEP_MARK));
            let deep = if index % 2 == 0 { &deep_arrays } else { &deep_objects };
            let text = serde_json::to_string(&document).unwrap().replace(&format!("\"{DEEP_MARK}\""), deep);
            let mut member = object.clone();
            member.push(Step::Key("deep".to_owned()));
            cases.push(DeepCase {
                what: format!("{}: unknown member {}", fixture.name(), pointer(&member)),
                shape: fixture.shape,
                text,
                path: outer_path(&member),
            });
        }
    }
    let mut nested_types: Vec<String> = Vec::new();
    for fixture in fixtures() {
        for (location, ty) in sites(&model, &fixture.root_type(&model), &fixture.document).typed_values {
            let TypeRef::Named(name) = resolve(&model, &ty) else { continue };
            if nested_types.contains(name) {
                continue;
            }
            let Some((prefix, suffix)) = one_more_level(&model, name) else { continue };
            nested_types.push(name.clone());
            let leaf = serde_json::to_string(fixture.document.pointer(&pointer(&location)).unwrap()).unwrap();
            let document = replaced(&fixture.document, &location, json!(DEEP_MARK));
            let text = serde_json::to_string(&document).unwrap().replace(&format!("\"{DEEP_MARK}\""), &nested(&prefix, &suffix, &leaf));
            cases.push(DeepCase {
                what: format!("{}: {name} nested in itself at {}", fixture.name(), pointer(&location)),
                shape: fixture.shape,
                text,
                path: outer_path(&location),
            });
        }
    }
    cases
}

/// The path `ParseError::path()` starts with: up to the first member of a
/// union read before its tag (see `common::Step::Union`).
fn outer_path(location: &Location) -> String {
    common::error_paths(location).swap_remove(0)
}

#[test]
fn values_nested_100000_deep_are_errors_not_stack_overflows() {
    let cases = deep_cases();
    assert!(!cases.is_empty());
    let count = cases.len();
    // A stack overflow aborts the whole test process: that is the failure this guards against.
    let parser = std::thread::Builder::new().stack_size(SMALL_STACK).spawn(move || {
        let mut problems = Vec::new();
        for case in cases {
            let started = Instant::now();
            match case.shape.parse_and_write(case.text.as_bytes()) {
                Ok(_) => problems.push(format!("{}: parses", case.what)),
                Err(error) => {
                    let message = error.to_string();
                    if !message.contains("recursion limit exceeded") || !error.path().starts_with(case.path.trim_start_matches('.')) {
                        problems.push(format!("{}: expected serde_json's recursion limit at or below `{}`, got: {}", case.what, case.path, shorten(&message)));
                    }
                }
            }
            if started.elapsed() > TIME_LIMIT {
                problems.push(format!("{}: {:?}", case.what, started.elapsed()));
            }
        }
        problems
    });
    let problems = parser.unwrap().join().unwrap();
    eprintln!("{count} documents nested {DEPTH} deep, each an error on a {} KiB stack", SMALL_STACK / 1024);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The path of a value nested 128 levels deep is long: the start says where.
fn shorten(message: &str) -> String {
    message.chars().take(300).collect()
}
