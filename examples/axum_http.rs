//! An axum `Router` served on Lambda through `lambda_event_catalog::http::run`:
//! the same routes answer REST, HTTP API, ALB, Function URL and VPC Lattice
//! events, each in the response document its source reads.
//!
//! - `GET /orders/{id}?fields=…`: a path parameter and a repeated query
//!   parameter, answered as JSON with the source the event came from (read
//!   from the `RequestContext` extension);
//! - `POST /orders`: a JSON body into the user's type, 201 with the order and
//!   a `last_order` cookie, 422 when the body does not fit;
//! - `GET /me`: the `session` cookie, 401 without one.
#![forbid(unsafe_code)]
use axum::extract::{Path, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use lambda_event_catalog::http::RequestContext;
use lambda_event_catalog::runtime::{tracing, Error};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// `?fields=a&fields=b`: every value of a repeated parameter (axum's
/// `Query` reads one value per name; the raw query keeps them all).
fn fields(query: Option<&str>) -> Vec<String> {
    query
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(key, _)| *key == "fields")
        .map(|(_, value)| value.replace("%20", " "))
        .collect()
}

#[derive(Deserialize)]
struct Format {
    format: Option<String>,
}

async fn get_order(
    Path(id): Path<String>,
    Query(format): Query<Format>,
    Extension(context): Extension<RequestContext>,
    uri: axum::http::Uri,
) -> Json<serde_json::Value> {
    Json(json!({
        "id": id,
        "fields": fields(uri.query()),
        "format": format.format.unwrap_or_else(|| "full".to_owned()),
        "source": format!("{:?}", context.source()),
    }))
}

#[derive(Deserialize)]
struct NewOrder {
    sku: String,
    quantity: u32,
}

#[derive(Serialize)]
struct Order {
    id: String,
    sku: String,
    quantity: u32,
}

async fn create_order(order: Result<Json<NewOrder>, axum::extract::rejection::JsonRejection>) -> Response {
    match order {
        Ok(Json(order)) if order.quantity > 0 => {
            let created = Order { id: "1042-7731".to_owned(), sku: order.sku, quantity: order.quantity };
            (StatusCode::CREATED, [(header::SET_COOKIE, "last_order=1042-7731; Path=/; Secure; HttpOnly")], Json(created)).into_response()
        }
        Ok(Json(_)) => (StatusCode::UNPROCESSABLE_ENTITY, "`quantity` must be at least 1").into_response(),
        Err(rejection) => (StatusCode::UNPROCESSABLE_ENTITY, rejection.body_text()).into_response(),
    }
}

async fn me(headers: HeaderMap) -> Response {
    let session = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|cookie| cookie.trim().strip_prefix("session="));
    match session {
        Some(session) => format!("signed in with session {session}").into_response(),
        None => (StatusCode::UNAUTHORIZED, "no session cookie").into_response(),
    }
}

fn app() -> Router {
    Router::new().route("/orders/{id}", get(get_order)).route("/orders", post(create_order)).route("/me", get(me))
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    lambda_event_catalog::http::run(app()).await
}
