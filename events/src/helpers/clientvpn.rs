//! AWS Client VPN conveniences: the connect handler's answer, with every
//! member Client VPN expects (`allow`, `error-msg-on-denied-connection`,
//! `posture-compliance-statuses`, `schema-version`).

use crate::clientvpn::{ClientVpnConnectionHandlerRequest, ClientVpnConnectionHandlerResponse};

/// The response format version the builders write.
pub const CLIENT_VPN_RESPONSE_SCHEMA_VERSION: &str = "v1";

impl ClientVpnConnectionHandlerRequest {
    /// The user name, when the client authenticated with one (not empty).
    #[inline]
    pub fn user(&self) -> Option<&str> {
        self.username.as_deref().filter(|name| !name.is_empty())
    }

    /// The client certificate's common name, with mutual authentication (not empty).
    #[inline]
    pub fn certificate_common_name(&self) -> Option<&str> {
        self.common_name.as_deref().filter(|name| !name.is_empty())
    }
}

impl ClientVpnConnectionHandlerResponse {
    #[inline]
    fn new(allow: bool, message: String) -> Self {
        let mut response = ClientVpnConnectionHandlerResponse::default();
        response.allow = allow;
        response.error_msg_on_denied_connection = Some(message);
        response.posture_compliance_statuses = Some(Vec::new());
        response.schema_version = Some(CLIENT_VPN_RESPONSE_SCHEMA_VERSION.to_owned());
        response
    }

    /// Lets the client connect.
    #[inline]
    pub fn allow() -> Self {
        Self::new(true, String::new())
    }

    /// Refuses the connection; the AWS-provided client shows `message` (at most 255 characters).
    pub fn deny(message: impl Into<String>) -> Self {
        Self::new(false, message.into())
    }

    /// Records the device's posture compliance statuses.
    pub fn with_posture_compliance_statuses<I, S>(mut self, statuses: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.posture_compliance_statuses = Some(statuses.into_iter().map(Into::into).collect());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CERTIFICATE: &str = include_str!("../../../fixtures/clientvpn/connection_handler_request/mutual-auth-certificate.json");

    #[test]
    fn responses_carry_every_member() {
        assert_eq!(
            serde_json::to_value(ClientVpnConnectionHandlerResponse::allow()).unwrap(),
            serde_json::json!({ "allow": true, "error-msg-on-denied-connection": "", "posture-compliance-statuses": [], "schema-version": "v1" })
        );
        let deny = ClientVpnConnectionHandlerResponse::deny("Update your operating system").with_posture_compliance_statuses(["quarantined"]);
        assert_eq!(
            serde_json::to_value(deny).unwrap(),
            serde_json::json!({ "allow": false, "error-msg-on-denied-connection": "Update your operating system", "posture-compliance-statuses": ["quarantined"], "schema-version": "v1" })
        );
        let request: ClientVpnConnectionHandlerRequest = serde_json::from_str(CERTIFICATE).unwrap();
        assert_eq!((request.user(), request.certificate_common_name()), (None, Some("laptop-17.corp.example.com")));
    }
}
