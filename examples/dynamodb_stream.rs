//! A DynamoDB stream handler that reads the images of each change into the
//! table's own `Order` type and follows status changes. At the first record
//! whose images it cannot read it stops and reports that record, so that the
//! stream is retried from there (`ReportBatchItemFailures`).
use lambda_event_catalog::dynamodb::{DynamoDbBatchResponse, DynamoDbEvent};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Order {
    order_id: String,
    status: String,
}

async fn handler(event: LambdaEvent<DynamoDbEvent>) -> Result<DynamoDbBatchResponse, Error> {
    let mut response = DynamoDbBatchResponse::default();
    for record in &event.payload.records {
        match (record.dynamodb.old_image_as::<Order>(), record.dynamodb.new_image_as::<Order>()) {
            (Ok(old), Ok(new)) => {
                let order_id = new.as_ref().or(old.as_ref()).map(|order| order.order_id.as_str());
                let status = |order: &Option<Order>| order.as_ref().map(|order| order.status.clone());
                tracing::info!(?order_id, from = ?status(&old), to = ?status(&new), "order changed");
            }
            (Err(error), _) | (_, Err(error)) => {
                tracing::warn!(event_id = %record.event_id, %error, "unreadable image");
                // A stream record always has a sequence number; without one
                // nothing could be reported, and the whole batch must fail.
                if !response.push_failed_dynamodb_record(record) {
                    return Err(error.into());
                }
                // The stream is retried from this record: the later ones come again anyway.
                break;
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
