//! `cargo codegen infer`: every detector on small sample sets, drafts of new
//! shapes, merges into the catalogue's own schemas and into small test
//! catalogues, the formatting of edits, bad input, and the whole workflow
//! (infer, write, generate) on a copy of the catalogue.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use lambda_event_catalog_codegen::infer::{self, edit, ChangeKind, Proposal, Request, Sample};
use lambda_event_catalog_codegen::json::Json;
use lambda_event_catalog_codegen::{generate, ShapeId};
use serde_json::{json, Value};

/// The repository these tests belong to (tests run inside it; the binaries find it from the current folder).
fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

/// A folder of the temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("catalog-infer-test-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// A schemas folder holding the meta-schema and `files` (`(path, schema)`).
    fn catalogue(files: &[(&str, Value)]) -> Scratch {
        let scratch = Scratch::new();
        let schemas = scratch.schemas();
        std::fs::create_dir_all(&schemas).unwrap();
        std::fs::copy(repo_root().join("schemas/catalog.meta.json"), schemas.join("catalog.meta.json")).unwrap();
        for (path, schema) in files {
            let target = schemas.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, serde_json::to_string_pretty(schema).unwrap() + "\n").unwrap();
        }
        scratch
    }

    /// A copy of the repository's schemas folder.
    fn copy_of_repository_schemas() -> Scratch {
        let scratch = Scratch::new();
        copy_dir(&repo_root().join("schemas"), &scratch.schemas());
        scratch
    }

    fn schemas(&self) -> PathBuf {
        self.0.join("schemas")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

fn samples(documents: &[Value]) -> Vec<Sample> {
    documents
        .iter()
        .enumerate()
        .map(|(index, document)| Sample::parse(&format!("sample-{}.json", index + 1), document.to_string().as_bytes()).unwrap())
        .collect()
}

fn id(id: &str) -> ShapeId {
    ShapeId::parse(id).unwrap()
}

/// The report of drafting `demo.event` from `documents`, in an empty catalogue.
fn draft(documents: &[Value]) -> String {
    let scratch = Scratch::catalogue(&[]);
    match infer::draft(&scratch.schemas(), &id("demo.event"), &samples(documents)) {
        Ok(proposal) => proposal.report(),
        Err(error) => format!("error: {error}"),
    }
}

fn merge_into_repository(shape: &str, documents: &[Value]) -> Proposal {
    infer::merge(&repo_root().join("schemas"), &id(shape), &samples(documents)).unwrap()
}

fn fixture(path: &str) -> Value {
    serde_json::from_slice(&std::fs::read(repo_root().join("fixtures").join(path)).unwrap()).unwrap()
}

#[test]
fn text_timestamps_rfc3339_and_clf() {
    insta::assert_snapshot!(draft(&[
        json!({ "eventTime": "2024-03-18T09:17:44.009Z", "requestTime": "09/Apr/2015:12:34:56 +0000", "mostlyTime": "2024-03-18T09:17:44Z" }),
        json!({ "eventTime": "2019-01-01T00:00:00+02:00", "requestTime": "18/Mar/2024:09:17:44 +0100", "mostlyTime": "2024-03-18T09:17:45Z" }),
        json!({ "eventTime": "1970-01-01T00:00:00.000Z", "requestTime": "01/Jan/2020:00:00:00 -0500", "mostlyTime": "yesterday" }),
    ]));
}

#[test]
fn epoch_seconds_and_milliseconds_as_numbers_and_text() {
    insta::assert_snapshot!(draft(&[
        json!({
            "approximateArrivalTimestamp": 1545084650.987,
            "createdAt": 1480642020,
            "sizeBytes": 1500000000,
            "timeEpoch": 1583349317135_i64,
            "SentTimestamp": "1545082649183",
            "startedSeconds": "1545082649",
            "count": 12
        }),
        json!({
            "approximateArrivalTimestamp": 1545084651,
            "createdAt": 1480642021,
            "sizeBytes": 1500000001,
            "timeEpoch": 1583349317999_i64,
            "SentTimestamp": "1545082649999",
            "startedSeconds": "1545082650",
            "count": 13
        }),
    ]));
}

#[test]
fn base64_json_text_and_integers_as_text() {
    insta::assert_snapshot!(draft(&[
        json!({
            "data": "eyJvcmRlcklkIjoiMTA0MiIsInF0eSI6M30=",
            "blob": "3q2+7wABAgMEBQYHCAkKCw==",
            "requestId": "LatYcGqKIAMFpTg=",
            "path": "/prod/orders/1042",
            "md5": "452ba4fc2275b25fdbdc806b3489d518",
            "body": "{\"orderId\": \"1042\"}",
            "sequence": "49590338271490256608559692538361571095921575989136588898",
            "word": "Notification"
        }),
        json!({
            "data": "W3sic2t1IjoiQS0xIn1d",
            "blob": "AAECAwQFBgcICQoLDA0ODxAR",
            "requestId": "NeoZ0EmhIAMF3eQ=",
            "path": "/prod/orders/1043",
            "md5": "6f09bd0006797a6d5804c9a8f326b1a3",
            "body": "[1, 2, 3]",
            "sequence": "49590338271490256608559692538361571095921575989136588899",
            "word": "Subscription"
        }),
    ]));
}

#[test]
fn open_enums_from_closed_looking_value_sets() {
    insta::assert_snapshot!(draft(&[
        json!({ "eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "awsRegion": "us-east-1", "status": "Succeeded", "owner": "alice", "id": "f623d58e-2677-470a-976e-323203f5211c" }),
        json!({ "eventSource": "aws:s3", "eventName": "ObjectRemoved:Delete", "awsRegion": "eu-west-1", "status": "Succeeded", "owner": "bob", "id": "9a920066-6fbd-4f35-ad8b-384ff49814f7" }),
        json!({ "eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "awsRegion": "us-east-1", "status": "PermanentFailure", "owner": "carol", "id": "560a32e7-de17-46ca-a72b-e8df04cbd3c2" }),
        json!({ "eventSource": "aws:s3", "eventName": "ObjectCreated:Copy", "awsRegion": "eu-west-1", "status": "Succeeded", "owner": "dave", "id": "1065b1ae-111a-4c0a-9035-9af24ffb7c4b" }),
    ]));
}

#[test]
fn maps_versus_records() {
    insta::assert_snapshot!(draft(&[
        json!({
            "headers": { "Content-Type": "application/json", "X-Forwarded-For": "127.0.0.1" },
            "userAttributes": { "email": "a@example.com", "name": "A" },
            "attributes": { "ApproximateReceiveCount": "1", "SenderId": "AID1" },
            "messageAttributes": { "Origin": { "dataType": "String", "stringValue": "web" } },
            "counters": { "alpha": 1, "beta": 2, "gamma": 3 },
            "empty": {}
        }),
        json!({
            "headers": { "Accept": "*/*" },
            "userAttributes": { "email": "b@example.com", "phone_number": "+15555550100" },
            "attributes": { "ApproximateReceiveCount": "2", "SenderId": "AID2" },
            "messageAttributes": { "Priority": { "dataType": "Number", "stringValue": "1" } },
            "counters": { "delta": 4, "epsilon": 5, "zeta": 6 },
            "empty": {}
        }),
    ]));
}

#[test]
fn optional_nullable_nested_and_one_or_many() {
    insta::assert_snapshot!(draft(&[
        json!({
            "Records": [{ "id": "a", "subject": null, "detail": { "size": 1 } }, { "id": "b", "subject": "hello", "detail": null }],
            "Action": "s3:GetObject",
            "value": 1,
            "tags": [],
            "nothing": null
        }),
        json!({
            "Records": [{ "id": "c", "subject": "x", "extra": true }],
            "Action": ["s3:GetObject", "s3:PutObject"],
            "value": "one",
            "tags": [],
            "nothing": null
        }),
    ]));
}

/// A draft follows the samples' member order, and its `x-detect` is checked
/// against the catalogue: drafting SQS again overlaps with `sqs.event`.
#[test]
fn draft_of_a_real_event_in_the_catalogue() {
    let files = ["sqs/event/fifo-queue-batch.json", "sqs/event/standard-queue-batch-of-ten.json"];
    let samples: Vec<Sample> =
        files.iter().map(|file| Sample::parse(file, &std::fs::read(repo_root().join("fixtures").join(file)).unwrap()).unwrap()).collect();
    let proposal = infer::draft(&repo_root().join("schemas"), &id("demo.queue_event"), &samples).unwrap();
    assert!(proposal.problems.iter().any(|problem| problem.contains("fixtures/sqs/event/") && problem.contains("tighten it")), "{}", proposal.report());
    assert!(proposal.notes.iter().any(|note| note.contains("also detected as sqs.event")), "{}", proposal.report());
    insta::assert_snapshot!(proposal.files[0].after);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let scratch = Scratch::catalogue(&[]);
    let mut report = Vec::new();
    report.push(Sample::parse("broken.json", b"{\"Records\": [").err().unwrap());
    report.push(Sample::parse("duplicate.json", b"{\"a\": 1, \"a\": 2}").err().unwrap());
    let deep_beyond_the_parser = "[".repeat(5000) + &"]".repeat(5000);
    report.push(Sample::parse("deep.json", deep_beyond_the_parser.as_bytes()).err().unwrap());
    report.push(infer::draft(&scratch.schemas(), &id("demo.event"), &[]).err().unwrap());
    report.push(infer::draft(&scratch.schemas(), &id("demo.event"), &samples(&[json!([1, 2])])).err().unwrap());
    report.push(infer::merge(&scratch.schemas(), &id("demo.event"), &samples(&[json!({})])).err().unwrap());
    report.push(infer::merge(&repo_root().join("schemas"), &id("sqs.event"), &[]).err().unwrap());
    report.push(infer::draft(&repo_root().join("schemas"), &id("sqs.event"), &samples(&[json!({})])).err().unwrap());
    report.push(infer::read_samples(&["/nonexistent/sample.json".to_owned()]).err().unwrap());
    for args in [
        &["--shape"][..],
        &["--new", "Bad.Id", "a.json"],
        &["--shape", "sqs.event"],
        &["a.json"],
        &["--shape", "sqs.event", "--new", "a.b", "x.json"],
        &["--force", "x"],
    ] {
        let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
        report.push(Request::parse(&args).err().unwrap());
    }
    insta::assert_snapshot!(report.join("\n"));
}

#[test]
fn deep_nesting_is_bounded() {
    // Within the JSON parser's limit, beyond the observer's.
    let mut deep = json!("bottom");
    for _ in 0..100 {
        deep = json!({ "inner": deep });
    }
    let report = draft(&[json!({ "deep": deep.clone() })]);
    assert!(report.contains("nested too deeply to look into: any JSON value"), "{report}");
    let mut sample = fixture("sqs/event/fifo-queue-batch.json");
    sample["Records"][0]["deep"] = deep;
    let proposal = merge_into_repository("sqs.event", &[sample]);
    assert!(proposal.report().contains("nested too deeply to look into"), "{}", proposal.report());
}

/// A new member, a `null` where a value used to be, a missing required
/// member, a new enum value, and a string that is sometimes a number.
#[test]
fn merge_into_sqs_event() {
    let mut sample = fixture("sqs/event/fifo-queue-batch.json");
    let records = sample["Records"].as_array_mut().unwrap();
    records[0].as_object_mut().unwrap().remove("body");
    records[0]["eventSource"] = json!("aws:sqs:fair");
    records[0]["awsRegion"] = json!(5);
    records[0]["deliveryDelay"] = json!({ "seconds": 30, "reason": "Throttled" });
    records[1]["attributes"] = Value::Null;
    records[1]["md5OfBody"] = Value::Null;
    records[1]["messageAttributes"]["Origin"] = json!({ "dataType": "String", "stringValue": "web", "encoding": "utf-8" });
    insta::assert_snapshot!(merge_into_repository("sqs.event", &[sample]).report());
}

/// A tagged union: each document is compared with the alternative its
/// `Type` selects; a shared definition of another file changes there.
#[test]
fn merge_into_sns_message() {
    let mut notification = fixture("sns/message/notification-signature-v2-message-attributes.json");
    notification["DataProtectionPolicyVersion"] = json!("2025-01");
    notification["MessageAttributes"]["prices"] = json!({ "Type": "Number.Array", "Value": "[1, 2]" });
    let mut confirmation = fixture("sns/message/subscription-confirmation.json");
    confirmation["Token"] = Value::Null;
    let mut unknown = fixture("sns/message/unsubscribe-confirmation.json");
    unknown["Type"] = json!("SubscriptionReminder");
    insta::assert_snapshot!(merge_into_repository("sns.message", &[notification, confirmation, unknown]).report());
}

/// A member union (EventBridge's `detail` typed by `detail-type`): new
/// members of the envelope and of the detail its tag selects are proposed
/// where they belong, and a detail type no alternative selects is named.
#[test]
fn merge_into_a_member_union() {
    let mut deployment = fixture("codedeploy/event/deployment-success.json");
    deployment["partition"] = json!("aws");
    deployment["detail"]["computePlatform"] = json!("ECS");
    let mut instance = fixture("codedeploy/event/instance-start-ec2.json");
    instance["detail"]["lifecycleEvent"] = json!("BeforeInstall");
    let mut unknown = fixture("codedeploy/event/deployment-start.json");
    unknown["detail-type"] = json!("CodeDeploy Deployment Rollback Notification");
    insta::assert_snapshot!(merge_into_repository("codedeploy.event", &[deployment, instance, unknown]).report());
}

/// `allOf`, a keyed union, a one-or-many value, a float where an integer
/// was, in a catalogue written the way `serde_json` pretty-prints.
#[test]
fn merge_through_all_of_keyed_unions_and_one_or_many() {
    let header = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "description": "Shared members.",
        "$defs": {
            "Header": {
                "description": "The common header.",
                "type": "object",
                "properties": {
                    "version": { "description": "The version.", "type": "integer" },
                    "region": { "description": "The region.", "type": "string" }
                },
                "required": ["version", "region"]
            }
        }
    });
    let event = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Demo",
        "description": "A demo event.",
        "x-rust-name": "DemoEvent",
        "x-detect": { "required": ["version", "item"] },
        "type": "object",
        "allOf": [{ "$ref": "../common/header.defs.json#/$defs/Header" }],
        "properties": {
            "item": { "description": "An attribute value.", "$ref": "#/$defs/Value" },
            "action": {
                "description": "One action or several.",
                "oneOf": [{ "$ref": "#/$defs/Action" }, { "type": "array", "items": { "$ref": "#/$defs/Action" } }]
            }
        },
        "required": ["item"],
        "$defs": {
            "Action": { "description": "What may be done.", "type": "string", "x-open-enum": ["Read"] },
            "Value": {
                "description": "A keyed value.",
                "x-keyed": true,
                "oneOf": [
                    { "type": "object", "properties": { "S": { "description": "Text.", "type": "string" } }, "required": ["S"] },
                    { "type": "object", "properties": { "N": { "description": "A number as text.", "type": "string" } }, "required": ["N"] }
                ]
            }
        }
    });
    let scratch = Scratch::catalogue(&[("common/header.defs.json", header), ("demo/event.schema.json", event)]);
    let documents = [
        json!({ "version": 1.5, "item": { "S": "a" }, "action": "Read", "tenant": "t1" }),
        json!({ "version": 2, "region": null, "item": { "N": "1" }, "action": ["Read", "Write"] }),
        json!({ "version": 3, "region": "eu-west-1", "item": { "B": "AAEC" }, "action": "Delete" }),
    ];
    let proposal = infer::merge(&scratch.schemas(), &id("demo.event"), &samples(&documents)).unwrap();
    insta::assert_snapshot!(proposal.report());
}

/// Several new members of one object, here one that adds no property of
/// its own to those it extends through `allOf` (`"properties": {}`, as the
/// WebSocket request context did): the proposal writes them together, and
/// the written schema covers the samples.
#[test]
fn new_members_of_an_object_extended_through_all_of() {
    let event = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Demo",
        "description": "A demo event.",
        "x-rust-name": "DemoEvent",
        "x-detect": { "required": ["context"] },
        "type": "object",
        "properties": { "context": { "description": "The context.", "$ref": "../common/context.defs.json#/$defs/DemoContext" } },
        "required": ["context"]
    });
    let scratch = Scratch::catalogue(&[("demo/event.schema.json", event)]);
    let defs = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "description": "The context of the demo event.",
  "$defs": {
    "DemoContextMembers": {
      "description": "The members every context has.",
      "type": "object",
      "properties": {
        "connectionId": { "description": "The connection.", "type": "string" }
      }
    },
    "DemoContext": {
      "description": "A context that adds nothing to the members it extends.",
      "type": "object",
      "allOf": [{ "$ref": "#/$defs/DemoContextMembers" }],
      "properties": {}
    }
  }
}
"##;
    std::fs::create_dir_all(scratch.schemas().join("common")).unwrap();
    std::fs::write(scratch.schemas().join("common/context.defs.json"), defs).unwrap();
    // Parsed from text, so that the members keep the order the proposal follows.
    let document = br#"{ "context": { "connectionId": "c1", "resourceId": "0a1b2c", "resourcePath": "/", "httpMethod": "GET" } }"#;
    let samples = [Sample::parse("sample.json", document).unwrap()];
    let proposal = infer::merge(&scratch.schemas(), &id("demo.event"), &samples).unwrap();
    assert!(proposal.problems.is_empty(), "{}", proposal.report());
    proposal.write(&scratch.schemas()).unwrap();
    let written = std::fs::read_to_string(scratch.schemas().join("common/context.defs.json")).unwrap();
    insta::assert_snapshot!(format!("{}\n{written}", proposal.report()));
    let again = infer::merge(&scratch.schemas(), &id("demo.event"), &samples).unwrap();
    assert!(again.changes.is_empty(), "{}", again.report());
}

