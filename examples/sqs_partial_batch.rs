//! An SQS handler that decodes each message body into an `Order` and reports
//! the messages it could not process, so that only those are delivered again.
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use lambda_event_catalog::sqs::{SqsBatchResponse, SqsEvent};
use serde::Deserialize;

#[derive(Deserialize)]
struct Order {
    order_id: String,
    quantity: u32,
}

async fn handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in &event.payload.records {
        match message.body_json::<Order>() {
            Ok(order) if order.quantity > 0 => tracing::info!(order_id = %order.order_id, "processed"),
            Ok(order) => {
                tracing::warn!(order_id = %order.order_id, "empty order");
                response.push_failed_message(message);
            }
            Err(error) => {
                tracing::warn!(message_id = %message.message_id, %error, "unreadable body");
                response.push_failed_message(message);
            }
        }
    }
    Ok(response)
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
