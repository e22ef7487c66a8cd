//! Request events to `http::Request<Body>` and back, and the detection of
//! which event a JSON document is.

use std::collections::BTreeMap;

use ::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Uri, Version};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;

use super::encoding::{decode, encode_component, encode_path, encode_raw_query, is_text, split_query};
use super::{Body, ConversionError};
use crate::alb::AlbTargetGroupRequest;
use crate::apigw::{ApiGatewayProxyRequest, ApiGatewayV2HttpRequest, ApiGatewayWebsocketRequest};
use crate::lambda_url::LambdaFunctionUrlRequest;
use crate::vpc_lattice::{VpcLatticeRequestV1, VpcLatticeRequestV2};

/// The event a request was made from, in the request's extensions
/// (`request.extensions().get::<RequestContext>()`): everything the request
/// does not carry itself is here (request context, authorizer, stage
/// variables, path parameters, `resource`, unknown members). The event is the
/// one received, except its `body`, which moved into the request's [`Body`]
/// (an empty string stands for a body that was there).
///
/// The variants are named after the source that sent the event, as those of
/// [`Source`] are; the types they hold after the shape of the document:
///
/// | variant | holds | shape id |
/// |---|---|---|
/// | `ApiGatewayRest` | [`ApiGatewayProxyRequest`] | `apigw.rest_request_v1` |
/// | `ApiGatewayHttp` | [`ApiGatewayV2HttpRequest`] | `apigw.http_request_v2` |
/// | `ApiGatewayWebsocket` | [`ApiGatewayWebsocketRequest`] | `apigw.websocket_request` |
/// | `Alb` | [`AlbTargetGroupRequest`] | `alb.request` |
/// | `LambdaUrl` | [`LambdaFunctionUrlRequest`] | `lambda_url.request` |
/// | `VpcLatticeV1` | [`VpcLatticeRequestV1`] | `vpc_lattice.request_v1` |
/// | `VpcLatticeV2` | [`VpcLatticeRequestV2`] | `vpc_lattice.request_v2` |
///
/// ```
/// use lambda_event_catalog_events::http::RequestContext;
///
/// fn stage(context: &RequestContext) -> Option<&str> {
///     match context {
///         // An HTTP API (payload 2.0) event is an `ApiGatewayV2HttpRequest`.
///         RequestContext::ApiGatewayHttp(event) => event.request_context.stage.as_deref(),
///         RequestContext::ApiGatewayRest(event) => event.request_context.stage.as_deref(),
///         _ => None,
///     }
/// }
/// # let _ = stage;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum RequestContext {
    /// An API Gateway REST request (or HTTP API payload 1.0): an [`ApiGatewayProxyRequest`].
    ApiGatewayRest(Box<ApiGatewayProxyRequest>),
    /// An API Gateway HTTP API payload 2.0 request: an [`ApiGatewayV2HttpRequest`].
    ApiGatewayHttp(Box<ApiGatewayV2HttpRequest>),
    /// An API Gateway WebSocket request with a method (`$connect`): an [`ApiGatewayWebsocketRequest`].
    ApiGatewayWebsocket(Box<ApiGatewayWebsocketRequest>),
    /// An Application Load Balancer request: an [`AlbTargetGroupRequest`].
    Alb(Box<AlbTargetGroupRequest>),
    /// A Function URL request: a [`LambdaFunctionUrlRequest`].
    LambdaUrl(Box<LambdaFunctionUrlRequest>),
    /// A VPC Lattice request, event version 1: a [`VpcLatticeRequestV1`].
    VpcLatticeV1(Box<VpcLatticeRequestV1>),
    /// A VPC Lattice request, event version 2: a [`VpcLatticeRequestV2`].
    VpcLatticeV2(Box<VpcLatticeRequestV2>),
}

impl RequestContext {
    /// Which source sent the event, and so which response it reads.
    pub fn source(&self) -> Source {
        match self {
            RequestContext::ApiGatewayRest(_) => Source::ApiGatewayRest,
            RequestContext::ApiGatewayHttp(_) => Source::ApiGatewayHttp,
            RequestContext::ApiGatewayWebsocket(_) => Source::ApiGatewayWebsocket,
            RequestContext::Alb(event) => {
                Source::Alb { multi_value_headers: event.multi_value_headers.is_some() || event.multi_value_query_string_parameters.is_some() }
            }
            RequestContext::LambdaUrl(_) => Source::LambdaUrl,
            RequestContext::VpcLatticeV1(_) => Source::VpcLatticeV1,
            RequestContext::VpcLatticeV2(_) => Source::VpcLatticeV2,
        }
    }

    /// The value of path parameter `name` (API Gateway, Function URLs).
    pub fn path_parameter(&self, name: &str) -> Option<&str> {
        self.path_parameters()?.get(name).map(String::as_str)
    }

