//! What a schema violation says to a person: "expected …, found …" at the
//! deepest place that explains it, in the catalogue's words, never in the
//! validator's (`anyOf`, `oneOf`, "is not valid under any of the schemas").
//!
//! A union's violation holds the violations of each alternative. The
//! catalogue's unions are nullable references (`oneOf: [{$ref}, {null}]`),
//! whose explanation is the referenced schema's (or the types both allow,
//! when the value is neither), and tagged or keyed unions, whose validation
//! already dispatches on the tag: what is left is the alternative the
//! document meant, the one whose violations reach deepest.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

/// One violation as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The JSON pointer of the value at fault.
    pub pointer: String,
    /// What the place needs and what it holds (`expected text, found the number 5`).
    pub message: String,
    /// What the place needs (`text`), when the message says it.
    pub expected: Option<String>,
    /// What the place holds (`the number 5`), when the message says it.
    pub found: Option<String>,
}

impl Explained {
    fn new(pointer: &str, message: String) -> Explained {
        // "expected X, found Y" is taken apart for the fields.
        let parts = message.strip_prefix("expected ").and_then(|rest| rest.rsplit_once(", found "));
        let (expected, found) = match parts {
            Some((expected, found)) => (Some(expected.to_owned()), Some(found.to_owned())),
            None => (None, None),
        };
        Explained { pointer: pointer.to_owned(), message, expected, found }
    }
}

/// The violations `error` stands for, each at its deepest place.
pub fn explain(error: &ValidationError<'_>) -> Vec<Explained> {
    let pointer = error.instance_path().to_string();
    let found = describe(error.instance());
    let one = |message: String| vec![Explained::new(&pointer, message)];
    match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => explain_alternatives(&pointer, &found, context),
        ValidationErrorKind::OneOfMultipleValid { .. } => one(format!("{found} fits several alternatives of a union, which must be told apart")),
        ValidationErrorKind::Type { kind } => one(format!("expected {}, found {found}", expected_types(kind))),
        ValidationErrorKind::Required { property } => one(format!("missing member {property}")),
        ValidationErrorKind::Enum { options } => one(format!("expected one of {}, found {found}", listed(options))),
        ValidationErrorKind::Constant { expected_value } => one(format!("expected {expected_value}, found {found}")),
        ValidationErrorKind::Format { format } => one(format!("expected {}, found {found}", format_name(format))),
        ValidationErrorKind::Pattern { pattern } => one(format!("expected text matching `{pattern}`, found {found}")),
        ValidationErrorKind::ContentEncoding { content_encoding } => one(format!("expected {content_encoding} text, found {found}")),
        ValidationErrorKind::Not { .. } => one(format!("{found} is not allowed here")),
        _ => one(error.to_string()),
    }
}

/// A union none of whose alternatives accept the value.
fn explain_alternatives(pointer: &str, found: &str, alternatives: &[Vec<ValidationError<'static>>]) -> Vec<Explained> {
    // Alternatives that fail only on the value's type, right here (a `null`
    // alternative, or a reference to an object when the value is a number):
    // together they say which types the place takes.
    let type_only = |errors: &Vec<ValidationError<'static>>| -> Option<Vec<&'static str>> {
        match errors.as_slice() {
            [single] if single.instance_path().as_str() == pointer => match single.kind() {
                ValidationErrorKind::Type { kind } => Some(type_names(kind)),
                _ => None,
            },
            _ => None,
        }
    };
    let deeper: Vec<&Vec<ValidationError<'static>>> = alternatives.iter().filter(|errors| type_only(errors).is_none()).collect();
    // A keyed union (DynamoDB's `{"S": …}`): each alternative misses its own key here.
    let missing_here = |errors: &&Vec<ValidationError<'static>>| -> Option<String> {
        match errors.as_slice() {
            [single] if single.instance_path().as_str() == pointer => match single.kind() {
                ValidationErrorKind::Required { property } => Some(property.to_string()),
                _ => None,
            },
            _ => None,
        }
    };
    let keys: Vec<String> = deeper.iter().filter_map(missing_here).collect();
    match deeper.as_slice() {
        [] => {
            let mut expected: Vec<&str> = Vec::new();
            for names in alternatives.iter().filter_map(type_only) {
                for name in names {
                    if !expected.contains(&name) {
                        expected.push(name);
                    }
                }
            }
            // `null` last: the place holds the other types, or nothing.
            expected.sort_by_key(|name| *name == "null");
            vec![Explained::new(pointer, format!("expected {}, found {found}", expected.join(" or ")))]
        }
        several if several.len() > 1 && keys.len() == several.len() => {
            vec![Explained::new(pointer, format!("expected an object with one of the members {}, found {found}", keys.join(", ")))]
        }
        // The alternative the document meant: its violations reach deepest.
        _ => {
            let meant = deeper
                .iter()
                .max_by_key(|errors| errors.iter().map(|error| error.instance_path().as_str().len()).max().unwrap_or_default())
                .expect("one alternative at least");
            let mut explained: Vec<Explained> = meant.iter().flat_map(explain).collect();
            explained.dedup();
            explained
        }
    }
}

