//! Comparing samples with an existing shape's schema and proposing what the
//! schema must say to cover them.
//!
//! The samples are walked together with the schema, following `$ref`s into
//! `$defs` and other files, tagged unions by their tag, and `allOf` into the
//! objects it extends. Values are pooled by schema location rather than by
//! JSON path, because a definition used from several places must cover all
//! of them. Each location then yields edits: new properties, a member no
//! longer `required`, `null` allowed, a new open-enum value, a type widened.
//! Nothing is ever removed from what the schema accepts: no property is
//! dropped and no object closed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::error::pointer_segment;
use crate::infer::detect::{canonical_base64, timestamp_parses};
use crate::infer::draft::{Drafter, Placement, Reported};
use crate::infer::edit::{display_pointer, Edit, Pointer};
use crate::infer::observe::{observe, Kind};
use crate::infer::render::{inline, plural, shown};
use crate::infer::{ChangeKind, Sample};
use crate::json::Json;
use crate::load::join_relative;
use crate::load::Catalog;
use crate::naming;

/// Bounds the walk: `$ref`s and documents both nest, and neither is trusted.
const MAX_DEPTH: usize = 96;
/// What a widened schema keeps: the documentation and the Rust field name.
const KEPT_WHEN_WIDENED: &[&str] = &["description", "title", "$comment", "examples", "x-rust-field"];

/// A schema in the catalogue: a file (relative to the schemas folder) and a
/// JSON pointer in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub pointer: Pointer,
}

impl Location {
    fn child(&self, segments: &[&str]) -> Location {
        let mut pointer = self.pointer.clone();
        pointer.extend(segments.iter().map(|segment| (*segment).to_owned()));
        Location { file: self.file.clone(), pointer }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "schemas/{}#{}", self.file, display_pointer(&self.pointer))
    }
}

/// A proposed edit of one schema file, and why.
pub struct Change {
    pub file: String,
    pub kind: ChangeKind,
    pub summary: String,
    pub edit: Edit,
}

/// What the walk and the comparison found.
#[derive(Default)]
pub struct Comparison {
    pub changes: Vec<Change>,
    pub detections: Vec<Reported>,
    pub notes: Vec<String>,
    pub problems: Vec<String>,
}

/// A value of a sample, and where it is.
#[derive(Clone)]
struct Seen<'a> {
    value: &'a Json,
    sample: usize,
    pointer: String,
}