/// Edits that add to the same object or array: to an empty one, which is
/// rewritten whole, on its own line or in the middle of one, and to an
/// empty array, whose first item goes without a comma.
#[test]
fn edits_adding_to_one_place_make_one_splice() {
    let text = r##"{
  "type": "object",
  "properties": {},
  "$defs": { "A": { "type": "object", "properties": {}, "required": [] } },
  "x-open-enum": ["one"]
}
"##;
    let pointer = |segments: &[&str]| segments.iter().map(|segment| (*segment).to_owned()).collect::<Vec<_>>();
    let property = |description: &str| to_json(json!({ "description": description, "type": "string" }));
    let edits = vec![
        edit::Edit::Set { object: pointer(&["properties"]), key: "a".to_owned(), value: property("A.") },
        edit::Edit::Set { object: pointer(&["$defs", "A", "properties"]), key: "x".to_owned(), value: property("X.") },
        edit::Edit::Set { object: pointer(&["properties"]), key: "b".to_owned(), value: property("B.") },
        edit::Edit::Append { array: pointer(&["$defs", "A", "required"]), values: vec![to_json(json!("x"))] },
        edit::Edit::Set { object: pointer(&["$defs", "A", "properties"]), key: "y".to_owned(), value: property("Y.") },
        edit::Edit::Append { array: pointer(&["$defs", "A", "required"]), values: vec![to_json(json!("y"))] },
        edit::Edit::Set { object: pointer(&["properties"]), key: "a".to_owned(), value: property("A, again.") },
        edit::Edit::Append { array: pointer(&["x-open-enum"]), values: vec![to_json(json!("two"))] },
        edit::Edit::Append { array: pointer(&["x-open-enum"]), values: vec![to_json(json!("three"))] },
    ];
    let edited = edit::apply(text, &edits).unwrap();
    assert!(edited.starts_with("{\n  \"type\": \"object\",\n"), "{edited}");
    insta::assert_snapshot!(edited);
}

