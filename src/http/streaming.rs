//! Serving a tower service of `http` requests on the Lambda runtime with
//! streamed responses (function URLs with `InvokeMode: RESPONSE_STREAM`, API
//! Gateway REST APIs with response streaming).

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use ::http::{Request, Response};
use bytes::{Buf as _, Bytes};
use lambda_runtime::{Diagnostic, Error, LambdaEvent, MetadataPrelude, Service, StreamResponse};
use serde_json::Value;

use super::run::{conversion_failed, failed, request_of};
use super::{Body, ConversionError};
use crate::lambda_url::LambdaFunctionUrlStreamingPrelude;

/// Serves `service` on the Lambda runtime with streamed responses: every
/// invocation's event becomes an `http::Request<Body>` exactly as [`run`](super::run)
/// converts it, the service answers it, and the response goes out through
/// the runtime's streaming support (`lambda_runtime`'s `StreamResponse`) as
/// Lambda reads a streamed HTTP response: the prelude
/// ([`LambdaFunctionUrlStreamingPrelude`], shape
/// `lambda_url.streaming_response_prelude`: `statusCode`, `headers`, every
/// `Set-Cookie` in `cookies`), eight NUL bytes, then each data frame of the
/// body as the body yields it, never buffered (trailers are dropped). A
/// complete body (`Body::from("…")`, `axum::Json`) is one frame, streamed
/// the same way.
///
/// The prelude goes out with the body's first data frame: the status and
/// headers are sent once the body has something to send (or has ended). A
/// stream that may stay idle for long, such as server-sent events waiting
/// for news, can yield a comment (`:\n\n`) first so that the client gets
/// the head at once.
///
/// **Errors.** An event that does not convert fails the invocation as in
/// [`run`](super::run) (`ConversionError`), and so does a service error or
/// a body that fails before its first data frame (`ServiceError`): nothing
/// has been sent, and the client gets the answer Lambda gives for a function
/// error (a function URL answers `502`). A body that fails after its first
/// frame cannot change the status the client already has: the runtime
/// writes its error report into the stream, so the client receives the
/// bytes sent so far, then the text
/// `Lambda-Runtime-Function-Error-Type: Runtime.StreamError\r\nLambda-Runtime-Function-Error-Body: <the error's message in base64>\r\n`,
/// and the response ends (lambda_runtime 1.5 writes that report into the
/// body, not as HTTP trailers). Clients that must tell a cut stream from a whole
/// one need an end marker of their own (an SSE `event: done`).
///
/// Only function URLs and REST APIs stream; the function's invoke mode must
/// be `RESPONSE_STREAM` (a function URL in `BUFFERED` mode would send the
/// prelude and delimiter as the body). Needs the features `http` and `runtime`.
///
/// ```no_run
/// use lambda_event_catalog::http::{self, Body};
/// use lambda_event_catalog::runtime::{service_fn, Error};
///
/// async fn hello(_: ::http::Request<Body>) -> Result<::http::Response<Body>, Error> {
///     Ok(::http::Response::builder().header("content-type", "text/plain").body(Body::from("streamed"))?)
/// }
///
/// #[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
/// async fn main() -> Result<(), Error> {
///     http::run_streaming(service_fn(hello)).await
/// }
/// ```
///
/// # Errors
/// What `lambda_runtime::run` returns: the runtime could not start or lost
/// the Runtime API.
pub async fn run_streaming<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request<Body>, Response = Response<B>>,
    S::Error: Into<Error>,
    S::Future: 'static,
    B: http_body::Body + Send + 'static,
    B::Error: Into<Error>,
{
    lambda_runtime::run(StreamingAdapter { service }).await
}

/// The service of `LambdaEvent<Value>` that the runtime serves, answering
/// with streamed responses.
struct StreamingAdapter<S> {
    service: S,
}

type StreamingAnswer<B> = Pin<Box<dyn Future<Output = Result<StreamResponse<BodyStream<B>>, Diagnostic>>>>;

impl<S, B> Service<LambdaEvent<Value>> for StreamingAdapter<S>
where
    S: Service<Request<Body>, Response = Response<B>>,
    S::Error: Into<Error>,
    S::Future: 'static,
    B: http_body::Body + Send + 'static,
    B::Error: Into<Error>,
{
    type Response = StreamResponse<BodyStream<B>>;
    type Error = Diagnostic;
    type Future = StreamingAnswer<B>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Diagnostic>> {
        self.service.poll_ready(cx).map_err(failed)
    }

    fn call(&mut self, event: LambdaEvent<Value>) -> StreamingAnswer<B> {
        let request = match request_of(event) {
            Ok((request, _)) => request,
            Err(error) => return Box::pin(std::future::ready(Err(error))),
        };
        let answer = self.service.call(request);
        Box::pin(async move {
            let (head, body) = answer.await.map_err(failed)?.into_parts();
            let prelude = LambdaFunctionUrlStreamingPrelude::try_from(&head).map_err(conversion_failed)?;
            let metadata_prelude = metadata_prelude(prelude).map_err(conversion_failed)?;
            let stream = BodyStream::start(body).await.map_err(failed)?;
            Ok(StreamResponse { metadata_prelude, stream })
        })
    }
}

