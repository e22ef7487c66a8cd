//! AWS IoT conveniences: what a device sent to a custom authorizer (the MQTT
//! password's bytes, headers, query parameters), the authorizer's answer with
//! allow and deny policy documents, and the pre-provisioning hook's answer.

use std::collections::BTreeMap;

use crate::codec::OneOrMany;
use crate::iot::{
    IotCustomAuthorizerRequest, IotCustomAuthorizerResponse, IotPolicyDocument, IotPolicyEffect, IotPolicyStatement, IotPreProvisionHookRequest,
    IotPreProvisionHookResponse, IotProtocol,
};

/// The IAM policy language version IoT Core expects.
pub const IOT_POLICY_VERSION: &str = "2012-10-17";

impl IotCustomAuthorizerRequest {
    /// Whether the connection uses `protocol` (`tls`, `http`, `mqtt`).
    #[inline]
    pub fn uses(&self, protocol: &IotProtocol) -> bool {
        self.protocols.contains(protocol)
    }

    /// The MQTT password's bytes, decoded from base64.
    #[inline]
    pub fn mqtt_password(&self) -> Option<&[u8]> {
        Some(self.protocol_data.mqtt.as_ref()?.password.as_ref()?.as_bytes())
    }

    /// The MQTT user name.
    #[inline]
    pub fn mqtt_username(&self) -> Option<&str> {
        self.protocol_data.mqtt.as_ref()?.username.as_deref()
    }

    /// The MQTT client id.
    #[inline]
    pub fn mqtt_client_id(&self) -> Option<&str> {
        self.protocol_data.mqtt.as_ref()?.client_id.as_deref()
    }

    /// An HTTP header, by case-insensitive name.
    #[inline]
    pub fn header(&self, name: &str) -> Option<&str> {
        let headers = self.protocol_data.http.as_ref()?.headers.as_ref()?;
        headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// A parameter of the HTTP query string (percent-decoding is left to the caller), the first if repeated.
    #[inline]
    pub fn query_parameter(&self, name: &str) -> Option<&str> {
        let query = self.protocol_data.http.as_ref()?.query_string.as_deref()?;
        query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    /// The TLS server name (SNI) the device asked for.
    #[inline]
    pub fn server_name(&self) -> Option<&str> {
        self.protocol_data.tls.as_ref()?.server_name.as_deref()
    }
}

impl IotPolicyStatement {
    fn new<A, R>(effect: IotPolicyEffect, actions: A, resources: R) -> Self
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        let mut statement = IotPolicyStatement::default();
        statement.effect = effect;
        statement.action = Some(OneOrMany::Many(actions.into_iter().map(Into::into).collect()));
        statement.resource = Some(OneOrMany::Many(resources.into_iter().map(Into::into).collect()));
        statement
    }

    /// A statement that allows `actions` (`iot:Connect`, `iot:Publish`, …) on `resources` (ARNs).
    pub fn allow<A, R>(actions: A, resources: R) -> Self
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        Self::new(IotPolicyEffect::Allow, actions, resources)
    }

    /// A statement that denies `actions` on `resources`.
    pub fn deny<A, R>(actions: A, resources: R) -> Self
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        Self::new(IotPolicyEffect::Deny, actions, resources)
    }
}

impl IotPolicyDocument {
    /// A policy of the given statements, version `2012-10-17`.
    pub fn from_statements(statements: impl IntoIterator<Item = IotPolicyStatement>) -> Self {
        let mut document = IotPolicyDocument::default();
        document.version = Some(IOT_POLICY_VERSION.to_owned());
        document.statement = statements.into_iter().collect();
        document
    }

    /// A policy of one statement that allows `actions` on `resources`.
    pub fn allow<A, R>(actions: A, resources: R) -> Self
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        Self::from_statements([IotPolicyStatement::allow(actions, resources)])
    }

    /// A policy of one statement that denies `actions` on `resources`.
    pub fn deny<A, R>(actions: A, resources: R) -> Self
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        Self::from_statements([IotPolicyStatement::deny(actions, resources)])
    }
}

impl IotCustomAuthorizerResponse {
    /// The device is authenticated as `principal_id`; add what it may do with
    /// `with_policy`. IoT Core requires both durations: they start at 86400
    /// seconds for the connection and 300 for the refresh.
    pub fn authenticated(principal_id: impl Into<String>) -> Self {
        let mut response = IotCustomAuthorizerResponse::default();
        response.is_authenticated = true;
        response.principal_id = Some(principal_id.into());
        response.disconnect_after_in_seconds = Some(86_400);
        response.refresh_after_in_seconds = Some(300);
        response.policy_documents = Some(Vec::new());
        response
    }

