use std::fmt;
use std::marker::PhantomData;

use chrono::format::{Fixed, Item, Numeric, Pad, Parsed};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::base64::shorten;

/// A timestamp as AWS sent it: the instant it names, and the exact text or
/// number it was written as.
///
/// AWS writes timestamps in at least five forms (see the format types below).
/// The instant is parsed when the event is parsed, so a malformed timestamp is
/// an error naming its field; the original form is kept so that writing the
/// event back reproduces it exactly: text verbatim (`.000Z` keeps its zeros),
/// numbers digit for digit (`1718270142.318294517` is not rounded to the
/// nearest `f64`). A timestamp built from an instant writes the format's
/// canonical form.
pub struct Timestamp<F> {
    instant: DateTime<Utc>,
    wire: TimestampWire,
    format: PhantomData<F>,
}

/// The form a timestamp has on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TimestampWire {
    /// A JSON string, kept verbatim.
    Text(String),
    /// A JSON number, kept as the text it was written as.
    Number(String),
}

/// A wire format of timestamps: how its text or number maps to an instant.
///
/// The formats' functions (and the helpers below) are `#[inline]`: they are
/// then compiled in the crate that reads a timestamp of that format, not in
/// every build of this one. Left to this crate, chrono's parsing and
/// formatting made two thirds of what a build with one small source
/// compiled in release.
pub trait TimestampFormat {
    /// What the format looks like, for error messages.
    const EXPECTING: &'static str;
    /// Whether the format is always a JSON string. Such a timestamp is read as
    /// a string straight away; any other is first read as raw JSON text, so
    /// that a number keeps every digit.
    const TEXT: bool = false;
    /// The wire form of the Unix epoch, which `Default` uses instead of
    /// writing it (`None`: write it). Every struct is read into its `Default`
    /// first, so a required timestamp would otherwise be formatted, and
    /// dropped, once per document: a tenth of the time to read a small event.
    const EPOCH: Option<&'static str> = None;
    /// Reads the instant from the wire form, or says why it cannot.
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String>;
    /// The canonical wire form of an instant.
    fn write(instant: DateTime<Utc>) -> TimestampWire;
}

impl<F: TimestampFormat> Timestamp<F> {
    /// A timestamp for `instant`, written in the format's canonical form.
    #[inline]
    pub fn from_instant(instant: DateTime<Utc>) -> Self {
        Timestamp { instant, wire: F::write(instant), format: PhantomData }
    }

    /// Parses a wire form, as deserialization does.
    #[inline]
    pub fn from_wire(wire: TimestampWire) -> Result<Self, String> {
        let instant = F::parse(&wire)?;
        Ok(Timestamp { instant, wire, format: PhantomData })
    }

    /// The instant, in UTC.
    #[inline]
    pub fn instant(&self) -> DateTime<Utc> {
        self.instant
    }

    /// The text or number as it was sent (or as it will be written).
    #[inline]
    pub fn wire(&self) -> &TimestampWire {
        &self.wire
    }
}

/// The Unix epoch, in the format's canonical form: deterministic, unlike "now".
impl<F: TimestampFormat> Default for Timestamp<F> {
    #[inline]
    fn default() -> Self {
        match F::EPOCH {
            Some(epoch) => {
                let wire = if F::TEXT { TimestampWire::Text(epoch.to_owned()) } else { TimestampWire::Number(epoch.to_owned()) };
                Timestamp { instant: DateTime::UNIX_EPOCH, wire, format: PhantomData }
            }
            None => Self::from_instant(DateTime::UNIX_EPOCH),
        }
    }
}

impl<F> Clone for Timestamp<F> {
    #[inline]
    fn clone(&self) -> Self {
        Timestamp { instant: self.instant, wire: self.wire.clone(), format: PhantomData }
    }
}

/// Two timestamps are equal when they were written the same way.
impl<F> PartialEq for Timestamp<F> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.wire == other.wire
    }
}

impl<F> Eq for Timestamp<F> {}

impl<F> fmt::Debug for Timestamp<F> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let instant = self.instant.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        match &self.wire {
            TimestampWire::Text(text) => write!(f, "Timestamp({text:?} = {instant})"),
            TimestampWire::Number(number) => write!(f, "Timestamp({number} = {instant})"),
        }
    }
}

