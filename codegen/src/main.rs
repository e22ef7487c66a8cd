//! `cargo codegen [--root DIR] generate | check | validate [--shape ID] FILE... | infer (--shape ID | --new ID) [--write] FILE...`
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lambda_event_catalog_codegen::{changelog, check_fixtures, emit, files, find_root, generate, infer, load, ShapeId, Validators};

const USAGE: &str = "usage: cargo codegen [--root DIR] <command>

The repository is the nearest folder at or above the current one that holds
schemas/catalog.meta.json, or DIR.

commands:
  generate                     regenerate events/src/generated/ and every list that follows
                               from schemas/ (README table, cargo features, catch-all
                               exclusions), then check the fixtures as `check` does
  check                        fail when generated files are stale, missing or orphaned,
                               when a schema breaks the conventions, or a fixture its schema
  validate [--shape ID] FILE…  validate documents against the schema of the shape whose
                               fixtures folder they are in, or of shape ID
  infer --shape ID [--write] FILE…
                               propose the changes to shape ID's schema that cover the sample
                               events (files or folders): new properties, optional or nullable
                               members, new enum values, wider types; print them as a diff, and
                               write them with --write
  infer --new ID [--write] FILE…
                               draft the schema of a new shape from sample events, with what
                               each detector found and why
  changelog REV [REV2]         what changed for users from git revision REV to REV2 (default:
                               the work tree), shape by shape, each change minor or major";

