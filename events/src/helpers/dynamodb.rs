//! DynamoDB Streams conveniences: images into your own serde types and back,
//! partial batch failures, tumbling windows.
//!
//! # Images and your types: a small converter of ours
//!
//! An image (`Keys`, `NewImage`, `OldImage`) is a map of
//! [`DynamoDbAttributeValue`]s. The catalogue turns it into your type in two
//! steps: attribute values become a `serde_json::Value`, then `serde_json`
//! deserializes your type from it (and the reverse for writing). We chose this
//! over an integration with the `serde_dynamo` crate: it adds no dependency
//! and no compile time beyond `serde_json`, which the catalogue already uses,
//! and its rules are few and exact:
//!
//! | attribute value | JSON value |
//! |---|---|
//! | `S` | string |
//! | `N` | number, only when its text converts without loss (see below) |
//! | `B` | string of standard base64 (read it as `String` or as [`Base64Bytes`](crate::codec::Base64Bytes)) |
//! | `SS` / `NS` / `BS` | array of strings / numbers / base64 strings |
//! | `M` | object |
//! | `L` | array |
//! | `NULL` | `null` |
//! | `BOOL` | boolean |
//!
//! Limits:
//! - **Numbers.** A DynamoDB number has up to 38 significant digits; a JSON
//!   number here is an `i64`, a `u64` or an `f64`. `N` becomes a JSON number
//!   only when that number has exactly the decimal value of the text
//!   (`"129.99"`, `"1E+3"`, `"-0.5"` do; `"99999999999999999999"` and
//!   `"0.1000000000000000055511151231257827"` do not), otherwise the
//!   conversion fails with an error naming the attribute. To read such numbers
//!   keep the image as attribute values and use the `N` text directly.
//! - **Going back** ([`DynamoDbAttributeValue::item_from`]): JSON has no sets
//!   and no binary type, so arrays become `L` and strings `S` (a `B` attribute
//!   read as base64 text comes back as `S`); numbers become `N` with the text
//!   `serde_json` writes for them; `null` becomes `NULL`.
//! - Set members keep their order; DynamoDB does not promise one.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use crate::common::{BatchItemFailure, BatchResponse, TimeWindowResponse};
use crate::dynamodb::{
    DynamoDbAttributeValue, DynamoDbEventRecord, DynamoDbKinesisStreamRecord, DynamoDbStreamRecord, DynamoDbTimeWindowEvent, DynamoDbTimestampPrecision,
};
use crate::payload::PayloadError;

/// An item or key: attribute values by attribute name.
type Item = BTreeMap<String, DynamoDbAttributeValue>;

impl DynamoDbAttributeValue {
    /// The attribute value as JSON (see the table in the module docs). Fails
    /// when an `N` (here or nested) has no exact JSON number; the error names
    /// its path, such as `items[2].price`.
    #[inline]
    pub fn to_json(&self) -> Result<Value, serde_json::Error> {
        let mut path = Vec::new();
        to_json_at(self, &mut path)
    }

    /// The attribute value that holds `value`: `null` → `NULL`, booleans →
    /// `BOOL`, numbers → `N` with their JSON text, strings → `S`, arrays → `L`,
    /// objects → `M`.
    #[inline]
    pub fn from_json(value: &Value) -> Self {
        match value {
            Value::Null => DynamoDbAttributeValue::Null(true),
            Value::Bool(value) => DynamoDbAttributeValue::Bool(*value),
            Value::Number(number) => DynamoDbAttributeValue::Number(number.to_string()),
            Value::String(text) => DynamoDbAttributeValue::String(text.clone()),
            Value::Array(items) => DynamoDbAttributeValue::List(items.iter().map(Self::from_json).collect()),
            Value::Object(members) => DynamoDbAttributeValue::Map(members.iter().map(|(name, value)| (name.clone(), Self::from_json(value))).collect()),
        }
    }

    /// An item (or image) as a JSON object, attribute by attribute.
    #[inline]
    pub fn item_to_json(item: &BTreeMap<String, DynamoDbAttributeValue>) -> Result<Map<String, Value>, serde_json::Error> {
        let mut path = Vec::new();
        map_to_json(item, &mut path)
    }

