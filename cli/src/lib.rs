//! `check`: tells whether event files are documents of the catalogue. For each
//! file: which shape it is (detected by the shapes' `x-detect` rules, or
//! given), whether it validates against that shape's schema, whether it
//! parses into the shape's Rust type, and whether writing it back is lossless.
#![forbid(unsafe_code)]

pub mod envelope;

use std::path::{Path, PathBuf};

use lambda_event_catalog::budget::{UnpackBudget, DOCUMENT_UNPACK_LIMIT};
use lambda_event_catalog::lossless;
use lambda_event_catalog_validate::files::{find_json_files, read_bounded, read_document, ReadError};
use lambda_event_catalog_validate::unknown::{in_unions, unknown_members};
use lambda_event_catalog_validate::{Catalog, ShapeId, Validators};
use serde_json::{json, Value};

/// One thing `check` found wrong with a file (an unknown member is one too,
/// which fails the file only under `--strict`).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Which check found it: `json`, `shape`, `schema`, `parse`, `schema and
    /// parse` (both reject the place, said once), `write-back` or `unknown member`.
    pub check: &'static str,
    /// The JSON pointer of the place (`""` for the document itself).
    pub path: String,
    /// What is wrong, in a sentence (`expected text, found the number 5`).
    pub problem: String,
    /// What the place needs, when the check says it.
    pub expected: Option<String>,
    /// What the place holds, when the check says it.
    pub found: Option<String>,
    /// What was probably meant (the known member closest to an unknown one).
    pub suggestion: Option<String>,
}

impl Problem {
    fn new(check: &'static str, path: &str, problem: String) -> Problem {
        Problem { check, path: path.to_owned(), problem, expected: None, found: None, suggestion: None }
    }

    /// A problem of the file as a whole (not JSON, no shape): no place to name.
    fn of_file(check: &'static str, problem: String) -> Problem {
        Problem::new(check, "", problem)
    }

    /// A parse error, with what serde says was expected and found.
    fn parse(check: &'static str, path: &str, error: &serde_json::Error) -> Problem {
        let message = error.to_string();
        let mut problem = Problem::new(check, path, message.clone());
        // serde_json: "invalid type: integer `7`, expected a string at line 1 column 5".
        let said = message.split(" at line ").next().unwrap_or_default();
        let parts = said.strip_prefix("invalid type: ").or_else(|| said.strip_prefix("invalid value: ")).and_then(|rest| rest.split_once(", expected "));
        if let Some((found, expected)) = parts {
            problem.found = Some(found.to_owned());
            problem.expected = Some(expected.to_owned());
        }
        problem
    }

    fn to_json(&self) -> Value {
        json!({
            "check": self.check,
            "path": self.path,
            "problem": self.problem,
            "expected": self.expected,
            "found": self.found,
            "suggestion": self.suggestion,
        })
    }

    /// `schema: /Records/0/messageId: expected text, found the number 7`.
    fn to_text(&self) -> String {
        match self.check {
            "json" | "shape" | "read" => self.problem.clone(),
            check => format!("{check}: {}: {}", at(&self.path), self.problem),
        }
    }
}

/// What `check` found for one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub file: String,
    pub shape: Option<String>,
    pub schema_valid: bool,
    pub parsed: bool,
    pub lossless: bool,
    pub problems: Vec<Problem>,
    /// What `check` could not look into, which does not fail the file: a
    /// carried document it could not open (`/awslogs/data: not opened: …`).
    pub notes: Vec<String>,
    /// The members the shape's schema does not describe, each with the known
    /// member it is closest to (``/resorces: not a member of …; did you mean
    /// `resources`?``): notes, or problems under `--strict`.
    pub unknown_members: Vec<Problem>,
    /// Whether unknown members fail the file (`--strict`).
    pub strict: bool,
    /// Whether the file was left out of the check (an entry of a folder that
    /// is no regular file, named in `notes`), which fails nothing.
    pub skipped: bool,
}

impl FileReport {
    fn failed(file: String, shape: Option<String>, error: Problem) -> FileReport {
        FileReport {
            file,
            shape,
            schema_valid: false,
            parsed: false,
            lossless: false,
            problems: vec![error],
            notes: Vec::new(),
            unknown_members: Vec::new(),
            strict: false,
            skipped: false,
        }
    }

    /// The report of an entry a folder's walk did not take, and why.
    pub fn skipped(file: String, reason: String) -> FileReport {
        FileReport {
            file,
            shape: None,
            schema_valid: false,
            parsed: false,
            lossless: false,
            problems: Vec::new(),
            notes: vec![reason],
            unknown_members: Vec::new(),
            strict: false,
            skipped: true,
        }
    }

