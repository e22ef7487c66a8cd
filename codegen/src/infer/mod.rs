//! `cargo codegen infer`: schema changes from sample events.
//!
//! `--shape ID` compares samples with an existing shape and proposes the
//! edits that make its schema cover them (`merge`); `--new ID` drafts the
//! schema of a shape the catalogue does not have (`draft`). Both print what
//! they found with its evidence and the change as a diff of the schema files,
//! and check the result the way `generate` would: the proposed schemas load
//! and lower, and the samples validate against them.
//!
//! observe (pool values by JSON path) → detect (wire forms, with evidence) →
//! draft (schemas from pools) / merge (edits of an existing schema) → edit
//! (apply them to the text, keeping its formatting) → render (the report).

pub mod detect;
pub mod draft;
pub mod edit;
mod merge;
pub mod observe;
pub mod render;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::infer::draft::{Drafter, Placement, Reported, TODO};
use crate::infer::merge::Location;
use crate::infer::observe::{observe_documents, Kind, Node, ObjectPool};
use crate::infer::render::plural;
use crate::json::Json;
use crate::load::{Catalog, ShapeId, META_SCHEMA_FILE};
use crate::naming;
use crate::validators::Validators;

/// A sample document and the name it is reported under (its path).
pub struct Sample {
    pub name: String,
    pub document: Json,
}

impl Sample {
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Sample, String> {
        let document = serde_json::from_slice(bytes).map_err(|error| format!("{name}: not JSON: {error}"))?;
        Ok(Sample { name: name.to_owned(), document })
    }
}

/// Reads the sample documents at `paths`; a folder gives its `*.json` files, sorted.
pub fn read_samples(paths: &[String]) -> Result<Vec<Sample>, String> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(lambda_event_catalog_validate::files::json_files(Path::new(path)).map_err(|error| format!("cannot read the folder {error}"))?);
    }
    if files.is_empty() {
        return Err("no sample documents: give JSON files or folders holding them".to_owned());
    }
    files
        .iter()
        .map(|file| {
            let name = file.display().to_string();
            let bytes = std::fs::read(file).map_err(|error| format!("{name}: {error}"))?;
            Sample::parse(&name, &bytes)
        })
        .collect()
}

/// A schema file as it is and as the proposal would leave it (`before` is
/// empty for a new file). Paths are relative to the schemas folder.
pub struct FileChange {
    pub path: String,
    pub before: String,
    pub after: String,
}

/// What a proposed change does to a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    NewShape,
    NewProperty,
    /// A member leaves `required`.
    NotRequired,
    /// `null` becomes a value of the schema.
    Nullable,
    NewEnumValues,
    /// `integer` becomes `number`, or the schema becomes any JSON value.
    Widened,
}

/// A proposed change and its evidence.
pub struct ProposedChange {
    pub kind: ChangeKind,
    pub summary: String,
}

/// What `infer` found and proposes.
pub struct Proposal {
    pub heading: String,
    pub changes: Vec<ProposedChange>,
    pub detections: Vec<Reported>,
    /// What a person should know or decide; nothing blocks.
    pub notes: Vec<String>,
    /// What would still fail with the proposal: `generate` or `check` will refuse it.
    pub problems: Vec<String>,
    pub files: Vec<FileChange>,
}