    /// The path parameters of the route (API Gateway, Function URLs).
    pub fn path_parameters(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            RequestContext::ApiGatewayRest(event) => event.path_parameters.as_ref(),
            RequestContext::ApiGatewayHttp(event) => event.path_parameters.as_ref(),
            RequestContext::ApiGatewayWebsocket(event) => event.path_parameters.as_ref(),
            RequestContext::LambdaUrl(event) => event.path_parameters.as_ref(),
            _ => None,
        }
    }

    /// The stage variables (API Gateway).
    pub fn stage_variables(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            RequestContext::ApiGatewayRest(event) => event.stage_variables.as_ref(),
            RequestContext::ApiGatewayHttp(event) => event.stage_variables.as_ref(),
            RequestContext::ApiGatewayWebsocket(event) => event.stage_variables.as_ref(),
            RequestContext::LambdaUrl(event) => event.stage_variables.as_ref(),
            _ => None,
        }
    }
}

/// Which of the HTTP family's request events a document is, told by the
/// members it has ([`Source::detect`]), and so which response document the
/// source reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// API Gateway REST (and HTTP API payload 1.0): answered with an `ApiGatewayProxyResponse`.
    ApiGatewayRest,
    /// API Gateway HTTP API payload 2.0: answered with an `ApiGatewayV2HttpResponse`.
    ApiGatewayHttp,
    /// API Gateway WebSocket: answered with an `ApiGatewayProxyResponse`.
    ApiGatewayWebsocket,
    /// Application Load Balancer: answered with a `LambdaTargetResponse`.
    Alb {
        /// Whether the target group has multi-value headers on (the request
        /// has `multiValueHeaders` or `multiValueQueryStringParameters`): the
        /// response then needs `multiValueHeaders`.
        multi_value_headers: bool,
    },
    /// Function URL: answered with a `LambdaFunctionUrlResponse`.
    LambdaUrl,
    /// VPC Lattice, event version 1: answered with a `VpcLatticeResponse`.
    VpcLatticeV1,
    /// VPC Lattice, event version 2: answered with a `VpcLatticeResponse`.
    VpcLatticeV2,
}

impl Source {
    /// Tells which request event `event` is, by the members it has, in
    /// this order:
    ///
    /// 1. `requestContext.elb` → ALB (multi-value headers on when it has
    ///    `multiValueHeaders` or `multiValueQueryStringParameters`);
    /// 2. `version` `"2.0"` and `rawPath` → Function URL when
    ///    `requestContext.domainName` is a `*.lambda-url.*` domain, HTTP API otherwise;
    /// 3. `requestContext.connectionId` or `requestContext.eventType` → WebSocket;
    /// 4. `httpMethod` or `resource` → REST (an event with `resource` but
    ///    no `httpMethod` is detected, and its conversion then fails naming
    ///    `httpMethod`: the method is never assumed);
    /// 5. `raw_path` or `method` without `version` → VPC Lattice v1;
    /// 6. `version` `"2.0"`, `path` and `method` → VPC Lattice v2.
    ///
    /// # Errors
    /// [`ConversionError::UnknownEvent`] with the members the document has,
    /// when no rule matches.
    pub fn detect(event: &Value) -> Result<Source, ConversionError> {
        let Some(object) = event.as_object() else {
            let kind = match event {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            };
            return Err(ConversionError::UnknownEvent { members: vec![format!("(no members: the event is {kind})")] });
        };
        let context = object.get("requestContext").and_then(Value::as_object);
        let in_context = |name: &str| context.is_some_and(|context| context.get(name).is_some_and(|value| !value.is_null()));
        let has = |name: &str| object.get(name).is_some_and(|value| !value.is_null());
        let version_2 = object.get("version").and_then(Value::as_str) == Some("2.0");
        if in_context("elb") {
            return Ok(Source::Alb { multi_value_headers: has("multiValueHeaders") || has("multiValueQueryStringParameters") });
        }
        if version_2 && has("rawPath") {
            let domain = context.and_then(|context| context.get("domainName")).and_then(Value::as_str).unwrap_or_default();
            return Ok(if domain.contains(".lambda-url.") { Source::LambdaUrl } else { Source::ApiGatewayHttp });
        }
        if in_context("connectionId") || in_context("eventType") {
            return Ok(Source::ApiGatewayWebsocket);
        }
        if has("httpMethod") || has("resource") {
            return Ok(Source::ApiGatewayRest);
        }
        if !has("version") && (has("raw_path") || has("method")) {
            return Ok(Source::VpcLatticeV1);
        }
        if version_2 && has("path") && has("method") {
            return Ok(Source::VpcLatticeV2);
        }
        let mut members: Vec<String> = object.keys().cloned().collect();
        if let Some(context) = context {
            members.extend(context.keys().map(|name| format!("requestContext.{name}")));
        }
        if let Some(version) = object.get("version") {
            members.push(format!("(version: {version})"));
        }
        Err(ConversionError::UnknownEvent { members })
    }

