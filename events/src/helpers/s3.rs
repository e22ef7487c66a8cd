//! S3 conveniences: URL-decoded object keys, event-name families, sequencer
//! ordering, Batch Operations responses built from a job's tasks, the Object
//! Lambda route and token, and notifications carried in SQS bodies (directly
//! or through SNS).

use std::cmp::Ordering;
use std::fmt;

use crate::s3::{
    S3BatchJobResponse, S3BatchResultCode, S3BatchTaskResult, S3EventBridgeBucket, S3EventBridgeEvent, S3EventBridgeObject, S3EventName, S3Object,
    S3ObjectLambdaEvent, S3ObjectLambdaSessionAttributes,
};

/// An object key that is not valid URL encoding: a `%` not followed by two
/// hexadecimal digits, or escapes that do not make UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3KeyDecodeError {
    offset: usize,
    reason: &'static str,
}

impl S3KeyDecodeError {
    /// The byte offset in the raw key where decoding failed.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for S3KeyDecodeError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the object key is not valid URL encoding at byte {}: {}", self.offset, self.reason)
    }
}

impl std::error::Error for S3KeyDecodeError {}

/// Decodes an S3 object key the way S3 encodes it in event notifications and
/// Batch Operations tasks: `+` is a space, then `%XX` escapes are bytes of
/// UTF-8 text (so `%2B` is a literal `+`).
#[inline]
pub(crate) fn url_decode_key(raw: &str) -> Result<String, S3KeyDecodeError> {
    fn hex(digit: u8) -> Option<u8> {
        match digit {
            b'0'..=b'9' => Some(digit - b'0'),
            b'a'..=b'f' => Some(digit - b'a' + 10),
            b'A'..=b'F' => Some(digit - b'A' + 10),
            _ => None,
        }
    }
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'+' => {
                decoded.push(b' ');
                index += 1;
            }
            b'%' => {
                let high = bytes.get(index + 1).copied().and_then(hex);
                let low = bytes.get(index + 2).copied().and_then(hex);
                let (Some(high), Some(low)) = (high, low) else {
                    return Err(S3KeyDecodeError { offset: index, reason: "`%` is not followed by two hexadecimal digits" });
                };
                decoded.push(high << 4 | low);
                index += 3;
            }
            other => {
                decoded.push(other);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).map_err(|error| {
        // The offset in the decoded bytes, mapped back to the raw key: count
        // the raw bytes that produced the valid prefix.
        let valid = error.utf8_error().valid_up_to();
        let mut produced = 0;
        let mut offset = 0;
        while produced < valid {
            offset += if bytes.get(offset) == Some(&b'%') { 3 } else { 1 };
            produced += 1;
        }
        S3KeyDecodeError { offset, reason: "the escapes do not make UTF-8 text" }
    })
}

impl S3Object {
    /// The object key decoded: `+` becomes a space, then `%XX` escapes are
    /// decoded (`Happy+Face%281%29.jpg` → `Happy Face(1).jpg`). The raw key
    /// in [`raw_key`](S3Object::raw_key) is left as sent, so writing the
    /// event back reproduces it; pass the decoded key to the S3 API.
    ///
    /// A handler that processes every record of an `s3.event`:
    ///
    /// ```
    /// use lambda_event_catalog_events::s3::S3Event;
    ///
    /// fn handle(event: &S3Event) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    ///     let mut done = Vec::new();
    ///     for record in &event.records {
    ///         let bucket = &record.s3.bucket.name;
    ///         let key = record.s3.object.url_decoded_key()?;
    ///         match record.event_name.family() {
    ///             "ObjectCreated" => {
    ///                 let size = record.s3.object.size.unwrap_or_default();
    ///                 done.push(format!("index s3://{bucket}/{key} ({size} bytes) at {}", record.event_time.instant()));
    ///             }
    ///             "ObjectRemoved" | "LifecycleExpiration" => done.push(format!("forget s3://{bucket}/{key}")),
    ///             _ => {} // restores, replication, tagging…: not ours
    ///         }
    ///     }
    ///     Ok(done)
    /// }
    ///
    /// let json = br#"{"Records":[
    ///   {"eventSource":"aws:s3","eventTime":"2024-03-18T09:14:27.512Z","eventName":"ObjectCreated:Put",
    ///    "s3":{"bucket":{"name":"example-media"},"object":{"key":"Summer+Trip+%281%29.jpg","size":2837412}}},
    ///   {"eventSource":"aws:s3","eventTime":"2024-03-18T09:20:00.000Z","eventName":"ObjectRemoved:Delete",
    ///    "s3":{"bucket":{"name":"example-media"},"object":{"key":"old%2Bphoto.jpg","sequencer":"0065F8053F7A1B2C3D"}}}]}"#;
    /// let event: S3Event = lambda_event_catalog_events::from_slice(json)?;
    /// assert_eq!(handle(&event)?, [
    ///     "index s3://example-media/Summer Trip (1).jpg (2837412 bytes) at 2024-03-18 09:14:27.512 UTC",
    ///     "forget s3://example-media/old+photo.jpg",
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn url_decoded_key(&self) -> Result<String, S3KeyDecodeError> {
        url_decode_key(&self.raw_key)
    }

