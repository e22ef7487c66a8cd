//! The generated files in the work tree are what the schemas generate now.

use lambda_event_catalog_codegen::{emit, files, generate};

/// The repository these tests belong to (tests run inside it; the binaries find it from the current folder).
fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("a workspace member").to_path_buf()
}

#[test]
fn generated_files_are_fresh() {
    let root = repo_root();
    let (_, files) = generate(&root.join("schemas")).unwrap_or_else(|errors| panic!("the schemas do not generate:\n{errors}"));
    let drift = files::drift(&root, emit::GENERATED_DIR, &files).unwrap();
    let report: Vec<String> = drift.iter().map(ToString::to_string).collect();
    assert!(report.is_empty(), "run `cargo codegen generate`:\n{}", report.join("\n"));
}

#[test]
fn every_fixture_validates_and_is_detected_as_its_own_shape() {
    let root = repo_root();
    let (catalog, _) = generate(&root.join("schemas")).unwrap();
    let validators = lambda_event_catalog_codegen::Validators::new(&catalog).unwrap();
    let problems = lambda_event_catalog_codegen::check_fixtures(&root, &catalog, &validators);
    let report: Vec<String> = problems.iter().map(|problem| format!("{}: {}", problem.path, problem.message)).collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn no_description_is_a_placeholder() {
    let (catalog, _) = generate(&repo_root().join("schemas")).unwrap();
    let placeholders: Vec<String> = lambda_event_catalog_codegen::check_descriptions(&catalog).iter().map(ToString::to_string).collect();
    assert!(placeholders.is_empty(), "{}", placeholders.join("\n"));
}