    pub fn passed(&self) -> bool {
        self.schema_valid && self.parsed && self.lossless && (!self.strict || self.unknown_members.is_empty())
    }

    /// One line of JSON, members in the documented order.
    pub fn to_json(&self) -> String {
        let members = [
            ("file", json!(self.file)),
            ("shape", json!(self.shape)),
            ("schema_valid", json!(self.schema_valid)),
            ("parsed", json!(self.parsed)),
            ("lossless", json!(self.lossless)),
            ("problems", Value::Array(self.problems.iter().map(Problem::to_json).collect())),
            ("notes", json!(self.notes)),
            ("unknown_members", Value::Array(self.unknown_members.iter().map(Problem::to_json).collect())),
            ("skipped", json!(self.skipped)),
        ];
        let members: Vec<String> = members.iter().map(|(name, value)| format!("{name:?}:{value}")).collect();
        format!("{{{}}}", members.join(","))
    }

    pub fn to_text(&self) -> String {
        if self.skipped {
            return format!("skip {}: not checked{}", self.file, self.notes.iter().map(|note| format!("\n       note: {note}")).collect::<String>());
        }
        let verdict = if self.passed() { "ok  " } else { "FAIL" };
        let shape = self.shape.as_deref().unwrap_or("unknown shape");
        let mut text = if self.passed() {
            format!("{verdict} {}: {shape}, valid, parsed, lossless", self.file)
        } else {
            let yes_no = |flag: bool, yes: &str, no: &str| if flag { yes.to_owned() } else { no.to_owned() };
            format!(
                "{verdict} {}: {shape}, {}, {}, {}",
                self.file,
                yes_no(self.schema_valid, "valid", "INVALID"),
                yes_no(self.parsed, "parsed", "NOT PARSED"),
                yes_no(self.lossless, "lossless", "NOT LOSSLESS"),
            )
        };
        if self.strict && !self.unknown_members.is_empty() {
            text.push_str(", UNKNOWN MEMBERS");
        }
        for problem in &self.problems {
            text.push_str("\n       ");
            text.push_str(&problem.to_text());
        }
        for unknown in &self.unknown_members {
            text.push_str(if self.strict { "\n       " } else { "\n       note: " });
            text.push_str(&format!("{}: {}", at(&unknown.path), unknown.problem));
        }
        if !self.strict && !self.unknown_members.is_empty() {
            text.push_str("\n       note: members the catalogue does not know are kept; --strict fails on them (a typo in a hand-written event)");
        }
        for note in &self.notes {
            text.push_str("\n       note: ");
            text.push_str(note);
        }
        text
    }
}

/// Checks documents against a catalogue: the one embedded in this build, or
/// a working copy of the schemas.
pub struct Checker<'a> {
    catalog: &'a Catalog,
    validators: &'a Validators,
    strict: bool,
    max_file_size: u64,
    max_unpacked: usize,
}

/// The largest file `check` reads unless told otherwise (`--max-file-size`):
/// 64 MiB, ten times Lambda's 6 MB limit on an invocation's payload.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Loads and compiles the schemas of a folder (a working copy, for `--schemas DIR`).
pub fn load_schemas(schemas_dir: &Path) -> Result<(Catalog, Validators), String> {
    let catalog = lambda_event_catalog_validate::load::load(schemas_dir).map_err(|errors| errors.to_string())?;
    let validators = Validators::new(&catalog).map_err(|errors| errors.to_string())?;
    Ok((catalog, validators))
}

