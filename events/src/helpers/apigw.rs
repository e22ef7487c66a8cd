//! API Gateway conveniences: request bodies (base64-aware), header, query,
//! path and cookie lookups on the request types; JWT claims of HTTP API
//! requests; builders for the proxy responses and the Lambda authorizer
//! responses, and the stage-wide ARN an authorizer's policy should allow.
//!
//! The accessors that several request types share (bodies, header and
//! parameter lookups, response builders, the stage-wide ARN) are the
//! `behaviour` macros their schemas declare; the functions they forward to
//! are here, and the ones the whole HTTP family shares in `common`'s helpers.

use std::collections::BTreeMap;

use crate::apigw::{
    ApiGatewayIamPolicyDocument, ApiGatewayIamPolicyEffect, ApiGatewayIamPolicyResponse, ApiGatewayIamPolicyStatement, ApiGatewayProxyResponse,
    ApiGatewaySimpleAuthorizerResponse, ApiGatewayV2HttpRequest, ApiGatewayV2JwtAuthorizer,
};
use crate::codec::OneOrMany;
use crate::common::helpers::http::{add_header_value, find, find_ignoring_case};
use crate::payload::PayloadError;

/// The types of payload 2.0 requests and responses that Function URLs share
/// with HTTP APIs live in `common`; they are named here too.
pub use crate::common::{ApiGatewayV2CognitoIdentity, ApiGatewayV2HttpDescription, ApiGatewayV2HttpResponse, ApiGatewayV2IamAuthorizer};

/// The IAM policy language version API Gateway expects.
const POLICY_VERSION: &str = "2012-10-17";
/// The action every API Gateway authorizer statement is about.
const INVOKE_ACTION: &str = "execute-api:Invoke";

// ---------------------------------------------------------------------------
// Shared, private building blocks.
// ---------------------------------------------------------------------------

/// One header of a request with `headers` and `multiValueHeaders`: the
/// single-value map first, else the last of the values.
#[inline]
pub(crate) fn v1_header<'a>(headers: Option<&'a BTreeMap<String, String>>, multi: Option<&'a BTreeMap<String, Vec<String>>>, name: &str) -> Option<&'a str> {
    find_ignoring_case(headers, name).map(String::as_str).or_else(|| find_ignoring_case(multi, name).and_then(|values| values.last()).map(String::as_str))
}

/// Every value of a header (or parameter): the multi-value map first, else
/// the single value. `ignore_case` is for header names.
#[inline]
pub(crate) fn v1_values<'a>(
    single: Option<&'a BTreeMap<String, String>>,
    multi: Option<&'a BTreeMap<String, Vec<String>>>,
    name: &str,
    ignore_case: bool,
) -> Vec<&'a str> {
    let many = if ignore_case { find_ignoring_case(multi, name) } else { multi.and_then(|map| map.get(name)) };
    if let Some(values) = many {
        return values.iter().map(String::as_str).collect();
    }
    let one = if ignore_case { find_ignoring_case(single, name) } else { single.and_then(|map| map.get(name)) };
    one.map(String::as_str).into_iter().collect()
}

/// One query string parameter of a request with `queryStringParameters`
/// and `multiValueQueryStringParameters`: the single-value map first, else
/// the last of the values.
#[inline]
pub(crate) fn v1_parameter<'a>(single: Option<&'a BTreeMap<String, String>>, multi: Option<&'a BTreeMap<String, Vec<String>>>, name: &str) -> Option<&'a str> {
    find(single, name).or_else(|| multi.and_then(|map| map.get(name)).and_then(|values| values.last()).map(String::as_str))
}

/// The text of a member that is optional in some types and required in
/// others (`methodArn`), for the behaviours that read both alike.
pub(crate) trait MemberText {
    /// The member's text, `None` when it is absent.
    fn member_text(&self) -> Option<&str>;
}

