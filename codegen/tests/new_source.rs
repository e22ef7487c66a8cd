//! A new source is a schema and its fixtures: on a copy of the repository,
//! `generate` writes the source's features, its README row and the catch-all
//! exclusion that lets it be detected, `check` is then clean, and the new
//! feature builds in the events crate and the facade.

use std::path::{Path, PathBuf};
use std::process::Command;

use lambda_event_catalog_codegen::{emit, files, generate, load, ShapeId, Validators};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

/// Copies the files git tracks (what a clone has) from `repo` to `to`.
fn copy_checkout(repo: &Path, to: &Path) {
    let listed = Command::new("git").arg("-C").arg(repo).args(["ls-files", "-z"]).output().expect("git lists the repository's files");
    assert!(listed.status.success(), "git ls-files: {}", String::from_utf8_lossy(&listed.stderr));
    for file in listed.stdout.split(|byte| *byte == 0).filter(|name| !name.is_empty()) {
        let file = std::str::from_utf8(file).unwrap();
        let target = to.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        // A file deleted in the working tree but not yet in git's index is not part of the copy.
        if repo.join(file).is_file() {
            std::fs::copy(repo.join(file), target).unwrap();
        }
    }
}

/// An EventBridge event of a service the catalogue does not have yet.
const DEMO_SCHEMA: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Demo widget event delivered by EventBridge",
  "description": "A demo widget's state change, as an EventBridge rule delivers it.",
  "x-rust-name": "DemoWidgetEvent",
  "x-detect": {
    "type": "object",
    "required": ["source", "detail-type"],
    "properties": { "source": { "const": "demo.widget" }, "detail-type": { "const": "Widget State Change" } }
  },
  "type": "object",
  "allOf": [{ "$ref": "../eventbridge/envelope.defs.json#/$defs/EventBridgeEnvelope" }],
  "properties": {
    "detail": {
      "description": "The widget's new state.",
      "type": "object",
      "x-rust-name": "DemoWidgetDetail",
      "properties": { "state": { "description": "The state the widget is in now.", "type": "string" } }
    }
  },
  "required": ["detail"]
}
"##;

const DEMO_EVENT: &str = r#"{"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602", "detail-type": "Widget State Change",
  "source": "demo.widget", "account": "123456789012", "time": "2026-12-06T10:00:00Z", "region": "eu-west-1",
  "resources": [], "detail": {"state": "spinning"}}"#;

#[test]
fn a_schema_and_its_fixtures_are_a_whole_source() {
    let scratch = std::env::temp_dir().join(format!("catalog-new-source-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let repo = repo_root();
    copy_checkout(&repo, &scratch);
    std::fs::create_dir_all(scratch.join("schemas/demo_widget")).unwrap();
    std::fs::write(scratch.join("schemas/demo_widget/event.schema.json"), DEMO_SCHEMA).unwrap();

    // `cargo codegen generate`: write, then read the schemas as rewritten.
    let (_, generated) = generate(&scratch.join("schemas")).unwrap_or_else(|errors| panic!("{errors}"));
    let changed = files::write(&scratch, emit::GENERATED_DIR, &generated).unwrap();
    let changed: Vec<&str> = changed.iter().map(|change| change.path()).collect();
    assert!(changed.contains(&"schemas/eventbridge/event.schema.json"), "the catch-all's exclusions gain the new shape: {changed:?}");
    let catalog = load::load(&scratch.join("schemas")).unwrap();

    let read = |file: &str| std::fs::read_to_string(scratch.join(file)).unwrap();
    assert!(read("events/Cargo.toml").contains("\ndemo_widget = []\n"));
    let facade = read("Cargo.toml");
    assert!(facade.contains("\ndemo_widget = [\"lambda-event-catalog-events/demo_widget\"]\n"), "the facade forwards the feature");
    let full = facade.lines().find(|line| line.starts_with("full = [")).unwrap();
    assert!(full.contains("\"demo_widget\""), "{full}");
    let dev = facade.lines().find(|line| line.starts_with("lambda-event-catalog-events = { workspace = true, features = [")).unwrap();
    assert!(dev.contains("\"demo_widget\"") && dev.contains("\"registry\""), "{dev}");
    assert!(read("bench/build-cost/ours/Cargo.toml").contains("demo_widget = [\"lambda-event-catalog-events/demo_widget\"]"));
    let aws_counterpart = read("bench/build-cost/aws/Cargo.toml");
    assert!(aws_counterpart.contains("\ndemo_widget = []\n"), "no counterpart in aws_lambda_events until one is mapped by hand");
    assert!(read("bench/build-cost.sh").contains(" demo_widget "));
    assert!(read("README.md").contains("| `demo_widget` | `demo_widget.event` | `demo_widget::DemoWidgetEvent` | Demo widget event delivered by EventBridge |"));
    assert!(read("src/shapes.md").contains("[`demo_widget::DemoWidgetEvent`](demo_widget::DemoWidgetEvent)"));
    let module = read("events/src/generated/demo_widget.rs");
    assert!(module.contains("pub struct DemoWidgetEvent") && module.contains("pub struct DemoWidgetDetail"));
    assert!(read("events/src/generated/mod.rs")
        .contains("#[cfg(feature = \"demo_widget\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"demo_widget\")))]\npub mod demo_widget;"));

    // Detected as itself, not as the catch-all EventBridge event.
    let validators = Validators::new(&catalog).unwrap();
    let document: serde_json::Value = serde_json::from_str(DEMO_EVENT).unwrap();
    let detected: Vec<String> = validators.identify(&catalog, &document).iter().map(ToString::to_string).collect();
    assert_eq!(detected, ["demo_widget.event"]);
    assert!(validators.validate(&ShapeId::parse("demo_widget.event").unwrap(), &document).is_empty());

    // `cargo codegen check`: generating again changes nothing.
    let (_, regenerated) = generate(&scratch.join("schemas")).unwrap();
    let drift = files::drift(&scratch, emit::GENERATED_DIR, &regenerated).unwrap();
    assert!(drift.is_empty(), "{drift:?}");

    // The feature builds: the events crate's module and the facade's
    // re-export. A target directory of its own under the repository's, kept
    // between runs so that the dependencies are checked once.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", repo.join("target/new-source"))
        .args(["check", "--offline", "--locked", "--quiet", "-p", "lambda-event-catalog", "--no-default-features", "--features", "demo_widget"])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the demo_widget feature does not build");
    std::fs::remove_dir_all(&scratch).unwrap();
}
