//! Nothing: the crate exists to build its dependency with the features asked for.
pub use lambda_event_catalog_events as _events;
