use lambda_event_catalog::sqs::{SqsBatchResponse, SqsEventSource, SqsMessage};

#[test]
fn values_are_built_without_struct_literals() {
    let mut message = SqsMessage::default();
    message.message_id = "059f36b4-87a3-44ab-83d2-661975830a7d".to_owned();
    message.event_source = SqsEventSource::AwsSqs;
    let mut response = SqsBatchResponse::default();
    response.push_failed_message(&message);
    let kind = match &message.event_source {
        SqsEventSource::AwsSqs => "queue",
        _ => "a source this code does not know yet", // the enum is #[non_exhaustive]
    };
    assert_eq!((kind, response.batch_item_failures.len()), ("queue", 1));
}