impl MemberText for String {
    #[inline]
    fn member_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl MemberText for Option<String> {
    #[inline]
    fn member_text(&self) -> Option<&str> {
        self.as_deref()
    }
}

/// A statement about `execute-api:Invoke` on `resource`.
#[inline]
fn invoke_statement(effect: ApiGatewayIamPolicyEffect, resource: String) -> ApiGatewayIamPolicyStatement {
    ApiGatewayIamPolicyStatement {
        effect,
        action: Some(OneOrMany::One(INVOKE_ACTION.to_owned())),
        resource: Some(OneOrMany::One(resource)),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------
// JWT claims (HTTP API JWT authorizers).
// ---------------------------------------------------------------------------

impl ApiGatewayV2HttpRequest {
    /// What the route's JWT authorizer validated: the token's claims and
    /// scopes. `None` when the route has no JWT authorizer.
    #[inline]
    pub fn jwt(&self) -> Option<&ApiGatewayV2JwtAuthorizer> {
        self.request_context.authorizer.as_ref()?.jwt.as_ref()
    }
}

impl ApiGatewayV2JwtAuthorizer {
    /// Claim `name` as sent: a string for most claims, but a number for
    /// `exp` and `iat`, and a boolean, an array or an object for others.
    #[inline]
    pub fn claim(&self, name: &str) -> Option<&serde_json::Value> {
        self.claims.as_ref()?.get(name)
    }

    /// Claim `name` when it is a string (`sub`, `iss`, `email`…).
    #[inline]
    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claim(name)?.as_str()
    }

    /// The values of a claim that holds a list (`aud`, `groups`,
    /// `permissions`…), whichever way it arrives: a JSON array of strings,
    /// one string, or the text `[a b c]` that HTTP APIs have sent for array
    /// claims (the array's values joined by spaces in brackets). Empty when
    /// the claim is absent or holds something else.
    #[inline]
    pub fn claim_values(&self, name: &str) -> Vec<&str> {
        use serde_json::Value;
        match self.claim(name) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            Some(Value::String(text)) => match text.strip_prefix('[').and_then(|inner| inner.strip_suffix(']')) {
                Some(inner) => inner.split_whitespace().collect(),
                None => vec![text.as_str()],
            },
            _ => Vec::new(),
        }
    }

    /// Whether the token was granted `scope`.
    #[inline]
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().flatten().any(|granted| granted == scope)
    }

    /// Decodes the claims into the caller's type (a struct of the claims the
    /// function uses). Errors name the claim where decoding failed.
    pub fn claims_as<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        let claims = self.claims.as_ref().ok_or(PayloadError::Absent { field: "claims" })?;
        crate::payload::decode_from("claims", claims)
    }
}

// ---------------------------------------------------------------------------
// Proxy responses.
// ---------------------------------------------------------------------------

impl ApiGatewayProxyResponse {
    /// Adds a value to header `name` in `multiValueHeaders`, after the
    /// values it already has (for headers sent several times, such as `Vary`).
    pub fn with_header_value(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        add_header_value(&mut self.multi_value_headers, name.into(), value.into());
        self
    }

    /// Adds a cookie to set, such as `session=abc; Path=/; HttpOnly`: one
    /// more `Set-Cookie` value in `multiValueHeaders`.
    pub fn with_cookie(self, cookie: impl Into<String>) -> Self {
        self.with_header_value("Set-Cookie", cookie)
    }
}

// ---------------------------------------------------------------------------
// Authorizer responses.
// ---------------------------------------------------------------------------

/// The ARN covering every method and resource of the stage that `method_arn`
/// (`arn:aws:execute-api:{region}:{account}:{api}/{stage}/{verb}/{path}`)
/// names: `arn:aws:execute-api:{region}:{account}:{api}/{stage}/*`.
#[inline]
pub(crate) fn stage_wildcard_arn(method_arn: &str) -> Option<String> {
    let mut parts = method_arn.splitn(6, ':');
    let prefix: Vec<&str> = parts.by_ref().take(5).collect();
    let resource = parts.next()?;
    let mut segments = resource.splitn(3, '/');
    let (api, stage) = (segments.next()?, segments.next()?);
    if prefix.len() != 5 || prefix[0] != "arn" || api.is_empty() || stage.is_empty() {
        return None;
    }
    Some(format!("{}:{api}/{stage}/*", prefix.join(":")))
}