    /// Orders two events of the same key by their `sequencer`, as S3
    /// documents: the shorter hexadecimal text is padded with leading zeros,
    /// then the texts compare. `None` when either event has no sequencer, or
    /// one is not hexadecimal. Only meaningful for events of the same key.
    #[inline]
    pub fn sequencer_cmp(&self, other: &S3Object) -> Option<Ordering> {
        let (mine, theirs) = (self.sequencer.as_deref()?, other.sequencer.as_deref()?);
        let is_hex = |text: &str| text.bytes().all(|byte| byte.is_ascii_hexdigit());
        if !is_hex(mine) || !is_hex(theirs) {
            return None;
        }
        let (mine, theirs) = (mine.trim_start_matches('0'), theirs.trim_start_matches('0'));
        let by_digits = mine.len().cmp(&theirs.len());
        Some(by_digits.then_with(|| mine.to_ascii_uppercase().cmp(&theirs.to_ascii_uppercase())))
    }
}

impl S3EventName {
    /// The family of the event: the part of the name before the first `:`
    /// (`ObjectCreated` for `ObjectCreated:Put`, `LifecycleTransition` for
    /// itself), ignoring an `s3:` prefix, which some public samples carry.
    /// Works for names the catalogue does not know yet.
    #[inline]
    pub fn family(&self) -> &str {
        let name = self.as_str();
        let name = name.strip_prefix("s3:").unwrap_or(name);
        name.split(':').next().unwrap_or(name)
    }

    /// The name without an `s3:` prefix, as a known variant when there is
    /// one (`s3:ObjectRestore:Completed` → `ObjectRestoreCompleted`). S3
    /// itself sends names without the prefix; samples elsewhere carry it.
    #[inline]
    pub fn without_s3_prefix(&self) -> S3EventName {
        match self.as_str().strip_prefix("s3:") {
            Some(name) => S3EventName::from(name),
            None => self.clone(),
        }
    }
}

/// The members a Batch Operations invocation has whatever its schema version,
/// so that one [`S3BatchJobResponse::from_results`] answers both. Implemented
/// by [`S3BatchJobEventV1`](crate::s3::S3BatchJobEventV1) and
/// [`S3BatchJobEventV2`](crate::s3::S3BatchJobEventV2) (the `s3_batch_job`
/// behaviour their schemas declare).
pub trait S3BatchJobInvocation {
    /// The task type of the schema version.
    type Task;
    /// `invocationSchemaVersion`.
    fn invocation_schema_version(&self) -> &str;
    /// `invocationId`.
    fn invocation_id(&self) -> &str;
    /// The tasks to process.
    fn tasks(&self) -> &[Self::Task];
    /// The `taskId` of a task.
    fn task_id(task: &Self::Task) -> &str;
}

