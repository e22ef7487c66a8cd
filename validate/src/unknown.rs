//! The members of a document that its shape's schema does not describe.
//!
//! Real events carry members newer than the catalogue, and the types keep
//! them (`unknown_fields`), so an unknown member is no error. In a fixture a
//! person wrote, it is most often a typo: `check --strict` and the `testing`
//! feature report it, with the known member of the same object it is closest
//! to. The walk follows the catalogue's subset of JSON Schema: `$ref`,
//! `allOf` bases, `properties`, maps (`additionalProperties`), `items`, the
//! tagged (`x-tag`) and keyed (`x-keyed`) unions, member unions and nullable
//! references. Objects that are open by design (a map of headers or
//! attributes, any JSON such as a user's `detail`) have no unknown members.

use serde_json::Value;

use crate::error::pointer_segment;
use crate::json::Json;
use crate::load::{Catalog, ShapeId};

/// One member the schema does not describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMember {
    /// The JSON pointer of the member (`/detail/resorces`).
    pub pointer: String,
    /// A known member of the same object whose name is close (`resources`).
    pub suggestion: Option<String>,
}

impl UnknownMember {
    /// `/resorces: not a member of eventbridge.scheduled_event; did you mean `resources`?`
    pub fn message(&self, shape: &ShapeId) -> String {
        format!("{}: {}", self.pointer, self.problem(shape))
    }

    /// The message without the pointer: `not a member of …; did you mean `resources`?`
    pub fn problem(&self, shape: &ShapeId) -> String {
        match &self.suggestion {
            Some(known) => format!("not a member of {shape}; did you mean `{known}`?"),
            None => format!("not a member of {shape}"),
        }
    }
}

/// The members of `document` that the schema of shape `id` does not
/// describe, in document order; empty for a shape the catalogue lacks.
pub fn unknown_members(catalog: &Catalog, id: &ShapeId, document: &Value) -> Vec<UnknownMember> {
    walk(catalog, id, document).0
}

/// Whether the schema of shape `id` describes every part of `document`: no
/// member unknown, and no union whose tag names none of its alternatives
/// (such a part is kept whole, in the union's `Unknown`, and not described).
pub fn describes_exactly(catalog: &Catalog, id: &ShapeId, document: &Value) -> bool {
    catalog.shape(id).is_some() && matches!(walk(catalog, id, document), (members, unknown_tags) if members.is_empty() && unknown_tags.is_empty())
}

/// The unknown members of `document` and the pointers of its unions whose tag
/// chooses no alternative.
fn walk(catalog: &Catalog, id: &ShapeId, document: &Value) -> (Vec<UnknownMember>, Vec<String>) {
    let (mut found, mut unknown_tags) = (Vec::new(), Vec::new());
    if let Some(file) = catalog.shape(id) {
        Walk { catalog, found: &mut found, unknown_tags: &mut unknown_tags }.value(&file.path, &file.tree, document, String::new(), 0);
    }
    (found, unknown_tags)
}

/// How deep references may nest before the walk stops (a recursive type such
/// as DynamoDB's `M` recurses with the document, which bounds it anyway).
const MAX_DEPTH: usize = 256;

/// Which alternative of a union a value is.
enum Chosen<'a> {
    One(&'a Json),
    /// None that the walk can look into: a `null`, or no key.
    None,
    /// None, because the tag is missing or names no alternative: the type
    /// keeps the value whole, in the union's `Unknown`, or refuses it.
    UnknownTag,
    BestFitting,
}

struct Walk<'a> {
    catalog: &'a Catalog,
    found: &'a mut Vec<UnknownMember>,
    /// Where a union's tag names none of its alternatives.
    unknown_tags: &'a mut Vec<String>,
}

