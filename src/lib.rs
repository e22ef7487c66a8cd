//! # Lambda Event Catalog
//!
//! Strongly typed, lossless Rust types for the JSON that AWS Lambda functions
//! receive and return, generated from the JSON Schemas of the catalogue. Turn
//! on one cargo feature per event source (`sqs`, `sns`, …); each adds a module
//! of the same name.
//!
//! ```
//! # #[cfg(feature = "sqs")] {
//! use lambda_event_catalog::sqs::SqsEvent;
//!
//! let json = br#"{"Records":[{"messageId":"1","body":"{\"id\":7}","eventSource":"aws:sqs","newField":true}]}"#;
//! let event: SqsEvent = lambda_event_catalog::from_slice(json)?;
//! #[derive(serde::Deserialize)]
//! struct Order { id: u32 }
//! let order: Order = event.records[0].body_json()?;
//! assert_eq!(order.id, 7);
//! // Unknown members are kept and written back.
//! assert!(lambda_event_catalog::lossless::roundtrip::<SqsEvent>(json)?.is_empty());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! An event that carries another (SNS in SQS, S3 in SQS or SNS, CloudWatch
//! Logs in Kinesis or Firehose, DynamoDB in Kinesis) is read through the outer
//! event's type and a helper of it: the README's "Which type do I need"
//! section lists them with the features each needs.
//!
//! ## Every shape of the catalogue
//!
//! Each shape is a JSON Schema of the catalogue, a Rust type, and the cargo
//! feature that compiles it (`full` turns on every one).
//!
#![doc = include_str!("shapes.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use lambda_event_catalog_events::*;

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;
pub mod lossless;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(feature = "runtime")))]
pub mod runtime;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