impl S3BatchJobResponse {
    /// The response to a Batch Operations invocation (schema 1.0 or 2.0):
    /// `result` is called once per task, in order, and returns its result code
    /// and optional result string (for the completion report). The response
    /// carries the invocation's id and schema version; `treatMissingKeysAs` is
    /// left out (S3 then treats missing tasks as `PermanentFailure`).
    ///
    /// ```
    /// use lambda_event_catalog_events::s3::{S3BatchJobEventV2, S3BatchJobResponse, S3BatchResultCode};
    ///
    /// let json = br#"{"invocationSchemaVersion":"2.0","invocationId":"aW52b2NhdGlvbgo","job":{"id":"f3cc4f60"},
    ///   "tasks":[{"taskId":"dGFzawo","s3Key":"read%20me.txt","s3VersionId":null,"s3Bucket":"example-docs"}]}"#;
    /// let event: S3BatchJobEventV2 = lambda_event_catalog_events::from_slice(json)?;
    /// let response = S3BatchJobResponse::from_results(&event, |task| match task.url_decoded_key() {
    ///     Ok(key) => (S3BatchResultCode::Succeeded, Some(format!("copied {key}"))),
    ///     Err(error) => (S3BatchResultCode::PermanentFailure, Some(error.to_string())),
    /// });
    /// assert_eq!(response.invocation_id, "aW52b2NhdGlvbgo");
    /// assert_eq!(response.results[0].task_id, "dGFzawo");
    /// assert_eq!(response.results[0].result_string.as_deref(), Some("copied read me.txt"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_results<E, F>(event: &E, mut result: F) -> Self
    where
        E: S3BatchJobInvocation,
        F: FnMut(&E::Task) -> (S3BatchResultCode, Option<String>),
    {
        let results = event
            .tasks()
            .iter()
            .map(|task| {
                let (result_code, result_string) = result(task);
                S3BatchTaskResult { task_id: E::task_id(task).to_owned(), result_code, result_string, ..Default::default() }
            })
            .collect();
        S3BatchJobResponse {
            invocation_schema_version: event.invocation_schema_version().to_owned(),
            invocation_id: event.invocation_id().to_owned(),
            results,
            ..Default::default()
        }
    }
}

impl S3ObjectLambdaEvent {
    /// The `outputRoute` of a GetObject request: the `RequestRoute` of the
    /// `WriteGetObjectResponse` call that answers it. `None` for HeadObject
    /// and list requests, which are answered by the function's result.
    #[inline]
    pub fn output_route(&self) -> Option<&str> {
        self.get_object_context.as_ref().map(|context| context.output_route.as_str())
    }

    /// The `outputToken` of a GetObject request: the `RequestToken` of the
    /// `WriteGetObjectResponse` call that answers it. `None` for other requests.
    #[inline]
    pub fn output_token(&self) -> Option<&str> {
        self.get_object_context.as_ref().map(|context| context.output_token.as_str())
    }

    /// The presigned URL of the original data, from whichever of the four
    /// contexts the event carries.
    #[inline]
    pub fn input_s3_url(&self) -> Option<&str> {
        match (&self.get_object_context, &self.head_object_context, &self.list_objects_context, &self.list_objects_v2_context) {
            (Some(context), _, _, _) => Some(&context.input_s3_url),
            (None, Some(context), _, _) | (None, None, Some(context), _) | (None, None, None, Some(context)) => Some(&context.input_s3_url),
            (None, None, None, None) => None,
        }
    }
}

impl S3ObjectLambdaSessionAttributes {
    /// `mfaAuthenticated` read as a boolean: AWS sends the text `"true"` or
    /// `"false"`. `None` when it is absent or another text.
    #[inline]
    pub fn mfa_authenticated_flag(&self) -> Option<bool> {
        match self.mfa_authenticated.as_deref() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        }
    }
}

impl S3EventBridgeEvent {
    /// The bucket of the event, whatever its detail type; `None` for a detail type the catalogue does not know.
    #[inline]
    pub fn bucket(&self) -> Option<&S3EventBridgeBucket> {
        self.detail.bucket()
    }

    /// The object of the event, whatever its detail type; `None` for a detail type the catalogue does not know.
    #[inline]
    pub fn object(&self) -> Option<&S3EventBridgeObject> {
        self.detail.object()
    }
}

/// S3 notifications delivered to a queue, directly or through an SNS topic.
#[cfg(feature = "sqs")]
mod in_sqs {
    use serde_json::Value;

    use crate::payload::{PayloadError, RecordError};
    use crate::s3::S3Event;
    use crate::sqs::{SqsEvent, SqsMessage};

    /// The `Event` member of the message S3 sends when a notification is
    /// configured (the `s3.test_event` shape, detected by the same member).
    const TEST_EVENT: &str = "s3:TestEvent";

    /// `document`, carried in member `field`, as an S3 notification; `None`
    /// for the test event, which has no `Records`.
    // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
    #[inline]
    fn notification(field: &'static str, document: Value) -> Result<Option<S3Event>, PayloadError> {
        if document.get("Event").and_then(Value::as_str) == Some(TEST_EVENT) {
            return Ok(None);
        }
        crate::payload::decode_value(field, Some(&document)).map(Some)
    }