impl<'a> Seen<'a> {
    fn member(&self, name: &str, value: &'a Json) -> Seen<'a> {
        Seen { value, sample: self.sample, pointer: format!("{}/{}", self.pointer, pointer_segment(name)) }
    }

    fn item(&self, index: usize, value: &'a Json) -> Seen<'a> {
        Seen { value, sample: self.sample, pointer: format!("{}/{index}", self.pointer) }
    }
}

struct Site<'a> {
    schema: &'a Json,
    /// Every value that reached this schema.
    values: Vec<Seen<'a>>,
    /// The objects this schema described the members of (itself, or through `allOf`).
    objects: Vec<Seen<'a>>,
    /// Members no schema of the object knows, in the order first seen.
    new_members: Vec<(String, Vec<Seen<'a>>)>,
    /// Values that no alternative of this union takes.
    unmatched: Vec<Seen<'a>>,
}

impl<'a> Site<'a> {
    fn new(schema: &'a Json) -> Site<'a> {
        Site { schema, values: Vec::new(), objects: Vec::new(), new_members: Vec::new(), unmatched: Vec::new() }
    }
}

pub fn compare(catalog: &Catalog, root: Location, samples: &[Sample]) -> Comparison {
    let mut walk = Walk { catalog, samples, sites: BTreeMap::new(), result: Comparison::default() };
    match walk.schema_at(&root) {
        Some(schema) => {
            for (index, sample) in samples.iter().enumerate() {
                walk.walk(&root, schema, Seen { value: &sample.document, sample: index, pointer: String::new() }, 0);
            }
        }
        None => walk.result.problems.push(format!("{root}: no such schema")),
    }
    walk.propose();
    walk.result
}

struct Walk<'a> {
    catalog: &'a Catalog,
    samples: &'a [Sample],
    sites: BTreeMap<Location, Site<'a>>,
    result: Comparison,
}

impl<'a> Walk<'a> {
    fn note(&mut self, note: String) {
        if !self.result.notes.contains(&note) {
            self.result.notes.push(note);
        }
    }

    fn problem(&mut self, problem: String) {
        if !self.result.problems.contains(&problem) {
            self.result.problems.push(problem);
        }
    }

    fn at(&self, seen: &Seen) -> String {
        let name = self.samples.get(seen.sample).map(|sample| sample.name.as_str()).unwrap_or_default();
        format!("{name}#{}", seen.pointer)
    }

    fn schema_at(&self, at: &Location) -> Option<&'a Json> {
        let mut node = &self.catalog.files.get(&at.file)?.tree;
        for segment in &at.pointer {
            node = match node {
                Json::Object(_) => node.get(segment)?,
                Json::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The schema a `$ref` of the schema at `at` points to.
    fn resolve(&self, at: &Location, reference: &Json) -> Option<(Location, &'a Json)> {
        let reference = reference.as_str()?;
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if file_part.is_empty() { at.file.clone() } else { join_relative(&at.file, file_part)? };
        let pointer: Pointer = fragment.split('/').skip(1).map(|segment| segment.replace("~1", "/").replace("~0", "~")).collect();
        let target = Location { file, pointer };
        let schema = self.schema_at(&target)?;
        Some((target, schema))
    }

    fn site(&mut self, at: &Location, schema: &'a Json) -> &mut Site<'a> {
        self.sites.entry(at.clone()).or_insert_with(|| Site::new(schema))
    }

    fn walk(&mut self, at: &Location, schema: &'a Json, seen: Seen<'a>, depth: usize) {
        if depth > MAX_DEPTH {
            let note = format!("{}: nested too deeply to compare", self.at(&seen));
            self.note(note);
            return;
        }
        self.site(at, schema).values.push(seen.clone());
        if !matches!(schema, Json::Object(_)) {
            return;
        }
        if let Some(reference) = schema.get("$ref") {
            if matches!(seen.value, Json::Null) {
                return;
            }
            match self.resolve(at, reference) {
                Some((target_at, target)) => self.walk(&target_at, target, seen, depth + 1),
                None => self.problem(format!("{at}: the `$ref` points at nothing")),
            }
            return;
        }
        // A member union is an object: its record is walked below, its member by its tag.
        if let Some(alternatives) = schema.get("oneOf").and_then(Json::as_array).filter(|_| schema.get("properties").is_none()) {
            self.walk_one_of(at, schema, alternatives, seen, depth);
            return;
        }
        match seen.value {
            Json::Object(members) if schema.get("properties").is_some() && type_allows(schema, Kind::Object) => {
                self.walk_record(at, schema, members, seen, depth);
            }
            Json::Object(members) if type_allows(schema, Kind::Object) => {
                if let Some(values) = schema.get("additionalProperties") {
                    let values_at = at.child(&["additionalProperties"]);
                    for (name, value) in members {
                        self.walk(&values_at, values, seen.member(name, value), depth + 1);
                    }
                }
            }
            Json::Array(items) if type_allows(schema, Kind::Array) => {
                if let Some(item_schema) = schema.get("items") {
                    let items_at = at.child(&["items"]);
                    for (index, item) in items.iter().enumerate() {
                        self.walk(&items_at, item_schema, seen.item(index, item), depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    fn walk_record(&mut self, at: &Location, schema: &'a Json, members: &'a [(String, Json)], seen: Seen<'a>, depth: usize) {
        let parts = self.all_of_parts(at, schema, depth);
        self.site(at, schema).objects.push(seen.clone());
        for (part_at, part) in &parts {
            self.site(part_at, part).objects.push(seen.clone());
        }
        for (name, value) in members {
            let member = seen.member(name, value);
            let owner = std::iter::once((at, schema)).chain(parts.iter().map(|(part_at, part)| (part_at, *part))).find_map(|(owner_at, owner)| {
                owner.get("properties").and_then(|properties| properties.get(name)).map(|property| (owner_at.child(&["properties", name]), property))
            });
            match owner {
                Some((property_at, property)) => self.walk(&property_at, property, member, depth + 1),
                None => {
                    let site = self.site(at, schema);
                    match site.new_members.iter_mut().find(|(known, _)| known == name) {
                        Some((_, values)) => values.push(member),
                        None => site.new_members.push((name.clone(), vec![member])),
                    }
                }
            }
        }
        if schema.get("oneOf").is_some() {
            self.walk_member_union(at, schema, members, seen, depth);
        }
    }

    /// The member a member union types, under the alternative its tag selects
    /// (EventBridge's `detail` under its `detail-type`'s schema); a tag no
    /// alternative selects is reported as for `x-tag` unions.
    fn walk_member_union(&mut self, at: &Location, schema: &'a Json, members: &'a [(String, Json)], seen: Seen<'a>, depth: usize) {
        let Some(tag) = schema.get("x-tag").and_then(Json::as_str) else { return };
        let alternatives = schema.get("oneOf").and_then(Json::as_array).unwrap_or_default();
        let tag_value = members.iter().find(|(name, _)| name == tag).and_then(|(_, value)| value.as_str());
        for (index, alternative) in alternatives.iter().enumerate() {
            let properties = alternative.get("properties").and_then(Json::as_object).unwrap_or_default();
            let tag_schema = properties.iter().find(|(name, _)| name == tag).map(|(_, tag_schema)| tag_schema);
            if !selects(tag_schema, tag_value) {
                continue;
            }
            for (name, property) in properties.iter().filter(|(name, _)| name != tag) {
                if let Some((_, value)) = members.iter().find(|(member, _)| member == name) {
                    self.walk(&at.child(&["oneOf", &index.to_string(), "properties", name]), property, seen.member(name, value), depth + 1);
                }
            }
            return;
        }
        self.site(at, schema).unmatched.push(seen);
    }

    /// The objects an `allOf` extends, and the ones they extend, in order.
    fn all_of_parts(&mut self, at: &Location, schema: &'a Json, depth: usize) -> Vec<(Location, &'a Json)> {
        let mut parts = Vec::new();
        if depth > MAX_DEPTH {
            return parts;
        }
        for (index, part) in schema.get("allOf").and_then(Json::as_array).unwrap_or_default().iter().enumerate() {
            match part.get("$ref").and_then(|reference| self.resolve(&at.child(&["allOf", &index.to_string()]), reference)) {
                Some((target_at, target)) => {
                    let inherited = self.all_of_parts(&target_at, target, depth + 1);
                    parts.push((target_at, target));
                    parts.extend(inherited);
                }
                None => self.problem(format!("{at}/allOf/{index}: not a `$ref` the catalogue resolves")),
            }
        }
        parts
    }

    fn walk_one_of(&mut self, at: &Location, schema: &'a Json, alternatives: &'a [Json], seen: Seen<'a>, depth: usize) {
        if matches!(seen.value, Json::Null) {
            return;
        }
        if let Some(tag) = schema.get("x-tag").and_then(Json::as_str) {
            let tag_value = seen.value.get(tag).and_then(Json::as_str);
            for (index, alternative) in alternatives.iter().enumerate() {
                let here = at.child(&["oneOf", &index.to_string()]);
                let Some((_, target)) = alternative.get("$ref").and_then(|reference| self.resolve(&here, reference)) else { continue };
                let tag_schema = target.get("properties").and_then(|properties| properties.get(tag));
                if selects(tag_schema, tag_value) {
                    self.walk(&here, alternative, seen, depth + 1);
                    return;
                }
            }
            self.site(at, schema).unmatched.push(seen);
            return;
        }
        if schema.get("x-keyed") == Some(&Json::Bool(true)) {
            if let Some([(key, value)]) = seen.value.as_object() {
                for (index, alternative) in alternatives.iter().enumerate() {
                    if let Some(property) = alternative.get("properties").and_then(|properties| properties.get(key)) {
                        let member = seen.member(key, value);
                        self.walk(&at.child(&["oneOf", &index.to_string(), "properties", key]), property, member, depth + 1);
                        return;
                    }
                }
            }
            self.site(at, schema).unmatched.push(seen);
            return;
        }
        let is_null = |alternative: &Json| alternative.get("type").and_then(Json::as_str) == Some("null");
        let index = match alternatives {
            [first, second] if is_null(second) && !is_null(first) => 0,
            [first, _] if is_null(first) => 1,
            [_, _] if matches!(seen.value, Json::Array(_)) => 1,
            [_, _] => 0,
            _ => return,
        };
        self.walk(&at.child(&["oneOf", &index.to_string()]), &alternatives[index], seen, depth + 1);
    }

    /// Whether `null` is a value of the schema at `at`.
    fn allows_null(&self, at: &Location, schema: &Json, depth: usize) -> bool {
        match schema {
            Json::Bool(accepts) => *accepts,
            _ if depth > MAX_DEPTH => true,
            _ => {
                if let Some(reference) = schema.get("$ref") {
                    return self.resolve(at, reference).is_some_and(|(target_at, target)| self.allows_null(&target_at, target, depth + 1));
                }
                if let Some(alternatives) = schema.get("oneOf").and_then(Json::as_array) {
                    return alternatives.iter().any(|alternative| alternative.get("type").and_then(Json::as_str) == Some("null"));
                }
                match schema.get("type") {
                    Some(json_type) => type_names(json_type).contains(&"null"),
                    None => true,
                }
            }
        }
    }

    /// A member its object does not require, which may be `null` without a
    /// schema change: validation and the types read `null` as absent there
    /// (`schemas/README.md`, "One verdict").
    fn optional_member(&self, at: &Location) -> bool {
        let [parent @ .., keyword, name] = at.pointer.as_slice() else { return false };
        if keyword != "properties" {
            return false;
        }
        let object = Location { file: at.file.clone(), pointer: parent.to_vec() };
        let required = self.schema_at(&object).and_then(|object| object.get("required")).and_then(Json::as_array).unwrap_or_default();
        !required.iter().any(|member| member.as_str() == Some(name.as_str()))
    }

    fn propose(&mut self) {
        let sites = std::mem::take(&mut self.sites);
        for (at, site) in &sites {
            self.propose_at(at, site);
        }
    }

    fn propose_at(&mut self, at: &Location, site: &Site<'a>) {
        let schema = site.schema;
        let values: Vec<&Seen> = site.values.iter().filter(|seen| !matches!(seen.value, Json::Null)).collect();
        let nulls: Vec<&Seen> = site.values.iter().filter(|seen| matches!(seen.value, Json::Null)).collect();
        let needs_null = !nulls.is_empty() && !self.allows_null(at, schema, 0) && !self.optional_member(at);
        let null_evidence = |walk: &Self| {
            nulls.first().map(|first| format!("`null` in {} of {} values (first at {})", nulls.len(), site.values.len(), walk.at(first))).unwrap_or_default()
        };
        if needs_null && schema.get("type").is_none() {
            let evidence = null_evidence(self);
            match schema.get("$ref") {
                Some(reference) if !at.pointer.is_empty() => {
                    let value = Json::Array(vec![
                        Json::Object(vec![("$ref".to_owned(), reference.clone())]),
                        Json::Object(vec![("type".to_owned(), Json::String("null".to_owned()))]),
                    ]);
                    let edit = Edit::Replace { object: at.pointer.clone(), old_key: "$ref".to_owned(), new_key: "oneOf".to_owned(), value };
                    self.change(at, ChangeKind::Nullable, format!("{evidence}: the reference becomes nullable (`oneOf` with `null`)"), edit);
                }
                _ => self.problem(format!("{at}: {evidence}, and this schema cannot say `null` by itself: change it by hand")),
            }
        }
        let widened = match schema.get("type") {
            Some(json_type) => self.propose_type(at, site, json_type, &values, needs_null.then(|| null_evidence(self))),
            None => false,
        };
        if !widened {
            self.propose_enum(at, schema, &values);
            self.check_codecs(at, schema, &values);
        }
        if schema.get("properties").is_some() && !site.objects.is_empty() {
            self.propose_required(at, site);
            self.propose_members(at, site);
        }
        self.report_unmatched(at, site);
    }

    /// Union alternatives are a person's call: infer names what is missing.
    fn report_unmatched(&mut self, at: &Location, site: &Site<'a>) {
        let Some(first) = site.unmatched.first() else { return };
        let count = plural(site.unmatched.len(), "value");
        let first = self.at(first);
        match site.schema.get("x-tag").and_then(Json::as_str) {
            Some(tag) => {
                let tags: BTreeSet<String> =
                    site.unmatched.iter().map(|seen| seen.value.get(tag).and_then(Json::as_str).map_or_else(|| "none".to_owned(), shown)).collect();
                let tags: Vec<String> = tags.into_iter().collect();
                self.note(format!(
                    "{at}: no alternative selects the `{tag}` of {count} ({}; first at {first}): such values parse as `Unknown`; add an alternative by hand",
                    tags.join(", ")
                ));
            }
            None => {
                let keys: BTreeSet<String> = site
                    .unmatched
                    .iter()
                    .map(|seen| match seen.value.as_object() {
                        Some([(key, _)]) => format!("`{key}`"),
                        _ => "not one member".to_owned(),
                    })
                    .collect();
                let keys: Vec<String> = keys.into_iter().collect();
                self.problem(format!(
                    "{at}: no alternative of the keyed union takes {count} ({}; first at {first}): the generated type refuses such values; add the alternatives by hand",
                    keys.join(", ")
                ));
            }
        }
    }

    fn change(&mut self, at: &Location, kind: ChangeKind, summary: String, edit: Edit) {
        self.result.changes.push(Change { file: at.file.clone(), kind, summary: format!("{at}: {summary}"), edit });
    }

    /// Widens `type` to cover the values; returns whether the schema became any JSON value.
    fn propose_type(&mut self, at: &Location, site: &Site<'a>, json_type: &Json, values: &[&Seen<'a>], null_evidence: Option<String>) -> bool {
        let names = type_names(json_type);
        let allowed = |kind: Kind| names.iter().any(|name| kind_fits(kind, name));
        let strays: Vec<&Seen> = values.iter().copied().filter(|seen| !allowed(Kind::of(seen.value))).collect();
        let mut new_names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        let mut reasons = Vec::new();
        if let Some(first) = strays.first() {
            let stray_kinds: BTreeSet<Kind> = strays.iter().map(|seen| Kind::of(seen.value)).collect();
            let examples: Vec<String> = strays.iter().take(3).map(|seen| shown(&inline(seen.value))).collect();
            let evidence = format!(
                "{} of {} values are {} ({}; first at {})",
                strays.len(),
                values.len(),
                stray_kinds.iter().map(|kind| kind.plural()).collect::<Vec<_>>().join(" or "),
                examples.join(", "),
                self.at(first)
            );
            if stray_kinds == BTreeSet::from([Kind::Number]) && names.contains(&"integer") {
                for name in &mut new_names {
                    if name == "integer" {
                        *name = "number".to_owned();
                    }
                }
                reasons.push(format!("{evidence}: `integer` widens to `number`"));
            } else if site.schema.get("properties").is_some() || at.pointer.is_empty() {
                self.problem(format!("{at}: `type` says {}, but {evidence}; an object with properties is not widened: change it by hand", inline(json_type)));
                return false;
            } else {
                let keys: Vec<String> = site
                    .schema
                    .as_object()
                    .unwrap_or_default()
                    .iter()
                    .map(|(key, _)| key.clone())
                    .filter(|key| !KEPT_WHEN_WIDENED.contains(&key.as_str()))
                    .collect();
                let summary = format!("`type` says {}, but {evidence}: widened to any JSON value", inline(json_type));
                self.note(format!("{at}: widened to any JSON value (`serde_json::Value`) because the values are of several types; narrow it by hand if each case has one type"));
                self.change(at, ChangeKind::Widened, summary, Edit::Remove { object: at.pointer.clone(), keys });
                return true;
            }
        }
        if let Some(evidence) = null_evidence {
            new_names.push("null".to_owned());
            reasons.push(format!("{evidence}: `type` gains \"null\""));
        }
        if !reasons.is_empty() {
            let kind = if new_names.iter().any(|name| name == "number") && names.contains(&"integer") { ChangeKind::Widened } else { ChangeKind::Nullable };
            let value = match new_names.as_slice() {
                [single] => Json::String(single.clone()),
                names => Json::Array(names.iter().map(|name| Json::String(name.clone())).collect()),
            };
            self.change(at, kind, reasons.join("; "), Edit::Set { object: at.pointer.clone(), key: "type".to_owned(), value });
        }
        false
    }

    fn propose_enum(&mut self, at: &Location, schema: &Json, values: &[&Seen<'a>]) {
        let Some(known) = schema.get("x-open-enum").and_then(Json::as_array) else { return };
        let known: Vec<&str> = known.iter().filter_map(Json::as_str).collect();
        let mut new_values: BTreeMap<&str, &Seen> = BTreeMap::new();
        for seen in values {
            if let Json::String(value) = seen.value {
                if !known.contains(&value.as_str()) {
                    new_values.entry(value.as_str()).or_insert(*seen);
                }
            }
        }
        if new_values.is_empty() {
            return;
        }
        let mut variants: Vec<String> = known.iter().map(|value| naming::variant_name(schema, value)).collect();
        for value in new_values.keys() {
            let variant = naming::variant_name(schema, value);
            if !naming::is_usable_variant(&variant) || variants.contains(&variant) {
                self.note(format!("{at}: the new value {} makes no usable variant name (`{variant}`): name it in `x-variant-names`", shown(value)));
            }
            variants.push(variant);
        }
        let listed: Vec<String> = new_values.iter().map(|(value, seen)| format!("{} (first at {})", shown(value), self.at(seen))).collect();
        let edit =
            Edit::Append { array: at.child(&["x-open-enum"]).pointer, values: new_values.keys().map(|value| Json::String((*value).to_owned())).collect() };
        self.change(at, ChangeKind::NewEnumValues, format!("new values of the open enum: {}", listed.join(", ")), edit);
    }

    /// Values the generated type would refuse although the schema's JSON
    /// type allows them: timestamps it cannot read, base64 that is not canonical.
    fn check_codecs(&mut self, at: &Location, schema: &Json, values: &[&Seen<'a>]) {
        let mut refused = |what: String, bad: Vec<&&Seen>| {
            if let Some(first) = bad.first() {
                let problem = format!(
                    "{at}: {} of {} values are not {what} (such as {} at {}): the generated type refuses them; change the schema by hand",
                    bad.len(),
                    values.len(),
                    shown(&inline(first.value)),
                    self.at(first)
                );
                self.problem(problem);
            }
        };
        if let Some(keyword) = schema.get("x-timestamp").and_then(Json::as_str) {
            refused(format!("`{keyword}` timestamps"), values.iter().filter(|seen| !timestamp_parses(keyword, seen.value)).collect());
        }
        if schema.get("contentEncoding").is_some() {
            let bad = values.iter().filter(|seen| seen.value.as_str().is_some_and(|text| canonical_base64(text).is_none())).collect();
            refused("canonical base64".to_owned(), bad);
        }
    }

    fn propose_required(&mut self, at: &Location, site: &Site<'a>) {
        let required: Vec<&str> = site.schema.get("required").and_then(Json::as_array).unwrap_or_default().iter().filter_map(Json::as_str).collect();
        let mut dropped = Vec::new();
        for name in required {
            let absent: Vec<&Seen> = site.objects.iter().filter(|seen| seen.value.get(name).is_none()).collect();
            if let Some(first) = absent.first() {
                let summary =
                    format!("`{name}` is absent in {} of {} objects (first at {}): no longer required", absent.len(), site.objects.len(), self.at(first));
                dropped.push((name, summary));
            }
        }
        if dropped.is_empty() {
            return;
        }
        let summaries: Vec<String> = dropped.iter().map(|(_, summary)| summary.clone()).collect();
        let values = dropped.iter().map(|(name, _)| Json::String((*name).to_owned())).collect();
        self.change(at, ChangeKind::NotRequired, summaries.join("; "), Edit::RemoveItems { array: at.child(&["required"]).pointer, values });
    }

    fn propose_members(&mut self, at: &Location, site: &Site<'a>) {
        if site.new_members.is_empty() {
            return;
        }
        let mut fields: BTreeSet<String> = site
            .schema
            .get("properties")
            .and_then(Json::as_object)
            .unwrap_or_default()
            .iter()
            .map(|(name, property)| naming::field_name(name, property))
            .collect();
        let mut drafter = Drafter::new(Placement::Inline, "", BTreeSet::new());
        for (name, seen) in &site.new_members {
            let pooled: Vec<&Json> = seen.iter().map(|seen| seen.value).collect();
            let node = observe(pooled, Some(name), 0);
            let path = format!("{}/{name}", at.child(&["properties"]));
            let property = drafter.property(&path, name, &node, "", &mut fields);
            let shown_schema = match &property {
                Json::Object(members) => inline(&Json::Object(members.iter().filter(|(key, _)| key != "description").cloned().collect())),
                other => inline(other),
            };
            let first = seen.first().map(|first| self.at(first)).unwrap_or_default();
            let summary = format!("new property `{name}` {shown_schema}, in {} of {} objects (first at {first})", seen.len(), site.objects.len());
            self.change(at, ChangeKind::NewProperty, summary, Edit::Set { object: at.child(&["properties"]).pointer, key: name.clone(), value: property });
        }
        self.result.detections.extend(drafter.detections);
        for note in drafter.notes {
            self.note(note);
        }
    }
}

fn type_names(json_type: &Json) -> Vec<&str> {
    match json_type {
        Json::String(name) => vec![name.as_str()],
        Json::Array(names) => names.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

fn kind_fits(kind: Kind, type_name: &str) -> bool {
    matches!(
        (kind, type_name),
        (Kind::Null, "null")
            | (Kind::Boolean, "boolean")
            | (Kind::Integer, "integer" | "number")
            | (Kind::Number, "number")
            | (Kind::String, "string")
            | (Kind::Array, "array")
            | (Kind::Object, "object")
    )
}

/// Whether a schema's `type` (if any) admits values of `kind`.
fn type_allows(schema: &Json, kind: Kind) -> bool {
    schema.get("type").is_none_or(|json_type| type_names(json_type).iter().any(|name| kind_fits(kind, name)))
}

/// Whether an alternative whose tag property is `tag_schema` is the one a
/// document with tag `tag_value` takes: its `const`, or one of its `x-open-enum` values.
fn selects(tag_schema: Option<&Json>, tag_value: Option<&str>) -> bool {
    let (Some(tag_schema), Some(tag_value)) = (tag_schema, tag_value) else { return false };
    tag_schema.get("const").and_then(Json::as_str) == Some(tag_value)
        || tag_schema.get("x-open-enum").and_then(Json::as_array).unwrap_or_default().iter().any(|value| value.as_str() == Some(tag_value))
}
