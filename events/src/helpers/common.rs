//! Conveniences on the types shared by several sources: the partial batch
//! failure response (SQS, Kinesis, DynamoDB Streams), the tumbling-window
//! response (Kinesis, DynamoDB Streams) and the record-transformation response
//! (Firehose, Kinesis Data Analytics). Each block compiles under any feature of
//! a source that uses the type.

#[cfg(any(feature = "sqs", feature = "kinesis", feature = "dynamodb"))]
mod batch {
    use crate::common::{BatchItemFailure, BatchResponse};

    impl BatchResponse {
        /// A response that reports the given records as failed (SQS message
        /// ids, Kinesis or DynamoDB sequence numbers); an empty list reports
        /// success for the whole batch.
        pub fn from_failed_ids<I, S>(ids: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            BatchResponse {
                batch_item_failures: ids.into_iter().map(|id| BatchItemFailure { item_identifier: id.into(), ..Default::default() }).collect(),
                ..Default::default()
            }
        }

        /// Reports the record with this id (message id or sequence number) as failed.
        pub fn push_failed_id(&mut self, id: impl Into<String>) {
            self.batch_item_failures.push(BatchItemFailure { item_identifier: id.into(), ..Default::default() });
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn failed_ids_become_item_failures_in_order() {
            let mut response = BatchResponse::from_failed_ids(["2", "1"]);
            response.push_failed_id(String::from("3"));
            let json = serde_json::to_value(&response).unwrap();
            assert_eq!(json, serde_json::json!({ "batchItemFailures": [{ "itemIdentifier": "2" }, { "itemIdentifier": "1" }, { "itemIdentifier": "3" }] }));
        }

        #[test]
        fn no_failed_ids_is_success() {
            let json = serde_json::to_value(BatchResponse::from_failed_ids(Vec::<String>::new())).unwrap();
            assert_eq!(json, serde_json::json!({ "batchItemFailures": [] }));
        }
    }
}

#[cfg(any(feature = "kinesis", feature = "dynamodb"))]
mod time_window {
    use std::collections::BTreeMap;

    use crate::common::{BatchItemFailure, TimeWindowResponse};

    impl TimeWindowResponse {
        /// A response that passes `state` to the next invocation of the window
        /// and reports no failure.
        pub fn from_state(state: BTreeMap<String, serde_json::Value>) -> Self {
            TimeWindowResponse { state, ..Default::default() }
        }

        /// A response whose state is `value`, which must serialize to a JSON
        /// object (a struct or a map): your own aggregate type, read back in the
        /// next invocation with the event's `state_as`.
        pub fn from_state_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
            match serde_json::to_value(value)? {
                serde_json::Value::Object(state) => Ok(Self::from_state(state.into_iter().collect())),
                other => Err(<serde_json::Error as serde::ser::Error>::custom(format_args!(
                    "the time-window state must be a JSON object, not {}",
                    json_kind(&other)
                ))),
            }
        }

        /// Reports the record with this sequence number as failed (the event
        /// source mapping needs `ReportBatchItemFailures`).
        pub fn push_failed_id(&mut self, sequence_number: impl Into<String>) {
            self.batch_item_failures.get_or_insert_with(Vec::new).push(BatchItemFailure { item_identifier: sequence_number.into(), ..Default::default() });
        }
    }

