//! Kinesis conveniences: record payloads, partial batch failures, tumbling
//! windows, and the DynamoDB change records and CloudWatch Logs batches
//! carried in a Kinesis stream.
//!
//! A record's `data` is a [`Base64Bytes`](crate::codec::Base64Bytes), already
//! decoded: `record.kinesis.data.as_bytes()` gives the bytes,
//! `record.kinesis.data.as_utf8()` the text (when it is UTF-8), and the
//! generated `record.kinesis.data_json::<T>()` decodes a JSON payload into
//! your type. A CloudWatch Logs subscription sends gzip instead:
//! `record.kinesis.cloudwatch_logs_data()` (with the `cloudwatch_logs`
//! feature) inflates and parses it.

use crate::common::{BatchItemFailure, BatchResponse, TimeWindowResponse};
use crate::kinesis::{KinesisEvent, KinesisEventRecord, KinesisTimeWindowEvent};
use crate::payload::{PayloadError, RecordError};

impl KinesisEvent {
    /// Decodes the JSON payload (`data`) of every record into `T`, in order.
    /// The first failure names the record (by index and sequence number) and
    /// the path inside its payload.
    pub fn data_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        decode_all(&self.records)
    }
}

fn decode_all<T: serde::de::DeserializeOwned>(records: &[KinesisEventRecord]) -> Result<Vec<T>, RecordError> {
    crate::payload::decode_each(records, |record| record.sequence_number(), |record| record.kinesis.data_json())
}

impl KinesisEventRecord {
    /// The record's sequence number: the `itemIdentifier` that reports it as
    /// failed in a partial batch failure response.
    #[inline]
    pub fn sequence_number(&self) -> &str {
        &self.kinesis.sequence_number
    }
}

impl BatchResponse {
    /// Reports a Kinesis record as failed: the event source mapping retries
    /// the batch from the lowest failed sequence number (it needs
    /// `ReportBatchItemFailures`).
    ///
    /// A handler that stops at the first record it cannot process:
    ///
    /// ```
    /// use lambda_event_catalog_events::common::BatchResponse;
    /// use lambda_event_catalog_events::kinesis::{KinesisBatchResponse, KinesisEvent};
    ///
    /// fn handler(event: KinesisEvent) -> KinesisBatchResponse {
    ///     let mut response = BatchResponse::default();
    ///     for record in &event.records {
    ///         let order: Result<serde_json::Value, _> = record.kinesis.data_json();
    ///         if order.is_err() {
    ///             // Later records are retried too: report this one and stop.
    ///             response.push_failed_kinesis_record(record);
    ///             break;
    ///         }
    ///     }
    ///     response
    /// }
    ///
    /// let event: KinesisEvent = serde_json::from_str(r#"{"Records": [
    ///   {"eventSource": "aws:kinesis", "kinesis": {"partitionKey": "a", "sequenceNumber": "1", "data": "eyJpZCI6MX0="}},
    ///   {"eventSource": "aws:kinesis", "kinesis": {"partitionKey": "a", "sequenceNumber": "2", "data": "bm90IGpzb24="}}
    /// ]}"#).unwrap();
    /// let response = serde_json::to_string(&handler(event)).unwrap();
    /// assert_eq!(response, r#"{"batchItemFailures":[{"itemIdentifier":"2"}]}"#);
    /// ```
    #[inline]
    pub fn push_failed_kinesis_record(&mut self, record: &KinesisEventRecord) {
        self.batch_item_failures.push(BatchItemFailure { item_identifier: record.sequence_number().to_owned(), ..Default::default() });
    }
}

impl KinesisTimeWindowEvent {
    /// Decodes the JSON payload (`data`) of every record into `T`, in order,
    /// as [`KinesisEvent::data_json`] does.
    pub fn data_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        decode_all(&self.records)
    }

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

#[cfg(feature = "dynamodb")]
mod dynamodb_in_kinesis {
    use crate::dynamodb::DynamoDbEventRecord;
    use crate::kinesis::KinesisRecord;
    use crate::payload::PayloadError;

