//! Support for the generated `Deserialize` impls: the parts every struct,
//! open enum and union shares, written once here instead of in every
//! generated item (the generated modules reach most of it through the
//! `crate::macros` tables).
//!
//! Generated structs do not use `#[serde(flatten)]` to capture unknown
//! members: flatten buffers the whole object into an intermediate map before
//! it deserializes a single field, which costs about a third of the parse
//! time. Instead [`object`], the one visitor of every struct, matches each
//! key against the struct's table and moves only the unknown ones into
//! `unknown_fields`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess};

/// A generated struct as its `Deserialize` reads it: a value that starts as
/// its `Default`, a table of member names, and how to read one member into
/// its field. [`object`] is the one visitor every struct shares.
pub trait Object: Default {
    /// The type's name, for "a JSON object (Name)".
    const NAME: &'static str;
    /// The JSON member names the struct has fields for, in schema order.
    const MEMBERS: &'static [&'static str];
    /// Bit `i` is set when every document must have member `i` of `MEMBERS`.
    const REQUIRED: u128;
    /// The index in `MEMBERS` of a member name.
    fn member(name: &str) -> Option<usize>;
    /// Reads the value of member `index` from `map` into its field; `seen`
    /// has the bits of the members read before it (a member union's member
    /// reads differently before and after its tag).
    fn fill<'de, A: MapAccess<'de>>(&mut self, index: usize, seen: u128, map: &mut A) -> Result<(), A::Error>;
    /// Where members the catalogue does not know go.
    fn unknown_fields(&mut self) -> &mut serde_json::Map<String, serde_json::Value>;
}

/// `REQUIRED` of an [`Object`] from one flag per member, in `MEMBERS` order.
#[inline]
pub const fn required_members(required: &[bool]) -> u128 {
    let mut bits = 0;
    let mut index = 0;
    while index < required.len() {
        if required[index] {
            bits |= 1 << index;
        }
        index += 1;
    }
    bits
}

/// Deserializes a generated struct: each member is matched against the
/// struct's table once, read into its field, or (unknown) moved into
/// `unknown_fields`. A repeated member is an error, as is a missing required
/// one (the first in schema order is named).
pub fn object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(PhantomData<T>);
    impl<'de, T: Object> de::Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        #[inline]
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a JSON object ({})", T::NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut value = T::default();
            let mut seen: u128 = 0;
            while let Some(key) = map.next_key_seed(MemberSeed(T::member))? {
                match key {
                    Member::Known(index) => {
                        let bit = 1u128 << index;
                        if seen & bit != 0 {
                            return Err(de::Error::duplicate_field(T::MEMBERS[index]));
                        }
                        value.fill(index, seen, &mut map)?;
                        seen |= bit;
                    }
                    Member::Unknown(name) => {
                        let member = map.next_value()?;
                        value.unknown_fields().insert(name, member);
                    }
                }
            }
            let missing = T::REQUIRED & !seen;
            if missing != 0 {
                return Err(de::Error::missing_field(T::MEMBERS[missing.trailing_zeros() as usize]));
            }
            Ok(value)
        }
    }
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// A member name read from the input: the index of a known member, or an
/// unknown name kept to be written back.
enum Member {
    Known(usize),
    Unknown(String),
}

/// Reads a member name and looks it up with a struct's `member` function:
/// one key reader for every struct, not one per struct.
struct MemberSeed(fn(&str) -> Option<usize>);

impl<'de> de::DeserializeSeed<'de> for MemberSeed {
    type Value = Member;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl de::Visitor<'_> for MemberSeed {
    type Value = Member;
    #[inline]
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Member, E> {
        Ok(match (self.0)(name) {
            Some(index) => Member::Known(index),
            None => Member::Unknown(name.to_owned()),
        })
    }
    fn visit_string<E: de::Error>(self, name: String) -> Result<Member, E> {
        Ok(match (self.0)(&name) {
            Some(index) => Member::Known(index),
            None => Member::Unknown(name),
        })
    }
}

/// A member union: the type of one member of an object (EventBridge's
/// `detail`), chosen by the value of another member (`detail-type`), plus an
/// `Unknown` JSON value for tag values the catalogue does not know.
pub trait MemberUnion: Sized {
    /// Whether `tag` chooses a known alternative.
    fn knows(tag: &str) -> bool;
    /// Reads the member as the alternative `tag` chooses (`Unknown` for any other tag).
    fn from_tag<'de, D: Deserializer<'de>>(tag: &str, member: D) -> Result<Self, D::Error>;
    /// The member kept as sent.
    fn unknown(member: serde_json::Value) -> Self;
    /// The member kept as sent, if it is one.
    fn into_unknown(self) -> Result<serde_json::Value, Self>;
}

