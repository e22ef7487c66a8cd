//! Application Load Balancer conveniences: the request body (base64-aware),
//! headers whatever their case and whichever map the target group's
//! multi-value setting fills, and query parameters, which ALB passes
//! percent-encoded exactly as the client sent them: `query_parameter_raw`
//! gives them so, `query_parameter` decodes them once. The response
//! (`AlbTargetGroupResponse`, the document VPC Lattice reads too) has its
//! builders in `common`'s helpers.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::alb::AlbTargetGroupRequest;
use crate::common::helpers::http::find_ignoring_case;

/// Decodes `%XX` escapes and `+` (a space in a query string) once: the
/// result is never decoded again, so `%2541` becomes `%41`, not `A`. A `%`
/// not followed by two hex digits stays as it is; bytes that do not form
/// UTF-8 become U+FFFD. Borrows `text` when there is nothing to decode.
#[inline]
fn decode_query_component(text: &str) -> Cow<'_, str> {
    if !text.contains(['%', '+']) {
        return Cow::Borrowed(text);
    }
    let hex = |byte: u8| (byte as char).to_digit(16).map(|digit| digit as u8);
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => decoded.push(b' '),
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
    match String::from_utf8(decoded) {
        Ok(text) => Cow::Owned(text),
        Err(error) => Cow::Owned(String::from_utf8_lossy(error.as_bytes()).into_owned()),
    }
}

/// The entry of `map` for parameter `name` (case-sensitive): the key as sent
/// first, else the key whose decoded form is `name` (`tag%20name` for `tag name`).
fn find_parameter<'a, V>(map: Option<&'a BTreeMap<String, V>>, name: &str) -> Option<&'a V> {
    let map = map?;
    map.get(name).or_else(|| map.iter().find(|(key, _)| decode_query_component(key) == name).map(|(_, value)| value))
}

impl AlbTargetGroupRequest {
    /// The value of header `name`, whatever the case of its name; the last
    /// value when the header was repeated (multi-value headers on).
    #[inline]
    pub fn header(&self, name: &str) -> Option<&str> {
        find_ignoring_case(self.headers.as_ref(), name)
            .map(String::as_str)
            .or_else(|| find_ignoring_case(self.multi_value_headers.as_ref(), name).and_then(|values| values.last()).map(String::as_str))
    }

