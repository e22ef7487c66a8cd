//! An axum `Router` whose responses stream, served on Lambda through
//! `lambda_event_catalog::http::run_streaming` (a function URL with
//! `InvokeMode: RESPONSE_STREAM`): each chunk reaches the client as the
//! handler produces it.
//!
//! - `GET /ticks?count=N&interval_ms=M`: server-sent events, one `tick` every
//!   `M` milliseconds (`data: {"n":1}`…), then a `done` event that tells the
//!   client the stream is whole;
//! - `GET /report`: a complete body (a CSV with a cookie), which streams as
//!   one chunk: a buffered handler needs no change;
//! - `GET /broken`: a body that fails after its first line: the client has
//!   the status and that line, then the runtime's error report;
//! - `GET /refused`: a body that fails before its first byte: the invocation
//!   fails, and the client gets Lambda's error answer instead of a 200.
#![forbid(unsafe_code)]
use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Query;
use axum::http::header;
use axum::response::sse::{Event, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use lambda_event_catalog::runtime::{tracing, Error};
use serde::Deserialize;

#[derive(Deserialize)]
struct Ticks {
    count: Option<u32>,
    interval_ms: Option<u64>,
}

/// `count` ticks, `interval` apart, then `done`.
fn ticks(count: u32, interval: Duration) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(1, move |n| async move {
        if n > count + 1 {
            return None;
        }
        if n > count {
            return Some((Ok(Event::default().event("done").data(count.to_string())), n + 1));
        }
        if n > 1 {
            tokio::time::sleep(interval).await;
        }
        Some((Ok(Event::default().event("tick").data(format!("{{\"n\":{n}}}"))), n + 1))
    })
}

async fn sse(Query(query): Query<Ticks>) -> impl IntoResponse {
    Sse::new(ticks(query.count.unwrap_or(5), Duration::from_millis(query.interval_ms.unwrap_or(250))))
}

async fn report() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/csv"), (header::SET_COOKIE, "report=daily; Path=/")], "sku,quantity\nA-1,3\nB-2,1\n")
}

async fn broken() -> Body {
    let lines = stream::iter([Ok("row 1\n"), Err(Error::from("the feed broke after row 1"))]);
    Body::from_stream(lines)
}

async fn refused() -> Body {
    Body::from_stream(stream::iter([Err::<&str, Error>(Error::from("the feed is down"))]))
}

fn app() -> Router {
    Router::new().route("/ticks", get(sse)).route("/report", get(report)).route("/broken", get(broken)).route("/refused", get(refused))
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    lambda_event_catalog::http::run_streaming(app()).await
}
