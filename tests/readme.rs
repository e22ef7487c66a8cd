//! The README's code is code CI builds and runs, word for word.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The body of the README's first rust block that starts with `first_line`.
fn readme_block(first_line: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let marker = format!("```rust\n{first_line}");
    let start = readme.find(&marker).unwrap_or_else(|| panic!("the README has no rust block starting with {first_line:?}")) + "```rust\n".len();
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_owned()
}

fn assert_readme_shows(file: &str, first_line: &str) {
    let code = std::fs::read_to_string(root().join(file)).unwrap();
    assert_eq!(readme_block(first_line), code, "copy {file} into the README's rust block that starts with {first_line:?}");
}

#[test]
fn readme_handler_is_the_built_example() {
    assert_readme_shows("examples/sqs_partial_batch.rs", "//! An SQS handler");
}

#[test]
fn readme_fixture_tests_are_the_ones_ci_runs_outside_the_workspace() {
    assert_readme_shows(".ci/outside/tests/readme.rs", "use lambda_event_catalog::sqs::SqsEvent;\nuse lambda_event_catalog::testing");
}

#[test]
fn readme_versioning_example_is_the_one_ci_builds_outside_the_workspace() {
    assert_readme_shows(".ci/outside/tests/versioning.rs", "use lambda_event_catalog::sqs::{SqsBatchResponse, SqsEventSource, SqsMessage};");
}

#[test]
fn readme_http_conversions_are_the_tested_ones() {
    let tests = std::fs::read_to_string(root().join("tests/http.rs")).unwrap();
    let test = &tests[tests.find("fn readme_conversions()").expect("tests/http.rs has readme_conversions")..];
    let mut rest = test;
    for line in readme_block("use lambda_event_catalog::alb::AlbTargetGroupRequest;").lines().map(str::trim).filter(|line| !line.is_empty()) {
        let at = rest.find(line).unwrap_or_else(|| panic!("copy the README's http conversion block into readme_conversions of tests/http.rs: {line}"));
        rest = &rest[at + line.len()..];
    }
}
