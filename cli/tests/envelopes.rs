//! `check` names the shapes of the documents an event carries.

use std::path::PathBuf;
use std::process::Command;

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
    assert!(check("lambda/destination_record/on-failure-kinesis-stream-batch.json").contains(": lambda.destination_record, valid"));
    assert!(check("lambda/destination_record/on-failure-dynamodb-stream-batch.json").contains(": lambda.destination_record, valid"));
}

#[test]
fn a_cloudwatch_alarm_in_an_sns_message_is_named() {
    assert!(check("sns/event/json-message-cloudwatch-alarm.json").contains(": sns.event > cloudwatch.alarm_notification, valid"));
}

#[test]
fn a_gzipped_log_batch_is_no_envelope_check_can_open() {
    // `awslogs.data` is base64 of gzip: `check` does not gunzip (no contentMediaType on it), so the
    // event is named alone; `CloudWatchLogsEvent::data()` opens it in code.
    assert!(check("cloudwatch_logs/event/data-message-lambda-log-events.json").contains(": cloudwatch_logs.event, valid"));
}
