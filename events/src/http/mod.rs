//! Conversions between the HTTP family's events and `http` 1.x requests
//! and responses. Their rules (method, URI and query encoding per source,
//! headers, cookies, bodies, the text rule of responses, the detection of
//! events) are documented in the facade's module, `lambda_event_catalog::http`,
//! which re-exports everything here and adds `run`.

// Values of the generated types are built with `Default::default()` and
// field assignment, never struct literals: the types will become
// `#[non_exhaustive]`.
#![allow(clippy::field_reassign_with_default)]

use std::fmt;

mod body;
mod request;
mod response;

pub use body::Body;
pub use request::{request_from_json, RequestContext, Source};
pub use response::{response_to_json, target_response_multi_value};

/// Why an event could not become an `http::Request`, or a response a
/// document of the source (or the other way round). Each names the member
/// and what was wrong with it.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConversionError {
    /// The event lacks a member an HTTP request needs (`httpMethod`,
    /// `requestContext.http.method`, `path`, `rawPath`…), or it is empty.
    MissingMember {
        /// The JSON name (or path) of the member.
        member: &'static str,
    },
    /// The method is no HTTP method token.
    InvalidMethod {
        /// The JSON name (or path) of the member.
        member: &'static str,
        /// The value sent.
        value: String,
    },
    /// Path and query do not form a URI.
    InvalidUri {
        /// The JSON names of the members the URI was built from.
        member: &'static str,
        /// The URI built.
        uri: String,
        /// What `http` found wrong with it.
        reason: String,
    },
    /// A header name that HTTP does not allow.
    InvalidHeaderName {
        /// The JSON name of the header map.
        member: &'static str,
        /// The header name.
        name: String,
    },
    /// A header value with bytes HTTP does not allow (control characters,
    /// line breaks), or, converting back to an event, a value that is not UTF-8.
    InvalidHeaderValue {
        /// The JSON name of the header map.
        member: &'static str,
        /// The header name.
        name: String,
    },
    /// The body is marked as base64 but is not valid standard base64.
    Body(crate::payload::PayloadError),
    /// A status code outside 100–999.
    InvalidStatus {
        /// The JSON name of the member.
        member: &'static str,
        /// The value sent.
        value: i64,
    },
    /// A document that is none of the HTTP family's request events
    /// ([`Source::detect`]'s rule matches nothing).
    UnknownEvent {
        /// The members the document has (`requestContext.*` for those of its
        /// request context), or what it is when it is no JSON object.
        members: Vec<String>,
    },
    /// The document was detected as `shape` but does not parse into its type.
    Parse {
        /// The shape id, such as `apigw.rest_request_v1`.
        shape: &'static str,
        /// The JSON path of the member that failed.
        path: String,
        /// What was expected there.
        message: String,
    },
    /// A response could not be written as JSON.
    Json(serde_json::Error),
}

impl fmt::Display for ConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConversionError::MissingMember { member } => {
                write!(f, "the event has no `{member}` (or it is empty): an HTTP request needs it, and no default is assumed")
            }
            ConversionError::InvalidMethod { member, value } => write!(f, "`{member}` is no HTTP method: {value:?}"),
            ConversionError::InvalidUri { member, uri, reason } => write!(f, "{member} do not form a URI ({uri:?}): {reason}"),
            ConversionError::InvalidHeaderName { member, name } => write!(f, "`{member}` has a header name HTTP does not allow: {name:?}"),
            ConversionError::InvalidHeaderValue { member, name } => {
                write!(f, "`{member}` has a value of header {name:?} that is not a valid header value (control characters, or not UTF-8)")
            }
            ConversionError::Body(error) => error.fmt(f),
            ConversionError::InvalidStatus { member, value } => write!(f, "`{member}` is no HTTP status code (100 to 999): {value}"),
            ConversionError::UnknownEvent { members } => write!(
                f,
                "the event is none of the HTTP family's requests (REST, HTTP API, WebSocket, ALB, Function URL, VPC Lattice v1 or v2); it has: {}",
                if members.is_empty() { "no members".to_owned() } else { members.join(", ") }
            ),
            ConversionError::Parse { shape, path, message } => write!(f, "the event looks like `{shape}` but does not parse: at {path}: {message}"),
            ConversionError::Json(error) => write!(f, "the response could not be written as JSON: {error}"),
        }
    }
}

impl std::error::Error for ConversionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConversionError::Body(error) => Some(error),
            ConversionError::Json(error) => Some(error),
            _ => None,
        }
    }
}

/// Percent-encoding and the text rule, shared by requests and responses.
mod encoding {
    use std::fmt::Write as _;

    /// Bytes kept as they are in a strictly encoded query component.
    fn unreserved(byte: u8) -> bool {
        byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
    }

    /// Bytes a URI may hold in its path, besides the unreserved ones
    /// (sub-delimiters, `:`, `@`, `/`, and `%`, kept as an escape sent so).
    fn path_byte(byte: u8) -> bool {
        unreserved(byte) || matches!(byte, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'%')
    }

    /// Bytes a URI may hold in its query: those of a path and `?`.
    fn query_byte(byte: u8) -> bool {
        path_byte(byte) || byte == b'?'
    }

