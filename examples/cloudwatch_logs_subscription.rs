//! A CloudWatch Logs subscription handler that forwards the error lines of
//! each batch: a 5xx status that the subscription filter's pattern
//! extracted, a structured (JSON) line whose `level` is `error`, or a text
//! line with the word `ERROR` (as Lambda's own logs write it). Control
//! messages, which CloudWatch Logs sends to check that the function is
//! reachable, are acknowledged and skipped. A batch that does not inflate
//! (no gzip, or past `MAX_DECOMPRESSED_LEN`) fails the invocation. Lambda
//! ignores what a subscription-invoked function returns; the forwarded lines
//! are returned to show what the handler read.
use lambda_event_catalog::cloudwatch_logs::{CloudWatchLogsEvent, CloudWatchLogsLogEvent};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
#[serde(tag = "outcome")]
enum Outcome {
    Acknowledged,
    Forwarded(Batch),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Batch {
    log_group: String,
    log_stream: String,
    scanned: usize,
    errors: Vec<ErrorLine>,
}

#[derive(Serialize)]
struct ErrorLine {
    id: String,
    time: String,
    message: String,
}

#[derive(Deserialize)]
struct StructuredLine {
    level: String,
}

fn is_error(line: &CloudWatchLogsLogEvent) -> bool {
    if let Some(status) = line.extracted_fields.as_ref().and_then(|fields| fields.get("status")) {
        return status.starts_with('5');
    }
    match line.message_json::<StructuredLine>() {
        Ok(structured) => structured.level.eq_ignore_ascii_case("error"),
        Err(_) => line.message.split_whitespace().any(|word| word == "ERROR"),
    }
}

async fn handler(event: LambdaEvent<CloudWatchLogsEvent>) -> Result<Outcome, Error> {
    let batch = event.payload.data()?;
    if batch.is_control_message() {
        tracing::info!("control message acknowledged");
        return Ok(Outcome::Acknowledged);
    }
    let errors: Vec<ErrorLine> = batch
        .log_events
        .iter()
        .filter(|line| is_error(line))
        .map(|line| ErrorLine { id: line.id.clone(), time: line.timestamp.instant().to_rfc3339(), message: line.message.trim_end().to_owned() })
        .collect();
    tracing::info!(log_group = %batch.log_group, scanned = batch.log_events.len(), errors = errors.len(), "batch read");
    Ok(Outcome::Forwarded(Batch { scanned: batch.log_events.len(), log_group: batch.log_group, log_stream: batch.log_stream, errors }))
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
