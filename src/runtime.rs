//! The official Lambda runtime (`lambda_runtime`), re-exported so that a typed
//! handler needs this crate alone. Nothing here is ours: `run`, `service_fn`,
//! `LambdaEvent`, `Context` and `Error` are the runtime's own, and `tokio` is
//! the async runtime it runs on.
//!
//! ```no_run
//! use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
//! use lambda_event_catalog::sqs::{SqsBatchResponse, SqsEvent};
//!
//! async fn handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
//!     Ok(SqsBatchResponse::from_failed_ids(Vec::<String>::new()))
//! }
//!
//! #[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
//! async fn main() -> Result<(), Error> {
//!     tracing::init_default_subscriber();
//!     run(service_fn(handler)).await
//! }
//! ```

pub use lambda_runtime::{run, service_fn, tracing, Context, Error, LambdaEvent};
pub use tokio;