    fn encode_with(text: &str, keep: impl Fn(u8) -> bool, out: &mut String) {
        for &byte in text.as_bytes() {
            if keep(byte) {
                out.push(byte as char);
            } else {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }

    /// A decoded query key or value, percent-encoded: every byte but the
    /// unreserved ones (so `&`, `=`, `+`, `%` and spaces are escaped).
    pub(crate) fn encode_component(text: &str, out: &mut String) {
        encode_with(text, unreserved, out);
    }

    /// A path as sent: only the bytes a URI path cannot hold are escaped.
    pub(crate) fn encode_path(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        encode_with(text, path_byte, &mut out);
        out
    }

    /// A query (or one raw key or value) as sent: only the bytes a URI query
    /// cannot hold are escaped; `%XX` escapes are kept as they are.
    pub(crate) fn encode_raw_query(text: &str, out: &mut String) {
        encode_with(text, query_byte, out);
    }

    /// Decodes `%XX` escapes once, and `+` as a space when `plus` says so.
    /// A `%` not followed by two hex digits stays; bytes that are not UTF-8
    /// become U+FFFD.
    pub(crate) fn decode(text: &str, plus: bool) -> String {
        if !text.contains(['%', '+']) {
            return text.to_owned();
        }
        let hex = |byte: u8| (byte as char).to_digit(16).map(|digit| digit as u8);
        let bytes = text.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'+' if plus => decoded.push(b' '),
                b'%' => match (bytes.get(index + 1).copied().and_then(hex), bytes.get(index + 2).copied().and_then(hex)) {
                    (Some(high), Some(low)) => {
                        decoded.push(high << 4 | low);
                        index += 2;
                    }
                    _ => decoded.push(b'%'),
                },
                byte => decoded.push(byte),
            }
            index += 1;
        }
        String::from_utf8(decoded).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
    }

    /// The `key=value` pairs of a query, split but not decoded (a pair
    /// without `=` has an empty value).
    pub(crate) fn split_query(query: &str) -> impl Iterator<Item = (&str, &str)> {
        query.split('&').filter(|pair| !pair.is_empty()).map(|pair| pair.split_once('=').unwrap_or((pair, "")))
    }

    /// Whether a body with these headers is sent as text (see the module
    /// documentation for the rule); `bytes` must be UTF-8 as well.
    pub(crate) fn is_text(content_type: Option<&[u8]>, content_encoding: Option<&[u8]>, bytes: &[u8]) -> bool {
        if std::str::from_utf8(bytes).is_err() {
            return false;
        }
        if let Some(encoding) = content_encoding {
            if !encoding.trim_ascii().eq_ignore_ascii_case(b"identity") {
                return false;
            }
        }
        let Some(content_type) = content_type else { return true };
        let content_type = String::from_utf8_lossy(content_type).to_ascii_lowercase();
        let mut parts = content_type.split(';');
        let essence = parts.next().unwrap_or_default().trim();
        if parts.any(|parameter| parameter.trim().starts_with("charset=")) {
            return true;
        }
        essence.starts_with("text/")
            || essence.ends_with("+json")
            || essence.ends_with("+xml")
            || matches!(
                essence,
                "application/json"
                    | "application/xml"
                    | "application/javascript"
                    | "application/ecmascript"
                    | "application/x-javascript"
                    | "application/x-www-form-urlencoded"
            )
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn components_are_encoded_strictly_and_raw_forms_only_where_needed() {
            let mut out = String::new();
            encode_component("t shirt&co=50%+1/é", &mut out);
            assert_eq!(out, "t%20shirt%26co%3D50%25%2B1%2F%C3%A9");
            let mut out = String::new();
            encode_raw_query("q=t%20shirt+red&d=50%2541 x#y", &mut out);
            assert_eq!(out, "q=t%20shirt+red&d=50%2541%20x%23y");
            assert_eq!(encode_path("/a b/é/%2F?x"), "/a%20b/%C3%A9/%2F%3Fx");
        }

        #[test]
        fn what_the_encoders_write_is_a_uri_for_every_character() {
            for code in (0u32..0x80).chain([0xe9, 0x1f600]) {
                let character = char::from_u32(code).unwrap();
                let path = encode_path(&format!("/x{character}y"));
                let mut query = String::new();
                encode_raw_query(&format!("k=v{character}w"), &mut query);
                let mut component = String::new();
                encode_component(&format!("v{character}w"), &mut component);
                for uri in [format!("{path}?{query}"), format!("/?k={component}")] {
                    assert!(uri.parse::<::http::Uri>().is_ok(), "{code:#x}: {uri}");
                }
            }
        }

        #[test]
        fn decoding_is_once() {
            assert_eq!(decode("50%2541", false), "50%41");
            assert_eq!(decode("a+b%20c", true), "a b c");
            assert_eq!(decode("a+b", false), "a+b");
            assert_eq!(decode("100%", false), "100%");
        }

        #[test]
        fn the_text_rule() {
            let text = |content_type: Option<&str>, encoding: Option<&str>| is_text(content_type.map(str::as_bytes), encoding.map(str::as_bytes), b"{}");
            assert!(text(None, None));
            assert!(text(Some("application/json"), None));
            assert!(text(Some("Application/Problem+JSON"), None));
            assert!(text(Some("text/html; charset=utf-8"), None));
            assert!(text(Some("application/octet-stream; charset=utf-8"), None));
            assert!(text(Some("image/svg+xml"), None));
            assert!(text(Some("application/x-www-form-urlencoded"), None));
            assert!(text(Some("application/json"), Some("identity")));
            assert!(!text(Some("application/json"), Some("gzip")));
            assert!(!text(Some("image/png"), None));
            assert!(!text(Some("application/pdf"), None));
            assert!(!is_text(Some(b"text/plain"), None, b"\xff\xfe"));
        }
    }
}