impl<F> Serialize for Timestamp<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.wire {
            TimestampWire::Text(text) => serializer.serialize_str(text),
            // A number goes out as the raw text it came in as: serde_json writes
            // it verbatim, where an `f64` would drop digits past its precision.
            TimestampWire::Number(text) => match RawValue::from_string(text.clone()) {
                Ok(raw) => raw.serialize(serializer),
                Err(error) => Err(serde::ser::Error::custom(error)),
            },
        }
    }
}

/// A number format reads the value as raw JSON text, so that a number keeps
/// every digit, and the text decides between the string and number forms. A
/// text format ([`TimestampFormat::TEXT`]) reads a string directly: no raw
/// copy to allocate and parse a second time.
impl<'de, F: TimestampFormat> Deserialize<'de> for Timestamp<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = if F::TEXT {
            deserializer.deserialize_any(TextVisitor::<F>(PhantomData))?
        } else {
            let raw: Box<str> = Box::<RawValue>::deserialize(deserializer)?.into();
            match raw.as_bytes().first() {
                Some(b'"') => TimestampWire::Text(serde_json::from_str(&raw).map_err(de::Error::custom)?),
                Some(b'-' | b'0'..=b'9') => TimestampWire::Number(raw.into()),
                _ => {
                    let found = serde_json::from_str::<serde_json::Value>(&raw).map(|value| kind_of(&value)).unwrap_or("a value");
                    return Err(wrong_type::<F, _>(found));
                }
            }
        };
        match F::parse(&wire) {
            Ok(instant) => Ok(Timestamp { instant, wire, format: PhantomData }),
            Err(why) => Err(invalid::<F, _>(why)),
        }
    }
}

fn wrong_type<F: TimestampFormat, E: de::Error>(found: &str) -> E {
    E::custom(format_args!("invalid type: {found}, expected a timestamp, {}", F::EXPECTING))
}

fn invalid<F: TimestampFormat, E: de::Error>(why: impl fmt::Display) -> E {
    E::custom(format_args!("invalid timestamp, expected {}: {why}", F::EXPECTING))
}

/// Reads the wire form of a text format, with the errors the raw path gives.
struct TextVisitor<F>(PhantomData<F>);

impl<F: TimestampFormat> TextVisitor<F> {
    fn number<E: de::Error>(number: impl fmt::Display) -> Result<TimestampWire, E> {
        Err(invalid::<F, E>(format_args!("got the number {number}, not a string")))
    }
}

