//! The HTTP family's events as `http` 1.x requests, and their
//! responses from `http` responses, so that a function can be written against
//! `http::Request`/`http::Response` (or served by a tower service such as an
//! axum `Router`, with [`run`] and the `runtime` feature).
//!
//! # Requests
//!
//! `http::Request<Body>: TryFrom<E>` for every request event `E` of API
//! Gateway (REST [`ApiGatewayProxyRequest`](crate::apigw::ApiGatewayProxyRequest),
//! HTTP API payload 2.0 [`ApiGatewayV2HttpRequest`](crate::apigw::ApiGatewayV2HttpRequest),
//! WebSocket [`ApiGatewayWebsocketRequest`](crate::apigw::ApiGatewayWebsocketRequest)),
//! ALB ([`AlbTargetGroupRequest`](crate::alb::AlbTargetGroupRequest)), Function
//! URLs ([`LambdaFunctionUrlRequest`](crate::lambda_url::LambdaFunctionUrlRequest))
//! and VPC Lattice ([`VpcLatticeRequestV1`](crate::vpc_lattice::VpcLatticeRequestV1),
//! [`VpcLatticeRequestV2`](crate::vpc_lattice::VpcLatticeRequestV2)):
//!
//! - **method**: `httpMethod` (REST, ALB, WebSocket, or the WebSocket
//!   `requestContext.httpMethod`), `requestContext.http.method` (payload 2.0),
//!   `method` (VPC Lattice). It is never assumed: an event without one is
//!   [`ConversionError::MissingMember`] naming the member (WebSocket
//!   `$disconnect` and message events have none, so they are no HTTP request).
//! - **URI**: origin form, path and query (`/orders/7?status=open`); the host
//!   is in the `host` header. The path is the event's `path` (`rawPath` for
//!   payload 2.0, `raw_path` for VPC Lattice v1), so a REST path has no
//!   stage prefix (the routes of an API match it without one;
//!   `requestContext.path` keeps the prefixed form). It is kept as sent
//!   (its `%XX` escapes too); bytes a URI path cannot hold (space,
//!   non-ASCII, `?`, `#`…) are percent-encoded. The query is encoded once, as each source sends it:
//!   - REST, WebSocket and VPC Lattice give decoded values: keys and values are
//!     percent-encoded (everything but `A-Z a-z 0-9 - . _ ~`);
//!   - ALB gives the values percent-encoded as the client sent them: they are
//!     kept as they are (`%2541` stays `%2541`), never decoded and encoded again;
//!   - payload 2.0 (HTTP API, Function URL) has `rawQueryString`, used verbatim;
//!   - a parameter with several values (`multiValueQueryStringParameters`,
//!     VPC Lattice v2 lists) gives one `k=v` pair per value, in order; the
//!     single-value map adds the names the multi-value one lacks.
//!
//!   In the raw forms (ALB, `rawQueryString`) only bytes that no URI query may
//!   hold are percent-encoded.
//! - **headers**: every value, in order: the multi-value map first, then the
//!   names only the single-value map has. Payload 2.0 `cookies` become one
//!   `cookie` header joined with `; `, as a browser sends it. `http` spells
//!   header names in lower case (lookups ignore case); converting back to an
//!   event gives them the spelling the original event had.
//! - **body**: the decoded bytes (base64 when `isBase64Encoded` is true).
//! - **version**: from `requestContext.protocol` (REST) or
//!   `requestContext.http.protocol` (payload 2.0), HTTP/1.1 otherwise.
//! - **everything else** (request context, authorizer, stage variables, path
//!   parameters, `resource`, unknown members…): the event itself, in the
//!   request's extensions as a [`RequestContext`].
//!
//! The conversion back, `E: TryFrom<http::Request<Body>>`, takes the method,
//! path, query, headers, cookies and body from the request and the rest from
//! the [`RequestContext`] when the extensions hold one of that source (so an
//! event comes back as it was), or from `E::default()`.
//!
//! # Responses
//!
//! `R: TryFrom<http::Response<Body>>` for
//! [`ApiGatewayProxyResponse`](crate::apigw::ApiGatewayProxyResponse) (REST,
//! WebSocket), [`ApiGatewayV2HttpResponse`](crate::apigw::ApiGatewayV2HttpResponse)
//! (HTTP API and Function URL: `LambdaFunctionUrlResponse` is the same type)
//! and [`LambdaTargetResponse`](crate::common::LambdaTargetResponse) (ALB
//! and VPC Lattice: `AlbTargetGroupResponse`, `VpcLatticeResponse`):
//!
//! - `statusCode` from the status (and, for ALB and VPC Lattice,
//!   `statusDescription` such as `404 Not Found`);
//! - headers: REST puts a header with one value in `headers` and one with
//!   several in `multiValueHeaders`; payload 2.0 puts every `Set-Cookie` in
//!   `cookies` and joins the values of any other repeated header with `, `;
//!   the target response joins them in `headers` (what VPC Lattice and an ALB
//!   without multi-value headers read; such an ALB passes on one
//!   `Set-Cookie` only, so several come out joined, which browsers do not
//!   read as several cookies: turn multi-value headers on), or, with
//!   [`target_response_multi_value`],
//!   puts every header in `multiValueHeaders` (what an ALB with multi-value
//!   headers reads);
//! - the body as text when it is text, base64 with `isBase64Encoded` otherwise.
//!   **The text rule**: a body is text when it is UTF-8 and either has no
//!   `content-encoding` (other than `identity`) and a `content-type` that is
//!   `text/*`, JSON (`application/json`, `*+json`), XML
//!   (`application/xml`, `*+xml`), JavaScript (`application/javascript`,
//!   `application/ecmascript`), a form (`application/x-www-form-urlencoded`)
//!   or carries a `charset=` parameter, or has neither header. Everything else
//!   (images, PDFs, gzip-encoded JSON) is base64. An empty body is no `body`.
//!
//! `http::Response<Body>: TryFrom<R>` converts the other way (for tests of a
//! function written with the typed responses).
//!
//! [`run`] collects the whole body and answers with one document;
//! [`run_streaming`] streams it (below).
//!
//! # Serving a tower service
//!
//! With the `runtime` feature, [`run`] serves any
//! `tower::Service<http::Request<Body>, Response = http::Response<B>>` (an axum
//! `Router`): each event is told apart by [`Source::detect`], converted, given
//! to the service (with the invocation's `lambda_runtime::Context` in the
//! extensions too), and the response, its body collected, is answered in the
//! shape the source reads.
//!
//! # Streaming responses
//!
//! With the `runtime` feature, [`run_streaming`] serves the same services with
//! streamed responses (function URLs with `InvokeMode: RESPONSE_STREAM`, REST
//! APIs with response streaming): the request is converted as [`run`]
//! converts it, and the response goes out as the prelude
//! ([`LambdaFunctionUrlStreamingPrelude`](crate::lambda_url::LambdaFunctionUrlStreamingPrelude),
//! from `LambdaFunctionUrlStreamingPrelude::try_from(&parts)`), eight NUL
//! bytes and the body's frames as they come. How it compares with
//! `lambda_http::run_with_streaming_response` (lambda_http 1.3.2, on the same
//! runtime, lambda_runtime 1.5):
//!
//! | | `run_streaming` | `lambda_http::run_with_streaming_response` |
//! |---|---|---|
//! | a handler with a complete body (`Body::from`, `Json`) | one chunk after the prelude | the same |
//! | events | the HTTP family's requests as [`run`] reads them (VPC Lattice v1 too), an event it cannot place is a function error naming its members | `lambda_http::request::LambdaRequest` (REST, HTTP API, ALB, WebSocket, VPC Lattice v2) |
//! | repeated headers | joined with `, `: one value per name, as the prelude holds them | written as a JSON array of the values (`http_serde`), which the prelude's one-string-per-name `headers` does not describe |
//! | `Set-Cookie` | every one in `cookies` | the same |
//! | a header value that is not visible ASCII | a function error naming the header | written as an empty list |
//! | binary bodies | the bytes as they are (no base64) | the same |
//! | the body fails before its first byte | the invocation fails: the client gets Lambda's error answer, not a 200 | the prelude (the handler's status) is already out; the client gets it and the runtime's error report as the body |
//! | the body fails after its first bytes | the bytes sent, then the runtime's error report (`Lambda-Runtime-Function-Error-Type: Runtime.StreamError`…) as text at the end of the body (lambda_runtime 1.5 writes it into the body, not as HTTP trailers) | the same |
//! | the body's `Unpin` | not needed (boxed once per response) | required (`B: Unpin`) |
//!
//! A conversion, without the runtime:
//!
//! ```
//! use lambda_event_catalog::apigw::ApiGatewayProxyRequest;
//! use lambda_event_catalog::http::{Body, RequestContext};
//!
//! let event: ApiGatewayProxyRequest = lambda_event_catalog::from_slice(
//!     br#"{"resource": "/orders/{id}", "path": "/orders/7", "httpMethod": "GET",
//!          "multiValueQueryStringParameters": {"tag": ["red", "t shirt"]},
//!          "headers": {"X-Tenant": "acme"}, "pathParameters": {"id": "7"},
//!          "requestContext": {"stage": "prod"}}"#,
//! )?;
//! let request = http::Request::<Body>::try_from(event)?;
//! assert_eq!(request.method(), "GET");
//! assert_eq!(request.uri(), "/orders/7?tag=red&tag=t%20shirt");
//! assert_eq!(request.headers()["x-tenant"], "acme");
//! let Some(RequestContext::ApiGatewayRest(event)) = request.extensions().get::<RequestContext>() else { unreachable!() };
//! assert_eq!(event.path_parameter("id"), Some("7"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use lambda_event_catalog_events::http::*;

/// The `http` crate's request and response types, re-exported so that a
/// function needs no dependency of its own on `http`.
pub use ::http::{Request, Response};

#[cfg(feature = "runtime")]
mod run;
#[cfg(feature = "runtime")]
mod streaming;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(all(feature = "http", feature = "runtime"))))]
pub use run::run;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(all(feature = "http", feature = "runtime"))))]
pub use streaming::run_streaming;
