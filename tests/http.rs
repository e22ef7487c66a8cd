//! The `http` conversions: every request fixture of the HTTP family becomes
//! an `http::Request` and comes back as the same event; every response
//! fixture goes through an `http::Response` and back keeping status,
//! headers, cookies and body; and the failure classes reported against
//! `lambda_http` each have a test.
#![cfg(feature = "http")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use http::{Request, Response};
use lambda_event_catalog::alb::AlbTargetGroupRequest;
use lambda_event_catalog::apigw::{
    ApiGatewayProxyRequest, ApiGatewayProxyResponse, ApiGatewayV2HttpRequest, ApiGatewayV2HttpResponse, ApiGatewayWebsocketRequest,
};
use lambda_event_catalog::common::LambdaTargetResponse;
use lambda_event_catalog::http::{request_from_json, Body, ConversionError, RequestContext, Source};
use lambda_event_catalog::lambda_url::LambdaFunctionUrlRequest;
use lambda_event_catalog::vpc_lattice::{VpcLatticeRequestV1, VpcLatticeRequestV2};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(folder);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).filter(|path| path.extension().is_some_and(|e| e == "json")).collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

fn parse<T: DeserializeOwned>(path: &Path) -> T {
    lambda_event_catalog::from_slice(&std::fs::read(path).unwrap()).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn load<T: DeserializeOwned>(folder: &str, name: &str) -> T {
    parse(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(folder).join(name))
}

/// What a request must carry, read from the event independently of the
/// conversion: method, path, every query value by name (decoded, or as sent
/// for ALB), every header value by lower-case name (cookies in `cookie`),
/// and the body's bytes.
#[derive(Debug, PartialEq)]
struct Carried {
    method: String,
    path: String,
    query: BTreeMap<String, Vec<String>>,
    headers: BTreeMap<String, Vec<String>>,
    body: Vec<u8>,
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[index + 1..index + 3], 16) {
                out.push(byte);
                index += 3;
                continue;
            }
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(out).unwrap()
}

/// What `request` carries, read from it; `decode` for the sources whose
/// query maps hold decoded values.
fn carried_by(request: &Request<Body>, decode: bool) -> Carried {
    let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in request.uri().query().unwrap_or_default().split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = if decode { (percent_decode(key), percent_decode(value)) } else { (key.to_owned(), value.to_owned()) };
        query.entry(key).or_default().push(value);
    }
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in request.headers() {
        headers
            .entry(name.to_string())
            .or_default()
            .push(value.to_str().map(str::to_owned).unwrap_or_else(|_| String::from_utf8_lossy(value.as_bytes()).into_owned()));
    }
    Carried { method: request.method().to_string(), path: request.uri().path().to_owned(), query, headers, body: request.body().as_bytes().to_vec() }
}

fn lists_of(single: Option<&BTreeMap<String, String>>, multi: Option<&BTreeMap<String, Vec<String>>>, lower: bool) -> BTreeMap<String, Vec<String>> {
    let name = |name: &String| if lower { name.to_ascii_lowercase() } else { name.clone() };
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, values) in multi.into_iter().flatten() {
        lists.entry(name(key)).or_default().extend(values.iter().cloned());
    }
    for (key, value) in single.into_iter().flatten() {
        lists.entry(name(key)).or_insert_with(|| vec![value.clone()]);
    }
    lists
}

fn v2_headers(headers: Option<&BTreeMap<String, String>>, cookies: Option<&Vec<String>>) -> BTreeMap<String, Vec<String>> {
    let mut lists = lists_of(headers, None, true);
    if let Some(cookies) = cookies.filter(|cookies| !cookies.is_empty()) {
        lists.insert("cookie".to_owned(), vec![cookies.join("; ")]);
    }
    lists
}

fn v2_query(raw: Option<&str>) -> BTreeMap<String, Vec<String>> {
    let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in raw.unwrap_or_default().split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        query.entry(key.to_owned()).or_default().push(value.to_owned());
    }
    query
}

/// The event's own account of what the request must carry, and whether its
/// query values are decoded.
trait Expect {
    fn expect(&self) -> (Carried, bool);
}