/// Reads a member union's member: as the alternative its tag chooses when
/// the tag came first (as AWS sends EventBridge events), else kept as JSON
/// until the tag is read ([`retag_member`]).
pub fn read_tagged_member<'de, U: MemberUnion, A: MapAccess<'de>>(tag: Option<&str>, map: &mut A) -> Result<U, A::Error> {
    struct TagSeed<'t, U>(&'t str, PhantomData<U>);
    impl<'de, U: MemberUnion> de::DeserializeSeed<'de> for TagSeed<'_, U> {
        type Value = U;
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
            U::from_tag(self.0, deserializer)
        }
    }
    match tag {
        Some(tag) if U::knows(tag) => map.next_value_seed(TagSeed(tag, PhantomData)),
        _ => map.next_value().map(U::unknown),
    }
}

/// Reads a member into its field (every member but a member union and its tag).
#[inline]
pub fn read_member<'de, T: Deserialize<'de>, A: MapAccess<'de>>(field: &mut T, map: &mut A) -> Result<(), A::Error> {
    *field = map.next_value()?;
    Ok(())
}

/// Called when a member union's tag is read after its member: the member,
/// kept as JSON, is read now as the alternative the tag chooses. Errors name
/// the member and the path inside it.
pub fn retag_member<U: MemberUnion, E: de::Error>(member: &mut U, name: &str, tag: &str, member_seen: bool) -> Result<(), E> {
    if !member_seen || !U::knows(tag) {
        return Ok(());
    }
    let kept = std::mem::replace(member, U::unknown(serde_json::Value::Null));
    *member = match kept.into_unknown() {
        Ok(value) => read_buffered(name, value, |deserializer| U::from_tag(tag, deserializer))?,
        Err(typed) => typed,
    };
    Ok(())
}

/// Reads `value`, a member `name` kept as JSON: the input's path tracking
/// cannot see into it, so the error names the member and the path inside it.
fn read_buffered<T, E: de::Error>(
    name: &str,
    value: serde_json::Value,
    read: impl FnOnce(serde_path_to_error::Deserializer<'_, '_, serde_json::Value>) -> Result<T, serde_json::Error>,
) -> Result<T, E> {
    let mut track = serde_path_to_error::Track::new();
    read(serde_path_to_error::Deserializer::new(value, &mut track)).map_err(|error| {
        let inner = track.path().to_string();
        match inner.as_str() {
            "." => de::Error::custom(format_args!("{name}: {error}")),
            index if index.starts_with('[') => de::Error::custom(format_args!("{name}{index}: {error}")),
            _ => de::Error::custom(format_args!("{name}.{inner}: {error}")),
        }
    })
}

/// The member names of a keyed union (DynamoDB's `{"S": "text"}`), read as keys.
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
            #[inline]
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

/// Deserializes an open enum: a known value becomes its variant, any other
/// string becomes `Other`, borrowing the input where the format allows.
/// `example` is a known value, for "a string such as \"aws:sqs\"".
pub fn open_enum<'de, D, E>(deserializer: D, example: &'static str) -> Result<E, D::Error>
where
    D: Deserializer<'de>,
    E: for<'a> From<&'a str>,
{
    struct OpenEnumVisitor<E>(&'static str, PhantomData<E>);
    impl<E: for<'a> From<&'a str>> de::Visitor<'_> for OpenEnumVisitor<E> {
        type Value = E;
        #[inline]
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a string such as {:?}", self.0)
        }
        fn visit_str<Err: de::Error>(self, value: &str) -> Result<E, Err> {
            Ok(E::from(value))
        }
    }
    deserializer.deserialize_str(OpenEnumVisitor(example, PhantomData))
}

/// An `x-tag` union: an object whose member [`TAG`](Self::TAG) picks the
/// type of the whole object.
pub trait TaggedUnion: Sized {
    /// The name of the member whose value picks the alternative.
    const TAG: &'static str;
    /// What the union looks like, for error messages.
    const EXPECTING: &'static str;
    /// Reads the whole object from `rest` as the alternative `tag` picks (an
    /// `Unknown` document when the tag is absent, not a string, or a value
    /// the catalogue does not know).
    fn from_tagged<'de, R: Deserializer<'de>>(tag: Option<&str>, rest: R) -> Result<Self, R::Error>;
}

