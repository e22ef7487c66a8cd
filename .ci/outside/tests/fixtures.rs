//! The function's own fixtures, checked against the catalogue's schemas
//! from outside its repository.
use lambda_event_catalog::sqs::SqsEvent;
use lambda_event_catalog::testing::{self, Sample};

#[test]
fn the_good_fixtures_pass() {
    testing::assert_fixtures::<SqsEvent>("tests/events/good");
}

#[test]
fn a_broken_fixture_fails_naming_the_pointer() {
    let report = testing::check::<SqsEvent>(&std::fs::read("tests/events/broken/message-id-number.json").unwrap()).unwrap_err();
    let text = report.to_string();
    // The schema and the type both reject the number: one problem says so.
    assert!(text.contains("/Records/0/messageId: schema and parse:"), "{text}");
    assert_eq!(report.problems().len(), 1, "{text}");
}

#[test]
fn a_fixture_saved_with_a_byte_order_mark_is_told_so() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read("tests/events/good/order.json").unwrap());
    let report = testing::check::<SqsEvent>(&bytes).unwrap_err();
    let text = report.to_string();
    assert!(text.contains("(root): json: starts with a byte order mark"), "{text}");
    assert_eq!(report.problems().len(), 1, "checked as if the mark were absent, the fixture is good: {text}");
}

#[test]
#[should_panic(expected = "/Records/0/messageId")]
fn assert_fixture_panics_with_the_report() {
    testing::assert_fixture::<SqsEvent>("tests/events/broken/message-id-number.json");
}

#[test]
fn the_sample_is_a_real_event() {
    let event = SqsEvent::sample();
    assert!(!event.records.is_empty());
    assert!(outside_user::handle(&event).batch_item_failures.len() <= event.records.len());
}
