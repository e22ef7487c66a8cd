//! `check` names the shapes of the documents an event carries.

use std::path::PathBuf;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use lambda_event_catalog::cloudwatch_logs::{CloudWatchLogsData, CloudWatchLogsEvent, CloudWatchLogsLogEvent, MAX_DECOMPRESSED_LEN};
use serde_json::{json, Value};

fn check(fixture: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(fixture);
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-event-catalog")).arg("check").arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or_default().to_owned()
}

#[test]
fn an_sns_message_in_an_sqs_body_is_named() {
    assert!(check("sqs/event/json-body-sns-notification.json").contains(": sqs.event > sns.message, valid"));
}

#[test]
fn every_carried_shape_of_a_destination_record_is_named() {
    assert!(check("lambda/destination_record/on-success-sqs-event.json")
        .contains(": lambda.destination_record > sqs.event + dynamodb.batch_response | kinesis.batch_response | sqs.batch_response, valid"));
    assert!(check("lambda/destination_record/on-failure-retries-exhausted.json").contains(": lambda.destination_record > lambda.function_error, valid"));
}

#[test]
fn a_body_of_the_sender_own_json_is_no_envelope() {
    assert!(check("sqs/event/json-body-order-document.json").contains(": sqs.event, valid"));
}

#[test]
fn a_dynamodb_change_record_in_kinesis_data_is_named() {
    assert!(check("kinesis/event/dynamodb-change-record-payload.json").contains(": kinesis.event > dynamodb.kinesis_change_record, valid"));
}

#[test]
fn a_stream_on_failure_record_carries_no_document() {
    assert!(check("lambda/event_source_failure_record/on-failure-kinesis-stream-batch.json").contains(": lambda.event_source_failure_record, valid"));
    assert!(check("lambda/event_source_failure_record/on-failure-dynamodb-stream-batch.json").contains(": lambda.event_source_failure_record, valid"));
}

#[test]
fn a_cloudwatch_alarm_in_an_sns_message_is_named() {
    assert!(check("sns/event/json-message-cloudwatch-alarm.json").contains(": sns.event > cloudwatch.alarm_notification, valid"));
}

#[test]
fn a_gzipped_log_batch_is_named() {
    assert!(check("cloudwatch_logs/event/data-message-lambda-log-events.json").contains(": cloudwatch_logs.event > cloudwatch_logs.data, valid"));
    assert!(check("cloudwatch_logs/event/control-message.json").contains(": cloudwatch_logs.event > cloudwatch_logs.data, valid"));
}

#[test]
fn log_batches_gzipped_in_kinesis_and_firehose_records_are_named() {
    assert!(check("kinesis/event/cloudwatch-logs-subscription-batches.json").contains(": kinesis.event > cloudwatch_logs.data, valid"));
    assert!(check("firehose/event/cloudwatch-logs-subscription-batches.json").contains(": firehose.event > cloudwatch_logs.data, valid"));
}

fn fixture(path: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(path);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// `check` of a document written to a file of its own: whether it passed, and its output.
fn check_document(name: &str, document: &Value, format: &str) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!("catalog-envelopes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, document.to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-event-catalog")).args(["check", "--format", format]).arg(&path).output().unwrap();
    std::fs::remove_file(&path).unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn gzip_and_plain_json_records_of_one_stream_are_each_named() {
    // Only the record whose bytes start with gzip's magic is inflated (`x-compression: gzip-if-magic`).
    let mut event = fixture("kinesis/event/cloudwatch-logs-subscription-batches.json");
    let change = fixture("kinesis/event/dynamodb-change-record-payload.json")["Records"][0].clone();
    event["Records"].as_array_mut().unwrap().push(change);
    let (passed, output) = check_document("mixed.json", &event, "text");
    assert!(passed && output.contains(": kinesis.event > cloudwatch_logs.data + dynamodb.kinesis_change_record, valid"), "{output}");
}

