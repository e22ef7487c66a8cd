//! Wire codecs for values that JSON carries in a form of their own: timestamps
//! in their many AWS formats, binary data in base64 or as an array of byte
//! integers, and values sent alone or in an array.
//!
//! Each codec decodes when the event is parsed, so that a malformed value is an
//! error that names its field, and writes back the exact original form.

mod base64;
mod byte_ints;
mod one_or_many;
mod timestamp;

pub use self::base64::Base64Bytes;
pub use self::byte_ints::ByteInts;
pub use self::one_or_many::OneOrMany;
pub use self::timestamp::{
    ApiGatewayClf, EpochMicrosText, EpochMillis, EpochMillisNumberOrText, EpochMillisText, EpochSeconds, Iso8601BasicOffset, Rfc3339, Timestamp,
    TimestampFormat, TimestampWire,
};