impl<'a> Checker<'a> {
    /// A checker of the catalogue embedded in this build.
    pub fn embedded() -> Result<Checker<'static>, String> {
        let (catalog, validators) = lambda_event_catalog::testing::catalog()?;
        Ok(Checker { catalog, validators, strict: false, max_file_size: MAX_FILE_SIZE, max_unpacked: DOCUMENT_UNPACK_LIMIT })
    }

    /// A checker of a catalogue loaded by [`load_schemas`].
    pub fn new((catalog, validators): &'a (Catalog, Validators)) -> Checker<'a> {
        Checker { catalog, validators, strict: false, max_file_size: MAX_FILE_SIZE, max_unpacked: DOCUMENT_UNPACK_LIMIT }
    }

    /// Fails files with members their shape's schema does not describe
    /// (`--strict`), instead of noting them.
    pub fn strict(self, strict: bool) -> Checker<'a> {
        Checker { strict, ..self }
    }

    /// Reads files of up to `bytes` ([`MAX_FILE_SIZE`] otherwise,
    /// `--max-file-size`); a larger one fails, read no further.
    pub fn max_file_size(self, bytes: u64) -> Checker<'a> {
        Checker { max_file_size: bytes, ..self }
    }

    /// Unpacks up to `bytes` of the documents a file carries, in total
    /// ([`DOCUMENT_UNPACK_LIMIT`] otherwise, `--max-unpacked`): base64
    /// decoded, gzip inflated, the JSON text of carried documents at any
    /// depth. The member where the budget is spent is a note, and nothing
    /// more of the file is unpacked.
    pub fn max_unpacked(self, bytes: usize) -> Checker<'a> {
        Checker { max_unpacked: bytes, ..self }
    }

    /// Checks one document; `shape` skips detection.
    pub fn check_bytes(&self, file: String, bytes: &[u8], shape: Option<&ShapeId>) -> FileReport {
        match lambda_event_catalog_validate::files::without_byte_order_mark(bytes) {
            Some(rest) => {
                let mut report = self.check_document(file, rest, shape);
                report.notes.insert(0, lambda_event_catalog_validate::files::BYTE_ORDER_MARK_NOTE.to_owned());
                report
            }
            None => self.check_document(file, bytes, shape),
        }
    }

    fn check_document(&self, file: String, bytes: &[u8], shape: Option<&ShapeId>) -> FileReport {
        let document: Value = match serde_json::from_slice(bytes) {
            Ok(document) => document,
            Err(error) => {
                let hint = if error.is_eof() { " (the document ends early: truncated?)" } else { "" };
                return FileReport::failed(file, shape.map(ToString::to_string), Problem::of_file("json", format!("not valid JSON: {error}{hint}")));
            }
        };
        let (id, mut shape_name) = match shape {
            Some(id) => (id.clone(), id.to_string()),
            None => match self.detected_shape(&document) {
                Ok(detected) => detected,
                Err(several) if several.is_empty() => {
                    let fitting: Vec<ShapeId> = self.validators.fitting(self.catalog, &document).into_iter().cloned().collect();
                    let mut report = self.check_as_every_fitting_shape(file.clone(), bytes, &fitting);
                    if report.passed() {
                        let shapes = report.shape.clone().unwrap_or_default();
                        report.notes.insert(0, format!("no shape's `x-detect` matches it, but {shapes} describes every member: a value detection keys on (such as an `eventSource`) may be one the catalogue does not know yet"));
                        return report;
                    }
                    let hint = "name one with --shape, or see the `x-detect` rules in schemas/";
                    return FileReport::failed(
                        file,
                        None,
                        Problem::of_file("shape", format!("unknown shape: the document matches no shape of the catalogue ({hint})")),
                    );
                }
                Err(several) => return self.check_as_every_fitting_shape(file, bytes, &several),
            },
        };
        let mut notes = Vec::new();
        if shape.is_none() {
            notes.extend(self.also_fitting(&id, &document));
        }
        shape_name.push_str(&self.carried_shapes(&id, &document, 0, &mut notes, &mut UnpackBudget::new(self.max_unpacked)));
        let unknown_members = unknown_members(self.catalog, &id, &document)
            .iter()
            .map(|member| Problem { suggestion: member.suggestion.clone(), ..Problem::new("unknown member", &member.pointer, member.problem(&id)) })
            .collect();
        let mut report = FileReport {
            file,
            shape: Some(shape_name),
            schema_valid: true,
            parsed: false,
            lossless: false,
            problems: Vec::new(),
            notes,
            unknown_members,
            strict: self.strict,
            skipped: false,
        };
        if !self.validators.knows(&id) {
            report.schema_valid = false;
            report.problems.push(Problem::of_file("shape", format!("the catalogue has no shape `{id}`")));
            return report;
        }
        let violations = self.validators.validate(&id, &document);
        report.schema_valid = violations.is_empty();
        let Some(shape) = lambda_event_catalog::shape::shape(&id.to_string()) else {
            report.problems.extend(violations.iter().map(|violation| self.schema_problem("schema", &id, &document, violation)));
            report.problems.push(Problem::of_file("shape", format!("the shape `{id}` has no Rust type in this build")));
            return report;
        };
        let parsed = shape.parse_and_write(bytes);
        // Where the schema and the type reject the same value, one line says so.
        let parse_error_pointer = parsed.as_ref().err().map(|error| error.pointer());
        for violation in &violations {
            let checks = if parse_error_pointer == Some(violation.pointer.as_str()) { "schema and parse" } else { "schema" };
            report.problems.push(self.schema_problem(checks, &id, &document, violation));
        }
        match parsed {
            Ok(written) => {
                report.parsed = true;
                let differences = lossless::compare(&document, &written);
                report.lossless = differences.is_empty();
                report.problems.extend(differences.iter().map(|difference| {
                    let said = difference.to_string();
                    let what = said.split_once(": ").map_or(said.as_str(), |(_, what)| what).to_owned();
                    Problem::new("write-back", &difference.pointer, what)
                }));
            }
            Err(error) if violations.iter().any(|violation| violation.pointer == error.pointer()) => {}
            Err(error) => report.problems.push(Problem::parse("parse", error.pointer(), error.inner())),
        }
        report
    }

    /// A document whose detection names several shapes that are not one
    /// document, each modelling as much of it: checked as each of them. The
    /// shapes it passes as are all named (`apigw.proxy_response_v1 |
    /// vpc_lattice.response`), with a note that it fits each; when it passes
    /// as none, it is ambiguous and names them all.
    fn check_as_every_fitting_shape(&self, file: String, bytes: &[u8], several: &[ShapeId]) -> FileReport {
        let reports: Vec<FileReport> = several.iter().map(|id| self.check_document(file.clone(), bytes, Some(id))).collect();
        let (fitting, _): (Vec<FileReport>, Vec<FileReport>) = reports.into_iter().partition(FileReport::passed);
        let names: Vec<String> = fitting.iter().filter_map(|report| report.shape.clone()).collect();
        let Some(mut first) = fitting.into_iter().next() else {
            let ids: Vec<String> = several.iter().map(ToString::to_string).collect();
            return FileReport::failed(
                file,
                None,
                Problem::of_file("shape", format!("ambiguous shape: it matches {} and passes as none of them; name one with --shape", ids.join(", "))),
            );
        };
        if names.len() > 1 {
            first.notes.insert(0, format!("several shapes describe this document exactly: it was checked as each of {}", names.join(", ")));
        }
        first.shape = Some(names.join(" | "));
        first
    }

    /// A note naming the other shapes that describe a detected document
    /// exactly (valid, every member known), when the detected one does too
    /// and their `x-detect` misses it only for members it lacks: `x-detect`
    /// keys on members that set a shape apart, and a document without them
    /// (an API Gateway proxy response without `statusDescription`) is a
    /// document of those other shapes as well (a VPC Lattice or ALB
    /// response). A shape whose `x-detect` a value of the document
    /// contradicts (an ECS event's `detail-type` for a scheduled event) is
    /// not named.
    fn also_fitting(&self, detected: &ShapeId, document: &Value) -> Option<String> {
        let fitting = self.validators.fitting(self.catalog, document);
        if !fitting.contains(&detected) {
            return None;
        }
        let others: Vec<String> = fitting
            .iter()
            .filter(|other| !self.catalog.same_document(detected, other) && self.validators.detect_lacks_members_only(other, document))
            .map(ToString::to_string)
            .collect();
        (!others.is_empty()).then(|| format!("{} describe it exactly too: it is a document of those shapes as well", others.join(", ")))
    }

    /// The shape a document is, when detection names one (or several that
    /// are one document under several ids, named together: `a | b`).
    fn detected_shape(&self, document: &Value) -> Result<(ShapeId, String), Vec<ShapeId>> {
        let detected = self.validators.identify(self.catalog, document);
        match detected.as_slice() {
            [first, rest @ ..] if rest.iter().all(|other| self.catalog.same_document(first, other)) => {
                let names: Vec<String> = detected.iter().map(ToString::to_string).collect();
                Ok(((*first).clone(), names.join(" | ")))
            }
            several => Err(several.iter().map(|id| (*id).clone()).collect()),
        }
    }

    /// ` > inner` naming the shapes of the documents `document` carries
    /// (`sqs.event > s3.event`), recursively (`sqs.event > sns.message >
    /// s3.event`), several joined by ` + `; carried documents of no known
    /// shape (the sender's own JSON) are not named. Members whose compressed
    /// document could not be opened go to `notes`, behind the pointers of the
    /// members that carry them (`/Records/0/body > /awslogs/data: …`). All
    /// of them unpack within `budget`, the budget of the file.
    fn carried_shapes(&self, id: &ShapeId, document: &Value, depth: usize, notes: &mut Vec<String>, budget: &mut UnpackBudget) -> String {
        const MAX_NESTING: usize = 8;
        if depth >= MAX_NESTING {
            return String::new();
        }
        let mut described: Vec<String> = Vec::new();
        let carried = envelope::carried_documents(self.catalog, id, document, budget);
        notes.extend(carried.unopened);
        for (pointer, carried) in carried.documents {
            let Ok((inner, name)) = self.detected_shape(&carried) else { continue };
            let mut inner_notes = Vec::new();
            let description = format!("{name}{}", self.carried_shapes(&inner, &carried, depth + 1, &mut inner_notes, budget));
            notes.extend(inner_notes.into_iter().map(|note| format!("{pointer} > {note}")));
            if !described.contains(&description) {
                described.push(description);
            }
        }
        if described.is_empty() {
            String::new()
        } else {
            format!(" > {}", described.join(" + "))
        }
    }

    /// A schema violation as a problem of the report; inside a tagged union,
    /// it names the tag that chose the alternative judging the place
    /// (`triggerSource "PreSignUp_SignUp" selects CognitoPreSignUp`).
    fn schema_problem(&self, check: &'static str, id: &ShapeId, document: &Value, violation: &lambda_event_catalog_validate::Violation) -> Problem {
        let problem = in_unions(self.catalog, id, document, &violation.pointer, &violation.message);
        Problem { expected: violation.expected.clone(), found: violation.found.clone(), ..Problem::new(check, &violation.pointer, problem) }
    }

    /// Checks one file: a regular file (or a link to one) of at most the
    /// checker's [`max_file_size`](Checker::max_file_size). Any other fails,
    /// unread: a named pipe would block the reader and `/dev/zero` never ends.
    /// `-` and `/dev/stdin` are standard input, read up to the same limit
    /// (`sample sqs.event | check -`).
    pub fn check_file(&self, path: &Path, shape: Option<&ShapeId>) -> FileReport {
        let file = path.display().to_string();
        let read = if is_standard_input(path) { read_standard_input(self.max_file_size) } else { read_document(path, self.max_file_size) };
        let why = match read {
            Ok(bytes) => return self.check_bytes(file, &bytes, shape),
            Err(error @ ReadError::NotRegular(_)) => format!("not read: {error}; check reads regular files only"),
            Err(error @ ReadError::TooLarge { .. }) => format!("not read: {error} (--max-file-size BYTES raises the limit)"),
            Err(error) => format!("cannot read: {error}"),
        };
        FileReport::failed(file, shape.map(ToString::to_string), Problem::of_file("read", why))
    }
}

