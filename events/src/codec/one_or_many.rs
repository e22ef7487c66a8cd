use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, MapAccess, SeqAccess};
use serde::{Serialize, Serializer};

/// A value that AWS sends either alone or as an array (an IAM policy
/// statement's `Action` and `Resource`), written back in the form it came in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OneOrMany<T> {
    /// A single value, not in an array.
    One(T),
    /// An array of values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, one or many, as a slice.
    #[inline]
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(value) => std::slice::from_ref(value),
            OneOrMany::Many(values) => values,
        }
    }
}

/// An empty array: deterministic, and a list that grows as values are pushed.
impl<T> Default for OneOrMany<T> {
    #[inline]
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl<T> From<T> for OneOrMany<T> {
    #[inline]
    fn from(value: T) -> Self {
        OneOrMany::One(value)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    #[inline]
    fn from(values: Vec<T>) -> Self {
        OneOrMany::Many(values)
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrMany::One(value) => value.serialize(serializer),
            OneOrMany::Many(values) => values.serialize(serializer),
        }
    }
}

/// Reads an array as `Many` and anything else as `One`, by looking at the
/// first token instead of buffering the value and trying both (which is what
/// `#[serde(untagged)]` does).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<T> OneOrManyVisitor<T> {
            fn one<'de, E: de::Error, V: IntoDeserializer<'de, E>>(value: V) -> Result<OneOrMany<T>, E>
            where
                T: Deserialize<'de>,
            {
                T::deserialize(value.into_deserializer()).map(OneOrMany::One)
            }
        }
        impl<'de, T: Deserialize<'de>> de::Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or an array of values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany::Many)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(OneOrMany::One)
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Self::one(value)
            }
            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Self::one(value)
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
                Self::one(value)
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
                Self::one(value)
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
                Self::one(value)
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
                Self::one(value)
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
                Self::one(value)
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

#[cfg(feature = "schemars")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for OneOrMany<T> {
    #[inline]
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    #[inline]
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<T>();
        let many = generator.subschema_for::<Vec<T>>();
        schemars::json_schema!({ "oneOf": [one, many] })
    }
}

#[cfg(test)]
mod tests {
    use super::OneOrMany;

    #[test]
    fn keeps_the_form_it_came_in() {
        for json in [r#""s3:GetObject""#, r#"["s3:GetObject","s3:PutObject"]"#, "[]"] {
            let value: OneOrMany<String> = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }

    #[test]
    fn a_wrong_item_is_an_error() {
        assert!(serde_json::from_str::<OneOrMany<String>>("[1]").is_err());
        assert!(serde_json::from_str::<OneOrMany<String>>("true").is_err());
    }
}
