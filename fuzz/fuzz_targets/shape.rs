//! Arbitrary bytes → the type of one shape of the registry → if they
//! parsed, the write-back must equal the input (the lossless rule of
//! `lambda_event_catalog::lossless`), and must itself parse and write back
//! the same.
//!
//! Every input that parses is also checked for:
//! - member order: the input with every object's members in reversed order
//!   (written by [`reversed`], below) parses too, to the same value; member
//!   unions and tagged unions read their members differently before and after
//!   their tag, and neither order may change the outcome. An input with the
//!   same member twice in one object is left out of this check: there the
//!   order does change what the document says (which value is the last one).
//! - the shapes with code of their own: the CloudWatch Logs decoders of
//!   `kinesis.event`, `firehose.event` and `cloudwatch_logs.event` (inflating
//!   within an [`UnpackBudget`], which is never overdrawn), and Kafka's header
//!   bytes (`kafka.event`). See [`unpack`] and [`kafka`].
//!
//! One binary serves every shape, chosen by the `FUZZ_SHAPE` environment
//! variable (`run.sh` runs it once per shape, each with its own corpus), rather
//! than one binary per shape or a shape index in the first input byte: a new
//! source is fuzzed as soon as its shapes are in the registry, with no target
//! to add; each shape keeps its own corpus and coverage, so libFuzzer sees
//! which inputs are new for *that* type; and corpora stay valid when shapes
//! are added, which would renumber indexes.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use lambda_event_catalog::budget::UnpackBudget;
use lambda_event_catalog::lossless;
use lambda_event_catalog::shape::{self, RegisteredShape};
use libfuzzer_sys::fuzz_target;

static SHAPE: LazyLock<&'static RegisteredShape> = LazyLock::new(|| {
    let ids: Vec<&str> = shape::shapes().iter().map(RegisteredShape::id).collect();
    let id = std::env::var("FUZZ_SHAPE").unwrap_or_default();
    shape::shape(&id).unwrap_or_else(|| panic!("set FUZZ_SHAPE to one of: {}", ids.join(" ")))
});