impl Proposal {
    /// The report: findings, then the diff of every schema file that changes.
    pub fn report(&self) -> String {
        let mut out = format!("{}\n", self.heading);
        let mut section = |title: &str, lines: &[String]| {
            if !lines.is_empty() {
                let _ = writeln!(out, "{title}:");
                for line in lines {
                    let _ = writeln!(out, "  {}", line.replace('\n', "\n    "));
                }
            }
        };
        let changes: Vec<String> = self.changes.iter().map(|change| change.summary.clone()).collect();
        section("changes", &changes);
        let detections: Vec<String> = self
            .detections
            .iter()
            .map(|reported| {
                let verdict = if reported.detection.applied { "" } else { " (not applied)" };
                format!("{}: {}{verdict}: {}", display_path(&reported.path), reported.detection.finding.label(), reported.detection.evidence)
            })
            .collect();
        section("detections", &detections);
        section("notes", &self.notes);
        section("problems", &self.problems);
        for file in &self.files {
            let old = if file.before.is_empty() { "/dev/null".to_owned() } else { format!("schemas/{}", file.path) };
            let diff = similar::TextDiff::from_lines(&file.before, &file.after);
            let _ = write!(out, "{}", diff.unified_diff().context_radius(3).header(&old, &format!("schemas/{}", file.path)));
        }
        out
    }

    /// Writes the changed files under `schemas_dir`; returns their paths.
    pub fn write(&self, schemas_dir: &Path) -> std::io::Result<Vec<String>> {
        for file in &self.files {
            let target = schemas_dir.join(&file.path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, &file.after)?;
        }
        Ok(self.files.iter().map(|file| format!("schemas/{}", file.path)).collect())
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(root)"
    } else {
        path
    }
}

/// `infer` as the command line gives it.
pub struct Request {
    pub id: ShapeId,
    /// Draft a new shape (`--new`) rather than merge into an existing one (`--shape`).
    pub new: bool,
    pub write: bool,
    pub paths: Vec<String>,
}

impl Request {
    pub fn parse(args: &[String]) -> Result<Request, String> {
        let mut target: Option<(bool, ShapeId)> = None;
        let mut write = false;
        let mut paths = Vec::new();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--write" => write = true,
                flag @ ("--shape" | "--new") => {
                    let id = args.next().ok_or_else(|| format!("{flag} needs a shape id (source.name)"))?;
                    let id = ShapeId::parse(id).ok_or_else(|| format!("`{id}` is not a shape id (source.name, lower_snake_case)"))?;
                    if target.replace((flag == "--new", id)).is_some() {
                        return Err("give one of --shape ID or --new ID, once".to_owned());
                    }
                }
                flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
                path => paths.push(path.to_owned()),
            }
        }
        let (new, id) = target.ok_or("say which shape: --shape ID (an existing one) or --new ID")?;
        if paths.is_empty() {
            return Err("give one or more sample files or folders".to_owned());
        }
        Ok(Request { id, new, write, paths })
    }

    pub fn run(&self, schemas_dir: &Path) -> Result<Proposal, String> {
        let samples = read_samples(&self.paths)?;
        if self.new {
            draft(schemas_dir, &self.id, &samples)
        } else {
            merge(schemas_dir, &self.id, &samples)
        }
    }
}

fn load(schemas_dir: &Path) -> Result<Catalog, String> {
    crate::load::load(schemas_dir).map_err(|errors| format!("the catalogue does not load:\n{errors}"))
}