macro_rules! expect {
    ($event:ty, |$e:ident| $method:expr, $path:expr, $query:expr, $headers:expr, $decoded:expr) => {
        impl Expect for $event {
            fn expect(&self) -> (Carried, bool) {
                let $e = self;
                let body = $e.body_bytes().unwrap().into_owned();
                (Carried { method: $method, path: $path, query: $query, headers: $headers, body }, $decoded)
            }
        }
    };
}

expect!(
    ApiGatewayProxyRequest,
    |e| e.http_method.clone(),
    e.path.clone(),
    lists_of(e.query_string_parameters.as_ref(), e.multi_value_query_string_parameters.as_ref(), false),
    lists_of(e.headers.as_ref(), e.multi_value_headers.as_ref(), true),
    true
);
expect!(
    ApiGatewayWebsocketRequest,
    |e| e.http_method.clone().unwrap_or_default(),
    e.path.clone().unwrap_or_default(),
    lists_of(e.query_string_parameters.as_ref(), e.multi_value_query_string_parameters.as_ref(), false),
    lists_of(e.headers.as_ref(), e.multi_value_headers.as_ref(), true),
    true
);
expect!(
    AlbTargetGroupRequest,
    |e| e.http_method.clone(),
    e.path.clone(),
    lists_of(e.query_string_parameters.as_ref(), e.multi_value_query_string_parameters.as_ref(), false),
    lists_of(e.headers.as_ref(), e.multi_value_headers.as_ref(), true),
    false
);
expect!(
    ApiGatewayV2HttpRequest,
    |e| e.request_context.http.as_ref().and_then(|http| http.method.clone()).unwrap_or_default(),
    e.raw_path.clone(),
    v2_query(e.raw_query_string.as_deref()),
    v2_headers(e.headers.as_ref(), e.cookies.as_ref()),
    false
);
expect!(
    LambdaFunctionUrlRequest,
    |e| e.request_context.http.as_ref().and_then(|http| http.method.clone()).unwrap_or_default(),
    e.raw_path.clone(),
    v2_query(e.raw_query_string.as_deref()),
    v2_headers(e.headers.as_ref(), e.cookies.as_ref()),
    false
);
expect!(
    VpcLatticeRequestV1,
    |e| e.method.clone(),
    e.raw_path.clone(),
    lists_of(e.query_string_parameters.as_ref(), None, false),
    lists_of(e.headers.as_ref(), None, true),
    true
);
expect!(
    VpcLatticeRequestV2,
    |e| e.method.clone(),
    e.path.clone(),
    lists_of(None, e.query_string_parameters.as_ref(), false),
    lists_of(None, e.headers.as_ref(), true),
    true
);

/// Event → request → event, compared as JSON, and what the request carries
/// compared with the event's members; returns the fixtures that are no HTTP
/// request, with the error.
fn round_trip_requests<E>(folder: &str) -> Vec<(String, ConversionError)>
where
    E: DeserializeOwned + Serialize + Clone + Expect + TryFrom<Request<Body>, Error = ConversionError>,
    Request<Body>: TryFrom<E, Error = ConversionError>,
{
    let mut refused = Vec::new();
    for path in fixtures(folder) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let event: E = parse(&path);
        let original = serde_json::to_value(&event).unwrap();
        let request = match Request::<Body>::try_from(event.clone()) {
            Ok(request) => request,
            Err(error) => {
                refused.push((name, error));
                continue;
            }
        };
        assert!(request.extensions().get::<RequestContext>().is_some(), "{name}: no RequestContext");
        let (expected, decoded) = event.expect();
        assert_eq!(carried_by(&request, decoded), expected, "{folder}/{name}: the request does not carry every member");
        let back = E::try_from(request).unwrap_or_else(|error| panic!("{folder}/{name}: back: {error}"));
        assert_eq!(serde_json::to_value(&back).unwrap(), original, "{folder}/{name}: the event did not come back as it was");
    }
    refused
}