/// The runtime's prelude for ours: it writes the same JSON document. A
/// header value that is not visible ASCII is refused: the runtime would
/// write it as an empty list, which no client reads as the header.
fn metadata_prelude(prelude: LambdaFunctionUrlStreamingPrelude) -> Result<MetadataPrelude, ConversionError> {
    let headers = prelude.header_map()?;
    if let Some((name, _)) = headers.iter().find(|(_, value)| value.to_str().is_err()) {
        return Err(ConversionError::InvalidHeaderValue { member: "headers", name: name.to_string() });
    }
    Ok(MetadataPrelude { status_code: prelude.status()?, headers, cookies: prelude.cookies.unwrap_or_default() })
}

/// A response body as the stream of its data frames, which the runtime
/// writes after the prelude: empty frames and trailers are skipped, and the
/// stream ends at the body's end or after its first error.
struct BodyStream<B> {
    /// The first data frame, read before the prelude goes out.
    first: Option<Bytes>,
    body: Pin<Box<B>>,
    ended: bool,
}

impl<B> BodyStream<B>
where
    B: http_body::Body,
    B::Error: Into<Error>,
{
    /// Reads the body up to its first data frame (or its end), so that a body
    /// that fails at once fails the invocation before anything is sent.
    async fn start(body: B) -> Result<Self, Error> {
        let mut body = Box::pin(body);
        let first = std::future::poll_fn(|cx| poll_data(body.as_mut(), cx)).await.transpose()?;
        Ok(BodyStream { ended: first.is_none(), first, body })
    }
}