    impl KinesisRecord {
        /// Decodes a DynamoDB change record that Kinesis Data Streams for
        /// DynamoDB put in this record's `data` (features `kinesis` and
        /// `dynamodb`).
        ///
        /// Such a record carries `ApproximateCreationDateTime` in
        /// milliseconds (microseconds when
        /// `ApproximateCreationDateTimePrecision` is `MICROSECOND`), where a
        /// DynamoDB Streams event carries seconds: the value is converted to
        /// seconds, with the fraction digits it has, so that
        /// `record.dynamodb.approximate_creation_date_time` names the right
        /// instant. Writing the record back therefore writes seconds. The
        /// record has no `SequenceNumber`, `eventVersion` nor
        /// `eventSourceARN`, and it carries `tableName` and `recordFormat`.
        ///
        /// Needs the features `kinesis` and `dynamodb`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "kinesis", feature = "dynamodb"))))]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn dynamodb_change_record(&self) -> Result<DynamoDbEventRecord, PayloadError> {
            let mut document: serde_json::Value = self.data_json()?;
            if let Some(stream_record) = document.get_mut("dynamodb").and_then(serde_json::Value::as_object_mut) {
                let micros = match stream_record.get("ApproximateCreationDateTimePrecision").and_then(serde_json::Value::as_str) {
                    Some(precision) => precision == "MICROSECOND",
                    // Without the precision member, 16 digits or more can only be microseconds.
                    None => {
                        stream_record.get("ApproximateCreationDateTime").and_then(serde_json::Value::as_u64).is_some_and(|units| units >= 1_000_000_000_000_000)
                    }
                };
                if let Some(time) = stream_record.get_mut("ApproximateCreationDateTime") {
                    let Some(units) = time.as_u64() else {
                        return Err(invalid(
                            "/dynamodb/ApproximateCreationDateTime",
                            format!("expected whole milliseconds or microseconds since the epoch, got {time}"),
                        ));
                    };
                    *time = serde_json::Value::Number(to_seconds(units, if micros { 6 } else { 3 }));
                }
            }
            serde_path_to_error::deserialize(document).map_err(|error| PayloadError::Json {
                field: "data",
                path: error.path().to_string(),
                error: error.into_inner(),
            })
        }
    }

    #[inline]
    fn invalid(path: &str, message: String) -> PayloadError {
        PayloadError::Invalid { field: "data", path: path.to_owned(), message }
    }

    /// `units` of 10^-`decimals` seconds as a number of seconds, with the
    /// fraction digits written out decimal by decimal (no float arithmetic).
    #[inline]
    fn to_seconds(units: u64, decimals: u32) -> serde_json::Number {
        let divisor = 10u64.pow(decimals);
        let (whole, fraction) = (units / divisor, units % divisor);
        if fraction == 0 {
            return whole.into();
        }
        let digits = format!("{fraction:0width$}", width = decimals as usize);
        let text = format!("{whole}.{}", digits.trim_end_matches('0'));
        text.parse::<serde_json::Number>().unwrap_or_else(|_| whole.into())
    }

    #[cfg(test)]
    mod tests {
        use crate::kinesis::KinesisRecord;

        fn record(data: serde_json::Value) -> KinesisRecord {
            let text = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, data.to_string());
            serde_json::from_value(serde_json::json!({ "partitionKey": "k", "sequenceNumber": "1", "data": text })).unwrap()
        }

        fn change(time: serde_json::Value, precision: Option<&str>) -> serde_json::Value {
            let mut stream_record = serde_json::json!({
                "ApproximateCreationDateTime": time,
                "Keys": { "orderId": { "S": "ord-1" } },
                "NewImage": { "orderId": { "S": "ord-1" }, "total": { "N": "129.99" } },
                "SizeBytes": 60
            });
            if let Some(precision) = precision {
                stream_record["ApproximateCreationDateTimePrecision"] = serde_json::json!(precision);
            }
            serde_json::json!({
                "awsRegion": "us-east-1", "eventID": "2f1a8c3e", "eventName": "INSERT", "userIdentity": null,
                "recordFormat": "application/json", "tableName": "Orders", "eventSource": "aws:dynamodb",
                "dynamodb": stream_record
            })
        }

        #[test]
        fn milliseconds_become_seconds() {
            let decoded = record(change(serde_json::json!(1718270142318u64), Some("MILLISECOND"))).dynamodb_change_record().unwrap();
            let time = decoded.dynamodb.approximate_creation_date_time.unwrap();
            assert_eq!(time.instant().timestamp_millis(), 1718270142318);
            assert_eq!(serde_json::to_value(&time).unwrap(), serde_json::json!(1718270142.318));
            assert_eq!(decoded.table_name.as_deref(), Some("Orders"));
            assert!(decoded.user_identity.is_none());
        }

        #[test]
        fn microseconds_become_seconds() {
            let decoded = record(change(serde_json::json!(1718270142318294u64), Some("MICROSECOND"))).dynamodb_change_record().unwrap();
            let time = decoded.dynamodb.approximate_creation_date_time.unwrap();
            assert_eq!(time.instant().timestamp_micros(), 1718270142318294);
            let unlabelled = record(change(serde_json::json!(1718270142000000u64), None)).dynamodb_change_record().unwrap();
            assert_eq!(unlabelled.dynamodb.approximate_creation_date_time.unwrap().instant().timestamp(), 1718270142);
        }

        #[test]
        fn a_payload_that_is_not_a_change_record_is_an_error_with_a_path() {
            let error = record(
                serde_json::json!({ "eventID": "1", "eventName": "INSERT", "eventSource": "aws:dynamodb", "dynamodb": { "Keys": { "a": { "X": "?" } } } }),
            )
            .dynamodb_change_record()
            .unwrap_err();
            assert!(error.to_string().contains("dynamodb.Keys.a"), "{error}");
            let error = record(change(serde_json::json!("soon"), None)).dynamodb_change_record().unwrap_err();
            assert!(error.to_string().contains("ApproximateCreationDateTime"), "{error}");
        }
    }
}

