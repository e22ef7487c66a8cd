//! Every fixture, changed the ways real events change: AWS adds members and
//! enum values, leaves optional members out or sends them as `null`; and
//! broken the ways hostile or corrupted events are broken. Additions and
//! omissions must parse and write back losslessly; broken values must fail
//! with an error that names the JSON path and what was expected there.
//!
//! Every variant also holds the catalogue's one verdict: the shape's schema
//! accepts exactly the variants that its type parses (the exceptions, each
//! with its reason, are listed in `schemas/README.md`).
//!
//! Which member is what comes from the schemas, through the codegen's typed
//! model, walked alongside each fixture (see `common`): no list of sources or
//! members here, so a new source is mutated as soon as its fixtures land.

mod common;

use common::{error_paths, fixtures, model, pointer, remove_in_place, removed, replaced, resolve, sample, sites, validators, Fixture, Location, Sites, Step};
use lambda_event_catalog::lossless;
use std::collections::BTreeMap;

use lambda_event_catalog_codegen::ir::{Model, TimestampFormat, TypeRef};
use lambda_event_catalog_codegen::Validators;
use serde_json::{json, Value};

/// Variants per fixture and kind of change, spread over the fixture: enough
/// to reach every kind of member, few enough that a few hundred fixtures
/// (some of them hundreds of kilobytes) test in seconds in a debug build.
const VARIANTS_PER_KIND: usize = 8;

const UNKNOWN_MEMBER: &str = "x-mutation-unknown-member";
const UNSEEN_VALUE: &str = "UnseenValue:2099-01";
/// Stands for a number `serde_json::Value` cannot hold (`1e400`): the
/// document's text gets the raw number in its place.
const RAW_NUMBER_MARK: &str = "@@raw-number@@";

/// A value for unknown members with every JSON type, extreme integers and a
/// float that prints with an exponent.
fn unknown_value() -> Value {
    json!({ "nested": [1, -2.5, 1.0e-7, "text", null, true, { "empty": {}, "list": [] }], "max": u64::MAX, "min": i64::MIN })
}

enum Variant {
    /// Must parse, write back the same document, and (when given) describe
    /// itself with this text (without whitespace), which shows where the
    /// value landed.
    Lossless { kind: &'static str, what: String, document: Value, described_as: Option<String> },
    /// Must fail at `location` with a message containing each of `expected`.
    Broken { kind: &'static str, what: String, document: Value, raw_number: Option<&'static str>, location: Location, expected: Vec<String> },
}

impl Variant {
    fn kind(&self) -> &'static str {
        match self {
            Variant::Lossless { kind, .. } | Variant::Broken { kind, .. } => kind,
        }
    }

    fn what(&self) -> &str {
        match self {
            Variant::Lossless { what, .. } | Variant::Broken { what, .. } => what,
        }
    }

    /// The document as the schema sees it: `None` when it is no
    /// `serde_json::Value` at all (a number out of `f64`'s range), which
    /// `check` rejects as not valid JSON before the schema is asked.
    fn schema_input(&self) -> Option<Value> {
        match self {
            Variant::Lossless { document, .. } | Variant::Broken { document, raw_number: None, .. } => Some(document.clone()),
            Variant::Broken { document, raw_number: Some(raw), .. } => {
                let text = serde_json::to_string(document).unwrap().replace(&format!("\"{RAW_NUMBER_MARK}\""), raw);
                serde_json::from_str(&text).ok()
            }
        }
    }

