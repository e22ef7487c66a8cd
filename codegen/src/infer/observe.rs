//! Pooling sample values by JSON path.
//!
//! Every value seen at a path goes into one pool, whichever document and
//! whichever array item it came from: the items of an array share the path
//! `…/*`, and so do the values of an object whose keys are data (a map, such
//! as headers), since a schema describes them once. The detectors and the
//! drafter read the pools.

use std::collections::BTreeMap;

use crate::infer::render::plural;
use crate::json::Json;

/// Deeper than this, values are counted but not looked into. Events are a
/// few levels deep; the bound keeps the recursion safe on any input.
const MAX_DEPTH: usize = 48;
/// How many distinct strings a pool remembers: enough to tell a small
/// closed-looking set from free text.
const MAX_DISTINCT: usize = 64;

/// A JSON type, with integers that fit `i64` apart from other numbers
/// (floats, and integers too large for the `integer` type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    pub fn of(value: &Json) -> Kind {
        match value {
            Json::Null => Kind::Null,
            Json::Bool(_) => Kind::Boolean,
            Json::Number(number) if number.is_i64() => Kind::Integer,
            Json::Number(_) => Kind::Number,
            Json::String(_) => Kind::String,
            Json::Array(_) => Kind::Array,
            Json::Object(_) => Kind::Object,
        }
    }

    /// The name of the kind in a sentence: "3 of 5 values are floats".
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "booleans",
            Kind::Integer => "integers",
            Kind::Number => "floats (or integers beyond 64 bits)",
            Kind::String => "strings",
            Kind::Array => "arrays",
            Kind::Object => "objects",
        }
    }
}

/// Every value seen at one JSON path.
pub struct Node<'a> {
    /// The member name the values were found under (the array's, for its
    /// items; none for the values of a map): detectors read hints in it.
    pub key: Option<String>,
    pub values: Vec<&'a Json>,
    pub kinds: BTreeMap<Kind, usize>,
    /// Distinct strings with how often each was seen, up to `MAX_DISTINCT`.
    pub strings: BTreeMap<&'a str, usize>,
    /// More distinct strings were seen than `strings` holds.
    pub more_strings: bool,
    pub object: Option<ObjectPool<'a>>,
    pub items: Option<Box<Node<'a>>>,
    /// Containers were seen here beyond `MAX_DEPTH`, and not looked into.
    pub too_deep: bool,
    pub depth: usize,
}

/// The object values of a pool, as records or as a map.
pub enum ObjectPool<'a> {
    Record { objects: usize, members: Vec<Member<'a>> },
    Map { objects: usize, evidence: String, values: Box<Node<'a>> },
}

pub struct Member<'a> {
    pub key: String,
    /// In how many of the objects the member appears (`null` included).
    pub present: usize,
    pub node: Node<'a>,
}

impl<'a> Node<'a> {
    pub fn count(&self, kind: Kind) -> usize {
        self.kinds.get(&kind).copied().unwrap_or(0)
    }

    pub fn nulls(&self) -> usize {
        self.count(Kind::Null)
    }

    /// The kinds seen, `null` aside.
    pub fn value_kinds(&self) -> Vec<Kind> {
        self.kinds.keys().copied().filter(|kind| *kind != Kind::Null).collect()
    }

    pub fn non_null(&self) -> impl Iterator<Item = &'a Json> + '_ {
        self.values.iter().copied().filter(|value| !matches!(value, Json::Null))
    }
}

/// What the values of a pool are to the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Whole documents: records, whose members are the event's fields.
    Document,
    /// The values of a member: its name describes them.
    Member,
    /// The items of an array: the array's name describes the collection, not each item.
    Item,
    /// The values of a map: named by data.
    MapValue,
}

/// Pools whole documents.
pub fn observe_documents<'a>(documents: Vec<&'a Json>) -> Node<'a> {
    pool(documents, None, 0, Role::Document)
}

/// Pools `values` (all found at one path, under member `key`) and everything below them.
pub fn observe<'a>(values: Vec<&'a Json>, key: Option<&str>, depth: usize) -> Node<'a> {
    pool(values, key, depth, Role::Member)
}

fn pool<'a>(values: Vec<&'a Json>, key: Option<&str>, depth: usize, role: Role) -> Node<'a> {
    let mut kinds = BTreeMap::new();
    let mut strings: BTreeMap<&'a str, usize> = BTreeMap::new();
    let mut more_strings = false;
    for value in &values {
        *kinds.entry(Kind::of(value)).or_insert(0) += 1;
        if let Json::String(text) = value {
            let room = strings.len() < MAX_DISTINCT;
            match strings.get_mut(text.as_str()) {
                Some(count) => *count += 1,
                None if room => {
                    strings.insert(text.as_str(), 1);
                }
                None => more_strings = true,
            }
        }
    }
    let objects: Vec<&'a [(String, Json)]> = values.iter().filter_map(|value| value.as_object()).collect();
    let arrays: Vec<&'a [Json]> = values.iter().filter_map(|value| value.as_array()).collect();
    let too_deep = depth >= MAX_DEPTH && (!objects.is_empty() || !arrays.is_empty());
    let mut node = Node { key: key.map(str::to_owned), values, kinds, strings, more_strings, object: None, items: None, too_deep, depth };
    if too_deep {
        return node;
    }
    if !objects.is_empty() {
        node.object = Some(pool_objects(&objects, key, depth, role));
    }
    if !arrays.is_empty() {
        let items: Vec<&'a Json> = arrays.iter().flat_map(|items| items.iter()).collect();
        node.items = Some(Box::new(pool(items, key, depth + 1, Role::Item)));
    }
    node
}

