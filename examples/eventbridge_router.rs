//! An EventBridge handler behind one rule that matches several kinds of
//! event: it looks at `source` and `detail-type`, then reads each event as
//! its own type. A schedule runs the nightly report, an S3 `Object Created`
//! event (the bucket has EventBridge notifications on) queues the object,
//! and the application's own `OrderPlaced` events are decoded into the
//! handler's struct. Anything else is acknowledged and ignored, since rules
//! grow. A malformed known event fails the invocation, naming the path.
use lambda_event_catalog::eventbridge::{EventBridgeEvent, EventBridgeScheduledEvent};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use lambda_event_catalog::s3::{S3EventBridgeEvent, S3EventBridgeEventDetail};
use serde::{Deserialize, Serialize};

/// The `detail` of the application's `OrderPlaced` events.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OrderPlaced {
    order_id: String,
    total: f64,
}

#[derive(Serialize)]
#[serde(tag = "action", rename_all = "camelCase", rename_all_fields = "camelCase")]
enum Outcome {
    NightlyReport { rule: String, at: String },
    QueueObject { bucket: String, key: String, size: Option<i64> },
    ConfirmOrder { order_id: String, total: f64 },
    Ignored { source: String, detail_type: String },
}

async fn handler(event: LambdaEvent<EventBridgeEvent>) -> Result<Outcome, Error> {
    let event = event.payload;
    let outcome = match (event.source.as_str(), event.detail_type.as_str()) {
        ("aws.events", "Scheduled Event") => {
            let schedule: EventBridgeScheduledEvent = event.event_as()?;
            let rule = schedule.rule_name().unwrap_or("unknown rule").to_owned();
            Outcome::NightlyReport { rule, at: schedule.time.instant().to_rfc3339() }
        }
        ("aws.s3", "Object Created") => {
            let created: S3EventBridgeEvent = event.event_as()?;
            let S3EventBridgeEventDetail::ObjectCreated(detail) = created.detail else {
                return Err("an `Object Created` event without its detail".into());
            };
            Outcome::QueueObject { bucket: detail.bucket.name, key: detail.object.raw_key, size: detail.object.size }
        }
        ("com.example.orders", "OrderPlaced") => {
            let order: OrderPlaced = event.detail_as()?;
            Outcome::ConfirmOrder { order_id: order.order_id, total: order.total }
        }
        (source, detail_type) => Outcome::Ignored { source: source.to_owned(), detail_type: detail_type.to_owned() },
    };
    tracing::info!(source = %event.source, detail_type = %event.detail_type, "routed");
    Ok(outcome)
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
