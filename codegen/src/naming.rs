//! Every Rust name the codegen makes from a schema, in one place: lowering
//! names the types, fields and variants it emits with these functions, and
//! `infer` uses the same ones, so that what it proposes is what lowering
//! accepts.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::json::Json;

const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
    "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await",
    "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// The field every struct keeps unknown members in.
const RESERVED_FIELD: &str = "unknown_fields";

/// The variants the emitter adds to open enums (`Other`) and unions (`Unknown`).
const RESERVED_VARIANTS: &[&str] = &["Other", "Unknown"];

/// The UpperCamelCase of a JSON name or value's alphanumeric runs
/// (`ObjectCreated:Put` → `ObjectCreatedPut`, `aws:sqs` → `AwsSqs`).
pub fn upper_camel(text: &str) -> String {
    text.to_upper_camel_case()
}

/// The field of a member: its `x-rust-field`, or the snake_case of its JSON
/// name (`eventSourceARN` → `event_source_arn`).
pub fn field_name(json_name: &str, property: &Json) -> String {
    match property.get("x-rust-field").and_then(Json::as_str) {
        Some(rust_name) => rust_name.to_owned(),
        None => snake_case(json_name),
    }
}

/// The snake_case of a JSON name, the field it makes without `x-rust-field`.
pub fn snake_case(json_name: &str) -> String {
    json_name.to_snake_case()
}

/// Whether `name` can be a generated field: snake_case, not a keyword, not
/// the unknown members' field, and not `__`-prefixed (the generated visitors
/// keep those names for their locals). The emitter also names the member's
/// key after the field's UpperCamelCase, which must be a type name.
pub fn is_usable_field(name: &str) -> bool {
    is_snake_case(name) && !name.starts_with("__") && !RUST_KEYWORDS.contains(&name) && name != RESERVED_FIELD && is_type_name(&upper_camel(name))
}

/// The variant of an open-enum value or a union key: `x-variant-names`, or
/// the value's UpperCamelCase.
pub fn variant_name(schema: &Json, value: &str) -> String {
    match schema.get("x-variant-names").and_then(|names| names.get(value)).and_then(Json::as_str) {
        Some(rust_name) => rust_name.to_owned(),
        None => upper_camel(value),
    }
}

/// Whether `name` can be a variant the schema names: a type name, and not one
/// of the variants the emitter adds itself.
pub fn is_usable_variant(name: &str) -> bool {
    is_type_name(name) && !RESERVED_VARIANTS.contains(&name)
}

/// The name of a type defined inside another: the parent's name, then the
/// member's (`SqsMessage` + `attributes` → `SqsMessageAttributes`).
pub fn nested_type_name(parent: &str, member: &str) -> String {
    format!("{parent}{}", upper_camel(member))
}

/// The name a drafted shape's root type gets: source and name in
/// UpperCamelCase (`kinesis.event` → `KinesisEvent`).
pub fn shape_type_name(source: &str, name: &str) -> String {
    format!("{}{}", upper_camel(source), upper_camel(name))
}

/// UpperCamelCase ASCII, not a keyword.
pub fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric()) && !RUST_KEYWORDS.contains(&name)
}

/// A schema folder names the Rust module of its types: lower_snake_case,
/// starting with a letter, not a keyword.
pub fn is_module_name(name: &str) -> bool {
    is_snake_case(name) && name.starts_with(|c: char| c.is_ascii_lowercase()) && !RUST_KEYWORDS.contains(&name)
}

fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_conventions_of_schemas_readme() {
        assert_eq!(field_name("eventSourceARN", &Json::Object(Vec::new())), "event_source_arn");
        assert_eq!(upper_camel("ObjectCreated:Put"), "ObjectCreatedPut");
        assert_eq!(upper_camel("aws:sqs"), "AwsSqs");
        assert_eq!(nested_type_name("SqsMessage", "attributes"), "SqsMessageAttributes");
        assert_eq!(shape_type_name("kinesis", "time_window_event"), "KinesisTimeWindowEvent");
        for refused in ["type", "unknown_fields", "__proto", "eventName"] {
            assert!(!is_usable_field(refused), "{refused}");
        }
        assert!(is_usable_field("event_name") && is_usable_field("type_"));
        assert!(!is_usable_variant("Other") && is_usable_variant("AwsSqs") && !is_type_name("Self"));
        assert!(is_module_name("cloudwatch_logs") && !is_module_name("_private") && !is_module_name("mod"));
    }
}
