//! Nothing: the crate exists to build its dependency with the features asked for.
pub use aws_lambda_events as _events;