impl<'a> Walk<'a> {
    fn value(&mut self, file: &str, schema: &'a Json, value: &Value, pointer: String, depth: usize) {
        let catalog = self.catalog;
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
            if let Ok((target_file, _, target)) = catalog.resolve(file, reference) {
                self.value(&target_file, target, value, pointer, depth + 1);
            }
            return;
        }
        if let (Some(alternatives), None) = (schema.get("oneOf").and_then(Json::as_array), schema.get("properties")) {
            match self.chosen_alternative(file, schema, value) {
                Chosen::One(alternative) => self.value(file, alternative, value, pointer, depth + 1),
                Chosen::None => {}
                Chosen::UnknownTag => self.unknown_tags.push(pointer),
                Chosen::BestFitting => {
                    // Untagged alternatives: the one the document fits best, with the fewest unknown members.
                    let fits = alternatives.iter().map(|alternative| {
                        let (mut found, mut unknown_tags) = (Vec::new(), Vec::new());
                        Walk { catalog, found: &mut found, unknown_tags: &mut unknown_tags }.value(file, alternative, value, pointer.clone(), depth + 1);
                        (found, unknown_tags)
                    });
                    if let Some((best, unknown_tags)) = fits.min_by_key(|(found, unknown_tags)| (found.len(), unknown_tags.len())) {
                        self.found.extend(best);
                        self.unknown_tags.extend(unknown_tags);
                    }
                }
            }
            return;
        }
        match value {
            Value::Object(members) => self.object(file, schema, members, pointer, depth),
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.value(file, item_schema, item, format!("{pointer}/{index}"), depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    fn object(&mut self, file: &str, schema: &'a Json, members: &serde_json::Map<String, Value>, pointer: String, depth: usize) {
        if schema.get("properties").is_none() {
            // A map: its values have a schema; its keys are the document's own.
            if let Some(values) = schema.get("additionalProperties") {
                for (name, member) in members {
                    self.value(file, values, member, format!("{pointer}/{}", pointer_segment(name)), depth + 1);
                }
            }
            return;
        }
        let known = self.known_members(file, schema, depth);
        // A member union: the tag's value chooses the schema of one member.
        let chosen_member = self.member_union_alternative(file, schema, members);
        let tag = schema.get("x-tag").and_then(Json::as_str).filter(|_| schema.get("oneOf").is_some());
        if chosen_member.is_none() && tag.is_some_and(|tag| members.get(tag).is_some_and(Value::is_string)) {
            self.unknown_tags.push(pointer.clone());
        }
        for (name, member) in members {
            let here = format!("{pointer}/{}", pointer_segment(name));
            match known.iter().find(|(known_name, ..)| known_name == name) {
                Some((_, member_file, member_schema)) => {
                    let member_schema = match &chosen_member {
                        Some((union_member, union_file, union_schema)) if union_member == name => (union_file.clone(), *union_schema),
                        _ => (member_file.clone(), *member_schema),
                    };
                    self.value(&member_schema.0, member_schema.1, member, here, depth + 1);
                }
                None => {
                    let suggestion = closest(name, known.iter().map(|(known_name, ..)| known_name.as_str()));
                    self.found.push(UnknownMember { pointer: here, suggestion });
                }
            }
        }
    }

    /// The members an object schema describes, its `allOf` bases' included:
    /// name, file and schema of each.
    fn known_members(&self, file: &str, schema: &'a Json, depth: usize) -> Vec<(String, String, &'a Json)> {
        let catalog = self.catalog;
        let mut known: Vec<(String, String, &'a Json)> = Vec::new();
        if depth > MAX_DEPTH {
            return known;
        }
        for base in schema.get("allOf").and_then(Json::as_array).unwrap_or_default() {
            let Some(reference) = base.get("$ref").and_then(Json::as_str) else { continue };
            if let Ok((base_file, _, base_schema)) = catalog.resolve(file, reference) {
                known.extend(self.known_members(&base_file, base_schema, depth + 1));
            }
        }
        for (name, member) in schema.get("properties").and_then(Json::as_object).unwrap_or_default() {
            known.push((name.clone(), file.to_owned(), member));
        }
        known
    }

    /// The alternative of a union (`oneOf` without `properties`) that
    /// `value` is: by its tag (`x-tag`; an unknown value chooses none, since
    /// the type keeps such a document whole), by its key (`x-keyed`), or the
    /// one alternative that is not `null`; else the one it fits best.
    fn chosen_alternative(&self, file: &str, schema: &'a Json, value: &Value) -> Chosen<'a> {
        let catalog = self.catalog;
        let alternatives = schema.get("oneOf").and_then(Json::as_array).unwrap_or_default();
        let members = value.as_object();
        if let Some(tag) = schema.get("x-tag").and_then(Json::as_str) {
            let Some(tag_value) = members.and_then(|members| members.get(tag)).and_then(Value::as_str) else { return Chosen::UnknownTag };
            let chosen = catalog.tag_alternatives(file, schema, tag).into_iter().flatten().find(|alternative| alternative.selects(tag_value));
            return chosen.map_or(Chosen::UnknownTag, |chosen| Chosen::One(&alternatives[chosen.index]));
        }
        if schema.get("x-keyed").is_some() {
            let Some((key, _)) = members.and_then(|members| members.iter().next()) else { return Chosen::None };
            let chosen = alternatives.iter().find(|alternative| {
                let alternative = match alternative.get("$ref").and_then(Json::as_str) {
                    Some(reference) => catalog.resolve(file, reference).ok().map(|(_, _, target)| target),
                    None => Some(*alternative),
                };
                alternative.and_then(|alternative| alternative.get("properties")).and_then(|properties| properties.get(key)).is_some()
            });
            return chosen.map_or(Chosen::None, Chosen::One);
        }
        let mut not_null = alternatives.iter().filter(|alternative| alternative.get("type").and_then(Json::as_str) != Some("null"));
        match (not_null.next(), not_null.next()) {
            (Some(only), None) => Chosen::One(only),
            (None, _) => Chosen::None,
            _ => Chosen::BestFitting,
        }
    }

    /// In a member union (`x-tag` and `oneOf` beside `properties`), the
    /// member whose schema the tag's value chooses, with that schema.
    fn member_union_alternative(&self, file: &str, schema: &'a Json, members: &serde_json::Map<String, Value>) -> Option<(String, String, &'a Json)> {
        let tag = schema.get("x-tag").and_then(Json::as_str)?;
        let value = members.get(tag)?.as_str()?;
        let chosen = self.catalog.tag_alternatives(file, schema, tag).into_iter().flatten().find(|alternative| alternative.selects(value))?;
        let alternative = schema.get("oneOf").and_then(Json::as_array)?.get(chosen.index)?;
        let (member, member_schema) = alternative.get("properties").and_then(Json::as_object)?.iter().find(|(name, _)| name != tag)?;
        Some((member.clone(), file.to_owned(), member_schema))
    }

    /// The Rust type a `$ref` names: its `x-rust-name`, else its definition's key.
    fn type_name(&self, file: &str, reference: &str) -> String {
        let named = self.catalog.resolve(file, reference).ok().and_then(|(_, _, target)| target.get("x-rust-name").and_then(Json::as_str).map(str::to_owned));
        named.unwrap_or_else(|| reference.rsplit('/').next().unwrap_or(reference).to_owned())
    }

    /// The tagged unions on the way from `schema` to the place `segments`
    /// names, as `tag "value" selects Type`.
    fn unions_along(&self, file: &str, schema: &'a Json, value: &Value, segments: &[String], depth: usize, out: &mut Vec<String>) {
        let catalog = self.catalog;
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
            if let Ok((target_file, _, target)) = catalog.resolve(file, reference) {
                self.unions_along(&target_file, target, value, segments, depth + 1, out);
            }
            return;
        }
        if let (Some(_), None) = (schema.get("oneOf"), schema.get("properties")) {
            if let Chosen::One(alternative) = self.chosen_alternative(file, schema, value) {
                if let (Some(tag), Some(reference)) = (schema.get("x-tag").and_then(Json::as_str), alternative.get("$ref").and_then(Json::as_str)) {
                    let tag_value = value.get(tag).and_then(Value::as_str).unwrap_or_default();
                    out.push(format!("{tag} {tag_value:?} selects {}", self.type_name(file, reference)));
                }
                self.unions_along(file, alternative, value, segments, depth + 1, out);
            }
            return;
        }
        let Some((first, rest)) = segments.split_first() else { return };
        let child = match value {
            Value::Object(members) => members.get(first),
            Value::Array(items) => first.parse::<usize>().ok().and_then(|index| items.get(index)),
            _ => None,
        };
        let Some(child) = child else { return };
        if let Some(items) = schema.get("items") {
            return self.unions_along(file, items, child, rest, depth + 1, out);
        }
        if schema.get("properties").is_none() {
            if let Some(values) = schema.get("additionalProperties") {
                self.unions_along(file, values, child, rest, depth + 1, out);
            }
            return;
        }
        if let Some(members) = value.as_object() {
            if let Some((member, member_file, member_schema)) = self.member_union_alternative(file, schema, members) {
                if member == *first {
                    let tag = schema.get("x-tag").and_then(Json::as_str).unwrap_or_default();
                    let tag_value = members.get(tag).and_then(Value::as_str).unwrap_or_default();
                    let chosen = member_schema
                        .get("$ref")
                        .and_then(Json::as_str)
                        .map_or_else(|| format!("its `{member}`"), |reference| self.type_name(&member_file, reference));
                    out.push(format!("{tag} {tag_value:?} selects {chosen}"));
                    return self.unions_along(&member_file, member_schema, child, rest, depth + 1, out);
                }
            }
        }
        if let Some((_, member_file, member_schema)) = self.known_members(file, schema, depth).into_iter().find(|(name, ..)| name == first) {
            self.unions_along(&member_file, member_schema, child, rest, depth + 1, out);
        }
    }
}

/// `message` about the place `pointer` of `document`, followed by the
/// tagged unions the place lies in, outermost first, each as `tag "value"
/// selects Type` (`… (triggerSource "PreSignUp_SignUp" selects
/// CognitoPreSignUp)`): which alternative's schema judged the place. `check`
/// and `testing` write violations so.
pub fn in_unions(catalog: &Catalog, id: &ShapeId, document: &Value, pointer: &str, message: &str) -> String {
    let (mut found, mut unknown_tags, mut unions) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(file) = catalog.shape(id) {
        let segments: Vec<String> = pointer.split('/').skip(1).map(|segment| segment.replace("~1", "/").replace("~0", "~")).collect();
        Walk { catalog, found: &mut found, unknown_tags: &mut unknown_tags }.unions_along(&file.path, &file.tree, document, &segments, 0, &mut unions);
    }
    if unions.is_empty() {
        message.to_owned()
    } else {
        format!("{message} ({})", unions.join(", "))
    }
}

/// The known name closest to `unknown`: one that differs only in case or in
/// `_`/`-`, else the nearest within two edits (one for short names) whose
/// length is within one of it: a name that extends a known one by more
/// (`requestId` beside `request`) is a new member more often than a typo.
fn closest<'n>(unknown: &str, known: impl Iterator<Item = &'n str>) -> Option<String> {
    let fold = |name: &str| name.to_ascii_lowercase().replace(['_', '-'], "");
    let folded = fold(unknown);
    let allowed = if unknown.chars().count() <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &str)> = None;
    for name in known {
        let candidate = fold(name);
        let distance = if candidate == folded { 0 } else { edit_distance(&folded, &candidate) };
        let similar_length = candidate.chars().count().abs_diff(folded.chars().count()) <= 1;
        if (distance == 0 || (distance <= allowed && similar_length)) && best.is_none_or(|(shortest, _)| distance < shortest) {
            best = Some((distance, name));
        }
    }
    best.map(|(_, name)| name.to_owned())
}

/// Levenshtein distance, in characters.
fn edit_distance(first: &str, second: &str) -> usize {
    let second: Vec<char> = second.chars().collect();
    let mut previous: Vec<usize> = (0..=second.len()).collect();
    for (row, left) in first.chars().enumerate() {
        let mut current = vec![row + 1];
        for (column, right) in second.iter().enumerate() {
            let substitution = previous[column] + usize::from(left != *right);
            current.push(substitution.min(previous[column + 1] + 1).min(current[column] + 1));
        }
        previous = current;
    }
    previous[second.len()]
}

#[cfg(test)]
mod tests {
    use super::{closest, edit_distance};

    #[test]
    fn the_closest_known_name_is_suggested() {
        let known = ["resources", "detail-type", "source", "messageId"];
        assert_eq!(closest("resorces", known.into_iter()).as_deref(), Some("resources"));
        assert_eq!(closest("detail_type", known.into_iter()).as_deref(), Some("detail-type"));
        assert_eq!(closest("MessageID", known.into_iter()).as_deref(), Some("messageId"));
        assert_eq!(closest("colour", known.into_iter()), None);
        assert_eq!(closest("requestId", ["request"].into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