/// Deserializes a [`TaggedUnion`] without buffering the object: only the
/// members before the tag are kept aside (as JSON values); once the tag is
/// read, the chosen alternative reads them and then the rest of the object
/// straight from the input. AWS puts the tag first or nearly so (SNS `Type`,
/// Cognito's `triggerSource` after four short members), so this reads the
/// object once, where buffering it all into a `serde_json::Value` first
/// doubled the time to parse an SNS message.
pub fn tagged_union<'de, U: TaggedUnion, D: Deserializer<'de>>(deserializer: D) -> Result<U, D::Error> {
    struct TaggedVisitor<U>(PhantomData<U>);
    impl<'de, U: TaggedUnion> de::Visitor<'de> for TaggedVisitor<U> {
        type Value = U;
        #[inline]
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(U::EXPECTING)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
            let mut before_tag = Vec::new();
            while let Some(name) = map.next_key::<String>()? {
                let value: serde_json::Value = map.next_value()?;
                let is_tag = name == U::TAG;
                before_tag.push((name, value));
                if is_tag {
                    break;
                }
            }
            let tag = match before_tag.last() {
                Some((name, serde_json::Value::String(tag))) if name == U::TAG => Some(tag.clone()),
                _ => None,
            };
            let rest = Resumed { buffered: before_tag.into_iter(), pending: None, live: map };
            U::from_tagged(tag.as_deref(), de::value::MapAccessDeserializer::new(rest))
        }
    }
    deserializer.deserialize_map(TaggedVisitor(PhantomData))
}

/// Reads the document of a [`TaggedUnion`] whose tag the catalogue does not
/// know. A document with the tag member twice is an error, as it is for the
/// known alternatives (their structs refuse a repeated member): the alternative
/// was chosen by the first tag, and writing back the document with the second
/// would choose another one on the next read.
pub fn unknown_tagged<'de, U: TaggedUnion, R: Deserializer<'de>>(tag: Option<&str>, rest: R) -> Result<serde_json::Value, R::Error> {
    let document = serde_json::Value::deserialize(rest)?;
    match document.get(U::TAG) {
        Some(serde_json::Value::String(last)) if Some(last.as_str()) != tag => Err(de::Error::duplicate_field(U::TAG)),
        Some(last) if !last.is_string() && tag.is_some() => Err(de::Error::duplicate_field(U::TAG)),
        _ => Ok(document),
    }
}

/// The members of an object read so far (kept as JSON values), then the
/// members still to come from the input.
struct Resumed<A> {
    buffered: std::vec::IntoIter<(String, serde_json::Value)>,
    /// The buffered member whose key was handed out and whose value was not.
    pending: Option<(String, serde_json::Value)>,
    live: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Resumed<A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.buffered.next() {
            Some((name, value)) => {
                let key = seed.deserialize(de::value::StrDeserializer::<A::Error>::new(&name))?;
                self.pending = Some((name, value));
                Ok(Some(key))
            }
            None => self.live.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let Some((name, value)) = self.pending.take() else { return self.live.next_value_seed(seed) };
        read_buffered(&name, value, |deserializer| seed.deserialize(deserializer))
    }
}

#[cfg(all(test, feature = "sns"))]
mod tests {
    use crate::sns::SnsMessage;

    const NOTIFICATION: &str = r#""MessageId":"m1","TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"hi","Timestamp":"2024-03-18T09:14:27.512Z""#;

    #[inline]
    fn parse(json: &str) -> Result<SnsMessage, String> {
        crate::from_slice(json.as_bytes()).map_err(|error| error.to_string())
    }

