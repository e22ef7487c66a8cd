//! `http::Response<Body>` to the response documents of the HTTP family,
//! and back.

use std::collections::BTreeMap;

use ::http::response::Parts;
use ::http::{HeaderMap, HeaderName, HeaderValue, Response, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::encoding::is_text;
use super::{Body, ConversionError, Source};
use crate::apigw::{ApiGatewayProxyResponse, ApiGatewayV2HttpResponse};
use crate::common::LambdaTargetResponse;
use crate::lambda_url::LambdaFunctionUrlStreamingPrelude;

/// A response taken apart: status, every header with its values (names in
/// lower case, as `http` has them), and the body as text or base64.
struct Taken {
    status: StatusCode,
    headers: Vec<(String, Vec<String>)>,
    body: Option<String>,
    base64: bool,
}

/// Every header with its values, names in lower case, as `http` has them.
fn header_values(map: &HeaderMap) -> Result<Vec<(String, Vec<String>)>, ConversionError> {
    let mut headers = Vec::new();
    for name in map.keys() {
        let values = map
            .get_all(name)
            .iter()
            .map(|value| {
                String::from_utf8(value.as_bytes().to_vec()).map_err(|_| ConversionError::InvalidHeaderValue { member: "headers", name: name.to_string() })
            })
            .collect::<Result<Vec<_>, _>>()?;
        headers.push((name.as_str().to_owned(), values));
    }
    Ok(headers)
}

fn take(response: Response<Body>) -> Result<Taken, ConversionError> {
    let (parts, body) = response.into_parts();
    let headers = header_values(&parts.headers)?;
    let bytes = body.into_bytes();
    let header = |name: &str| parts.headers.get(name).map(HeaderValue::as_bytes);
    let (body, base64) = if bytes.is_empty() {
        (None, false)
    } else if is_text(header("content-type"), header("content-encoding"), &bytes) {
        (Some(String::from_utf8_lossy(&bytes).into_owned()), false)
    } else {
        (Some(STANDARD.encode(&bytes)), true)
    };
    Ok(Taken { status: parts.status, headers, body, base64 })
}

fn joined(values: Vec<String>) -> String {
    values.join(", ")
}

/// Headers as payload 2.0 responses (and the streaming prelude) carry them:
/// every `Set-Cookie` in `cookies`, the values of any other repeated header
/// joined with `, ` in `headers`; `None` for a map that would be empty.
fn payload_v2_headers(headers: Vec<(String, Vec<String>)>) -> (Option<BTreeMap<String, String>>, Option<Vec<String>>) {
    let mut singles: Option<BTreeMap<String, String>> = None;
    let mut cookies: Option<Vec<String>> = None;
    for (name, values) in headers {
        if name == "set-cookie" {
            cookies.get_or_insert_with(Vec::new).extend(values);
        } else {
            singles.get_or_insert_with(Default::default).insert(name, joined(values));
        }
    }
    (singles, cookies)
}

impl TryFrom<Response<Body>> for ApiGatewayProxyResponse {
    type Error = ConversionError;

    /// The proxy response of REST APIs (and WebSocket routes): a header with
    /// one value in `headers`, one with several (`Set-Cookie`…) in
    /// `multiValueHeaders`; the body as text or base64 by the text rule of
    /// the [module documentation](super).
    fn try_from(response: Response<Body>) -> Result<Self, Self::Error> {
        let taken = take(response)?;
        let mut out = ApiGatewayProxyResponse::default();
        out.status_code = i64::from(taken.status.as_u16());
        for (name, mut values) in taken.headers {
            if values.len() == 1 {
                out.headers.get_or_insert_with(Default::default).insert(name, values.remove(0));
            } else {
                out.multi_value_headers.get_or_insert_with(Default::default).insert(name, values);
            }
        }
        out.body = taken.body;
        out.is_base64_encoded = Some(taken.base64);
        Ok(out)
    }
}

impl TryFrom<Response<Body>> for ApiGatewayV2HttpResponse {
    type Error = ConversionError;

    /// The payload 2.0 response of HTTP APIs and Function URLs: every
    /// `Set-Cookie` in `cookies`, the values of any other repeated header
    /// joined with `, ` in `headers`; the body as text or base64 by the text
    /// rule of the [module documentation](super).
    fn try_from(response: Response<Body>) -> Result<Self, Self::Error> {
        let taken = take(response)?;
        let mut out = ApiGatewayV2HttpResponse::default();
        out.status_code = i64::from(taken.status.as_u16());
        (out.headers, out.cookies) = payload_v2_headers(taken.headers);
        out.body = taken.body;
        out.is_base64_encoded = Some(taken.base64);
        Ok(out)
    }
}

fn target_response(response: Response<Body>, multi_value: bool) -> Result<LambdaTargetResponse, ConversionError> {
    let taken = take(response)?;
    let mut out = LambdaTargetResponse::default();
    out.status_code = i64::from(taken.status.as_u16());
    out.status_description = Some(match taken.status.canonical_reason() {
        Some(reason) => format!("{} {reason}", taken.status.as_u16()),
        None => taken.status.as_u16().to_string(),
    });
    for (name, values) in taken.headers {
        if multi_value {
            out.multi_value_headers.get_or_insert_with(Default::default).insert(name, values);
        } else {
            out.headers.get_or_insert_with(Default::default).insert(name, joined(values));
        }
    }
    out.body = taken.body;
    out.is_base64_encoded = Some(taken.base64);
    Ok(out)
}

impl TryFrom<Response<Body>> for LambdaTargetResponse {
    type Error = ConversionError;

    /// The response of ALB and VPC Lattice targets: `statusDescription`
    /// (`404 Not Found`), every header in `headers` (the values of a
    /// repeated header joined with `, `: what VPC Lattice and an ALB without
    /// multi-value headers read; see [`target_response_multi_value`] for an
    /// ALB with them); the body as text or base64 by the text rule of the
    /// [module documentation](super).
    fn try_from(response: Response<Body>) -> Result<Self, Self::Error> {
        target_response(response, false)
    }
}

/// The response to an ALB whose target group has multi-value headers on:
/// as `LambdaTargetResponse::try_from`, but with every header, all its
/// values (several `Set-Cookie`s), in `multiValueHeaders`, the only map
/// such an ALB reads.
///
/// # Errors
/// [`ConversionError::InvalidHeaderValue`] for a header value that is not UTF-8.
pub fn target_response_multi_value(response: Response<Body>) -> Result<LambdaTargetResponse, ConversionError> {
    target_response(response, true)
}

/// The response `response` as the JSON document `source` reads: an
/// `ApiGatewayProxyResponse` for REST and WebSocket, an
/// `ApiGatewayV2HttpResponse` for HTTP APIs and Function URLs, a
/// `LambdaTargetResponse` for ALB (multi-value headers when the target group
/// has them on) and VPC Lattice.
///
/// # Errors
/// The conversion's errors.
pub fn response_to_json(source: Source, response: Response<Body>) -> Result<serde_json::Value, ConversionError> {
    let value = match source {
        Source::ApiGatewayRest | Source::ApiGatewayWebsocket => serde_json::to_value(ApiGatewayProxyResponse::try_from(response)?),
        Source::ApiGatewayHttp | Source::LambdaUrl => serde_json::to_value(ApiGatewayV2HttpResponse::try_from(response)?),
        Source::Alb { multi_value_headers: true } => serde_json::to_value(target_response_multi_value(response)?),
        Source::Alb { multi_value_headers: false } | Source::VpcLatticeV1 | Source::VpcLatticeV2 => {
            serde_json::to_value(LambdaTargetResponse::try_from(response)?)
        }
    };
    value.map_err(ConversionError::Json)
}

impl TryFrom<&Parts> for LambdaFunctionUrlStreamingPrelude {
    type Error = ConversionError;

    /// The prelude of a streamed response with this head: `statusCode`, every
    /// `Set-Cookie` in `cookies`, the values of any other repeated header
    /// joined with `, ` in `headers` (as payload 2.0 responses have them);
    /// `headers` and `cookies` are written even when empty, as the runtime
    /// writes them.
    fn try_from(head: &Parts) -> Result<Self, Self::Error> {
        let (headers, cookies) = payload_v2_headers(header_values(&head.headers)?);
        let mut prelude = LambdaFunctionUrlStreamingPrelude::default();
        prelude.status_code = i64::from(head.status.as_u16());
        prelude.headers = Some(headers.unwrap_or_default());
        prelude.cookies = Some(cookies.unwrap_or_default());
        Ok(prelude)
    }
}

impl LambdaFunctionUrlStreamingPrelude {
    /// `statusCode` as an HTTP status.
    ///
    /// # Errors
    /// [`ConversionError::InvalidStatus`] outside 100–999.
    #[inline]
    pub fn status(&self) -> Result<StatusCode, ConversionError> {
        status(self.status_code)
    }

    /// `headers` as a header map (without the cookies, which stay in `cookies`).
    ///
    /// # Errors
    /// [`ConversionError::InvalidHeaderName`] or [`ConversionError::InvalidHeaderValue`]
    /// for a name or value HTTP does not allow.
    #[inline]
    pub fn header_map(&self) -> Result<HeaderMap, ConversionError> {
        merged(self.headers.as_ref(), None)
    }
}

// ---------------------------------------------------------------------------
// Response documents → `http::Response<Body>`.
// ---------------------------------------------------------------------------

fn status(code: i64) -> Result<StatusCode, ConversionError> {
    u16::try_from(code).ok().and_then(|code| StatusCode::from_u16(code).ok()).ok_or(ConversionError::InvalidStatus { member: "statusCode", value: code })
}

fn append(headers: &mut HeaderMap, member: &'static str, name: &str, value: &str) -> Result<(), ConversionError> {
    let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| ConversionError::InvalidHeaderName { member, name: name.to_owned() })?;
    let value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| ConversionError::InvalidHeaderValue { member, name: name.to_owned() })?;
    headers.append(header, value);
    Ok(())
}

