//! What the schemas say, written where it is needed outside the generated
//! folder: every list that names the sources or shapes of the catalogue.
//!
//! - **Regions** of hand-written files: the lines between one that holds
//!   `@generated NAME` and one that holds `@end NAME`, in the file's comment
//!   syntax (`<!-- @generated shapes -->`, `# @generated sources`). The
//!   codegen replaces what lies between them and leaves every other line
//!   alone: the README's table of shapes, the cargo features of the events
//!   crate, the facade (with `full` and the dev-dependency's features) and the
//!   two build-cost crates, and the build-cost script's list of features.
//! - The facade's `src/shapes.md`, a file of its own that its crate docs include.
//! - The **fallback exclusions** of schemas: a shape whose `x-detect` has
//!   `not: {"anyOf": [...]}` made of references to other shapes' `x-detect`
//!   alone, and whose root extends a base through `allOf`, is the catch-all of
//!   that base (`eventbridge.event` for the EventBridge
//!   envelope); the `anyOf` lists the `x-detect` of every other shape that
//!   extends the same base, so that a typed shape wins detection by itself.
//!
//! `generate` writes them all and `check` fails when one is stale, as for a
//! generated file, so adding a source is a schema and its fixtures.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{SchemaError, SchemaErrors};
use crate::infer::edit::{self, Edit};
use crate::ir::Model;
use crate::json::Json;
use crate::load::Catalog;

/// The facade's list of shapes, included in its crate docs (`src/lib.rs`).
const SHAPES_DOC: &str = "src/shapes.md";

/// A region of a hand-written file that the codegen writes.
struct Region {
    /// The file, relative to the repository root.
    path: &'static str,
    name: &'static str,
    lines: Lines,
}

/// What a region holds.
enum Lines {
    /// These lines.
    Fixed(String),
    /// `source = []` for every source the manifest does not declare by hand
    /// outside its regions (a feature that enables a dependency, or maps to
    /// aws_lambda_events' features), then `then`.
    UndeclaredFeatures { then: String },
}

/// How a table names the Rust types: as code (GitHub) or as rustdoc links.
#[derive(Clone, Copy)]
enum Names {
    Code,
    Links,
}

/// The crate that declares every source's feature, forwarded by the others.
const EVENTS_CRATE: &str = "lambda-event-catalog-events";

/// Every region.
fn regions(model: &Model) -> Vec<Region> {
    let quoted = |names: &[&str]| names.iter().map(|name| format!("{name:?}")).collect::<Vec<_>>().join(", ");
    let sources = sources(model);
    let all = quoted(&sources);
    let forwarded: String = sources.iter().map(|source| format!("{source} = [\"{EVENTS_CRATE}/{source}\"]\n")).collect();
    let mut with_registry = sources.clone();
    with_registry.push("registry");
    vec![
        Region { path: "README.md", name: "shapes", lines: Lines::Fixed(shape_table(model, Names::Code)) },
        Region { path: "events/Cargo.toml", name: "sources", lines: Lines::UndeclaredFeatures { then: String::new() } },
        Region { path: "Cargo.toml", name: "sources", lines: Lines::Fixed(format!("full = [{all}]\n{forwarded}")) },
        Region {
            path: "Cargo.toml",
            name: "dev-sources",
            lines: Lines::Fixed(format!("{EVENTS_CRATE} = {{ workspace = true, features = [{}] }}\n", quoted(&with_registry))),
        },
        Region { path: "bench/build-cost/ours/Cargo.toml", name: "sources", lines: Lines::Fixed(format!("{forwarded}all = [{all}]\n")) },
        Region { path: "bench/build-cost/aws/Cargo.toml", name: "sources", lines: Lines::UndeclaredFeatures { then: format!("all = [{all}]\n") } },
        Region {
            path: "bench/build-cost.sh",
            name: "sources",
            lines: Lines::Fixed(format!("read -r -a FEATURES <<<\"${{FEATURES:-{}}}\"\n", sources.join(" "))),
        },
    ]
}

/// Every source, in order: the module, feature and folder of its shapes.
fn sources(model: &Model) -> Vec<&str> {
    let mut sources: Vec<&str> = model.shapes.keys().map(|id| id.source.as_str()).collect();
    sources.dedup();
    sources
}

impl Region {
    /// The region's lines, for a file whose current text is `text`.
    fn text(&self, model: &Model, text: &str) -> String {
        match &self.lines {
            Lines::Fixed(lines) => lines.clone(),
            Lines::UndeclaredFeatures { then } => {
                let by_hand = features_outside_regions(text);
                let undeclared = sources(model).into_iter().filter(|source| !by_hand.iter().any(|name| name == source));
                undeclared.map(|source| format!("{source} = []\n")).chain(std::iter::once(then.clone())).collect()
            }
        }
    }
}

