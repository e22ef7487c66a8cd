//! The impls every generated struct and open enum shares, written once: the
//! generated modules declare each type with its docs, then give one of these
//! macros the type's table (member names and fields, or values and variants).
//! What the expanded code does lives in `de` (one visitor for every struct,
//! one for every open enum) so that each type costs the compiler little more
//! than its table.
// Without any source feature, no generated module uses them.
#![allow(unused_macros)]

/// `Serialize`, and `Deserialize` through [`de::Object`](crate::de::Object),
/// of a generated struct with `unknown_fields`: one row per member, its index
/// in the table, its JSON name and its field; `optional` marks a member that
/// may be absent (written back only when `Some`).
///
/// ```text
/// object! { SqsMessage:
///     0 "messageId" => message_id,
///     1 "receiptHandle" => receipt_handle: optional,
/// }
/// ```
macro_rules! object {
    ($name:ident: $($index:literal $json:literal => $field:ident $(: $optional:ident)?,)*) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                $($crate::macros::object!(@write map, $json, &self.$field $(, $optional)?);)*
                for (name, value) in &self.unknown_fields {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }

        impl $crate::de::Object for $name {
            const NAME: &'static str = stringify!($name);
            const MEMBERS: &'static [&'static str] = &[$($json),*];
            const REQUIRED: u128 = $crate::de::required_members(&[$($crate::macros::object!(@required $($optional)?)),*]);
            fn member(name: &str) -> Option<usize> {
                match name {
                    $($json => Some($index),)*
                    _ => None,
                }
            }
            #[allow(unused_variables)] // a struct without members reads none
            fn fill<'de, A: ::serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                match index {
                    $($index => self.$field = map.next_value()?,)*
                    _ => {}
                }
                Ok(())
            }
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
    (@write $map:ident, $json:literal, $value:expr, optional) => {
        if let Some(value) = $value {
            $map.serialize_entry($json, value)?;
        }
    };
    (@write $map:ident, $json:literal, $value:expr) => {
        $map.serialize_entry($json, $value)?;
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
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)+
                    $name::Other(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
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

#[allow(unused_imports)]
pub(crate) use {object, open_enum};
