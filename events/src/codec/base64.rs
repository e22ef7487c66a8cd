use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

const EXPECTING: &str = "standard padded base64";

/// Binary data carried as standard, padded base64 text (Kinesis and Firehose
/// `data`, SQS `binaryValue`, DynamoDB `B`, …).
///
/// The text is decoded when the event is parsed. Only canonical base64 is
/// accepted, and canonical base64 has exactly one text per byte string, so
/// writing the bytes back reproduces the original text.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64Bytes(pub Vec<u8>);

impl Base64Bytes {
    /// The decoded bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes as UTF-8 text, or `None` when they are not valid UTF-8.
    #[inline]
    pub fn as_utf8(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// The base64 text, as it is written back.
    #[inline]
    pub fn encode(&self) -> String {
        STANDARD.encode(&self.0)
    }
}

impl From<Vec<u8>> for Base64Bytes {
    #[inline]
    fn from(bytes: Vec<u8>) -> Self {
        Base64Bytes(bytes)
    }
}

impl From<&[u8]> for Base64Bytes {
    #[inline]
    fn from(bytes: &[u8]) -> Self {
        Base64Bytes(bytes.to_vec())
    }
}

impl fmt::Debug for Base64Bytes {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Bytes({:?})", self.encode())
    }
}

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Base64Visitor;
        impl de::Visitor<'_> for Base64Visitor {
            type Value = Base64Bytes;
            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a string of {EXPECTING}")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Base64Bytes, E> {
                STANDARD
                    .decode(text)
                    .map(Base64Bytes)
                    .map_err(|error| E::custom(format_args!("invalid base64 ({error}) in {}, expected {}", shorten(text), EXPECTING)))
            }
        }
        deserializer.deserialize_str(Base64Visitor)
    }
}

/// Quotes at most the first 40 characters of a bad value: enough to find it,
/// not enough to flood a log with a megabyte payload.
#[inline]
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{:?}…", &text[..cut]),
        None => format!("{text:?}"),
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Base64Bytes {
    #[inline]
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Base64Bytes".into()
    }
    #[inline]
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "contentEncoding": "base64" })
    }
}