    /// Decodes an item (or image) into your type `T`. Errors name the
    /// attribute path, whether the number had no exact JSON form or `T` did
    /// not accept the value.
    pub fn item_into<T: serde::de::DeserializeOwned>(item: &BTreeMap<String, DynamoDbAttributeValue>) -> Result<T, serde_json::Error> {
        let object = Self::item_to_json(item)?;
        serde_path_to_error::deserialize(Value::Object(object)).map_err(|error| {
            let path = error.path().to_string();
            let error = error.into_inner();
            if path == "." {
                error
            } else {
                <serde_json::Error as serde::de::Error>::custom(format_args!("attribute `{path}`: {error}"))
            }
        })
    }

    /// The item that holds `value`, which must serialize to a JSON object (a
    /// struct or a map). See the module docs for what each JSON value becomes.
    pub fn item_from<T: serde::Serialize + ?Sized>(value: &T) -> Result<BTreeMap<String, DynamoDbAttributeValue>, serde_json::Error> {
        match serde_json::to_value(value)? {
            Value::Object(members) => Ok(members.iter().map(|(name, value)| (name.clone(), Self::from_json(value))).collect()),
            _ => Err(<serde_json::Error as serde::ser::Error>::custom("an item must serialize to a JSON object (a struct or a map)")),
        }
    }
}

#[inline]
fn map_to_json(item: &Item, path: &mut Vec<String>) -> Result<Map<String, Value>, serde_json::Error> {
    let mut object = Map::new();
    for (name, value) in item {
        path.push(if path.is_empty() { name.clone() } else { format!(".{name}") });
        let converted = to_json_at(value, path);
        path.pop();
        object.insert(name.clone(), converted?);
    }
    Ok(object)
}

#[inline]
fn to_json_at(value: &DynamoDbAttributeValue, path: &mut Vec<String>) -> Result<Value, serde_json::Error> {
    Ok(match value {
        DynamoDbAttributeValue::String(text) => Value::String(text.clone()),
        DynamoDbAttributeValue::Number(text) => Value::Number(exact_number(text, path)?),
        DynamoDbAttributeValue::Binary(bytes) => Value::String(bytes.encode()),
        DynamoDbAttributeValue::StringSet(texts) => Value::Array(texts.iter().cloned().map(Value::String).collect()),
        DynamoDbAttributeValue::NumberSet(texts) => Value::Array(
            texts
                .iter()
                .enumerate()
                .map(|(index, text)| {
                    path.push(format!("[{index}]"));
                    let number = exact_number(text, path);
                    path.pop();
                    number.map(Value::Number)
                })
                .collect::<Result<_, _>>()?,
        ),
        DynamoDbAttributeValue::BinarySet(items) => Value::Array(items.iter().map(|bytes| Value::String(bytes.encode())).collect()),
        DynamoDbAttributeValue::Map(members) => Value::Object(map_to_json(members, path)?),
        DynamoDbAttributeValue::List(items) => {
            let mut values = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                path.push(format!("[{index}]"));
                let converted = to_json_at(item, path);
                path.pop();
                values.push(converted?);
            }
            Value::Array(values)
        }
        DynamoDbAttributeValue::Null(_) => Value::Null,
        DynamoDbAttributeValue::Bool(value) => Value::Bool(*value),
    })
}

/// The JSON number with exactly the decimal value of `text`, or an error
/// naming the attribute.
#[inline]
fn exact_number(text: &str, path: &[String]) -> Result<Number, serde_json::Error> {
    let fail = |why: &str| {
        let at = if path.is_empty() { String::from("the value") } else { format!("attribute `{}`", path.concat()) };
        <serde_json::Error as serde::de::Error>::custom(format_args!("{at}: the number {} {why}", shorten(text)))
    };
    let Some(wanted) = Decimal::parse(text) else {
        return Err(fail("is not a decimal number"));
    };
    let number = if let Ok(integer) = text.parse::<i64>() {
        Number::from(integer)
    } else if let Ok(integer) = text.parse::<u64>() {
        Number::from(integer)
    } else {
        match text.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(number) => number,
            None => return Err(fail("is out of the range of a JSON number")),
        }
    };
    if Decimal::parse(&number.to_string()) == Some(wanted) {
        Ok(number)
    } else {
        Err(fail("has no exact JSON number (more digits than an i64, u64 or f64 holds); read its `N` text instead"))
    }
}

