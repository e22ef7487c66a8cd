//! VPC Lattice conveniences: request bodies (base64-aware), headers whatever
//! their case and query parameters, for event versions 1 (one value per
//! name) and 2 (every value of a repeated name). The response,
//! `VpcLatticeResponse`, is the document ALB reads from its Lambda targets:
//! its builders (`text`, `json`, `binary`, `with_header`,
//! `with_status_description`…) live in `common`'s helpers.

use crate::common::helpers::http::{find, find_ignoring_case};
use crate::vpc_lattice::{VpcLatticeRequestV1, VpcLatticeRequestV2};

impl VpcLatticeRequestV1 {
    /// The value of header `name`, whatever the case of its name.
    #[inline]
    pub fn header(&self, name: &str) -> Option<&str> {
        find_ignoring_case(self.headers.as_ref(), name).map(String::as_str)
    }

    /// The value of query string parameter `name` (case-sensitive).
    #[inline]
    pub fn query_parameter(&self, name: &str) -> Option<&str> {
        find(self.query_string_parameters.as_ref(), name)
    }
}

impl VpcLatticeRequestV2 {
    /// The value of header `name`, whatever the case of its name; the last
    /// value when the header was repeated.
    #[inline]
    pub fn header(&self, name: &str) -> Option<&str> {
        find_ignoring_case(self.headers.as_ref(), name).and_then(|values| values.last()).map(String::as_str)
    }

    /// Every value of header `name`, in the order sent, whatever the case of
    /// its name; empty when the request has no such header.
    #[inline]
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        find_ignoring_case(self.headers.as_ref(), name).map(|values| values.iter().map(String::as_str).collect()).unwrap_or_default()
    }

    /// The value of query string parameter `name` (case-sensitive); the last
    /// value when it was repeated.
    #[inline]
    pub fn query_parameter(&self, name: &str) -> Option<&str> {
        self.query_string_parameters.as_ref()?.get(name)?.last().map(String::as_str)
    }

    /// Every value of query string parameter `name`, in the order sent;
    /// empty when the request has no such parameter.
    #[inline]
    pub fn query_parameter_values(&self, name: &str) -> Vec<&str> {
        self.query_string_parameters.as_ref().and_then(|map| map.get(name)).map(|values| values.iter().map(String::as_str).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payload::PayloadError;
    use crate::vpc_lattice::{VpcLatticeIdentityType, VpcLatticeResponse};
    use serde_json::{json, Value};

    fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
        crate::from_slice(json.as_bytes()).unwrap()
    }

    const V1_GET: &str = include_str!("../../../fixtures/vpc_lattice/request_v1/get-with-query-parameters.json");
    const V1_BASE64: &str = include_str!("../../../fixtures/vpc_lattice/request_v1/post-base64-body.json");
    const V1_TEXT: &str = include_str!("../../../fixtures/vpc_lattice/request_v1/put-text-body-comma-joined-header.json");
    const V1_NO_BODY: &str = include_str!("../../../fixtures/vpc_lattice/request_v1/delete-without-body.json");
    const V2_IAM: &str = include_str!("../../../fixtures/vpc_lattice/request_v2/iam-auth-assumed-role.json");
    const V2_REPEATED: &str = include_str!("../../../fixtures/vpc_lattice/request_v2/repeated-headers-and-query.json");
    const V2_X509: &str = include_str!("../../../fixtures/vpc_lattice/request_v2/roles-anywhere-x509-binary-body.json");

    #[test]
    fn v1_headers_query_parameters_and_bodies() {
        let request: VpcLatticeRequestV1 = parse(V1_GET);
        assert_eq!(request.header("User-Agent"), Some("curl/8.5.0"));
        assert_eq!(request.query_parameter("status"), Some("open"));
        assert_eq!(request.query_parameter("Status"), None, "query names are case-sensitive");
        let request: VpcLatticeRequestV1 = parse(V1_BASE64);
        let order: Value = request.body_json().unwrap();
        assert_eq!(order, json!({"sku": "TSHIRT-RED-M", "quantity": 2}));
        let request: VpcLatticeRequestV1 = parse(V1_TEXT);
        assert_eq!(request.body_text().unwrap(), "Livrer à la réception, s'il vous plaît.");
        assert_eq!(request.header("x-custom-trace"), Some("edge-1,edge-2"));
        let request: VpcLatticeRequestV1 = parse(V1_NO_BODY);
        assert!(matches!(request.body_json::<Value>(), Err(PayloadError::Absent { field: "body" })));
    }

    #[test]
    fn v2_repeated_headers_and_parameters_keep_every_value() {
        let request: VpcLatticeRequestV2 = parse(V2_REPEATED);
        assert_eq!(request.header_values("Cookie"), ["session=8f2c1d", "theme=dark"]);
        assert_eq!(request.header("X-Custom-Trace"), Some("edge-2"));
        assert!(request.header_values("x-missing").is_empty());
        assert_eq!(request.query_parameter_values("color"), ["red", "blue"]);
        assert_eq!(request.query_parameter("color"), Some("blue"));
        assert_eq!(request.query_parameter("q"), Some("t shirt"));
        assert!(request.query_parameter_values("missing").is_empty());
        assert_eq!(request.body_bytes().unwrap().as_ref(), b"");
    }

    #[test]
    fn v2_identity_and_binary_bodies() {
        let request: VpcLatticeRequestV2 = parse(V2_IAM);
        let identity = request.request_context.identity.as_ref().unwrap();
        assert_eq!(identity.auth_type, Some(VpcLatticeIdentityType::AwsIam));
        assert_eq!(identity.principal_org_id.as_deref(), Some("o-50dc6c495c0c9188"));
        assert_eq!(request.request_context.time_epoch.as_ref().map(|time| time.instant().timestamp_micros()), Some(1711641522845306));
        let request: VpcLatticeRequestV2 = parse(V2_X509);
        assert!(request.body_bytes().unwrap().starts_with(b"%PDF-1.7"));
        let identity = request.request_context.identity.unwrap();
        assert_eq!(identity.x509_san_uri.as_deref(), Some("spiffe://corp.example.com/billing/batch"));
    }

    #[test]
    fn responses_are_built_with_status_description_and_headers() {
        let response = VpcLatticeResponse::text(404, "No order 9999-0000").with_status_description("404 Not Found");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({
                "statusCode": 404,
                "statusDescription": "404 Not Found",
                "headers": {"Content-Type": "text/plain; charset=utf-8"},
                "body": "No order 9999-0000",
                "isBase64Encoded": false
            })
        );
    }
}
