//! An SQS handler for a queue that receives a bucket's event notifications:
//! `SqsEvent::s3_events` decodes every message body as an S3 notification and
//! skips the `s3:TestEvent` that S3 sends when the notification is set up. A
//! body that is no notification fails the invocation with an error naming the
//! message, and the batch is delivered again (then to the queue's dead-letter
//! queue). Without `ReportBatchItemFailures` Lambda ignores what the function
//! returns; the objects are returned to show what the handler read.
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use lambda_event_catalog::sqs::SqsEvent;
use serde::Serialize;

#[derive(Serialize)]
struct NewObject {
    bucket: String,
    key: String,
    size: i64,
}

async fn handler(event: LambdaEvent<SqsEvent>) -> Result<Vec<NewObject>, Error> {
    let mut objects = Vec::new();
    for notification in event.payload.s3_events()? {
        for record in notification.records {
            if record.event_name.family() == "ObjectCreated" {
                let key = record.s3.object.url_decoded_key()?;
                objects.push(NewObject { bucket: record.s3.bucket.name, key, size: record.s3.object.size.unwrap_or_default() });
            }
        }
    }
    tracing::info!(objects = objects.len(), "notifications read");
    Ok(objects)
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