/// Quotes at most the first 40 characters of a number's text.
#[inline]
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{:?}…", &text[..cut]),
        None => format!("{text:?}"),
    }
}

/// A decimal value in a canonical form: sign, significant digits without
/// leading or trailing zeros, and the power of ten of the first digit.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

impl Decimal {
    #[inline]
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], rest[at + 1..].parse::<i64>().ok()?),
            None => (rest, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if whole.is_empty() && fraction.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        let all = format!("{whole}{fraction}");
        let leading = all.len() - all.trim_start_matches('0').len();
        let digits = all.trim_matches('0').to_owned();
        if digits.is_empty() {
            return Some(Decimal { negative: false, digits, exponent: 0 });
        }
        let point = i64::try_from(whole.len()).ok()?.checked_add(exponent)?;
        Some(Decimal { negative, digits, exponent: point.checked_sub(i64::try_from(leading).ok()?)? })
    }
}

impl DynamoDbStreamRecord {
    /// Decodes the primary key attributes into your type; `None` when
    /// `Keys` is absent or `null`.
    pub fn keys_as<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, PayloadError> {
        image_as("Keys", self.keys.as_ref())
    }

    /// Decodes the item after the change into your type; `None` when
    /// `NewImage` is absent or `null` (removals, `KEYS_ONLY` and `OLD_IMAGE`
    /// streams).
    ///
    /// ```
    /// use lambda_event_catalog_events::dynamodb::DynamoDbEvent;
    /// use std::collections::BTreeMap;
    ///
    /// let event: DynamoDbEvent = serde_json::from_str(r#"{"Records": [{
    ///   "eventID": "1", "eventName": "INSERT", "eventSource": "aws:dynamodb",
    ///   "dynamodb": {"NewImage": {"orderId": {"S": "ord-1"}, "total": {"N": "129.99"}}}
    /// }]}"#).unwrap();
    /// let order: Option<BTreeMap<String, serde_json::Value>> = event.records[0].dynamodb.new_image_as().unwrap();
    /// assert_eq!(order.unwrap()["total"], serde_json::json!(129.99));
    /// ```
    pub fn new_image_as<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, PayloadError> {
        image_as("NewImage", self.new_image.as_ref())
    }

    /// Decodes the item before the change into your type; `None` when
    /// `OldImage` is absent or `null` (inserts, `KEYS_ONLY` and `NEW_IMAGE`
    /// streams).
    pub fn old_image_as<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, PayloadError> {
        image_as("OldImage", self.old_image.as_ref())
    }
}

impl DynamoDbKinesisStreamRecord {
    /// When the change was made, in the unit that
    /// `ApproximateCreationDateTimePrecision` names: microseconds for
    /// `MICROSECOND`, milliseconds otherwise. `None` when the time is absent.
    ///
    /// The field itself reads the number as milliseconds, which is right for
    /// the default precision only: with `MICROSECOND` its `instant()` lies a
    /// thousand times too far from the epoch (its `wire()` number is exact).
    #[inline]
    pub fn approximate_creation_instant(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let time = self.approximate_creation_date_time.as_ref()?;
        Some(match self.approximate_creation_date_time_precision {
            Some(DynamoDbTimestampPrecision::Microsecond) => chrono::DateTime::UNIX_EPOCH + (time.instant() - chrono::DateTime::UNIX_EPOCH) / 1000,
            _ => time.instant(),
        })
    }

    /// Decodes the primary key attributes into your type; `None` when
    /// `Keys` is absent or `null`.
    pub fn keys_as<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, PayloadError> {
        image_as("Keys", self.keys.as_ref())
    }

