//! Hand-written conveniences on generated types, one module per source. They
//! add methods only; every type and field comes from the schemas.

#[cfg(feature = "sns")]
mod sns;
#[cfg(feature = "sqs")]
mod sqs;
#[cfg(feature = "s3")]
mod s3;
#[cfg(feature = "cognito")]
mod cognito;
