//! A user's function: the ids of the messages whose body is no JSON object.
#![forbid(unsafe_code)]

use lambda_event_catalog::sqs::{SqsBatchResponse, SqsEvent};

pub fn handle(event: &SqsEvent) -> SqsBatchResponse {
    let mut response = SqsBatchResponse::default();
    for message in &event.records {
        if message.body_json::<serde_json::Map<String, serde_json::Value>>().is_err() {
            response.push_failed_message(message);
        }
    }
    response
}