#[test]
fn edits_keep_the_formatting_of_the_file() {
    let text = r##"{
  "type": "object",
  "properties": {
    "a": { "description": "One line.", "type": "string" },
    "b": {
      "description": "Several lines.",
      "type": "integer"
    },
    "c": { "description": "A reference.", "$ref": "#/$defs/C" }
  },
  "required": ["a", "b", "c"],
  "x-open-enum": [
    "one",
    "two"
  ],
  "$defs": { "C": { "type": "object", "properties": {} } }
}
"##;
    let pointer = |segments: &[&str]| segments.iter().map(|segment| (*segment).to_owned()).collect::<Vec<_>>();
    let long_schema = json!({
        "description": "TODO: describe",
        "type": "object",
        "properties": { "inner": { "description": "TODO: describe", "type": "string", "x-timestamp": "rfc3339" }, "more": { "description": "TODO: describe", "type": "boolean" } }
    });
    let edits = vec![
        edit::Edit::Set { object: pointer(&["properties", "a"]), key: "type".to_owned(), value: to_json(json!(["string", "null"])) },
        edit::Edit::Replace {
            object: pointer(&["properties", "c"]),
            old_key: "$ref".to_owned(),
            new_key: "oneOf".to_owned(),
            value: to_json(json!([{ "$ref": "#/$defs/C" }, { "type": "null" }])),
        },
        edit::Edit::Set {
            object: pointer(&["properties"]),
            key: "d".to_owned(),
            value: to_json(json!({ "description": "TODO: describe", "type": "boolean" })),
        },
        edit::Edit::Set { object: pointer(&["properties"]), key: "e".to_owned(), value: to_json(long_schema) },
        edit::Edit::Remove { object: pointer(&["properties", "b"]), keys: vec!["type".to_owned()] },
        edit::Edit::RemoveItems { array: pointer(&["required"]), values: vec![to_json(json!("a")), to_json(json!("b"))] },
        edit::Edit::Append { array: pointer(&["x-open-enum"]), values: vec![to_json(json!("three"))] },
        edit::Edit::Set { object: pointer(&["$defs", "C", "properties"]), key: "x".to_owned(), value: to_json(json!({ "description": "TODO: describe" })) },
    ];
    let edited = edit::apply(text, &edits).unwrap();
    let unchanged_lines = ["  \"type\": \"object\",", "      \"description\": \"Several lines.\""];
    for line in unchanged_lines {
        assert!(edited.contains(line), "{edited}");
    }
    insta::assert_snapshot!(edited);
}