/// Proposes the edits that make the schema of shape `id` cover `samples`.
pub fn merge(schemas_dir: &Path, id: &ShapeId, samples: &[Sample]) -> Result<Proposal, String> {
    if samples.is_empty() {
        return Err("no sample documents".to_owned());
    }
    let catalog = load(schemas_dir)?;
    crate::lower::lower(&catalog).map_err(|errors| format!("the catalogue does not lower:\n{errors}"))?;
    if catalog.shape(id).is_none() {
        return Err(format!("the catalogue has no shape `{id}` (schemas/{}); draft one with --new {id}", id.schema_path()));
    }
    let comparison = merge::compare(&catalog, Location { file: id.schema_path(), pointer: Vec::new() }, samples);
    let mut files = Vec::new();
    let changed: BTreeSet<&str> = comparison.changes.iter().map(|change| change.file.as_str()).collect();
    for path in changed {
        let before = std::fs::read_to_string(schemas_dir.join(path)).map_err(|error| format!("schemas/{path}: {error}"))?;
        let edits: Vec<edit::Edit> = comparison.changes.iter().filter(|change| change.file == path).map(|change| change.edit.clone()).collect();
        let after = edit::apply(&before, &edits).map_err(|error| format!("schemas/{path}: cannot apply the proposal: {error}"))?;
        files.push(FileChange { path: path.to_owned(), before, after });
    }
    let count = comparison.changes.len();
    let heading = match count {
        0 => format!(
            "{id}: no change; the schema covers {}",
            if samples.len() == 1 { "the sample".to_owned() } else { format!("the {} samples", samples.len()) }
        ),
        _ => format!("{id}: {} from {}", plural(count, "change"), plural(samples.len(), "sample")),
    };
    let mut proposal = Proposal {
        heading,
        changes: comparison.changes.into_iter().map(|change| ProposedChange { kind: change.kind, summary: change.summary }).collect(),
        detections: comparison.detections,
        notes: comparison.notes,
        problems: comparison.problems,
        files,
    };
    verify(schemas_dir, id, samples, &mut proposal, false)?;
    Ok(proposal)
}

/// Drafts the schema file of the new shape `id` from `samples`.
pub fn draft(schemas_dir: &Path, id: &ShapeId, samples: &[Sample]) -> Result<Proposal, String> {
    if samples.is_empty() {
        return Err("no sample documents".to_owned());
    }
    let catalog = load(schemas_dir)?;
    if catalog.files.contains_key(&id.schema_path()) {
        return Err(format!("schemas/{} exists; propose changes to it with --shape {id}", id.schema_path()));
    }
    let model = crate::lower::lower(&catalog).map_err(|errors| format!("the catalogue does not lower:\n{errors}"))?;
    if let Some(sample) = samples.iter().find(|sample| !matches!(sample.document, Json::Object(_))) {
        return Err(format!("{}: a shape's document is a JSON object", sample.name));
    }
    let root = observe_documents(samples.iter().map(|sample| &sample.document).collect());
    let Some(ObjectPool::Record { objects, members }) = &root.object else {
        return Err("no sample documents".to_owned());
    };
    let rust_name = naming::shape_type_name(&id.source, &id.name);
    let mut taken: BTreeSet<String> = model.types.keys().cloned().collect();
    let mut notes = Vec::new();
    if !taken.insert(rust_name.clone()) {
        notes.push(format!("the type name `{rust_name}` is taken: change `x-rust-name`"));
    }
    let mut drafter = Drafter::new(Placement::Definitions, &naming::upper_camel(&id.source), taken);
    let body = drafter.record("", members, *objects, &rust_name);
    let text = |value: &str| Json::String(value.to_owned());
    let mut schema = vec![
        ("$schema".to_owned(), text("https://json-schema.org/draft/2020-12/schema")),
        ("title".to_owned(), text(&title(id))),
        ("description".to_owned(), text(TODO)),
        ("x-rust-name".to_owned(), text(&rust_name)),
        ("x-detect".to_owned(), detect_rule(&root)),
    ];
    schema.extend(body);
    if !drafter.definitions.is_empty() {
        schema.push(("$defs".to_owned(), Json::Object(std::mem::take(&mut drafter.definitions))));
    }
    if drafter.single_objects {
        notes.push("objects seen once have nothing `required`: give more samples, or mark what every event carries by hand".to_owned());
    }
    notes.extend(drafter.notes);
    notes.push(format!(
        "replace every \"{TODO}\", check `x-detect`, then `cargo codegen generate` (a new source also needs its feature in Cargo.toml and events/Cargo.toml) and add the samples as fixtures in fixtures/{}/{}/",
        id.source, id.name
    ));
    let path = id.schema_path();
    let mut proposal = Proposal {
        heading: format!("{id}: a new shape drafted from {}", plural(samples.len(), "sample")),
        changes: vec![ProposedChange { kind: ChangeKind::NewShape, summary: format!("schemas/{path}: new file") }],
        detections: drafter.detections,
        notes,
        problems: Vec::new(),
        files: vec![FileChange { path, before: String::new(), after: render::file(&Json::Object(schema)) }],
    };
    verify(schemas_dir, id, samples, &mut proposal, true)?;
    Ok(proposal)
}

