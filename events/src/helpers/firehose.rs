//! Firehose data-transformation conveniences: payloads in, answers out.
//!
//! A record's `data` (`kafkaRecordValue` from MSK) is a
//! [`Base64Bytes`](crate::codec::Base64Bytes), already decoded:
//! `.as_bytes()` gives the bytes, `.as_utf8()` the text, and the generated
//! `data_json::<T>()` (`kafka_record_value_json::<T>()`) decodes a JSON payload
//! into your type (a CloudWatch Logs subscription sends gzip instead:
//! `record.cloudwatch_logs_data()`, with the `cloudwatch_logs` feature,
//! inflates and parses it). Each record answers itself in one call (`transformed`,
//! `transformed_json_line`, `dropped`, `processing_failed`, `respond`), and the
//! event builds the whole response with `respond_with`:
//!
//! ```
//! use lambda_event_catalog_events::firehose::{FirehoseEvent, FirehoseResponse};
//!
//! fn handler(event: FirehoseEvent) -> FirehoseResponse {
//!     event.respond_with(|record| match record.data_json::<serde_json::Value>() {
//!         Ok(mut click) => {
//!             click["seen"] = true.into();
//!             record.transformed_json_line(&click).unwrap_or_else(|_| record.processing_failed())
//!         }
//!         Err(_) => record.processing_failed(),
//!     })
//! }
//!
//! let event: FirehoseEvent = serde_json::from_str(r#"{"invocationId": "i", "records": [
//!   {"recordId": "r1", "data": "eyJwYWdlIjoiL2NhcnQifQ=="},
//!   {"recordId": "r2", "data": "bm90IGpzb24="}
//! ]}"#).unwrap();
//! let response = serde_json::to_value(handler(event)).unwrap();
//! assert_eq!(response, serde_json::json!({"records": [
//!   {"recordId": "r1", "result": "Ok", "data": "eyJwYWdlIjoiL2NhcnQiLCJzZWVuIjp0cnVlfQo="},
//!   {"recordId": "r2", "result": "ProcessingFailed", "data": "bm90IGpzb24="}
//! ]}));
//! ```

use crate::common::{FirehoseTransformationRecord, FirehoseTransformationResponse};
use crate::firehose::{FirehoseEvent, FirehoseEventRecord, FirehoseKinesisRecordMetadata, FirehoseMskEvent, FirehoseMskRecord};
use crate::payload::RecordError;

impl FirehoseEvent {
    /// Decodes the JSON payload (`data`) of every record into `T`, in order.
    /// The first failure names the record (by index and `recordId`) and the
    /// path inside its payload.
    pub fn data_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(&self.records, |record| &record.record_id, |record| record.data_json())
    }

    /// The response, in one call: `answer` gives each record's answer, in
    /// the order of the event (build it with the record's `transformed`,
    /// `dropped`, `processing_failed` or `respond`).
    pub fn respond_with<F>(&self, answer: F) -> FirehoseTransformationResponse
    where
        F: FnMut(&FirehoseEventRecord) -> FirehoseTransformationRecord,
    {
        self.records.iter().map(answer).collect()
    }
}

impl FirehoseMskEvent {
    /// Decodes the JSON value (`kafkaRecordValue`) of every record into `T`,
    /// in order. The first failure names the record (by index and
    /// `recordId`) and the path inside its value.
    pub fn values_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(&self.records, |record| &record.record_id, |record| record.kafka_record_value_json())
    }

    /// The response, in one call: `answer` gives each record's answer, in
    /// the order of the event.
    pub fn respond_with<F>(&self, answer: F) -> FirehoseTransformationResponse
    where
        F: FnMut(&FirehoseMskRecord) -> FirehoseTransformationRecord,
    {
        self.records.iter().map(answer).collect()
    }
}

impl FirehoseKinesisRecordMetadata {
    /// The `subsequenceNumber` as a number, whether it was sent as a JSON
    /// number or as a string of digits; `None` when absent or neither.
    #[inline]
    pub fn subsequence_number_u64(&self) -> Option<u64> {
        match self.subsequence_number.as_ref()? {
            serde_json::Value::Number(number) => number.as_u64(),
            serde_json::Value::String(text) => text.parse().ok(),
            _ => None,
        }
    }
}