#[test]
fn every_request_fixture_round_trips_through_an_http_request() {
    assert!(round_trip_requests::<ApiGatewayProxyRequest>("apigw/rest_request_v1").is_empty());
    assert!(round_trip_requests::<ApiGatewayV2HttpRequest>("apigw/http_request_v2").is_empty());
    assert!(round_trip_requests::<AlbTargetGroupRequest>("alb/request").is_empty());
    assert!(round_trip_requests::<LambdaFunctionUrlRequest>("lambda_url/request").is_empty());
    assert!(round_trip_requests::<VpcLatticeRequestV1>("vpc_lattice/request_v1").is_empty());
    assert!(round_trip_requests::<VpcLatticeRequestV2>("vpc_lattice/request_v2").is_empty());
    // WebSocket events without a method ($disconnect, messages, most $connect) are no HTTP request.
    let refused = round_trip_requests::<ApiGatewayWebsocketRequest>("apigw/websocket_request");
    let names: Vec<&str> = refused.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "connect-with-query-and-authorizer-context.json",
            "disconnect-going-away.json",
            "message-custom-route-binary-frame.json",
            "message-default-route-json-frame.json",
            "unknown-future-members-and-event-type.json"
        ]
    );
    for (name, error) in refused {
        assert!(matches!(error, ConversionError::MissingMember { member: "httpMethod" }), "{name}: {error}");
    }
}

#[test]
fn every_request_folder_of_the_family_is_covered_or_no_http_request() {
    let covered = [
        "apigw/rest_request_v1",
        "apigw/http_request_v2",
        "apigw/websocket_request",
        "alb/request",
        "lambda_url/request",
        "vpc_lattice/request_v1",
        "vpc_lattice/request_v2",
    ];
    // Inputs of Lambda authorizers: what API Gateway asks about a request, answered with a policy, not a response.
    let authorizer_inputs =
        ["apigw/http_authorizer_request_v1", "apigw/http_authorizer_request_v2", "apigw/request_authorizer_request", "apigw/token_authorizer_request"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for source in ["apigw", "alb", "lambda_url", "vpc_lattice"] {
        for entry in std::fs::read_dir(root.join(source)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let folder = format!("{source}/{name}");
            if name.contains("request") {
                assert!(
                    covered.contains(&folder.as_str()) || authorizer_inputs.contains(&folder.as_str()),
                    "{folder}: convert it to an http::Request (and round-trip it above), or say why it is none"
                );
            }
        }
    }
}

/// Headers of a response document as one map: lower-case name → values in order.
fn header_lists(single: Option<&BTreeMap<String, String>>, multi: Option<&BTreeMap<String, Vec<String>>>) -> BTreeMap<String, Vec<String>> {
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, values) in multi.into_iter().flatten() {
        lists.entry(name.to_ascii_lowercase()).or_default().extend(values.iter().cloned());
    }
    for (name, value) in single.into_iter().flatten() {
        lists.entry(name.to_ascii_lowercase()).or_insert_with(|| vec![value.clone()]);
    }
    lists
}

fn body_bytes(body: Option<&str>, base64: Option<bool>) -> Vec<u8> {
    use base64::Engine as _;
    match (body, base64) {
        (None, _) => Vec::new(),
        (Some(body), Some(true)) => base64::engine::general_purpose::STANDARD.decode(body).unwrap(),
        (Some(body), _) => body.as_bytes().to_vec(),
    }
}

