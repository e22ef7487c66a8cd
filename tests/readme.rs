//! The README's code is code CI builds and runs, word for word.

#[test]
fn readme_handler_is_the_built_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let example = std::fs::read_to_string(root.join("examples/sqs_partial_batch.rs")).unwrap();
    let start = readme.find("```rust\n").expect("the README shows a handler") + "```rust\n".len();
    let end = start + readme[start..].find("```").unwrap();
    assert_eq!(&readme[start..end], example, "copy examples/sqs_partial_batch.rs into the README's first rust block");
}

#[test]
fn readme_fixture_tests_are_the_ones_ci_runs_outside_the_workspace() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let tests = std::fs::read_to_string(root.join(".ci/outside/tests/readme.rs")).unwrap();
    let marker = "```rust\nuse lambda_event_catalog::sqs::SqsEvent;\nuse lambda_event_catalog::testing";
    let start = readme.find(marker).expect("the README shows fixture tests") + "```rust\n".len();
    let end = start + readme[start..].find("```").unwrap();
    assert_eq!(&readme[start..end], tests, "copy .ci/outside/tests/readme.rs into the README's fixture tests block");
}

#[test]
fn readme_http_conversions_are_the_tested_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let tests = std::fs::read_to_string(root.join("tests/http.rs")).unwrap();
    let marker = "```rust\nuse lambda_event_catalog::alb::AlbTargetGroupRequest;";
    let start = readme.find(marker).expect("the README shows the http conversions") + "```rust\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let test = &tests[tests.find("fn readme_conversions()").expect("tests/http.rs has readme_conversions")..];
    let mut rest = test;
    for line in readme[start..end].lines().map(str::trim).filter(|line| !line.is_empty()) {
        let at = rest.find(line).unwrap_or_else(|| panic!("copy the README's http conversion block into readme_conversions of tests/http.rs: {line}"));
        rest = &rest[at + line.len()..];
    }
}
