//! Writing schema JSON the way the catalogue's files are written by hand: a
//! schema on one line when it fits, `properties` and `$defs` one member per
//! line, so that a drafted property reads like its neighbours and a diff of a
//! proposal shows one line per new property.

use crate::json::Json;

/// The widest line a drafted value may make before it is broken up.
const LINE_WIDTH: usize = 160;

/// How a file is laid out: its unit of indentation, and how wide a line may
/// get before a value is broken up (zero: every object and array is).
pub struct Style {
    pub unit: String,
    pub width: usize,
}

impl Style {
    /// The catalogue's hand-written style: two spaces, one-line schemas.
    pub fn catalogue() -> Style {
        Style { unit: "  ".to_owned(), width: LINE_WIDTH }
    }

    /// The style of an existing file. A file without one-line objects (one
    /// that `serde_json` pretty-printed) gets none added.
    pub fn of(text: &str) -> Style {
        let unit = text.lines().map(|line| &line[..line.len() - line.trim_start().len()]).find(|indent| !indent.is_empty()).unwrap_or("  ").to_owned();
        let one_line_objects = text.lines().any(|line| line.contains("{ \""));
        Style { unit, width: if one_line_objects { LINE_WIDTH } else { 0 } }
    }
}

/// What a JSON value is in a schema file, which decides where lines break.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A schema: breaks when it has `properties` or `$defs`.
    Schema,
    /// The value of `properties` or `$defs`: one member per line.
    SchemaMap,
    /// Anything else (`x-detect`, `required`, `x-open-enum`, …): one line when it fits.
    Data,
}

impl Context {
    pub fn of_member(self, key: &str) -> Context {
        match self {
            Context::SchemaMap => Context::Schema,
            Context::Schema => match key {
                "properties" | "$defs" => Context::SchemaMap,
                "items" | "additionalProperties" | "contentSchema" | "oneOf" | "allOf" => Context::Schema,
                _ => Context::Data,
            },
            Context::Data => Context::Data,
        }
    }

    fn must_break(self, value: &Json) -> bool {
        match (self, value) {
            (Context::SchemaMap, Json::Object(members)) => !members.is_empty(),
            (Context::Schema, Json::Object(members)) => members
                .iter()
                .any(|(key, value)| matches!(key.as_str(), "properties" | "$defs") && value.as_object().is_some_and(|members| !members.is_empty())),
            _ => false,
        }
    }
}

/// The value on one line: `{ "type": "string" }`, `["a", "b"]`.
pub fn inline(value: &Json) -> String {
    match value {
        Json::Array(items) if items.is_empty() => "[]".to_owned(),
        Json::Array(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Json::Object(members) if members.is_empty() => "{}".to_owned(),
        Json::Object(members) => {
            let members: Vec<String> = members.iter().map(|(key, value)| format!("{}: {}", quote(key), inline(value))).collect();
            format!("{{ {} }}", members.join(", "))
        }
        scalar => scalar.to_value().to_string(),
    }
}

pub fn quote(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// The value as it would be written at `column` of a line indented by
/// `indent`: on that line when it fits, else one member or item per line,
/// each indented by one more `unit`.
pub fn block(value: &Json, indent: &str, style: &Style, column: usize, context: Context) -> String {
    let one_line = inline(value);
    let container = matches!(value, Json::Object(members) if !members.is_empty()) || matches!(value, Json::Array(items) if !items.is_empty());
    if !container || !context.must_break(value) && column + one_line.len() <= style.width {
        return one_line;
    }
    let inner = format!("{indent}{}", style.unit);
    let lines: Vec<String> = match value {
        Json::Object(members) if !members.is_empty() => members
            .iter()
            .map(|(key, value)| {
                let head = format!("{inner}{}: ", quote(key));
                let text = block(value, &inner, style, head.len(), context.of_member(key));
                format!("{head}{text}")
            })
            .collect(),
        Json::Array(items) if !items.is_empty() => items.iter().map(|item| format!("{inner}{}", block(item, &inner, style, inner.len(), context))).collect(),
        _ => return one_line,
    };
    let (open, close) = if matches!(value, Json::Object(_)) { ('{', '}') } else { ('[', ']') };
    format!("{open}\n{}\n{indent}{close}", lines.join(",\n"))
}

/// A whole schema file, ending with a newline.
pub fn file(schema: &Json) -> String {
    format!("{}\n", block(schema, "", &Style::catalogue(), 0, Context::Schema))
}

/// `1 value`, `2 values`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A value quoted for a report, cut short.
pub fn shown(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((at, _)) => format!("`{}…`", &value[..at]),
        None => format!("`{value}`"),
    }
}
