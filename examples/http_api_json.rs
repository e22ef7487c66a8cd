//! An HTTP API (payload format 2.0) JSON endpoint, `POST /orders`: the body is
//! read into the user's own `NewOrder` type, and the answer is built with the
//! response helpers: 201 with the order as JSON, or 400 saying what is wrong
//! with the body. The customer is the `sub` claim of the route's JWT
//! authorizer.
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
    customer: Option<String>,
    sku: String,
    quantity: u32,
}

async fn handler(event: LambdaEvent<ApiGatewayV2HttpRequest>) -> Result<ApiGatewayV2HttpResponse, Error> {
    let request = event.payload;
    let new_order: NewOrder = match request.body_json() {
        Ok(new_order) => new_order,
        Err(error) => return Ok(ApiGatewayV2HttpResponse::text(400, error.to_string())),
    };
    let context = &request.request_context;
    let customer = request.jwt().and_then(|jwt| jwt.claim_str("sub"));
    let order = Order {
        // API Gateway's request id is unique per request, which an order id must be.
        id: context.request_id.clone().unwrap_or_default(),
        customer: customer.map(str::to_owned),
        sku: new_order.sku,
        quantity: new_order.quantity,
    };
    tracing::info!(order_id = %order.id, sku = %order.sku, "order created");
    Ok(ApiGatewayV2HttpResponse::json(201, &order)?.with_header("Location", format!("/orders/{}", order.id)))
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
