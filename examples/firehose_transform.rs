//! A Firehose data transformation that turns each JSON page view into one
//! line of the user's own `Click` type, drops health checks, and sends the
//! records it cannot read to the stream's error output. Every record is
//! answered, in order, under its `recordId`.
use lambda_event_catalog::firehose::{FirehoseEvent, FirehoseResponse};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageView {
    user_id: String,
    page: String,
}

#[derive(Serialize)]
struct Click {
    user: String,
    path: String,
}

async fn handler(event: LambdaEvent<FirehoseEvent>) -> Result<FirehoseResponse, Error> {
    Ok(event.payload.respond_with(|record| match record.data_json::<PageView>() {
        Ok(view) if view.page == "/health" => record.dropped(),
        Ok(view) => record.transformed_json_line(&Click { user: view.user_id, path: view.page }).unwrap_or_else(|_| record.processing_failed()),
        Err(error) => {
            tracing::warn!(record_id = %record.record_id, %error, "unreadable record");
            record.processing_failed()
        }
    }))
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