/// The next data frame that has bytes, skipping empty ones and trailers.
fn poll_data<B>(mut body: Pin<&mut B>, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Error>>>
where
    B: http_body::Body,
    B::Error: Into<Error>,
{
    loop {
        match ready!(body.as_mut().poll_frame(cx)) {
            None => return Poll::Ready(None),
            Some(Err(error)) => return Poll::Ready(Some(Err(error.into()))),
            Some(Ok(frame)) => {
                if let Ok(mut data) = frame.into_data() {
                    if data.has_remaining() {
                        return Poll::Ready(Some(Ok(data.copy_to_bytes(data.remaining()))));
                    }
                }
            }
        }
    }
}

impl<B> futures_core::Stream for BodyStream<B>
where
    B: http_body::Body,
    B::Error: Into<Error>,
{
    type Item = Result<Bytes, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(first) = this.first.take() {
            return Poll::Ready(Some(Ok(first)));
        }
        if this.ended {
            return Poll::Ready(None);
        }
        let next = ready!(poll_data(this.body.as_mut(), cx));
        this.ended = !matches!(next, Some(Ok(_)));
        Poll::Ready(next)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use futures_core::Stream;
    use lambda_runtime::service_fn;
    use serde_json::json;

    /// A body that yields its frames in order, then, if `then_pending`, never
    /// anything more (a stream whose producer has not finished), or its end.
    struct Frames {
        frames: VecDeque<Result<http_body::Frame<Bytes>, Error>>,
        then_pending: bool,
    }

    impl http_body::Body for Frames {
        type Data = Bytes;
        type Error = Error;

        fn poll_frame(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<http_body::Frame<Bytes>, Error>>> {
            let this = self.get_mut();
            match this.frames.pop_front() {
                Some(frame) => Poll::Ready(Some(frame)),
                None if this.then_pending => Poll::Pending,
                None => Poll::Ready(None),
            }
        }
    }

    fn data(text: &'static str) -> Result<http_body::Frame<Bytes>, Error> {
        Ok(http_body::Frame::data(Bytes::from_static(text.as_bytes())))
    }

    fn body(frames: Vec<Result<http_body::Frame<Bytes>, Error>>, then_pending: bool) -> Frames {
        Frames { frames: frames.into(), then_pending }
    }

    async fn invoke<S, B>(service: S, event: Value) -> Result<StreamResponse<BodyStream<B>>, Diagnostic>
    where
        S: Service<Request<Body>, Response = Response<B>>,
        S::Error: Into<Error>,
        S::Future: 'static,
        B: http_body::Body + Send + 'static,
        B::Error: Into<Error>,
    {
        let mut adapter = StreamingAdapter { service };
        std::future::poll_fn(|cx| adapter.poll_ready(cx)).await?;
        adapter.call(LambdaEvent::new(event, lambda_runtime::Context::default())).await
    }

    /// What the stream yields until it ends or has nothing ready.
    fn ready_items<B>(stream: &mut BodyStream<B>) -> Vec<Result<String, String>>
    where
        B: http_body::Body,
        B::Error: Into<Error>,
    {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let mut items = Vec::new();
        while let Poll::Ready(Some(item)) = Pin::new(&mut *stream).poll_next(&mut cx) {
            items.push(item.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).map_err(|error| error.to_string()));
        }
        items
    }

    fn url_event() -> Value {
        json!({"version": "2.0", "routeKey": "$default", "rawPath": "/events", "rawQueryString": "", "requestContext": {"http": {"method": "GET"}, "domainName": "abc.lambda-url.eu-west-1.on.aws"}})
    }

    #[tokio::test]
    async fn frames_are_streamed_as_they_come_behind_the_prelude() {
        let service = service_fn(|request: Request<Body>| async move {
            assert!(request.extensions().get::<lambda_runtime::Context>().is_some());
            assert_eq!(request.uri(), "/events");
            let frames = vec![data("data: 1\n\n"), data(""), Ok(http_body::Frame::trailers(::http::HeaderMap::new())), data("data: 2\n\n")];
            let response = Response::builder()
                .header("content-type", "text/event-stream")
                .header("vary", "accept")
                .header("vary", "accept-encoding")
                .header("set-cookie", "a=1")
                .header("set-cookie", "b=2; HttpOnly")
                .body(body(frames, true));
            Ok::<_, Error>(response.unwrap())
        });
        let mut response = invoke(service, url_event()).await.unwrap();
        let prelude = serde_json::to_value(&response.metadata_prelude).unwrap();
        assert_eq!(
            prelude,
            json!({"statusCode": 200, "headers": {"content-type": "text/event-stream", "vary": "accept, accept-encoding"}, "cookies": ["a=1", "b=2; HttpOnly"]})
        );
        // The runtime writes the prelude it is given: the document of our type, as the shape describes it.
        let written = serde_json::to_vec(&prelude).unwrap();
        let ours: LambdaFunctionUrlStreamingPrelude = crate::from_slice(&written).unwrap();
        assert_eq!(serde_json::to_value(&ours).unwrap(), prelude);
        #[cfg(feature = "testing")]
        crate::testing::check::<LambdaFunctionUrlStreamingPrelude>(&written).unwrap();
        // Both frames are there although the body has not ended: nothing waits for the whole body.
        assert_eq!(ready_items(&mut response.stream), [Ok("data: 1\n\n".to_owned()), Ok("data: 2\n\n".to_owned())]);
    }

    #[tokio::test]
    async fn a_complete_body_is_one_frame() {
        let service = service_fn(|_: Request<Body>| async { Ok::<_, Error>(Response::builder().status(201).body(Body::from("made")).unwrap()) });
        let mut response = invoke(service, url_event()).await.unwrap();
        assert_eq!(serde_json::to_value(&response.metadata_prelude).unwrap(), json!({"statusCode": 201, "headers": {}, "cookies": []}));
        assert_eq!(ready_items(&mut response.stream), [Ok("made".to_owned())]);
        let empty = service_fn(|_: Request<Body>| async { Ok::<_, Error>(Response::new(Body::empty())) });
        assert!(ready_items(&mut invoke(empty, url_event()).await.unwrap().stream).is_empty());
    }

    #[tokio::test]
    async fn a_body_failing_midway_ends_the_stream_with_its_error() {
        let service = service_fn(|_: Request<Body>| async {
            Ok::<_, Error>(Response::new(body(vec![data("partial"), Err("the feed broke".into()), data("never")], false)))
        });
        let mut response = invoke(service, url_event()).await.unwrap();
        assert_eq!(ready_items(&mut response.stream), [Ok("partial".to_owned()), Err("the feed broke".to_owned())]);
    }

    #[tokio::test]
    async fn a_body_failing_before_its_first_frame_fails_the_invocation() {
        let service = service_fn(|_: Request<Body>| async { Ok::<_, Error>(Response::new(body(vec![data(""), Err("no database".into())], false))) });
        let error = invoke(service, url_event()).await.err().unwrap();
        assert_eq!((error.error_type.as_str(), error.error_message.as_str()), ("ServiceError", "no database"));
        let failing = service_fn(|_: Request<Body>| async { Err::<Response<Body>, Error>("refused".into()) });
        assert_eq!(invoke(failing, url_event()).await.err().unwrap().error_type, "ServiceError");
        let not_ascii = service_fn(|_: Request<Body>| async { Ok::<_, Error>(Response::builder().header("x-city", "Zürich").body(Body::from("x")).unwrap()) });
        let error = invoke(not_ascii, url_event()).await.err().unwrap();
        assert_eq!(error.error_type, "ConversionError");
        assert!(error.error_message.contains("\"x-city\""), "{}", error.error_message);
        let not_http = service_fn(|_: Request<Body>| async { Ok::<_, Error>(Response::new(Body::empty())) });
        assert_eq!(invoke(not_http, json!({"Records": []})).await.err().unwrap().error_type, "ConversionError");
    }
}
