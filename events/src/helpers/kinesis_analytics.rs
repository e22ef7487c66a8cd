//! Kinesis Data Analytics (SQL) conveniences: input preprocessing answers
//! (the Firehose transformation response) and output delivery results.
//!
//! A record's `data` is a [`Base64Bytes`](crate::codec::Base64Bytes), already
//! decoded: `.as_bytes()`, `.as_utf8()`, and the generated
//! `data_json::<T>()`.

use crate::common::{FirehoseTransformationRecord, FirehoseTransformationResponse};
use crate::kinesis_analytics::{
    KinesisAnalyticsDeliveryRecord, KinesisAnalyticsDeliveryResult, KinesisAnalyticsInputPreprocessingEvent, KinesisAnalyticsInputRecord,
    KinesisAnalyticsOutputDeliveryEvent, KinesisAnalyticsOutputDeliveryResponse, KinesisAnalyticsOutputRecord,
};
use crate::payload::RecordError;

impl KinesisAnalyticsInputPreprocessingEvent {
    /// Decodes the JSON payload (`data`) of every record into `T`, in order.
    /// The first failure names the record (by index and `recordId`) and the
    /// path inside its payload.
    pub fn data_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(&self.records, |record| &record.record_id, |record| record.data_json())
    }

    /// The response, in one call: `answer` gives each record's answer
    /// (`transformed`, `dropped`, `processing_failed`, `respond`), in the
    /// order of the event.
    pub fn respond_with<F>(&self, answer: F) -> FirehoseTransformationResponse
    where
        F: FnMut(&KinesisAnalyticsInputRecord) -> FirehoseTransformationRecord,
    {
        self.records.iter().map(answer).collect()
    }
}

impl KinesisAnalyticsOutputRecord {
    /// The result `Ok`: the record was delivered.
    #[inline]
    pub fn delivered(&self) -> KinesisAnalyticsDeliveryRecord {
        self.delivery_result(KinesisAnalyticsDeliveryResult::Ok)
    }

    /// The result `DeliveryFailed`: the application retries the record
    /// (its `retryHint` counts the attempts).
    #[inline]
    pub fn delivery_failed(&self) -> KinesisAnalyticsDeliveryRecord {
        self.delivery_result(KinesisAnalyticsDeliveryResult::DeliveryFailed)
    }

    /// The answer for this record with the given result.
    #[inline]
    pub fn delivery_result(&self, result: KinesisAnalyticsDeliveryResult) -> KinesisAnalyticsDeliveryRecord {
        KinesisAnalyticsDeliveryRecord { record_id: self.record_id.clone(), result, ..Default::default() }
    }
}

impl KinesisAnalyticsOutputDeliveryEvent {
    /// Decodes the JSON payload (`data`) of every record into `T`, in order.
    /// The first failure names the record (by index and `recordId`).
    pub fn data_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(&self.records, |record| &record.record_id, |record| record.data_json())
    }

    /// The response, in one call: `answer` gives each record's result
    /// (`delivered`, `delivery_failed`), in the order of the event.
    pub fn respond_with<F>(&self, answer: F) -> KinesisAnalyticsOutputDeliveryResponse
    where
        F: FnMut(&KinesisAnalyticsOutputRecord) -> KinesisAnalyticsDeliveryRecord,
    {
        KinesisAnalyticsOutputDeliveryResponse { records: self.records.iter().map(answer).collect(), ..Default::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preprocessing_answers_every_record() {
        let event: KinesisAnalyticsInputPreprocessingEvent = serde_json::from_value(serde_json::json!({
            "invocationId": "i", "applicationArn": "arn:aws:kinesisanalytics:us-east-1:123456789012:application/a",
            "streamArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
            "records": [{ "recordId": "r1", "data": "QU1aTiwxODQuMzA=" }, { "recordId": "r2", "data": "eyJ0IjoxfQ==" }]
        }))
        .unwrap();
        assert!(event.data_json::<serde_json::Value>().is_err_and(|error| error.id() == Some("r1")));
        let response = event.respond_with(|record| match record.data.as_utf8() {
            Some(line) if line.contains(',') => record.transformed(line.replace(',', ";")),
            _ => record.dropped(),
        });
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({ "records": [
                { "recordId": "r1", "result": "Ok", "data": "QU1aTjsxODQuMzA=" },
                { "recordId": "r2", "result": "Dropped", "data": "eyJ0IjoxfQ==" }
            ] })
        );
    }

    #[test]
    fn delivery_results_answer_every_record() {
        let event: KinesisAnalyticsOutputDeliveryEvent = serde_json::from_value(serde_json::json!({
            "invocationId": "i", "applicationArn": "arn:aws:kinesisanalytics:us-east-1:123456789012:application/a",
            "records": [{ "recordId": "o1", "data": "eyJ0IjoxfQ==" }, { "recordId": "o2", "data": "eyJ0IjoyfQ==", "lambdaDeliveryRecordMetadata": { "retryHint": 1 } }]
        }))
        .unwrap();
        let rows: Vec<std::collections::BTreeMap<String, u8>> = event.data_json().unwrap();
        assert_eq!(rows[1]["t"], 2);
        let response = event.respond_with(|record| if record.record_id == "o1" { record.delivered() } else { record.delivery_failed() });
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({ "records": [{ "recordId": "o1", "result": "Ok" }, { "recordId": "o2", "result": "DeliveryFailed" }] })
        );
    }
}
