//! Unknown members on the catalogue's own fixtures: only the fixtures that
//! carry members newer than the catalogue on purpose have any, and a typo in
//! a hand-written event is named with the member meant.

use std::path::{Path, PathBuf};

use lambda_event_catalog_validate::unknown::unknown_members;
use lambda_event_catalog_validate::{load, ShapeId};
use serde_json::json;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

#[test]
fn catalogue_fixtures_have_unknown_members_only_on_purpose() {
    let root = repo_root();
    let catalog = load::load(&root.join("schemas")).unwrap();
    let mut report = Vec::new();
    for (id, _) in catalog.shapes() {
        let folder = root.join("fixtures").join(&id.source).join(&id.name);
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().and_then(|extension| extension.to_str()) != Some("json") {
                continue;
            }
            let document: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let unknown = unknown_members(&catalog, id, &document);
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // The fixtures of events newer than the catalogue say so in their names.
            let on_purpose = ["unknown", "future", "new-"].iter().any(|word| name.contains(word));
            if !unknown.is_empty() && !on_purpose {
                report.push(format!("{id} {name}: {}", unknown.iter().map(|member| member.message(id)).collect::<Vec<_>>().join("; ")));
            }
        }
    }
    assert!(report.is_empty(), "unknown members in fixtures that do not say they carry them:\n{}", report.join("\n"));
}

#[test]
fn a_typo_is_named_with_the_member_meant_and_open_maps_have_none() {
    let catalog = load::load(&repo_root().join("schemas")).unwrap();
    let scheduled = ShapeId::parse("eventbridge.scheduled_event").unwrap();
    let event = json!({
        "version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event", "source": "aws.events",
        "account": "123456789012", "time": "2026-12-06T10:00:00Z", "region": "us-east-1",
        "resorces": ["arn:aws:events:us-east-1:123456789012:rule/nightly"], "detail": {}
    });
    let unknown = unknown_members(&catalog, &scheduled, &event);
    let messages: Vec<String> = unknown.iter().map(|member| member.message(&scheduled)).collect();
    assert_eq!(messages, ["/resorces: not a member of eventbridge.scheduled_event; did you mean `resources`?"]);

    // Headers and message attributes are maps: any name is theirs; a typo inside a record is found by its pointer.
    let sqs = ShapeId::parse("sqs.event").unwrap();
    let event = json!({"Records": [{
        "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d", "body": "hello", "eventSource": "aws:sqs",
        "messageAttributes": {"anything": {"stringValue": "x", "dataType": "String"}},
        "attributes": {"ApproximateReceiveCount": "1"}, "md5OfBody": "5d41402abc4b2a76b9719d911017c592", "recieptHandle": "AQEB"
    }]});
    let unknown = unknown_members(&catalog, &sqs, &event);
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].pointer, "/Records/0/recieptHandle");
    assert_eq!(unknown[0].suggestion.as_deref(), Some("receiptHandle"));
}