fn to_json(value: Value) -> Json {
    serde_json::from_value(value).unwrap()
}

/// The README's workflow on a copy of the catalogue: a captured event with a
/// new member, a `null` for an optional member (which needs no change: it
/// reads as absent) and a new enum value; infer writes the schema, generate
/// regenerates the types, which now have the field and the variant; a second
/// infer changes nothing.
#[test]
fn infer_write_then_generate_has_the_new_field() {
    let scratch = Scratch::copy_of_repository_schemas();
    let schemas = scratch.schemas();
    let (_, before) = generate(&schemas).unwrap();
    let sample = new_sns_event_sample();
    let proposal = infer::merge(&schemas, &id("sns.event"), &samples(std::slice::from_ref(&sample))).unwrap();
    let kinds: Vec<ChangeKind> = proposal.changes.iter().map(|change| change.kind).collect();
    assert_eq!(kinds, [ChangeKind::NewEnumValues, ChangeKind::NewProperty], "{}", proposal.report());
    assert!(proposal.problems.is_empty(), "{}", proposal.report());
    proposal.write(&schemas).unwrap();
    let (_, after) = generate(&schemas).unwrap();
    let module = &after["events/src/generated/sns.rs"];
    assert_ne!(module, &before["events/src/generated/sns.rs"]);
    assert!(module.contains("pub delivery_attempt: Option<i64>,"), "{module}");
    assert!(module.contains("NumberArray,"), "{module}");
    assert!(module.contains("\"Number.Array\""), "{module}");
    assert!(module.contains("pub unsubscribe_url: Option<String>,"), "{module}");
    let again = infer::merge(&schemas, &id("sns.event"), &samples(&[sample])).unwrap();
    assert!(again.changes.is_empty(), "{}", again.report());
}

