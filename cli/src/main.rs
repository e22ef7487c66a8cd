//! `cargo run -- check [--shape ID] [--format text|json] PATH...`
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use lambda_event_catalog_cli::{expand_paths, Checker};
use lambda_event_catalog_codegen::ShapeId;

const USAGE: &str = "usage: lambda-event-catalog check [--shape ID] [--format text|json] PATH...

Checks each event file (folders are walked for *.json): which shape it is, whether it
validates against the shape's schema, parses into its Rust type, and writes back
losslessly. Exits 0 only when every file passes.

  --shape ID       skip detection: check every file as shape ID (such as sqs.event)
  --format FORMAT  text (default) or json (one object per file and line)";

enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<bool, String> {
    let Some((command, mut rest)) = args.split_first() else { return Err(USAGE.to_owned()) };
    if command != "check" {
        return Err(USAGE.to_owned());
    }
    let mut shape = None;
    let mut format = Format::Text;
    let mut paths = Vec::new();
    while let Some((arg, tail)) = rest.split_first() {
        rest = tail;
        match arg.as_str() {
            "--shape" | "--format" => {
                let Some((value, tail)) = rest.split_first() else { return Err(format!("{arg} needs a value\n\n{USAGE}")) };
                rest = tail;
                if arg == "--shape" {
                    shape = Some(ShapeId::parse(value).ok_or_else(|| format!("`{value}` is not a shape id such as sqs.event"))?);
                } else {
                    format = match value.as_str() {
                        "text" => Format::Text,
                        "json" => Format::Json,
                        other => return Err(format!("unknown format `{other}`: text or json")),
                    };
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n\n{USAGE}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err(USAGE.to_owned());
    }
    let checker = Checker::new(&lambda_event_catalog_codegen::repo_root().join("schemas"))?;
    let (mut passed, mut failed) = (0, 0);
    for path in expand_paths(&paths) {
        let report = checker.check_file(&path, shape.as_ref());
        if report.passed() {
            passed += 1;
        } else {
            failed += 1;
        }
        match format {
            Format::Text => println!("{}", report.to_text()),
            Format::Json => println!("{}", report.to_json()),
        }
    }
    if let Format::Text = format {
        println!("{} files: {passed} passed, {failed} failed", passed + failed);
    }
    Ok(failed == 0)
}