    /// Decodes the item after the change into your type; `None` when
    /// `NewImage` is absent or `null` (removals).
    pub fn new_image_as<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, PayloadError> {
        image_as("NewImage", self.new_image.as_ref())
    }

    /// Decodes the item before the change into your type; `None` when
    /// `OldImage` is absent or `null` (inserts).
    pub fn old_image_as<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, PayloadError> {
        image_as("OldImage", self.old_image.as_ref())
    }
}

fn image_as<T: serde::de::DeserializeOwned>(field: &'static str, image: Option<&Item>) -> Result<Option<T>, PayloadError> {
    let Some(image) = image else { return Ok(None) };
    let mut path = Vec::new();
    let object = map_to_json(image, &mut path).map_err(|error| PayloadError::Json { field, path: ".".to_owned(), error })?;
    serde_path_to_error::deserialize(Value::Object(object)).map(Some).map_err(|error| PayloadError::Json {
        field,
        path: error.path().to_string(),
        error: error.into_inner(),
    })
}

impl DynamoDbEventRecord {
    /// The record's `SequenceNumber`: the `itemIdentifier` that reports it as
    /// failed. Always present in DynamoDB Streams events; absent in change
    /// records carried by Kinesis.
    #[inline]
    pub fn sequence_number(&self) -> Option<&str> {
        self.dynamodb.sequence_number.as_deref()
    }
}

impl BatchResponse {
    /// Reports a DynamoDB change record as failed, by its `SequenceNumber`:
    /// the event source mapping retries the batch from the lowest failed
    /// sequence number (it needs `ReportBatchItemFailures`). Returns `false`,
    /// reporting nothing, for a record without a sequence number (one decoded
    /// from a Kinesis stream).
    ///
    /// A handler that stops at the first record it cannot process:
    ///
    /// ```
    /// use lambda_event_catalog_events::common::BatchResponse;
    /// use lambda_event_catalog_events::dynamodb::{DynamoDbBatchResponse, DynamoDbEvent, DynamoDbEventName};
    /// use std::collections::BTreeMap;
    ///
    /// fn handler(event: DynamoDbEvent) -> DynamoDbBatchResponse {
    ///     let mut response = BatchResponse::default();
    ///     for record in &event.records {
    ///         if record.event_name != DynamoDbEventName::Insert {
    ///             continue;
    ///         }
    ///         let order: Result<Option<BTreeMap<String, u64>>, _> = record.dynamodb.new_image_as();
    ///         if order.is_err() {
    ///             // Later records are retried too: report this one and stop.
    ///             response.push_failed_dynamodb_record(record);
    ///             break;
    ///         }
    ///     }
    ///     response
    /// }
    ///
    /// let event: DynamoDbEvent = serde_json::from_str(r#"{"Records": [
    ///   {"eventID": "1", "eventName": "INSERT", "eventSource": "aws:dynamodb",
    ///    "dynamodb": {"SequenceNumber": "111", "NewImage": {"qty": {"N": "3"}}}},
    ///   {"eventID": "2", "eventName": "INSERT", "eventSource": "aws:dynamodb",
    ///    "dynamodb": {"SequenceNumber": "222", "NewImage": {"qty": {"S": "three"}}}}
    /// ]}"#).unwrap();
    /// let response = serde_json::to_string(&handler(event)).unwrap();
    /// assert_eq!(response, r#"{"batchItemFailures":[{"itemIdentifier":"222"}]}"#);
    /// ```
    #[must_use = "`false` means the record could not be reported"]
    #[inline]
    pub fn push_failed_dynamodb_record(&mut self, record: &DynamoDbEventRecord) -> bool {
        let Some(sequence_number) = record.sequence_number() else { return false };
        self.batch_item_failures.push(BatchItemFailure { item_identifier: sequence_number.to_owned(), ..Default::default() });
        true
    }
}

impl DynamoDbTimeWindowEvent {
    /// Decodes the window's state, as the previous invocation returned it,
    /// into your aggregate type (`{}` when there is none yet).
    pub fn state_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, PayloadError> {
        crate::common::helpers::time_window_state_as(self.state.as_ref())
    }

