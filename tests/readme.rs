//! The README's handler is the example CI builds, word for word.

#[test]
fn readme_handler_is_the_built_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let example = std::fs::read_to_string(root.join("examples/sqs_partial_batch.rs")).unwrap();
    let start = readme.find("```rust\n").expect("the README shows a handler") + "```rust\n".len();
    let end = start + readme[start..].find("```").unwrap();
    assert_eq!(&readme[start..end], example, "copy examples/sqs_partial_batch.rs into the README's first rust block");
}
