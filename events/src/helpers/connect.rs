//! Amazon Connect conveniences: the block's parameters and the contact's
//! attributes by name, and a flat response of text values.
//!
//! `ConnectContactFlowResponse` is a map (`BTreeMap<String, serde_json::Value>`),
//! which takes no methods of its own: `string_response` builds the flat map of
//! text that the block's default response validation (`STRING_MAP`) accepts.

use crate::connect::{ConnectContactData, ConnectContactFlowEvent, ConnectContactFlowResponse};

impl ConnectContactFlowEvent {
    /// The contact the flow runs for.
    #[inline]
    pub fn contact(&self) -> &ConnectContactData {
        &self.details.contact_data
    }

    /// A parameter of the Invoke AWS Lambda function block.
    #[inline]
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.details.parameters.as_ref()?.get(name).map(String::as_str)
    }

    /// A user-defined attribute of the contact.
    #[inline]
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.details.contact_data.attributes.as_ref()?.get(name).map(String::as_str)
    }
}

/// A response of text values, which the flow reads as `$.External.<key>`.
pub fn string_response<I, K, V>(pairs: I) -> ConnectContactFlowResponse
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: Into<String>,
{
    pairs.into_iter().map(|(key, value)| (key.into(), serde_json::Value::String(value.into()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOICE: &str = include_str!("../../../fixtures/connect/contact_flow_event/voice-inbound-queued.json");

    #[test]
    fn parameters_and_attributes_by_name() {
        let event: ConnectContactFlowEvent = serde_json::from_str(VOICE).unwrap();
        assert_eq!(event.parameter("accountNumber"), Some("4821"));
        assert_eq!(event.attribute("customerTier"), Some("gold"));
        assert_eq!(event.contact().customer_endpoint.as_ref().and_then(|endpoint| endpoint.address.as_deref()), Some("+14155550123"));
        let response = string_response([("accountStatus", "active"), ("balance", "42.50")]);
        assert_eq!(serde_json::to_value(&response).unwrap(), serde_json::json!({ "accountStatus": "active", "balance": "42.50" }));
    }
}
