use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Bytes sent as a JSON array of integers (`x-bytes: integers`), as Java
/// writes a `byte[]`: each a signed byte (`-128..=127`), or, from other
/// senders, an unsigned one (`0..=255`). Each integer is kept as sent, so that
/// writing back reproduces `-1` or `255` as it was; [`to_bytes`](Self::to_bytes)
/// reads them as bytes (`-1` and `255` are both `0xFF`). An integer outside
/// `-128..=255` is an error naming its place, as in the schema.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct ByteInts(Vec<i16>);

impl ByteInts {
    /// The bytes, as signed integers the way Java writes them.
    #[inline]
    pub fn from_bytes(bytes: &[u8]) -> Self {
        ByteInts(bytes.iter().map(|&byte| i16::from(byte as i8)).collect())
    }

    /// The bytes the integers stand for.
    #[inline]
    pub fn to_bytes(&self) -> Vec<u8> {
        // Every integer is in -128..=255 (checked when read or built), so the
        // low byte is the byte: -1 and 255 are both 0xFF.
        self.0.iter().map(|&value| value.to_le_bytes()[0]).collect()
    }

    /// The integers as sent.
    #[inline]
    pub fn as_ints(&self) -> &[i16] {
        &self.0
    }

    /// How many bytes there are.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ByteInts {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ByteInts").field(&self.0).finish()
    }
}

impl Serialize for ByteInts {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// One integer of the array: its own type, so that an error names its index.
struct ByteInt(i16);

impl<'de> Deserialize<'de> for ByteInt {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        match i16::try_from(value) {
            Ok(byte) if (-128..=255).contains(&byte) => Ok(ByteInt(byte)),
            _ => Err(de::Error::invalid_value(de::Unexpected::Signed(value), &"a byte as an integer from -128 to 255")),
        }
    }
}

impl<'de> Deserialize<'de> for ByteInts {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bytes = Vec::<ByteInt>::deserialize(deserializer)?;
        Ok(ByteInts(bytes.into_iter().map(|ByteInt(byte)| byte).collect()))
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for ByteInts {
    #[inline]
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ByteInts".into()
    }
    #[inline]
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "array", "items": { "type": "integer", "minimum": -128, "maximum": 255 } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_and_unsigned_bytes_read_alike_and_write_back_as_sent() {
        let ints: ByteInts = serde_json::from_str("[104, -1, 255, -128, 0]").unwrap();
        assert_eq!(ints.to_bytes(), [104, 0xFF, 0xFF, 0x80, 0]);
        assert_eq!(serde_json::to_string(&ints).unwrap(), "[104,-1,255,-128,0]");
        assert_eq!(ByteInts::from_bytes(&[104, 0xFF]).as_ints(), [104, -1]);
    }

    #[test]
    fn an_integer_outside_a_byte_is_an_error_at_its_index() {
        for json in ["[1, 300]", "[-129]", "[1.5]", "[\"a\"]", "[99999999999]"] {
            let error = serde_path_to_error::deserialize::<_, ByteInts>(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
            assert!(error.path().to_string().starts_with('['), "{json}: {}", error.path());
        }
        let error = serde_json::from_str::<ByteInts>("[300]").unwrap_err();
        assert!(error.to_string().contains("from -128 to 255"), "{error}");
    }
}
