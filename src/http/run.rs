//! Serving a tower service of `http` requests on the Lambda runtime.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::http::{Request, Response};
use bytes::Buf as _;
use lambda_runtime::{Diagnostic, Error, LambdaEvent, Service};
use serde_json::Value;

use super::{request_from_json, response_to_json, Body, ConversionError, RequestContext, Source};

/// Serves `service` on the Lambda runtime: every invocation's event (any of
/// the HTTP family's request events, told apart by [`Source::detect`](super::Source::detect))
/// becomes an `http::Request<Body>` (with the [`RequestContext`] and the
/// invocation's [`lambda_runtime::Context`] in its extensions), the service
/// answers it, its body is collected whole, and the function returns the
/// response document the source reads (see [`response_to_json`]).
///
/// An event the rule cannot place, or that does not convert (no
/// `httpMethod`, base64 that is not base64…), fails the invocation with an
/// error naming the members seen or the member at fault; the function goes
/// on serving the next one. For a streamed response, see [`run_streaming`](super::run_streaming).
///
/// Needs the features `http` and `runtime`.
///
/// ```no_run
/// use lambda_event_catalog::http::{self, Body};
/// use lambda_event_catalog::runtime::{service_fn, Error};
///
/// async fn hello(request: ::http::Request<Body>) -> Result<::http::Response<Body>, Error> {
///     Ok(::http::Response::new(Body::from(format!("hello from {}", request.uri().path()))))
/// }
///
/// #[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
/// async fn main() -> Result<(), Error> {
///     http::run(service_fn(hello)).await
/// }
/// ```
///
/// # Errors
/// What `lambda_runtime::run` returns: the runtime could not start or lost
/// the Runtime API.
pub async fn run<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request<Body>, Response = Response<B>>,
    S::Error: Into<Error>,
    S::Future: 'static,
    B: http_body::Body + 'static,
    B::Error: Into<Error>,
{
    lambda_runtime::run(Adapter { service }).await
}

/// The service of `LambdaEvent<Value>` that the runtime serves.
struct Adapter<S> {
    service: S,
}

type Answer = Pin<Box<dyn Future<Output = Result<Value, Diagnostic>>>>;

/// A conversion error as the function error Lambda reports: `errorType`
/// `ConversionError`, `errorMessage` what it says.
pub(super) fn conversion_failed(error: ConversionError) -> Diagnostic {
    Diagnostic { error_type: "ConversionError".to_owned(), error_message: error.to_string() }
}

/// An error of the service or of its response body.
pub(super) fn failed(error: impl Into<Error>) -> Diagnostic {
    let error: Error = error.into();
    Diagnostic { error_type: "ServiceError".to_owned(), error_message: error.to_string() }
}

/// The invocation's event as the service's request (with the invocation's
/// context in its extensions), and the source it came from.
pub(super) fn request_of(event: LambdaEvent<Value>) -> Result<(Request<Body>, Source), Diagnostic> {
    let mut request = request_from_json(event.payload).map_err(conversion_failed)?;
    let source = match request.extensions().get::<RequestContext>() {
        Some(context) => context.source(),
        None => return Err(failed("the request has no RequestContext")),
    };
    request.extensions_mut().insert(event.context);
    Ok((request, source))
}

impl<S, B> Service<LambdaEvent<Value>> for Adapter<S>
where
    S: Service<Request<Body>, Response = Response<B>>,
    S::Error: Into<Error>,
    S::Future: 'static,
    B: http_body::Body + 'static,
    B::Error: Into<Error>,
{
    type Response = Value;
    type Error = Diagnostic;
    type Future = Answer;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Diagnostic>> {
        self.service.poll_ready(cx).map_err(failed)
    }

    fn call(&mut self, event: LambdaEvent<Value>) -> Answer {
        let (request, source) = match request_of(event) {
            Ok(converted) => converted,
            Err(error) => return Box::pin(std::future::ready(Err(error))),
        };
        let answer = self.service.call(request);
        Box::pin(async move {
            let response = answer.await.map_err(failed)?;
            let (parts, body) = response.into_parts();
            let body = collect(body).await.map_err(failed)?;
            response_to_json(source, Response::from_parts(parts, body)).map_err(conversion_failed)
        })
    }
}

