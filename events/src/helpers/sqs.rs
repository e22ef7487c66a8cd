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
    pub fn push_failed_message(&mut self, message: &SqsMessage) {
        self.batch_item_failures.push(BatchItemFailure { item_identifier: message.message_id.clone(), ..Default::default() });
    }
}
