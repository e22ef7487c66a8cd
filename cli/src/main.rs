//! `lambda-event-catalog check [--schemas DIR] [--shape ID] [--strict] [--format text|json] [--max-file-size BYTES] [--max-unpacked BYTES] PATH...`
//! `lambda-event-catalog sample [--all | --list] [SHAPE]` and `lambda-event-catalog schema SHAPE`.
#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use lambda_event_catalog::budget::DOCUMENT_UNPACK_LIMIT;
use lambda_event_catalog::testing;
use lambda_event_catalog_cli::{expand_paths, load_schemas, Checker, Entry, FileReport, MAX_FILE_SIZE};
use lambda_event_catalog_validate::ShapeId;

const USAGE: &str = "usage: lambda-event-catalog check [--schemas DIR] [--shape ID] [--strict] [--format text|json]
                                  [--max-file-size BYTES] [--max-unpacked BYTES] PATH...
       lambda-event-catalog sample SHAPE [--all]
       lambda-event-catalog sample --list
       lambda-event-catalog schema SHAPE

check: checks each event file (folders are walked for *.json): which shape it is, whether
it validates against the shape's schema, parses into its Rust type, and writes back
losslessly. Exits 0 only when every file passes. It reads regular files only: a named
file that is none fails; in a folder, one is skipped with a note, and so is a link to a
folder, which the walk does not follow. `-` (or /dev/stdin) reads standard input.

  --schemas DIR    check against the schemas in DIR (a working copy of the catalogue's
                   schemas/) instead of the ones built into this binary
  --shape ID       skip detection: check every file as shape ID (such as sqs.event)
  --strict         fail on members the shape's schema does not describe (noted otherwise):
                   in a hand-written event they are most often typos
  --format FORMAT  text (default) or json (one object per file and line)
  --max-file-size BYTES
                   fail files larger than BYTES, read no further (default 67108864, 64 MiB)
  --max-unpacked BYTES
                   unpack at most BYTES of the documents a file carries, in total: base64,
                   gzip, JSON in strings, at any depth (default 67108864, 64 MiB); the
                   member where it is reached is a note, and nothing more is unpacked

sample: prints a realistic event of shape SHAPE, from the catalogue's fixtures (the
richest one); --all prints every fixture of the shape, one document per line;
--list prints every shape id with its Rust type, number of samples and title.

schema: prints one self-contained JSON Schema of shape SHAPE (every $ref local, the
catalogue's x- keys left out), the one check validates with, for an editor to validate
and complete fixture files with.";

enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((command, rest)) if command == "check" => check(rest),
        Some((command, rest)) if command == "sample" => sample(rest),
        Some((command, rest)) if command == "schema" => schema(rest),
        Some((flag, _)) if flag == "-h" || flag == "--help" => {
            println!("{USAGE}");
            Ok(true)
        }
        _ => Err(Failure::from(USAGE)),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // The reader went away (`sample --list | head`): nothing is left to say.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(error)) => {
            eprintln!("cannot write the output: {error}");
            ExitCode::from(2)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// Why a command stopped before its verdict: a mistake in how it was called
/// (or in what it was given to read), or standard output closing.
enum Failure {
    Usage(String),
    Output(io::Error),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Usage(message.to_owned())
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Output(error)
    }
}

/// Splits `--flag VALUE` off the front of `rest`.
fn value_of<'a>(flag: &str, rest: &mut &'a [String]) -> Result<&'a str, String> {
    let Some((value, tail)) = rest.split_first() else { return Err(format!("{flag} needs a value\n\n{USAGE}")) };
    *rest = tail;
    Ok(value)
}

/// Splits `--flag BYTES` off the front of `rest`, a number of bytes.
fn bytes_of<T: std::str::FromStr>(flag: &str, rest: &mut &[String]) -> Result<T, String> {
    let value = value_of(flag, rest)?;
    value.parse().map_err(|_| format!("{flag} takes a number of bytes, such as 134217728, not `{value}`"))
}

