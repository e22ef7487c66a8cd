//! [`Shape`], which every type a document of the catalogue parses into
//! implements; [`from_slice`], which parses a document into a type and names
//! the JSON path of any error; and (feature `registry`) the shapes of the catalogue
//! compiled into this build: each shape's id, its Rust type, and functions
//! that parse a document into that type and write it back, for tools (such as
//! `check`) that choose the type at run time.

use std::fmt;

/// A type that documents of a shape of the catalogue parse into: an event or
/// a response. Its id names the shape's schema and fixtures, so that tools
/// (the facade's `testing` feature, say) find them from the type alone.
///
/// ```
/// # #[cfg(feature = "sqs")] {
/// use lambda_event_catalog_events::{sqs::SqsEvent, Shape};
/// assert_eq!(SqsEvent::ID, "sqs.event");
/// # }
/// ```
pub trait Shape {
    /// `<source>.<name>`, such as `sqs.event`: the schema
    /// `schemas/<source>/<name>.schema.json` and the fixtures in
    /// `fixtures/<source>/<name>/`. A type that several shapes parse into (one
    /// document under several ids) has the first id whose feature is on.
    const ID: &'static str;
}

/// One shape of the catalogue compiled into this build, with functions that
/// parse a document of it and write the document back.
#[cfg(feature = "registry")]
pub struct RegisteredShape {
    id: &'static str,
    type_name: &'static str,
    schema: &'static str,
    parse_and_write: fn(&[u8]) -> Result<serde_json::Value, ParseError>,
    parse_and_describe: fn(&[u8]) -> Result<String, ParseError>,
}

#[cfg(feature = "registry")]
impl RegisteredShape {
    #[doc(hidden)]
    #[inline]
    pub const fn new(
        id: &'static str,
        type_name: &'static str,
        schema: &'static str,
        parse_and_write: fn(&[u8]) -> Result<serde_json::Value, ParseError>,
        parse_and_describe: fn(&[u8]) -> Result<String, ParseError>,
    ) -> RegisteredShape {
        RegisteredShape { id, type_name, schema, parse_and_write, parse_and_describe }
    }

    /// `<source>.<name>`, such as `sqs.event`.
    #[inline]
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The Rust type, relative to the crate root, such as `sqs::SqsEvent`.
    #[inline]
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The schema the type was generated from, relative to the repository root.
    #[inline]
    pub fn schema_path(&self) -> &'static str {
        self.schema
    }

    /// Parses `json` into the shape's type and writes it back as a JSON value.
    #[inline]
    pub fn parse_and_write(&self, json: &[u8]) -> Result<serde_json::Value, ParseError> {
        (self.parse_and_write)(json)
    }

    /// Parses `json` into the shape's type and describes the value (its `Debug`, pretty-printed).
    #[inline]
    pub fn parse_and_describe(&self, json: &[u8]) -> Result<String, ParseError> {
        (self.parse_and_describe)(json)
    }
}

#[cfg(feature = "registry")]
impl fmt::Debug for RegisteredShape {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisteredShape").field("id", &self.id).field("type_name", &self.type_name).finish()
    }
}

/// Every shape compiled into this build (one cargo feature per source), in id order.
#[cfg(feature = "registry")]
#[inline]
pub fn shapes() -> &'static [RegisteredShape] {
    crate::generated::SHAPES
}

/// The shape with this id, if its source's feature is on.
#[cfg(feature = "registry")]
#[inline]
pub fn shape(id: &str) -> Option<&'static RegisteredShape> {
    shapes().iter().find(|shape| shape.id == id)
}

/// A document that does not parse into the type asked for.
#[derive(Debug)]
pub struct ParseError {
    path: String,
    pointer: String,
    error: serde_json::Error,
}

impl ParseError {
    /// The JSON path of the value that failed, such as `Records[0].messageId`
    /// (`.` for the document itself).
    #[inline]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The same place as a JSON pointer, such as `/Records/0/messageId`
    /// (`""` for the document itself).
    #[inline]
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The underlying error: what was expected, and the line and column.
    #[inline]
    pub fn inner(&self) -> &serde_json::Error {
        &self.error
    }
}

impl fmt::Display for ParseError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.path, self.error)
    }
}

impl std::error::Error for ParseError {
    #[inline]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Parses a whole JSON document into `T`; an error names the JSON path of the
/// value that failed and what was expected there.
pub fn from_slice<'a, T: serde::Deserialize<'a>>(json: &'a [u8]) -> Result<T, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| ParseError {
        path: error.path().to_string(),
        pointer: json_pointer(error.path()),
        error: error.into_inner(),
    })?;
    deserializer.end().map_err(ParseError::at_root)?;
    Ok(value)
}

/// Reads an already parsed document into `T`, naming the path on error.
#[cfg_attr(not(feature = "eventbridge"), allow(dead_code))]
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, ParseError> {
    serde_path_to_error::deserialize(value).map_err(|error| ParseError {
        path: error.path().to_string(),
        pointer: json_pointer(error.path()),
        error: error.into_inner(),
    })
}

impl ParseError {
    #[inline]
    pub(crate) fn at_root(error: serde_json::Error) -> ParseError {
        ParseError { path: ".".to_owned(), pointer: String::new(), error }
    }
}

#[inline]
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => pointer.push_str(&format!("/{}", key.replace('~', "~0").replace('/', "~1"))),
            // An enum's variant and a place serde could not name add no JSON member.
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(feature = "registry")]
#[doc(hidden)]
pub fn parse_and_write<T>(json: &[u8]) -> Result<serde_json::Value, ParseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let typed: T = from_slice(json)?;
    serde_json::to_value(&typed).map_err(ParseError::at_root)
}

#[cfg(feature = "registry")]
#[doc(hidden)]
pub fn parse_and_describe<T>(json: &[u8]) -> Result<String, ParseError>
where
    T: serde::de::DeserializeOwned + fmt::Debug,
{
    let typed: T = from_slice(json)?;
    Ok(format!("{typed:#?}"))
}
