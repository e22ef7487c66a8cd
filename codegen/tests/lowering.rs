//! The lowering rules, one small catalogue each: what a schema construct
//! becomes in Rust, and the errors that name file and pointer.

mod common;

use common::{lower, shape};

#[test]
fn required_nullable_and_optional_members() {
    let schema = shape(
        serde_json::json!({
            "id": { "description": "Always sent.", "type": "string" },
            "subject": { "description": "Sent as null when empty.", "type": ["string", "null"] },
            "count": { "description": "Sometimes absent.", "type": "integer" },
            "size": { "description": "Integer or float.", "type": "number" }
        }),
        serde_json::json!({ "required": ["id", "subject"] }),
    );
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn open_enum() {
    let schema = shape(
        serde_json::json!({
            "eventName": {
                "description": "What happened.",
                "type": "string",
                "x-open-enum": ["ObjectCreated:Put", "ObjectRemoved:Delete", "s3:TestEvent"],
                "x-variant-names": { "s3:TestEvent": "TestEvent" }
            }
        }),
        serde_json::json!({}),
    );
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn codecs() {
    let schema = shape(
        serde_json::json!({
            "time": { "description": "RFC 3339.", "type": "string", "x-timestamp": "rfc3339" },
            "arrival": { "description": "Float seconds.", "type": "number", "x-timestamp": "epoch-seconds" },
            "epochMillis": { "description": "Integer milliseconds.", "type": "integer", "x-timestamp": "epoch-millis" },
            "sent": { "description": "Milliseconds as text.", "type": "string", "x-timestamp": "epoch-millis-text" },
            "requestTime": { "description": "API Gateway time.", "type": "string", "x-timestamp": "clf" },
            "alarmTime": { "description": "Offset without colon.", "type": "string", "x-timestamp": "iso8601-basic-offset" },
            "timeEpoch": { "description": "Microseconds as text.", "type": "string", "x-timestamp": "epoch-micros-text" },
            "expiration": { "description": "Milliseconds, number or text.", "type": ["integer", "string"], "x-timestamp": "epoch-millis-number-or-text" },
            "headerValue": { "description": "Bytes as integers.", "type": "array", "x-bytes": "integers", "items": { "type": "integer", "minimum": -128, "maximum": 255 } },
            "data": { "description": "Base64.", "type": "string", "contentEncoding": "base64" },
            "body": { "description": "JSON in a string.", "type": "string", "contentMediaType": "application/json" },
            "action": {
                "description": "One or many.",
                "oneOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }]
            }
        }),
        serde_json::json!({}),
    );
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn timestamps_and_byte_arrays_of_the_wrong_type_are_errors() {
    let schema = shape(
        serde_json::json!({
            "text": { "description": "Needs a string.", "type": "integer", "x-timestamp": "iso8601-basic-offset" },
            "both": { "description": "Needs both types.", "type": "string", "x-timestamp": "epoch-millis-number-or-text" },
            "several": { "description": "Two types, one form.", "type": ["integer", "string"], "x-timestamp": "epoch-millis" },
            "unbounded": { "description": "No byte range.", "type": "array", "x-bytes": "integers", "items": { "type": "integer" } }
        }),
        serde_json::json!({}),
    );
    let errors = lower(&[("event.schema.json", schema)]);
    for pointer in ["/properties/text/x-timestamp", "/properties/both/x-timestamp", "/properties/several/x-timestamp"] {
        assert!(errors.contains(&format!("event.schema.json#{pointer}: this timestamp format is written as a JSON")), "{errors}");
    }
    assert!(errors.contains("event.schema.json#/properties/unbounded/items: `x-bytes: integers` needs `items`"), "{errors}");
}

#[test]
fn keyed_union_and_all_of() {
    let schema = shape(
        serde_json::json!({
            "value": { "description": "A keyed value.", "$ref": "#/$defs/Value" }
        }),
        serde_json::json!({
            "allOf": [{ "$ref": "#/$defs/Header" }],
            "required": ["version"],
            "$defs": {
                "Header": {
                    "description": "Shared members.",
                    "type": "object",
                    "properties": { "version": { "description": "The version.", "type": "string" } }
                },
                "Value": {
                    "description": "A text or a list of values.",
                    "x-keyed": true,
                    "x-variant-names": { "S": "Text" },
                    "oneOf": [
                        { "type": "object", "properties": { "S": { "description": "Text.", "type": "string" } }, "required": ["S"] },
                        { "type": "object", "properties": { "L": { "description": "A list.", "type": "array", "items": { "$ref": "#/$defs/Value" } } }, "required": ["L"] },
                        { "type": "object", "properties": { "M": { "description": "A map, through a definition that refers back.", "$ref": "#/$defs/Values" } }, "required": ["M"] }
                    ]
                },
                "Values": { "description": "Values by name.", "type": "object", "additionalProperties": { "$ref": "#/$defs/Value" } }
            }
        }),
    );
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn a_naming_clash_is_an_error_naming_both_places() {
    let first = shape(serde_json::json!({ "a": { "description": "A.", "type": "string" } }), serde_json::json!({}));
    let second = shape(serde_json::json!({ "b": { "description": "B.", "type": "string" } }), serde_json::json!({}));
    insta::assert_snapshot!(lower(&[("event.schema.json", first), ("other.schema.json", second)]));
}

#[test]
fn a_field_clash_and_a_keyword_field_are_errors() {
    let schema = shape(
        serde_json::json!({
            "eventSourceARN": { "description": "A.", "type": "string" },
            "eventSourceArn": { "description": "B.", "type": "string" },
            "type": { "description": "C.", "type": "string" }
        }),
        serde_json::json!({}),
    );
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn an_unknown_keyword_is_an_error_naming_file_and_pointer() {
    let schema = shape(serde_json::json!({ "a": { "description": "A.", "type": "string", "x-secret": true, "maxLenght": 3 } }), serde_json::json!({}));
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn bad_references_and_cycles_are_errors() {
    let schema = shape(
        serde_json::json!({
            "missing": { "description": "A.", "$ref": "#/$defs/Nowhere" },
            "otherFile": { "description": "B.", "$ref": "../nope/x.defs.json#/$defs/X" },
            "cycle": { "description": "C.", "$ref": "#/$defs/Loop" }
        }),
        serde_json::json!({
            "$defs": {
                "Loop": { "description": "Refers to itself without an object in between.", "$ref": "#/$defs/Loop" },
                "Unused": { "description": "Nobody refers to it.", "type": "string" }
            }
        }),
    );
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn an_empty_enum_and_a_closed_enum_are_errors() {
    let schema = shape(
        serde_json::json!({
            "empty": { "description": "A.", "type": "string", "x-open-enum": [] },
            "closed": { "description": "B.", "type": "string", "enum": ["a", "b"] }
        }),
        serde_json::json!({}),
    );
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn a_tagged_union() {
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Demo",
        "description": "A message of one of two kinds.",
        "x-rust-name": "DemoMessage",
        "x-detect": { "required": ["Kind"] },
        "x-tag": "Kind",
        "oneOf": [{ "$ref": "#/$defs/Ping" }, { "$ref": "#/$defs/Pong" }],
        "$defs": {
            "Ping": { "description": "A ping.", "type": "object", "properties": { "Kind": { "description": "`Ping`.", "type": "string", "const": "Ping", "x-rust-field": "kind" } }, "required": ["Kind"] },
            "Pong": { "description": "A pong.", "type": "object", "properties": { "Kind": { "description": "`Pong` or `Pang`.", "type": "string", "x-open-enum": ["Pong", "Pang"], "x-rust-field": "kind" } } }
        }
    });
    insta::assert_snapshot!(lower(&[("message.schema.json", schema)]));
}

#[test]
fn an_object_has_at_most_128_members() {
    let properties: serde_json::Map<String, serde_json::Value> =
        (0..129).map(|index| (format!("member{index}"), serde_json::json!({ "description": "One of many.", "type": "string" }))).collect();
    let generated = lower(&[("event.schema.json", shape(serde_json::Value::Object(properties), serde_json::json!({})))]);
    assert!(generated.contains("schemas/demo/event.schema.json#/properties: an object has at most 128 members"), "{generated}");
}

fn member_union(alternatives: serde_json::Value, detail: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Demo",
        "description": "An event whose `detail` has the type its `kind` names.",
        "x-rust-name": "DemoEvent",
        "x-detect": { "required": ["kind", "detail"] },
        "type": "object",
        "properties": {
            "kind": { "description": "What happened.", "type": "string" },
            "detail": detail
        },
        "required": ["kind", "detail"],
        "x-tag": "kind",
        "oneOf": alternatives,
        "$defs": {
            "Started": { "description": "A start.", "type": "object", "properties": { "at": { "description": "When.", "type": "string" } } },
            "Stopped": { "description": "A stop.", "type": "object", "properties": { "code": { "description": "Why.", "type": "integer" } }, "required": ["code"] }
        }
    })
}

#[test]
fn a_member_union() {
    let alternatives = serde_json::json!([
        { "properties": { "kind": { "description": "`Started`.", "const": "Started" }, "detail": { "description": "It started.", "$ref": "#/$defs/Started" } }, "required": ["kind", "detail"] },
        { "properties": { "kind": { "description": "`Stopped` or `Halted`.", "x-open-enum": ["Stopped", "Halted"] }, "detail": { "description": "It stopped.", "$ref": "#/$defs/Stopped" } }, "required": ["kind", "detail"] }
    ]);
    let schema = member_union(alternatives, serde_json::json!({ "description": "What happened, by `kind`." }));
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn a_malformed_member_union_is_an_error_naming_the_pointer() {
    let alternatives = serde_json::json!([
        { "properties": { "kind": { "description": "`Started`.", "const": "Started" }, "detail": { "description": "It started.", "$ref": "#/$defs/Started" } }, "required": ["kind"] },
        { "properties": { "kind": { "description": "`Stopped`.", "const": "Stopped" }, "payload": { "description": "It stopped.", "$ref": "#/$defs/Stopped" } }, "required": ["kind", "payload"] },
        { "$ref": "#/$defs/Started" }
    ]);
    let schema = member_union(alternatives, serde_json::json!({ "description": "What happened.", "type": "string" }));
    insta::assert_snapshot!(lower(&[("event.schema.json", schema)]));
}

#[test]
fn compressed_json_members_keep_their_bytes() {
    let inner = shape(
        serde_json::json!({ "demo": { "description": "The carried batch.", "type": "string" } }),
        serde_json::json!({ "x-rust-name": "DemoBatch", "title": "Demo batch" }),
    );
    let outer = shape(
        serde_json::json!({
            "batch": {
                "description": "Always gzip.",
                "type": "string",
                "contentEncoding": "base64",
                "contentMediaType": "application/json",
                "x-compression": "gzip",
                "contentSchema": { "$ref": "batch.schema.json" }
            },
            "data": {
                "description": "JSON, or gzip of it.",
                "type": "string",
                "contentEncoding": "base64",
                "contentMediaType": "application/json",
                "x-compression": "gzip-if-magic"
            }
        }),
        serde_json::json!({ "required": ["batch", "data"] }),
    );
    let generated = lower(&[("event.schema.json", outer), ("batch.schema.json", inner)]);
    assert!(generated.contains("pub batch: crate::codec::Base64Bytes,"), "{generated}");
    // The compressed member has no accessor that would read gzip bytes as JSON text.
    assert!(!generated.contains("fn batch_json"), "{generated}");
    assert!(generated.contains("fn data_json"), "{generated}");
    assert!(generated.contains("The bytes may instead be gzip of a JSON document"), "{generated}");
}

#[test]
fn misplaced_compression_and_content_schema_are_errors() {
    let schema = shape(
        serde_json::json!({
            "binary": { "description": "Base64, no JSON.", "type": "string", "contentEncoding": "base64", "x-compression": "gzip" },
            "text": { "description": "JSON text, no base64.", "type": "string", "contentMediaType": "application/json", "x-compression": "gzip" },
            "definition": {
                "description": "Names a definition, not a shape.",
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": { "$ref": "#/$defs/Inner" }
            },
            "nowhere": {
                "description": "Names no file.",
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": { "$ref": "missing.schema.json" }
            },
            "inline": { "description": "An inline schema.", "type": "string", "contentMediaType": "application/json", "contentSchema": { "type": "object" } }
        }),
        serde_json::json!({ "$defs": { "Inner": { "description": "An object.", "type": "object", "properties": {} } } }),
    );
    let errors = lower(&[("event.schema.json", schema)]);
    for pointer in ["/properties/binary/x-compression", "/properties/text/x-compression"] {
        assert!(
            errors.contains(&format!("event.schema.json#{pointer}: `x-compression` says that the bytes of a base64 JSON member are compressed")),
            "{errors}"
        );
    }
    for pointer in ["/properties/definition/contentSchema", "/properties/nowhere/contentSchema", "/properties/inline/contentSchema"] {
        assert!(errors.contains(&format!("event.schema.json#{pointer}: `contentSchema` names the shape of the carried document")), "{errors}");
    }
}

#[test]
fn behaviours_follow_the_bases_and_receive_their_member() {
    let schema = shape(
        serde_json::json!({
            "response": { "description": "What the function answers.", "$ref": "#/$defs/Answer" },
            "user": { "description": "Who asked.", "type": "string" }
        }),
        serde_json::json!({
            "allOf": [{ "$ref": "#/$defs/Header" }],
            "x-behaviour": ["response_mut(response)", "greeting"],
            "$defs": {
                "Header": {
                    "description": "What every event carries.",
                    "type": "object",
                    "x-behaviour": ["request_body"],
                    "properties": { "body": { "description": "The body.", "type": "string" } }
                },
                "Answer": { "description": "An answer.", "type": "object", "properties": {} }
            }
        }),
    );
    let generated = lower(&[("event.schema.json", schema)]);
    // The base's behaviour comes first, then the object's own, in order.
    let invocations: Vec<&str> = generated.lines().filter(|line| line.contains("crate::behaviour::")).collect();
    assert_eq!(
        invocations,
        [
            "crate::behaviour::request_body!(DemoEvent);",
            "crate::behaviour::response_mut!(DemoEvent, response : Answer);",
            "crate::behaviour::greeting!(DemoEvent);",
        ],
        "{generated}"
    );
}

#[test]
fn a_malformed_behaviour_is_an_error_naming_the_pointer() {
    let errors_of = |extra: serde_json::Value| {
        lower(&[("event.schema.json", shape(serde_json::json!({ "user": { "description": "Who asked.", "type": "string" } }), extra))])
    };
    let unknown_member = errors_of(serde_json::json!({ "x-behaviour": ["greeting", "response_mut(response)"] }));
    assert!(unknown_member.contains("event.schema.json#/x-behaviour/1: `response` is not a member of this object"), "{unknown_member}");
    // The catalogue's meta-schema refuses what is no macro name, and repeats.
    let not_a_name = errors_of(serde_json::json!({ "x-behaviour": ["Greeting"] }));
    assert!(not_a_name.contains("event.schema.json#/x-behaviour/0:"), "{not_a_name}");
    let repeated = errors_of(serde_json::json!({ "x-behaviour": ["greeting", "greeting"] }));
    assert!(repeated.contains("event.schema.json#/x-behaviour:"), "{repeated}");
    let beside_nothing = lower(&[(
        "event.schema.json",
        shape(serde_json::json!({ "user": { "description": "Who asked.", "type": "string", "x-behaviour": ["greeting"] } }), serde_json::json!({})),
    )]);
    assert!(beside_nothing.contains("event.schema.json#/properties/user/x-behaviour"), "{beside_nothing}");
}