impl<'de, F: TimestampFormat> de::Visitor<'de> for TextVisitor<F> {
    type Value = TimestampWire;
    #[inline]
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a timestamp, {}", F::EXPECTING)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<TimestampWire, E> {
        Ok(TimestampWire::Text(text.to_owned()))
    }
    fn visit_string<E: de::Error>(self, text: String) -> Result<TimestampWire, E> {
        Ok(TimestampWire::Text(text))
    }
    fn visit_u64<E: de::Error>(self, number: u64) -> Result<TimestampWire, E> {
        Self::number(number)
    }
    fn visit_i64<E: de::Error>(self, number: i64) -> Result<TimestampWire, E> {
        Self::number(number)
    }
    fn visit_f64<E: de::Error>(self, number: f64) -> Result<TimestampWire, E> {
        Self::number(number)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<TimestampWire, E> {
        Err(wrong_type::<F, E>("a boolean"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<TimestampWire, E> {
        Err(wrong_type::<F, E>("null"))
    }
    fn visit_none<E: de::Error>(self) -> Result<TimestampWire, E> {
        Err(wrong_type::<F, E>("null"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<TimestampWire, A::Error> {
        Err(wrong_type::<F, A::Error>("an array"))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<TimestampWire, A::Error> {
        Err(wrong_type::<F, A::Error>("an object"))
    }
}

#[inline]
fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[inline]
fn expect_text(wire: &TimestampWire) -> Result<&str, String> {
    match wire {
        TimestampWire::Text(text) => Ok(text),
        TimestampWire::Number(number) => Err(format!("got the number {number}, not a string")),
    }
}

#[inline]
fn expect_number(wire: &TimestampWire) -> Result<&str, String> {
    match wire {
        TimestampWire::Number(number) => Ok(number),
        TimestampWire::Text(text) => Err(format!("got the string {}, not a number", shorten(text))),
    }
}

#[inline]
fn from_millis(millis: i64) -> Result<DateTime<Utc>, String> {
    DateTime::from_timestamp_millis(millis).ok_or_else(|| format!("{millis} ms is out of range"))
}

/// Splits a decimal number's text into whole units and nanoseconds of a unit
/// `scale` nanoseconds long, digit by digit. Going through `f64` arithmetic
/// instead is how other libraries turned `1.5` seconds into 1 s 5 ms.
#[inline]
fn decimal_to_nanos(text: &str, scale: i128) -> Result<i128, String> {
    let out_of_range = || format!("{text} is out of range for a timestamp");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(at) => (&digits[..at], digits[at + 1..].parse::<i32>().map_err(|_| out_of_range())?),
        None => (digits, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut all_digits: String = whole.to_owned();
    all_digits.push_str(fraction);
    let point = whole.len() as i32 + exponent;
    // value = all_digits × 10^(point − len) units; units are `scale` ns each.
    let mut nanos: i128 = 0;
    for (index, digit) in all_digits.bytes().enumerate() {
        if !digit.is_ascii_digit() {
            return Err(out_of_range());
        }
        let power = point - 1 - index as i32;
        let weight = if power >= 0 {
            10i128.checked_pow(power as u32).and_then(|p| p.checked_mul(scale))
        } else {
            10i128.checked_pow((-power) as u32).map(|p| scale / p)
        };
        let value = weight.and_then(|weight| weight.checked_mul(i128::from(digit - b'0'))).ok_or_else(out_of_range)?;
        nanos = nanos.checked_add(value).ok_or_else(out_of_range)?;
    }
    Ok(if negative { -nanos } else { nanos })
}

#[inline]
fn from_nanos(nanos: i128, text: &str) -> Result<DateTime<Utc>, String> {
    let seconds = nanos.div_euclid(1_000_000_000);
    let subsec = nanos.rem_euclid(1_000_000_000) as u32;
    i64::try_from(seconds).ok().and_then(|seconds| DateTime::from_timestamp(seconds, subsec)).ok_or_else(|| format!("{text} is out of range"))
}

/// RFC 3339 text, such as `2019-07-16T21:48:09.123Z` (S3 `eventTime`, SNS
/// `Timestamp`, tumbling-window bounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rfc3339 {}

impl TimestampFormat for Rfc3339 {
    const TEXT: bool = true;
    const EPOCH: Option<&'static str> = Some("1970-01-01T00:00:00.000Z");
    const EXPECTING: &'static str = "RFC 3339 text such as \"2019-07-16T21:48:09.123Z\"";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        let text = expect_text(wire)?;
        DateTime::parse_from_rfc3339(text).map(|instant| instant.with_timezone(&Utc)).map_err(|error| format!("{} ({error})", shorten(text)))
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        TimestampWire::Text(instant.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

/// Seconds since the Unix epoch as a JSON number, integer or float
/// (Kinesis `approximateArrivalTimestamp`, DynamoDB `ApproximateCreationDateTime`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpochSeconds {}

impl TimestampFormat for EpochSeconds {
    const EPOCH: Option<&'static str> = Some("0");
    const EXPECTING: &'static str = "seconds since the Unix epoch as a number, such as 1545084650.987";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        let text = expect_number(wire)?;
        from_nanos(decimal_to_nanos(text, 1_000_000_000)?, text)
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        let seconds = instant.timestamp();
        let millis = instant.timestamp_subsec_millis();
        TimestampWire::Number(if millis == 0 { seconds.to_string() } else { format!("{seconds}.{millis:03}") })
    }
}

/// Milliseconds since the Unix epoch as a JSON integer (API Gateway
/// `requestTimeEpoch`, Firehose `approximateArrivalTimestamp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpochMillis {}

impl TimestampFormat for EpochMillis {
    const EPOCH: Option<&'static str> = Some("0");
    const EXPECTING: &'static str = "milliseconds since the Unix epoch as a number, such as 1583349317135";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        let text = expect_number(wire)?;
        from_nanos(decimal_to_nanos(text, 1_000_000)?, text)
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        TimestampWire::Number(instant.timestamp_millis().to_string())
    }
}

/// Milliseconds since the Unix epoch as digits in a JSON string (SQS
/// `SentTimestamp`, `ApproximateFirstReceiveTimestamp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpochMillisText {}

impl TimestampFormat for EpochMillisText {
    const TEXT: bool = true;
    const EPOCH: Option<&'static str> = Some("0");
    const EXPECTING: &'static str = "milliseconds since the Unix epoch as a string of digits, such as \"1545082649183\"";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        let text = expect_text(wire)?;
        let millis = text.parse::<i64>().map_err(|_| format!("{} is not a whole number of milliseconds", shorten(text)))?;
        from_millis(millis)
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        TimestampWire::Text(instant.timestamp_millis().to_string())
    }
}

/// A time with an offset, read by chrono's format items: the text forms that
/// are not RFC 3339 (the CLF and basic-offset forms).
#[inline]
fn parse_with_items<'a>(text: &str, items: impl Iterator<Item = &'a Item<'a>>) -> Result<DateTime<Utc>, String> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, items)
        .and_then(|()| parsed.to_datetime())
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|error| format!("{} ({error})", shorten(text)))
}

/// The common-log-format time API Gateway writes, `09/Apr/2015:12:34:56 +0000`
/// (REST `requestTime`, HTTP API `time`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiGatewayClf {}

/// `%d/%b/%Y:%H:%M:%S %z`, as the items chrono would parse the format string
/// into. Handing chrono the items skips parsing the format string on every
/// timestamp, which was a tenth of the time to read a REST request.
const CLF_ITEMS: &[Item<'static>] = &[
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Literal("/"),
    Item::Fixed(Fixed::ShortMonthName),
    Item::Literal("/"),
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Second, Pad::Zero),
    Item::Space(" "),
    Item::Fixed(Fixed::TimezoneOffset),
];

impl TimestampFormat for ApiGatewayClf {
    const TEXT: bool = true;
    const EPOCH: Option<&'static str> = Some("01/Jan/1970:00:00:00 +0000");
    const EXPECTING: &'static str = "a time such as \"09/Apr/2015:12:34:56 +0000\"";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        parse_with_items(expect_text(wire)?, CLF_ITEMS.iter())
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        TimestampWire::Text(instant.format_with_items(CLF_ITEMS.iter()).to_string())
    }
}

/// Milliseconds since the Unix epoch, sent as a JSON integer by some senders
/// and as digits in a string by others (ActiveMQ `expiration`); each is
/// written back in the form it came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpochMillisNumberOrText {}

impl TimestampFormat for EpochMillisNumberOrText {
    const EPOCH: Option<&'static str> = Some("0");
    const EXPECTING: &'static str = "milliseconds since the Unix epoch as a number or a string of digits, such as 1718270200000 or \"1718270200000\"";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        match wire {
            TimestampWire::Number(text) => from_nanos(decimal_to_nanos(text, 1_000_000)?, text),
            TimestampWire::Text(text) => from_millis(text.parse::<i64>().map_err(|_| format!("{} is not a whole number of milliseconds", shorten(text)))?),
        }
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        TimestampWire::Number(instant.timestamp_millis().to_string())
    }
}

/// Microseconds since the Unix epoch as digits in a JSON string (VPC Lattice
/// v2 `timeEpoch`, `"1711641522845306"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpochMicrosText {}

impl TimestampFormat for EpochMicrosText {
    const TEXT: bool = true;
    const EPOCH: Option<&'static str> = Some("0");
    const EXPECTING: &'static str = "microseconds since the Unix epoch as a string of digits, such as \"1711641522845306\"";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        let text = expect_text(wire)?;
        let micros = text.parse::<i64>().map_err(|_| format!("{} is not a whole number of microseconds", shorten(text)))?;
        DateTime::from_timestamp_micros(micros).ok_or_else(|| format!("{text} is out of range"))
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        TimestampWire::Text(instant.timestamp_micros().to_string())
    }
}