    /// A response that carries the window's state forward unchanged and
    /// reports no failure; change its `state` or call `push_failed_id` before
    /// returning it.
    #[inline]
    pub fn carry_state_forward(&self) -> TimeWindowResponse {
        TimeWindowResponse::from_state(self.state.clone().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamodb::DynamoDbEvent;

    fn attribute(json: Value) -> DynamoDbAttributeValue {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn every_kind_converts_to_json_nested_in_maps_and_lists() {
        let value = attribute(serde_json::json!({ "M": {
            "s": { "S": "text" }, "n": { "N": "-12.5" }, "b": { "B": "AAEqQQ==" },
            "ss": { "SS": ["a", "b"] }, "ns": { "NS": ["1", "2.5", "1E+3"] }, "bs": { "BS": ["AAE=", "/w=="] },
            "l": { "L": [{ "NULL": true }, { "BOOL": false }, { "M": {} }, { "L": [] }, { "N": "18446744073709551615" }] }
        } }));
        assert_eq!(
            value.to_json().unwrap(),
            serde_json::json!({
                "s": "text", "n": -12.5, "b": "AAEqQQ==", "ss": ["a", "b"], "ns": [1, 2.5, 1000.0], "bs": ["AAE=", "/w=="],
                "l": [null, false, {}, [], 18446744073709551615u64]
            })
        );
    }

    #[test]
    fn a_number_without_an_exact_json_form_is_an_error_naming_the_attribute() {
        let item: Item = serde_json::from_value(serde_json::json!({
            "ledger": { "M": { "entries": { "L": [{ "N": "1" }, { "N": "99999999999999999999999999999999999999" }] } } }
        }))
        .unwrap();
        let error = DynamoDbAttributeValue::item_to_json(&item).unwrap_err();
        assert!(error.to_string().contains("attribute `ledger.entries[1]`"), "{error}");
        let set = attribute(serde_json::json!({ "NS": ["1", "0.1000000000000000055511151231257827"] }));
        assert!(set.to_json().unwrap_err().to_string().contains("[1]"));
        assert!(attribute(serde_json::json!({ "N": "1e999" })).to_json().is_err());
        assert!(attribute(serde_json::json!({ "N": "twelve" })).to_json().is_err());
    }

    #[test]
    fn exact_numbers_keep_their_value() {
        for (text, json) in [
            ("0", "0"),
            ("-0", "0"),
            ("007", "7"),
            ("1.50", "1.5"),
            ("1E+3", "1000.0"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("1.5E-130", "1.5e-130"),
            ("123.45", "123.45"),
        ] {
            assert_eq!(attribute(serde_json::json!({ "N": text })).to_json().unwrap().to_string(), json, "{text}");
        }
    }

    #[test]
    fn images_decode_into_the_callers_type_and_back() {
        let event: DynamoDbEvent = serde_json::from_value(serde_json::json!({ "Records": [{
            "eventID": "1", "eventName": "MODIFY", "eventSource": "aws:dynamodb",
            "dynamodb": {
                "Keys": { "id": { "N": "101" } },
                "NewImage": { "id": { "N": "101" }, "qty": { "N": "3" } },
                "OldImage": null
            }
        }] }))
        .unwrap();
        let stream_record = &event.records[0].dynamodb;
        let keys: BTreeMap<String, u32> = stream_record.keys_as().unwrap().unwrap();
        assert_eq!(keys["id"], 101);
        let new: BTreeMap<String, u32> = stream_record.new_image_as().unwrap().unwrap();
        assert_eq!(new["qty"], 3);
        assert!(stream_record.old_image_as::<BTreeMap<String, u32>>().unwrap().is_none());
        let back = DynamoDbAttributeValue::item_from(&new).unwrap();
        assert_eq!(Some(&back), stream_record.new_image.as_ref());
    }

    #[test]
    fn a_kinesis_change_record_reads_its_time_in_the_unit_of_its_precision() {
        let record = |time: &str, precision: &str| -> crate::dynamodb::DynamoDbKinesisChangeRecord {
            serde_json::from_str(&format!(
                r#"{{"eventID": "1", "eventName": "MODIFY", "eventSource": "aws:dynamodb", "recordFormat": "application/json", "tableName": "Orders",
                    "dynamodb": {{"ApproximateCreationDateTime": {time}, "ApproximateCreationDateTimePrecision": "{precision}",
                                 "NewImage": {{"qty": {{"N": "3"}}}}}}}}"#
            ))
            .unwrap()
        };
        let millis = record("1719823877412", "MILLISECOND");
        assert_eq!(millis.dynamodb.approximate_creation_instant().unwrap().to_rfc3339(), "2024-07-01T08:51:17.412+00:00");
        let micros = record("1719823877412345", "MICROSECOND");
        assert_eq!(micros.dynamodb.approximate_creation_instant().unwrap().to_rfc3339(), "2024-07-01T08:51:17.412345+00:00");
        let new: BTreeMap<String, u32> = micros.dynamodb.new_image_as().unwrap().unwrap();
        assert_eq!(new["qty"], 3);
        assert_eq!(serde_json::to_value(&micros).unwrap()["dynamodb"]["ApproximateCreationDateTime"], serde_json::json!(1719823877412345_u64));
    }

    #[test]
    fn a_value_the_callers_type_rejects_names_the_attribute() {
        let record: DynamoDbStreamRecord = serde_json::from_value(serde_json::json!({ "NewImage": { "qty": { "S": "three" } } })).unwrap();
        let error = record.new_image_as::<BTreeMap<String, u32>>().unwrap_err();
        assert!(error.to_string().contains("`NewImage`") && error.to_string().contains("qty"), "{error}");
        let item: Item = serde_json::from_value(serde_json::json!({ "qty": { "S": "three" } })).unwrap();
        let error = DynamoDbAttributeValue::item_into::<BTreeMap<String, u32>>(&item).unwrap_err();
        assert!(error.to_string().contains("attribute `qty`"), "{error}");
    }

    #[test]
    fn json_values_become_attribute_values() {
        let item = DynamoDbAttributeValue::item_from(&serde_json::json!({ "a": [1, "x", null, true, { "b": 2.5 }] })).unwrap();
        assert_eq!(
            serde_json::to_value(&item).unwrap(),
            serde_json::json!({ "a": { "L": [{ "N": "1" }, { "S": "x" }, { "NULL": true }, { "BOOL": true }, { "M": { "b": { "N": "2.5" } } }] } })
        );
        assert!(DynamoDbAttributeValue::item_from(&[1, 2]).is_err());
    }

    #[test]
    fn a_multi_key_or_unknown_kind_attribute_is_an_error() {
        let two = serde_json::from_value::<DynamoDbAttributeValue>(serde_json::json!({ "S": "a", "N": "1" })).unwrap_err();
        assert!(two.to_string().contains("second member"), "{two}");
        let unknown = serde_json::from_value::<DynamoDbAttributeValue>(serde_json::json!({ "X": "a" })).unwrap_err();
        assert!(unknown.to_string().contains("X"), "{unknown}");
    }

    #[test]
    fn failed_records_are_reported_by_sequence_number() {
        let mut record = DynamoDbEventRecord::default();
        let mut response = BatchResponse::default();
        assert!(!response.push_failed_dynamodb_record(&record));
        record.dynamodb.sequence_number = Some("4421584600000000017450439174".to_owned());
        assert!(response.push_failed_dynamodb_record(&record));
        assert_eq!(response.batch_item_failures.len(), 1);
    }

    #[test]
    fn time_window_state_is_carried_forward() {
        let event: DynamoDbTimeWindowEvent = serde_json::from_value(serde_json::json!({
            "Records": [], "window": { "start": "2020-07-30T17:00:00Z", "end": "2020-07-30T17:05:00Z" }, "state": { "1": "state1" }
        }))
        .unwrap();
        let state: BTreeMap<String, String> = event.state_as().unwrap();
        assert_eq!(state["1"], "state1");
        assert_eq!(serde_json::to_value(event.carry_state_forward()).unwrap(), serde_json::json!({ "state": { "1": "state1" } }));
    }
}
