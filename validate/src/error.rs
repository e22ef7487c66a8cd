//! Errors that name a place in the schemas: a file and a JSON pointer.

use std::fmt;

/// A schema the codegen refuses, and where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaError {
    /// The schema file, relative to the schemas folder.
    pub file: String,
    /// The JSON pointer of the offending schema inside the file (empty for the root).
    pub pointer: String,
    /// What is wrong, and what would be right.
    pub message: String,
}

impl SchemaError {
    pub fn new(file: &str, pointer: &str, message: impl Into<String>) -> Self {
        SchemaError { file: file.to_owned(), pointer: pointer.to_owned(), message: message.into() }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "schemas/{}#{}: {}", self.file, self.pointer, self.message)
    }
}

impl std::error::Error for SchemaError {}

/// Several schema errors at once: the codegen reports all it finds, not just the first.
#[derive(Debug)]
pub struct SchemaErrors(pub Vec<SchemaError>);

impl fmt::Display for SchemaErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SchemaErrors {}

impl From<SchemaError> for SchemaErrors {
    fn from(error: SchemaError) -> Self {
        SchemaErrors(vec![error])
    }
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