    /// The shape id of the source's request event, such as `apigw.rest_request_v1`.
    pub fn shape_id(self) -> &'static str {
        match self {
            Source::ApiGatewayRest => "apigw.rest_request_v1",
            Source::ApiGatewayHttp => "apigw.http_request_v2",
            Source::ApiGatewayWebsocket => "apigw.websocket_request",
            Source::Alb { .. } => "alb.request",
            Source::LambdaUrl => "lambda_url.request",
            Source::VpcLatticeV1 => "vpc_lattice.request_v1",
            Source::VpcLatticeV2 => "vpc_lattice.request_v2",
        }
    }
}

/// Tells which event `event` is ([`Source::detect`]), parses it into its
/// type and converts it into a request (with its [`RequestContext`]).
///
/// # Errors
/// [`ConversionError::UnknownEvent`] naming the members seen,
/// [`ConversionError::Parse`] naming the JSON path that does not fit the
/// detected type, or the conversion's own errors.
pub fn request_from_json(event: Value) -> Result<Request<Body>, ConversionError> {
    let source = Source::detect(&event)?;
    match source {
        Source::ApiGatewayRest => parse::<ApiGatewayProxyRequest>(source, event)?.try_into(),
        Source::ApiGatewayHttp => parse::<ApiGatewayV2HttpRequest>(source, event)?.try_into(),
        Source::ApiGatewayWebsocket => parse::<ApiGatewayWebsocketRequest>(source, event)?.try_into(),
        Source::Alb { .. } => parse::<AlbTargetGroupRequest>(source, event)?.try_into(),
        Source::LambdaUrl => parse::<LambdaFunctionUrlRequest>(source, event)?.try_into(),
        Source::VpcLatticeV1 => parse::<VpcLatticeRequestV1>(source, event)?.try_into(),
        Source::VpcLatticeV2 => parse::<VpcLatticeRequestV2>(source, event)?.try_into(),
    }
}

fn parse<T: serde::de::DeserializeOwned>(source: Source, event: Value) -> Result<T, ConversionError> {
    serde_path_to_error::deserialize(event).map_err(|error| ConversionError::Parse {
        shape: source.shape_id(),
        path: error.path().to_string(),
        message: error.into_inner().to_string(),
    })
}

// ---------------------------------------------------------------------------
// Event → request: the pieces.
// ---------------------------------------------------------------------------

fn method(member: &'static str, value: Option<&str>) -> Result<Method, ConversionError> {
    let value = value.filter(|value| !value.is_empty()).ok_or(ConversionError::MissingMember { member })?;
    Method::from_bytes(value.as_bytes()).map_err(|_| ConversionError::InvalidMethod { member, value: value.to_owned() })
}

fn non_empty<'a>(member: &'static str, value: Option<&'a str>) -> Result<&'a str, ConversionError> {
    value.filter(|value| !value.is_empty()).ok_or(ConversionError::MissingMember { member })
}

/// The origin-form URI of `path` (escaped where a URI path needs it) and an
/// already encoded `query`.
fn uri(member: &'static str, path: &str, query: &str) -> Result<Uri, ConversionError> {
    let mut text = encode_path(path);
    if !query.is_empty() {
        text.push('?');
        text.push_str(query);
    }
    if !text.starts_with('/') {
        return Err(ConversionError::InvalidUri { member, uri: text, reason: "the path does not start with `/`".to_owned() });
    }
    Uri::try_from(text.as_str()).map_err(|error| ConversionError::InvalidUri { member, uri: text.clone(), reason: error.to_string() })
}

/// The query of one-value and several-value maps: every value of the
/// multi-value map in order, then the names only the single-value map has;
/// keys and values percent-encoded (`raw` false), or kept as sent, with only
/// the bytes a query cannot hold escaped (`raw` true, ALB).
fn query(single: Option<&BTreeMap<String, String>>, multi: Option<&BTreeMap<String, Vec<String>>>, raw: bool) -> String {
    let mut out = String::new();
    let mut pair = |key: &str, value: &str| {
        if !out.is_empty() {
            out.push('&');
        }
        if raw {
            encode_raw_query(key, &mut out);
            out.push('=');
            encode_raw_query(value, &mut out);
        } else {
            encode_component(key, &mut out);
            out.push('=');
            encode_component(value, &mut out);
        }
    };
    for (key, values) in multi.into_iter().flatten() {
        for value in values {
            pair(key, value);
        }
    }
    for (key, value) in single.into_iter().flatten() {
        if !multi.is_some_and(|multi| multi.contains_key(key)) {
            pair(key, value);
        }
    }
    out
}

fn append(headers: &mut HeaderMap, member: &'static str, name: &str, value: &str) -> Result<(), ConversionError> {
    let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| ConversionError::InvalidHeaderName { member, name: name.to_owned() })?;
    let value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| ConversionError::InvalidHeaderValue { member, name: name.to_owned() })?;
    headers.append(header, value);
    Ok(())
}

/// Every value of the multi-value map in order, then the headers only the
/// single-value map has (whatever the case of their names).
fn headers(single: Option<&BTreeMap<String, String>>, multi: Option<&BTreeMap<String, Vec<String>>>) -> Result<HeaderMap, ConversionError> {
    let mut headers = HeaderMap::new();
    for (name, values) in multi.into_iter().flatten() {
        for value in values {
            append(&mut headers, "multiValueHeaders", name, value)?;
        }
    }
    for (name, value) in single.into_iter().flatten() {
        if !multi.is_some_and(|multi| multi.keys().any(|key| key.eq_ignore_ascii_case(name))) {
            append(&mut headers, "headers", name, value)?;
        }
    }
    Ok(headers)
}

