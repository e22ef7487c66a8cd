//! The impls every generated struct and open enum shares, written once: the
//! generated modules declare each type with its docs, then give one of these
//! macros the type's table (member names and fields, or values and variants).
//! What the expanded code does lives in `de` (one visitor for every struct,
//! one for every open enum) and `ser` (one writer for every struct) so that
//! each type costs the compiler little more than its table: a member is one
//! call in `serialize` and one in `fill`, with no early return or drop of
//! its own, because the borrow checker's time grows with every branch of the
//! expanded bodies. Their non-generic methods are `#[inline]`: compiled in
//! the crates that call them, not in this one for every type of a feature.
// Without any source feature, no generated module uses them.
#![allow(unused_macros)]

/// `Serialize`, and `Deserialize` through [`de::Object`](crate::de::Object),
/// of a generated struct with `unknown_fields`: one row per member, its index
/// in the table, its JSON name and its field; `optional` marks a member that
/// may be absent (written back only when `Some`). In an object with a member
/// union, `(by tag index)` marks the member whose type the tag chooses and
/// `(tags member index)` the tag.
///
/// ```text
/// object! { SqsMessage:
///     0 "messageId" => message_id,
///     1 "receiptHandle" => receipt_handle: optional,
/// }
/// object! { S3EventBridgeEvent:
///     2 "detail-type" => detail_type (tags detail 8),
///     8 "detail" => detail (by detail_type 2),
/// }
/// ```
macro_rules! object {
    ($name:ident: $($index:literal $json:literal => $field:ident $(: $optional:ident)? $((by $tag:ident $tag_index:literal))? $((tags $member:ident $member_index:literal))?,)*) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #[allow(unused_mut)] // a struct without members writes none
                let mut object = $crate::ser::ObjectWriter::new(serializer);
                $($crate::macros::object!(@write object, $json, &self.$field $(, $optional)?);)*
                object.end(&self.unknown_fields)
            }
        }

        impl $crate::de::Object for $name {
            const NAME: &'static str = stringify!($name);
            const MEMBERS: &'static [&'static str] = &[$($json),*];
            const REQUIRED: u128 = $crate::de::required_members(&[$($crate::macros::object!(@required $($optional)?)),*]);
            #[inline]
            fn member(name: &str) -> Option<usize> {
                match name {
                    $($json => Some($index),)*
                    _ => None,
                }
            }
            #[allow(unused_variables)] // a struct without members reads none
            fn fill<'de, A: ::serde::de::MapAccess<'de>>(&mut self, index: usize, seen: u128, map: &mut A) -> Result<(), A::Error> {
                match index {
                    $($index => $crate::macros::object!(@fill self, map, $field $(, by (seen & (1u128 << $tag_index) != 0).then_some(self.$tag.as_str()))? $(, tags $member, Self::MEMBERS[$member_index], seen & (1u128 << $member_index) != 0)?),)*
                    _ => Ok(()),
                }
            }
            #[inline]
            fn unknown_fields(&mut self) -> &mut ::serde_json::Map<String, ::serde_json::Value> {
                &mut self.unknown_fields
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::de::object(deserializer)
            }
        }
    };
    (@write $object:ident, $json:literal, $value:expr, optional) => {
        $object.optional($json, $value)
    };
    (@write $object:ident, $json:literal, $value:expr) => {
        $object.member($json, $value)
    };
    (@fill $self:ident, $map:ident, $field:ident) => {
        $crate::de::read_member(&mut $self.$field, $map)
    };
    (@fill $self:ident, $map:ident, $field:ident, by $tag:expr) => {
        $crate::de::read_tagged_member($tag, $map).map(|member| $self.$field = member)
    };
    (@fill $self:ident, $map:ident, $field:ident, tags $member:ident, $name:expr, $member_seen:expr) => {
        $crate::de::read_member(&mut $self.$field, $map)
            .and_then(|()| $crate::de::retag_member(&mut $self.$member, $name, $self.$field.as_str(), $member_seen))
    };
    (@required optional) => {
        false
    };
    (@required) => {
        true
    };
}

/// `as_str`, `From<&str>`, `Display`, `Serialize`, `Deserialize` (and
/// `JsonSchema` with the `schemars` feature) of a generated open enum, from
/// its table of variants and values; every other value is `Other`.
///
/// ```text
/// open_enum! { SqsEventSource:
///     AwsSqs = "aws:sqs",
/// }
/// ```
macro_rules! open_enum {
    ($name:ident: $($variant:ident = $value:literal,)+) => {
        impl $name {
            /// The value as it is written in JSON.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)+
                    $name::Other(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($value => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const VALUES: &[&str] = &[$($value),+];
                $crate::de::open_enum(deserializer, VALUES[0])
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "examples": [$($value),+] })
            }
        }
    };
}

/// `Serialize`, [`de::MemberUnion`](crate::de::MemberUnion) (and
/// `JsonSchema` with the `schemars` feature) of a generated member union,
/// from its table of variants, their types and the tag values that choose
/// them. It has no `Deserialize` of its own: only the object around it
/// knows the tag (`object!` reads it through `de::read_tagged_member`).
///
/// ```text
/// member_union! { S3EventBridgeEventDetail:
///     ObjectCreated(S3EventBridgeObjectCreatedDetail) = "Object Created",
/// }
/// ```
macro_rules! member_union {
    ($name:ident: $($variant:ident($type:ty) = $($value:literal)|+,)*) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($name::$variant(inner) => inner.serialize(serializer),)*
                    $name::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl $crate::de::MemberUnion for $name {
            #[inline]
            fn knows(tag: &str) -> bool {
                matches!(tag, $($($value)|+)|*)
            }
            fn from_tag<'de, D: ::serde::Deserializer<'de>>(tag: &str, member: D) -> Result<Self, D::Error> {
                match tag {
                    $($($value)|+ => ::serde::Deserialize::deserialize(member).map($name::$variant),)*
                    _ => ::serde::Deserialize::deserialize(member).map($name::Unknown),
                }
            }
            #[inline]
            fn unknown(member: ::serde_json::Value) -> Self {
                $name::Unknown(member)
            }
            #[inline]
            fn into_unknown(self) -> Result<::serde_json::Value, Self> {
                match self {
                    $name::Unknown(member) => Ok(member),
                    typed => Err(typed),
                }
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "anyOf": [$(generator.subschema_for::<$type>(),)* true] })
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {member_union, object, open_enum};