impl ApiGatewayIamPolicyResponse {
    /// A response for `principal_id` with an empty policy (which denies
    /// everything); add statements with [`Self::with_allowed`] and
    /// [`Self::with_denied`].
    pub fn new(principal_id: impl Into<String>) -> Self {
        ApiGatewayIamPolicyResponse {
            principal_id: principal_id.into(),
            policy_document: ApiGatewayIamPolicyDocument { version: Some(POLICY_VERSION.to_owned()), ..Default::default() },
            ..Default::default()
        }
    }

    /// Allows `principal_id` to invoke `resource`: a method ARN such as the
    /// request's `methodArn`, wildcards allowed (`arn:…:apiId/prod/*`).
    pub fn allow(principal_id: impl Into<String>, resource: impl Into<String>) -> Self {
        Self::new(principal_id).with_allowed(resource)
    }

    /// Denies `principal_id` the invocation of `resource` (a method ARN).
    pub fn deny(principal_id: impl Into<String>, resource: impl Into<String>) -> Self {
        Self::new(principal_id).with_denied(resource)
    }

    /// Adds a statement that allows `execute-api:Invoke` on `resource`.
    pub fn with_allowed(mut self, resource: impl Into<String>) -> Self {
        self.policy_document.statement.push(invoke_statement(ApiGatewayIamPolicyEffect::Allow, resource.into()));
        self
    }

    /// Adds a statement that denies `execute-api:Invoke` on `resource`
    /// (a deny wins over any allow).
    pub fn with_denied(mut self, resource: impl Into<String>) -> Self {
        self.policy_document.statement.push(invoke_statement(ApiGatewayIamPolicyEffect::Deny, resource.into()));
        self
    }

    /// Adds `key` to the `context` passed on to the integration. REST APIs
    /// accept string, number and boolean values only.
    pub fn with_context(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.context.get_or_insert_with(serde_json::Map::new).insert(key.into(), value.into());
        self
    }

    /// Sets the API key of the usage plan that meters the call (APIs whose
    /// API key source is `AUTHORIZER`).
    pub fn with_usage_identifier_key(mut self, key: impl Into<String>) -> Self {
        self.usage_identifier_key = Some(key.into());
        self
    }
}

impl ApiGatewaySimpleAuthorizerResponse {
    /// A response that lets the request through.
    #[inline]
    pub fn allow() -> Self {
        ApiGatewaySimpleAuthorizerResponse { is_authorized: true, ..Default::default() }
    }

    /// A response that rejects the request (API Gateway answers 403).
    #[inline]
    pub fn deny() -> Self {
        ApiGatewaySimpleAuthorizerResponse { is_authorized: false, ..Default::default() }
    }