    impl SqsMessage {
        /// This message's body as an S3 notification (`s3.event`), for a
        /// handler that reports failures per message (`ReportBatchItemFailures`)
        /// rather than failing the whole batch: `Ok(None)` for the
        /// `s3:TestEvent` S3 sends when the notification is configured, an
        /// error naming the path in the body otherwise.
        ///
        /// ```
        /// use lambda_event_catalog_events::common::BatchResponse;
        /// use lambda_event_catalog_events::sqs::SqsEvent;
        ///
        /// let event: SqsEvent = serde_json::from_value(serde_json::json!({"Records": [
        ///   {"messageId": "m0", "eventSource": "aws:sqs", "body": "not a notification"},
        ///   {"messageId": "m1", "eventSource": "aws:sqs",
        ///    "body": r#"{"Records":[{"eventSource":"aws:s3","eventTime":"2024-03-18T09:14:27.512Z",
        ///      "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"media"},"object":{"key":"a+b.jpg"}}}]}"#}
        /// ]}))?;
        /// let mut response = BatchResponse::default();
        /// let mut keys = Vec::new();
        /// for message in &event.records {
        ///     match message.s3_event() {
        ///         Ok(notification) => keys.extend(notification.into_iter().flat_map(|n| n.records).map(|r| r.s3.object.raw_key)),
        ///         Err(_) => response.push_failed_message(message),
        ///     }
        /// }
        /// assert_eq!(keys, ["a+b.jpg"]);
        /// assert_eq!(response.batch_item_failures[0].item_identifier, "m0");
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        ///
        /// Needs the features `s3` and `sqs`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "s3", feature = "sqs"))))]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn s3_event(&self) -> Result<Option<S3Event>, PayloadError> {
            notification("body", self.body_json()?)
        }

