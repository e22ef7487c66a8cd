//! Amazon Bedrock agent conveniences: the action's parameters and request
//! body properties by name, and the response of each form (OpenAPI schema or
//! function details) built from the event it answers.

use std::collections::BTreeMap;

use crate::bedrock_agent::{
    BedrockAgentActionGroupEvent, BedrockAgentActionGroupResponse, BedrockAgentFunctionResponse, BedrockAgentParameter, BedrockAgentResponseBodyContent,
    BedrockAgentResponseState,
};
use crate::payload::PayloadError;

/// The response format version the builders write.
pub const BEDROCK_AGENT_MESSAGE_VERSION: &str = "1.0";

#[inline]
fn find<'a>(parameters: Option<&'a Vec<BedrockAgentParameter>>, name: &str) -> Option<&'a str> {
    parameters?.iter().find(|parameter| parameter.name == name)?.value.as_deref()
}

#[inline]
fn body(content_type: &str, text: String) -> BTreeMap<String, BedrockAgentResponseBodyContent> {
    let mut content = BedrockAgentResponseBodyContent::default();
    content.body = Some(text);
    BTreeMap::from([(content_type.to_owned(), content)])
}

impl BedrockAgentActionGroupEvent {
    /// Whether the action group is defined by function details (`function`),
    /// rather than by an OpenAPI schema (`apiPath`, `httpMethod`).
    #[inline]
    pub fn is_function(&self) -> bool {
        self.function.is_some()
    }

    /// The value (as text) of a parameter: a function's, or a path, query or header parameter of the OpenAPI form.
    #[inline]
    pub fn parameter(&self, name: &str) -> Option<&str> {
        find(self.parameters.as_ref(), name)
    }

    /// The properties of the request body of `content_type` (`application/json`),
    /// decoded from its `properties` list; `Absent` when the event has no such body.
    // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
    #[inline]
    pub fn request_body_properties(&self, content_type: &str) -> Result<Vec<BedrockAgentParameter>, PayloadError> {
        let content = self.request_body.as_ref().and_then(|body| body.content.as_ref()).and_then(|content| content.get(content_type));
        crate::payload::decode_value("properties", content.and_then(|content| content.get("properties")))
    }

    /// The value (as text) of a property of the `application/json` request body.
    #[inline]
    pub fn request_body_property(&self, name: &str) -> Option<String> {
        self.request_body_properties("application/json").ok()?.into_iter().find(|property| property.name == name)?.value
    }
}

impl BedrockAgentActionGroupResponse {
    #[inline]
    fn answering(event: &BedrockAgentActionGroupEvent) -> Self {
        let mut response = BedrockAgentActionGroupResponse::default();
        response.message_version = BEDROCK_AGENT_MESSAGE_VERSION.to_owned();
        response.response.action_group = event.action_group.clone();
        response.session_attributes = event.session_attributes.clone();
        response.prompt_session_attributes = event.prompt_session_attributes.clone();
        response
    }

    /// The answer of an OpenAPI-form action: its status and an `application/json`
    /// body (the JSON text of the result). Session attributes are carried over.
    pub fn api(event: &BedrockAgentActionGroupEvent, http_status_code: i64, json_body: impl Into<String>) -> Self {
        let mut response = Self::answering(event);
        response.response.api_path = event.api_path.clone();
        response.response.http_method = event.http_method.clone();
        response.response.http_status_code = Some(http_status_code);
        response.response.response_body = Some(body("application/json", json_body.into()));
        response
    }

    /// The answer of an OpenAPI-form action whose body is `value` serialized to JSON.
    pub fn api_json<T: serde::Serialize + ?Sized>(event: &BedrockAgentActionGroupEvent, http_status_code: i64, value: &T) -> Result<Self, serde_json::Error> {
        Ok(Self::api(event, http_status_code, serde_json::to_string(value)?))
    }

    /// The answer of a function-details action: the result as `TEXT`.
    /// Session attributes are carried over.
    pub fn function(event: &BedrockAgentActionGroupEvent, text: impl Into<String>) -> Self {
        let mut response = Self::answering(event);
        response.response.function = event.function.clone();
        let mut function_response = BedrockAgentFunctionResponse::default();
        function_response.response_body = Some(body("TEXT", text.into()));
        response.response.function_response = Some(function_response);
        response
    }

    /// Marks a function-details answer `FAILURE` or `REPROMPT`.
    #[inline]
    pub fn with_response_state(mut self, state: BedrockAgentResponseState) -> Self {
        self.response.function_response.get_or_insert_with(BedrockAgentFunctionResponse::default).response_state = Some(state);
        self
    }

    /// Sets a session attribute.
    pub fn with_session_attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.session_attributes.get_or_insert_with(BTreeMap::new).insert(key.into(), value.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GET: &str = include_str!("../../../fixtures/bedrock_agent/action_group_event/openapi-get-path-parameter.json");
    const POST: &str = include_str!("../../../fixtures/bedrock_agent/action_group_event/openapi-post-request-body.json");
    const FUNCTION: &str = include_str!("../../../fixtures/bedrock_agent/action_group_event/function-details-parameters.json");

    #[test]
    fn parameters_and_body_properties_by_name() {
        let get: BedrockAgentActionGroupEvent = serde_json::from_str(GET).unwrap();
        assert!(!get.is_function());
        assert_eq!(get.parameter("orderId"), Some("8812"));
        let post: BedrockAgentActionGroupEvent = serde_json::from_str(POST).unwrap();
        assert_eq!(post.request_body_property("quantity").as_deref(), Some("24"));
        assert_eq!(post.request_body_properties("application/json").unwrap().len(), 4);
        assert!(post.request_body_properties("text/plain").unwrap_err().to_string().contains("absent"));
        let function: BedrockAgentActionGroupEvent = serde_json::from_str(FUNCTION).unwrap();
        assert!(function.is_function());
        assert_eq!(function.parameter("party_size"), Some("4"));
    }

    #[test]
    fn responses_of_both_forms() {
        let get: BedrockAgentActionGroupEvent = serde_json::from_str(GET).unwrap();
        let response = BedrockAgentActionGroupResponse::api_json(&get, 200, &serde_json::json!({ "status": "shipped" })).unwrap();
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({
                "messageVersion": "1.0",
                "response": {
                    "actionGroup": "OrdersApi", "apiPath": "/orders/{orderId}", "httpMethod": "GET", "httpStatusCode": 200,
                    "responseBody": { "application/json": { "body": "{\"status\":\"shipped\"}" } }
                },
                "sessionAttributes": { "customerId": "c-77" },
                "promptSessionAttributes": {}
            })
        );
        let function: BedrockAgentActionGroupEvent = serde_json::from_str(FUNCTION).unwrap();
        let response =
            BedrockAgentActionGroupResponse::function(&function, "party_size must be at most 12").with_response_state(BedrockAgentResponseState::Reprompt);
        assert_eq!(
            serde_json::to_value(&response).unwrap()["response"],
            serde_json::json!({
                "actionGroup": "Reservations", "function": "book_table",
                "functionResponse": { "responseState": "REPROMPT", "responseBody": { "TEXT": { "body": "party_size must be at most 12" } } }
            })
        );
    }
}