#[cfg(feature = "cloudwatch_logs")]
mod cloudwatch_logs_in_kinesis {
    use crate::cloudwatch_logs::CloudWatchLogsData;
    use crate::kinesis::{KinesisEvent, KinesisRecord};
    use crate::payload::{PayloadError, RecordError};

    impl KinesisRecord {
        /// Decompresses and parses the batch of log events that a CloudWatch
        /// Logs subscription filter whose destination is this stream put in
        /// `data` (gzip of a [`CloudWatchLogsData`] document), as
        /// [`CloudWatchLogsEvent::data`](crate::cloudwatch_logs::CloudWatchLogsEvent::data)
        /// does: never past
        /// [`MAX_DECOMPRESSED_LEN`](crate::cloudwatch_logs::MAX_DECOMPRESSED_LEN).
        /// A new subscription first sends a control message
        /// ([`CloudWatchLogsData::is_control_message`]), to be skipped.
        ///
        /// The error names `data` and says what failed: the gzip stream
        /// (not gzip, corrupt, or too large) or the JSON, with its path.
        ///
        /// Needs the features `kinesis` and `cloudwatch_logs`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "kinesis", feature = "cloudwatch_logs"))))]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn cloudwatch_logs_data(&self) -> Result<CloudWatchLogsData, PayloadError> {
            crate::cloudwatch_logs::helpers::decode_compressed("data", self.data.as_bytes())
        }
    }

    impl KinesisEvent {
        /// The CloudWatch Logs batch of every record, in order, as
        /// [`KinesisRecord::cloudwatch_logs_data`] reads it. The first
        /// failure names the record by index and sequence number.
        ///
        /// The records share one budget: once what they inflate to passes
        /// [`DOCUMENT_UNPACK_LIMIT`](crate::budget::DOCUMENT_UNPACK_LIMIT)
        /// (64 MiB) in total, the record that passes it is the error
        /// (`unpacking the document passes its budget`), so that a batch of
        /// many records that each stay under the per-record limit cannot
        /// take gigabytes. To read a larger batch, call the per-record method
        /// on each record and bound the total yourself.
        ///
        /// Needs the features `kinesis` and `cloudwatch_logs`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "kinesis", feature = "cloudwatch_logs"))))]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn cloudwatch_logs_data(&self) -> Result<Vec<CloudWatchLogsData>, RecordError> {
            let mut budget = crate::budget::UnpackBudget::default();
            crate::payload::decode_each(
                &self.records,
                |record| record.sequence_number(),
                |record| crate::cloudwatch_logs::helpers::decode_compressed_within("data", record.kinesis.data.as_bytes(), &mut budget),
            )
        }
    }

    #[cfg(test)]
    mod tests {
        use crate::cloudwatch_logs::{CloudWatchLogsData, CloudWatchLogsEvent, CloudWatchLogsLogEvent, CloudWatchLogsMessageType};
        use crate::kinesis::{KinesisEvent, KinesisEventRecord};

        fn record(sequence_number: &str, data: crate::codec::Base64Bytes) -> KinesisEventRecord {
            let mut record = KinesisEventRecord::default();
            record.kinesis.sequence_number = sequence_number.to_owned();
            record.kinesis.data = data;
            record
        }

        fn compressed(batch: &CloudWatchLogsData) -> crate::codec::Base64Bytes {
            CloudWatchLogsEvent::from_data(batch).unwrap().awslogs.data
        }

        #[test]
        fn the_batch_in_each_record_inflates_and_parses() {
            let mut batch = CloudWatchLogsData::default();
            batch.message_type = CloudWatchLogsMessageType::DataMessage;
            batch.log_group = "/aws/lambda/checkout".to_owned();
            let mut line = CloudWatchLogsLogEvent::default();
            line.message = "ERROR payment declined".to_owned();
            batch.log_events.push(line);
            let mut control = CloudWatchLogsData::default();
            control.message_type = CloudWatchLogsMessageType::ControlMessage;
            let mut event = KinesisEvent::default();
            event.records = vec![record("1", compressed(&control)), record("2", compressed(&batch))];
            let batches = event.cloudwatch_logs_data().unwrap();
            assert!(batches[0].is_control_message());
            assert_eq!(batches[1], batch);
        }

        #[test]
        fn a_batch_stops_at_the_record_whose_data_passes_the_budget_of_the_whole_batch() {
            use crate::budget::DOCUMENT_UNPACK_LIMIT;
            use crate::cloudwatch_logs::helpers::gzipped_batch_inflating_to;
            use crate::cloudwatch_logs::MAX_DECOMPRESSED_LEN;
            // Each record stays under the per-record limit; the fifth passes the batch's 64 MiB.
            let per_record = MAX_DECOMPRESSED_LEN - 1024 * 1024;
            assert!(4 * per_record <= DOCUMENT_UNPACK_LIMIT && 5 * per_record > DOCUMENT_UNPACK_LIMIT);
            let data = gzipped_batch_inflating_to(per_record);
            assert!(data.as_bytes().len() < 64 * 1024, "{}", data.as_bytes().len());
            let mut event = KinesisEvent::default();
            event.records = (0..200).map(|index| record(&format!("49{index:03}"), data.clone())).collect();
            assert!(event.records[4].kinesis.cloudwatch_logs_data().is_ok(), "one record alone is within its own limit");
            let error = event.cloudwatch_logs_data().unwrap_err();
            assert_eq!((error.index(), error.id()), (4, Some("49004")));
            let message = error.to_string();
            assert!(message.contains("`data`") && message.contains("passes its budget of 67108864 bytes"), "{message}");
        }

        #[test]
        fn a_record_that_is_no_gzip_is_named() {
            let mut event = KinesisEvent::default();
            event.records = vec![record("101", compressed(&CloudWatchLogsData::default())), record("102", br#"{"n":1}"#.to_vec().into())];
            let error = event.cloudwatch_logs_data().unwrap_err();
            assert_eq!((error.index(), error.id()), (1, Some("102")));
            let message = error.to_string();
            assert!(message.contains("`data`") && message.contains("not a gzip stream"), "{message}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> KinesisTimeWindowEvent {
        serde_json::from_value(serde_json::json!({
            "Records": [
                { "eventSource": "aws:kinesis", "kinesis": { "partitionKey": "a", "sequenceNumber": "101", "data": "eyJuIjoxfQ==" } },
                { "eventSource": "aws:kinesis", "kinesis": { "partitionKey": "a", "sequenceNumber": "102", "data": "eyJuIjoyfQ==" } }
            ],
            "window": { "start": "2020-12-09T07:04:00Z", "end": "2020-12-09T07:06:00Z" },
            "state": { "a": 3 },
            "shardId": "shardId-000000000006",
            "isFinalInvokeForWindow": false,
            "isWindowTerminatedEarly": false
        }))
        .unwrap()
    }

    #[test]
    fn payloads_decode_in_order() {
        let values: Vec<std::collections::BTreeMap<String, u32>> = event().data_json().unwrap();
        assert_eq!(values.iter().map(|value| value["n"]).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn a_bad_payload_names_its_record() {
        let error = event().data_json::<Vec<u32>>().unwrap_err();
        assert_eq!((error.index(), error.id()), (0, Some("101")));
    }

    #[test]
    fn state_is_carried_forward_and_failures_reported() {
        let event = event();
        let mut counts: std::collections::BTreeMap<String, u64> = event.state_as().unwrap();
        *counts.entry("a".to_owned()).or_default() += 2;
        let mut response = TimeWindowResponse::from_state_value(&counts).unwrap();
        response.push_failed_id(event.records[1].sequence_number());
        assert_eq!(serde_json::to_value(&response).unwrap(), serde_json::json!({ "state": { "a": 5 }, "batchItemFailures": [{ "itemIdentifier": "102" }] }));
        assert_eq!(serde_json::to_value(event.carry_state_forward()).unwrap(), serde_json::json!({ "state": { "a": 3 } }));
    }

    #[test]
    fn failed_records_are_reported_by_sequence_number() {
        let event = event();
        let mut response = BatchResponse::default();
        response.push_failed_kinesis_record(&event.records[0]);
        assert_eq!(response.batch_item_failures[0].item_identifier, "101");
    }
}
