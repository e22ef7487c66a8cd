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
