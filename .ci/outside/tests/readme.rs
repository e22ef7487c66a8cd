use lambda_event_catalog::sqs::SqsEvent;
use lambda_event_catalog::testing::{self, Sample};

#[test]
fn fixtures_are_real_sqs_events() {
    testing::assert_fixtures::<SqsEvent>("tests/events/good"); // every *.json below the folder
}

#[test]
fn a_broken_fixture_names_the_member() {
    let report = testing::check::<SqsEvent>(br#"{"Records":[{"messageId":7}]}"#).unwrap_err();
    assert!(report.to_string().contains("/Records/0/messageId"));
}

#[test]
fn handler_accepts_a_real_event() {
    let event = SqsEvent::sample();
    assert!(!event.records.is_empty());
}