/// The types a place takes, in the catalogue's words.
fn expected_types(kind: &TypeKind) -> String {
    let mut names = type_names(kind);
    names.sort_by_key(|name| *name == "null");
    names.join(" or ")
}

fn type_names(kind: &TypeKind) -> Vec<&'static str> {
    match kind {
        TypeKind::Single(single) => vec![type_name(*single)],
        TypeKind::Multiple(set) => set.iter().map(type_name).collect(),
    }
}

fn type_name(ty: JsonType) -> &'static str {
    match ty {
        JsonType::Null => "null",
        JsonType::Boolean => "a boolean",
        JsonType::Integer => "a whole number",
        JsonType::Number => "a number",
        JsonType::String => "text",
        JsonType::Array => "a list",
        JsonType::Object => "an object",
    }
}

/// A value as the message names it: `the number 5`, `the text "abc"`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) if text.chars().count() > 40 => format!("the text {:?}…", text.chars().take(40).collect::<String>()),
        Value::String(text) => format!("the text {text:?}"),
        Value::Array(items) if items.is_empty() => "an empty list".to_owned(),
        Value::Array(items) if items.len() == 1 => "a list of 1 item".to_owned(),
        Value::Array(items) => format!("a list of {} items", items.len()),
        Value::Object(members) if members.len() <= 3 => {
            let names: Vec<String> = members.keys().map(|name| format!("{name:?}")).collect();
            format!("an object with {}", names.join(", "))
        }
        Value::Object(members) => format!("an object of {} members", members.len()),
    }
}

/// `"String", "Number", "Binary"`.
fn listed(options: &Value) -> String {
    match options {
        Value::Array(values) => values.iter().map(Value::to_string).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A wire format (`x-timestamp`, base64), in words.
fn format_name(format: &str) -> String {
    match format.strip_prefix(crate::validators::FORMAT_PREFIX).unwrap_or(format) {
        "base64" => "standard base64".to_owned(),
        "rfc3339" => "an RFC 3339 date and time (`2024-01-02T03:04:05Z`)".to_owned(),
        "clf" => "a date and time as `09/Apr/2015:12:34:56 +0000`".to_owned(),
        "epoch-millis-text" => "milliseconds since 1970 as digits in text (`\"1545082650636\"`)".to_owned(),
        "epoch-micros-text" => "microseconds since 1970 as digits in text (`\"1711641522845306\"`)".to_owned(),
        "iso8601-basic-offset" => "a date and time as `2023-08-04T12:36:15.490+0000`".to_owned(),
        other => format!("text of the format `{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::explain;

    fn explained(schema: serde_json::Value, document: serde_json::Value) -> Vec<String> {
        let validator = jsonschema::validator_for(&schema).unwrap();
        validator.iter_errors(&document).flat_map(|error| explain(&error)).map(|explained| format!("{}: {}", explained.pointer, explained.message)).collect()
    }

    #[test]
    fn a_nullable_reference_says_what_it_takes_at_the_deepest_place() {
        let schema = json!({
            "$defs": { "Attribute": { "type": "object", "properties": { "stringValue": { "type": ["string", "null"] } }, "required": ["stringValue"] } },
            "type": "object",
            "properties": { "attribute": { "oneOf": [{ "$ref": "#/$defs/Attribute" }, { "type": "null" }] } }
        });
        assert_eq!(explained(schema.clone(), json!({"attribute": {"stringValue": 5}})), ["/attribute/stringValue: expected text or null, found the number 5"]);
        assert_eq!(explained(schema.clone(), json!({"attribute": 5})), ["/attribute: expected an object or null, found the number 5"]);
        assert_eq!(explained(schema, json!({"attribute": {}})), ["/attribute: missing member \"stringValue\""]);
    }

    #[test]
    fn a_keyed_union_lists_its_keys() {
        let schema = json!({ "oneOf": [
            { "type": "object", "properties": { "S": { "type": "string" } }, "required": ["S"] },
            { "type": "object", "properties": { "N": { "type": "string" } }, "required": ["N"] }
        ] });
        assert_eq!(explained(schema, json!({"Q": "1"})), [": expected an object with one of the members \"S\", \"N\", found an object with \"Q\""]);
    }
}