fn title(id: &ShapeId) -> String {
    let words = format!("{} {}", id.source, id.name.replace('_', " "));
    let mut chars = words.chars();
    chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// The `x-detect` of a drafted shape: the members every sample has, and the
/// `aws:` service names they carry (an `eventSource`, at the root or in the
/// items of a root array), which tell sources with the same layout apart.
fn detect_rule(root: &Node) -> Json {
    let text = |value: &str| Json::String(value.to_owned());
    let Some(ObjectPool::Record { objects, members }) = &root.object else { return Json::Object(vec![("type".to_owned(), text("object"))]) };
    let always: Vec<&observe::Member> = members.iter().filter(|member| member.present == *objects).collect();
    let mut properties = Vec::new();
    for member in &always {
        if let Some(name) = service_name(&member.node) {
            properties.push((member.key.clone(), Json::Object(vec![("const".to_owned(), text(name))])));
            continue;
        }
        let Some(ObjectPool::Record { objects: items, members: item_members }) = member.node.items.as_deref().and_then(|items| items.object.as_ref()) else {
            continue;
        };
        let constants: Vec<(String, Json)> = item_members
            .iter()
            .filter(|item_member| item_member.present == *items)
            .filter_map(|item_member| {
                service_name(&item_member.node).map(|name| (item_member.key.clone(), Json::Object(vec![("const".to_owned(), text(name))])))
            })
            .collect();
        if !constants.is_empty() {
            let required = constants.iter().map(|(key, _)| text(key)).collect();
            let items = Json::Object(vec![
                ("type".to_owned(), text("object")),
                ("required".to_owned(), Json::Array(required)),
                ("properties".to_owned(), Json::Object(constants)),
            ]);
            properties.push((
                member.key.clone(),
                Json::Object(vec![("type".to_owned(), text("array")), ("minItems".to_owned(), Json::Number(1.into())), ("items".to_owned(), items)]),
            ));
        }
    }
    let mut rule = vec![("type".to_owned(), text("object"))];
    if !always.is_empty() {
        rule.push(("required".to_owned(), Json::Array(always.iter().map(|member| text(&member.key)).collect())));
    }
    if !properties.is_empty() {
        rule.push(("properties".to_owned(), Json::Object(properties)));
    }
    Json::Object(rule)
}

/// The one `aws:` service name a pool holds, if that is all it holds.
fn service_name<'n>(node: &Node<'n>) -> Option<&'n str> {
    match (node.value_kinds().as_slice(), node.nulls(), node.strings.keys().collect::<Vec<_>>().as_slice()) {
        ([Kind::String], 0, [single]) if single.starts_with("aws:") && !node.more_strings => Some(single),
        _ => None,
    }
}

/// Enough violations of one sample to see what is wrong.
const MAX_VIOLATIONS_SHOWN: usize = 5;

