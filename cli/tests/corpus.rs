//! The public sample events of `../shared/corpus/aws-lambda-go/` pass `check`,
//! for every shape this build has; the negative ones fail with a clear message.

use std::path::PathBuf;
use std::process::Command;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/aws-lambda-go")
}

/// `(file, shape id, note)` of every row of the corpus manifest.
fn manifest() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(corpus().join("MANIFEST.tsv")).expect("the shared corpus sits beside the repository");
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let mut next = || columns.next().unwrap_or_default().to_owned();
            (next(), next(), next())
        })
        .collect()
}

fn check(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-event-catalog")).arg("check").args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn corpus_files_of_every_shape_in_the_catalogue_pass_check() {
    let mut checked = 0;
    for (file, id, note) in manifest() {
        if lambda_event_catalog::shape::shape(&id).is_none() {
            continue;
        }
        let path = corpus().join(&file);
        let path = path.to_str().unwrap();
        let (passed, output) = check(&["--format", "json", path]);
        if note.starts_with("negative") {
            assert!(!passed, "{file} must be rejected:\n{output}");
            assert!(output.contains("not valid JSON"), "{file}: the rejection must say why:\n{output}");
        } else {
            assert!(passed, "{file} ({id}) must pass check:\n{output}");
            let report: serde_json::Value = serde_json::from_str(output.trim()).unwrap();
            // `a | b > inner`: the shape, or the ids of one document, before what it carries.
            let shape = report["shape"].as_str().unwrap_or_default();
            let outer = shape.split(" > ").next().unwrap_or_default();
            assert!(outer.split(" | ").any(|name| name == id), "{file} must be detected as {id}, not {shape}");
        }
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} corpus files belong to shapes of this build");
}

#[test]
fn json_format_prints_one_object_per_file() {
    let sqs = corpus().join("sqs-event.json");
    let (passed, output) = check(&["--format", "json", sqs.to_str().unwrap()]);
    assert!(passed, "{output}");
    let report: serde_json::Value = serde_json::from_str(output.trim()).unwrap();
    assert_eq!(report["shape"], "sqs.event");
    assert_eq!(report["schema_valid"], true);
    assert_eq!(report["parsed"], true);
    assert_eq!(report["lossless"], true);
    assert_eq!(report["errors"], serde_json::json!([]));
}

#[test]
fn broken_input_is_reported_for_every_file_and_the_rest_still_checked() {
    let dir = std::env::temp_dir().join(format!("catalog-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-not-json.json"), "hello").unwrap();
    std::fs::write(dir.join("b-truncated.json"), r#"{"Records":[{"messageId":"#).unwrap();
    std::fs::write(dir.join("c-unknown.json"), r#"{"hello":"world"}"#).unwrap();
    std::fs::write(dir.join("d-wrong-type.json"), r#"{"Records":[{"eventSource":"aws:sqs","messageId":7,"body":""}]}"#).unwrap();
    std::fs::copy(corpus().join("sqs-event.json"), dir.join("e-good.json")).unwrap();
    let deep = format!(r#"{{"Records":[{{"eventSource":"aws:sqs","messageId":"1","body":"","x":{}{}}}]}}"#, "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.join("f-deep.json"), deep).unwrap();
    let (passed, output) = check(&[dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!passed);
    assert!(output.contains("a-not-json.json: unknown shape") && output.contains("not valid JSON"), "{output}");
    assert!(output.contains("truncated?"), "{output}");
    assert!(output.contains("unknown shape: the document matches no shape"), "{output}");
    assert!(output.contains("parse: at Records[0].messageId: invalid type: integer `7`, expected a string"), "{output}");
    assert!(output.contains("schema: /Records/0/messageId"), "{output}");
    assert!(output.contains("e-good.json: sqs.event, valid, parsed, lossless"), "{output}");
    assert!(output.contains("f-deep.json: unknown shape") && output.contains("recursion limit exceeded"), "{output}");
    assert!(output.contains("6 files: 1 passed, 5 failed"), "{output}");
}

/// The corpus's log subscription event opens in code, `check` names the
/// batch it carries, and the batch alone is a `cloudwatch_logs.data` document.
#[test]
fn the_corpus_log_batch_decompresses_into_its_document() {
    use lambda_event_catalog::cloudwatch_logs::{CloudWatchLogsEvent, CloudWatchLogsMessageType};
    let bytes = std::fs::read(corpus().join("cloudwatch-logs-event.json")).unwrap();
    let event: CloudWatchLogsEvent = lambda_event_catalog::from_slice(&bytes).unwrap();
    let data = event.data().unwrap();
    assert_eq!(data.message_type, CloudWatchLogsMessageType::DataMessage);
    assert_eq!(data.log_events.len(), 2);
    assert_eq!(data.log_events[1].timestamp.instant().timestamp_millis(), 1440442987001);
    let (passed, output) = check(&[corpus().join("cloudwatch-logs-event.json").to_str().unwrap()]);
    assert!(passed && output.contains(": cloudwatch_logs.event > cloudwatch_logs.data, valid, parsed, lossless"), "{output}");
    let dir = std::env::temp_dir().join(format!("catalog-logs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let inner = dir.join("batch.json");
    std::fs::write(&inner, event.decompressed_data().unwrap()).unwrap();
    let (passed, output) = check(&[inner.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(passed && output.contains(": cloudwatch_logs.data, valid, parsed, lossless"), "{output}");
}