fn new_sns_event_sample() -> Value {
    let mut sample = fixture("sns/event/message-attributes-every-type.json");
    let notification = &mut sample["Records"][0]["Sns"];
    notification["DeliveryAttempt"] = json!(2);
    notification["UnsubscribeUrl"] = Value::Null;
    notification["MessageAttributes"]["prices"] = json!({ "Type": "Number.Array", "Value": "[1, 2]" });
    sample
}

/// Builds the regenerated types in a copy of the repository and checks the
/// sample with them: it validates, parses and writes back losslessly. It
/// compiles the events crate and the CLI (minutes on a cold cache), so it runs
/// only with `INFER_E2E_BUILD=1`; its build cache is `target/infer-e2e`.
#[test]
fn regenerated_types_parse_and_write_back_the_sample() {
    if std::env::var_os("INFER_E2E_BUILD").is_none() {
        eprintln!("skipped: set INFER_E2E_BUILD=1 to build the regenerated types");
        return;
    }
    let scratch = Scratch::new();
    copy_dir(&repo_root(), &scratch.0);
    let sample_path = scratch.0.join("captured.json");
    std::fs::write(&sample_path, serde_json::to_string_pretty(&new_sns_event_sample()).unwrap()).unwrap();
    let cargo = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&scratch.0)
            .env("CARGO_TARGET_DIR", repo_root().join("target/infer-e2e"))
            .output()
            .unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "cargo {}:\n{text}", args.join(" "));
        text
    };
    let sample = sample_path.to_str().unwrap();
    let codegen = ["run", "--quiet", "--offline", "--package", "lambda-event-catalog-codegen", "--bin", "codegen", "--"];
    cargo(&[&codegen[..], &["infer", "--shape", "sns.event", "--write", sample]].concat());
    cargo(&[&codegen[..], &["generate"]].concat());
    let checked = cargo(&["run", "--quiet", "--offline", "--", "check", "--shape", "sns.event", sample]);
    assert!(checked.contains("valid, parsed, lossless"), "{checked}");
}