    /// The schema must accept what the type reads and reject what it refuses.
    fn check_agreement(&self, fixture: &Fixture, validators: &Validators) -> Result<(), String> {
        let violations = match self.schema_input() {
            Some(document) => validators.validate(&fixture.id(), &document),
            None => return if matches!(self, Variant::Broken { .. }) { Ok(()) } else { Err("not a JSON value".to_owned()) },
        };
        match self {
            Variant::Lossless { .. } if !violations.is_empty() => {
                let listed: Vec<String> = violations.iter().map(|violation| format!("{}: {}", violation.pointer, violation.message)).collect();
                Err(format!("the type reads it, but the schema rejects it: {}", listed.join("; ")))
            }
            Variant::Broken { .. } if violations.is_empty() => Err("the type refuses it, but the schema accepts it".to_owned()),
            Variant::Broken { location, .. } => {
                let listed = || violations.iter().map(|violation| format!("{}: {}", violation.pointer, violation.message)).collect::<Vec<_>>().join("; ");
                // What the user reads is in the catalogue's words, at the place of the change.
                if let Some(jargon) =
                    violations.iter().find(|violation| ["anyOf", "oneOf", "is not valid under any"].iter().any(|word| violation.message.contains(word)))
                {
                    return Err(format!("the schema's message speaks of the validator: {}", jargon.message));
                }
                if !violations.iter().any(|violation| violation.pointer == pointer(location)) {
                    return Err(format!("no schema violation at `{}`: {}", pointer_or_root(location), listed()));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn check(&self, fixture: &Fixture, validators: &Validators) -> Result<(), String> {
        self.check_agreement(fixture, validators)?;
        match self {
            Variant::Lossless { document, described_as, .. } => {
                let bytes = serde_json::to_vec(document).unwrap();
                let written = fixture.shape.parse_and_write(&bytes).map_err(|error| format!("does not parse: {error}"))?;
                let differences: Vec<String> = lossless::compare(document, &written).iter().map(ToString::to_string).collect();
                if !differences.is_empty() {
                    return Err(format!("not lossless: {}", differences.join("; ")));
                }
                if let Some(text) = described_as {
                    let description = fixture.shape.parse_and_describe(&bytes).map_err(|error| error.to_string())?;
                    // `{:#?}` breaks lines inside `Other(…)`: compare without whitespace.
                    let description: String = description.split_whitespace().collect();
                    let text: String = text.split_whitespace().collect();
                    if !description.contains(text.as_str()) {
                        return Err(format!("the parsed value holds no {text}"));
                    }
                }
                Ok(())
            }
            Variant::Broken { document, raw_number, location, expected, .. } => {
                let mut text = serde_json::to_string(document).unwrap();
                if let Some(raw) = raw_number {
                    text = text.replace(&format!("\"{RAW_NUMBER_MARK}\""), raw);
                }
                let error = match fixture.shape.parse_and_write(text.as_bytes()) {
                    Ok(_) => return Err("parses, but must be an error".to_owned()),
                    Err(error) => error,
                };
                let message = error.to_string();
                // A number no `serde_json::Value` holds (`1e400`) fails as soon
                // as it is read, also inside a member that a union keeps as JSON
                // until its tag: that error has the whole path.
                let paths = match raw_number {
                    Some(raw) if serde_json::from_str::<Value>(raw).is_err() => {
                        error_paths(&location.iter().filter(|step| !matches!(step, Step::Union { .. })).cloned().collect::<Vec<_>>())
                    }
                    _ => error_paths(location),
                };
                let mut problems = Vec::new();
                if error.path() != paths[0] {
                    problems.push(format!("the error is at `{}`, not `{}`", error.path(), paths[0]));
                }
                for inner in paths[1..].iter().filter(|path| *path != ".") {
                    if !message.contains(&format!("{inner}: ")) {
                        problems.push(format!("the message does not name the path `{inner}` inside the union"));
                    }
                }
                for fragment in expected {
                    if !message.contains(fragment.as_str()) {
                        problems.push(format!("the message does not say {fragment:?}"));
                    }
                }
                if problems.is_empty() {
                    Ok(())
                } else {
                    Err(format!("{} (message: {message})", problems.join("; ")))
                }
            }
        }
    }
}

/// Checks every variant that `variants_of` makes of every fixture, and
/// prints how many there were of each kind (`cargo test -- --nocapture`
/// shows it). Each of `kinds` must have been tried on some fixture, so that
/// no kind passes for want of a place to apply it.
fn check_every_fixture(kinds: &[&str], variants_of: impl Fn(&Model, &Fixture, &Sites) -> Vec<Variant>) {
    let model = model();
    let validators = validators();
    let fixtures = fixtures();
    let mut counts: BTreeMap<&str, usize> = kinds.iter().map(|kind| (*kind, 0)).collect();
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let sites = sites(&model, &fixture.root_type(&model), &fixture.document);
        for variant in variants_of(&model, fixture, &sites) {
            *counts.entry(variant.kind()).or_default() += 1;
            if let Err(problem) = variant.check(fixture, &validators) {
                failures.push(format!("{}: {}: {problem}", fixture.name(), variant.what()));
            }
        }
    }
    for (kind, count) in &counts {
        eprintln!("{kind}: {count} variants of {} fixtures", fixtures.len());
        assert!(*count > 0, "{kind}: no fixture has a place for this change");
    }
    let total: usize = counts.values().sum();
    assert!(failures.is_empty(), "{} of {total} variants fail:\n{}", failures.len(), failures.join("\n"));
}

fn with_unknown_member(document: &mut Value, object: &Location) {
    if let Some(Value::Object(members)) = document.pointer_mut(&pointer(object)) {
        assert!(!members.contains_key(UNKNOWN_MEMBER), "pick another name for the unknown member");
        members.insert(UNKNOWN_MEMBER.to_owned(), unknown_value());
    }
}

#[test]
fn unknown_members_of_every_object_round_trip() {
    check_every_fixture(&["unknown member in every object", "unknown member in one object"], |_, fixture, sites| {
        let mut everywhere = fixture.document.clone();
        sites.objects.iter().for_each(|object| with_unknown_member(&mut everywhere, object));
        let mut variants = vec![Variant::Lossless {
            kind: "unknown member in every object",
            what: "an unknown member in every object".to_owned(),
            document: everywhere,
            described_as: None,
        }];
        for object in sample(&sites.objects, VARIANTS_PER_KIND) {
            let mut document = fixture.document.clone();
            with_unknown_member(&mut document, &object);
            let what = format!("an unknown member in {}", pointer_or_root(&object));
            variants.push(Variant::Lossless { kind: "unknown member in one object", what, document, described_as: Some(format!("{UNKNOWN_MEMBER:?}")) });
        }
        variants
    });
}

#[test]
fn unseen_open_enum_values_and_union_tags_round_trip() {
    check_every_fixture(&["unseen open-enum value"], |_, fixture, sites| {
        // AWS grows a value set within its family (`PreSignUp_SignUp`, then
        // `PreSignUp_Passkey`), which a schema's `^Prefix` pattern describes:
        // the new value keeps the one it replaces as its prefix.
        let enum_values = sample(&sites.open_enum_values, VARIANTS_PER_KIND).into_iter().map(|location| {
            let known = fixture.document.pointer(&pointer(&location)).and_then(Value::as_str).unwrap_or_default();
            let unseen = format!("{known}{UNSEEN_VALUE}");
            ("unseen open-enum value", location, format!("Other({unseen:?}"), unseen)
        });
        let union_tags = sample(&sites.union_tags, VARIANTS_PER_KIND)
            .into_iter()
            .map(|location| ("unseen union tag", location, "Unknown(".to_owned(), UNSEEN_VALUE.to_owned()));
        enum_values
            .chain(union_tags)
            .map(|(kind, location, described_as, unseen)| Variant::Lossless {
                kind,
                what: format!("an unseen value at {}", pointer_or_root(&location)),
                document: replaced(&fixture.document, &location, json!(unseen)),
                described_as: Some(described_as),
            })
            .collect()
    });
}

#[test]
fn optional_members_sent_as_null_or_left_out_round_trip() {
    check_every_fixture(&["optional members null", "optional members absent"], |_, fixture, sites| {
        let mut all_null = fixture.document.clone();
        let mut all_absent = fixture.document.clone();
        for member in &sites.optional_members {
            if let Some(value) = all_null.pointer_mut(&pointer(member)) {
                *value = Value::Null;
            }
            remove_in_place(&mut all_absent, member);
        }
        let mut variants = vec![
            Variant::Lossless { kind: "optional members null", what: "every optional member null".to_owned(), document: all_null, described_as: None },
            Variant::Lossless { kind: "optional members absent", what: "every optional member absent".to_owned(), document: all_absent, described_as: None },
        ];
        for member in sample(&sites.optional_members, VARIANTS_PER_KIND) {
            let at = pointer_or_root(&member);
            variants.push(Variant::Lossless {
                kind: "optional members null",
                what: format!("{at} null"),
                document: replaced(&fixture.document, &member, Value::Null),
                described_as: None,
            });
            variants.push(Variant::Lossless {
                kind: "optional members absent",
                what: format!("{at} absent"),
                document: removed(&fixture.document, &member),
                described_as: None,
            });
        }
        variants
    });
}

#[test]
fn missing_required_members_are_errors_naming_parent_and_member() {
    check_every_fixture(&["required member missing"], |_, fixture, sites| {
        sample(&sites.required_members, VARIANTS_PER_KIND)
            .into_iter()
            .map(|member| {
                let (common::Step::Key(name), parent) = member.split_last().expect("a member") else { unreachable!("members are keys") };
                Variant::Broken {
                    kind: "required member missing",
                    what: format!("{} missing", pointer_or_root(&member)),
                    document: removed(&fixture.document, &member),
                    raw_number: None,
                    location: parent.to_vec(),
                    expected: vec![format!("missing field `{name}`")],
                }
            })
            .collect()
    });
}

/// One way to break a value of some type: what replaces it, and what the
/// error message must then say was expected.
struct Breakage {
    kind: &'static str,
    replacement: Value,
    raw_number: Option<&'static str>,
    expected: &'static [&'static str],
}

/// Every way the schemas let us break a value of type `ty`.
fn breakages(model: &Model, ty: &TypeRef) -> Vec<Breakage> {
    let ty = resolve(model, ty);
    let mut ways = Vec::new();
    let wrong_type = |replacement: Value| Breakage { kind: "wrong JSON type", replacement, raw_number: None, expected: &["invalid type", "expected"] };
    let raw = |number: &'static str, expected: &'static [&'static str]| Breakage {
        kind: "number out of range",
        replacement: json!(RAW_NUMBER_MARK),
        raw_number: Some(number),
        expected,
    };
    match ty {
        TypeRef::Bool => ways.push(wrong_type(json!("not a boolean"))),
        TypeRef::OneOrMany(inner) if *resolve(model, inner) == TypeRef::Bool => ways.push(wrong_type(json!("not a boolean"))),
        TypeRef::Any | TypeRef::Option(_) => {}
        _ => ways.push(wrong_type(json!(true))),
    }
    match ty {
        TypeRef::Base64 => ways.push(Breakage {
            kind: "invalid base64",
            replacement: json!("not base64!"),
            raw_number: None,
            expected: &["invalid base64", "expected standard padded base64"],
        }),
        TypeRef::Timestamp(format) => {
            ways.push(Breakage {
                kind: "invalid timestamp",
                replacement: json!("not a timestamp"),
                raw_number: None,
                expected: &["invalid timestamp, expected"],
            });
            match format {
                TimestampFormat::EpochSeconds | TimestampFormat::EpochMillis | TimestampFormat::EpochMillisNumberOrText => {
                    ways.push(raw("1e300", &["invalid timestamp, expected", "out of range"]))
                }
                TimestampFormat::EpochMillisText | TimestampFormat::EpochMicrosText => ways.push(Breakage {
                    kind: "number out of range",
                    replacement: json!(i64::MAX.to_string()),
                    raw_number: None,
                    expected: &["invalid timestamp, expected", "out of range"],
                }),
                TimestampFormat::Rfc3339 | TimestampFormat::Clf | TimestampFormat::Iso8601BasicOffset => {}
            }
        }
        TypeRef::ByteInts => ways.push(Breakage { kind: "number out of range", replacement: json!(300), raw_number: None, expected: &["from -128 to 255"] }),
        TypeRef::Integer => ways.push(raw("9223372036854775808", &["expected i64"])),
        TypeRef::Number => ways.push(raw("1e400", &["out of range"])),
        _ => {}
    }
    ways
}

#[test]
fn broken_values_are_errors_naming_path_and_what_was_expected() {
    check_every_fixture(&["wrong JSON type", "invalid base64", "invalid timestamp", "number out of range"], |model, fixture, sites| {
        let mut candidates: Vec<(&'static str, Vec<(Location, Breakage)>)> = Vec::new();
        for (location, ty) in &sites.typed_values {
            for breakage in breakages(model, ty) {
                match candidates.iter_mut().find(|(kind, _)| *kind == breakage.kind) {
                    Some((_, list)) => list.push((location.clone(), breakage)),
                    None => candidates.push((breakage.kind, vec![(location.clone(), breakage)])),
                }
            }
        }
        let mut variants = Vec::new();
        for (_, list) in &candidates {
            let indexes: Vec<usize> = sample(&(0..list.len()).collect::<Vec<_>>(), VARIANTS_PER_KIND);
            for (location, breakage) in indexes.into_iter().map(|index| &list[index]) {
                variants.push(Variant::Broken {
                    kind: breakage.kind,
                    what: format!("{} at {}", breakage.kind, pointer_or_root(location)),
                    document: replaced(&fixture.document, location, breakage.replacement.clone()),
                    raw_number: breakage.raw_number,
                    location: location.clone(),
                    expected: breakage.expected.iter().map(|fragment| (*fragment).to_owned()).collect(),
                });
            }
        }
        variants
    });
}

fn pointer_or_root(location: &Location) -> String {
    let pointer = pointer(location);
    if pointer.is_empty() {
        "(root)".to_owned()
    } else {
        pointer
    }
}