    /// The device may not connect.
    #[inline]
    pub fn unauthenticated() -> Self {
        IotCustomAuthorizerResponse::default()
    }

    /// Adds a policy document (at most ten).
    #[inline]
    pub fn with_policy(mut self, policy: IotPolicyDocument) -> Self {
        self.policy_documents.get_or_insert_with(Vec::new).push(policy);
        self
    }

    /// How long the connection may stay open (300 to 86400 seconds).
    #[inline]
    pub fn with_disconnect_after(mut self, seconds: i64) -> Self {
        self.disconnect_after_in_seconds = Some(seconds);
        self
    }

    /// After how long IoT Core asks the authorizer again (300 to 86400 seconds).
    #[inline]
    pub fn with_refresh_after(mut self, seconds: i64) -> Self {
        self.refresh_after_in_seconds = Some(seconds);
        self
    }
}

impl IotPreProvisionHookRequest {
    /// A parameter the device sent.
    #[inline]
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters.as_ref()?.get(name).map(String::as_str)
    }
}

impl IotPreProvisionHookResponse {
    /// Provisions the device with the parameters it sent.
    #[inline]
    pub fn allow() -> Self {
        let mut response = IotPreProvisionHookResponse::default();
        response.allow_provisioning = true;
        response
    }

    /// Refuses to provision the device.
    #[inline]
    pub fn deny() -> Self {
        IotPreProvisionHookResponse::default()
    }

    /// Replaces (or adds) a template parameter.
    pub fn with_parameter_override(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parameter_overrides.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MQTT: &str = include_str!("../../../fixtures/iot/custom_authorizer_request/mqtt-signed-token.json");
    const HTTP: &str = include_str!("../../../fixtures/iot/custom_authorizer_request/http-websocket-token-in-header.json");

    #[test]
    fn request_members_of_each_protocol() {
        let request: IotCustomAuthorizerRequest = serde_json::from_str(MQTT).unwrap();
        assert!(request.uses(&IotProtocol::Mqtt) && !request.uses(&IotProtocol::Http));
        assert_eq!(request.mqtt_password(), Some(&b"s3cr3t-passw0rd"[..]));
        assert_eq!(request.mqtt_client_id(), Some("thing-42"));
        let request: IotCustomAuthorizerRequest = serde_json::from_str(HTTP).unwrap();
        assert_eq!(request.header("X-Device-Token"), Some("allow-sensor-7"));
        assert_eq!(request.query_parameter("x-amz-customauthorizer-name"), Some("DeviceAuthorizer"));
        assert_eq!(request.mqtt_password(), None);
    }

    #[test]
    fn authorizer_responses_with_allow_and_deny_policies() {
        let topic = "arn:aws:iot:us-east-1:111122223333:topic/sensors/thing-42";
        let response = IotCustomAuthorizerResponse::authenticated("thing42")
            .with_policy(IotPolicyDocument::from_statements([
                IotPolicyStatement::allow(["iot:Connect"], ["arn:aws:iot:us-east-1:111122223333:client/thing-42"]),
                IotPolicyStatement::allow(["iot:Publish"], [topic]),
            ]))
            .with_policy(IotPolicyDocument::deny(["iot:Publish"], ["arn:aws:iot:us-east-1:111122223333:topic/admin/*"]))
            .with_refresh_after(600);
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({
                "isAuthenticated": true, "principalId": "thing42", "disconnectAfterInSeconds": 86400, "refreshAfterInSeconds": 600,
                "policyDocuments": [
                    { "Version": "2012-10-17", "Statement": [
                        { "Effect": "Allow", "Action": ["iot:Connect"], "Resource": ["arn:aws:iot:us-east-1:111122223333:client/thing-42"] },
                        { "Effect": "Allow", "Action": ["iot:Publish"], "Resource": [topic] }
                    ] },
                    { "Version": "2012-10-17", "Statement": [
                        { "Effect": "Deny", "Action": ["iot:Publish"], "Resource": ["arn:aws:iot:us-east-1:111122223333:topic/admin/*"] }
                    ] }
                ]
            })
        );
        assert_eq!(serde_json::to_value(IotCustomAuthorizerResponse::unauthenticated()).unwrap(), serde_json::json!({ "isAuthenticated": false }));
    }

    #[test]
    fn pre_provisioning_answers() {
        let response = IotPreProvisionHookResponse::allow().with_parameter_override("ThingGroup", "floor-3");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({ "allowProvisioning": true, "parameterOverrides": { "ThingGroup": "floor-3" } })
        );
        assert_eq!(serde_json::to_value(IotPreProvisionHookResponse::deny()).unwrap(), serde_json::json!({ "allowProvisioning": false }));
    }
}
