//! Errors of the accessors that decode a payload carried inside an event: a
//! JSON document in a string (`SqsMessage::body_json`) or in base64 data.

use std::fmt;

/// A payload could not be decoded into the caller's type.
#[derive(Debug)]
pub enum PayloadError {
    /// The member that carries the payload is absent or `null`.
    Absent {
        /// The JSON name of the member.
        field: &'static str,
    },
    /// The payload is malformed before any JSON is read: bad base64, bytes
    /// that are not UTF-8, a value outside what its form allows.
    Invalid {
        /// The JSON name of the member.
        field: &'static str,
        /// The JSON path inside the payload (`.` for its root).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The payload is not the JSON the caller asked for.
    Json {
        /// The JSON name of the member.
        field: &'static str,
        /// The JSON path inside the payload where decoding failed (`.` for its root).
        path: String,
        /// What was expected there.
        error: serde_json::Error,
    },
}

impl fmt::Display for PayloadError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayloadError::Absent { field } => write!(f, "`{field}` is absent"),
            PayloadError::Invalid { field, path, message } if path == "." => write!(f, "`{field}` is not valid: {message}"),
            PayloadError::Invalid { field, path, message } => write!(f, "`{field}` is not valid at {path}: {message}"),
            PayloadError::Json { field, path, error } => {
                write!(f, "`{field}` does not hold the expected JSON: at {path}: {error}")
            }
        }
    }
}

impl std::error::Error for PayloadError {
    #[inline]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PayloadError::Absent { .. } | PayloadError::Invalid { .. } => None,
            PayloadError::Json { error, .. } => Some(error),
        }
    }
}

/// Decodes `text` (the value of member `field`) as JSON into `T`. Called by the
/// generated `<field>_json` accessors.
#[doc(hidden)]
pub fn decode_json<'a, T: serde::Deserialize<'a>>(field: &'static str, text: Option<&'a [u8]>) -> Result<T, PayloadError> {
    let text = text.ok_or(PayloadError::Absent { field })?;
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| PayloadError::Json {
        field,
        path: error.path().to_string(),
        error: error.into_inner(),
    })?;
    deserializer.end().map_err(|error| PayloadError::Json { field, path: ".".to_owned(), error })?;
    Ok(value)
}

/// Decodes `value` (the value of member `field`) into `T`. Called by the
/// generated `<field>_as` accessors.
#[doc(hidden)]
pub fn decode_value<'a, T: serde::Deserialize<'a>>(field: &'static str, value: Option<&'a serde_json::Value>) -> Result<T, PayloadError> {
    let value = value.filter(|value| !value.is_null()).ok_or(PayloadError::Absent { field })?;
    decode_from(field, value)
}

/// Decodes member `field`'s already-parsed JSON (a value or an object's
/// members) into `T`, naming the path inside it on error.
pub(crate) fn decode_from<'a, T, D>(field: &'static str, deserializer: D) -> Result<T, PayloadError>
where
    T: serde::Deserialize<'a>,
    D: serde::Deserializer<'a, Error = serde_json::Error>,
{
    serde_path_to_error::deserialize(deserializer).map_err(|error| PayloadError::Json { field, path: error.path().to_string(), error: error.into_inner() })
}

/// Decodes the payload of every record of a batch, in order, with `decode`;
/// the first failure names the record by its index and `id`. Every
/// `…_json` method over a batch (SQS bodies, SNS messages, Kinesis and
/// Firehose data) goes through here, and so can a caller's own decoding.
pub fn decode_each<'a, R, T>(
    records: &'a [R],
    id: impl Fn(&'a R) -> &'a str,
    mut decode: impl FnMut(&'a R) -> Result<T, PayloadError>,
) -> Result<Vec<T>, RecordError> {
    records.iter().enumerate().map(|(index, record)| decode(record).map_err(|error| RecordError::new(index, Some(id(record).to_owned()), error))).collect()
}

/// A payload of one record of a batch could not be decoded.
#[derive(Debug)]
pub struct RecordError {
    index: usize,
    id: Option<String>,
    error: PayloadError,
}

impl RecordError {
    #[doc(hidden)]
    #[inline]
    pub fn new(index: usize, id: Option<String>, error: PayloadError) -> Self {
        RecordError { index, id, error }
    }

    /// The position of the record in the batch.
    #[inline]
    pub fn index(&self) -> usize {
        self.index
    }

    /// The record's id (message id, sequence number), when it has one.
    #[inline]
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Why its payload could not be decoded.
    #[inline]
    pub fn payload_error(&self) -> &PayloadError {
        &self.error
    }
}

impl fmt::Display for RecordError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "record {} ({id}): {}", self.index, self.error),
            None => write!(f, "record {}: {}", self.index, self.error),
        }
    }
}

impl std::error::Error for RecordError {
    #[inline]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
