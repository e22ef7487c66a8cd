//! Typed, lossless AWS Lambda event payloads.
//!
//! Every type in the source modules (`sqs`, `sns`, …) is generated from the
//! JSON Schemas in the repository's `schemas/` folder by the codegen; do not
//! edit `src/generated/`. This crate is normally used through the
//! `lambda-event-catalog` facade, which re-exports it under the same features.
//!
//! Three promises hold for every type:
//! - **lossless**: parsing an event and writing it back gives the same JSON
//!   (members that were `null` may be left out); unknown members are kept in
//!   `unknown_fields`, timestamps keep their exact text or number;
//! - **forward compatible**: value sets that AWS controls are open enums with
//!   an `Other(String)` variant, and fields are optional unless every real
//!   event carries them;
//! - **buildable**: every type has a deterministic `Default`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod behaviour;
pub mod budget;
pub mod codec;
#[doc(hidden)]
pub mod de;
mod macros;
mod ser;
// The codegen formats its output with prettyplease, and `cargo codegen check`
// compares files byte for byte: rustfmt must leave them alone. (The helpers
// the generated modules include are formatted by CI's explicit rustfmt run.)
#[rustfmt::skip]
mod generated;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;
pub mod payload;
pub mod shape;

// Without any source feature there is nothing to re-export.
#[allow(unused_imports)]
pub use generated::*;
pub use shape::{from_slice, ParseError, Shape};
