//! A Kafka consumer of an orders topic, on Amazon MSK or a self-managed
//! cluster: each record's key is the order id (text), its value the order as
//! JSON, read into the user's own `Order` type, and its `traceparent` header
//! (text) ties it to the trace that produced it. A record without a value (a
//! tombstone) cancels the order of its key. A value that is no order fails
//! the invocation, naming the record by `topic-partition@offset`. The
//! summary is returned to show what the handler read.
use lambda_event_catalog::kafka::KafkaEvent;
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Order {
    customer_id: String,
    total: serde_json::Number,
    currency: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary {
    event_source: String,
    brokers: Vec<String>,
    orders: Vec<OrderLine>,
    cancelled: Vec<String>,
}

#[derive(Serialize)]
struct OrderLine {
    position: String,
    order: String,
    customer: String,
    total: String,
    trace: Option<String>,
}

async fn handler(event: LambdaEvent<KafkaEvent>) -> Result<Summary, Error> {
    let event = event.payload;
    let mut summary = Summary {
        event_source: event.event_source.to_string(),
        brokers: event.brokers().map(str::to_owned).collect(),
        orders: Vec::new(),
        cancelled: Vec::new(),
    };
    for record in event.all_records() {
        let order_id = record.key_text().unwrap_or_default().to_owned();
        if record.value_bytes().is_none() {
            summary.cancelled.push(order_id);
            continue;
        }
        let order: Order = record.value_json().map_err(|error| format!("{}: {error}", record.position()))?;
        summary.orders.push(OrderLine {
            position: record.position(),
            order: order_id,
            customer: order.customer_id,
            total: format!("{} {}", order.total, order.currency),
            trace: record.header_text("traceparent"),
        });
    }
    tracing::info!(orders = summary.orders.len(), cancelled = summary.cancelled.len(), "batch read");
    Ok(summary)
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
