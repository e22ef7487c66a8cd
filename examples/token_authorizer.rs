//! A REST API TOKEN authorizer: it looks the caller's API key up (a fixed
//! table here, a secrets store in real life), allows a known key to invoke
//! every method of the stage (API Gateway caches the policy per token and
//! applies it to the caller's next calls, whatever their method), with the
//! account and plan as context for the integration, and denies an unknown
//! one (API Gateway answers 403). A request
//! without a key is `Unauthorized`, which API Gateway answers with 401.
use lambda_event_catalog::apigw::{ApiGatewayIamPolicyResponse, ApiGatewayTokenAuthorizerRequest};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};

struct Account {
    key: &'static str,
    id: &'static str,
    plan: &'static str,
}

const ACCOUNTS: &[Account] = &[Account { key: "tk_live_9f8e7d6c5b4a3f2e1d0c", id: "acct-3391", plan: "pro" }];

async fn handler(event: LambdaEvent<ApiGatewayTokenAuthorizerRequest>) -> Result<ApiGatewayIamPolicyResponse, Error> {
    let request = event.payload;
    let token = &request.authorization_token;
    let key = token.strip_prefix("Bearer ").unwrap_or(token).trim();
    if key.is_empty() {
        // The one error text API Gateway turns into a 401 rather than a 500.
        return Err("Unauthorized".into());
    }
    match ACCOUNTS.iter().find(|account| account.key == key) {
        Some(account) => {
            tracing::info!(account = account.id, method = %request.method_arn, "allowed");
            let stage = request.stage_wildcard_arn().ok_or("methodArn is no API Gateway method ARN")?;
            Ok(ApiGatewayIamPolicyResponse::allow(account.id, stage).with_context("account", account.id).with_context("plan", account.plan))
        }
        None => {
            tracing::warn!(method = %request.method_arn, "unknown API key");
            Ok(ApiGatewayIamPolicyResponse::deny("anonymous", request.method_arn))
        }
    }
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
