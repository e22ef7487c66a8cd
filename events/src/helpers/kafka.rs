//! Kafka conveniences: every record of every partition, keys and values as
//! bytes and text, and headers by name.
//!
//! `key` and `value` are [`Base64Bytes`](crate::codec::Base64Bytes), already
//! decoded; the generated `record.value_json::<T>()` decodes a JSON value into
//! your type. Header values arrive as arrays of (signed) byte integers:
//! [`KafkaRecord::header_bytes`] turns them back into bytes.

use crate::kafka::{KafkaEvent, KafkaEventSource, KafkaRecord};
use crate::payload::RecordError;

impl KafkaEvent {
    /// Whether the batch comes from a self-managed Apache Kafka cluster:
    /// `eventSource` is `SelfManagedKafka`, or `aws:SelfManagedKafka` as some
    /// libraries' samples write it (an MSK batch says `aws:kafka`).
    #[inline]
    pub fn is_self_managed(&self) -> bool {
        matches!(self.event_source, KafkaEventSource::SelfManagedKafka | KafkaEventSource::AwsSelfManagedKafka)
    }

    /// Every record of the batch, partition after partition (in the order of
    /// their `<topic>-<partition>` keys), each partition's records in offset
    /// order.
    #[inline]
    pub fn all_records(&self) -> impl Iterator<Item = &KafkaRecord> + '_ {
        self.records.values().flatten()
    }

    /// Decodes the JSON value of every record into `T`, in the order of
    /// [`all_records`](Self::all_records). The first failure names the record
    /// (by its position in that order and `<topic>-<partition>@<offset>`) and
    /// the path inside its value; a record without a value is an error.
    pub fn values_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        self.all_records()
            .enumerate()
            .map(|(index, record)| record.value_json().map_err(|error| RecordError::new(index, Some(record.position()), error)))
            .collect()
    }

    /// The bootstrap brokers, `host:port` each, as the event lists them.
    #[inline]
    pub fn brokers(&self) -> impl Iterator<Item = &str> + '_ {
        self.bootstrap_servers.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|server| !server.is_empty())
    }
}

impl KafkaRecord {
    /// The record's key as bytes; `None` when it has none.
    #[inline]
    pub fn key_bytes(&self) -> Option<&[u8]> {
        self.key.as_ref().map(|key| key.as_bytes())
    }

    /// The record's key as UTF-8 text; `None` when it has none or it is not UTF-8.
    #[inline]
    pub fn key_text(&self) -> Option<&str> {
        self.key.as_ref().and_then(|key| key.as_utf8())
    }

    /// The record's value as bytes; `None` for a record without a value (a tombstone).
    #[inline]
    pub fn value_bytes(&self) -> Option<&[u8]> {
        self.value.as_ref().map(|value| value.as_bytes())
    }

    /// The record's value as UTF-8 text; `None` when it has none or it is not UTF-8.
    #[inline]
    pub fn value_text(&self) -> Option<&str> {
        self.value.as_ref().and_then(|value| value.as_utf8())
    }

    /// The record's headers in the order they were sent: each name with its
    /// value's bytes.
    #[inline]
    pub fn headers_iter(&self) -> impl Iterator<Item = (&str, Vec<u8>)> + '_ {
        self.headers.iter().flatten().flat_map(|header| header.iter().map(|(name, value)| (name.as_str(), value.to_bytes())))
    }

    /// The bytes of the first header named `name` (names are compared
    /// exactly, as Kafka does); `None` when there is no such header.
    #[inline]
    pub fn header_bytes(&self, name: &str) -> Option<Vec<u8>> {
        self.headers_iter().find(|(header, _)| *header == name).map(|(_, value)| value)
    }

    /// The first header named `name` as UTF-8 text; `None` when there is no
    /// such header or its value is not UTF-8.
    #[inline]
    pub fn header_text(&self, name: &str) -> Option<String> {
        self.header_bytes(name).and_then(|bytes| String::from_utf8(bytes).ok())
    }

    /// `<topic>-<partition>@<offset>`: where the record sits, for messages
    /// and errors.
    #[inline]
    pub fn position(&self) -> String {
        format!("{}-{}@{}", self.topic, self.partition, self.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_managed_in_either_spelling() {
        for (source, self_managed) in [("SelfManagedKafka", true), ("aws:SelfManagedKafka", true), ("aws:kafka", false)] {
            let event: KafkaEvent = serde_json::from_value(serde_json::json!({ "eventSource": source, "records": {} })).unwrap();
            assert_eq!(event.is_self_managed(), self_managed, "{source}");
        }
    }

    fn event() -> KafkaEvent {
        serde_json::from_value(serde_json::json!({
            "eventSource": "SelfManagedKafka",
            "bootstrapServers": "broker-1:9092, broker-2:9092",
            "records": {
                "orders-1": [
                    { "topic": "orders", "partition": 1, "offset": 7, "timestamp": 1718270142318u64, "timestampType": "CREATE_TIME",
                      "key": "b3JkLTE=", "value": "eyJuIjoxfQ==",
                      "headers": [{ "content-type": [97, 112, 112] }, { "checksum": [-1, -34, 127, 0] }, { "content-type": [120] }] },
                    { "topic": "orders", "partition": 1, "offset": 8, "timestamp": 1718270142319u64, "timestampType": "LOG_APPEND_TIME" }
                ],
                "orders-0": [
                    { "topic": "orders", "partition": 0, "offset": 3, "timestamp": 1718270142300u64, "timestampType": "CREATE_TIME", "value": "eyJuIjowfQ==" }
                ]
            }
        }))
        .unwrap()
    }

    #[test]
    fn every_record_of_every_partition() {
        let event = event();
        let offsets: Vec<i64> = event.all_records().map(|record| record.offset).collect();
        assert_eq!(offsets, vec![3, 7, 8]);
        assert_eq!(event.brokers().collect::<Vec<_>>(), vec!["broker-1:9092", "broker-2:9092"]);
    }

    #[test]
    fn keys_values_and_headers() {
        let event = event();
        let record = &event.records["orders-1"][0];
        assert_eq!(record.key_text(), Some("ord-1"));
        assert_eq!(record.value_text(), Some(r#"{"n":1}"#));
        assert_eq!(record.header_text("content-type").as_deref(), Some("app"));
        assert_eq!(record.header_bytes("checksum"), Some(vec![0xff, 0xde, 0x7f, 0x00]));
        assert_eq!(record.header_text("checksum"), None);
        assert_eq!(record.header_bytes("missing"), None);
        assert_eq!(record.headers_iter().map(|(name, _)| name).collect::<Vec<_>>(), vec!["content-type", "checksum", "content-type"]);
        let tombstone = &event.records["orders-1"][1];
        assert_eq!((tombstone.key_bytes(), tombstone.value_bytes(), tombstone.header_bytes("content-type")), (None, None, None));
    }

    #[test]
    fn values_decode_in_order_and_a_missing_one_names_its_record() {
        #[derive(serde::Deserialize, Debug)]
        struct Count {
            n: u32,
        }
        let event = event();
        let error = event.values_json::<Count>().unwrap_err();
        assert_eq!((error.index(), error.id()), (2, Some("orders-1@8")));
        let first: Count = event.records["orders-0"][0].value_json().unwrap();
        assert_eq!(first.n, 0);
    }
}
