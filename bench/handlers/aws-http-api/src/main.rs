//! A minimal HTTP API (payload 2.0) handler on aws_lambda_events: reads a
//! JSON order from the body and answers 201 with it, or 400. The same logic as
//! `handlers/ours-http-api`, for the build time and binary size.
#![forbid(unsafe_code)]
use aws_lambda_events::encodings::Body;
use aws_lambda_events::event::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};
use aws_lambda_events::http::{header, HeaderMap, HeaderValue};
use lambda_runtime::{run, service_fn, tracing, Error, LambdaEvent};
use serde::{Deserialize, Serialize};

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

fn response(status: i64, content_type: &'static str, body: String) -> ApiGatewayV2httpResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let mut response = ApiGatewayV2httpResponse::default();
    response.status_code = status;
    response.headers = headers;
    response.body = Some(Body::Text(body));
    response
}

async fn handler(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let request = event.payload;
    let new_order: NewOrder = match serde_json::from_str(request.body.as_deref().unwrap_or_default()) {
        Ok(new_order) => new_order,
        Err(error) => return Ok(response(400, "text/plain; charset=utf-8", error.to_string())),
    };
    let order = Order { id: request.request_context.request_id.clone().unwrap_or_default(), sku: new_order.sku, quantity: new_order.quantity };
    let mut ok = response(201, "application/json", serde_json::to_string(&order)?);
    ok.headers.insert(header::LOCATION, HeaderValue::from_str(&format!("/orders/{}", order.id))?);
    Ok(ok)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