/// Payload 2.0 headers, and `cookies` as one `cookie` header joined with
/// `; ` (after a `cookie` header the map has, if any).
fn v2_headers(single: Option<&BTreeMap<String, String>>, cookies: Option<&Vec<String>>) -> Result<HeaderMap, ConversionError> {
    let mut headers = HeaderMap::new();
    let mut cookie: Vec<&str> = Vec::new();
    for (name, value) in single.into_iter().flatten() {
        if cookies.is_some() && name.eq_ignore_ascii_case("cookie") {
            cookie.push(value);
        } else {
            append(&mut headers, "headers", name, value)?;
        }
    }
    cookie.extend(cookies.into_iter().flatten().map(String::as_str));
    if !cookie.is_empty() {
        append(&mut headers, "cookies", "cookie", &cookie.join("; "))?;
    }
    Ok(headers)
}

/// Moves the body out of the event (leaving `Some("")` where there was one):
/// base64-decoded when `is_base64` says so.
pub(super) fn take_body(body: &mut Option<String>, is_base64: Option<bool>) -> Result<Body, ConversionError> {
    let Some(text) = body.as_mut() else { return Ok(Body::empty()) };
    let text = std::mem::take(text);
    if is_base64 != Some(true) {
        return Ok(Body::from(text));
    }
    STANDARD.decode(text.as_bytes()).map(Body::from).map_err(|error| {
        ConversionError::Body(crate::payload::PayloadError::Invalid {
            field: "body",
            path: ".".to_owned(),
            message: format!("`isBase64Encoded` is true but the body is not valid standard base64 ({error})"),
        })
    })
}

/// The HTTP version of a `protocol` member (`HTTP/1.1`, `HTTP/2.0`…);
/// HTTP/1.1 when there is none or it is another.
fn version(protocol: Option<&str>) -> Version {
    match protocol {
        Some("HTTP/1.0") => Version::HTTP_10,
        Some("HTTP/2.0" | "HTTP/2") => Version::HTTP_2,
        Some("HTTP/3.0" | "HTTP/3") => Version::HTTP_3,
        _ => Version::HTTP_11,
    }
}

fn build(method: Method, uri: Uri, headers: HeaderMap, body: Body, context: RequestContext) -> Request<Body> {
    let protocol = match &context {
        RequestContext::ApiGatewayRest(event) => event.request_context.protocol.as_deref(),
        RequestContext::ApiGatewayHttp(event) => event.request_context.http.as_ref().and_then(|http| http.protocol.as_deref()),
        RequestContext::LambdaUrl(event) => event.request_context.http.as_ref().and_then(|http| http.protocol.as_deref()),
        _ => None,
    };
    let mut request = Request::new(body);
    *request.version_mut() = version(protocol);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    request.extensions_mut().insert(context);
    request
}

impl TryFrom<ApiGatewayProxyRequest> for Request<Body> {
    type Error = ConversionError;

    /// See the [module documentation](super).
    fn try_from(mut event: ApiGatewayProxyRequest) -> Result<Self, Self::Error> {
        let method = method("httpMethod", Some(&event.http_method))?;
        let query = query(event.query_string_parameters.as_ref(), event.multi_value_query_string_parameters.as_ref(), false);
        let uri = uri("`path` and the query string parameters", non_empty("path", Some(&event.path))?, &query)?;
        let headers = headers(event.headers.as_ref(), event.multi_value_headers.as_ref())?;
        let body = take_body(&mut event.body, event.is_base64_encoded)?;
        Ok(build(method, uri, headers, body, RequestContext::ApiGatewayRest(Box::new(event))))
    }
}

impl TryFrom<ApiGatewayWebsocketRequest> for Request<Body> {
    type Error = ConversionError;

    /// See the [module documentation](super): `$disconnect` and
    /// message events have no method and are an error naming `httpMethod`.
    fn try_from(mut event: ApiGatewayWebsocketRequest) -> Result<Self, Self::Error> {
        let method = method("httpMethod", event.http_method.as_deref().or(event.request_context.http_method.as_deref()))?;
        let query = query(event.query_string_parameters.as_ref(), event.multi_value_query_string_parameters.as_ref(), false);
        let uri = uri("`path` and the query string parameters", non_empty("path", event.path.as_deref())?, &query)?;
        let headers = headers(event.headers.as_ref(), event.multi_value_headers.as_ref())?;
        let body = take_body(&mut event.body, event.is_base64_encoded)?;
        Ok(build(method, uri, headers, body, RequestContext::ApiGatewayWebsocket(Box::new(event))))
    }
}

impl TryFrom<AlbTargetGroupRequest> for Request<Body> {
    type Error = ConversionError;

