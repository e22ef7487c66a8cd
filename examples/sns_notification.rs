//! An SNS handler that decodes each published message, a CloudWatch alarm
//! state change, into the user's own `Alarm` type, and pages for the alarms
//! that went into `ALARM`. A message that is no alarm fails the invocation,
//! naming the record, so that SNS retries it. Lambda ignores what an
//! SNS-invoked function returns; the pages are returned to show what the
//! handler read.
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use lambda_event_catalog::sns::SnsEvent;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Alarm {
    alarm_name: String,
    old_state_value: String,
    new_state_value: String,
}

#[derive(Serialize)]
struct Page {
    alarm: String,
    change: String,
    topic: Option<String>,
}

async fn handler(event: LambdaEvent<SnsEvent>) -> Result<Vec<Page>, Error> {
    let alarms: Vec<Alarm> = event.payload.messages_json()?;
    let pages = event
        .payload
        .records
        .iter()
        .zip(alarms)
        .filter(|(_, alarm)| alarm.new_state_value == "ALARM")
        .map(|(record, alarm)| Page {
            change: format!("{} -> {}", alarm.old_state_value, alarm.new_state_value),
            alarm: alarm.alarm_name,
            topic: record.sns.topic_arn.clone(),
        })
        .collect::<Vec<_>>();
    tracing::info!(pages = pages.len(), "alarms read");
    Ok(pages)
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
