//! Detectors for the wire forms AWS uses, each reporting its evidence so that
//! a person can accept or reject what it found.
//!
//! A detector that changes the Rust type (a timestamp, base64) needs every
//! value to agree, because the generated type refuses the first one that does
//! not; a near miss is reported and not applied. Plausibility rules (date
//! ranges, names) keep ordinary numbers and tokens from being taken for
//! timestamps and binary data.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};

use crate::infer::observe::{Kind, Node};
use crate::infer::render::{plural, shown};
use crate::json::Json;
use crate::naming;

/// Epoch seconds of 2000-01-01 and 2100-01-01: the instants an event can plausibly carry.
const EARLIEST_SECONDS: f64 = 946_684_800.0;
const LATEST_SECONDS: f64 = 4_102_444_800.0;
/// An open enum is a small set; more distinct values are data.
const MAX_ENUM_VALUES: usize = 12;
const MAX_ENUM_VALUE_LENGTH: usize = 48;
/// Names of members that hold an AWS-controlled value set.
const ENUM_NAME_SUFFIXES: &[&str] =
    &["type", "source", "status", "kind", "action", "eventname", "trigger", "operation", "state", "mode", "result", "reason", "level"];

/// Reads an instant from text in one wire form.
type InstantParser = fn(&str) -> Option<DateTime<Utc>>;

/// What a detector found at one path.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A wire form of `x-timestamp` (its keyword).
    Timestamp(&'static str),
    /// Epoch seconds in a string, which no `x-timestamp` form reads.
    EpochSecondsText,
    /// Canonical base64; `json` when every value decodes to a JSON document.
    Base64 { json: bool },
    /// A JSON document inside a string.
    JsonText,
    /// Decimal integers inside a string.
    IntegerText,
    /// A small value set that AWS controls: an `x-open-enum` with these values.
    OpenEnum(Vec<String>),
    /// An object whose keys are data.
    Map,
}

