//! Checking a function's own test fixtures against the catalogue (feature
//! `testing`): a fixture must validate against the schema of its type's
//! shape, parse into the type, and be written back unchanged. The schemas
//! (and the fixtures of the sources this build has, for [`Sample`]) are
//! embedded in this crate, so the checks work in any project, offline.
//!
//! ```
//! # #[cfg(feature = "sqs")] {
//! use lambda_event_catalog::sqs::SqsEvent;
//! use lambda_event_catalog::testing::{self, Sample};
//!
//! let good = br#"{"Records":[{"messageId":"1","body":"hello","eventSource":"aws:sqs"}]}"#;
//! testing::check::<SqsEvent>(good).unwrap();
//!
//! let broken = br#"{"Records":[{"messageId":7,"body":"hello"}]}"#;
//! let report = testing::check::<SqsEvent>(broken).unwrap_err();
//! assert!(report.to_string().contains("/Records/0/messageId"));
//!
//! // A realistic event of the shape, from the catalogue's own fixtures.
//! let event = SqsEvent::sample();
//! assert!(!event.records.is_empty());
//! # }
//! ```
//!
//! In a test, `testing::assert_fixtures::<SqsEvent>("tests/events/sqs")`
//! checks every `*.json` below a folder and panics with the report of each
//! file that fails. A member the schema does not describe fails a fixture
//! (most often a typo, named with the member meant); the `_lenient` functions
//! allow them, for fixtures copied from real events newer than the catalogue.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use lambda_event_catalog_validate::{load, Catalog, ShapeId, Validators};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::{lossless, Shape};

include!(concat!(env!("OUT_DIR"), "/embedded_catalog.rs"));

/// The catalogue's schema files as this crate embeds them: `(path inside
/// schemas/, text)`, the meta-schema as `catalog.meta.json`.
pub fn schema_files() -> &'static [(&'static str, &'static str)] {
    SCHEMA_FILES
}

/// A fixture of the catalogue, embedded for the sources of this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    /// The shape id, such as `sqs.event`.
    pub shape: &'static str,
    /// The file name in `fixtures/<source>/<name>/`.
    pub name: &'static str,
    /// The document.
    pub text: &'static str,
}

/// Every embedded fixture, by shape id and file name.
pub fn fixtures() -> impl Iterator<Item = Fixture> {
    FIXTURE_FILES.iter().map(|&(shape, name, text)| Fixture { shape, name, text })
}

/// The fixtures of `shape`, richest first: the one with the most distinct
/// members (array elements counted once) leads. Fixtures that carry members
/// the catalogue leaves unmodelled on purpose (`unknown` or `future` in their
/// name) come last.
pub fn samples(shape: &str) -> Vec<Fixture> {
    let mut found: Vec<(bool, usize, Fixture)> = fixtures()
        .filter(|fixture| fixture.shape == shape)
        .map(|fixture| {
            let unmodelled = fixture.name.contains("unknown") || fixture.name.contains("future");
            let richness = serde_json::from_str::<Value>(fixture.text).map(|document| member_paths(&document)).unwrap_or_default();
            (unmodelled, richness, fixture)
        })
        .collect();
    found.sort_by(|(a_unmodelled, a_richness, a), (b_unmodelled, b_richness, b)| {
        a_unmodelled.cmp(b_unmodelled).then(b_richness.cmp(a_richness)).then(a.name.cmp(b.name))
    });
    found.into_iter().map(|(_, _, fixture)| fixture).collect()
}

/// How many distinct member paths a document has (`/Records/*/body`).
fn member_paths(document: &Value) -> usize {
    fn walk(value: &Value, path: String, paths: &mut BTreeSet<String>) {
        match value {
            Value::Object(members) => {
                for (name, member) in members {
                    let here = format!("{path}/{name}");
                    paths.insert(here.clone());
                    walk(member, here, paths);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, format!("{path}/*"), paths)),
            _ => {}
        }
    }
    let mut paths = BTreeSet::new();
    walk(document, String::new(), &mut paths);
    paths.len()
}

/// The embedded catalogue, loaded and compiled on first use.
pub fn catalog() -> Result<&'static (Catalog, Validators), &'static str> {
    static CATALOG: OnceLock<Result<(Catalog, Validators), String>> = OnceLock::new();
    let loaded = CATALOG.get_or_init(|| {
        let files = SCHEMA_FILES.iter().map(|&(path, text)| (path.to_owned(), text.to_owned()));
        let catalog = load::load_files(files).map_err(|errors| errors.to_string())?;
        let validators = Validators::new(&catalog).map_err(|errors| errors.to_string())?;
        Ok((catalog, validators))
    });
    loaded.as_ref().map_err(String::as_str)
}

/// What is wrong with a fixture: every problem, each at a JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct FixtureError {
    shape: &'static str,
    problems: Vec<Problem>,
}

/// One problem of a fixture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a JSON pointer into the fixture (`""` for the whole document).
    pub pointer: String,
    /// Which check found it: `json`, `schema`, `parse`, `schema and parse`
    /// (the schema and the type reject the same value, said once) or `write-back`.
    pub check: &'static str,
    /// What is wrong there.
    pub message: String,
}

