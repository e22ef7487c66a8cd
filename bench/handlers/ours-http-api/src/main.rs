//! A minimal HTTP API (payload 2.0) handler on lambda-event-catalog: reads a
//! JSON order from the body and answers 201 with it, or 400. The same logic as
//! `handlers/aws-http-api`, for the build time and binary size.
#![forbid(unsafe_code)]
use lambda_event_catalog::apigw::{ApiGatewayV2HttpRequest, ApiGatewayV2HttpResponse};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
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

async fn handler(event: LambdaEvent<ApiGatewayV2HttpRequest>) -> Result<ApiGatewayV2HttpResponse, Error> {
    let request = event.payload;
    let new_order: NewOrder = match request.body_json() {
        Ok(new_order) => new_order,
        Err(error) => return Ok(ApiGatewayV2HttpResponse::text(400, error.to_string())),
    };
    let order = Order { id: request.request_context.request_id.clone().unwrap_or_default(), sku: new_order.sku, quantity: new_order.quantity };
    Ok(ApiGatewayV2HttpResponse::json(201, &order)?.with_header("Location", format!("/orders/{}", order.id)))
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