/// The features a manifest's `[features]` section declares outside any region.
fn features_outside_regions(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let (mut in_features, mut in_region) = (false, false);
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if line.contains("@generated ") {
            in_region = true;
        } else if line.contains("@end ") {
            in_region = false;
        } else if in_features && !in_region && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                names.push(name.trim().to_owned());
            }
        }
    }
    names
}

/// The whole text, by path, of every file with a region and of the facade's
/// shapes doc, for a repository at `root`. Files that are not there (a
/// catalogue of schemas alone, as in tests) are left out; a file without its
/// marker lines is an error naming the lines to add.
pub fn files(root: &Path, catalog: &Catalog, model: &Model) -> Result<BTreeMap<String, String>, SchemaErrors> {
    let mut files = BTreeMap::new();
    let mut errors = Vec::new();
    for region in regions(model) {
        // A file with two regions is read once, and spliced twice.
        let current = match files.remove(region.path) {
            Some(spliced) => spliced,
            None => match std::fs::read_to_string(root.join(region.path)) {
                Ok(text) => text,
                Err(_) => continue,
            },
        };
        let lines = region.text(model, &current);
        match splice(&current, region.name, &lines) {
            Ok(spliced) => {
                files.insert(region.path.to_owned(), spliced);
            }
            Err(message) => errors.push(SchemaError::new(region.path, "", message)),
        }
    }
    if root.join("src/lib.rs").is_file() {
        let doc =
            format!("<!-- @generated by `cargo codegen generate` from the schemas in `schemas/`: do not edit. -->\n\n{}", shape_table(model, Names::Links));
        files.insert(SHAPES_DOC.to_owned(), doc);
    }
    // Each edit sets one member of a schema's `x-detect`: its object and key.
    let exclusions = fallback_exclusions(catalog).into_iter().map(|(path, exclusions)| (path, ["x-detect", "not"], "anyOf".to_owned(), exclusions));
    let tags = member_union_tags(catalog).into_iter().map(|(path, tag, rule)| (path, ["x-detect", "properties"], tag, rule));
    for (path, object, key, value) in exclusions.chain(tags) {
        let path = format!("schemas/{path}");
        let pointer = format!("/{}/{}/{key}", object[0], object[1]);
        let set = Edit::Set { object: object.map(str::to_owned).to_vec(), key, value };
        let current = match files.remove(&path) {
            Some(edited) => edited,
            None => match std::fs::read_to_string(root.join(&path)) {
                Ok(text) => text,
                Err(_) => continue,
            },
        };
        match edit::apply(&current, &[set]) {
            Ok(edited) => {
                files.insert(path, edited);
            }
            Err(error) => errors.push(SchemaError::new(&path, &pointer, error.to_string())),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(SchemaErrors(errors))
    }
}

/// For each catch-all shape (a root `allOf` base, and an `x-detect.not.anyOf`
/// of references to other shapes' `x-detect`), by schema path: the `$ref`s to the `x-detect` of every other shape whose
/// root extends one of its bases, in shape id order.
fn fallback_exclusions(catalog: &Catalog) -> Vec<(String, Json)> {
    let bases = |path: &str, tree: &Json| -> Vec<(String, String)> {
        let references = tree.get("allOf").and_then(Json::as_array).unwrap_or_default();
        let targets = references.iter().filter_map(|part| catalog.resolve(path, part.get("$ref")?.as_str()?).ok());
        targets.map(|(file, pointer, _)| (file, pointer)).collect()
    };
    let mut found = Vec::new();
    for (_, fallback) in catalog.shapes() {
        let own_bases = bases(&fallback.path, &fallback.tree);
        if !fallback.is_catch_all() || own_bases.is_empty() {
            continue;
        }
        let exclusions = catalog
            .shapes()
            .filter(|(_, other)| other.path != fallback.path && bases(&other.path, &other.tree).iter().any(|base| own_bases.contains(base)))
            .map(|(_, other)| Json::Object(vec![("$ref".to_owned(), Json::String(format!("{}#/x-detect", relative_path(&fallback.path, &other.path))))]))
            .collect();
        found.push((fallback.path.clone(), Json::Array(exclusions)));
    }
    found
}

/// For each shape whose root is a member union and whose `x-detect` names
/// its tag among `properties` (an EventBridge service's events, chosen by
/// `detail-type`), by schema path: the tag and its detection rule, the values
/// the union's alternatives declare (`{"enum": [...]}`, or with their
/// families' prefixes `{"anyOf": [{"enum": [...]}, {"pattern": "^Prefix"}]}`).
/// A service's typed shape is then detected only for its own detail types:
/// an `AWS API Call via CloudTrail` event of `aws.s3`, or a detail type the
/// catalogue does not know yet, is left to the shape that models it or to
/// the catch-all.
fn member_union_tags(catalog: &Catalog) -> Vec<(String, String, Json)> {
    let mut found = Vec::new();
    for (_, shape) in catalog.shapes() {
        let tree = &shape.tree;
        let Some(tag) = tree.get("x-tag").and_then(Json::as_str) else { continue };
        let is_member_union = tree.get("properties").is_some() && tree.get("oneOf").is_some();
        let detects_tag = tree.get("x-detect").and_then(|detect| detect.get("properties")).and_then(|properties| properties.get(tag)).is_some();
        if !is_member_union || !detects_tag {
            continue;
        }
        // A malformed alternative is reported by lowering, with its pointer.
        let alternatives: Vec<_> = catalog.tag_alternatives(&shape.path, tree, tag).into_iter().filter_map(Result::ok).collect();
        let values = alternatives.iter().flat_map(|alternative| alternative.values.iter().cloned().map(Json::String)).collect();
        let values = Json::Object(vec![("enum".to_owned(), Json::Array(values))]);
        let prefixes: Vec<Json> = alternatives
            .iter()
            .filter_map(|alternative| alternative.prefix.as_ref())
            .map(|prefix| Json::Object(vec![("pattern".to_owned(), Json::String(format!("^{prefix}")))]))
            .collect();
        let rule = if prefixes.is_empty() { values } else { Json::Object(vec![("anyOf".to_owned(), Json::Array([vec![values], prefixes].concat()))]) };
        found.push((shape.path.clone(), tag.to_owned(), rule));
    }
    found
}

/// `to` relative to the folder of `from`, both paths inside `schemas/`.
fn relative_path(from: &str, to: &str) -> String {
    let folder = |path: &str| path.rsplit_once('/').map_or("", |(folder, _)| folder).to_owned();
    if folder(from) == folder(to) {
        to.rsplit_once('/').map_or(to, |(_, name)| name).to_owned()
    } else {
        format!("../{to}")
    }
}

/// `text` with `lines` in place of what the marker lines of region `name` enclose.
fn splice(text: &str, name: &str, lines: &str) -> Result<String, String> {
    let begin = format!("@generated {name}");
    let end = format!("@end {name}");
    let current: Vec<&str> = text.split_inclusive('\n').collect();
    let missing = || format!("no region `{name}`: add a line holding `{begin}` and, below it, one holding `{end}`");
    let first = current.iter().position(|line| line.contains(&begin)).ok_or_else(missing)?;
    let last = first + current[first..].iter().position(|line| line.contains(&end)).ok_or_else(missing)?;
    let mut spliced: String = current[..=first].concat();
    spliced.push_str(lines);
    spliced.push_str(&current[last..].concat());
    Ok(spliced)
}

/// One row per shape, by id: feature, shape id, Rust type, title.
fn shape_table(model: &Model, names: Names) -> String {
    let mut table = String::from("| feature | shape id | Rust type | what it is |\n|---|---|---|---|\n");
    for shape in model.shapes.values() {
        let source = &shape.id.source;
        let path = format!("{source}::{}", shape.type_name);
        let rust_type = match names {
            Names::Code => format!("`{path}`"),
            Names::Links => format!("[`{path}`]({path})"),
        };
        table.push_str(&format!("| `{source}` | `{}` | {rust_type} | {} |\n", shape.id, shape.title.replace('|', "\\|")));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::{features_outside_regions, relative_path, splice};

    #[test]
    fn features_in_regions_are_the_generated_ones() {
        let manifest =
            "[features]\ndefault = []\n# @generated sources\nsqs = []\n# @end sources\n# gzip\nlogs = [\"dep:flate2\"]\n[dependencies]\nserde = \"1\"\n";
        assert_eq!(features_outside_regions(manifest), ["default", "logs"]);
    }

    #[test]
    fn references_are_relative_to_the_referring_schema() {
        assert_eq!(relative_path("eventbridge/event.schema.json", "eventbridge/scheduled_event.schema.json"), "scheduled_event.schema.json");
        assert_eq!(relative_path("eventbridge/event.schema.json", "ecs/event.schema.json"), "../ecs/event.schema.json");
    }

    #[test]
    fn a_region_replaces_only_what_its_markers_enclose() {
        let text = "intro\n<!-- @generated shapes -->\nold\nolder\n<!-- @end shapes -->\noutro\n";
        assert_eq!(splice(text, "shapes", "new\n").unwrap(), "intro\n<!-- @generated shapes -->\nnew\n<!-- @end shapes -->\noutro\n");
        let error = splice("intro\n<!-- @generated shapes -->\n", "shapes", "new\n").unwrap_err();
        assert!(error.contains("@end shapes"), "{error}");
    }
}