/// Every fixture is covered by its own shape's schema: infer over the
/// fixtures of each shape proposes nothing. Fixtures named `*unknown*` or
/// `*future*` carry members and values the catalogue leaves unmodelled on
/// purpose (to show they are kept, see schemas/README.md); for those, new
/// properties and new open-enum values are the only proposals.
#[test]
fn infer_proposes_no_change_for_the_fixtures_of_the_catalogue() {
    let fixtures = repo_root().join("fixtures");
    let mut failures = Vec::new();
    for source in sorted_entries(&fixtures) {
        for name in sorted_entries(&fixtures.join(&source)) {
            let shape = id(&format!("{source}.{name}"));
            let folder = fixtures.join(&source).join(&name);
            let files: Vec<String> = sorted_entries(&folder).into_iter().filter(|file| file.ends_with(".json")).collect();
            let load = |files: &[&String]| -> Vec<Sample> {
                files
                    .iter()
                    .map(|file| Sample::parse(&format!("fixtures/{source}/{name}/{file}"), &std::fs::read(folder.join(file)).unwrap()).unwrap())
                    .collect()
            };
            let (unknown, covered): (Vec<&String>, Vec<&String>) = files.iter().partition(|file| file.contains("unknown") || file.contains("future"));
            if !covered.is_empty() {
                match infer::merge(&repo_root().join("schemas"), &shape, &load(&covered)) {
                    Ok(proposal) if proposal.changes.is_empty() && proposal.problems.is_empty() => {}
                    Ok(proposal) => failures.push(proposal.report()),
                    Err(error) => failures.push(format!("{shape}: {error}")),
                }
            }
            for file in unknown {
                let deliberate = |kind: &ChangeKind| matches!(kind, ChangeKind::NewProperty | ChangeKind::NewEnumValues);
                match infer::merge(&repo_root().join("schemas"), &shape, &load(&[file])) {
                    Ok(proposal) if proposal.changes.iter().all(|change| deliberate(&change.kind)) && proposal.problems.is_empty() => {}
                    Ok(proposal) => failures.push(proposal.report()),
                    Err(error) => failures.push(format!("{shape} ({file}): {error}")),
                }
            }
        }
    }
    assert!(failures.is_empty(), "the schemas do not cover their fixtures:\n{}", failures.join("\n"));
}

fn sorted_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}