/// Every data frame of `body`, in one [`Body`] (trailers are dropped).
async fn collect<B>(body: B) -> Result<Body, Error>
where
    B: http_body::Body,
    B::Error: Into<Error>,
{
    let mut body = Box::pin(body);
    let mut bytes: Vec<u8> = Vec::new();
    let mut first: Option<bytes::Bytes> = None;
    while let Some(frame) = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let Ok(mut data) = frame.map_err(Into::into)?.into_data() else { continue };
        // One frame (the usual case) is kept as it is, without a copy.
        match first.take() {
            None if bytes.is_empty() => first = Some(data.copy_to_bytes(data.remaining())),
            previous => {
                if let Some(previous) = previous {
                    bytes.extend_from_slice(&previous);
                }
                while data.has_remaining() {
                    let chunk = data.chunk();
                    bytes.extend_from_slice(chunk);
                    let length = chunk.len();
                    data.advance(length);
                }
            }
        }
    }
    Ok(match first {
        Some(only) => Body::from(only),
        None => Body::from(bytes),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use lambda_runtime::service_fn;
    use serde_json::json;

    /// A body of several data frames and trailers.
    struct Frames(VecDeque<http_body::Frame<bytes::Bytes>>);

    impl http_body::Body for Frames {
        type Data = bytes::Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>> {
            Poll::Ready(self.get_mut().0.pop_front().map(Ok))
        }
    }

    fn frames(parts: &[&'static str]) -> Frames {
        let mut frames: VecDeque<_> = parts.iter().map(|part| http_body::Frame::data(bytes::Bytes::from_static(part.as_bytes()))).collect();
        frames.push_back(http_body::Frame::trailers(::http::HeaderMap::new()));
        Frames(frames)
    }

    async fn invoke<S, B>(service: S, event: Value) -> Result<Value, Diagnostic>
    where
        S: Service<Request<Body>, Response = Response<B>>,
        S::Error: Into<Error>,
        S::Future: 'static,
        B: http_body::Body + 'static,
        B::Error: Into<Error>,
    {
        let mut adapter = Adapter { service };
        std::future::poll_fn(|cx| adapter.poll_ready(cx)).await?;
        adapter.call(LambdaEvent::new(event, lambda_runtime::Context::default())).await
    }

    #[tokio::test]
    async fn bodies_of_several_frames_are_collected_whole() {
        assert_eq!(collect(frames(&["ab", "", "cd", "e"])).await.unwrap().as_bytes(), b"abcde");
        assert_eq!(collect(frames(&["only"])).await.unwrap().as_bytes(), b"only");
        assert!(collect(frames(&[])).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn each_source_is_answered_in_its_shape() {
        let echo = || {
            service_fn(|request: Request<Body>| async move {
                assert!(request.extensions().get::<lambda_runtime::Context>().is_some());
                let body = format!("{} {}", request.method(), request.uri());
                let response = Response::builder().header("set-cookie", "a=1").header("set-cookie", "b=2").body(frames(&["\"", &*body.leak(), "\""]));
                Ok::<_, Error>(response.unwrap())
            })
        };
        let rest = json!({"resource": "/", "path": "/a", "httpMethod": "GET", "requestContext": {}, "queryStringParameters": {"q": "x y"}});
        let answer = invoke(echo(), rest).await.unwrap();
        assert_eq!(answer["body"], "\"GET /a?q=x%20y\"");
        assert_eq!(answer["multiValueHeaders"]["set-cookie"], json!(["a=1", "b=2"]));
        let v2 = json!({"version": "2.0", "routeKey": "$default", "rawPath": "/b", "rawQueryString": "", "requestContext": {"http": {"method": "POST"}}});
        let answer = invoke(echo(), v2).await.unwrap();
        assert_eq!(answer["cookies"], json!(["a=1", "b=2"]));
        let alb = json!({"requestContext": {"elb": {"targetGroupArn": "arn"}}, "httpMethod": "PUT", "path": "/c", "multiValueHeaders": {}});
        let answer = invoke(echo(), alb).await.unwrap();
        assert_eq!(answer["statusDescription"], "200 OK");
        assert_eq!(answer["multiValueHeaders"]["set-cookie"], json!(["a=1", "b=2"]));
        let error = invoke(echo(), json!({"Records": []})).await.unwrap_err();
        assert_eq!(error.error_type, "ConversionError");
        assert!(error.error_message.ends_with("it has: Records"), "{}", error.error_message);
        let failing = service_fn(|_: Request<Body>| async { Err::<Response<Body>, Error>("the database is down".into()) });
        let error = invoke(failing, json!({"raw_path": "/d", "method": "GET"})).await.unwrap_err();
        assert_eq!((error.error_type.as_str(), error.error_message.as_str()), ("ServiceError", "the database is down"));
    }
}
