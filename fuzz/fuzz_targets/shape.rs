//! Arbitrary bytes → the type of one shape of the registry → if they
//! parsed, the write-back must equal the input (the lossless rule of
//! `lambda_event_catalog::lossless`), and must itself parse and write back
//! the same.
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
    }
);