impl FixtureError {
    /// The shape the fixture was checked as.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// Every problem found, schema violations first.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for FixtureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a lossless `{}` document ({} problems):", self.shape, self.problems.len())?;
        for problem in &self.problems {
            let at = if problem.pointer.is_empty() { "(root)" } else { &problem.pointer };
            write!(f, "\n  {at}: {}: {}", problem.check, problem.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for FixtureError {}

/// Checks one document as `T`'s shape: it validates against the schema (the
/// settings of the `lambda-event-catalog check` command: offline, formats
/// checked), has no member the schema does not describe (as `check
/// --strict`), parses into `T`, and `T` writes it back unchanged.
///
/// An unknown member is a problem here because in a fixture a person wrote it
/// is most often a typo, which the problem names with the member meant
/// (``/resorces: not a member of eventbridge.scheduled_event; did you mean
/// `resources`?``). A fixture copied from a real event that carries members
/// newer than the catalogue is checked with [`check_lenient`] instead.
///
/// A fixture that starts with a UTF-8 byte order mark (which editors on
/// Windows add) is a problem that names it, and the rest of the report checks
/// the document as if the mark were absent. `check` only notes it; here it
/// fails because Lambda never sends one, and a test of yours that reads the
/// file with `from_slice` would fail on it: save the file without it.
pub fn check<T: Shape + DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<(), FixtureError> {
    check_as::<T>(bytes, Members::KnownOnly)
}

/// [`check`], but members the schema does not describe are allowed (the
/// types keep them): for a fixture of a real event newer than the catalogue.
pub fn check_lenient<T: Shape + DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<(), FixtureError> {
    check_as::<T>(bytes, Members::UnknownAllowed)
}

/// Whether a fixture may carry members its shape's schema does not describe.
#[derive(Clone, Copy, PartialEq)]
enum Members {
    KnownOnly,
    UnknownAllowed,
}

fn check_as<T: Shape + DeserializeOwned + Serialize>(bytes: &[u8], members: Members) -> Result<(), FixtureError> {
    let mut problems = Vec::new();
    let mut problem = |pointer: &str, check: &'static str, message: String| problems.push(Problem { pointer: pointer.to_owned(), check, message });
    let bytes = match lambda_event_catalog_validate::files::without_byte_order_mark(bytes) {
        Some(rest) => {
            problem("", "json", lambda_event_catalog_validate::files::BYTE_ORDER_MARK_NOTE.to_owned());
            rest
        }
        None => bytes,
    };
    match serde_json::from_slice::<Value>(bytes) {
        Err(error) => problem("", "json", format!("not valid JSON: {error}")),
        Ok(document) => {
            let mut rejected_by_schema = BTreeSet::new();
            match (catalog(), ShapeId::parse(T::ID)) {
                (Ok((catalog, validators)), Some(id)) => {
                    for violation in validators.validate(&id, &document) {
                        rejected_by_schema.insert(violation.pointer.clone());
                        // Inside a tagged union, the tag that chose the alternative judging the place.
                        let message = lambda_event_catalog_validate::unknown::in_unions(catalog, &id, &document, &violation.pointer, &violation.message);
                        problem(&violation.pointer, "schema", message);
                    }
                    if members == Members::KnownOnly {
                        for unknown in lambda_event_catalog_validate::unknown::unknown_members(catalog, &id, &document) {
                            let message = unknown.problem(&id);
                            problem(
                                &unknown.pointer,
                                "unknown member",
                                format!("{message} (a real event newer than the catalogue: check it with the `_lenient` functions)"),
                            );
                        }
                    }
                }
                (Err(error), _) => problem("", "schema", format!("the embedded catalogue does not load: {error}")),
                (_, None) => problem("", "schema", format!("`{}` is not a shape id", T::ID)),
            }
            match crate::from_slice::<T>(bytes) {
                // The schema's message at that place says it already.
                Err(error) if rejected_by_schema.contains(error.pointer()) => {
                    for said in problems.iter_mut().filter(|said| said.check == "schema" && said.pointer == error.pointer()) {
                        said.check = "schema and parse";
                    }
                }
                Err(error) => problem(error.pointer(), "parse", error.inner().to_string()),
                Ok(typed) => match serde_json::to_value(&typed) {
                    Err(error) => problem("", "write-back", error.to_string()),
                    Ok(written) => {
                        for difference in lossless::compare(&document, &written) {
                            let message = difference.to_string();
                            let message = message.split_once(": ").map_or(message.as_str(), |(_, what)| what).to_owned();
                            problem(&difference.pointer, "write-back", message);
                        }
                    }
                },
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(FixtureError { shape: T::ID, problems })
    }
}

/// Checks the fixture at `path` as `T`'s shape.
///
/// # Panics
/// When the file cannot be read or [`check`] finds a problem, with the report.
#[track_caller]
pub fn assert_fixture<T: Shape + DeserializeOwned + Serialize>(path: impl AsRef<Path>) {
    assert_fixture_as::<T>(path.as_ref(), Members::KnownOnly);
}

/// [`assert_fixture`] as [`check_lenient`] checks: unknown members allowed.
///
/// # Panics
/// When the file cannot be read or [`check_lenient`] finds a problem, with the report.
#[track_caller]
pub fn assert_fixture_lenient<T: Shape + DeserializeOwned + Serialize>(path: impl AsRef<Path>) {
    assert_fixture_as::<T>(path.as_ref(), Members::UnknownAllowed);
}

#[track_caller]
fn assert_fixture_as<T: Shape + DeserializeOwned + Serialize>(path: &Path, members: Members) {
    if let Err(report) = check_file::<T>(path, members) {
        panic!("{report}");
    }
}

/// Checks every `*.json` file below `dir` (in sorted order) as `T`'s shape.
///
/// # Panics
/// When no file is found, or with the report of every file that fails.
#[track_caller]
pub fn assert_fixtures<T: Shape + DeserializeOwned + Serialize>(dir: impl AsRef<Path>) {
    assert_fixtures_as::<T>(dir.as_ref(), Members::KnownOnly);
}

/// [`assert_fixtures`] as [`check_lenient`] checks: unknown members allowed.
///
/// # Panics
/// When no file is found, or with the report of every file that fails.
#[track_caller]
pub fn assert_fixtures_lenient<T: Shape + DeserializeOwned + Serialize>(dir: impl AsRef<Path>) {
    assert_fixtures_as::<T>(dir.as_ref(), Members::UnknownAllowed);
}

#[track_caller]
fn assert_fixtures_as<T: Shape + DeserializeOwned + Serialize>(dir: &Path, members: Members) {
    let files = lambda_event_catalog_validate::files::json_files(dir).unwrap_or_else(|error| panic!("cannot read the fixture folder {error}"));
    assert!(!files.is_empty(), "{}: no *.json fixture below this folder", dir.display());
    let failures: Vec<String> = files.iter().filter_map(|file| check_file::<T>(file, members).err()).collect();
    if !failures.is_empty() {
        panic!("{} of {} fixtures fail:\n{}", failures.len(), files.len(), failures.join("\n"));
    }
}

fn check_file<T: Shape + DeserializeOwned + Serialize>(path: &Path, members: Members) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|error| format!("{}: cannot read: {error}", path.display()))?;
    check_as::<T>(&bytes, members).map_err(|report| format!("{}: {report}", path.display()))
}

/// Realistic documents of a type's shape, typed: the catalogue's own
/// fixtures (the richest first, see [`samples`]), for a function's first
/// tests. Implemented for every type of the catalogue.
pub trait Sample: Shape + DeserializeOwned {
    /// The richest fixture of the shape.
    ///
    /// # Panics
    /// Never for the types of this crate: every shape has fixtures, and the
    /// catalogue's tests parse each of them into its type.
    fn sample() -> Self {
        Self::samples().into_iter().next().unwrap_or_else(|| panic!("the catalogue has no fixture of `{}` in this build", Self::ID))
    }

    /// Every fixture of the shape, richest first.
    fn samples() -> Vec<Self> {
        samples(Self::ID)
            .into_iter()
            .map(|fixture| {
                crate::from_slice(fixture.text.as_bytes())
                    .unwrap_or_else(|error| panic!("fixtures/{}/{}: does not parse: {error}", Self::ID.replace('.', "/"), fixture.name))
            })
            .collect()
    }
}

impl<T: Shape + DeserializeOwned> Sample for T {}

#[cfg(all(test, feature = "sqs"))]
mod tests {
    use super::{check, check_lenient};
    use crate::sqs::SqsEvent;

    #[test]
    fn a_misspelled_member_fails_naming_the_member_meant_unless_lenient() {
        let fixture = br#"{"Records":[{"messageId":"1","body":"hello","eventSource":"aws:sqs","recieptHandle":"AQEB"}]}"#;
        let report = check::<SqsEvent>(fixture).unwrap_err();
        let problems: Vec<(&str, &str)> = report.problems().iter().map(|problem| (problem.pointer.as_str(), problem.check)).collect();
        assert_eq!(problems, [("/Records/0/recieptHandle", "unknown member")], "{report}");
        let text = report.to_string();
        assert!(text.contains("did you mean `receiptHandle`?") && text.contains("_lenient"), "{text}");
        check_lenient::<SqsEvent>(fixture).unwrap();
    }

    #[test]
    fn a_byte_order_mark_is_one_problem_and_the_rest_is_checked_without_it() {
        let report = check::<SqsEvent>(b"\xEF\xBB\xBF{\"Records\":[{\"eventSource\":\"aws:sqs\",\"messageId\":7,\"body\":\"\"}]}").unwrap_err();
        let problems: Vec<(&str, &str)> = report.problems().iter().map(|problem| (problem.pointer.as_str(), problem.check)).collect();
        assert_eq!(problems, [("", "json"), ("/Records/0/messageId", "schema and parse")], "{report}");
        assert!(report.to_string().contains("starts with a byte order mark"), "{report}");
    }
}