fn check(mut rest: &[String]) -> Result<bool, Failure> {
    let mut shape = None;
    let mut schemas = None;
    let mut format = Format::Text;
    let mut strict = false;
    let mut max_file_size = MAX_FILE_SIZE;
    let mut max_unpacked = DOCUMENT_UNPACK_LIMIT;
    let mut paths = Vec::new();
    while let Some((arg, tail)) = rest.split_first() {
        rest = tail;
        match arg.as_str() {
            "--shape" => {
                let value = value_of(arg, &mut rest)?;
                shape = Some(ShapeId::parse(value).ok_or_else(|| format!("`{value}` is not a shape id such as sqs.event"))?);
            }
            "--schemas" => schemas = Some(PathBuf::from(value_of(arg, &mut rest)?)),
            "--strict" => strict = true,
            "--max-file-size" => max_file_size = bytes_of(arg, &mut rest)?,
            "--max-unpacked" => max_unpacked = bytes_of(arg, &mut rest)?,
            "--format" => {
                format = match value_of(arg, &mut rest)? {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format `{other}`: text or json").into()),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n\n{USAGE}").into()),
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err(format!("name the files or folders to check\n\n{USAGE}").into());
    }
    let entries = expand_paths(&paths)?;
    let working_copy = schemas.as_deref().map(load_schemas).transpose()?;
    let checker = match &working_copy {
        Some(loaded) => Checker::new(loaded),
        None => Checker::embedded()?,
    }
    .strict(strict)
    .max_file_size(max_file_size)
    .max_unpacked(max_unpacked);
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut out = io::stdout().lock();
    for entry in entries {
        let report = match entry {
            Entry::Check(path) => checker.check_file(&path, shape.as_ref()),
            Entry::Skip(path, reason) => FileReport::skipped(path.display().to_string(), reason),
        };
        if report.skipped {
            skipped += 1;
        } else if report.passed() {
            passed += 1;
        } else {
            failed += 1;
        }
        match format {
            Format::Text => writeln!(out, "{}", report.to_text())?,
            Format::Json => writeln!(out, "{}", report.to_json())?,
        }
    }
    if let Format::Text = format {
        let skipped = if skipped > 0 { format!(", {skipped} skipped") } else { String::new() };
        writeln!(out, "{} files: {passed} passed, {failed} failed{skipped}", passed + failed)?;
    }
    out.flush()?;
    Ok(failed == 0)
}

fn schema(args: &[String]) -> Result<bool, Failure> {
    let [shape] = args else { return Err(format!("name one shape, such as sqs.event (sample --list shows them)\n\n{USAGE}").into()) };
    let (catalog, _) = testing::catalog()?;
    let bundled = ShapeId::parse(shape).and_then(|id| lambda_event_catalog_validate::bundle::bundled(catalog, &id));
    let Some(bundled) = bundled else {
        return Err(format!("`{shape}` is no shape of the catalogue (lambda-event-catalog sample --list shows them)").into());
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{}", serde_json::to_string_pretty(&bundled).map_err(|error| error.to_string())?)?;
    out.flush()?;
    Ok(true)
}

fn sample(args: &[String]) -> Result<bool, Failure> {
    let (flags, shapes): (Vec<&String>, Vec<&String>) = args.iter().partition(|arg| arg.starts_with("--"));
    let all = flags.iter().any(|flag| *flag == "--all");
    if let Some(unknown) = flags.iter().find(|flag| !matches!(flag.as_str(), "--all" | "--list")) {
        return Err(format!("unknown option `{unknown}`\n\n{USAGE}").into());
    }
    let mut out = io::stdout().lock();
    if flags.iter().any(|flag| *flag == "--list") {
        let (catalog, _) = testing::catalog()?;
        for (id, file) in catalog.shapes() {
            let id = id.to_string();
            let title = file.value.get("title").and_then(|title| title.as_str()).unwrap_or_default();
            let rust_type = lambda_event_catalog::shape::shape(&id).map_or("(not in this build)", |shape| shape.type_name());
            writeln!(out, "{id}\t{rust_type}\t{} samples\t{title}", testing::samples(&id).len())?;
        }
        out.flush()?;
        return Ok(true);
    }
    let [shape] = shapes.as_slice() else { return Err(format!("name one shape, such as sqs.event (--list shows them)\n\n{USAGE}").into()) };
    let samples = testing::samples(shape);
    let Some(richest) = samples.first() else {
        return Err(format!("`{shape}` is no shape of the catalogue (lambda-event-catalog sample --list shows them)").into());
    };
    if all {
        for fixture in &samples {
            let document: serde_json::Value = serde_json::from_str(fixture.text).map_err(|error| format!("{}: {error}", fixture.name))?;
            writeln!(out, "{document}")?;
        }
    } else {
        write!(out, "{}", richest.text)?;
        if !richest.text.ends_with('\n') {
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(true)
}
