//! The catalogue's losslessness, checkable: parse a document into its type,
//! write it back, and list every difference by JSON pointer.
//!
//! Two documents are the same when they are equal as `serde_json::Value`
//! once object members whose value is `null` are dropped on both sides
//! (a type may write an absent member for a `null` one). Nothing else may
//! differ: numbers keep their integer or float form, strings their text.

use std::fmt;

use serde_json::Value;

use crate::ParseError;

/// One difference between a document and what its type wrote back.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Where, as a JSON pointer into the document (`""` for the root).
    pub pointer: String,
    /// The value in the original document; `None` when the member is new.
    pub original: Option<Value>,
    /// The value written back; `None` when the member was lost.
    pub written: Option<Value>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() { "(root)" } else { &self.pointer };
        match (&self.original, &self.written) {
            (Some(original), None) => write!(f, "{at}: lost {original}"),
            (None, Some(written)) => write!(f, "{at}: added {written}"),
            (Some(original), Some(written)) => write!(f, "{at}: {original} became {written}"),
            (None, None) => write!(f, "{at}: differs"),
        }
    }
}

/// Every difference between `original` and `written`, in document order.
pub fn compare(original: &Value, written: &Value) -> Vec<Difference> {
    let mut differences = Vec::new();
    compare_at(String::new(), original, written, &mut differences);
    differences
}

fn compare_at(pointer: String, original: &Value, written: &Value, differences: &mut Vec<Difference>) {
    match (original, written) {
        (Value::Object(original), Value::Object(written)) => {
            for (name, original_value) in original.iter().filter(|(_, value)| !value.is_null()) {
                let here = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                match written.get(name).filter(|value| !value.is_null()) {
                    Some(written_value) => compare_at(here, original_value, written_value, differences),
                    None => differences.push(Difference { pointer: here, original: Some(original_value.clone()), written: None }),
                }
            }
            for (name, written_value) in written.iter().filter(|(_, value)| !value.is_null()) {
                if original.get(name).is_none_or(Value::is_null) {
                    let here = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                    differences.push(Difference { pointer: here, original: None, written: Some(written_value.clone()) });
                }
            }
        }
        (Value::Array(original), Value::Array(written)) => {
            for index in 0..original.len().max(written.len()) {
                let here = format!("{pointer}/{index}");
                match (original.get(index), written.get(index)) {
                    (Some(original), Some(written)) => compare_at(here, original, written, differences),
                    (original, written) => differences.push(Difference { pointer: here, original: original.cloned(), written: written.cloned() }),
                }
            }
        }
        (original, written) if original == written => {}
        (original, written) => differences.push(Difference { pointer, original: Some(original.clone()), written: Some(written.clone()) }),
    }
}

/// Why a round trip could not be made.
#[derive(Debug)]
pub enum RoundTripError {
    /// The input is not JSON.
    NotJson(serde_json::Error),
    /// The input is JSON but not a document of the type.
    Parse(ParseError),
    /// The type could not be written back.
    Write(serde_json::Error),
}

impl fmt::Display for RoundTripError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoundTripError::NotJson(error) => write!(f, "not JSON: {error}"),
            RoundTripError::Parse(error) => write!(f, "does not parse: {error}"),
            RoundTripError::Write(error) => write!(f, "cannot be written back: {error}"),
        }
    }
}

impl std::error::Error for RoundTripError {}

/// Parses `json` into `T`, writes it back, and returns every difference (none
/// when the round trip is lossless). Useful in a function's own tests, on
/// events captured from production.
pub fn roundtrip<T>(json: &[u8]) -> Result<Vec<Difference>, RoundTripError>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let original: Value = serde_json::from_slice(json).map_err(RoundTripError::NotJson)?;
    let typed: T = crate::from_slice(json).map_err(RoundTripError::Parse)?;
    let written = serde_json::to_value(&typed).map_err(RoundTripError::Write)?;
    Ok(compare(&original, &written))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nulls_and_absence_are_the_same() {
        assert!(compare(&json!({"a": null, "b": 1}), &json!({"b": 1, "c": null})).is_empty());
    }

    #[test]
    fn integer_and_float_forms_differ() {
        let differences = compare(&json!({"t": 1}), &json!({"t": 1.0}));
        assert_eq!(differences.len(), 1);
        assert_eq!(differences[0].to_string(), "/t: 1 became 1.0");
    }

    #[test]
    fn lost_and_added_members_are_named_by_pointer() {
        let differences = compare(&json!({"a": [1, {"x/y": 2}]}), &json!({"a": [1, {}], "z": 3}));
        let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["/a/1/x~1y: lost 2", "/z: added 3"]);
    }
}
