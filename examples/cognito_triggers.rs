//! One function for two Cognito user pool triggers, dispatched by
//! `CognitoUserPoolTrigger` on `triggerSource`: pre sign-up confirms the users
//! of the company's email domain at once, and pre token generation (versions
//! 1, 2 and 3) adds the user's email domain as an `org` claim. Every other
//! trigger is returned as it came; a trigger function returns its event with
//! the `response` filled in.
use lambda_event_catalog::cognito::CognitoUserPoolTrigger;
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};

const COMPANY_DOMAIN: &str = "example.com";

fn email_domain(email: &str) -> Option<&str> {
    email.rsplit_once('@').map(|(_, domain)| domain)
}

async fn handler(event: LambdaEvent<CognitoUserPoolTrigger>) -> Result<CognitoUserPoolTrigger, Error> {
    tracing::info!(trigger = ?event.payload.trigger_source(), user = ?event.payload.user_name(), "trigger");
    Ok(match event.payload {
        CognitoUserPoolTrigger::PreSignUp(mut sign_up) => {
            if sign_up.user_attribute("email").and_then(email_domain) == Some(COMPANY_DOMAIN) {
                sign_up.auto_confirm_user().auto_verify_email();
            }
            CognitoUserPoolTrigger::PreSignUp(sign_up)
        }
        CognitoUserPoolTrigger::PreTokenGeneration(mut tokens) => {
            if let Some(domain) = tokens.user_attribute("email").and_then(email_domain).map(str::to_owned) {
                tokens.add_id_token_claim("org", domain.as_str());
                // Version 1 cannot change the access token: there this changes nothing.
                tokens.add_access_token_claim("org", domain);
            }
            CognitoUserPoolTrigger::PreTokenGeneration(tokens)
        }
        other => other,
    })
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