    /// Adds `key` to the `context` passed on to the integration (as
    /// `requestContext.authorizer.lambda`); any JSON value.
    pub fn with_context(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.context.get_or_insert_with(serde_json::Map::new).insert(key.into(), value.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::apigw::{
        ApiGatewayHttpAuthorizerRequestV1, ApiGatewayHttpAuthorizerRequestV2, ApiGatewayProxyRequest, ApiGatewayRequestAuthorizerRequest,
        ApiGatewayTokenAuthorizerRequest, ApiGatewayWebsocketRequest,
    };
    use serde_json::{json, Value};

    #[test]
    fn jwt_claims_read_whatever_their_json_form() {
        let request: ApiGatewayV2HttpRequest = parse(V2_JWT);
        let jwt = request.jwt().unwrap();
        assert_eq!(jwt.claim_str("sub"), Some("auth0|65f8062f1d3c5e7a9b2f4d6e"));
        assert_eq!(jwt.claim_str("exp"), None);
        assert_eq!(jwt.claim("exp"), Some(&json!(1710762300)));
        assert_eq!(jwt.claim_values("permissions"), ["orders:create", "orders:read"]);
        assert_eq!(jwt.claim_values("iss"), ["https://example-tenant.us.auth0.com/"]);
        assert!(jwt.claim_values("exp").is_empty() && jwt.claim_values("missing").is_empty());
        assert!(jwt.has_scope("orders:read") && !jwt.has_scope("orders:delete"));

        #[derive(serde::Deserialize)]
        struct Claims<'a> {
            sub: &'a str,
            exp: i64,
            email_verified: bool,
        }
        let claims: Claims = jwt.claims_as().unwrap();
        assert_eq!((claims.sub, claims.exp, claims.email_verified), ("auth0|65f8062f1d3c5e7a9b2f4d6e", 1710762300, true));
        let error = jwt.claims_as::<BTreeMap<String, String>>().unwrap_err().to_string();
        assert!(error.starts_with("`claims` does not hold the expected JSON: at aud: invalid type: sequence"), "{error}");
    }

    #[test]
    fn bracketed_array_claims_are_split() {
        let jwt = ApiGatewayV2JwtAuthorizer { claims: Some(json!({"groups": "[admin billing]"}).as_object().unwrap().clone()), ..Default::default() };
        assert_eq!(jwt.claim_values("groups"), ["admin", "billing"]);
        assert!(ApiGatewayV2HttpRequest::default().jwt().is_none());
        assert!(matches!(jwt.claims_as::<Value>(), Ok(Value::Object(_))));
        assert!(matches!(ApiGatewayV2JwtAuthorizer::default().claims_as::<Value>(), Err(PayloadError::Absent { field: "claims" })));
    }

    #[test]
    fn the_stage_wildcard_covers_every_method_of_the_stage() {
        let request = ApiGatewayTokenAuthorizerRequest {
            method_arn: "arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/GET/pets/7".to_owned(),
            ..Default::default()
        };
        assert_eq!(request.stage_wildcard_arn().as_deref(), Some("arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/*"));
        assert_eq!(
            stage_wildcard_arn("arn:aws-cn:execute-api:cn-north-1:123456789012:api/$default/POST/").as_deref(),
            Some("arn:aws-cn:execute-api:cn-north-1:123456789012:api/$default/*")
        );
        for malformed in [
            "",
            "arn:aws:execute-api:us-east-1:123456789012:abcdef123",
            "arn:aws:execute-api:us-east-1:123456789012:/prod/GET",
            "not:an:arn:at:all:api/prod/GET",
        ] {
            assert_eq!(stage_wildcard_arn(malformed), None, "{malformed}");
        }
        assert_eq!(ApiGatewayHttpAuthorizerRequestV1::default().stage_wildcard_arn(), None);
    }

    fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
        crate::from_slice(json.as_bytes()).unwrap()
    }

    const REST_REPEATED: &str = include_str!("../../../fixtures/apigw/rest_request_v1/repeated-headers-and-query-parameters.json");
    const REST_BINARY: &str = include_str!("../../../fixtures/apigw/rest_request_v1/binary-body-base64-image-upload.json");
    const REST_CONSOLE: &str = include_str!("../../../fixtures/apigw/rest_request_v1/console-test-invoke-null-maps.json");
    const V2_JWT: &str = include_str!("../../../fixtures/apigw/http_request_v2/jwt-authorizer-non-string-claims.json");
    const V2_MTLS: &str = include_str!("../../../fixtures/apigw/http_request_v2/mutual-tls-cookies-repeated-headers.json");
    const WS_BINARY: &str = include_str!("../../../fixtures/apigw/websocket_request/message-custom-route-binary-frame.json");
    const WS_CONNECT: &str = include_str!("../../../fixtures/apigw/websocket_request/connect-with-query-and-authorizer-context.json");

    #[test]
    fn headers_are_found_whatever_their_case() {
        let request: ApiGatewayProxyRequest = parse(REST_REPEATED);
        assert_eq!(request.header("accept-language"), Some("fr-CA"));
        assert_eq!(request.header("ACCEPT-LANGUAGE"), Some("fr-CA"));
        assert_eq!(request.header_values("x-custom-trace"), ["edge-1", "edge-2"]);
        assert_eq!(request.header("X-Missing"), None);
        assert!(request.header_values("X-Missing").is_empty());
        let request: ApiGatewayV2HttpRequest = parse(V2_MTLS);
        assert_eq!(request.header("User-Agent"), Some("acme-payments-client/3.4.1"));
        assert_eq!(request.header("X-Custom-Trace"), Some("edge-1,edge-2"));
    }

