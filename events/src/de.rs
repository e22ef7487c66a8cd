//! Support for the generated `Deserialize` impls: the parts every struct and
//! open enum share, written once here instead of in every generated item.
//!
//! Generated structs do not use `#[serde(flatten)]` to capture unknown
//! members: flatten buffers the whole object into an intermediate map before
//! it deserializes a single field, which costs about a third of the parse
//! time. Instead the generated visitor matches each key against the known
//! names and moves only the unknown ones into `unknown_fields`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess};

/// The known members of one generated struct.
pub trait FieldNames: Sized {
    /// The field a JSON member name stands for, if the struct knows it.
    fn from_name(name: &str) -> Option<Self>;
}

/// A member name read from the input: a known field, or an unknown name kept
/// to be written back.
pub enum Key<F> {
    /// A member the struct has a field for.
    Known(F),
    /// A member the catalogue does not know (yet).
    Unknown(String),
}

impl<'de, F: FieldNames> Deserialize<'de> for Key<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor<F>(PhantomData<F>);
        impl<F: FieldNames> de::Visitor<'_> for KeyVisitor<F> {
            type Value = Key<F>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<F>, E> {
                Ok(match F::from_name(name) {
                    Some(field) => Key::Known(field),
                    None => Key::Unknown(name.to_owned()),
                })
            }
            fn visit_string<E: de::Error>(self, name: String) -> Result<Key<F>, E> {
                Ok(match F::from_name(&name) {
                    Some(field) => Key::Known(field),
                    None => Key::Unknown(name),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor(PhantomData))
    }
}

/// One field's value while its object is being read: empty until the member
/// is seen, so that a repeated member is an error rather than a silent
/// overwrite, and a missing required one is an error naming it.
pub struct Slot<T>(Option<T>);

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot(None)
    }
}

impl<T> Slot<T> {
    /// Reads the member's value from `map`.
    pub fn fill<'de, A: MapAccess<'de>>(&mut self, map: &mut A, name: &'static str) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        if self.0.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        self.0 = Some(map.next_value()?);
        Ok(())
    }

    /// The value of a member every document must have.
    pub fn required<E: de::Error>(self, name: &'static str) -> Result<T, E> {
        self.0.ok_or_else(|| E::missing_field(name))
    }
}

impl<T> Slot<Option<T>> {
    /// The value of a member that may be absent or `null`.
    pub fn optional(self) -> Option<T> {
        self.0.flatten()
    }
}

/// Deserializes an open enum: a known value becomes its variant, any other
/// string becomes `Other`, borrowing the input where the format allows.
pub fn open_enum<'de, D, E>(deserializer: D, expecting: &'static str) -> Result<E, D::Error>
where
    D: Deserializer<'de>,
    E: for<'a> From<&'a str>,
{
    struct OpenEnumVisitor<E>(&'static str, PhantomData<E>);
    impl<E: for<'a> From<&'a str>> de::Visitor<'_> for OpenEnumVisitor<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<Err: de::Error>(self, value: &str) -> Result<E, Err> {
            Ok(E::from(value))
        }
    }
    deserializer.deserialize_str(OpenEnumVisitor(expecting, PhantomData))
}

/// An `x-tag` union is an object whatever its tag: only the tag may be one
/// the catalogue does not know, so anything but an object is an error rather
/// than an `Unknown` document.
pub fn expect_object<E: de::Error>(value: &serde_json::Value, expecting: &'static str) -> Result<(), E> {
    use serde_json::Value;
    let unexpected = match value {
        Value::Object(_) => return Ok(()),
        Value::Null => de::Unexpected::Unit,
        Value::Bool(flag) => de::Unexpected::Bool(*flag),
        Value::Number(number) => match (number.as_i64(), number.as_u64()) {
            (Some(signed), _) => de::Unexpected::Signed(signed),
            (None, Some(unsigned)) => de::Unexpected::Unsigned(unsigned),
            (None, None) => de::Unexpected::Float(number.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(text) => de::Unexpected::Str(text),
        Value::Array(_) => de::Unexpected::Seq,
    };
    Err(E::invalid_type(unexpected, &expecting))
}

/// Deserializes one alternative of a tagged union from the buffered object,
/// keeping the path inside it in the error message (the caller's path tracker
/// cannot see into a buffered value).
pub fn union_variant<T, E>(value: serde_json::Value, tag: &str) -> Result<T, E>
where
    T: de::DeserializeOwned,
    E: de::Error,
{
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        if path == "." {
            E::custom(format_args!("({tag}) {}", error.inner()))
        } else {
            E::custom(format_args!("({tag}) {path}: {}", error.inner()))
        }
    })
}