#[cfg(feature = "cloudwatch_logs")]
mod cloudwatch_logs_in_firehose {
    use crate::cloudwatch_logs::CloudWatchLogsData;
    use crate::firehose::{FirehoseEvent, FirehoseEventRecord};
    use crate::payload::{PayloadError, RecordError};

    impl FirehoseEventRecord {
        /// Decompresses and parses the batch of log events that a CloudWatch
        /// Logs subscription filter whose destination is this Firehose
        /// stream (or the Kinesis stream it reads) put in `data` (gzip of a
        /// [`CloudWatchLogsData`] document), as
        /// [`CloudWatchLogsEvent::data`](crate::cloudwatch_logs::CloudWatchLogsEvent::data)
        /// does: never past
        /// [`MAX_DECOMPRESSED_LEN`](crate::cloudwatch_logs::MAX_DECOMPRESSED_LEN).
        /// A control message ([`CloudWatchLogsData::is_control_message`]) is
        /// best answered `dropped()`.
        ///
        /// The error names `data` and says what failed: the gzip stream
        /// (not gzip, corrupt, or too large) or the JSON, with its path.
        ///
        /// Needs the features `firehose` and `cloudwatch_logs`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "firehose", feature = "cloudwatch_logs"))))]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn cloudwatch_logs_data(&self) -> Result<CloudWatchLogsData, PayloadError> {
            crate::cloudwatch_logs::helpers::decode_compressed("data", self.data.as_bytes())
        }
    }

    impl FirehoseEvent {
        /// The CloudWatch Logs batch of every record, in order, as
        /// [`FirehoseEventRecord::cloudwatch_logs_data`] reads it. The first
        /// failure names the record by index and `recordId`.
        ///
        /// The records share one budget: once what they inflate to passes
        /// [`DOCUMENT_UNPACK_LIMIT`](crate::budget::DOCUMENT_UNPACK_LIMIT)
        /// (64 MiB) in total, the record that passes it is the error
        /// (`unpacking the document passes its budget`), so that a batch of
        /// many records that each stay under the per-record limit cannot
        /// take gigabytes. To read a larger batch, call the per-record method
        /// on each record and bound the total yourself.
        ///
        /// Needs the features `firehose` and `cloudwatch_logs`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "firehose", feature = "cloudwatch_logs"))))]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn cloudwatch_logs_data(&self) -> Result<Vec<CloudWatchLogsData>, RecordError> {
            let mut budget = crate::budget::UnpackBudget::default();
            crate::payload::decode_each(
                &self.records,
                |record| &record.record_id,
                |record| crate::cloudwatch_logs::helpers::decode_compressed_within("data", record.data.as_bytes(), &mut budget),
            )
        }
    }

    #[cfg(test)]
    mod tests {
        use crate::cloudwatch_logs::{CloudWatchLogsData, CloudWatchLogsEvent, CloudWatchLogsLogEvent};
        use crate::firehose::{FirehoseEvent, FirehoseEventRecord};

        fn record(record_id: &str, data: crate::codec::Base64Bytes) -> FirehoseEventRecord {
            let mut record = FirehoseEventRecord::default();
            record.record_id = record_id.to_owned();
            record.data = data;
            record
        }

        #[test]
        fn the_batch_in_each_record_inflates_and_parses_and_a_bad_one_is_named() {
            let mut batch = CloudWatchLogsData::default();
            batch.log_stream = "2024/06/13/[$LATEST]5d1f0c7a".to_owned();
            let mut line = CloudWatchLogsLogEvent::default();
            line.message = "REPORT RequestId: 5e0f".to_owned();
            batch.log_events.push(line);
            let gzipped = CloudWatchLogsEvent::from_data(&batch).unwrap().awslogs.data;
            let mut event = FirehoseEvent::default();
            event.records = vec![record("r1", gzipped.clone())];
            assert_eq!(event.cloudwatch_logs_data().unwrap(), vec![batch]);
            // Truncated: the gzip trailer is gone.
            let truncated = gzipped.as_bytes()[..gzipped.as_bytes().len() - 8].to_vec();
            event.records.push(record("r2", truncated.into()));
            let error = event.cloudwatch_logs_data().unwrap_err();
            assert_eq!((error.index(), error.id()), (1, Some("r2")));
            assert!(error.to_string().contains("`data` is not valid: not a gzip stream"), "{error}");
        }

        #[test]
        fn a_batch_stops_at_the_record_whose_data_passes_the_budget_of_the_whole_batch() {
            use crate::cloudwatch_logs::helpers::gzipped_batch_inflating_to;
            // Each record inflates to 15 MiB, under the per-record limit; the fifth passes the batch's 64 MiB.
            let data = gzipped_batch_inflating_to(15 * 1024 * 1024);
            let mut event = FirehoseEvent::default();
            event.records = (0..200).map(|index| record(&format!("r{index}"), data.clone())).collect();
            let error = event.cloudwatch_logs_data().unwrap_err();
            assert_eq!((error.index(), error.id()), (4, Some("r4")));
            assert!(error.to_string().contains("passes its budget of 67108864 bytes"), "{error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::FirehoseTransformationResult;

    fn event() -> FirehoseEvent {
        serde_json::from_value(serde_json::json!({
            "invocationId": "inv-1",
            "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/clicks",
            "records": [
                { "recordId": "r1", "approximateArrivalTimestamp": 1718270142318u64, "data": "eyJuIjoxfQ==",
                  "kinesisRecordMetadata": { "subsequenceNumber": 7 } },
                { "recordId": "r2", "approximateArrivalTimestamp": 1718270142318u64, "data": "eyJuIjoyfQ==",
                  "kinesisRecordMetadata": { "subsequenceNumber": "12" } }
            ]
        }))
        .unwrap()
    }

    #[test]
    fn every_answer_keeps_the_record_id() {
        let event = event();
        let record = &event.records[0];
        assert_eq!(record.transformed(b"x".to_vec()).result, FirehoseTransformationResult::Ok);
        assert_eq!(record.dropped().data.as_ref().map(|data| data.as_bytes()), Some(&b"{\"n\":1}"[..]));
        assert_eq!(record.processing_failed().result, FirehoseTransformationResult::ProcessingFailed);
        let answer = record.transformed_json(&serde_json::json!({ "m": 1 })).unwrap();
        assert_eq!((answer.record_id.as_str(), answer.data.map(|data| data.encode())), ("r1", Some("eyJtIjoxfQ==".to_owned())));
    }

    #[test]
    fn payloads_decode_and_the_response_answers_every_record() {
        let event = event();
        let values: Vec<std::collections::BTreeMap<String, u8>> = event.data_json().unwrap();
        assert_eq!(values[1]["n"], 2);
        let response =
            event.respond_with(
                |record| if record.record_id == "r1" { record.dropped() } else { record.transformed(b"ok".to_vec()).with_partition_keys([("n", "2")]) },
            );
        let json = serde_json::to_value(&response).unwrap();
        assert_eq!(json["records"][0], serde_json::json!({ "recordId": "r1", "result": "Dropped", "data": "eyJuIjoxfQ==" }));
        assert_eq!(json["records"][1], serde_json::json!({ "recordId": "r2", "result": "Ok", "data": "b2s=", "metadata": { "partitionKeys": { "n": "2" } } }));
    }

    #[test]
    fn a_bad_payload_names_its_record() {
        let error = event().data_json::<String>().unwrap_err();
        assert_eq!((error.index(), error.id()), (0, Some("r1")));
    }

    #[test]
    fn subsequence_numbers_read_from_number_or_text() {
        let event = event();
        let numbers: Vec<Option<u64>> =
            event.records.iter().map(|record| record.kinesis_record_metadata.as_ref().and_then(|metadata| metadata.subsequence_number_u64())).collect();
        assert_eq!(numbers, vec![Some(7), Some(12)]);
    }

    #[test]
    fn msk_records_answer_with_their_value() {
        let event: FirehoseMskEvent = serde_json::from_value(serde_json::json!({
            "invocationId": "inv-2", "sourceMSKArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/1",
            "records": [{ "recordId": "m1", "kafkaRecordValue": "eyJuIjozfQ==" }]
        }))
        .unwrap();
        let values: Vec<std::collections::BTreeMap<String, u8>> = event.values_json().unwrap();
        assert_eq!(values[0]["n"], 3);
        let response = event.respond_with(FirehoseMskRecord::dropped);
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({ "records": [{ "recordId": "m1", "result": "Dropped", "data": "eyJuIjozfQ==" }] })
        );
    }
}