impl Finding {
    pub fn label(&self) -> String {
        match self {
            Finding::Timestamp(keyword) => format!("timestamp ({keyword})"),
            Finding::EpochSecondsText => "epoch seconds as text".to_owned(),
            Finding::Base64 { json: false } => "base64".to_owned(),
            Finding::Base64 { json: true } => "base64 of a JSON document".to_owned(),
            Finding::JsonText => "JSON inside a string".to_owned(),
            Finding::IntegerText => "integers as text".to_owned(),
            Finding::OpenEnum(_) => "open enum".to_owned(),
            Finding::Map => "map".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub finding: Finding,
    pub evidence: String,
    /// Whether the draft carries it; otherwise `evidence` says why not.
    pub applied: bool,
}

fn applied(finding: Finding, evidence: String) -> Detection {
    Detection { finding, evidence, applied: true }
}

fn reported(finding: Finding, evidence: String) -> Detection {
    Detection { finding, evidence, applied: false }
}

/// The detections on the strings of a pool: at most one form is applied.
pub fn strings(node: &Node) -> Vec<Detection> {
    let values: Vec<&str> = node.non_null().filter_map(Json::as_str).collect();
    let total = values.len();
    if total == 0 {
        return Vec::new();
    }
    let mut found = Vec::new();
    let text_forms: [(&'static str, &str, InstantParser); 3] = [
        ("rfc3339", "RFC 3339", parse_rfc3339),
        ("clf", "the API Gateway form `dd/Mon/yyyy:HH:MM:SS +zzzz`", parse_clf),
        ("iso8601-basic-offset", "ISO 8601 with an offset without colon (`yyyy-mm-ddTHH:MM:SS.sss+zzzz`)", parse_iso_basic_offset),
    ];
    for (keyword, form, parse) in text_forms {
        let instants: Vec<DateTime<Utc>> = values.iter().filter_map(|value| parse(value)).collect();
        if instants.len() == total {
            return vec![applied(Finding::Timestamp(keyword), format!("{total} of {total} values parse as {form}{}", span_of(&instants)))];
        }
        if !instants.is_empty() && instants.len() * 2 >= total {
            let miss = values.iter().find(|value| parse(value).is_none()).copied().unwrap_or_default();
            found.push(reported(
                Finding::Timestamp(keyword),
                format!("{} of {total} values parse as {form}, but {} does not: kept as text", instants.len(), shown(miss)),
            ));
        }
    }
    if values.iter().all(|value| is_integer_text(value)) {
        found.push(integer_text(&values));
        return found;
    }
    if let Some(detection) = base64(node.key.as_deref(), &values) {
        found.push(detection);
        return found;
    }
    let documents = values.iter().filter(|value| is_json_document(value)).count();
    if documents > 0 {
        let evidence = format!("{documents} of {total} values hold a JSON object or array");
        found.push(if documents * 2 >= total {
            applied(Finding::JsonText, evidence)
        } else {
            reported(Finding::JsonText, format!("{evidence}: too few for `contentMediaType`"))
        });
        return found;
    }
    found.extend(open_enum(node));
    found
}

fn integer_text(values: &[&str]) -> Detection {
    let total = values.len();
    let numbers: Vec<f64> = values.iter().filter_map(|value| value.parse::<i64>().ok()).map(|number| number as f64).collect();
    if numbers.len() == total && numbers.iter().all(|number| (EARLIEST_SECONDS * 1000.0..=LATEST_SECONDS * 1000.0).contains(number)) {
        let instants = instants(&numbers, 1000.0);
        return applied(
            Finding::Timestamp("epoch-millis-text"),
            format!("{total} of {total} values are integers as text in the range of epoch milliseconds{}", span_of(&instants)),
        );
    }
    if numbers.len() == total && numbers.iter().all(|number| (EARLIEST_SECONDS..=LATEST_SECONDS).contains(number)) {
        let instants = instants(&numbers, 1.0);
        return reported(
            Finding::EpochSecondsText,
            format!(
                "{total} of {total} values are integers as text in the range of epoch seconds{}; no `x-timestamp` form reads seconds as text: kept as text",
                span_of(&instants)
            ),
        );
    }
    reported(Finding::IntegerText, format!("{total} of {total} values are decimal integers as text: kept as text, as sent"))
}

fn base64(key: Option<&str>, values: &[&str]) -> Option<Detection> {
    let decoded: Vec<Vec<u8>> = values.iter().filter_map(|value| canonical_base64(value)).collect();
    let total = values.len();
    // Words, paths, hex digests and names can be valid base64 too. Encoded
    // bytes mix upper and lower case about evenly, with digits or `+/=`
    // among them; text mostly does not, and paths start with a slash.
    let all: Vec<u8> = values.iter().flat_map(|value| value.bytes()).collect();
    let share = |test: fn(&u8) -> bool| all.iter().filter(|byte| test(byte)).count() as f64 / all.len().max(1) as f64;
    let plausible = values.iter().any(|value| value.len() >= 8)
        && share(u8::is_ascii_uppercase) >= 0.15
        && share(u8::is_ascii_lowercase) >= 0.15
        && share(|byte| byte.is_ascii_digit() || matches!(byte, b'+' | b'/' | b'=')) >= 0.03
        && !values.iter().any(|value| value.starts_with('/'))
        && !values.iter().all(|value| value.bytes().all(|byte| byte.is_ascii_hexdigit()));
    if decoded.len() != total || !plausible {
        return None;
    }
    let shortest = decoded.iter().map(Vec::len).min().unwrap_or(0);
    let longest = decoded.iter().map(Vec::len).max().unwrap_or(0);
    let json = decoded.iter().all(|bytes| std::str::from_utf8(bytes).is_ok_and(is_json_document));
    let mut evidence = format!("{total} of {total} values are canonical base64, decoding to {shortest} to {longest} bytes");
    if json {
        evidence.push_str(", each a JSON document");
    }
    // AWS request ids, tokens and signatures are often base64, but users
    // compare and forward their text: they stay strings.
    let key = key.unwrap_or_default();
    let lower = key.to_ascii_lowercase();
    if lower.ends_with("id") || ["token", "signature", "handle"].iter().any(|word| lower.contains(word)) {
        return Some(reported(Finding::Base64 { json }, format!("{evidence}, but the name `{key}` says it is an id or token: kept as text")));
    }
    evidence.push_str("; reject it for tokens and ids that are kept as text");
    Some(applied(Finding::Base64 { json }, evidence))
}

fn open_enum(node: &Node) -> Option<Detection> {
    let distinct: Vec<&str> = node.strings.keys().copied().collect();
    let total: usize = node.strings.values().sum();
    if node.more_strings || distinct.is_empty() || distinct.len() > MAX_ENUM_VALUES || !distinct.iter().all(|value| is_identifier_value(value)) {
        return None;
    }
    let variants: Vec<String> = distinct.iter().map(|value| naming::upper_camel(value)).collect();
    let usable = variants.iter().all(|variant| naming::is_usable_variant(variant));
    let unique = variants.iter().collect::<std::collections::BTreeSet<_>>().len() == variants.len();
    if !usable || !unique {
        return None;
    }
    let key = node.key.as_deref().unwrap_or_default();
    let reason = if distinct.iter().any(|value| value.starts_with("aws:")) {
        "an `aws:` service name".to_owned()
    } else if ENUM_NAME_SUFFIXES.iter().any(|suffix| key.to_ascii_lowercase().ends_with(suffix)) {
        format!("the name `{key}` says it is a kind")
    } else if distinct.len() >= 2 && total >= 2 * distinct.len() {
        "the values repeat".to_owned()
    } else {
        return None;
    };
    let listed: Vec<String> = distinct.iter().map(|value| shown(value)).collect();
    let evidence = format!("{}, {} distinct, all identifiers ({}); {reason}", plural(total, "value"), distinct.len(), listed.join(", "));
    Some(applied(Finding::OpenEnum(distinct.iter().map(|value| (*value).to_owned()).collect()), evidence))
}

/// The detections on the numbers of a pool.
pub fn numbers(node: &Node) -> Vec<Detection> {
    let numbers: Vec<f64> = node
        .non_null()
        .filter_map(|value| match value {
            Json::Number(number) => number.as_f64(),
            _ => None,
        })
        .collect();
    let total = numbers.len();
    if total == 0 {
        return Vec::new();
    }
    if numbers.iter().all(|number| (EARLIEST_SECONDS * 1000.0..=LATEST_SECONDS * 1000.0).contains(number)) {
        let span = span_of(&instants(&numbers, 1000.0));
        return vec![applied(Finding::Timestamp("epoch-millis"), format!("{total} of {total} values are in the range of epoch milliseconds{span}"))];
    }
    if numbers.iter().all(|number| (EARLIEST_SECONDS..=LATEST_SECONDS).contains(number)) {
        let span = span_of(&instants(&numbers, 1.0));
        let key = node.key.as_deref().unwrap_or_default();
        let evidence = format!("{total} of {total} values are in the range of epoch seconds{span}");
        if node.count(Kind::Number) > 0 {
            return vec![applied(Finding::Timestamp("epoch-seconds"), format!("{evidence}, with fractions"))];
        }
        if names_a_time(key) {
            return vec![applied(Finding::Timestamp("epoch-seconds"), format!("{evidence}, and the name `{key}` says time"))];
        }
        return vec![reported(
            Finding::Timestamp("epoch-seconds"),
            format!("{evidence}, but integers this size are also sizes and counts, and the name `{key}` does not say time: kept as a number"),
        )];
    }
    Vec::new()
}

/// Whether `value` is read by the codec of the `x-timestamp` form `keyword`.
pub fn timestamp_parses(keyword: &str, value: &Json) -> bool {
    match (keyword, value) {
        ("rfc3339", Json::String(text)) => parse_rfc3339(text).is_some(),
        ("clf", Json::String(text)) => parse_clf(text).is_some(),
        ("epoch-millis-text", Json::String(text)) => text.parse::<i64>().is_ok(),
        ("epoch-millis-number-or-text", Json::String(text)) => text.parse::<i64>().ok().and_then(DateTime::from_timestamp_millis).is_some(),
        ("epoch-millis-number-or-text", Json::Number(number)) => number.as_i64().and_then(DateTime::from_timestamp_millis).is_some(),
        ("epoch-micros-text", Json::String(text)) => text.parse::<i64>().ok().and_then(DateTime::from_timestamp_micros).is_some(),
        ("iso8601-basic-offset", Json::String(text)) => parse_iso_basic_offset(text).is_some(),
        ("epoch-seconds", Json::Number(number)) => number.as_f64().and_then(|seconds| DateTime::from_timestamp_millis((seconds * 1000.0) as i64)).is_some(),
        ("epoch-millis", Json::Number(number)) => number.as_f64().and_then(|millis| DateTime::from_timestamp_millis(millis as i64)).is_some(),
        _ => false,
    }
}

/// The bytes, when `text` is standard padded base64 in its one canonical form.
pub fn canonical_base64(text: &str) -> Option<Vec<u8>> {
    let bytes = STANDARD.decode(text).ok()?;
    (STANDARD.encode(&bytes) == text).then_some(bytes)
}

fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|instant| instant.with_timezone(&Utc))
}

fn parse_clf(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(text, "%d/%b/%Y:%H:%M:%S %z").ok().map(|instant| instant.with_timezone(&Utc))
}

/// The CloudWatch alarm and CodeCommit form, `2023-08-04T12:36:15.490+0000`
/// (an RFC 3339 text, with its colon, is taken by `parse_rfc3339` first).
fn parse_iso_basic_offset(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z").ok().map(|instant| instant.with_timezone(&Utc))
}

fn instants(numbers: &[f64], per_second: f64) -> Vec<DateTime<Utc>> {
    numbers.iter().filter_map(|number| DateTime::from_timestamp_millis((number * 1000.0 / per_second) as i64)).collect()
}

fn span_of(instants: &[DateTime<Utc>]) -> String {
    let (Some(first), Some(last)) = (instants.iter().min(), instants.iter().max()) else { return String::new() };
    let show = |instant: &DateTime<Utc>| instant.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    if first == last {
        format!(" ({})", show(first))
    } else {
        format!(" ({} to {})", show(first), show(last))
    }
}

fn names_a_time(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    ["time", "date", "epoch"].iter().any(|word| lower.contains(word)) || key.ends_with("At") || lower.ends_with("_at")
}

fn is_integer_text(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())
}

fn is_json_document(text: &str) -> bool {
    let trimmed = text.trim_start();
    (trimmed.starts_with('{') || trimmed.starts_with('[')) && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

fn has_digit(text: &str) -> bool {
    text.bytes().any(|byte| byte.is_ascii_digit())
}

/// A value that names something (`ObjectCreated:Put`, `aws:sqs`, `String.Array`)
/// rather than being data (ids, ARNs, sentences).
fn is_identifier_value(value: &str) -> bool {
    let digit_run = value.as_bytes().windows(4).any(|window| window.iter().all(u8::is_ascii_digit));
    value.len() <= MAX_ENUM_VALUE_LENGTH
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
        && !digit_run
        && !(has_digit(value) && value.len() >= 20)
}