    /// See the [module documentation](super): the query values are
    /// kept percent-encoded as the client sent them.
    fn try_from(mut event: AlbTargetGroupRequest) -> Result<Self, Self::Error> {
        let method = method("httpMethod", Some(&event.http_method))?;
        let query = query(event.query_string_parameters.as_ref(), event.multi_value_query_string_parameters.as_ref(), true);
        let uri = uri("`path` and the query string parameters", non_empty("path", Some(&event.path))?, &query)?;
        let headers = headers(event.headers.as_ref(), event.multi_value_headers.as_ref())?;
        let body = take_body(&mut event.body, event.is_base64_encoded)?;
        Ok(build(method, uri, headers, body, RequestContext::Alb(Box::new(event))))
    }
}

/// The payload 2.0 requests (HTTP API, Function URL): one conversion.
macro_rules! payload_v2_request {
    ($($event:ident => $variant:ident),+ $(,)?) => {$(
        impl TryFrom<$event> for Request<Body> {
            type Error = ConversionError;

            /// See the [module documentation](super): `rawQueryString`
            /// is the query, verbatim; `cookies` become one `cookie` header.
            fn try_from(mut event: $event) -> Result<Self, Self::Error> {
                let method = method("requestContext.http.method", event.request_context.http.as_ref().and_then(|http| http.method.as_deref()))?;
                let mut query = String::new();
                encode_raw_query(event.raw_query_string.as_deref().unwrap_or_default(), &mut query);
                let uri = uri("`rawPath` and `rawQueryString`", non_empty("rawPath", Some(&event.raw_path))?, &query)?;
                let headers = v2_headers(event.headers.as_ref(), event.cookies.as_ref())?;
                let body = take_body(&mut event.body, event.is_base64_encoded)?;
                Ok(build(method, uri, headers, body, RequestContext::$variant(Box::new(event))))
            }
        }
    )+};
}

payload_v2_request!(ApiGatewayV2HttpRequest => ApiGatewayHttp, LambdaFunctionUrlRequest => LambdaUrl);

impl TryFrom<VpcLatticeRequestV1> for Request<Body> {
    type Error = ConversionError;

    /// See the [module documentation](super).
    fn try_from(mut event: VpcLatticeRequestV1) -> Result<Self, Self::Error> {
        let method = method("method", Some(&event.method))?;
        let query = query(event.query_string_parameters.as_ref(), None, false);
        let uri = uri("`raw_path` and `query_string_parameters`", non_empty("raw_path", Some(&event.raw_path))?, &query)?;
        let headers = headers(event.headers.as_ref(), None)?;
        let body = take_body(&mut event.body, event.is_base64_encoded)?;
        Ok(build(method, uri, headers, body, RequestContext::VpcLatticeV1(Box::new(event))))
    }
}

impl TryFrom<VpcLatticeRequestV2> for Request<Body> {
    type Error = ConversionError;

    /// See the [module documentation](super).
    fn try_from(mut event: VpcLatticeRequestV2) -> Result<Self, Self::Error> {
        let method = method("method", Some(&event.method))?;
        let query = query(None, event.query_string_parameters.as_ref(), false);
        let uri = uri("`path` and `queryStringParameters`", non_empty("path", Some(&event.path))?, &query)?;
        let mut headers = HeaderMap::new();
        for (name, values) in event.headers.iter().flatten() {
            for value in values {
                append(&mut headers, "headers", name, value)?;
            }
        }
        let body = take_body(&mut event.body, event.is_base64_encoded)?;
        Ok(build(method, uri, headers, body, RequestContext::VpcLatticeV2(Box::new(event))))
    }
}

// ---------------------------------------------------------------------------
// Request → event.
// ---------------------------------------------------------------------------

/// What a request carries, taken apart, with the event of its context.
struct Taken {
    method: String,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: bytes::Bytes,
    context: Option<RequestContext>,
}

fn take(request: Request<Body>) -> Taken {
    let (mut parts, body) = request.into_parts();
    Taken {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        context: parts.extensions.remove::<RequestContext>(),
        headers: parts.headers,
        body: body.into_bytes(),
    }
}

/// The path to write back: the event's own when the URI's is the one it
/// gave (so a path with bytes that were escaped comes back as sent).
fn path_back(uri_path: String, original: Option<&str>) -> String {
    match original {
        Some(original) if encode_path(original) == uri_path => original.to_owned(),
        _ => uri_path,
    }
}

/// Spelling of header names: the first name among `known` equal ignoring
/// case, else the lower-case name of `http`.
fn spelling(name: &HeaderName, known: &[String]) -> String {
    known.iter().find(|known| known.eq_ignore_ascii_case(name.as_str())).cloned().unwrap_or_else(|| name.as_str().to_owned())
}

fn keys<V>(map: Option<&BTreeMap<String, V>>) -> impl Iterator<Item = String> + '_ {
    map.into_iter().flat_map(|map| map.keys().cloned())
}

