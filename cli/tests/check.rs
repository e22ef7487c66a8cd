//! The `check` and `sample` commands as a user meets them: reports, exit
//! statuses, and the files people hand them (broken, empty, saved with a byte
//! order mark).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(path)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambda-event-catalog")).args(args).output().unwrap()
}

fn check(args: &[&str]) -> (bool, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let output = run(&all);
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// A folder of its own below the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("catalog-check-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn json_format_prints_one_object_per_file() {
    let sqs = fixture("sqs/event/standard-queue-batch-of-ten.json");
    let (passed, output) = check(&["--format", "json", sqs.to_str().unwrap()]);
    assert!(passed, "{output}");
    let report: serde_json::Value = serde_json::from_str(output.trim()).unwrap();
    assert_eq!(report["shape"], "sqs.event");
    assert_eq!(report["schema_valid"], true);
    assert_eq!(report["parsed"], true);
    assert_eq!(report["lossless"], true);
    assert_eq!(report["problems"], serde_json::json!([]));
}

#[test]
fn broken_input_is_reported_for_every_file_and_the_rest_still_checked() {
    let scratch = Scratch::new("broken");
    scratch.write("a-not-json.json", "hello");
    scratch.write("b-truncated.json", r#"{"Records":[{"messageId":"#);
    scratch.write("c-unknown.json", r#"{"hello":"world"}"#);
    scratch.write("d-wrong-type.json", r#"{"Records":[{"eventSource":"aws:sqs","messageId":7,"body":""}]}"#);
    scratch.write("e-good.json", std::fs::read(fixture("sqs/event/standard-queue-batch-of-ten.json")).unwrap());
    let deep = format!(r#"{{"Records":[{{"eventSource":"aws:sqs","messageId":"1","body":"","x":{}{}}}]}}"#, "[".repeat(100_000), "]".repeat(100_000));
    scratch.write("f-deep.json", deep);
    let (passed, output) = check(&[scratch.0.to_str().unwrap()]);
    assert!(!passed);
    assert!(output.contains("a-not-json.json: unknown shape") && output.contains("not valid JSON"), "{output}");
    assert!(output.contains("truncated?"), "{output}");
    assert!(output.contains("unknown shape: the document matches no shape"), "{output}");
    assert!(output.contains("schema and parse: /Records/0/messageId: expected text, found the number 7"), "{output}");
    assert!(output.contains("e-good.json: sqs.event, valid, parsed, lossless"), "{output}");
    assert!(output.contains("f-deep.json: unknown shape") && output.contains("recursion limit exceeded"), "{output}");
    assert!(output.contains("6 files: 1 passed, 5 failed"), "{output}");
}

/// Where the schema and the type reject one value, the report says it once;
/// where only the type does, its own line remains.
#[test]
fn a_problem_of_schema_and_type_at_one_place_is_reported_once() {
    let scratch = Scratch::new("once");
    let array = scratch.write("array.json", "[]");
    let (passed, output) = check(&["--shape", "sqs.event", &array]);
    assert!(!passed);
    let lines: Vec<&str> = output.lines().filter(|line| line.starts_with("       ")).collect();
    assert_eq!(lines, ["       schema and parse: (root): expected an object, found an empty list"], "{output}");
}

#[test]
fn a_byte_order_mark_is_named_and_the_document_checked_without_it() {
    let scratch = Scratch::new("bom");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(fixture("sqs/event/standard-queue-batch-of-ten.json")).unwrap());
    let file = scratch.write("saved-by-an-editor.json", &bytes);
    let (passed, output) = check(&[&file]);
    assert!(passed, "{output}");
    assert!(output.contains(": sqs.event, valid, parsed, lossless"), "{output}");
    assert!(output.contains("note: starts with a byte order mark (EF BB BF)"), "{output}");
    assert!(!output.contains("expected value at line 1 column 1"), "{output}");
    // A broken document behind the mark is still reported as broken, at its place.
    let broken = scratch.write("broken.json", b"\xEF\xBB\xBF{\"Records\":[{\"eventSource\":\"aws:sqs\",\"messageId\":7}]}");
    let (passed, output) = check(&[&broken]);
    assert!(!passed && output.contains("/Records/0/messageId") && output.contains("byte order mark"), "{output}");
}

#[test]
fn nothing_to_check_is_an_error() {
    let scratch = Scratch::new("empty");
    scratch.write("notes.txt", "no events here");
    for args in [vec!["check"], vec!["check", scratch.0.to_str().unwrap()]] {
        let output = run(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("no *.json file below this folder") || stderr.contains("name the files or folders to check"), "{stderr}");
    }
}

#[test]
fn sample_list_names_the_rust_type_of_each_shape() {
    let output = run(&["sample", "--list"]);
    assert!(output.status.success());
    let list = String::from_utf8(output.stdout).unwrap();
    let sqs = list.lines().find(|line| line.starts_with("sqs.event\t")).unwrap();
    assert!(sqs.starts_with("sqs.event\tsqs::SqsEvent\t"), "{sqs}");
    assert_eq!(list.lines().count(), lambda_event_catalog::shape::shapes().len());
}

#[test]
fn a_misspelled_member_is_noted_and_fails_under_strict() {
    let scratch = Scratch::new("strict");
    let typo = scratch.write(
        "scheduled.json",
        r#"{"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": "2026-12-06T10:00:00Z", "region": "us-east-1",
            "resorces": ["arn:aws:events:us-east-1:123456789012:rule/nightly"], "detail": {}}"#,
    );
    let meant = "/resorces: not a member of eventbridge.scheduled_event; did you mean `resources`?";
    let (passed, output) = check(&[&typo]);
    assert!(passed && output.contains(&format!("note: {meant}")) && output.contains("--strict fails on them"), "{output}");
    let (passed, output) = check(&["--strict", &typo]);
    assert!(!passed && output.contains("UNKNOWN MEMBERS") && output.contains(meant), "{output}");
    let (_, output) = check(&["--strict", "--format", "json", &typo]);
    let report: serde_json::Value = serde_json::from_str(output.trim()).unwrap();
    assert_eq!(
        report["unknown_members"],
        serde_json::json!([{
            "check": "unknown member", "path": "/resorces", "problem": "not a member of eventbridge.scheduled_event; did you mean `resources`?",
            "expected": null, "found": null, "suggestion": "resources"
        }])
    );

    // The catalogue's fixtures pass --strict, but those of events newer than the catalogue.
    let (passed, output) = check(&["--strict", fixture("eventbridge/scheduled_event").to_str().unwrap()]);
    assert!(!passed && output.contains("future-members.json: eventbridge.scheduled_event, valid, parsed, lossless, UNKNOWN MEMBERS"), "{output}");
    assert_eq!(output.matches("UNKNOWN MEMBERS").count(), 1, "{output}");
}

#[test]
fn schema_prints_a_self_contained_schema_of_the_shape() {
    let output = run(&["schema", "sqs.event"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = schema.to_string();
    assert!(!text.contains("\"x-") && !text.contains(".json#"), "{text}");
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let fixture: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("sqs/event/standard-queue-batch-of-ten.json")).unwrap()).unwrap();
    assert!(validator.is_valid(&fixture));
    let output = run(&["schema", "sqs.nothing"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no shape of the catalogue"));
}

#[test]
fn json_problems_carry_path_expected_and_found() {
    let scratch = Scratch::new("fields");
    let broken = scratch.write("wrong-type.json", r#"{"Records":[{"eventSource":"aws:sqs","messageId":7,"body":""}]}"#);
    let (passed, output) = check(&["--format", "json", &broken]);
    assert!(!passed, "{output}");
    let report: serde_json::Value = serde_json::from_str(output.trim()).unwrap();
    assert_eq!(
        report["problems"],
        serde_json::json!([{
            "check": "schema and parse", "path": "/Records/0/messageId", "problem": "expected text, found the number 7",
            "expected": "text", "found": "the number 7", "suggestion": null
        }])
    );
}

#[test]
fn a_violation_inside_a_tagged_union_names_the_tag_that_chose_the_alternative() {
    let scratch = Scratch::new("union");
    let mut trigger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("cognito/user_pool_trigger/define-auth-challenge.json")).unwrap()).unwrap();
    trigger["request"]["userNotFound"] = serde_json::json!("no");
    let broken = scratch.write("trigger.json", trigger.to_string());
    let (passed, output) = check(&["--shape", "cognito.user_pool_trigger", &broken]);
    assert!(!passed, "{output}");
    assert!(
        output.contains(
            "/request/userNotFound: expected a boolean or null, found the text \"no\" (triggerSource \"DefineAuthChallenge_Authentication\" selects CognitoDefineAuthChallenge)"
        ),
        "{output}"
    );
}

#[test]
fn a_document_detection_misses_only_for_a_new_value_is_named_by_the_shape_that_describes_it() {
    let scratch = Scratch::new("new-event-source");
    let fixture = std::fs::read_to_string(fixture("mq/activemq_event/documented-aws-amq-event-source.json")).unwrap();
    let mut document: serde_json::Value = serde_json::from_str(&fixture).unwrap();
    document["eventSource"] = "aws:mq-next".into();
    let file = scratch.write("activemq.json", document.to_string());
    let (passed, report) = check(&[&file]);
    assert!(passed, "{report}");
    assert!(report.contains("mq.activemq_event, valid, parsed, lossless"), "{report}");
    assert!(report.contains("no shape's `x-detect` matches it, but mq.activemq_event describes every member"), "{report}");

    // A document no schema describes whole stays an unknown shape.
    document["brokerOfTheFuture"] = true.into();
    let file = scratch.write("activemq-unknown.json", document.to_string());
    let (passed, report) = check(&[&file]);
    assert!(!passed && report.contains("unknown shape"), "{report}");
}

#[test]
fn a_document_other_shapes_describe_exactly_names_them_unless_a_value_contradicts_their_detection() {
    let scratch = Scratch::new("several-ids");
    // No `statusDescription`: detected as an API Gateway proxy response, and a VPC Lattice or ALB response as well.
    let file = scratch.write("response.json", r#"{"statusCode": 200, "headers": {"content-type": "text/plain"}, "body": "ok", "isBase64Encoded": false}"#);
    let (passed, report) = check(&[&file]);
    assert!(passed, "{report}");
    assert!(report.contains("apigw.proxy_response_v1 | apigw.websocket_response, valid"), "{report}");
    assert!(report.contains("vpc_lattice.response describe it exactly too"), "{report}");
    assert!(report.contains("alb.response, "), "{report}");

    // An ECS event fits the schema of a scheduled event too, but its `detail-type` contradicts that shape's detection.
    let (passed, report) = check(&[fixture("ecs/event/deployment-completed.json").to_str().unwrap()]);
    assert!(passed, "{report}");
    assert!(!report.contains("exactly too"), "{report}");
}

#[test]
fn standard_input_is_checked_when_named() {
    let event = std::fs::read(fixture("sqs/event/fifo-queue-batch.json")).unwrap();
    for name in ["-", "/dev/stdin"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lambda-event-catalog"))
            .args(["check", name])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), &event).unwrap();
        let output = child.wait_with_output().unwrap();
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{name}: {report}");
        assert!(report.contains(&format!("ok   {name}: sqs.event, valid, parsed, lossless")), "{report}");
    }
}

/// `check ARGS` that must end within seconds: a read that blocks on a named
/// pipe or a walk that loops fails the test instead of hanging it.
fn check_within_seconds(args: &[&str]) -> (bool, String) {
    let mut child =
        Command::new(env!("CARGO_BIN_EXE_lambda-event-catalog")).arg("check").args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("check {args:?} did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (output.status.success(), format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)))
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[cfg(unix)]
#[test]
fn in_a_folder_pipes_devices_and_links_to_folders_are_skipped_with_a_note() {
    use std::os::unix::fs::symlink;
    let scratch = Scratch::new("special");
    scratch.write("good.json", std::fs::read(fixture("sqs/event/standard-queue-batch-of-ten.json")).unwrap());
    mkfifo(&scratch.0.join("pipe.json"));
    symlink("..", scratch.0.join("loop")).unwrap();
    symlink("/dev/zero", scratch.0.join("zero.json")).unwrap();
    let folder = scratch.0.to_str().unwrap();
    let (passed, output) = check_within_seconds(&[folder]);
    assert!(passed, "skipped entries fail nothing: {output}");
    assert!(output.contains("good.json: sqs.event, valid, parsed, lossless"), "{output}");
    assert!(output.contains("pipe.json: not checked\n       note: a named pipe (FIFO), not a regular file"), "{output}");
    assert!(output.contains("loop: not checked\n       note: a symbolic link to a folder: not followed"), "{output}");
    assert!(output.contains("zero.json: not checked\n       note: a symbolic link to a character device, not a regular file"), "{output}");
    assert!(output.contains("1 files: 1 passed, 0 failed, 3 skipped"), "{output}");

    let (passed, output) = check_within_seconds(&["--format", "json", folder]);
    let reports: Vec<serde_json::Value> = output.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert!(passed, "{output}");
    let skipped: Vec<(&str, &serde_json::Value)> =
        reports.iter().filter(|report| report["skipped"] == true).map(|report| (report["file"].as_str().unwrap(), &report["notes"][0])).collect();
    assert_eq!(skipped.len(), 3, "{output}");
    assert!(skipped[1].0.ends_with("pipe.json") && skipped[1].1 == "a named pipe (FIFO), not a regular file", "{output}");
}

#[cfg(unix)]
#[test]
fn a_named_file_that_is_no_regular_file_fails_unread() {
    let scratch = Scratch::new("named-special");
    let pipe = scratch.0.join("pipe.json");
    mkfifo(&pipe);
    for (path, kind) in [("/dev/zero", "a character device"), (pipe.to_str().unwrap(), "a named pipe (FIFO)")] {
        let (passed, output) = check_within_seconds(&[path]);
        assert!(!passed, "{output}");
        assert!(
            output.contains(&format!("{path}: unknown shape, INVALID"))
                && output.contains(&format!("not read: {kind}, not a regular file; check reads regular files only")),
            "{output}"
        );
    }
}

#[test]
fn a_file_larger_than_the_limit_fails_unread_and_the_flag_raises_the_limit() {
    let scratch = Scratch::new("large");
    let sqs = std::fs::read(fixture("sqs/event/standard-queue-batch-of-ten.json")).unwrap();
    let file = scratch.write("sqs.json", &sqs);
    let just_under = (sqs.len() - 1).to_string();
    let (passed, output) = check_within_seconds(&["--max-file-size", &just_under, &file]);
    assert!(!passed && output.contains(&format!("not read: larger than {just_under} bytes (--max-file-size BYTES raises the limit)")), "{output}");
    let (passed, output) = check_within_seconds(&["--max-file-size", &sqs.len().to_string(), &file]);
    assert!(passed, "a file of exactly the limit is read: {output}");
    let (passed, output) = check_within_seconds(&["--max-file-size", "lots", &file]);
    assert!(!passed && output.contains("--max-file-size takes a number of bytes"), "{output}");
}
