//! Hand-written conveniences on generated types, one module per source. They
//! add methods only; every type and field comes from the schemas.

#[cfg(feature = "sns")]
mod sns;
#[cfg(any(feature = "sqs", feature = "kinesis", feature = "dynamodb", feature = "firehose", feature = "kinesis_analytics"))]
mod common;
#[cfg(feature = "dynamodb")]
mod dynamodb;
#[cfg(feature = "firehose")]
mod firehose;
#[cfg(feature = "kinesis")]
mod kinesis;
#[cfg(feature = "kinesis_analytics")]
mod kinesis_analytics;
#[cfg(feature = "apigw")]
mod apigw;
#[cfg(feature = "sqs")]
mod sqs;
#[cfg(feature = "s3")]
mod s3;
#[cfg(feature = "cognito")]
mod cognito;
