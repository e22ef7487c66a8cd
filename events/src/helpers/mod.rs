//! Hand-written conveniences on generated types, one module per source. They
//! add methods only; every type and field comes from the schemas.

#[cfg(feature = "sqs")]
mod sqs;
#[cfg(feature = "cognito")]
mod cognito;