/// Whether `path` names standard input: `-`, or `/dev/stdin`, which the
/// shell's pipes make a pipe, no regular file.
pub fn is_standard_input(path: &Path) -> bool {
    path == Path::new("-") || path == Path::new("/dev/stdin")
}

/// Standard input, up to `limit` bytes.
fn read_standard_input(limit: u64) -> Result<Vec<u8>, ReadError> {
    read_bounded(std::io::stdin().lock(), limit, 0)
}

/// A JSON pointer as reports write it: the document itself is `(root)`.
fn at(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(root)"
    } else {
        pointer
    }
}

/// What a path given to `check` names.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A file to check.
    Check(PathBuf),
    /// An entry of a folder that is no regular file (nor a link to one), or
    /// a link to a folder, which the walk does not follow: why it is left out.
    Skip(PathBuf, String),
}

/// The files to check: each path itself, or every `.json` file below a
/// folder, sorted, with the entries the walk left out in their places. No
/// path, or a folder without `.json` files to check, is an error: a check of
/// nothing would pass.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<Entry>, String> {
    if paths.is_empty() {
        return Err("name the files or folders to check".to_owned());
    }
    let mut entries = Vec::new();
    for path in paths {
        if is_standard_input(path) {
            entries.push(Entry::Check(path.clone()));
            continue;
        }
        let found = find_json_files(path).map_err(|error| format!("cannot read the folder {error}"))?;
        if found.files.is_empty() {
            let skipped: String = found.skipped.iter().map(|skipped| format!("\n  skipped {}: {}", skipped.path.display(), skipped.reason)).collect();
            return Err(format!("{}: no *.json file below this folder{skipped}", path.display()));
        }
        let mut here: Vec<Entry> = found.files.into_iter().map(Entry::Check).collect();
        here.extend(found.skipped.into_iter().map(|skipped| Entry::Skip(skipped.path, skipped.reason)));
        here.sort_by(|a, b| entry_path(a).cmp(entry_path(b)));
        entries.extend(here);
    }
    Ok(entries)
}

fn entry_path(entry: &Entry) -> &Path {
    match entry {
        Entry::Check(path) | Entry::Skip(path, _) => path,
    }
}