/// Every header with all its values, in order, named as `known` spells them.
fn header_lists(headers: &HeaderMap, member: &'static str, known: &[String], skip: &str) -> Result<BTreeMap<String, Vec<String>>, ConversionError> {
    let mut lists = BTreeMap::new();
    for name in headers.keys() {
        if name.as_str() == skip {
            continue;
        }
        let values = headers
            .get_all(name)
            .iter()
            .map(|value| String::from_utf8(value.as_bytes().to_vec()).map_err(|_| ConversionError::InvalidHeaderValue { member, name: name.to_string() }))
            .collect::<Result<Vec<_>, _>>()?;
        lists.insert(spelling(name, known), values);
    }
    Ok(lists)
}

/// The names of `map` spelled as the first of `known` equal ignoring case.
fn respell<V>(map: BTreeMap<String, V>, known: &[String]) -> BTreeMap<String, V> {
    map.into_iter().map(|(name, value)| (known.iter().find(|known| known.eq_ignore_ascii_case(&name)).cloned().unwrap_or(name), value)).collect()
}

fn last_values(lists: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, String> {
    lists.iter().filter_map(|(name, values)| Some((name.clone(), values.last()?.clone()))).collect()
}

fn joined_values(lists: BTreeMap<String, Vec<String>>) -> BTreeMap<String, String> {
    lists.into_iter().map(|(name, values)| (name, values.join(","))).collect()
}

/// A map to write back: kept when the event had it (`Some(true)`), and
/// otherwise only when it holds something (the sources send `null`, not
/// `{}`, for an empty map).
fn place<V>(had: Option<bool>, map: BTreeMap<String, V>) -> Option<BTreeMap<String, V>> {
    if had == Some(true) || !map.is_empty() {
        Some(map)
    } else {
        None
    }
}

/// The query parameters: every value of each name, in order, decoded
/// (`decoded` true, with `+` as a space) or as sent.
fn query_lists(query: Option<&str>, decoded: bool) -> BTreeMap<String, Vec<String>> {
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in split_query(query.unwrap_or_default()) {
        let (key, value) = if decoded { (decode(key, true), decode(value, true)) } else { (key.to_owned(), value.to_owned()) };
        lists.entry(key).or_default().push(value);
    }
    lists
}

/// The body to write back, and its `isBase64Encoded`: as the event had it
/// when there is one (`base`: whether it had a body, and its flag), else by
/// the text rule.
fn body_back(bytes: bytes::Bytes, headers: &HeaderMap, base: Option<(bool, Option<bool>)>) -> (Option<String>, Option<bool>) {
    let text = |bytes: &bytes::Bytes| std::str::from_utf8(bytes).ok().map(str::to_owned);
    match base {
        Some((had, flag)) => {
            if bytes.is_empty() && !had {
                (None, flag)
            } else if flag == Some(true) {
                (Some(STANDARD.encode(&bytes)), flag)
            } else if let Some(text) = text(&bytes) {
                (Some(text), flag)
            } else {
                (Some(STANDARD.encode(&bytes)), Some(true))
            }
        }
        None if bytes.is_empty() => (None, Some(false)),
        None => {
            let header = |name: &str| headers.get(name).map(HeaderValue::as_bytes);
            if is_text(header("content-type"), header("content-encoding"), &bytes) {
                (text(&bytes), Some(false))
            } else {
                (Some(STANDARD.encode(&bytes)), Some(true))
            }
        }
    }
}

impl TryFrom<Request<Body>> for ApiGatewayProxyRequest {
    type Error = ConversionError;

    /// An event made from a request: method, path, query, headers and body
    /// from the request (both single- and multi-value maps, as API Gateway
    /// sends them: a repeated name keeps its last value in the single-value
    /// maps, or, for a repeated header of HTTP API payload 1.0 (`version`
    /// `"1.0"`), its values joined with commas), the rest from its [`RequestContext`] when it has a REST
    /// one, else from `Default`.
    fn try_from(request: Request<Body>) -> Result<Self, Self::Error> {
        let taken = take(request);
        let base = match taken.context {
            Some(RequestContext::ApiGatewayRest(event)) => Some(*event),
            _ => None,
        };
        let from_context = base.is_some();
        let mut event = base.unwrap_or_default();
        let had = |present: bool| from_context.then_some(present);
        event.http_method = taken.method;
        event.path = path_back(taken.path, from_context.then_some(event.path.as_str()));
        let query = query_lists(taken.query.as_deref(), true);
        event.query_string_parameters = place(had(event.query_string_parameters.is_some()), last_values(&query));
        event.multi_value_query_string_parameters = place(had(event.multi_value_query_string_parameters.is_some()), query);
        let known: Vec<String> = keys(event.multi_value_headers.as_ref()).chain(keys(event.headers.as_ref())).collect();
        let lists = header_lists(&taken.headers, "headers", &known, "")?;
        let known_single: Vec<String> = keys(event.headers.as_ref()).chain(known).collect();
        // REST keeps the last value of a repeated header in `headers`; HTTP
        // APIs (payload 1.0) join them with commas.
        let single = if event.version.as_deref() == Some("1.0") { joined_values(lists.clone()) } else { last_values(&lists) };
        let single = respell(single, &known_single);
        event.headers = place(had(event.headers.is_some()), single);
        event.multi_value_headers = place(had(event.multi_value_headers.is_some()), lists);
        (event.body, event.is_base64_encoded) = body_back(taken.body, &taken.headers, from_context.then_some((event.body.is_some(), event.is_base64_encoded)));
        Ok(event)
    }
}

impl TryFrom<Request<Body>> for ApiGatewayWebsocketRequest {
    type Error = ConversionError;

    /// An event made from a request, as for REST requests; the method goes
    /// to `httpMethod` (and to `requestContext.httpMethod` when the event had it there).
    fn try_from(request: Request<Body>) -> Result<Self, Self::Error> {
        let taken = take(request);
        let base = match taken.context {
            Some(RequestContext::ApiGatewayWebsocket(event)) => Some(*event),
            _ => None,
        };
        let from_context = base.is_some();
        let mut event = base.unwrap_or_default();
        let had = |present: bool| from_context.then_some(present);
        if event.request_context.http_method.is_some() {
            event.request_context.http_method = Some(taken.method.clone());
        }
        if !from_context || event.http_method.is_some() {
            event.http_method = Some(taken.method);
        }
        event.path = Some(path_back(taken.path, event.path.as_deref().filter(|_| from_context)));
        let query = query_lists(taken.query.as_deref(), true);
        event.query_string_parameters = place(had(event.query_string_parameters.is_some()), last_values(&query));
        event.multi_value_query_string_parameters = place(had(event.multi_value_query_string_parameters.is_some()), query);
        let known: Vec<String> = keys(event.multi_value_headers.as_ref()).chain(keys(event.headers.as_ref())).collect();
        let lists = header_lists(&taken.headers, "headers", &known, "")?;
        let known_single: Vec<String> = keys(event.headers.as_ref()).chain(known).collect();
        let single = respell(last_values(&lists), &known_single);
        event.headers = place(had(event.headers.is_some()), single);
        event.multi_value_headers = place(had(event.multi_value_headers.is_some()), lists);
        (event.body, event.is_base64_encoded) = body_back(taken.body, &taken.headers, from_context.then_some((event.body.is_some(), event.is_base64_encoded)));
        Ok(event)
    }
}

impl TryFrom<Request<Body>> for AlbTargetGroupRequest {
    type Error = ConversionError;

    /// An event made from a request: query values as they are in the URI
    /// (percent-encoded, as ALB passes them); the multi-value maps when the
    /// [`RequestContext`]'s event had them (multi-value headers on), the
    /// single-value ones otherwise (repeated names keep their last value).
    fn try_from(request: Request<Body>) -> Result<Self, Self::Error> {
        let taken = take(request);
        let base = match taken.context {
            Some(RequestContext::Alb(event)) => Some(*event),
            _ => None,
        };
        let from_context = base.is_some();
        let mut event = base.unwrap_or_default();
        let multi = event.multi_value_headers.is_some() || event.multi_value_query_string_parameters.is_some();
        event.http_method = taken.method;
        event.path = path_back(taken.path, from_context.then_some(event.path.as_str()));
        let query = query_lists(taken.query.as_deref(), false);
        let known: Vec<String> = keys(event.multi_value_headers.as_ref()).chain(keys(event.headers.as_ref())).collect();
        let lists = header_lists(&taken.headers, "headers", &known, "")?;
        let had = |present: bool| Some(present || !from_context);
        if multi {
            event.multi_value_query_string_parameters = place(had(event.multi_value_query_string_parameters.is_some()), query);
            event.multi_value_headers = place(had(event.multi_value_headers.is_some()), lists);
        } else {
            event.query_string_parameters = place(had(event.query_string_parameters.is_some()), last_values(&query));
            event.headers = place(had(event.headers.is_some()), last_values(&lists));
        }
        (event.body, event.is_base64_encoded) = body_back(taken.body, &taken.headers, from_context.then_some((event.body.is_some(), event.is_base64_encoded)));
        Ok(event)
    }
}

/// The payload 2.0 requests back: one conversion.
macro_rules! payload_v2_back {
    ($($event:ident => $variant:ident),+ $(,)?) => {$(
        impl TryFrom<Request<Body>> for $event {
            type Error = ConversionError;

            /// An event made from a request: `rawPath`, `rawQueryString`
            /// (and `queryStringParameters`, decoded, repeated values joined
            /// with commas), `requestContext.http.method`, the headers (values
            /// of a repeated header joined with commas), `cookies` from the
            /// `cookie` header, and the body; the rest from the
            /// [`RequestContext`] when it has an event of this source, else
            /// from `Default`.
            fn try_from(request: Request<Body>) -> Result<Self, Self::Error> {
                let taken = take(request);
                let base = match taken.context {
                    Some(RequestContext::$variant(event)) => Some(*event),
                    _ => None,
                };
                let from_context = base.is_some();
                let mut event = base.unwrap_or_default();
                let had = |present: bool| from_context.then_some(present);
                if !from_context {
                    event.version = "2.0".to_owned();
                }
                event.request_context.http.get_or_insert_with(Default::default).method = Some(taken.method);
                event.raw_path = path_back(taken.path, from_context.then_some(event.raw_path.as_str()));
                let query = taken.query.unwrap_or_default();
                let parameters: BTreeMap<String, String> = split_query(&query).fold(BTreeMap::new(), |mut parameters, (key, value)| {
                    let value = decode(value, false);
                    parameters.entry(decode(key, false)).and_modify(|joined: &mut String| { joined.push(','); joined.push_str(&value) }).or_insert(value);
                    parameters
                });
                event.query_string_parameters = place(had(event.query_string_parameters.is_some()), parameters);
                if !from_context || event.raw_query_string.is_some() {
                    event.raw_query_string = Some(query);
                }
                // `cookie` goes to `cookies` unless the event carried it among its headers.
                let cookie_in_headers = event.cookies.is_none() && event.headers.iter().flatten().any(|(name, _)| name.eq_ignore_ascii_case("cookie"));
                let known: Vec<String> = keys(event.headers.as_ref()).collect();
                let lists = header_lists(&taken.headers, "headers", &known, if cookie_in_headers { "" } else { "cookie" })?;
                event.headers = place(had(event.headers.is_some()), joined_values(lists));
                if !cookie_in_headers {
                    let cookies: Vec<String> = taken
                        .headers
                        .get_all("cookie")
                        .iter()
                        .map(|value| String::from_utf8(value.as_bytes().to_vec()).map_err(|_| ConversionError::InvalidHeaderValue { member: "cookies", name: "cookie".to_owned() }))
                        .collect::<Result<Vec<_>, _>>()?
                        .iter()
                        .flat_map(|value| value.split(';').map(str::trim).filter(|cookie| !cookie.is_empty()).map(str::to_owned).collect::<Vec<_>>())
                        .collect();
                    event.cookies = if cookies.is_empty() && event.cookies.is_none() { None } else { Some(cookies) };
                }
                (event.body, event.is_base64_encoded) = body_back(taken.body, &taken.headers, from_context.then_some((event.body.is_some(), event.is_base64_encoded)));
                Ok(event)
            }
        }
    )+};
}

payload_v2_back!(ApiGatewayV2HttpRequest => ApiGatewayHttp, LambdaFunctionUrlRequest => LambdaUrl);

impl TryFrom<Request<Body>> for VpcLatticeRequestV1 {
    type Error = ConversionError;

    /// An event made from a request: `method`, `raw_path`,
    /// `query_string_parameters` (decoded; a repeated name keeps its last
    /// value), `headers` (values of a repeated header joined with commas),
    /// the body; the rest from the [`RequestContext`] or `Default`.
    fn try_from(request: Request<Body>) -> Result<Self, Self::Error> {
        let taken = take(request);
        let base = match taken.context {
            Some(RequestContext::VpcLatticeV1(event)) => Some(*event),
            _ => None,
        };
        let from_context = base.is_some();
        let mut event = base.unwrap_or_default();
        let had = |present: bool| from_context.then_some(present);
        event.method = taken.method;
        event.raw_path = path_back(taken.path, from_context.then_some(event.raw_path.as_str()));
        event.query_string_parameters = place(had(event.query_string_parameters.is_some()), last_values(&query_lists(taken.query.as_deref(), true)));
        let known: Vec<String> = keys(event.headers.as_ref()).collect();
        event.headers = place(had(event.headers.is_some()), joined_values(header_lists(&taken.headers, "headers", &known, "")?));
        (event.body, event.is_base64_encoded) = body_back(taken.body, &taken.headers, from_context.then_some((event.body.is_some(), event.is_base64_encoded)));
        Ok(event)
    }
}

impl TryFrom<Request<Body>> for VpcLatticeRequestV2 {
    type Error = ConversionError;

    /// An event made from a request: `method`, `path`,
    /// `queryStringParameters` and `headers` with every value, the body; the
    /// rest from the [`RequestContext`] or `Default` (with `version` `"2.0"`).
    fn try_from(request: Request<Body>) -> Result<Self, Self::Error> {
        let taken = take(request);
        let base = match taken.context {
            Some(RequestContext::VpcLatticeV2(event)) => Some(*event),
            _ => None,
        };
        let from_context = base.is_some();
        let mut event = base.unwrap_or_default();
        let had = |present: bool| from_context.then_some(present);
        if !from_context {
            event.version = "2.0".to_owned();
        }
        event.method = taken.method;
        event.path = path_back(taken.path, from_context.then_some(event.path.as_str()));
        event.query_string_parameters = place(had(event.query_string_parameters.is_some()), query_lists(taken.query.as_deref(), true));
        let known: Vec<String> = keys(event.headers.as_ref()).collect();
        event.headers = place(had(event.headers.is_some()), header_lists(&taken.headers, "headers", &known, "")?);
        (event.body, event.is_base64_encoded) = body_back(taken.body, &taken.headers, from_context.then_some((event.body.is_some(), event.is_base64_encoded)));
        Ok(event)
    }
}
