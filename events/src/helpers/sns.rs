use crate::payload::{PayloadError, RecordError};
use crate::sns::{SnsEvent, SnsMessage};

impl SnsEvent {
    /// Decodes the JSON `Message` of every record into `T`, in order. The
    /// first failure names the record (by index and message id) and the path
    /// in its message.
    pub fn messages_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(&self.records, |record| &record.sns.message_id, |record| record.sns.message_json())
    }
}

impl SnsMessage {
    /// Decodes the published JSON `Message` of a notification into `T`; a
    /// confirmation carries no published message, which is an error naming it.
    pub fn notification_json<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        match self {
            SnsMessage::Notification(notification) => notification.message_json(),
            _ => Err(PayloadError::Absent { field: "Message (this SNS message is not a Notification)" }),
        }
    }
}

#[cfg(feature = "sqs")]
impl crate::sqs::SqsEvent {
    /// For a queue subscribed to an SNS topic (without raw message delivery):
    /// decodes each body as an SNS message document, then its published
    /// `Message` as JSON into `T`. The first failure names the SQS record.
    ///
    /// Needs the features `sqs` and `sns`.
    #[cfg_attr(docsrs, doc(cfg(all(feature = "sqs", feature = "sns"))))]
    pub fn sns_notifications_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(
            &self.records,
            |record| &record.message_id,
            |record| {
                let message: SnsMessage = record.body_json()?;
                message.notification_json()
            },
        )
    }
}

#[cfg(all(test, feature = "sqs"))]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Alarm {
        state: String,
    }

    #[test]
    fn sns_in_sqs_names_the_failing_record() {
        let notification = r#"{"Type":"Notification","MessageId":"n1","TopicArn":"arn:aws:sns:eu-west-1:123456789012:t","Message":"{\"state\":\"ALARM\"}"}"#;
        let confirmation = r#"{"Type":"SubscriptionConfirmation","MessageId":"c1","TopicArn":"arn:aws:sns:eu-west-1:123456789012:t"}"#;
        let event = |bodies: &[&str]| {
            let records: Vec<serde_json::Value> = bodies
                .iter()
                .enumerate()
                .map(|(index, body)| serde_json::json!({"messageId": format!("m{index}"), "body": body, "eventSource": "aws:sqs"}))
                .collect();
            serde_json::from_value::<crate::sqs::SqsEvent>(serde_json::json!({ "Records": records })).unwrap()
        };
        let alarms: Vec<Alarm> = event(&[notification]).sns_notifications_json().unwrap();
        assert_eq!(alarms, [Alarm { state: "ALARM".into() }]);
        let error = event(&[notification, confirmation]).sns_notifications_json::<Alarm>().unwrap_err();
        assert_eq!(error.index(), 1);
        assert_eq!(error.to_string(), "record 1 (m1): `Message (this SNS message is not a Notification)` is absent");
        let error = event(&[notification, "not json"]).sns_notifications_json::<Alarm>().unwrap_err();
        assert!(error.to_string().starts_with("record 1 (m1): `body` does not hold the expected JSON"), "{error}");
    }
}