    #[test]
    fn an_exact_header_name_wins_over_another_case() {
        let request: ApiGatewayV2HttpRequest = parse(
            r#"{"version":"2.0","routeKey":"$default","rawPath":"/","requestContext":{},
                "headers":{"X-Token":"upper","x-token":"lower"}}"#,
        );
        assert_eq!(request.header("x-token"), Some("lower"));
        assert_eq!(request.header("X-Token"), Some("upper"));
    }

    #[test]
    fn repeated_query_parameters_keep_every_value() {
        let request: ApiGatewayProxyRequest = parse(REST_REPEATED);
        assert_eq!(request.query_parameter("color"), Some("blue"));
        assert_eq!(request.query_parameter_values("color"), ["red", "green", "blue"]);
        assert_eq!(request.query_parameter("q"), Some("t shirt"));
        assert_eq!(request.query_parameter("Color"), None, "query names are case-sensitive");
        let request: ApiGatewayWebsocketRequest = parse(WS_CONNECT);
        assert_eq!(request.query_parameter_values("room"), ["general", "support"]);
        assert_eq!(request.header("sec-websocket-protocol"), Some("chat.v2, chat.v1"));
    }

    #[test]
    fn null_maps_find_nothing() {
        let request: ApiGatewayProxyRequest = parse(REST_CONSOLE);
        assert_eq!(request.header("Host"), None);
        assert!(request.header_values("Host").is_empty());
        assert_eq!(request.query_parameter("page"), None);
        assert!(request.query_parameter_values("page").is_empty());
        assert_eq!(request.path_parameter("id"), None);
        assert_eq!(request.stage_variable("table"), None);
        assert_eq!(request.body_bytes().unwrap().as_ref(), b"");
        assert_eq!(request.body_text().unwrap(), "");
        assert!(matches!(request.body_json::<Value>(), Err(PayloadError::Absent { field: "body" })));
    }

    #[test]
    fn a_header_only_in_the_multi_value_map_is_found() {
        let request: ApiGatewayRequestAuthorizerRequest = parse(
            r#"{"type":"REQUEST","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/",
                "multiValueHeaders":{"Cookie":["a=1","b=2"]},"multiValueQueryStringParameters":{"tag":["x","y"]}}"#,
        );
        assert_eq!(request.header("cookie"), Some("b=2"));
        assert_eq!(request.header_values("COOKIE"), ["a=1", "b=2"]);
        assert_eq!(request.query_parameter("tag"), Some("y"));
    }

    #[test]
    fn path_parameters_stage_variables_and_cookies() {
        let request: ApiGatewayProxyRequest = parse(REST_BINARY);
        assert_eq!(request.path_parameter("sku"), Some("TSHIRT-RED-M"));
        let request: ApiGatewayV2HttpRequest = parse(V2_MTLS);
        assert_eq!(request.cookie("session"), Some("7c1e9b3a5d"));
        assert_eq!(request.cookie("consent"), Some("analytics%3Dno"));
        assert_eq!(request.cookie("missing"), None);
        assert_eq!(request.query_parameter("month"), Some("2024-01,2024-02"));
        let authorizer: ApiGatewayHttpAuthorizerRequestV2 =
            parse(include_str!("../../../fixtures/apigw/http_authorizer_request_v2/cookie-and-query-identity-sources.json"));
        assert_eq!(authorizer.path_parameter("file"), Some("report-2024-02.pdf"));
        assert_eq!(authorizer.stage_variable("downloadsBucket"), Some("example-downloads"));
        assert_eq!(authorizer.cookie("theme"), Some("dark"));
        let authorizer: ApiGatewayHttpAuthorizerRequestV1 =
            parse(include_str!("../../../fixtures/apigw/http_authorizer_request_v1/several-identity-sources-mutual-tls.json"));
        assert_eq!(authorizer.header_values("X-Trace"), ["a", "b"]);
        assert_eq!(authorizer.path_parameter("kind"), Some("monthly"));
    }

    #[test]
    fn base64_bodies_are_decoded() {
        let request: ApiGatewayProxyRequest = parse(REST_BINARY);
        let bytes = request.body_bytes().unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let message = request.body_text().unwrap_err().to_string();
        assert!(message.contains("not UTF-8"), "{message}");
        let request: ApiGatewayWebsocketRequest = parse(WS_BINARY);
        assert_eq!(&request.body_bytes().unwrap()[..2], [0x82, 0x01]);
    }

    #[test]
    fn text_bodies_are_borrowed_as_sent() {
        let request: ApiGatewayV2HttpRequest = parse(V2_JWT);
        assert!(matches!(request.body_text().unwrap(), Cow::Borrowed(_)));
        assert!(matches!(request.body_bytes().unwrap(), Cow::Borrowed(_)));
        let order: Value = request.body_json().unwrap();
        assert_eq!(order, json!({"sku": "TSHIRT-RED-M", "quantity": 2, "giftWrap": false}));
    }

    #[test]
    fn json_in_a_base64_body_is_decoded() {
        let request: ApiGatewayV2HttpRequest = parse(
            r#"{"version":"2.0","routeKey":"$default","rawPath":"/","requestContext":{},
                "body":"eyJuIjogNH0=","isBase64Encoded":true}"#,
        );
        assert_eq!(request.body_text().unwrap(), r#"{"n": 4}"#);
        let map: BTreeMap<String, u8> = request.body_json().unwrap();
        assert_eq!(map["n"], 4);
    }

    #[test]
    fn bad_base64_is_a_clear_error_not_a_panic() {
        let request: ApiGatewayProxyRequest =
            parse(r#"{"resource":"/","path":"/","httpMethod":"POST","requestContext":{},"body":"base64Str","isBase64Encoded":true}"#);
        for message in
            [request.body_bytes().unwrap_err().to_string(), request.body_text().unwrap_err().to_string(), request.body_json::<Value>().unwrap_err().to_string()]
        {
            assert!(message.contains("`body`") && message.contains("not valid standard base64"), "{message}");
        }
        // The same text without the flag is just text.
        let request: ApiGatewayProxyRequest = parse(r#"{"resource":"/","path":"/","httpMethod":"POST","requestContext":{},"body":"base64Str"}"#);
        assert_eq!(request.body_text().unwrap(), "base64Str");
    }

    #[test]
    fn json_errors_name_the_path_inside_the_body() {
        let request: ApiGatewayV2HttpRequest = parse(V2_JWT);
        let error = request.body_json::<BTreeMap<String, String>>().unwrap_err();
        let message = error.to_string();
        assert!(message.contains("`body`") && message.contains("quantity"), "{message}");
    }

    #[test]
    fn proxy_responses_are_built_from_json_text_and_bytes() {
        let response = ApiGatewayProxyResponse::json(201, &json!({"id": "1042-7731"}))
            .unwrap()
            .with_header("content-type", "application/vnd.order+json")
            .with_header("Location", "/orders/1042-7731")
            .with_cookie("session=abc; Path=/; HttpOnly")
            .with_cookie("theme=dark")
            .with_header_value("vary", "Origin")
            .with_header_value("Vary", "Accept-Encoding");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({
                "statusCode": 201,
                "headers": {"content-type": "application/vnd.order+json", "Location": "/orders/1042-7731"},
                "body": "{\"id\":\"1042-7731\"}",
                "isBase64Encoded": false,
                "multiValueHeaders": {"Set-Cookie": ["session=abc; Path=/; HttpOnly", "theme=dark"], "vary": ["Origin", "Accept-Encoding"]}
            })
        );
        let response = ApiGatewayProxyResponse::binary(200, [0u8, 255, 1], "application/octet-stream");
        assert_eq!(response.body.as_deref(), Some("AP8B"));
        assert_eq!(response.is_base64_encoded, Some(true));
        let response = ApiGatewayProxyResponse::text(404, "Not Found").with_status(410);
        assert_eq!(response.status_code, 410);
        assert_eq!(response.headers.unwrap()["Content-Type"], "text/plain; charset=utf-8");
        assert_eq!(serde_json::to_value(ApiGatewayProxyResponse::new(204)).unwrap(), json!({"statusCode": 204}));
    }

    #[test]
    fn websocket_responses_are_proxy_responses() {
        let response: crate::apigw::ApiGatewayWebsocketResponse = ApiGatewayProxyResponse::new(200).with_header("Sec-WebSocket-Protocol", "chat.v2");
        assert_eq!(serde_json::to_value(&response).unwrap(), json!({"statusCode": 200, "headers": {"Sec-WebSocket-Protocol": "chat.v2"}}));
    }

    #[test]
    fn http_api_responses_carry_cookies_apart() {
        let response = ApiGatewayV2HttpResponse::json(200, &json!({"ok": true})).unwrap().with_cookie("session=abc; Path=/; Secure; HttpOnly");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({
                "statusCode": 200,
                "headers": {"Content-Type": "application/json"},
                "body": "{\"ok\":true}",
                "isBase64Encoded": false,
                "cookies": ["session=abc; Path=/; Secure; HttpOnly"]
            })
        );
        let response = ApiGatewayV2HttpResponse::binary(200, b"\x89PNG", "image/png");
        assert_eq!(response.body.as_deref(), Some("iVBORw=="));
        assert_eq!(response.is_base64_encoded, Some(true));
    }

    #[test]
    fn serialize_failures_are_errors() {
        let mut map = BTreeMap::new();
        map.insert(vec![1u8], "not a string key");
        assert!(ApiGatewayV2HttpResponse::json(200, &map).is_err());
    }

    #[test]
    fn iam_policy_responses_allow_and_deny_with_context() {
        let token: crate::apigw::ApiGatewayTokenAuthorizerRequest =
            parse(include_str!("../../../fixtures/apigw/token_authorizer_request/bearer-jwt-token.json"));
        let response = ApiGatewayIamPolicyResponse::allow("auth0|65f8", &*token.method_arn)
            .with_denied("arn:aws:execute-api:us-east-1:123456789012:r3pmxmplak/prod/DELETE/*")
            .with_context("tier", "gold")
            .with_context("rateLimit", 250)
            .with_context("sandbox", false)
            .with_usage_identifier_key("Xk2mP9qR4tV7wZ1bN5cF8hJ3kL6nQ0sU2xA4dG7j");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({
                "principalId": "auth0|65f8",
                "policyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:us-east-1:123456789012:r3pmxmplak/prod/GET/orders"},
                        {"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:us-east-1:123456789012:r3pmxmplak/prod/DELETE/*"}
                    ]
                },
                "context": {"tier": "gold", "rateLimit": 250, "sandbox": false},
                "usageIdentifierKey": "Xk2mP9qR4tV7wZ1bN5cF8hJ3kL6nQ0sU2xA4dG7j"
            })
        );
        let denied = ApiGatewayIamPolicyResponse::deny("anonymous", "arn:aws:execute-api:us-east-1:123456789012:r3pmxmplak/*");
        assert_eq!(denied.policy_document.statement[0].effect, ApiGatewayIamPolicyEffect::Deny);
        assert!(denied.context.is_none());
    }

    #[test]
    fn simple_responses_allow_and_deny_with_any_json_context() {
        let response =
            ApiGatewaySimpleAuthorizerResponse::allow().with_context("tenant", json!({"id": "acct-3391", "features": ["invoices"]})).with_context("mfa", true);
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({"isAuthorized": true, "context": {"tenant": {"id": "acct-3391", "features": ["invoices"]}, "mfa": true}})
        );
        assert_eq!(serde_json::to_value(ApiGatewaySimpleAuthorizerResponse::deny()).unwrap(), json!({"isAuthorized": false}));
    }
}