    fn json_kind(value: &serde_json::Value) -> &'static str {
        match value {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::Object(_) => "an object",
        }
    }

    /// Decodes a window's state into `T`; an absent state reads as `{}`.
    pub(crate) fn state_as<T: serde::de::DeserializeOwned>(state: Option<&BTreeMap<String, serde_json::Value>>) -> Result<T, crate::payload::PayloadError> {
        let object: serde_json::Map<String, serde_json::Value> =
            state.map(|state| state.iter().map(|(key, value)| (key.clone(), value.clone())).collect()).unwrap_or_default();
        serde_path_to_error::deserialize(serde_json::Value::Object(object)).map_err(|error| crate::payload::PayloadError::Json {
            field: "state",
            path: error.path().to_string(),
            error: error.into_inner(),
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn state_round_trips_through_the_callers_type() {
            let mut totals = BTreeMap::new();
            totals.insert("count", 3.0);
            totals.insert("revenue", 61.5);
            let mut response = TimeWindowResponse::from_state_value(&totals).unwrap();
            response.push_failed_id("49590338271490256608559692538361571095921575989136588898");
            let json = serde_json::to_value(&response).unwrap();
            assert_eq!(
                json,
                serde_json::json!({
                    "state": { "count": 3.0, "revenue": 61.5 },
                    "batchItemFailures": [{ "itemIdentifier": "49590338271490256608559692538361571095921575989136588898" }]
                })
            );
            let read: BTreeMap<String, f64> = state_as(Some(&response.state)).unwrap();
            assert_eq!(read.get("revenue"), Some(&61.5));
        }

        #[test]
        fn a_state_that_is_not_an_object_is_an_error() {
            let error = TimeWindowResponse::from_state_value(&[1, 2]).unwrap_err();
            assert!(error.to_string().contains("not an array"), "{error}");
        }

        #[test]
        fn a_state_of_the_wrong_shape_names_the_member() {
            let mut state = BTreeMap::new();
            state.insert("count".to_owned(), serde_json::json!("three"));
            let error = state_as::<BTreeMap<String, u64>>(Some(&state)).unwrap_err();
            assert!(error.to_string().contains("count"), "{error}");
            let empty: BTreeMap<String, u64> = state_as(None).unwrap();
            assert!(empty.is_empty());
        }
    }
}

/// Implements the answers of one event-record type of a transformation
/// (Firehose, Firehose from MSK, Kinesis Data Analytics input preprocessing):
/// `$data` is the member that holds the record's payload.
#[cfg(any(feature = "firehose", feature = "kinesis_analytics"))]
macro_rules! transformation_answers {
    ($record:ident, $data:ident) => {
        impl $record {
            /// The answer for this record, in one call: `result` and `data` as
            /// its payload (base64-encoded on the wire).
            pub fn respond(
                &self,
                result: $crate::common::FirehoseTransformationResult,
                data: impl Into<Vec<u8>>,
            ) -> $crate::common::FirehoseTransformationRecord {
                $crate::common::FirehoseTransformationRecord::new(self.record_id.clone(), result, Some(data.into()))
            }

            /// `Ok`, with `data` as the transformed payload.
            pub fn transformed(&self, data: impl Into<Vec<u8>>) -> $crate::common::FirehoseTransformationRecord {
                self.respond($crate::common::FirehoseTransformationResult::Ok, data)
            }

            /// `Ok`, with `value` written as JSON as the transformed payload.
            pub fn transformed_json<T: serde::Serialize + ?Sized>(&self, value: &T) -> Result<$crate::common::FirehoseTransformationRecord, serde_json::Error> {
                Ok(self.transformed(serde_json::to_vec(value)?))
            }

            /// `Ok`, with `value` written as one line of JSON (followed by a
            /// newline, so that records delivered together stay one per line).
            pub fn transformed_json_line<T: serde::Serialize + ?Sized>(
                &self,
                value: &T,
            ) -> Result<$crate::common::FirehoseTransformationRecord, serde_json::Error> {
                let mut data = serde_json::to_vec(value)?;
                data.push(b'\n');
                Ok(self.transformed(data))
            }

            /// `Dropped`: the record is deliberately discarded (its original
            /// payload is sent back unchanged).
            pub fn dropped(&self) -> $crate::common::FirehoseTransformationRecord {
                self.respond($crate::common::FirehoseTransformationResult::Dropped, self.$data.0.clone())
            }

            /// `ProcessingFailed`: the record could not be transformed and goes
            /// to the error output (its original payload is sent back
            /// unchanged).
            pub fn processing_failed(&self) -> $crate::common::FirehoseTransformationRecord {
                self.respond($crate::common::FirehoseTransformationResult::ProcessingFailed, self.$data.0.clone())
            }
        }
    };
}
#[cfg(any(feature = "firehose", feature = "kinesis_analytics"))]
pub(crate) use transformation_answers;

#[cfg(any(feature = "firehose", feature = "kinesis_analytics"))]
mod transformation {
    use crate::codec::Base64Bytes;
    use crate::common::{FirehoseTransformationMetadata, FirehoseTransformationRecord, FirehoseTransformationResponse, FirehoseTransformationResult};

    impl FirehoseTransformationRecord {
        /// The answer for the record `record_id`: its result and, when given,
        /// its data (base64-encoded on the wire). The event record types have
        /// shorthands that fill in the id (`transformed`, `dropped`,
        /// `processing_failed`).
        pub fn new(record_id: impl Into<String>, result: FirehoseTransformationResult, data: Option<Vec<u8>>) -> Self {
            FirehoseTransformationRecord { record_id: record_id.into(), result, data: data.map(Base64Bytes), ..Default::default() }
        }

        /// A successfully transformed (`Ok`) record carrying `data`.
        pub fn transformed(record_id: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
            Self::new(record_id, FirehoseTransformationResult::Ok, Some(data.into()))
        }

        /// Routes the record with Firehose dynamic partitioning: the values of
        /// the partition keys the S3 prefix refers to as
        /// `partitionKeyFromLambda:<name>`.
        pub fn with_partition_keys<I, K, V>(mut self, keys: I) -> Self
        where
            I: IntoIterator<Item = (K, V)>,
            K: Into<String>,
            V: Into<String>,
        {
            let metadata = self.metadata.get_or_insert_with(FirehoseTransformationMetadata::default);
            metadata.partition_keys.get_or_insert_with(Default::default).extend(keys.into_iter().map(|(key, value)| (key.into(), value.into())));
            self
        }
    }

    impl FromIterator<FirehoseTransformationRecord> for FirehoseTransformationResponse {
        fn from_iter<I: IntoIterator<Item = FirehoseTransformationRecord>>(records: I) -> Self {
            FirehoseTransformationResponse { records: records.into_iter().collect(), ..Default::default() }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_response_is_built_from_records() {
            let response: FirehoseTransformationResponse = [
                FirehoseTransformationRecord::transformed("r1", b"{\"a\":1}\n".to_vec()).with_partition_keys([("customerId", "cust-5521")]),
                FirehoseTransformationRecord::new("r2", FirehoseTransformationResult::Dropped, None),
            ]
            .into_iter()
            .collect();
            let json = serde_json::to_value(&response).unwrap();
            assert_eq!(
                json,
                serde_json::json!({ "records": [
                    { "recordId": "r1", "result": "Ok", "data": "eyJhIjoxfQo=", "metadata": { "partitionKeys": { "customerId": "cust-5521" } } },
                    { "recordId": "r2", "result": "Dropped" }
                ] })
            );
        }
    }
}

#[cfg(any(feature = "kinesis", feature = "dynamodb"))]
pub(crate) use self::time_window::state_as as time_window_state_as;