#[test]
fn every_response_fixture_round_trips_through_an_http_response() {
    for folder in ["apigw/proxy_response_v1", "apigw/websocket_response"] {
        for path in fixtures(folder) {
            let response: ApiGatewayProxyResponse = parse(&path);
            let http = Response::<Body>::try_from(response.clone()).unwrap();
            let back = ApiGatewayProxyResponse::try_from(http).unwrap();
            assert_eq!(back.status_code, response.status_code, "{}", path.display());
            assert_eq!(
                header_lists(back.headers.as_ref(), back.multi_value_headers.as_ref()),
                header_lists(response.headers.as_ref(), response.multi_value_headers.as_ref()),
                "{}",
                path.display()
            );
            assert_eq!(
                body_bytes(back.body.as_deref(), back.is_base64_encoded),
                body_bytes(response.body.as_deref(), response.is_base64_encoded),
                "{}",
                path.display()
            );
        }
    }
    for folder in ["apigw/http_response_v2", "lambda_url/response"] {
        for path in fixtures(folder) {
            let response: ApiGatewayV2HttpResponse = parse(&path);
            let http = Response::<Body>::try_from(response.clone()).unwrap();
            let back = ApiGatewayV2HttpResponse::try_from(http).unwrap();
            assert_eq!(back.status_code, response.status_code, "{}", path.display());
            assert_eq!(header_lists(back.headers.as_ref(), None), header_lists(response.headers.as_ref(), None), "{}", path.display());
            assert_eq!(back.cookies.unwrap_or_default(), response.cookies.unwrap_or_default(), "{}", path.display());
            assert_eq!(
                body_bytes(back.body.as_deref(), back.is_base64_encoded),
                body_bytes(response.body.as_deref(), response.is_base64_encoded),
                "{}",
                path.display()
            );
        }
    }
    for folder in ["alb/response", "vpc_lattice/response"] {
        for path in fixtures(folder) {
            let response: LambdaTargetResponse = parse(&path);
            let http = Response::<Body>::try_from(response.clone()).unwrap();
            let multi = response.multi_value_headers.is_some();
            let back =
                if multi { lambda_event_catalog::http::target_response_multi_value(http).unwrap() } else { LambdaTargetResponse::try_from(http).unwrap() };
            assert_eq!(back.status_code, response.status_code, "{}", path.display());
            assert_eq!(
                header_lists(back.headers.as_ref(), back.multi_value_headers.as_ref()),
                header_lists(response.headers.as_ref(), response.multi_value_headers.as_ref()),
                "{}",
                path.display()
            );
            assert_eq!(
                body_bytes(back.body.as_deref(), back.is_base64_encoded),
                body_bytes(response.body.as_deref(), response.is_base64_encoded),
                "{}",
                path.display()
            );
            if let Some(description) = &response.status_description {
                assert_eq!(back.status_description.as_ref(), Some(description), "{}", path.display());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The failure classes reported against lambda_http.
// ---------------------------------------------------------------------------

#[test]
fn multi_value_query_strings_are_kept_in_order() {
    let event: ApiGatewayProxyRequest = load("apigw/rest_request_v1", "repeated-headers-and-query-parameters.json");
    let request = Request::<Body>::try_from(event).unwrap();
    // Every value of `color`, in the order sent: neither dropped nor an array.
    assert_eq!(request.uri().query(), Some("color=red&color=green&color=blue&q=t%20shirt&size=M"));
    assert_eq!(request.headers().get_all("x-custom-trace").iter().collect::<Vec<_>>(), ["edge-1", "edge-2"]);
    let event: ApiGatewayV2HttpRequest = load("apigw/http_request_v2", "mutual-tls-cookies-repeated-headers.json");
    let request = Request::<Body>::try_from(event).unwrap();
    assert_eq!(request.uri().query(), Some("month=2024-01&month=2024-02&format=pdf"));
    assert_eq!(request.version(), http::Version::HTTP_11);
    let event: VpcLatticeRequestV2 = load("vpc_lattice/request_v2", "repeated-headers-and-query.json");
    let request = Request::<Body>::try_from(event).unwrap();
    assert_eq!(request.uri().query(), Some("color=red&color=blue&q=t%20shirt"));
    let event: AlbTargetGroupRequest = load("alb/request", "multi-value-repeated-headers-and-query.json");
    let request = Request::<Body>::try_from(event).unwrap();
    assert!(request.uri().query().unwrap().contains("size=M&size=L%2FXL"), "{}", request.uri());
}

#[test]
fn alb_query_values_are_kept_as_sent_and_so_decoded_exactly_once() {
    let event: AlbTargetGroupRequest = load("alb/request", "single-value-percent-encoded-query.json");
    let request = Request::<Body>::try_from(event).unwrap();
    let query = request.uri().query().unwrap();
    // As the client sent them: `%2541` stays `%2541` (one decoding gives `%41`, never `A`).
    assert_eq!(query, "discount=50%2541&page=2&q=t%20shirt+red&redirect=https%3A%2F%2Fexample.com%2Fcart%3Fstep%3D2&sort%20by=price");
    // A REST request's decoded `%41` is encoded once, to `%2541`.
    let event: ApiGatewayProxyRequest = serde_json::from_value(json!({
        "resource": "/", "path": "/", "httpMethod": "GET", "requestContext": {},
        "queryStringParameters": {"discount": "50%41", "q": "a+b c"}
    }))
    .unwrap();
    assert_eq!(Request::<Body>::try_from(event).unwrap().uri().query(), Some("discount=50%2541&q=a%2Bb%20c"));
}

#[test]
fn a_missing_method_is_an_error_never_get() {
    // In a document: REST detected by `resource`, and the missing member named.
    let error = request_from_json(json!({"resource": "/orders", "path": "/orders", "requestContext": {"stage": "prod"}})).unwrap_err();
    assert!(matches!(error, ConversionError::Parse { shape: "apigw.rest_request_v1", .. }), "{error}");
    assert!(error.to_string().contains("httpMethod"), "{error}");
    // In a typed event.
    let mut event: ApiGatewayProxyRequest = load("apigw/rest_request_v1", "console-test-invoke-null-maps.json");
    event.http_method = String::new();
    let error = Request::<Body>::try_from(event).unwrap_err();
    assert!(matches!(error, ConversionError::MissingMember { member: "httpMethod" }));
    assert!(error.to_string().contains("`httpMethod`") && error.to_string().contains("no default"), "{error}");
    // WebSocket messages have none.
    let event: ApiGatewayWebsocketRequest = load("apigw/websocket_request", "message-default-route-json-frame.json");
    assert!(matches!(Request::<Body>::try_from(event), Err(ConversionError::MissingMember { member: "httpMethod" })));
    // Payload 2.0 without `requestContext.http.method`.
    let mut event: ApiGatewayV2HttpRequest = load("apigw/http_request_v2", "jwt-authorizer-non-string-claims.json");
    event.request_context.http.as_mut().unwrap().method = None;
    let error = Request::<Body>::try_from(event).unwrap_err();
    assert_eq!(error.to_string(), "the event has no `requestContext.http.method` (or it is empty): an HTTP request needs it, and no default is assumed");
}

#[test]
fn header_names_keep_their_case_in_the_event_and_match_any_case_in_the_request() {
    let event: ApiGatewayProxyRequest = load("apigw/rest_request_v1", "repeated-headers-and-query-parameters.json");
    let request = Request::<Body>::try_from(event).unwrap();
    // `http` spells names in lower case and looks them up ignoring case.
    assert_eq!(request.headers().get_all("Accept-Language").iter().collect::<Vec<_>>(), ["en-US", "fr-CA"]);
    assert_eq!(request.headers().get_all("accept-language").iter().collect::<Vec<_>>(), ["en-US", "fr-CA"]);
    // Back to the event, each name is spelled as API Gateway sent it.
    let back = ApiGatewayProxyRequest::try_from(request).unwrap();
    let names: Vec<&str> = back.headers.as_ref().unwrap().keys().map(String::as_str).collect();
    assert!(names.contains(&"Accept-Language") && names.contains(&"X-Custom-Trace"), "{names:?}");
    assert!(!names.contains(&"accept-language"));
    // Lower-case names stay lower case.
    let event: AlbTargetGroupRequest = load("alb/request", "single-value-percent-encoded-query.json");
    let back = AlbTargetGroupRequest::try_from(Request::<Body>::try_from(event).unwrap()).unwrap();
    assert!(back.headers.unwrap().contains_key("user-agent"));
}

#[test]
fn an_event_it_cannot_place_names_what_it_saw() {
    let error = request_from_json(json!({"Records": [{"eventSource": "aws:sqs"}], "requestContext": {"stage": "prod"}})).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the event is none of the HTTP family's requests (REST, HTTP API, WebSocket, ALB, Function URL, VPC Lattice v1 or v2); it has: Records, requestContext, requestContext.stage"
    );
    assert!(!error.to_string().contains("variant"));
    let error = request_from_json(json!({"version": "2.0", "routeKey": "$default"})).unwrap_err();
    assert!(error.to_string().ends_with("it has: routeKey, version, (version: \"2.0\")"), "{error}");
    let error = request_from_json(json!([1, 2])).unwrap_err();
    assert!(error.to_string().contains("the event is an array"), "{error}");
}

// ---------------------------------------------------------------------------
// Detection, cookies, bodies, responses.
// ---------------------------------------------------------------------------

#[test]
fn every_request_fixture_is_detected_as_its_source() {
    let cases = [
        ("apigw/rest_request_v1", Source::ApiGatewayRest),
        ("apigw/http_request_v2", Source::ApiGatewayHttp),
        ("lambda_url/request", Source::LambdaUrl),
        ("vpc_lattice/request_v1", Source::VpcLatticeV1),
        ("vpc_lattice/request_v2", Source::VpcLatticeV2),
    ];
    for (folder, source) in cases {
        for path in fixtures(folder) {
            let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            assert_eq!(Source::detect(&value).unwrap(), source, "{}", path.display());
        }
    }
    for path in fixtures("alb/request") {
        let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert!(matches!(Source::detect(&value).unwrap(), Source::Alb { .. }), "{}", path.display());
    }
    for path in fixtures("apigw/websocket_request") {
        let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(Source::detect(&value).unwrap(), Source::ApiGatewayWebsocket, "{}", path.display());
    }
}

#[test]
fn cookies_become_one_cookie_header_and_come_back_apart() {
    let event: LambdaFunctionUrlRequest = load("lambda_url/request", "no-auth-repeated-query-headers-and-cookies.json");
    let cookies = event.cookies.clone().unwrap();
    let request = Request::<Body>::try_from(event).unwrap();
    assert_eq!(request.headers().get_all("cookie").iter().count(), 1);
    assert_eq!(request.headers()["cookie"], cookies.join("; ").as_str());
    assert_eq!(request.uri().query(), Some("color=red&color=blue&q=t%20shirt"));
    let mut request = request;
    request.extensions_mut().remove::<RequestContext>();
    let back = LambdaFunctionUrlRequest::try_from(request).unwrap();
    assert_eq!(back.cookies.unwrap(), cookies);
    assert_eq!(back.query_string_parameters.unwrap()["color"], "red,blue");
}

#[test]
fn bodies_are_decoded_and_the_context_is_in_the_extensions() {
    let event: ApiGatewayProxyRequest = load("apigw/rest_request_v1", "binary-body-base64-image-upload.json");
    let request = Request::<Body>::try_from(event).unwrap();
    assert!(request.body().as_bytes().starts_with(b"\x89PNG\r\n\x1a\n"));
    let Some(RequestContext::ApiGatewayRest(event)) = request.extensions().get::<RequestContext>() else { panic!("no REST context") };
    assert_eq!(event.path_parameter("sku"), Some("TSHIRT-RED-M"));
    assert_eq!(event.body.as_deref(), Some(""), "the body moved into the request");
    let error = Request::<Body>::try_from(
        serde_json::from_value::<ApiGatewayProxyRequest>(
            json!({"resource": "/", "path": "/", "httpMethod": "POST", "requestContext": {}, "body": "base64Str", "isBase64Encoded": true}),
        )
        .unwrap(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("`body`") && error.to_string().contains("not valid standard base64"), "{error}");
}

#[test]
fn a_request_built_by_hand_becomes_an_event() {
    let request = Request::post("/orders/7?tag=a%20b&tag=c")
        .header("Content-Type", "application/json")
        .header("Cookie", "session=1; theme=dark")
        .body(Body::from(r#"{"quantity":2}"#))
        .unwrap();
    let event = ApiGatewayV2HttpRequest::try_from(request).unwrap();
    assert_eq!(
        serde_json::to_value(&event).unwrap(),
        json!({
            "version": "2.0", "routeKey": "", "rawPath": "/orders/7", "rawQueryString": "tag=a%20b&tag=c",
            "cookies": ["session=1", "theme=dark"], "headers": {"content-type": "application/json"},
            "queryStringParameters": {"tag": "a b,c"}, "requestContext": {"http": {"method": "POST"}},
            "body": "{\"quantity\":2}", "isBase64Encoded": false
        })
    );
    let request = Request::put("/upload").header("content-type", "image/png").body(Body::from(vec![0x89, b'P', b'N', b'G'])).unwrap();
    let event = ApiGatewayProxyRequest::try_from(request).unwrap();
    assert_eq!((event.body.as_deref(), event.is_base64_encoded), (Some("iVBORw=="), Some(true)));
    assert_eq!(event.multi_value_headers.unwrap()["content-type"], ["image/png"]);
}

#[test]
fn responses_take_the_shape_of_their_source() {
    let response = || {
        Response::builder()
            .status(201)
            .header("content-type", "application/json")
            .header("set-cookie", "a=1; Path=/")
            .header("set-cookie", "b=2; Path=/")
            .header("vary", "Origin")
            .header("vary", "Accept")
            .body(Body::from(r#"{"id":7}"#))
            .unwrap()
    };
    let rest = ApiGatewayProxyResponse::try_from(response()).unwrap();
    assert_eq!(
        serde_json::to_value(&rest).unwrap(),
        json!({"statusCode": 201, "headers": {"content-type": "application/json"}, "body": "{\"id\":7}", "isBase64Encoded": false,
               "multiValueHeaders": {"set-cookie": ["a=1; Path=/", "b=2; Path=/"], "vary": ["Origin", "Accept"]}})
    );
    let v2 = ApiGatewayV2HttpResponse::try_from(response()).unwrap();
    assert_eq!(
        serde_json::to_value(&v2).unwrap(),
        json!({"statusCode": 201, "headers": {"content-type": "application/json", "vary": "Origin, Accept"}, "body": "{\"id\":7}", "isBase64Encoded": false,
               "cookies": ["a=1; Path=/", "b=2; Path=/"]})
    );
    let target = lambda_event_catalog::http::target_response_multi_value(response()).unwrap();
    assert_eq!(target.status_description.as_deref(), Some("201 Created"));
    assert_eq!(target.multi_value_headers.unwrap()["set-cookie"].len(), 2);
    // Binary bodies, and text bodies with a content encoding, are base64.
    let gzip = Response::builder().header("content-type", "application/json").header("content-encoding", "gzip").body(Body::from(vec![0x1f, 0x8b])).unwrap();
    let target = LambdaTargetResponse::try_from(gzip).unwrap();
    assert_eq!((target.body.as_deref(), target.is_base64_encoded), (Some("H4s="), Some(true)));
    assert_eq!(target.status_description.as_deref(), Some("200 OK"));
    let empty = ApiGatewayV2HttpResponse::try_from(Response::builder().status(204).body(Body::empty()).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!({"statusCode": 204, "isBase64Encoded": false}));
    let error = Response::<Body>::try_from(ApiGatewayProxyResponse::new(1000).with_header("x", "y")).unwrap_err();
    assert_eq!(error.to_string(), "`statusCode` is no HTTP status code (100 to 999): 1000");
}

/// The README's conversion example, line for line (`tests/readme.rs` checks it).
#[test]
fn readme_conversions() -> Result<(), Box<dyn std::error::Error>> {
    use lambda_event_catalog::alb::AlbTargetGroupRequest;
    use lambda_event_catalog::apigw::ApiGatewayV2HttpResponse;
    use lambda_event_catalog::http::{Body, Request, RequestContext, Response};
    let event: AlbTargetGroupRequest = lambda_event_catalog::from_slice(
        br#"{
      "requestContext": {"elb": {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/7c4e"}},
      "httpMethod": "GET", "path": "/search",
      "multiValueQueryStringParameters": {"q": ["t%20shirt"], "discount": ["50%2541"]},
      "multiValueHeaders": {"Cookie": ["a=1", "b=2"]}, "body": "", "isBase64Encoded": false
    }"#,
    )?;
    let request = Request::<Body>::try_from(event)?;
    // ALB's values are percent-encoded as the client sent them: kept, never encoded twice.
    assert_eq!(request.uri(), "/search?discount=50%2541&q=t%20shirt");
    assert_eq!(request.headers().get_all("cookie").iter().count(), 2);
    assert!(matches!(request.extensions().get::<RequestContext>(), Some(RequestContext::Alb(_))));
    // Back to the event, exactly as it came (header names spelled as sent).
    let back = AlbTargetGroupRequest::try_from(request)?;
    assert!(back.multi_value_headers.unwrap().contains_key("Cookie"));

    let response = Response::builder().status(201).header("set-cookie", "last=7").body(Body::from(r#"{"id":7}"#))?;
    let response = ApiGatewayV2HttpResponse::try_from(response)?;
    assert_eq!(response.cookies.as_deref(), Some(&["last=7".to_owned()][..]));
    Ok(())
}