/// Checks the proposal as `generate` and `check` would: in a copy of the
/// schemas folder with the proposed files, the catalogue loads and lowers,
/// and every sample validates; reports the shapes the samples are detected as.
/// A drafted `x-detect` must also leave the catalogue's fixtures alone.
fn verify(schemas_dir: &Path, id: &ShapeId, samples: &[Sample], proposal: &mut Proposal, drafted: bool) -> Result<(), String> {
    let scratch = Scratch::copy_of(schemas_dir).map_err(|error| format!("cannot copy the schemas to check the proposal: {error}"))?;
    for file in &proposal.files {
        let target = scratch.0.join(&file.path);
        let written = target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&target, &file.after));
        written.map_err(|error| format!("cannot write the proposal to check it: {error}"))?;
    }
    let catalog = match crate::load::load(&scratch.0) {
        Ok(catalog) => catalog,
        Err(errors) => {
            proposal.problems.push(format!("the proposed schemas do not load:\n{errors}"));
            return Ok(());
        }
    };
    if let Err(errors) = crate::lower::lower(&catalog) {
        proposal.problems.push(format!("the proposed schemas do not lower:\n{errors}"));
        return Ok(());
    }
    let validators = match Validators::new(&catalog) {
        Ok(validators) => validators,
        Err(errors) => {
            proposal.problems.push(format!("the proposed schemas do not compile:\n{errors}"));
            return Ok(());
        }
    };
    let never_detected = catalog.shape(id).and_then(|file| file.value.get("x-detect")) == Some(&serde_json::Value::Bool(false));
    for sample in samples {
        let document = sample.document.to_value();
        let violations = validators.validate(id, &document);
        if violations.len() > MAX_VIOLATIONS_SHOWN {
            proposal.problems.push(format!(
                "{}: {} places still fail validation with the proposal; the first {MAX_VIOLATIONS_SHOWN}:",
                sample.name,
                violations.len()
            ));
        }
        for violation in violations.into_iter().take(MAX_VIOLATIONS_SHOWN) {
            let at = if violation.pointer.is_empty() { "(root)" } else { &violation.pointer };
            // The validator's message starts with the whole offending value, which can be the whole document.
            let message = match document.pointer(&violation.pointer).map(ToString::to_string) {
                Some(value) if value.len() > 60 => violation.message.replacen(&value, "the value", 1),
                _ => violation.message,
            };
            proposal.problems.push(format!(
                "{}: {at}: {message} (still invalid with the proposal: validation keywords such as `pattern` and `const` are yours to change)",
                sample.name
            ));
        }
        if never_detected {
            continue;
        }
        let detected = validators.detect(&document);
        if !detected.contains(&id) {
            proposal.notes.push(format!("{}: `x-detect` of {id} does not match it, so `check` needs `--shape {id}` for it", sample.name));
        }
        let others: Vec<String> = detected.iter().filter(|other| !catalog.same_document(id, other)).map(ToString::to_string).collect();
        if !others.is_empty() {
            proposal.notes.push(format!("{}: also detected as {}: the `x-detect` rules overlap", sample.name, others.join(", ")));
        }
    }
    if drafted {
        let fixtures = schemas_dir.parent().map(|root| root.join("fixtures")).unwrap_or_default();
        for file in lambda_event_catalog_validate::files::json_files(&fixtures).unwrap_or_default() {
            let Ok(document) = std::fs::read(&file).map_err(|_| ()).and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).map_err(|_| ()))
            else {
                continue;
            };
            if validators.detect(&document).contains(&id) {
                let shown = file.strip_prefix(schemas_dir.parent().unwrap_or(schemas_dir)).unwrap_or(&file);
                proposal.problems.push(format!("{}: the drafted `x-detect` matches this fixture of another shape: tighten it", shown.display()));
            }
        }
    }
    Ok(())
}

/// A private copy of a schemas folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn copy_of(schemas_dir: &Path) -> std::io::Result<Scratch> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("catalog-infer-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
        let scratch = Scratch(dir);
        std::fs::create_dir_all(&scratch.0)?;
        std::fs::copy(schemas_dir.join(META_SCHEMA_FILE), scratch.0.join(META_SCHEMA_FILE))?;
        for entry in std::fs::read_dir(schemas_dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let folder = scratch.0.join(entry.file_name());
            std::fs::create_dir_all(&folder)?;
            for file in std::fs::read_dir(entry.path())? {
                let file = file?;
                if file.file_type()?.is_file() {
                    std::fs::copy(file.path(), folder.join(file.file_name()))?;
                }
            }
        }
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // A leftover temporary folder is harmless; failing to remove it is not worth an error.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
