//! A minimal SQS handler on lambda-event-catalog: reports the messages with an
//! empty body as failed. The same logic as `handlers/aws`, for the binary size.
#![forbid(unsafe_code)]
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use lambda_event_catalog::sqs::{SqsBatchResponse, SqsEvent};

async fn handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in &event.payload.records {
        if message.body.is_empty() {
            response.push_failed_message(message);
        }
    }
    Ok(response)
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