/// ISO 8601 text whose offset has the basic form, without a colon:
/// `2023-08-04T12:36:15.490+0000` (CloudWatch alarms, CodeCommit
/// `eventTime`). RFC 3339 needs `+00:00`, so this is a form of its own; the
/// fraction may have any number of digits, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Iso8601BasicOffset {}

/// `%Y-%m-%dT%H:%M:%S`, the part both directions share.
const ISO_DATE_TIME_ITEMS: [Item<'static>; 11] = [
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Literal("T"),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Second, Pad::Zero),
];

impl TimestampFormat for Iso8601BasicOffset {
    const TEXT: bool = true;
    const EPOCH: Option<&'static str> = Some("1970-01-01T00:00:00.000+0000");
    const EXPECTING: &'static str = "a time such as \"2023-08-04T12:36:15.490+0000\"";
    #[inline]
    fn parse(wire: &TimestampWire) -> Result<DateTime<Utc>, String> {
        let items = ISO_DATE_TIME_ITEMS.iter().chain(&[Item::Fixed(Fixed::Nanosecond), Item::Fixed(Fixed::TimezoneOffset)]);
        parse_with_items(expect_text(wire)?, items)
    }
    #[inline]
    fn write(instant: DateTime<Utc>) -> TimestampWire {
        let items = ISO_DATE_TIME_ITEMS.iter().chain(&[Item::Fixed(Fixed::Nanosecond3), Item::Fixed(Fixed::TimezoneOffset)]);
        TimestampWire::Text(instant.format_with_items(items).to_string())
    }
}

