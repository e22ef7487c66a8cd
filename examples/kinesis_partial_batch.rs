//! A Kinesis handler that decodes each record's data into a `PageView` and,
//! at the first record it cannot read, stops and reports that record, so that
//! the shard is retried from there (`ReportBatchItemFailures`).
use lambda_event_catalog::kinesis::{KinesisBatchResponse, KinesisEvent};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageView {
    user_id: String,
    page: String,
}

async fn handler(event: LambdaEvent<KinesisEvent>) -> Result<KinesisBatchResponse, Error> {
    let mut response = KinesisBatchResponse::default();
    for record in &event.payload.records {
        match record.kinesis.data_json::<PageView>() {
            Ok(view) => tracing::info!(user_id = %view.user_id, page = %view.page, "page viewed"),
            Err(error) => {
                tracing::warn!(sequence_number = record.sequence_number(), %error, "unreadable record");
                response.push_failed_kinesis_record(record);
                // The shard is retried from this record: the later ones come again anyway.
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
