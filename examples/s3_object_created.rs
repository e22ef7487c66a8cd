//! An S3 handler that indexes new objects: it keeps the `ObjectCreated`
//! records (whichever API created the object) and decodes each object key,
//! which S3 sends URL-encoded (`Summer+Trip+%281%29.jpg` is
//! `Summer Trip (1).jpg`). A key that is no valid URL encoding fails the
//! invocation. Lambda ignores what an S3-invoked function returns; the index
//! entries are returned to show what the handler read.
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use lambda_event_catalog::s3::S3Event;
use serde::Serialize;

#[derive(Serialize)]
struct IndexEntry {
    bucket: String,
    key: String,
    size: i64,
}

async fn handler(event: LambdaEvent<S3Event>) -> Result<Vec<IndexEntry>, Error> {
    let mut entries = Vec::new();
    for record in &event.payload.records {
        if record.event_name.family() != "ObjectCreated" {
            continue;
        }
        let object = &record.s3.object;
        entries.push(IndexEntry { bucket: record.s3.bucket.name.clone(), key: object.url_decoded_key()?, size: object.size.unwrap_or_default() });
    }
    tracing::info!(indexed = entries.len(), "objects indexed");
    Ok(entries)
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
