//! The public sample events of the shared corpus (`aws-lambda-go/`) pass
//! `check`, for every shape this build has; the negative ones fail with a
//! clear message.
//!
//! The corpus is read in place, never copied into the repository: from the
//! folder `LAMBDA_EVENT_CATALOG_CORPUS` names, or from `../shared/corpus`
//! beside the repository. A clone with neither reports these tests as skipped
//! (the harness is this file's own, so that the decision is made when the
//! tests run); CI sets the variable, so there they always run, and a variable
//! that names no corpus fails them.

use std::panic;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const CORPUS_VARIABLE: &str = "LAMBDA_EVENT_CATALOG_CORPUS";

type Test = fn(&Path);

const TESTS: &[(&str, Test)] = &[
    ("corpus_files_of_every_shape_in_the_catalogue_pass_check", corpus_files_of_every_shape_in_the_catalogue_pass_check),
    ("the_corpus_log_batch_decompresses_into_its_document", the_corpus_log_batch_decompresses_into_its_document),
];

/// Where the corpus is: `Ok(None)` when it is not beside the repository and
/// no variable names it (skip), an error when the variable names no corpus.
fn corpus() -> Result<Option<PathBuf>, String> {
    let manifest = |corpus: &Path| corpus.join("aws-lambda-go/MANIFEST.tsv");
    match std::env::var_os(CORPUS_VARIABLE) {
        Some(named) => {
            let named = PathBuf::from(named);
            if manifest(&named).is_file() {
                Ok(Some(named.join("aws-lambda-go")))
            } else {
                Err(format!("{CORPUS_VARIABLE}={} names no corpus: {} is missing", named.display(), manifest(&named).display()))
            }
        }
        None => {
            let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
            Ok(manifest(&beside).is_file().then(|| beside.join("aws-lambda-go")))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--list") {
        TESTS.iter().for_each(|(name, _)| println!("{name}: test"));
        return ExitCode::SUCCESS;
    }
    // libtest's positional arguments filter the tests by name; its flags do not apply here.
    let filters: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
    let selected: Vec<&(&str, Test)> =
        TESTS.iter().filter(|(name, _)| filters.is_empty() || filters.iter().any(|filter| name.contains(filter.as_str()))).collect();
    println!("\nrunning {} tests", selected.len());
    let corpus = match corpus() {
        Ok(Some(corpus)) => corpus,
        Ok(None) => {
            for (name, _) in &selected {
                println!("test {name} ... skipped");
            }
            println!(
                "\nskipped: the sample corpus is not beside the repository (../shared/corpus); \
                 set {CORPUS_VARIABLE} to the folder that holds aws-lambda-go/MANIFEST.tsv to run these tests\n"
            );
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            println!("\nerror: {error}\n");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = Vec::new();
    for (name, test) in &selected {
        let outcome = panic::catch_unwind(|| test(&corpus));
        println!("test {name} ... {}", if outcome.is_ok() { "ok" } else { "FAILED" });
        if outcome.is_err() {
            failed.push(*name);
        }
    }
    let verdict = if failed.is_empty() { "ok" } else { "FAILED" };
    println!("\ntest result: {verdict}. {} passed; {} failed (corpus: {})\n", selected.len() - failed.len(), failed.len(), corpus.display());
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `(file, shape id, note)` of every row of the corpus manifest.
fn manifest(corpus: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).unwrap();
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

fn corpus_files_of_every_shape_in_the_catalogue_pass_check(corpus: &Path) {
    let mut checked = 0;
    for (file, id, note) in manifest(corpus) {
        if lambda_event_catalog::shape::shape(&id).is_none() {
            continue;
        }
        let path = corpus.join(&file);
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

/// The corpus's log subscription event opens in code, `check` names the
/// batch it carries, and the batch alone is a `cloudwatch_logs.data` document.
fn the_corpus_log_batch_decompresses_into_its_document(corpus: &Path) {
    use lambda_event_catalog::cloudwatch_logs::{CloudWatchLogsEvent, CloudWatchLogsMessageType};
    let bytes = std::fs::read(corpus.join("cloudwatch-logs-event.json")).unwrap();
    let event: CloudWatchLogsEvent = lambda_event_catalog::from_slice(&bytes).unwrap();
    let data = event.data().unwrap();
    assert_eq!(data.message_type, CloudWatchLogsMessageType::DataMessage);
    assert_eq!(data.log_events.len(), 2);
    assert_eq!(data.log_events[1].timestamp.instant().timestamp_millis(), 1440442987001);
    let (passed, output) = check(&[corpus.join("cloudwatch-logs-event.json").to_str().unwrap()]);
    assert!(passed && output.contains(": cloudwatch_logs.event > cloudwatch_logs.data, valid, parsed, lossless"), "{output}");
    let dir = std::env::temp_dir().join(format!("catalog-logs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let inner = dir.join("batch.json");
    std::fs::write(&inner, event.decompressed_data().unwrap()).unwrap();
    let (passed, output) = check(&[inner.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(passed && output.contains(": cloudwatch_logs.data, valid, parsed, lossless"), "{output}");
}