fn pool_objects<'a>(objects: &[&'a [(String, Json)]], key: Option<&str>, depth: usize, role: Role) -> ObjectPool<'a> {
    let evidence = match role {
        Role::Document => None,
        Role::Member => map_evidence(key, objects),
        Role::Item | Role::MapValue => map_evidence(None, objects),
    };
    if let Some(evidence) = evidence {
        let values: Vec<&'a Json> = objects.iter().flat_map(|members| members.iter().map(|(_, value)| value)).collect();
        return ObjectPool::Map { objects: objects.len(), evidence, values: Box::new(pool(values, None, depth + 1, Role::MapValue)) };
    }
    // In the order the members were first seen, so that a draft follows the samples.
    let mut pooled: Vec<(String, Vec<&'a Json>)> = Vec::new();
    let mut positions: BTreeMap<&'a str, usize> = BTreeMap::new();
    for members in objects {
        for (name, value) in members.iter() {
            match positions.get(name.as_str()) {
                Some(&position) => pooled[position].1.push(value),
                None => {
                    positions.insert(name, pooled.len());
                    pooled.push((name.clone(), vec![value]));
                }
            }
        }
    }
    let members = pooled
        .into_iter()
        .map(|(name, values)| {
            let present = values.len();
            let node = observe(values, Some(&name), depth + 1);
            Member { key: name, present, node }
        })
        .collect();
    ObjectPool::Record { objects: objects.len(), members }
}

/// Names of members whose keys are data.
const MAP_NAME_SUFFIXES: &[&str] = &["headers", "parameters", "variables", "tags", "claims", "image", "keys"];
/// More same-shaped members than a record plausibly has.
const MAP_MIN_KEYS: usize = 24;

/// Why the objects of a pool are a map (their keys are data), or `None` for records.
fn map_evidence(key: Option<&str>, objects: &[&[(String, Json)]]) -> Option<String> {
    let mut presence: BTreeMap<&str, usize> = BTreeMap::new();
    let mut values: Vec<&Json> = Vec::new();
    for members in objects {
        for (name, value) in members.iter() {
            *presence.entry(name).or_insert(0) += 1;
            if !matches!(value, Json::Null) {
                values.push(value);
            }
        }
    }
    if presence.is_empty() {
        return None;
    }
    let shape = same_shape(&values)?;
    let key_name = key.unwrap_or_default();
    let lower = key_name.to_ascii_lowercase();
    let mean_presence = presence.values().sum::<usize>() as f64 / (presence.len() * objects.len()) as f64;
    let reason = if let Some(data_key) = presence.keys().find(|name| !is_identifier(name)) {
        format!("keys such as `{data_key}` are data, not field names")
    } else if MAP_NAME_SUFFIXES.iter().any(|suffix| lower.ends_with(suffix)) || (lower.ends_with("attributes") && lower != "attributes") {
        format!("the name `{key_name}` says so")
    } else if presence.len() >= MAP_MIN_KEYS {
        "that is more members than a record has".to_owned()
    } else if objects.len() >= 2 && presence.len() >= 4 && mean_presence <= 0.5 {
        format!("the keys vary: each appears in {:.0}% of the objects on average", mean_presence * 100.0)
    } else {
        return None;
    };
    Some(format!("{} over {}, all values {shape}; {reason}", plural(presence.len(), "distinct key"), plural(objects.len(), "object")))
}

/// What all the values have in common, if they are alike enough to be the
/// values of one map: one JSON type, and for objects a shared member or a
/// single member each (DynamoDB's `{"S": …}`).
fn same_shape(values: &[&Json]) -> Option<String> {
    let Some(first) = values.first() else { return Some("null".to_owned()) };
    let number = |kind: Kind| if kind == Kind::Integer { Kind::Number } else { kind };
    let kind = number(Kind::of(first));
    if values.iter().any(|value| number(Kind::of(value)) != kind) {
        return None;
    }
    if kind != Kind::Object {
        return Some(kind.plural().to_owned());
    }
    let objects: Vec<&[(String, Json)]> = values.iter().filter_map(|value| value.as_object()).collect();
    if objects.iter().all(|members| members.len() == 1) {
        return Some("objects of one member".to_owned());
    }
    let shared = objects
        .first()
        .into_iter()
        .flat_map(|members| members.iter())
        .find(|(name, _)| objects.iter().all(|members| members.iter().any(|(other, _)| other == name)));
    shared.map(|(name, _)| format!("objects with `{name}`"))
}

/// A name a record would give a field.
fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
