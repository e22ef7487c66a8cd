//! `cargo codegen changelog`: what two revisions of a catalogue change for
//! users, each change counted as the versioning policy counts it.

mod common;

use common::{shape, SchemasDir};
use lambda_event_catalog_codegen::changelog::{diff, render, Impact};
use lambda_event_catalog_codegen::{load, lower};
use serde_json::json;

fn model(event: serde_json::Value) -> lambda_event_catalog_codegen::ir::Model {
    let dir = SchemasDir::new();
    dir.write("demo/event.schema.json", &event.to_string());
    lower::lower(&load::load(dir.path()).unwrap()).unwrap()
}

fn status(values: &[&str]) -> serde_json::Value {
    json!({ "description": "The status.", "type": "string", "x-open-enum": values })
}

#[test]
fn additions_are_minor_and_removals_and_retypes_major() {
    let before = model(shape(
        json!({ "demo": { "description": "Always sent.", "type": "string" }, "count": { "description": "A count.", "type": "integer" }, "status": status(&["Ok"]), "gone": { "description": "Removed later.", "type": "string" } }),
        json!({ "required": ["demo"] }),
    ));
    let added = model(shape(
        json!({ "demo": { "description": "Always sent.", "type": "string" }, "count": { "description": "A count.", "type": "integer" }, "status": status(&["Ok", "Failed"]), "gone": { "description": "Removed later.", "type": "string" }, "region": { "description": "New.", "type": "string" } }),
        json!({ "required": ["demo"] }),
    ));
    let changes = diff(&before, &added);
    assert!(changes.iter().flat_map(|shape| &shape.changes).all(|change| change.impact == Impact::Minor), "{}", render(&changes));
    let text = render(&changes);
    assert!(text.contains("member `region` added") && text.contains("value `Failed` added") && text.ends_with("a minor release\n"), "{text}");

    let broken = model(shape(
        json!({ "demo": { "description": "Always sent.", "type": "string" }, "count": { "description": "A count.", "type": "number" }, "status": status(&["Failed"]) }),
        json!({ "required": ["demo", "count"] }),
    ));
    let text = render(&diff(&before, &broken));
    for expected in [
        "major: `DemoEvent`: member `count` retyped from Option<i64> to Number",
        "major: `DemoEvent`: member `gone` removed",
        "major: `DemoEventStatus`: value `Ok` removed",
        "a major release",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn the_same_schemas_change_nothing() {
    let schema = shape(json!({ "demo": { "description": "Always sent.", "type": "string" } }), json!({}));
    assert_eq!(render(&diff(&model(schema.clone()), &model(schema))), "no change users can see\n");
}