fuzz_target!(
    init: {
        // `FUZZ_SHAPE=list` prints the registry's shape ids, for run.sh.
        if std::env::var("FUZZ_SHAPE").as_deref() == Ok("list") {
            shape::shapes().iter().for_each(|shape| println!("{}", shape.id()));
            std::process::exit(0);
        }
        reversed::self_check();
        LazyLock::force(&SHAPE);
    },
    |data: &[u8]| {
        let shape = *SHAPE;
        let Ok(written) = shape.parse_and_write(data) else { return };
        let original: serde_json::Value = serde_json::from_slice(data).expect("a document that parses is JSON");
        let differences = lossless::compare(&original, &written);
        assert!(differences.is_empty(), "{}: the write-back differs: {}", shape.id(), differences.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "));
        let text = serde_json::to_vec(&written).expect("a JSON value prints");
        let again = shape.parse_and_write(&text).unwrap_or_else(|error| panic!("{}: the write-back does not parse: {error}", shape.id()));
        assert_eq!(written, again, "{}: writing back the write-back changes it", shape.id());

        // Member order.
        if let Some(reversed) = reversed::reversed(data) {
            let same: serde_json::Value = serde_json::from_str(&reversed).expect("the reversed document is JSON");
            assert_eq!(same, original, "the fuzz target's reversing writer changed the document: {reversed}");
            let again = shape
                .parse_and_write(reversed.as_bytes())
                .unwrap_or_else(|error| panic!("{}: with its members in reversed order the document does not parse: {error}\n{reversed}", shape.id()));
            assert_eq!(written, again, "{}: with its members in reversed order the document parses to another value\n{reversed}", shape.id());
        }

        // The shapes' own code.
        match shape.id() {
            "kinesis.event" => unpack::kinesis(data),
            "firehose.event" => unpack::firehose(data),
            "cloudwatch_logs.event" => unpack::cloudwatch_logs(data),
            "kafka.event" => kafka::headers(data, &original),
            _ => {}
        }
    }
);

/// The input written back with every object's members in reversed order.
///
/// The fuzz crate's `serde_json` is built without `preserve_order` (its
/// `Map` is a `BTreeMap`, sorted by name), so a `serde_json::Value` has lost
/// the input's order. Turning `preserve_order` on here would change the
/// library under test: cargo unifies features, so every `unknown_fields` map
/// of the catalogue would become an `IndexMap` (another write-back order,
/// other `remove` semantics, other speed), and the fuzzer would test a build
/// users do not get. Instead the input is read with `RawValue` (the
/// `raw_value` feature, which the events crate already turns on, so nothing
/// changes): an object as its members in input order, an array as its items,
/// and every other value kept as its exact text (numbers keep their digits,
/// strings their escapes).
mod reversed {
    use std::collections::HashSet;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde_json::value::RawValue;

    /// An object's members in input order, each value as its text.
    struct Members<'a>(Vec<(String, &'a RawValue)>);

    impl<'de> Deserialize<'de> for Members<'de> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct MembersVisitor;
            impl<'de> Visitor<'de> for MembersVisitor {
                type Value = Members<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                    let mut members = Vec::new();
                    while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                        members.push(member);
                    }
                    Ok(Members(members))
                }
            }
            deserializer.deserialize_map(MembersVisitor)
        }
    }

    /// An object has the same member (by its decoded name) twice.
    struct Repeated;

    /// The JSON document `json` with every object's members in reversed
    /// order (arrays keep theirs); `None` when some object has a member
    /// twice, or `json` is no JSON.
    pub fn reversed(json: &[u8]) -> Option<String> {
        let root: &RawValue = serde_json::from_slice(json).ok()?;
        let mut out = String::with_capacity(json.len());
        write(root, &mut out).ok()?;
        Some(out)
    }

    fn write(raw: &RawValue, out: &mut String) -> Result<(), Repeated> {
        let text = raw.get().trim_start();
        match text.as_bytes().first() {
            Some(b'{') => {
                let Members(members) = serde_json::from_str(text).expect("a raw object reads as members");
                let mut names = HashSet::with_capacity(members.len());
                if !members.iter().all(|(name, _)| names.insert(name.as_str())) {
                    return Err(Repeated);
                }
                out.push('{');
                for (index, (name, value)) in members.iter().rev().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(name).expect("a string prints"));
                    out.push(':');
                    write(value, out)?;
                }
                out.push('}');
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text).expect("a raw array reads as items");
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write(item, out)?;
                }
                out.push(']');
            }
            _ => out.push_str(text),
        }
        Ok(())
    }

    /// Checked once at start-up: the order really is reversed relative to the
    /// input text (not sorted), scalars keep their text, and a repeated
    /// member leaves the document out.
    pub fn self_check() {
        let input = br#" {"b": 1.50, "a": {"z": [{"y": "\u0041", "x": -0}, 2], "c": null}, "m": 1e2} "#;
        let expected = r#"{"m":1e2,"a":{"c":null,"z":[{"x":-0,"y":"\u0041"},2]},"b":1.50}"#;
        assert_eq!(reversed(input).as_deref(), Some(expected));
        assert!(reversed(br#"{"a":{"k":1,"\u006b":2}}"#).is_none(), "a repeated member (by its decoded name) is left out");
        assert!(reversed(br#"[{"k":1},{"k":2}]"#).is_some(), "the same name in two objects is no repetition");
    }
}

/// `x-compression`: the CloudWatch Logs batches that Kinesis, Firehose and
/// CloudWatch Logs events carry gzipped. After a parse, the typed decoders
/// run on every record and must return (`Ok` or `Err`) without panicking;
/// the whole-batch helpers must agree with the per-record ones; and
/// `gunzip_within` is run on the records' data in order against shared
/// budgets (a small one, one of exactly what the records inflate to, and
/// one byte less), checking after every call that the budget is never
/// overdrawn and that `remaining()` is what was taken from it.
mod unpack {
    use super::UnpackBudget;
    use lambda_event_catalog::budget::DOCUMENT_UNPACK_LIMIT;
    use lambda_event_catalog::cloudwatch_logs::{gunzip, gunzip_within, CloudWatchLogsData, CloudWatchLogsEvent, GunzipError, MAX_DECOMPRESSED_LEN};
    use lambda_event_catalog::firehose::FirehoseEvent;
    use lambda_event_catalog::kinesis::KinesisEvent;
    use lambda_event_catalog::payload::{PayloadError, RecordError};

    /// The small budget the records share: a few CloudWatch Logs batches.
    const SMALL_BUDGET: usize = 1024;

    pub fn kinesis(data: &[u8]) {
        let event: KinesisEvent = lambda_event_catalog::from_slice(data).expect("a kinesis.event document parses as KinesisEvent");
        let streams: Vec<&[u8]> = event.records.iter().map(|record| record.kinesis.data.as_bytes()).collect();
        let each: Vec<_> = event.records.iter().map(|record| record.kinesis.cloudwatch_logs_data()).collect();
        let unbounded: Vec<_> = streams.iter().map(|stream| gunzip(stream)).collect();
        batch_agrees(&unbounded, &event.cloudwatch_logs_data(), &each);
        budgets(&streams, &unbounded);
    }

    pub fn firehose(data: &[u8]) {
        let event: FirehoseEvent = lambda_event_catalog::from_slice(data).expect("a firehose.event document parses as FirehoseEvent");
        let streams: Vec<&[u8]> = event.records.iter().map(|record| record.data.as_bytes()).collect();
        let each: Vec<_> = event.records.iter().map(|record| record.cloudwatch_logs_data()).collect();
        let unbounded: Vec<_> = streams.iter().map(|stream| gunzip(stream)).collect();
        batch_agrees(&unbounded, &event.cloudwatch_logs_data(), &each);
        budgets(&streams, &unbounded);
    }

    pub fn cloudwatch_logs(data: &[u8]) {
        let event: CloudWatchLogsEvent = lambda_event_catalog::from_slice(data).expect("a cloudwatch_logs.event document parses as CloudWatchLogsEvent");
        let stream = event.awslogs.data.as_bytes();
        let inflated = gunzip(stream);
        let decompressed = event.decompressed_data();
        let parsed = event.data();
        match &inflated {
            Ok(json) => {
                assert_eq!(decompressed.as_ref().ok(), Some(json), "decompressed_data() differs from gunzip()");
                let expected = lambda_event_catalog::from_slice::<CloudWatchLogsData>(json);
                match (&parsed, &expected) {
                    (Ok(parsed), Ok(expected)) => assert_eq!(parsed, expected, "data() differs from parsing the inflated batch"),
                    (Err(_), Err(_)) => {}
                    _ => panic!("data() is {parsed:?}, parsing the inflated batch is {expected:?}"),
                }
            }
            Err(error) => {
                assert!(decompressed.is_err() && parsed.is_err(), "gunzip() fails ({error}) but decompressed_data() or data() does not");
            }
        }
        budgets(&[stream], &[inflated]);
    }

    /// The whole-batch helper, with its budget of DOCUMENT_UNPACK_LIMIT, is
    /// the per-record helpers' results, up to the first failure, when the
    /// records inflate to less than that in all (as a fuzz input of at most
    /// 16 KiB always does).
    fn batch_agrees(
        unbounded: &[Result<Vec<u8>, GunzipError>],
        batch: &Result<Vec<CloudWatchLogsData>, RecordError>,
        each: &[Result<CloudWatchLogsData, PayloadError>],
    ) {
        let total: usize = unbounded.iter().filter_map(|result| result.as_ref().ok()).map(Vec::len).sum();
        if total > DOCUMENT_UNPACK_LIMIT {
            return;
        }
        let first_failure = each.iter().position(Result::is_err);
        match (batch, first_failure) {
            (Ok(batches), None) => {
                let each: Vec<&CloudWatchLogsData> = each.iter().filter_map(|result| result.as_ref().ok()).collect();
                assert!(batches.iter().eq(each), "the batch helper's batches differ from the records'");
            }
            (Err(error), Some(index)) => {
                assert_eq!(error.index(), index, "the batch helper fails at another record than the first failing one: {error}");
                let record_error = each[index].as_ref().expect_err("the record fails");
                assert_eq!(error.payload_error().to_string(), record_error.to_string(), "the batch helper fails otherwise than the record");
            }
            (Ok(_), Some(index)) => panic!("the batch helper succeeds though record {index} fails: {:?}", each[index]),
            (Err(error), None) => panic!("the batch helper fails ({error}) though every record succeeds"),
        }
    }

    /// Inflates each stream in order from one budget of `limit` bytes,
    /// checking the budget after every call; returns each call's result.
    fn within(streams: &[&[u8]], limit: usize) -> Vec<Result<Vec<u8>, GunzipError>> {
        let mut budget = UnpackBudget::new(limit);
        let mut taken = 0usize;
        let mut results = Vec::with_capacity(streams.len());
        for (index, stream) in streams.iter().enumerate() {
            let (before, spent_before) = (budget.remaining(), budget.is_spent());
            let result = gunzip_within(stream, &mut budget);
            let after = budget.remaining();
            match &result {
                Ok(json) => {
                    assert!(!spent_before, "record {index}: inflated from a spent budget");
                    assert!(json.len() <= before, "record {index}: inflated {} bytes from a budget with {before} left", json.len());
                    assert!(json.len() <= MAX_DECOMPRESSED_LEN, "record {index}: inflated past MAX_DECOMPRESSED_LEN");
                    assert_eq!(after, before - json.len(), "record {index}: the budget did not lose what was inflated");
                    assert!(!budget.is_spent(), "record {index}: an inflate that fits spent the budget");
                    taken += json.len();
                }
                Err(GunzipError::OverBudget(exceeded)) => {
                    assert_eq!(exceeded.limit(), limit, "record {index}: OverBudget names another limit");
                    assert!(budget.is_spent() && after == 0, "record {index}: OverBudget left the budget unspent ({after} left)");
                }
                Err(GunzipError::Corrupt(_) | GunzipError::TooLarge { .. }) => {
                    assert_eq!((after, budget.is_spent()), (before, spent_before), "record {index}: a refused stream changed the budget");
                }
                Err(other) => panic!("record {index}: an unexpected error: {other}"),
            }
            assert!(taken <= limit, "the budget of {limit} bytes gave out {taken}");
            if !budget.is_spent() {
                assert_eq!(budget.remaining(), limit - taken, "remaining() is not the limit less what was taken");
            }
            results.push(result);
        }
        results
    }

    /// `unbounded` is `gunzip()` of each stream.
    fn budgets(streams: &[&[u8]], unbounded: &[Result<Vec<u8>, GunzipError>]) {
        // A small budget: whatever fits is what gunzip() gives; what does not is OverBudget.
        for (index, (small, full)) in within(streams, SMALL_BUDGET).iter().zip(unbounded).enumerate() {
            match (small, full) {
                (Ok(small), Ok(full)) => assert_eq!(small, full, "record {index}: inflated otherwise within a budget"),
                (Ok(_), Err(error)) => panic!("record {index}: inflates within a budget, but gunzip() refuses it: {error}"),
                (Err(GunzipError::TooLarge { .. }), _) => panic!("record {index}: TooLarge within a budget below MAX_DECOMPRESSED_LEN"),
                (Err(_), _) => {}
            }
        }

        // When every stream inflates: exactly their total fits, one byte less does not.
        let Ok(full) = unbounded.iter().map(|result| result.as_ref().map(Vec::len).map_err(|_| ())).collect::<Result<Vec<usize>, ()>>() else {
            return;
        };
        let total: usize = full.iter().sum();
        for (index, result) in within(streams, total).iter().enumerate() {
            assert_eq!(result.as_ref().ok(), unbounded[index].as_ref().ok(), "record {index}: does not inflate within a budget of exactly the records' total");
        }
        let Some(last) = full.iter().rposition(|&len| len > 0) else { return };
        for (index, result) in within(streams, total - 1).iter().enumerate() {
            if index < last {
                assert_eq!(result.as_ref().ok(), unbounded[index].as_ref().ok(), "record {index}: does not inflate within a budget that has room for it");
            } else {
                assert!(
                    matches!(result, Err(GunzipError::OverBudget(_))),
                    "record {index}: not OverBudget in a budget one byte short of the records' total: {result:?}"
                );
            }
        }
    }
}

/// Kafka's header values, arrays of byte integers: `header_bytes(name)` is
/// the bytes of the first header named `name` as the input wrote them
/// (`-128..=-1` and `128..=255` the same byte), and `header_text(name)` those
/// bytes as UTF-8 when they are.
mod kafka {
    use lambda_event_catalog::kafka::KafkaEvent;
    use serde_json::Value;

    /// The byte an integer of a header value stands for; `None` outside
    /// `-128..=255`, which `ByteInts` refuses to parse.
    fn byte(value: &Value) -> Option<u8> {
        let number = value.as_i64()?;
        match number {
            -128..=-1 => u8::try_from(number + 256).ok(),
            0..=255 => u8::try_from(number).ok(),
            _ => None,
        }
    }

    pub fn headers(data: &[u8], original: &Value) {
        let event: KafkaEvent = lambda_event_catalog::from_slice(data).expect("a kafka.event document parses as KafkaEvent");
        for (partition, records) in &event.records {
            for (index, record) in records.iter().enumerate() {
                let headers: &[Value] = original["records"][partition.as_str()][index]["headers"].as_array().map_or(&[], Vec::as_slice);
                let mut count = 0;
                for header in headers {
                    let header = header.as_object().expect("a header that parses is an object");
                    count += header.len();
                    for name in header.keys() {
                        let first = headers.iter().find_map(|header| header.get(name)).expect("the header is there");
                        let expected: Option<Vec<u8>> = first.as_array().expect("a header value that parses is an array").iter().map(byte).collect();
                        let expected = expected.expect("a header value that parses has integers of -128..=255 only");
                        let bytes = record.header_bytes(name);
                        let text = record.header_text(name);
                        let at = format!("records[{partition:?}][{index}] header {name:?}");
                        assert_eq!(bytes.as_ref(), Some(&expected), "{at}: header_bytes differs from the bytes written {first}");
                        assert_eq!(text, String::from_utf8(expected).ok(), "{at}: header_text differs from the bytes as UTF-8");
                    }
                }
                assert_eq!(record.headers_iter().count(), count, "records[{partition:?}][{index}]: headers_iter() differs from the headers written");
            }
        }
    }
}