#[cfg(feature = "schemars")]
impl<F: TimestampFormat> schemars::JsonSchema for Timestamp<F> {
    #[inline]
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    #[inline]
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number"], "description": F::EXPECTING })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_is_the_epoch_as_each_format_writes_it() {
        fn same<F: super::TimestampFormat>() {
            let default = super::Timestamp::<F>::default();
            assert_eq!(default.wire(), super::Timestamp::<F>::from_instant(chrono::DateTime::UNIX_EPOCH).wire());
            assert_eq!(default.instant(), chrono::DateTime::UNIX_EPOCH);
        }
        same::<super::Rfc3339>();
        same::<super::EpochSeconds>();
        same::<super::EpochMillis>();
        same::<super::EpochMillisText>();
        same::<super::ApiGatewayClf>();
        same::<super::EpochMicrosText>();
        same::<super::EpochMillisNumberOrText>();
        same::<super::Iso8601BasicOffset>();
    }

    use super::*;
    use chrono::TimeZone;

    fn parse<F: TimestampFormat>(json: &str) -> Result<Timestamp<F>, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn float_seconds_keep_every_fraction_digit() {
        let stamp = parse::<EpochSeconds>("1545084650.5").unwrap();
        assert_eq!(stamp.instant().timestamp_subsec_millis(), 500);
        let stamp = parse::<EpochSeconds>("1545084650.987654").unwrap();
        assert_eq!(stamp.instant().timestamp_subsec_nanos(), 987_654_000);
        assert_eq!(serde_json::to_string(&stamp).unwrap(), "1545084650.987654");
        // More digits than an f64 holds, and trailing zeros, come back as sent.
        for text in ["1718270142.318294517", "1718270144.000"] {
            let stamp = parse::<EpochSeconds>(text).unwrap();
            assert_eq!(serde_json::to_string(&stamp).unwrap(), text);
        }
        let stamp = parse::<EpochSeconds>("1718270142.318294517").unwrap();
        assert_eq!(stamp.instant().timestamp_subsec_nanos(), 318_294_517);
    }

    #[test]
    fn integer_seconds_stay_integers() {
        let stamp = parse::<EpochSeconds>("1480642020").unwrap();
        assert_eq!(serde_json::to_string(&stamp).unwrap(), "1480642020");
        assert_eq!(stamp.instant().timestamp(), 1_480_642_020);
    }

    #[test]
    fn fractional_milliseconds_do_not_panic() {
        let stamp = parse::<EpochMillis>("1507217624302.5").unwrap();
        assert_eq!(stamp.instant().timestamp_subsec_nanos(), 302_500_000);
    }

    #[test]
    fn rfc3339_keeps_its_text() {
        let stamp = parse::<Rfc3339>("\"1970-01-01T00:00:00.000Z\"").unwrap();
        assert_eq!(serde_json::to_string(&stamp).unwrap(), "\"1970-01-01T00:00:00.000Z\"");
        // Escapes are decoded, from a buffered value too (tagged unions read one).
        let stamp = parse::<Rfc3339>("\"1970-01-01T00:00:00\\u002e000Z\"").unwrap();
        assert_eq!(stamp.wire(), &TimestampWire::Text("1970-01-01T00:00:00.000Z".into()));
        let value = serde_json::json!("1970-01-01T00:00:00.000Z");
        let stamp: Timestamp<Rfc3339> = serde_json::from_value(value).unwrap();
        assert_eq!(stamp.instant(), DateTime::UNIX_EPOCH);
    }

    #[test]
    fn basic_offsets_parse_and_keep_their_text() {
        let stamp = parse::<Iso8601BasicOffset>("\"2023-08-04T12:36:15.490+0200\"").unwrap();
        assert_eq!(stamp.instant(), Utc.with_ymd_and_hms(2023, 8, 4, 10, 36, 15).unwrap() + chrono::Duration::milliseconds(490));
        assert_eq!(serde_json::to_string(&stamp).unwrap(), "\"2023-08-04T12:36:15.490+0200\"");
        assert!(parse::<Iso8601BasicOffset>("\"2018-01-26T15:58:33+0000\"").is_ok());
        assert!(parse::<Iso8601BasicOffset>("\"2018-01-26 15:58:33.475+0000\"").is_err());
        assert!(parse::<Iso8601BasicOffset>("\"2018-01-26T15:58:33.475\"").is_err());
        let built = Timestamp::<Iso8601BasicOffset>::from_instant(Utc.with_ymd_and_hms(2024, 3, 5, 7, 8, 9).unwrap());
        assert_eq!(built.wire(), &TimestampWire::Text("2024-03-05T07:08:09.000+0000".to_owned()));
    }

    #[test]
    fn milliseconds_as_number_or_text_keep_their_form() {
        for json in ["1718270200000", "\"1718270200000\""] {
            let stamp = parse::<EpochMillisNumberOrText>(json).unwrap();
            assert_eq!(stamp.instant().timestamp_millis(), 1_718_270_200_000);
            assert_eq!(serde_json::to_string(&stamp).unwrap(), json);
        }
        assert_eq!(parse::<EpochMillisNumberOrText>("0").unwrap().instant(), chrono::DateTime::UNIX_EPOCH);
        assert!(parse::<EpochMillisNumberOrText>("\"soon\"").is_err());
        assert!(parse::<EpochMillisNumberOrText>("true").is_err());
    }

    #[test]
    fn microseconds_in_text_keep_every_digit() {
        let stamp = parse::<EpochMicrosText>("\"1711641522845306\"").unwrap();
        assert_eq!(stamp.instant().timestamp_micros(), 1_711_641_522_845_306);
        assert_eq!(serde_json::to_string(&stamp).unwrap(), "\"1711641522845306\"");
        assert!(parse::<EpochMicrosText>("1711641522845306").is_err());
        assert!(parse::<EpochMicrosText>("\"17116415.5\"").is_err());
    }

    #[test]
    fn clf_parses_with_its_offset() {
        let stamp = parse::<ApiGatewayClf>("\"09/Apr/2015:12:34:56 +0200\"").unwrap();
        assert_eq!(stamp.instant(), Utc.with_ymd_and_hms(2015, 4, 9, 10, 34, 56).unwrap());
        let stamp = Timestamp::<ApiGatewayClf>::from_instant(Utc.with_ymd_and_hms(2024, 3, 5, 7, 8, 9).unwrap());
        assert_eq!(stamp.wire(), &TimestampWire::Text("05/Mar/2024:07:08:09 +0000".to_owned()));
    }

    #[test]
    fn clf_items_are_the_format_string_api_gateway_documents() {
        let items: Vec<Item> = chrono::format::StrftimeItems::new("%d/%b/%Y:%H:%M:%S %z").collect();
        assert_eq!(items, CLF_ITEMS);
    }

    #[test]
    fn wrong_forms_are_errors_not_panics() {
        assert!(parse::<Rfc3339>("12").is_err());
        assert!(parse::<EpochSeconds>("\"12\"").is_err());
        assert!(parse::<EpochMillisText>("\"12x\"").is_err());
        assert!(parse::<EpochSeconds>("1e400").is_err());
        assert!(parse::<EpochSeconds>("9e99").is_err());
        // Found by the fuzzer: a digit's weight fits in i128, the digit times it does not.
        assert!(parse::<EpochSeconds>("311413926412447431925466349570").is_err());
        assert!(parse::<EpochSeconds>("2357922076557e20").is_err());
        assert!(parse::<EpochMillis>("99999999999999999999999999999999999999").is_err());
        assert!(parse::<EpochSeconds>("null").unwrap_err().to_string().contains("invalid type: null"));
        assert!(parse::<EpochSeconds>("[1]").unwrap_err().to_string().contains("invalid type: an array"));
        let message = parse::<Rfc3339>("\"yesterday\"").unwrap_err().to_string();
        assert!(message.contains("RFC 3339"), "{message}");
        // Text formats read a string directly; a wrong type says what it got, as the raw path does.
        let message = parse::<Rfc3339>("12").unwrap_err().to_string();
        assert!(message.contains("got the number 12, not a string"), "{message}");
        for (json, found) in [("null", "null"), ("true", "a boolean"), ("[1]", "an array"), ("{}", "an object")] {
            let message = parse::<EpochMillisText>(json).unwrap_err().to_string();
            assert!(message.contains(&format!("invalid type: {found}, expected a timestamp")), "{message}");
        }
    }

    #[test]
    fn default_is_the_epoch() {
        assert_eq!(Timestamp::<EpochMillisText>::default().wire(), &TimestampWire::Text("0".into()));
        assert_eq!(Timestamp::<Rfc3339>::default().instant(), DateTime::UNIX_EPOCH);
    }
}
