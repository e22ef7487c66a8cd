//! Loading the Lambda Event Catalog's schemas and validating documents
//! against them: what the codegen, the `lambda-event-catalog` checker and the
//! facade's `testing` feature share, without a code generator.
//!
//! `load` reads a catalogue (a folder, or files embedded by the caller) and
//! validates each file against the meta-schema; `validators` compiles each
//! shape's schema and `x-detect` rule with `jsonschema`, offline.
#![forbid(unsafe_code)]

pub mod bundle;
pub mod error;
pub mod explain;
pub mod files;
pub mod json;
pub mod load;
pub mod unknown;
pub mod validators;

pub use error::{SchemaError, SchemaErrors};
pub use load::{Catalog, ShapeId};
pub use validators::{Validators, Violation};
