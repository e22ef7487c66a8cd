//! Support for the generated `Serialize` impls of structs: what `object!`
//! would otherwise expand, with an early return and a drop of the map, for
//! every member of every struct.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Writes a generated struct as a JSON object, member by member, then its
/// unknown members. It keeps the first error and writes nothing after it, so
/// a generated `serialize` is one call per member and returns once, at
/// [`end`](ObjectWriter::end).
pub(crate) struct ObjectWriter<M: SerializeMap> {
    /// The open map, or the error that ended it.
    state: Result<M, M::Error>,
}

impl<M: SerializeMap> ObjectWriter<M> {
    /// Opens the object (of unknown length: optional members may be absent).
    #[inline]
    pub(crate) fn new<S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>>(serializer: S) -> Self {
        ObjectWriter { state: serializer.serialize_map(None) }
    }

    /// Writes a member, unless an earlier one failed.
    #[inline]
    pub(crate) fn member<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let Ok(map) = &mut self.state {
            if let Err(error) = map.serialize_entry(name, value) {
                self.state = Err(error);
            }
        }
    }

    /// Writes an optional member when it is `Some`; `None` is left out.
    #[inline]
    pub(crate) fn optional<T: Serialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.member(name, value);
        }
    }

    /// Writes the unknown members as they came and closes the object, or
    /// returns the first error.
    #[inline]
    pub(crate) fn end(mut self, unknown_fields: &serde_json::Map<String, serde_json::Value>) -> Result<M::Ok, M::Error> {
        for (name, value) in unknown_fields {
            self.member(name, value);
        }
        self.state?.end()
    }
}

#[cfg(test)]
mod tests {
    use super::ObjectWriter;
    use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};

    /// A value whose serialization fails, to see what the writer does after.
    struct Fails;
    impl Serialize for Fails {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(S::Error::custom("member fails"))
        }
    }

    #[test]
    fn writes_members_optional_ones_when_some_then_unknown_ones() {
        let mut unknown = serde_json::Map::new();
        unknown.insert("future".into(), serde_json::json!([1]));
        let mut object = ObjectWriter::new(serde_json::value::Serializer);
        object.member("a", &1);
        object.optional("b", &None::<u8>);
        object.optional("c", &Some("text"));
        let written = object.end(&unknown).unwrap();
        assert_eq!(written, serde_json::json!({"a": 1, "c": "text", "future": [1]}));
    }

    #[test]
    fn keeps_the_first_error_and_writes_nothing_after_it() {
        let mut object = ObjectWriter::new(serde_json::value::Serializer);
        object.member("a", &Fails);
        object.member("b", &1);
        let error = object.end(&serde_json::Map::new()).unwrap_err();
        assert_eq!(error.to_string(), "member fails");

        // The map sees no call after the failed one: a writer of text would
        // otherwise put members after a half-written value.
        struct Counting(Vec<&'static str>);
        impl SerializeMap for &mut Counting {
            type Ok = ();
            type Error = serde_json::Error;
            fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Self::Error> {
                self.0.push("key");
                Ok(())
            }
            fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
                self.0.push("value");
                value.serialize(serde_json::value::Serializer).map(drop)
            }
            fn end(self) -> Result<(), Self::Error> {
                self.0.push("end");
                Ok(())
            }
        }
        let mut calls = Counting(Vec::new());
        let mut object = ObjectWriter::<&mut Counting> { state: Ok(&mut calls) };
        object.member("a", &1);
        object.member("b", &Fails);
        object.member("c", &2);
        assert!(object.end(&serde_json::Map::new()).is_err());
        assert_eq!(calls.0, ["key", "value", "key", "value"]);
    }
}
