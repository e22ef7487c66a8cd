//! A minimal SQS handler on aws_lambda_events: reports the messages with an
//! empty body as failed. The same logic as `handlers/ours`, for the binary size.
#![forbid(unsafe_code)]
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{run, service_fn, tracing, Error, LambdaEvent};

async fn handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in &event.payload.records {
        if message.body.as_deref().unwrap_or_default().is_empty() {
            response.add_failure(message.message_id.clone().unwrap_or_default());
        }
    }
    Ok(response)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
