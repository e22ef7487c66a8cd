//! A Lex V2 code hook for an `OrderFlowers` intent: the dialog hook checks the
//! flower type (elicits it again, with a message, when the shop has none) and
//! otherwise delegates to Lex; the fulfillment hook closes the intent as
//! fulfilled with a confirmation. Any other intent is delegated.
use lambda_event_catalog::lex::{LexV2Event, LexV2IntentState, LexV2InvocationSource, LexV2Response};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};

const FLOWERS: &[&str] = &["roses", "tulips", "lilies"];

async fn handler(event: LambdaEvent<LexV2Event>) -> Result<LexV2Response, Error> {
    let event = event.payload;
    if event.intent_name() != Some("OrderFlowers") {
        return Ok(LexV2Response::delegate(&event));
    }
    match event.invocation_source {
        LexV2InvocationSource::FulfillmentCodeHook => {
            let flowers = event.slot_value("FlowerType").unwrap_or("flowers");
            let date = event.slot_value("PickupDate").unwrap_or("the day you chose");
            let time = event.slot_value("PickupTime").unwrap_or("opening time");
            tracing::info!(flowers, date, time, "order placed");
            Ok(LexV2Response::close(&event, LexV2IntentState::Fulfilled)
                .with_message(format!("Thanks, your {flowers} will be ready for pickup at {time} on {date}.")))
        }
        _ => match event.slot_value("FlowerType") {
            Some(flowers) if !FLOWERS.contains(&flowers.to_lowercase().as_str()) => {
                let mut response =
                    LexV2Response::elicit_slot(&event, "FlowerType").with_message(format!("We do not have {flowers}; would you like roses, tulips or lilies?"));
                if let Some(intent) = response.intent_mut() {
                    intent.clear_slot("FlowerType");
                }
                Ok(response)
            }
            _ => Ok(LexV2Response::delegate(&event)),
        },
    }
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