    #[test]
    fn the_tag_may_come_first_last_or_not_at_all() {
        let first = parse(&format!(r#"{{"Type":"Notification",{NOTIFICATION}}}"#)).unwrap();
        let last = parse(&format!(r#"{{{NOTIFICATION},"Type":"Notification"}}"#)).unwrap();
        assert!(matches!(&first, SnsMessage::Notification(message) if message.message == "hi"));
        assert_eq!(first, last);
        let untagged = format!("{{{NOTIFICATION}}}");
        let SnsMessage::Unknown(document) = parse(&untagged).unwrap() else { panic!("an untagged document is Unknown") };
        assert_eq!(document, serde_json::from_str::<serde_json::Value>(&untagged).unwrap());
        assert!(matches!(parse(r#"{"Type":7}"#), Ok(SnsMessage::Unknown(_))));
    }

    #[test]
    fn errors_name_the_member_before_or_after_the_tag() {
        let before = parse(r#"{"Timestamp":"yesterday","Type":"Notification","MessageId":"m1","Message":"hi"}"#).unwrap_err();
        assert!(before.starts_with("at .: Timestamp: invalid timestamp"), "{before}");
        let after = parse(r#"{"Type":"Notification","MessageId":"m1","Message":"hi","Timestamp":"yesterday"}"#).unwrap_err();
        assert!(after.starts_with("at Timestamp: invalid timestamp"), "{after}");
        let twice = parse(r#"{"Type":"Notification","Type":"Notification","MessageId":"m1","Message":"hi"}"#).unwrap_err();
        assert!(twice.contains("duplicate field `Type`"), "{twice}");
        // Found by the fuzzer: an unknown tag, then a known one.
        let unknown_then_known = parse(r#"{"Type":"Future","Type":"Notification","MessageId":"m1","Message":"hi"}"#).unwrap_err();
        assert!(unknown_then_known.contains("duplicate field `Type`"), "{unknown_then_known}");
        let not_a_string_then_known = parse(r#"{"Type":1,"Type":"Notification"}"#).unwrap_err();
        assert!(not_a_string_then_known.contains("duplicate field `Type`"), "{not_a_string_then_known}");
        assert!(matches!(parse(r#"{"Type":"Future","Type":"Future"}"#), Ok(SnsMessage::Unknown(_))));
        let not_an_object = parse("[]").unwrap_err();
        assert!(not_an_object.contains("expected a JSON object (SnsMessage)"), "{not_an_object}");
    }
}

#[cfg(all(test, feature = "s3"))]
mod member_union_tests {
    use crate::s3::{S3EventBridgeEvent, S3EventBridgeEventDetail};

    const ENVELOPE: &str = r#""version":"0","id":"e1","source":"aws.s3","account":"123456789012","time":"2024-04-02T17:04:12Z","region":"us-east-1""#;
    const DELETED: &str = r#""detail":{"bucket":{"name":"b"},"object":{"key":"k"},"deletion-type":"Permanently Deleted""#;

    #[inline]
    fn parse(json: &str) -> Result<S3EventBridgeEvent, String> {
        crate::from_slice(json.as_bytes()).map_err(|error| error.to_string())
    }

    #[test]
    fn the_member_reads_the_same_before_and_after_its_tag() {
        let tag_first = parse(&format!(r#"{{"detail-type":"Object Deleted",{ENVELOPE},{DELETED}}}}}"#)).unwrap();
        let tag_last = parse(&format!(r#"{{{ENVELOPE},{DELETED}}},"detail-type":"Object Deleted"}}"#)).unwrap();
        assert!(matches!(&tag_first.detail, S3EventBridgeEventDetail::ObjectDeleted(detail) if detail.bucket.name == "b"));
        assert_eq!(tag_first, tag_last);
        let unknown = format!(r#"{{{ENVELOPE},{DELETED}}},"detail-type":"Object Renamed"}}"#);
        let event = parse(&unknown).unwrap();
        assert!(matches!(event.detail, S3EventBridgeEventDetail::Unknown(_)));
        assert_eq!(serde_json::to_value(&event).unwrap(), serde_json::from_str::<serde_json::Value>(&unknown).unwrap());
    }

    #[test]
    fn errors_name_the_member_before_or_after_its_tag() {
        let bad_detail = r#""detail":{"bucket":{"name":7},"object":{"key":"k"}}"#;
        let after = parse(&format!(r#"{{"detail-type":"Object Deleted",{ENVELOPE},{bad_detail}}}"#)).unwrap_err();
        assert!(after.starts_with("at detail.bucket.name: invalid type: integer `7`"), "{after}");
        let before = parse(&format!(r#"{{{ENVELOPE},{bad_detail},"detail-type":"Object Deleted"}}"#)).unwrap_err();
        assert!(before.contains("detail.bucket.name: invalid type: integer `7`"), "{before}");
        let twice = parse(&format!(r#"{{"detail-type":"Object Deleted",{ENVELOPE},{DELETED}}},"detail-type":"Object Created"}}"#)).unwrap_err();
        assert!(twice.contains("duplicate field `detail-type`"), "{twice}");
        let missing = parse(&format!(r#"{{{ENVELOPE},{DELETED}}}}}"#)).unwrap_err();
        assert!(missing.contains("missing field `detail-type`"), "{missing}");
    }

    #[test]
    fn the_default_pairs_the_first_tag_with_its_member() {
        let event = S3EventBridgeEvent::default();
        assert_eq!(event.detail_type, "Object Created");
        assert!(matches!(event.detail, S3EventBridgeEventDetail::ObjectCreated(_)));
    }
}