    /// Every value of header `name`, in the order sent, whatever the case of
    /// its name: all of them with multi-value headers on, the one ALB kept
    /// otherwise; empty when the request has no such header.
    #[inline]
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        match find_ignoring_case(self.multi_value_headers.as_ref(), name) {
            Some(values) => values.iter().map(String::as_str).collect(),
            None => find_ignoring_case(self.headers.as_ref(), name).map(String::as_str).into_iter().collect(),
        }
    }

    /// The value of query parameter `name` exactly as the client sent it,
    /// percent-encoded (`t%20shirt`); the last value when it was repeated.
    /// `name` may be given decoded or as sent.
    #[inline]
    pub fn query_parameter_raw(&self, name: &str) -> Option<&str> {
        find_parameter(self.query_string_parameters.as_ref(), name)
            .map(String::as_str)
            .or_else(|| find_parameter(self.multi_value_query_string_parameters.as_ref(), name).and_then(|values| values.last()).map(String::as_str))
    }

    /// Every value of query parameter `name`, in the order sent, exactly as
    /// the client sent them; empty when the request has no such parameter.
    #[inline]
    pub fn query_parameter_values_raw(&self, name: &str) -> Vec<&str> {
        match find_parameter(self.multi_value_query_string_parameters.as_ref(), name) {
            Some(values) => values.iter().map(String::as_str).collect(),
            None => find_parameter(self.query_string_parameters.as_ref(), name).map(String::as_str).into_iter().collect(),
        }
    }

    /// The value of query parameter `name`, percent-decoded once (`+` is a
    /// space); the last value when it was repeated.
    #[inline]
    pub fn query_parameter(&self, name: &str) -> Option<Cow<'_, str>> {
        self.query_parameter_raw(name).map(decode_query_component)
    }

    /// Every value of query parameter `name`, in the order sent, each
    /// percent-decoded once.
    #[inline]
    pub fn query_parameter_values(&self, name: &str) -> Vec<Cow<'_, str>> {
        self.query_parameter_values_raw(name).into_iter().map(decode_query_component).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alb::AlbTargetGroupResponse;
    use crate::payload::PayloadError;
    use serde_json::{json, Value};

    fn parse(json: &str) -> AlbTargetGroupRequest {
        crate::from_slice(json.as_bytes()).unwrap()
    }

    const SINGLE: &str = include_str!("../../../fixtures/alb/request/single-value-percent-encoded-query.json");
    const MULTI: &str = include_str!("../../../fixtures/alb/request/multi-value-repeated-headers-and-query.json");
    const BINARY: &str = include_str!("../../../fixtures/alb/request/binary-body-base64-upload.json");
    const OIDC: &str = include_str!("../../../fixtures/alb/request/oidc-authenticated-user-claims-headers.json");

    #[test]
    fn headers_are_found_whatever_their_case_and_map() {
        let request = parse(SINGLE);
        assert_eq!(request.header("User-Agent"), Some("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15"));
        assert_eq!(request.header_values("X-FORWARDED-PROTO"), ["https"]);
        assert_eq!(request.header("x-missing"), None);
        let request = parse(MULTI);
        assert_eq!(request.header("Cookie"), Some("theme=dark"));
        assert_eq!(request.header_values("cookie"), ["session=8f2c1d", "theme=dark"]);
        assert_eq!(request.header_values("X-Forwarded-For"), ["203.0.113.9, 10.0.1.17"]);
        assert!(request.header_values("x-missing").is_empty());
        // An `authenticate-oidc` or `authenticate-cognito` action passes the user on in headers.
        let request = parse(OIDC);
        assert_eq!(request.header("X-Amzn-Oidc-Identity"), Some("8d2f6b1a-3c5e-4f7a-9b0d-2e4f6a8c0b1d"));
        assert!(request.header("x-amzn-oidc-data").is_some_and(|jwt| jwt.split('.').count() == 3));
    }

    #[test]
    fn query_values_are_kept_raw_and_decoded_exactly_once() {
        let request = parse(SINGLE);
        assert_eq!(request.query_parameter_raw("q"), Some("t%20shirt+red"));
        assert_eq!(request.query_parameter("q").as_deref(), Some("t shirt red"));
        assert_eq!(request.query_parameter_raw("redirect"), Some("https%3A%2F%2Fexample.com%2Fcart%3Fstep%3D2"));
        assert_eq!(request.query_parameter("redirect").as_deref(), Some("https://example.com/cart?step=2"));
        // `%25` decodes to `%` and stays so: never decoded twice.
        assert_eq!(request.query_parameter_raw("discount"), Some("50%2541"));
        assert_eq!(request.query_parameter("discount").as_deref(), Some("50%41"));
        // A name given decoded finds the key as sent.
        assert_eq!(request.query_parameter("sort by").as_deref(), Some("price"));
        assert_eq!(request.query_parameter("Q"), None, "query names are case-sensitive");
        assert!(matches!(request.query_parameter("page"), Some(Cow::Borrowed("2"))));
    }

    #[test]
    fn repeated_query_parameters_keep_every_value() {
        let request = parse(MULTI);
        assert_eq!(request.query_parameter_values_raw("size"), ["M", "L%2FXL"]);
        assert_eq!(request.query_parameter_values("size"), ["M", "L/XL"]);
        assert_eq!(request.query_parameter("size").as_deref(), Some("L/XL"));
        assert!(request.query_parameter_values("missing").is_empty());
        assert_eq!(parse(SINGLE).query_parameter_values("page"), ["2"]);
    }

    #[test]
    fn malformed_escapes_are_kept_and_invalid_utf8_replaced() {
        assert_eq!(decode_query_component("100%"), "100%");
        assert_eq!(decode_query_component("%zz%4"), "%zz%4");
        assert_eq!(decode_query_component("caf%C3%A9"), "café");
        assert_eq!(decode_query_component("%FF"), "\u{fffd}");
    }

    #[test]
    fn bodies_are_decoded_from_base64_or_read_as_text() {
        let request = parse(BINARY);
        assert!(request.body_bytes().unwrap().starts_with(b"%PDF-1.7"));
        let request = parse(SINGLE);
        assert_eq!(request.body_text().unwrap(), "");
        let request = parse(MULTI);
        let form: Value = request.body_json().unwrap();
        assert_eq!(form, json!({"sku": "TSHIRT-RED-M", "quantity": 2}));
        let request = parse(r#"{"requestContext":{"elb":{"targetGroupArn":"arn"}},"httpMethod":"POST","path":"/","body":"%%%","isBase64Encoded":true}"#);
        let message = request.body_bytes().unwrap_err().to_string();
        assert!(message.contains("`body`") && message.contains("not valid standard base64"), "{message}");
        let request = parse(r#"{"requestContext":{"elb":{"targetGroupArn":"arn"}},"httpMethod":"GET","path":"/"}"#);
        assert!(matches!(request.body_json::<Value>(), Err(PayloadError::Absent { field: "body" })));
    }

    #[test]
    fn responses_are_built_with_status_description() {
        let response: AlbTargetGroupResponse = AlbTargetGroupResponse::text(200, "Hello from Lambda").with_status_description("200 OK");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({
                "statusCode": 200,
                "statusDescription": "200 OK",
                "headers": {"Content-Type": "text/plain; charset=utf-8"},
                "body": "Hello from Lambda",
                "isBase64Encoded": false
            })
        );
    }
}