        /// This message's body as an SNS message document whose `Message` is
        /// an S3 notification (a queue subscribed to a topic without raw
        /// message delivery; features `sqs`, `sns` and `s3`): `Ok(None)` for
        /// the `s3:TestEvent`, an error naming the member and path otherwise.
        ///
        /// Needs the features `s3`, `sqs` and `sns`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "s3", feature = "sqs", feature = "sns"))))]
        #[cfg(feature = "sns")]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn s3_event_via_sns(&self) -> Result<Option<S3Event>, PayloadError> {
            let sns: crate::sns::SnsMessage = self.body_json()?;
            notification("Message", sns.notification_json()?)
        }
    }

    impl SqsEvent {
        /// For a queue that is the destination of a bucket's event
        /// notifications (or of an SNS topic with raw message delivery):
        /// decodes each body as an S3 notification (`s3.event`), in order.
        ///
        /// The `s3:TestEvent` message S3 sends when the notification is
        /// configured is skipped: a body whose `Event` member is
        /// `s3:TestEvent` yields no notification. The first body that is no
        /// S3 notification fails the whole batch, with an error that names
        /// the message (by index and id) and the path in its body.
        ///
        /// ```
        /// use lambda_event_catalog_events::sqs::SqsEvent;
        ///
        /// let event: SqsEvent = serde_json::from_value(serde_json::json!({"Records": [
        ///   {"messageId": "m0", "eventSource": "aws:sqs",
        ///    "body": r#"{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"media"}"#},
        ///   {"messageId": "m1", "eventSource": "aws:sqs",
        ///    "body": r#"{"Records":[{"eventSource":"aws:s3","eventTime":"2024-03-18T09:14:27.512Z",
        ///      "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"media"},"object":{"key":"a+b.jpg"}}}]}"#}
        /// ]}))?;
        /// let notifications = event.s3_events()?;
        /// assert_eq!(notifications.len(), 1);
        /// assert_eq!(notifications[0].records[0].s3.object.url_decoded_key()?, "a b.jpg");
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        ///
        /// Needs the features `s3` and `sqs`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "s3", feature = "sqs"))))]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn s3_events(&self) -> Result<Vec<S3Event>, RecordError> {
            let notifications = crate::payload::decode_each(&self.records, |message| &message.message_id, SqsMessage::s3_event)?;
            Ok(notifications.into_iter().flatten().collect())
        }

        /// For a queue subscribed to an SNS topic (without raw message
        /// delivery) that a bucket notifies: decodes each body as an SNS
        /// message document, then its `Message` as an S3 notification, in
        /// order (features `sqs`, `sns` and `s3`).
        ///
        /// The `s3:TestEvent` message is skipped, as in
        /// [`s3_events`](SqsEvent::s3_events). A subscription confirmation
        /// carries no `Message` and is an error, as in
        /// [`sns_notifications_json`](SqsEvent::sns_notifications_json). The
        /// first failure names the SQS message (by index and id) and the
        /// member and path where decoding failed.
        ///
        /// Needs the features `s3`, `sqs` and `sns`.
        #[cfg_attr(docsrs, doc(cfg(all(feature = "s3", feature = "sqs", feature = "sns"))))]
        #[cfg(feature = "sns")]
        // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
        #[inline]
        pub fn s3_events_via_sns(&self) -> Result<Vec<S3Event>, RecordError> {
            let notifications = crate::payload::decode_each(&self.records, |message| &message.message_id, SqsMessage::s3_event_via_sns)?;
            Ok(notifications.into_iter().flatten().collect())
        }
    }

    #[cfg(test)]
    mod tests {
        use crate::sqs::SqsEvent;

        const NOTIFICATION: &str = r#"{"Records":[{"eventSource":"aws:s3","eventTime":"2024-03-18T09:14:27.512Z",
            "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"media"},"object":{"key":"photos/Summer+Trip.jpg","size":2048}}}]}"#;
        const TEST_EVENT: &str = r#"{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2024-03-18T09:10:02.089Z",
            "Bucket":"media","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4"}"#;
        /// A notification whose `eventTime` is no timestamp.
        const MALFORMED: &str = r#"{"Records":[{"eventSource":"aws:s3","eventTime":"yesterday",
            "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"media"},"object":{"key":"k"}}}]}"#;

        fn queue(bodies: &[&str]) -> SqsEvent {
            let records: Vec<serde_json::Value> = bodies
                .iter()
                .enumerate()
                .map(|(index, body)| serde_json::json!({"messageId": format!("m{index}"), "body": body, "eventSource": "aws:sqs"}))
                .collect();
            serde_json::from_value(serde_json::json!({ "Records": records })).unwrap()
        }

        #[test]
        fn notifications_in_bodies_decode_and_the_test_event_is_skipped() {
            let notifications = queue(&[TEST_EVENT, NOTIFICATION, NOTIFICATION]).s3_events().unwrap();
            assert_eq!(notifications.len(), 2);
            let object = &notifications[0].records[0].s3.object;
            assert_eq!((object.url_decoded_key().unwrap().as_str(), object.size), ("photos/Summer Trip.jpg", Some(2048)));
            assert!(queue(&[TEST_EVENT]).s3_events().unwrap().is_empty());
        }

        #[test]
        fn a_malformed_notification_names_its_message_and_path() {
            let error = queue(&[NOTIFICATION, MALFORMED]).s3_events().unwrap_err();
            assert_eq!((error.index(), error.id()), (1, Some("m1")));
            let message = error.to_string();
            assert!(message.starts_with("record 1 (m1): `body` does not hold the expected JSON: at Records[0].eventTime: "), "{message}");
            let error = queue(&["not json"]).s3_events().unwrap_err();
            assert!(error.to_string().starts_with("record 0 (m0): `body` does not hold the expected JSON"), "{error}");
            // Another service's document is no notification, not a test event.
            let error = queue(&[r#"{"Event":"s3:SomethingElse"}"#]).s3_events().unwrap_err();
            assert!(error.to_string().contains("Records"), "{error}");
        }

        #[test]
        fn each_message_decodes_on_its_own() {
            let event = queue(&[NOTIFICATION, MALFORMED, TEST_EVENT]);
            let outcomes: Vec<_> = event.records.iter().map(|message| message.s3_event()).collect();
            assert_eq!(outcomes[0].as_ref().unwrap().as_ref().unwrap().records[0].s3.bucket.name, "media");
            let error = outcomes[1].as_ref().unwrap_err().to_string();
            assert!(error.starts_with("`body` does not hold the expected JSON: at Records[0].eventTime: "), "{error}");
            assert!(outcomes[2].as_ref().unwrap().is_none());
        }

        #[cfg(feature = "sns")]
        fn via_sns(message: &str) -> String {
            serde_json::json!({"Type": "Notification", "MessageId": "n1", "TopicArn": "arn:aws:sns:us-east-1:123456789012:uploads", "Message": message})
                .to_string()
        }

        #[cfg(feature = "sns")]
        #[test]
        fn notifications_in_sns_messages_decode_and_the_test_event_is_skipped() {
            let notifications = queue(&[&via_sns(TEST_EVENT), &via_sns(NOTIFICATION)]).s3_events_via_sns().unwrap();
            assert_eq!(notifications.len(), 1);
            assert_eq!(notifications[0].records[0].s3.bucket.name, "media");
        }

        #[cfg(feature = "sns")]
        #[test]
        fn a_malformed_notification_in_sns_names_its_message_and_path() {
            let error = queue(&[&via_sns(NOTIFICATION), &via_sns(MALFORMED)]).s3_events_via_sns().unwrap_err();
            assert_eq!((error.index(), error.id()), (1, Some("m1")));
            let message = error.to_string();
            assert!(message.starts_with("record 1 (m1): `Message` does not hold the expected JSON: at Records[0].eventTime: "), "{message}");
            let confirmation = r#"{"Type":"SubscriptionConfirmation","MessageId":"c1","TopicArn":"arn:aws:sns:us-east-1:123456789012:uploads"}"#;
            let error = queue(&[confirmation]).s3_events_via_sns().unwrap_err();
            assert!(error.to_string().contains("not a Notification"), "{error}");
            // A notification delivered raw is no SNS notification.
            let error = queue(&[NOTIFICATION]).s3_events_via_sns().unwrap_err();
            assert!(error.to_string().starts_with("record 0 (m0): `Message (this SNS message is not a Notification)`"), "{error}");
            let error = queue(&["not json"]).s3_events_via_sns().unwrap_err();
            assert!(error.to_string().starts_with("record 0 (m0): `body` does not hold the expected JSON"), "{error}");
            let event = queue(&[&via_sns(MALFORMED), &via_sns(TEST_EVENT)]);
            let error = event.records[0].s3_event_via_sns().unwrap_err().to_string();
            assert!(error.starts_with("`Message` does not hold the expected JSON: at Records[0].eventTime: "), "{error}");
            assert!(event.records[1].s3_event_via_sns().unwrap().is_none());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::S3EventBridgeEventDetail;
    use crate::s3::{S3BatchJobEventV1, S3BatchJobEventV2, S3Event, S3EventRecord};

    fn object(key: &str, sequencer: Option<&str>) -> S3Object {
        S3Object { raw_key: key.to_owned(), sequencer: sequencer.map(str::to_owned), ..Default::default() }
    }

    #[test]
    fn keys_decode_plus_then_percent_escapes() {
        assert_eq!(object("Happy+Face.jpg", None).url_decoded_key().as_deref(), Ok("Happy Face.jpg"));
        assert_eq!(object("a%2Bb+c", None).url_decoded_key().as_deref(), Ok("a+b c"));
        assert_eq!(object("caf%C3%A9%20menu%2fv2", None).url_decoded_key().as_deref(), Ok("café menu/v2"));
        assert_eq!(object("plain/key.txt", None).url_decoded_key().as_deref(), Ok("plain/key.txt"));
        assert_eq!(object("", None).url_decoded_key().as_deref(), Ok(""));
        assert_eq!(object("%25", None).url_decoded_key().as_deref(), Ok("%"));
    }

    #[test]
    fn invalid_escapes_are_errors_not_panics() {
        for (raw, offset) in [("100%", 3), ("a%2", 1), ("%zz", 0), ("ok%4g", 2), ("%", 0), ("x%é", 1)] {
            let error = object(raw, None).url_decoded_key().err();
            assert_eq!(error.as_ref().map(S3KeyDecodeError::offset), Some(offset), "{raw}");
        }
        let error = object("ab%FF%FE", None).url_decoded_key().err();
        assert_eq!(error.as_ref().map(S3KeyDecodeError::offset), Some(2));
        assert!(error.map(|error| error.to_string()).unwrap_or_default().contains("UTF-8"));
    }

    #[test]
    fn the_raw_key_is_what_is_written_back() -> Result<(), Box<dyn std::error::Error>> {
        let json = br#"{"Records":[{"eventSource":"aws:s3","eventTime":"2024-01-01T00:00:00.000Z","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"a+b%2Bc"}}}]}"#;
        let event: S3Event = crate::from_slice(json)?;
        let object = &event.records.first().ok_or("no record")?.s3.object;
        assert_eq!(object.url_decoded_key()?, "a b+c");
        let written = serde_json::to_value(&event)?;
        assert_eq!(written.pointer("/Records/0/s3/object/key"), Some(&serde_json::json!("a+b%2Bc")));
        assert_eq!(written.pointer("/Records/0/eventTime"), Some(&serde_json::json!("2024-01-01T00:00:00.000Z")));
        Ok(())
    }

    #[test]
    fn sequencers_compare_after_zero_padding() {
        let older = object("k", Some("0055AED6DCD90281E5"));
        let newer = object("k", Some("0055AED6DCD90281E6"));
        let longer = object("k", Some("55AED6DCD90281E7"));
        assert_eq!(older.sequencer_cmp(&newer), Some(Ordering::Less));
        assert_eq!(newer.sequencer_cmp(&older), Some(Ordering::Greater));
        assert_eq!(longer.sequencer_cmp(&newer), Some(Ordering::Greater));
        assert_eq!(older.sequencer_cmp(&object("k", Some("55aed6dcd90281e5"))), Some(Ordering::Equal));
        assert_eq!(older.sequencer_cmp(&object("k", None)), None);
        assert_eq!(older.sequencer_cmp(&object("k", Some("Happy Sequencer"))), None);
    }

    #[test]
    fn event_name_families_ignore_the_s3_prefix() {
        let name = |text: &str| S3EventName::from(text);
        assert_eq!(name("ObjectCreated:Put").family(), "ObjectCreated");
        assert_eq!(name("ObjectRemoved:DeleteMarkerCreated").family(), "ObjectRemoved");
        assert_eq!(name("LifecycleTransition").family(), "LifecycleTransition");
        assert_eq!(name("s3:ObjectRestore:Completed").family(), "ObjectRestore");
        assert_eq!(name("ObjectAnnotation:Put").family(), "ObjectAnnotation");
        assert_eq!(name("s3:ObjectRestore:Completed").without_s3_prefix(), S3EventName::ObjectRestoreCompleted);
        assert_eq!(name("s3:IntelligentTiering").without_s3_prefix(), S3EventName::IntelligentTiering);
        assert_eq!(name("ObjectAcl:Put").without_s3_prefix(), S3EventName::ObjectAclPut);
        assert_eq!(name("s3:Future:Thing").without_s3_prefix(), S3EventName::Other("Future:Thing".to_owned()));
    }

    #[test]
    fn unknown_event_names_are_kept() -> Result<(), Box<dyn std::error::Error>> {
        let record: S3EventRecord = crate::from_slice(
            br#"{"eventSource":"aws:s3","eventTime":"2026-01-05T12:00:00.000Z","eventName":"ObjectAnnotation:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}"#,
        )?;
        assert_eq!(record.event_name, S3EventName::Other("ObjectAnnotation:Put".to_owned()));
        assert_eq!(serde_json::to_value(&record)?["eventName"], "ObjectAnnotation:Put");
        Ok(())
    }

    #[test]
    fn batch_responses_answer_v1_and_v2_jobs() -> Result<(), Box<dyn std::error::Error>> {
        let v1: S3BatchJobEventV1 = crate::from_slice(
            br#"{"invocationSchemaVersion":"1.0","invocationId":"aW52MQ","job":{"id":"j1"},"tasks":[
                {"taskId":"t1","s3Key":"a%20b","s3VersionId":"1","s3BucketArn":"arn:aws:s3:::b"},
                {"taskId":"t2","s3Key":"bad%","s3VersionId":null,"s3BucketArn":"arn:aws:s3:::b"}]}"#,
        )?;
        let response = S3BatchJobResponse::from_results(&v1, |task| match task.url_decoded_key() {
            Ok(key) => (S3BatchResultCode::Succeeded, Some(key)),
            Err(_) => (S3BatchResultCode::PermanentFailure, None),
        });
        assert_eq!(
            serde_json::to_value(&response)?,
            serde_json::json!({"invocationSchemaVersion": "1.0", "invocationId": "aW52MQ", "results": [
                {"taskId": "t1", "resultCode": "Succeeded", "resultString": "a b"},
                {"taskId": "t2", "resultCode": "PermanentFailure"}]})
        );

        let v2: S3BatchJobEventV2 = crate::from_slice(
            br#"{"invocationSchemaVersion":"2.0","invocationId":"aW52Mg","job":{"id":"j2","userArguments":{"mode":"retry"}},
                "tasks":[{"taskId":"t3","s3Key":"k","s3Bucket":"b"}]}"#,
        )?;
        let mode = v2.job.user_arguments.as_ref().and_then(|arguments| arguments.get("mode")).cloned();
        let response = S3BatchJobResponse::from_results(&v2, |_| (S3BatchResultCode::TemporaryFailure, mode.clone()));
        assert_eq!(response.invocation_schema_version, "2.0");
        assert_eq!(response.invocation_id, "aW52Mg");
        assert_eq!(response.results.len(), 1);
        assert_eq!(response.results.first().map(|result| result.result_code.clone()), Some(S3BatchResultCode::TemporaryFailure));
        assert_eq!(response.results.first().and_then(|result| result.result_string.as_deref()), Some("retry"));
        Ok(())
    }

    const GET_OBJECT: &[u8] = br#"{"xAmzRequestId":"r","getObjectContext":{"inputS3Url":"https://ap/k?sig","outputRoute":"io-use1-001","outputToken":"tok"},
        "configuration":{"accessPointArn":"arn:a","supportingAccessPointArn":"arn:s","payload":"{\"level\":3}"},
        "userRequest":{"url":"https://olap/k","headers":{"Host":"olap"}},
        "userIdentity":{"type":"AssumedRole","sessionContext":{"attributes":{"mfaAuthenticated":"true"}}}}"#;

    #[test]
    fn object_lambda_route_token_and_input() -> Result<(), Box<dyn std::error::Error>> {
        let event: S3ObjectLambdaEvent = crate::from_slice(GET_OBJECT)?;
        assert_eq!(event.output_route(), Some("io-use1-001"));
        assert_eq!(event.output_token(), Some("tok"));
        assert_eq!(event.input_s3_url(), Some("https://ap/k?sig"));
        assert_eq!(event.configuration.payload_json::<serde_json::Value>()?["level"], 3);
        let attributes = event
            .user_identity
            .as_ref()
            .and_then(|identity| identity.session_context.as_ref())
            .and_then(|context| context.attributes.as_ref())
            .ok_or("no session attributes")?;
        assert_eq!(attributes.mfa_authenticated.as_deref(), Some("true"));
        assert_eq!(attributes.mfa_authenticated_flag(), Some(true));
        assert_eq!(serde_json::to_value(&event)?.pointer("/userIdentity/sessionContext/attributes/mfaAuthenticated"), Some(&serde_json::json!("true")));

        let head: S3ObjectLambdaEvent = crate::from_slice(
            br#"{"xAmzRequestId":"r","listObjectsV2Context":{"inputS3Url":"https://ap/?list-type=2"},
                "configuration":{"accessPointArn":"arn:a","supportingAccessPointArn":"arn:s"},"userRequest":{}}"#,
        )?;
        assert_eq!(head.output_route(), None);
        assert_eq!(head.output_token(), None);
        assert_eq!(head.input_s3_url(), Some("https://ap/?list-type=2"));
        assert_eq!(S3ObjectLambdaSessionAttributes { mfa_authenticated: Some("yes".into()), ..Default::default() }.mfa_authenticated_flag(), None);
        Ok(())
    }

    #[test]
    fn eventbridge_unknown_detail_types_are_kept() -> Result<(), Box<dyn std::error::Error>> {
        let json = br#"{"version":"0","id":"e0f1","detail-type":"Object Renamed","source":"aws.s3","account":"123456789012",
            "time":"2026-01-05T12:00:00Z","region":"us-east-1","resources":["arn:aws:s3:::b"],
            "detail":{"version":"0","bucket":{"name":"b"},"object":{"key":"new.txt"},"source-key":"old.txt"}}"#;
        let event: S3EventBridgeEvent = crate::from_slice(json)?;
        assert!(matches!(event.detail, S3EventBridgeEventDetail::Unknown(_)));
        assert_eq!(event.detail_type, "Object Renamed");
        assert!(event.object().is_none());
        assert_eq!(serde_json::to_value(&event)?, serde_json::from_slice::<serde_json::Value>(json)?);
        Ok(())
    }

    #[test]
    fn eventbridge_accessors_reach_every_variant() -> Result<(), Box<dyn std::error::Error>> {
        let json = br#"{"version":"0","id":"e0f2","detail-type":"Object Deleted","source":"aws.s3","account":"123456789012",
            "time":"2024-04-02T17:04:12Z","region":"us-east-1","resources":["arn:aws:s3:::b"],
            "detail":{"version":"0","bucket":{"name":"b"},"object":{"key":"gone.txt","sequencer":"00"},
            "reason":"DeleteObject","deletion-type":"Delete Marker Created"}}"#;
        let event: S3EventBridgeEvent = crate::from_slice(json)?;
        assert_eq!(event.detail_type, "Object Deleted");
        assert_eq!(event.bucket().map(|bucket| bucket.name.as_str()), Some("b"));
        assert_eq!(event.object().map(|object| object.raw_key.as_str()), Some("gone.txt"));
        Ok(())
    }
}