/// The repository named by a leading `--root DIR` (taken out of `args`), or
/// found from the current folder.
fn repository(args: &mut Vec<String>) -> Result<PathBuf, String> {
    if args.first().map(String::as_str) == Some("--root") {
        let Some(dir) = args.get(1).cloned() else { return Err(format!("--root needs a folder\n\n{USAGE}")) };
        args.drain(..2);
        let dir = PathBuf::from(dir);
        return find_root(&dir)
            .filter(|found| found == &dir)
            .ok_or_else(|| format!("{}: no schemas/catalog.meta.json here; --root names the repository folder", dir.display()));
    }
    let here = std::env::current_dir().map_err(|error| format!("cannot read the current folder: {error}"))?;
    find_root(&here)
        .ok_or_else(|| format!("{}: not inside a catalogue repository (no schemas/catalog.meta.json here or above); use --root DIR", here.display()))
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let root = match repository(&mut args) {
        Ok(root) => root,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let result = match args.first().map(String::as_str) {
        Some("generate") if args.len() == 1 => run_generate(&root),
        Some("check") if args.len() == 1 => run_check(&root),
        Some("validate") => run_validate(&root, &args[1..]),
        Some("infer") => run_infer(&root, &args[1..]),
        Some("changelog") if (2..=3).contains(&args.len()) => run_changelog(&root, &args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run_changelog(root: &Path, revisions: &[String]) -> Result<bool, String> {
    let old = changelog::model_at(root, &revisions[0])?;
    let new = match revisions.get(1) {
        Some(rev) => changelog::model_at(root, rev)?,
        None => {
            let catalog = lambda_event_catalog_codegen::load::load(&root.join("schemas")).map_err(|errors| errors.to_string())?;
            lambda_event_catalog_codegen::lower::lower(&catalog).map_err(|errors| errors.to_string())?
        }
    };
    print!("{}", changelog::render(&changelog::diff(&old, &new)));
    Ok(true)
}

fn run_generate(root: &Path) -> Result<bool, String> {
    let (mut catalog, files) = generate(&root.join("schemas")).map_err(|errors| errors.to_string())?;
    let changed = files::write(root, emit::GENERATED_DIR, &files).map_err(|error| format!("cannot write: {error}"))?;
    // A schema the codegen rewrote (a catch-all's exclusions) changes
    // detection, not the types: the fixtures are checked against the schemas
    // as they are now.
    if changed.iter().any(|change| change.path().starts_with("schemas/")) {
        catalog = load::load(&root.join("schemas")).map_err(|errors| errors.to_string())?;
    }
    for change in &changed {
        match change {
            files::Drift::Missing { path } => println!("created {path}"),
            files::Drift::Stale { path, .. } => println!("updated {path}"),
            files::Drift::Orphaned { path } => println!("removed {path}"),
        }
    }
    println!("{} files generated, {} changed", files.len(), changed.len());
    let ok = verify_catalog(root, &catalog)?;
    if ok {
        println!("{} shapes, every fixture valid", catalog.shapes().count());
    }
    Ok(ok)
}

/// What both modes check besides the generated files: the features of each
/// source are declared, and every fixture validates and is detected as its shape.
fn verify_catalog(root: &Path, catalog: &lambda_event_catalog_codegen::Catalog) -> Result<bool, String> {
    let mut ok = true;
    for problem in lambda_event_catalog_codegen::check_descriptions(catalog) {
        eprintln!("{problem}");
        ok = false;
    }
    let validators = Validators::new(catalog).map_err(|errors| errors.to_string())?;
    for problem in check_fixtures(root, catalog, &validators) {
        eprintln!("{}: {}", problem.path, problem.message);
        ok = false;
    }
    Ok(ok)
}

fn run_check(root: &Path) -> Result<bool, String> {
    let (catalog, files) = generate(&root.join("schemas")).map_err(|errors| errors.to_string())?;
    let mut ok = true;
    for drift in files::drift(root, emit::GENERATED_DIR, &files).map_err(|error| format!("cannot read: {error}"))? {
        eprintln!("{drift}");
        ok = false;
    }
    ok &= verify_catalog(root, &catalog)?;
    if ok {
        println!("generated files are fresh; {} shapes, every fixture valid", catalog.shapes().count());
    }
    Ok(ok)
}

fn run_validate(root: &Path, args: &[String]) -> Result<bool, String> {
    let (shape, paths) = match args {
        [flag, id, rest @ ..] if flag == "--shape" => (Some(ShapeId::parse(id).ok_or_else(|| format!("`{id}` is not a shape id (source.name)"))?), rest),
        rest => (None, rest),
    };
    if paths.is_empty() {
        return Err(USAGE.to_owned());
    }
    let catalog = lambda_event_catalog_codegen::load::load(&root.join("schemas")).map_err(|errors| errors.to_string())?;
    let validators = Validators::new(&catalog).map_err(|errors| errors.to_string())?;
    let mut ok = true;
    for path in paths {
        let id = match &shape {
            Some(id) => id.clone(),
            None => match shape_of_fixture_path(path) {
                Some(id) => id,
                None => {
                    eprintln!("{path}: not under fixtures/<source>/<name>/; say which shape with --shape");
                    ok = false;
                    continue;
                }
            },
        };
        let document = std::fs::read(path)
            .map_err(|error| error.to_string())
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).map_err(|error| format!("not JSON: {error}")));
        let document = match document {
            Ok(document) => document,
            Err(error) => {
                eprintln!("{path}: {error}");
                ok = false;
                continue;
            }
        };
        let violations = validators.validate(&id, &document);
        if violations.is_empty() {
            println!("{path}: valid {id}");
        }
        for violation in violations {
            let at = if violation.pointer.is_empty() { "(root)" } else { &violation.pointer };
            eprintln!("{path}: {at}: {}", violation.message);
            ok = false;
        }
    }
    Ok(ok)
}

fn run_infer(root: &Path, args: &[String]) -> Result<bool, String> {
    let request = infer::Request::parse(args).map_err(|error| format!("{error}\n\n{USAGE}"))?;
    let schemas = root.join("schemas");
    let proposal = request.run(&schemas)?;
    print!("{}", proposal.report());
    if request.write {
        for path in proposal.write(&schemas).map_err(|error| format!("cannot write: {error}"))? {
            println!("wrote {path}");
        }
    } else if !proposal.files.is_empty() {
        println!("(run again with --write to apply)");
    }
    Ok(proposal.problems.is_empty())
}

/// `…/fixtures/<source>/<name>/<file>.json` names the shape `<source>.<name>`.
fn shape_of_fixture_path(path: &str) -> Option<ShapeId> {
    let absolute = std::fs::canonicalize(path).ok()?;
    let parts: Vec<String> = absolute.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    let at = parts.iter().rposition(|part| part == "fixtures")?;
    match &parts[at + 1..] {
        [source, name, _file] => ShapeId::parse(&format!("{source}.{name}")),
        _ => None,
    }
}
