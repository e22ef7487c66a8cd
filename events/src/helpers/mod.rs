//! Hand-written conveniences on generated types, one module per source. They
//! add methods only; every type and field comes from the schemas.

#[cfg(feature = "apigw")]
mod apigw;
#[cfg(feature = "sqs")]
mod sqs;
