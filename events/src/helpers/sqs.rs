//! A message's body is text, often a JSON document: `body_json::<T>()`
//! reads one body, [`SqsEvent::bodies_json`](crate::sqs::SqsEvent::bodies_json)
//! every body of the batch, and `BatchResponse::push_failed_message` reports a
//! message for a partial batch failure.
//!
//! Bodies that carry events of the catalogue have helpers of their own, each
//! compiled with the features of both sources:
//!
//! | the queue receives | read it with | features |
//! |---|---|---|
//! | SNS notifications (a subscription without raw message delivery) | `SqsEvent::sns_notifications_json::<T>()`, or `message.body_json::<SnsMessage>()` | `sqs`, `sns` |
//! | S3 event notifications | `SqsEvent::s3_events()`, per message `SqsMessage::s3_event()` (both skip the `s3:TestEvent`) | `sqs`, `s3` |
//! | S3 event notifications through an SNS topic | `SqsEvent::s3_events_via_sns()`, per message `SqsMessage::s3_event_via_sns()` | `sqs`, `sns`, `s3` |
//! | EventBridge events (an EventBridge rule's SQS target) | `message.body_json::<EventBridgeEvent>()`, or the typed event (`S3EventBridgeEvent`, `EcsEvent`, …) | `sqs`, `eventbridge` (or the typed event's source) |

use crate::common::{BatchItemFailure, BatchResponse};
use crate::sqs::{SqsEvent, SqsMessage};

impl SqsEvent {
    /// Decodes the JSON body of every message into `T`, in order. The first
    /// failure names the message (by index and id) and the path in its body.
    pub fn bodies_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, crate::payload::RecordError> {
        crate::payload::decode_each(&self.records, |message| &message.message_id, |message| message.body_json())
    }
}

impl BatchResponse {
    /// Reports `message` as failed, to be delivered again.
    #[inline]
    pub fn push_failed_message(&mut self, message: &SqsMessage) {
        self.batch_item_failures.push(BatchItemFailure { item_identifier: message.message_id.clone(), ..Default::default() });
    }
}