#[test]
fn a_compressed_document_that_cannot_be_opened_is_noted_and_the_file_still_passes() {
    // 16 MiB of log line compress to some 16 KiB: inflating them stops at the limit.
    let mut batch = CloudWatchLogsData::default();
    let mut line = CloudWatchLogsLogEvent::default();
    line.message = " ".repeat(MAX_DECOMPRESSED_LEN);
    batch.log_events.push(line);
    let bomb = CloudWatchLogsEvent::from_data(&batch).unwrap().awslogs.data.encode();
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    let too_large = "not opened: the gzip stream inflates past 16777216 bytes (MAX_DECOMPRESSED_LEN); refused as a decompression bomb";

    let (passed, output) = check_document("bomb.json", &json!({ "awslogs": { "data": bomb } }), "text");
    assert!(passed && output.contains(": cloudwatch_logs.event, valid, parsed, lossless"), "{output}");
    assert!(output.contains(&format!("note: /awslogs/data: {too_large}")), "{output}");

    let mut event = fixture("kinesis/event/cloudwatch-logs-subscription-batches.json");
    event["Records"][2]["kinesis"]["data"] = json!(bomb);
    let (passed, output) = check_document("kinesis-bomb.json", &event, "json");
    let report: Value = serde_json::from_str(output.trim()).unwrap();
    assert!(passed && report["shape"] == "kinesis.event > cloudwatch_logs.data", "{output}");
    assert_eq!(report["notes"], json!([format!("/Records/2/kinesis/data: {too_large}")]));

    // The subscription's event, refused by the function, in its on-failure destination record.
    let mut record = fixture("lambda/destination_record/on-failure-retries-exhausted.json");
    record["requestPayload"] = fixture("cloudwatch_logs/event/control-message.json");
    let (passed, output) = check_document("destination.json", &record, "json");
    let report: Value = serde_json::from_str(output.trim()).unwrap();
    assert!(passed && report["shape"] == "lambda.destination_record > cloudwatch_logs.event > cloudwatch_logs.data + lambda.function_error", "{output}");
    record["requestPayload"]["awslogs"]["data"] = json!(bomb);
    let (passed, output) = check_document("destination-bomb.json", &record, "json");
    let report: Value = serde_json::from_str(output.trim()).unwrap();
    assert!(passed && report["shape"] == "lambda.destination_record > cloudwatch_logs.event + lambda.function_error", "{output}");
    assert_eq!(report["notes"], json!([format!("/requestPayload > /awslogs/data: {too_large}")]));

    // Base64 that is no gzip: the schema and the type accept it (neither inflates), `check` says why it is not opened.
    let plain = STANDARD.encode(br#"{"messageType":"DATA_MESSAGE","logEvents":[]}"#);
    let (passed, output) = check_document("not-gzip.json", &json!({ "awslogs": { "data": plain } }), "text");
    assert!(passed && output.contains(": cloudwatch_logs.event, valid, parsed, lossless"), "{output}");
    assert!(output.contains("note: /awslogs/data: not opened: not a gzip stream"), "{output}");
}

#[test]
fn a_detail_with_a_text_state_is_no_tumbling_window_response() {
    // A detail such as EC2's `{"instance-id": …, "state": "pending"}`: a time window response's `state` is an object.
    let event = json!({
        "version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602", "detail-type": "Widget State-change Notification",
        "source": "com.example.widgets", "account": "123456789012", "time": "2026-01-01T00:00:00Z", "region": "us-east-1",
        "resources": [], "detail": { "widget-id": "w-1", "state": "pending" }
    });
    let (passed, output) = check_document("text-state.json", &event, "text");
    assert!(passed && output.contains(": eventbridge.event, valid, parsed, lossless"), "{output}");
}

#[test]
fn a_batch_of_records_that_each_inflate_under_the_limit_stops_at_the_budget_of_the_whole_file() {
    // 200 records of 15 MiB of log line each, under the per-stream 16 MiB, would inflate to 3 GB; the file's 64 MiB stops the fifth.
    let mut batch = CloudWatchLogsData::default();
    let mut line = CloudWatchLogsLogEvent::default();
    line.message = " ".repeat(15 * 1024 * 1024);
    batch.log_events.push(line);
    let data = CloudWatchLogsEvent::from_data(&batch).unwrap().awslogs.data.encode();
    let template = fixture("kinesis/event/cloudwatch-logs-subscription-batches.json")["Records"][0].clone();
    let records: Vec<Value> = (0..200)
        .map(|_| {
            let mut record = template.clone();
            record["kinesis"]["data"] = json!(data);
            record
        })
        .collect();
    let event = json!({ "Records": records });
    assert!(event.to_string().len() < 6_000_000, "under Lambda's payload limit");
    let spent =
        "not opened: unpacking the document passes its budget of 67108864 bytes in total; nothing more of it is unpacked (--max-unpacked BYTES raises it)";

    let (passed, output) = check_document("kinesis-many-bombs.json", &event, "json");
    let report: Value = serde_json::from_str(output.trim()).unwrap();
    assert!(passed && report["shape"] == "kinesis.event > cloudwatch_logs.data", "{output}");
    assert_eq!(report["notes"], json!([format!("/Records/4/kinesis/data: {spent}")]));

    // A budget smaller than one record's base64-decoded gzip is spent before inflating it.
    let small = fixture("kinesis/event/cloudwatch-logs-subscription-batches.json");
    let dir = std::env::temp_dir().join(format!("catalog-envelopes-budget-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("small.json");
    std::fs::write(&path, small.to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-event-catalog")).args(["check", "--max-unpacked", "100"]).arg(&path).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && text.contains(": kinesis.event, valid, parsed, lossless"), "{text}");
    assert!(text.contains("note: /Records/0/kinesis/data: not opened: unpacking the document passes its budget of 100 bytes in total"), "{text}");
    assert_eq!(text.matches("not opened").count(), 1, "one note, where the budget is spent: {text}");
}