/// `headers` and `multiValueHeaders` as one map: every value of the
/// multi-value map, then the names only the single-value map has.
fn merged(headers: Option<&BTreeMap<String, String>>, multi: Option<&BTreeMap<String, Vec<String>>>) -> Result<HeaderMap, ConversionError> {
    let mut map = HeaderMap::new();
    for (name, values) in multi.into_iter().flatten() {
        for value in values {
            append(&mut map, "multiValueHeaders", name, value)?;
        }
    }
    for (name, value) in headers.into_iter().flatten() {
        if !multi.is_some_and(|multi| multi.keys().any(|key| key.eq_ignore_ascii_case(name))) {
            append(&mut map, "headers", name, value)?;
        }
    }
    Ok(map)
}

fn body(body: Option<String>, is_base64: Option<bool>) -> Result<Body, ConversionError> {
    let mut body = body;
    super::request::take_body(&mut body, is_base64)
}

fn build(status: StatusCode, headers: HeaderMap, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

impl TryFrom<ApiGatewayProxyResponse> for Response<Body> {
    type Error = ConversionError;

    /// The HTTP response a REST API sends for this proxy response: both
    /// header maps merged, the body decoded.
    fn try_from(response: ApiGatewayProxyResponse) -> Result<Self, Self::Error> {
        let headers = merged(response.headers.as_ref(), response.multi_value_headers.as_ref())?;
        Ok(build(status(response.status_code)?, headers, body(response.body, response.is_base64_encoded)?))
    }
}

impl TryFrom<ApiGatewayV2HttpResponse> for Response<Body> {
    type Error = ConversionError;

    /// The HTTP response an HTTP API or a Function URL sends for this
    /// response: `headers`, one `Set-Cookie` per entry of `cookies`, the body decoded.
    fn try_from(response: ApiGatewayV2HttpResponse) -> Result<Self, Self::Error> {
        let mut headers = merged(response.headers.as_ref(), None)?;
        for cookie in response.cookies.iter().flatten() {
            append(&mut headers, "cookies", "set-cookie", cookie)?;
        }
        Ok(build(status(response.status_code)?, headers, body(response.body, response.is_base64_encoded)?))
    }
}

impl TryFrom<LambdaTargetResponse> for Response<Body> {
    type Error = ConversionError;

    /// The HTTP response an ALB or VPC Lattice sends for this response: both
    /// header maps merged, the body decoded (`statusDescription` is left
    /// out: `http` has the reason phrase of the status).
    fn try_from(response: LambdaTargetResponse) -> Result<Self, Self::Error> {
        let headers = merged(response.headers.as_ref(), response.multi_value_headers.as_ref())?;
        Ok(build(status(response.status_code)?, headers, body(response.body, response.is_base64_encoded)?))
    }
}
