//! Cognito user pool triggers: fill in a trigger's `response` in one call
//! (auto-confirm, claims and scopes, challenge decisions, custom messages,
//! migrated users). The members every trigger has are read on the
//! `CognitoUserPoolTrigger` entry point, whichever trigger fired
//! (`trigger_source()`, `user_pool_id()`, …: generated from the schemas).
//!
//! Every method works on the generated types; a trigger function returns the
//! event it received, with `response` filled in.
//!
//! # Example: one function for pre sign-up and pre token generation
//!
//! Wire the same function to both triggers; it receives the event, fills
//! in the `response` of whichever trigger fired, and returns the event.
//!
//! ```
//! use lambda_event_catalog_events::cognito::CognitoUserPoolTrigger;
//!
//! fn handle(event: CognitoUserPoolTrigger) -> CognitoUserPoolTrigger {
//!     match event {
//!         CognitoUserPoolTrigger::PreSignUp(mut signup) => {
//!             if signup.user_attribute("email").is_some_and(|email| email.ends_with("@example.com")) {
//!                 signup.auto_confirm_user().auto_verify_email();
//!             }
//!             CognitoUserPoolTrigger::PreSignUp(signup)
//!         }
//!         CognitoUserPoolTrigger::PreTokenGeneration(mut tokens) => {
//!             let tenant = tokens.user_attribute("custom:tenant").unwrap_or("none").to_owned();
//!             // Written to `claimsOverrideDetails` (version 1) or
//!             // `claimsAndScopeOverrideDetails` (versions 2 and 3).
//!             tokens.add_id_token_claim("tenant", tenant.as_str());
//!             // Only versions 2 and 3 can change the access token.
//!             let _changed = tokens.add_access_token_claim("tenant", tenant);
//!             CognitoUserPoolTrigger::PreTokenGeneration(tokens)
//!         }
//!         // Every other trigger, and `Unknown`: return the event as it came.
//!         other => other,
//!     }
//! }
//!
//! let event = r#"{"version": "1", "triggerSource": "PreSignUp_SignUp", "region": "us-east-1",
//!   "userPoolId": "us-east-1_aB3cD4eF5", "userName": "maria",
//!   "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "4f8k2l3m4n5o6p7q8r9s0t1u2v"},
//!   "request": {"userAttributes": {"email": "maria@example.com"}},
//!   "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false}}"#;
//! let event: CognitoUserPoolTrigger = serde_json::from_str(event)?;
//! assert_eq!(event.trigger_source(), Some("PreSignUp_SignUp"));
//! let reply = serde_json::to_value(handle(event))?;
//! assert_eq!(reply["response"]["autoConfirmUser"], true);
//! assert_eq!(reply["triggerSource"], "PreSignUp_SignUp");
//!
//! let event = r#"{"version": "2", "triggerSource": "TokenGeneration_Authentication", "region": "us-east-1",
//!   "userPoolId": "us-east-1_aB3cD4eF5", "userName": "maria",
//!   "request": {"userAttributes": {"custom:tenant": "acme"}, "groupConfiguration": null, "scopes": ["openid"]},
//!   "response": {"claimsAndScopeOverrideDetails": null}}"#;
//! let reply = serde_json::to_value(handle(serde_json::from_str(event)?))?;
//! let details = &reply["response"]["claimsAndScopeOverrideDetails"];
//! assert_eq!(details["idTokenGeneration"]["claimsToAddOrOverride"]["tenant"], "acme");
//! assert_eq!(details["accessTokenGeneration"]["claimsToAddOrOverride"]["tenant"], "acme");
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::collections::BTreeMap;

use serde_json::Value;

use crate::cognito::{
    CognitoAccessTokenGeneration, CognitoChallengeName, CognitoChallengeResult, CognitoClaimsAndScopeOverrideDetails, CognitoClaimsOverrideDetails,
    CognitoCreateAuthChallenge, CognitoCustomMessage, CognitoCustomSenderRequest, CognitoDefineAuthChallenge, CognitoDeliveryMedium, CognitoGroupConfiguration,
    CognitoIdTokenGeneration, CognitoInboundFederation, CognitoPreSignUp, CognitoPreTokenGeneration, CognitoPreTokenGenerationTriggerSource,
    CognitoPreTokenGenerationV1, CognitoPreTokenGenerationV2Response, CognitoPreTokenGenerationV3, CognitoSyncEvent, CognitoSyncOperation,
    CognitoTriggerVersion, CognitoUserMigration, CognitoUserMigrationFinalUserStatus, CognitoUserMigrationMessageAction, CognitoVerifyAuthChallenge,
};

/// The value of `name` in an optional map of text, if present.
#[inline]
pub(crate) fn lookup<'a>(map: Option<&'a BTreeMap<String, String>>, name: &str) -> Option<&'a str> {
    map.and_then(|map| map.get(name)).map(String::as_str)
}

/// Pushes `item` onto an optional list, creating the list, unless it is there already.
#[inline]
fn push_unique(list: &mut Option<Vec<String>>, item: String) {
    let list = list.get_or_insert_with(Vec::new);
    if !list.contains(&item) {
        list.push(item);
    }
}

impl CognitoPreSignUp {
    /// Confirms the user without a confirmation code (`response.autoConfirmUser`).
    #[inline]
    pub fn auto_confirm_user(&mut self) -> &mut Self {
        self.response_mut().auto_confirm_user = Some(true);
        self
    }

    /// Marks the email address as verified (`response.autoVerifyEmail`); the
    /// sign-up must carry an `email` attribute.
    #[inline]
    pub fn auto_verify_email(&mut self) -> &mut Self {
        self.response_mut().auto_verify_email = Some(true);
        self
    }

    /// Marks the phone number as verified (`response.autoVerifyPhone`); the
    /// sign-up must carry a `phone_number` attribute.
    #[inline]
    pub fn auto_verify_phone(&mut self) -> &mut Self {
        self.response_mut().auto_verify_phone = Some(true);
        self
    }

    /// The value of `key` in the `validationData` the app passed, if any.
    #[inline]
    pub fn validation_data_value(&self, key: &str) -> Option<&str> {
        lookup(self.request.validation_data.as_ref(), key)
    }
}

impl CognitoGroupConfiguration {
    /// Groups to put in the tokens (`cognito:groups`), without IAM roles.
    pub fn from_groups<I, S>(groups: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        CognitoGroupConfiguration { groups_to_override: Some(groups.into_iter().map(Into::into).collect()), ..Default::default() }
    }

    /// Adds IAM role ARNs (`cognito:roles`).
    pub fn with_iam_roles<I, S>(mut self, roles: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.iam_roles_to_override.get_or_insert_with(Vec::new).extend(roles.into_iter().map(Into::into));
        self
    }

    /// Sets the preferred IAM role ARN (`cognito:preferred_role`).
    pub fn with_preferred_role(mut self, role_arn: impl Into<String>) -> Self {
        self.preferred_role = Some(role_arn.into());
        self
    }
}

impl CognitoClaimsOverrideDetails {
    /// Adds (or replaces) an ID token claim; version 1 takes text values only.
    pub fn add_claim(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.claims_to_add_or_override.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }

    /// Removes a claim from the ID token.
    pub fn suppress_claim(&mut self, name: impl Into<String>) -> &mut Self {
        push_unique(&mut self.claims_to_suppress, name.into());
        self
    }
}

impl CognitoIdTokenGeneration {
    /// Adds (or replaces) an ID token claim of any JSON type.
    pub fn add_claim(&mut self, name: impl Into<String>, value: impl Into<Value>) -> &mut Self {
        self.claims_to_add_or_override.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }

    /// Removes a claim from the ID token.
    pub fn suppress_claim(&mut self, name: impl Into<String>) -> &mut Self {
        push_unique(&mut self.claims_to_suppress, name.into());
        self
    }
}

impl CognitoAccessTokenGeneration {
    /// Adds (or replaces) an access token claim of any JSON type.
    pub fn add_claim(&mut self, name: impl Into<String>, value: impl Into<Value>) -> &mut Self {
        self.claims_to_add_or_override.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }

    /// Removes a claim from the access token.
    pub fn suppress_claim(&mut self, name: impl Into<String>) -> &mut Self {
        push_unique(&mut self.claims_to_suppress, name.into());
        self
    }

    /// Adds an OAuth scope to the access token's `scope` claim.
    pub fn add_scope(&mut self, scope: impl Into<String>) -> &mut Self {
        push_unique(&mut self.scopes_to_add, scope.into());
        self
    }

    /// Removes an OAuth scope from the access token's `scope` claim.
    pub fn suppress_scope(&mut self, scope: impl Into<String>) -> &mut Self {
        push_unique(&mut self.scopes_to_suppress, scope.into());
        self
    }
}

impl CognitoClaimsAndScopeOverrideDetails {
    /// The ID token changes, created empty when there are none yet.
    #[inline]
    pub fn id_token(&mut self) -> &mut CognitoIdTokenGeneration {
        self.id_token_generation.get_or_insert_with(Default::default)
    }

    /// The access token changes, created empty when there are none yet.
    #[inline]
    pub fn access_token(&mut self) -> &mut CognitoAccessTokenGeneration {
        self.access_token_generation.get_or_insert_with(Default::default)
    }
}

impl CognitoPreTokenGenerationV1 {
    /// The changes to the ID token (`response.claimsOverrideDetails`), created
    /// empty when Cognito sent `null`.
    #[inline]
    pub fn claims_override(&mut self) -> &mut CognitoClaimsOverrideDetails {
        self.response_mut().claims_override_details.get_or_insert_with(Default::default)
    }

    /// Adds (or replaces) an ID token claim; version 1 takes text values only.
    pub fn add_claim(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.claims_override().add_claim(name, value);
        self
    }

    /// Removes a claim from the ID token.
    pub fn suppress_claim(&mut self, name: impl Into<String>) -> &mut Self {
        self.claims_override().suppress_claim(name);
        self
    }

    /// Puts these groups and roles in the tokens instead of the user's.
    #[inline]
    pub fn override_groups(&mut self, groups: CognitoGroupConfiguration) -> &mut Self {
        self.claims_override().group_override_details = Some(groups);
        self
    }
}

impl CognitoPreTokenGenerationV2Response {
    /// The changes to the tokens (`claimsAndScopeOverrideDetails`), created
    /// empty when Cognito sent `null`.
    #[inline]
    pub fn overrides(&mut self) -> &mut CognitoClaimsAndScopeOverrideDetails {
        self.claims_and_scope_override_details.get_or_insert_with(Default::default)
    }
}

impl CognitoPreTokenGenerationV3 {
    /// `true` for a machine-to-machine client credentials grant: no user, and only an access token.
    #[inline]
    pub fn is_client_credentials(&self) -> bool {
        self.trigger_source == CognitoPreTokenGenerationTriggerSource::TokenGenerationClientCredentials
    }
}

impl CognitoPreTokenGeneration {
    /// `true` when Cognito reads the version 1 response (`claimsOverrideDetails`):
    /// the event's `version` is `1`. Versions 2, 3 and any later one read
    /// `claimsAndScopeOverrideDetails`.
    #[inline]
    pub fn uses_v1_response(&self) -> bool {
        self.version == CognitoTriggerVersion::V1
    }

    /// `true` for a machine-to-machine client credentials grant (version 3 only).
    #[inline]
    pub fn is_client_credentials(&self) -> bool {
        self.trigger_source == CognitoPreTokenGenerationTriggerSource::TokenGenerationClientCredentials
    }

    /// Adds (or replaces) an ID token claim in the response of the event's
    /// version. Version 1 takes text only: a text value is written as is, any
    /// other value as its JSON text (`2` becomes `"2"`).
    pub fn add_id_token_claim(&mut self, name: impl Into<String>, value: impl Into<Value>) -> &mut Self {
        let value = value.into();
        if self.uses_v1_response() {
            let text = match value {
                Value::String(text) => text,
                other => other.to_string(),
            };
            self.response_mut().claims_override_details.get_or_insert_with(Default::default).add_claim(name, text);
        } else {
            self.v2_overrides().id_token().add_claim(name, value);
        }
        self
    }

    /// Removes a claim from the ID token, in the response of the event's version.
    pub fn suppress_id_token_claim(&mut self, name: impl Into<String>) -> &mut Self {
        if self.uses_v1_response() {
            self.response_mut().claims_override_details.get_or_insert_with(Default::default).suppress_claim(name);
        } else {
            self.v2_overrides().id_token().suppress_claim(name);
        }
        self
    }

    /// Puts these groups and roles in the tokens instead of the user's, in the
    /// response of the event's version.
    #[inline]
    pub fn override_groups(&mut self, groups: CognitoGroupConfiguration) -> &mut Self {
        if self.uses_v1_response() {
            self.response_mut().claims_override_details.get_or_insert_with(Default::default).group_override_details = Some(groups);
        } else {
            self.v2_overrides().group_override_details = Some(groups);
        }
        self
    }

    /// Adds (or replaces) an access token claim of any JSON type. Returns
    /// `false`, changing nothing, for a version 1 event, which cannot change
    /// the access token.
    pub fn add_access_token_claim(&mut self, name: impl Into<String>, value: impl Into<Value>) -> bool {
        self.with_access_token(|access| {
            access.add_claim(name, value);
        })
    }

    /// Removes a claim from the access token. Returns `false`, changing
    /// nothing, for a version 1 event.
    pub fn suppress_access_token_claim(&mut self, name: impl Into<String>) -> bool {
        self.with_access_token(|access| {
            access.suppress_claim(name);
        })
    }

    /// Adds an OAuth scope to the access token. Returns `false`, changing
    /// nothing, for a version 1 event.
    pub fn add_scope(&mut self, scope: impl Into<String>) -> bool {
        self.with_access_token(|access| {
            access.add_scope(scope);
        })
    }

    /// Removes an OAuth scope from the access token. Returns `false`,
    /// changing nothing, for a version 1 event.
    pub fn suppress_scope(&mut self, scope: impl Into<String>) -> bool {
        self.with_access_token(|access| {
            access.suppress_scope(scope);
        })
    }

    #[inline]
    fn v2_overrides(&mut self) -> &mut CognitoClaimsAndScopeOverrideDetails {
        self.response_mut().claims_and_scope_override_details.get_or_insert_with(Default::default)
    }

    fn with_access_token(&mut self, change: impl FnOnce(&mut CognitoAccessTokenGeneration)) -> bool {
        if self.uses_v1_response() {
            return false;
        }
        change(self.v2_overrides().access_token());
        true
    }
}

/// How many custom challenges of `session` the user answered wrongly.
#[inline]
pub(crate) fn failed_custom_challenges(session: &[CognitoChallengeResult]) -> usize {
    session.iter().filter(|challenge| challenge.is_custom_challenge() && !challenge.succeeded()).count()
}

impl CognitoChallengeResult {
    /// `true` when the user answered this challenge correctly.
    #[inline]
    pub fn succeeded(&self) -> bool {
        self.challenge_result == Some(true)
    }

    /// `true` when this is a `CUSTOM_CHALLENGE`.
    #[inline]
    pub fn is_custom_challenge(&self) -> bool {
        self.challenge_name == Some(CognitoChallengeName::CustomChallenge)
    }
}

impl CognitoDefineAuthChallenge {
    /// Ends the flow successfully: Cognito issues tokens.
    #[inline]
    pub fn issue_tokens(&mut self) -> &mut Self {
        self.response_mut().challenge_name = None;
        self.response_mut().issue_tokens = Some(true);
        self.response_mut().fail_authentication = Some(false);
        self
    }

    /// Ends the flow with an authentication failure.
    #[inline]
    pub fn fail_authentication(&mut self) -> &mut Self {
        self.response_mut().challenge_name = None;
        self.response_mut().issue_tokens = Some(false);
        self.response_mut().fail_authentication = Some(true);
        self
    }

    /// Presents `challenge` next (`CUSTOM_CHALLENGE` runs the create auth challenge trigger).
    #[inline]
    pub fn present_challenge(&mut self, challenge: CognitoChallengeName) -> &mut Self {
        self.response_mut().challenge_name = Some(challenge);
        self.response_mut().issue_tokens = Some(false);
        self.response_mut().fail_authentication = Some(false);
        self
    }

    /// Presents a `CUSTOM_CHALLENGE` next.
    #[inline]
    pub fn present_custom_challenge(&mut self) -> &mut Self {
        self.present_challenge(CognitoChallengeName::CustomChallenge)
    }
}

impl CognitoCreateAuthChallenge {
    /// Adds a parameter that the client receives to show the challenge.
    pub fn add_public_challenge_parameter(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.response_mut().public_challenge_parameters.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }

    /// Adds a parameter that only the verify auth challenge trigger receives,
    /// such as the expected answer.
    pub fn add_private_challenge_parameter(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.response_mut().private_challenge_parameters.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }

    /// Names the challenge for the session that later triggers see.
    pub fn set_challenge_metadata(&mut self, metadata: impl Into<String>) -> &mut Self {
        self.response_mut().challenge_metadata = Some(metadata.into());
        self
    }
}

impl CognitoVerifyAuthChallenge {
    /// The private challenge parameter `name` that the create auth challenge trigger set.
    #[inline]
    pub fn private_challenge_parameter(&self, name: &str) -> Option<&str> {
        lookup(self.request.private_challenge_parameters.as_ref(), name)
    }

    /// Sets the verdict (`response.answerCorrect`).
    #[inline]
    pub fn set_answer_correct(&mut self, correct: bool) -> &mut Self {
        self.response_mut().answer_correct = Some(correct);
        self
    }

    /// Compares the user's answer with the private challenge parameter
    /// `expected_parameter` (in time independent of where they differ), sets the
    /// verdict, and returns it. A missing answer or parameter is a wrong answer.
    #[inline]
    pub fn verify_answer_against(&mut self, expected_parameter: &str) -> bool {
        let correct = match (self.request.challenge_answer.as_deref(), self.private_challenge_parameter(expected_parameter)) {
            (Some(answer), Some(expected)) => constant_time_eq(answer.as_bytes(), expected.as_bytes()),
            _ => false,
        };
        self.response_mut().answer_correct = Some(correct);
        correct
    }
}

/// Compares two byte strings without stopping at the first difference.
#[inline]
fn constant_time_eq(first: &[u8], second: &[u8]) -> bool {
    if first.len() != second.len() {
        return false;
    }
    first.iter().zip(second).fold(0u8, |difference, (a, b)| difference | (a ^ b)) == 0
}

impl CognitoCustomMessage {
    /// Fills a message template: `{code}` becomes the request's `codeParameter`,
    /// `{username}` its `usernameParameter` and `{link}` its `linkParameter`,
    /// each only when the request has it (Cognito then puts the real value in).
    #[inline]
    pub fn render_template(&self, template: &str) -> String {
        let mut text = template.to_owned();
        for (token, placeholder) in
            [("{code}", &self.request.code_parameter), ("{username}", &self.request.username_parameter), ("{link}", &self.request.link_parameter)]
        {
            if let Some(placeholder) = placeholder {
                text = text.replace(token, placeholder);
            }
        }
        text
    }

    /// Sets the email's subject and body (HTML allowed). The body must contain
    /// the code placeholder: write `{code}` and pass it through `render_template`,
    /// or use `set_email_from_template`.
    pub fn set_email(&mut self, subject: impl Into<String>, body: impl Into<String>) -> &mut Self {
        self.response_mut().email_subject = Some(subject.into());
        self.response_mut().email_message = Some(body.into());
        self
    }

    /// Sets the email from templates filled by `render_template`.
    #[inline]
    pub fn set_email_from_template(&mut self, subject: &str, body: &str) -> &mut Self {
        let (subject, body) = (self.render_template(subject), self.render_template(body));
        self.set_email(subject, body)
    }

    /// Sets the SMS text; it must contain the code placeholder.
    pub fn set_sms(&mut self, text: impl Into<String>) -> &mut Self {
        self.response_mut().sms_message = Some(text.into());
        self
    }

    /// Sets the SMS text from a template filled by `render_template`.
    #[inline]
    pub fn set_sms_from_template(&mut self, template: &str) -> &mut Self {
        let text = self.render_template(template);
        self.set_sms(text)
    }

    /// `true` when `message` contains the request's code placeholder (Cognito
    /// rejects a message without it).
    #[inline]
    pub fn contains_code_placeholder(&self, message: &str) -> bool {
        self.request.code_parameter.as_deref().is_some_and(|placeholder| message.contains(placeholder))
    }

    /// The user attribute `name` as text: a JSON text value as is, a boolean
    /// or number (as in AWS's documented sample) as its JSON text.
    #[inline]
    pub fn user_attribute(&self, name: &str) -> Option<String> {
        match self.request.user_attributes.as_ref()?.get(name)? {
            Value::String(text) => Some(text.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }
}

impl CognitoUserMigration {
    /// The password the user signed in with (`UserMigration_Authentication` only).
    #[inline]
    pub fn password(&self) -> Option<&str> {
        self.request.password.as_deref()
    }

    /// Sets an attribute of the user to create (`email`, `email_verified`, …).
    pub fn set_user_attribute(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.response_mut().user_attributes.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }

    /// Migrates the user with these attributes and final status: `Confirmed`
    /// lets the user in with the password, `ResetRequired` makes the user choose a new one.
    pub fn migrate_user<I, K, V>(&mut self, attributes: I, status: CognitoUserMigrationFinalUserStatus) -> &mut Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let map = self.response_mut().user_attributes.get_or_insert_with(BTreeMap::new);
        map.extend(attributes.into_iter().map(|(name, value)| (name.into(), value.into())));
        self.response_mut().final_user_status = Some(status);
        self
    }

    /// Sends the migrated user no welcome message (`messageAction: SUPPRESS`).
    #[inline]
    pub fn suppress_welcome_message(&mut self) -> &mut Self {
        self.response_mut().message_action = Some(CognitoUserMigrationMessageAction::Suppress);
        self
    }

    /// Sends the welcome message by these media (`desiredDeliveryMediums`).
    pub fn deliver_welcome_message_by<I: IntoIterator<Item = CognitoDeliveryMedium>>(&mut self, mediums: I) -> &mut Self {
        self.response_mut().desired_delivery_mediums = Some(mediums.into_iter().collect());
        self
    }

    /// Moves an email or phone alias that another user already has to the migrated user.
    #[inline]
    pub fn force_alias_creation(&mut self) -> &mut Self {
        self.response_mut().force_alias_creation = Some(true);
        self
    }
}

impl CognitoCustomSenderRequest {
    /// The KMS-encrypted code, decoded from base64: decrypt it with the AWS
    /// Encryption SDK and the sender's KMS key. `None` for messages without a code.
    #[inline]
    pub fn encrypted_code(&self) -> Option<&[u8]> {
        self.code.as_ref().map(|code| code.as_bytes())
    }
}

impl CognitoInboundFederation {
    /// Maps a user pool attribute for the federated user (`response.userAttributesToMap`).
    pub fn map_user_attribute(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.response_mut().user_attributes_to_map.get_or_insert_with(BTreeMap::new).insert(name.into(), value.into());
        self
    }

    /// A claim of the provider's OIDC ID token, or else its userInfo, or an
    /// attribute of its SAML assertion: the first that has `name`.
    #[inline]
    pub fn provider_attribute(&self, name: &str) -> Option<&Value> {
        let attributes = self.request.attributes.as_ref()?;
        [&attributes.id_token, &attributes.user_info, &attributes.saml_response].into_iter().flatten().find_map(|map| map.get(name))
    }
}

impl CognitoSyncEvent {
    /// Sets the record `key` to `value` (`op: replace`), keeping its old value.
    pub fn set_record(&mut self, key: impl Into<String>, value: impl Into<String>) -> &mut Self {
        let record = self.dataset_records.entry(key.into()).or_default();
        record.new_value = Some(value.into());
        record.op = Some(CognitoSyncOperation::Replace);
        self
    }

    /// Removes the record `key` (`op: remove`).
    pub fn remove_record(&mut self, key: impl Into<String>) -> &mut Self {
        let record = self.dataset_records.entry(key.into()).or_default();
        record.new_value = None;
        record.op = Some(CognitoSyncOperation::Remove);
        self
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::cognito::{CognitoCustomSmsSender, CognitoPreTokenGenerationV2, CognitoUserPoolTrigger};

    fn parse<T: serde::de::DeserializeOwned>(value: Value) -> T {
        match serde_json::from_value(value) {
            Ok(parsed) => parsed,
            Err(error) => panic!("test document does not parse: {error}"),
        }
    }

    fn header(trigger_source: &str, version: &str) -> Value {
        json!({
            "version": version,
            "triggerSource": trigger_source,
            "region": "us-east-1",
            "userPoolId": "us-east-1_aB3cD4eF5",
            "userName": "maria.garcia",
            "callerContext": { "awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "4f8k2l3m4n5o6p7q8r9s0t1u2v" }
        })
    }

    fn event(trigger_source: &str, version: &str, request: Value, response: Value) -> Value {
        let mut document = header(trigger_source, version);
        document["request"] = request;
        document["response"] = response;
        document
    }

    #[test]
    fn an_event_without_response_is_written_back_without_one_until_a_response_is_set() {
        let mut document = header("PreSignUp_SignUp", "1");
        document["request"] = json!({ "userAttributes": { "email": "maria.garcia@example.com" } });
        let mut signup: CognitoPreSignUp = parse(document);
        assert!(signup.response.is_none());
        assert!(serde_json::to_value(&signup).unwrap_or_default().get("response").is_none());
        signup.auto_confirm_user();
        assert_eq!(serde_json::to_value(&signup).unwrap_or_default()["response"], json!({ "autoConfirmUser": true }));
    }

    #[test]
    fn pre_sign_up_auto_confirms_and_verifies() {
        let mut signup: CognitoPreSignUp = parse(event(
            "PreSignUp_SignUp",
            "1",
            json!({ "userAttributes": { "email": "maria.garcia@example.com" }, "validationData": null, "clientMetadata": { "app": "web" } }),
            json!({ "autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false }),
        ));
        signup.auto_confirm_user().auto_verify_email();
        let written = serde_json::to_value(&signup).unwrap_or_default();
        assert_eq!(written["response"], json!({ "autoConfirmUser": true, "autoVerifyEmail": true, "autoVerifyPhone": false }));
        assert_eq!(signup.user_attribute("email"), Some("maria.garcia@example.com"));
        assert_eq!(signup.client_metadata_value("app"), Some("web"));
        assert_eq!(signup.client_id(), Some("4f8k2l3m4n5o6p7q8r9s0t1u2v"));
        assert_eq!(signup.validation_data_value("anything"), None);
    }

    #[test]
    fn token_generation_v1_claims_and_groups() {
        let mut tokens: CognitoPreTokenGenerationV1 = parse(event(
            "TokenGeneration_Authentication",
            "1",
            json!({ "userAttributes": {}, "groupConfiguration": null }),
            json!({ "claimsOverrideDetails": null }),
        ));
        tokens
            .add_claim("tenant_id", "acme")
            .suppress_claim("email")
            .suppress_claim("email")
            .override_groups(CognitoGroupConfiguration::from_groups(["admins"]).with_preferred_role("arn:aws:iam::123456789012:role/admins"));
        let written = serde_json::to_value(&tokens).unwrap_or_default();
        assert_eq!(
            written["response"],
            json!({ "claimsOverrideDetails": {
                "claimsToAddOrOverride": { "tenant_id": "acme" },
                "claimsToSuppress": ["email"],
                "groupOverrideDetails": { "groupsToOverride": ["admins"], "preferredRole": "arn:aws:iam::123456789012:role/admins" }
            } })
        );
    }

    #[test]
    fn token_generation_v2_and_v3_claims_of_any_type_and_scopes() {
        let mut v2: CognitoPreTokenGenerationV2 = parse(event(
            "TokenGeneration_HostedAuth",
            "2",
            json!({ "userAttributes": {}, "scopes": ["openid"] }),
            json!({ "claimsAndScopeOverrideDetails": null }),
        ));
        v2.add_id_token_claim("seats", 25).add_access_token_claim("roles", json!(["a", "b"])).add_scope("orders/read").suppress_scope("openid");
        let written = serde_json::to_value(&v2).unwrap_or_default();
        let details = &written["response"]["claimsAndScopeOverrideDetails"];
        assert_eq!(details["idTokenGeneration"]["claimsToAddOrOverride"]["seats"], json!(25));
        assert_eq!(details["accessTokenGeneration"]["claimsToAddOrOverride"]["roles"], json!(["a", "b"]));
        assert_eq!(details["accessTokenGeneration"]["scopesToAdd"], json!(["orders/read"]));
        assert_eq!(details["accessTokenGeneration"]["scopesToSuppress"], json!(["openid"]));
        assert_eq!(v2.requested_scopes(), ["openid".to_owned()]);

        let mut document = event("TokenGeneration_ClientCredentials", "3", json!({ "userAttributes": {}, "groupConfiguration": null }), json!({}));
        if let Some(members) = document.as_object_mut() {
            members.remove("userName");
        }
        let mut v3: CognitoPreTokenGenerationV3 = parse(document);
        assert!(v3.is_client_credentials());
        assert_eq!(v3.user_name, None);
        v3.add_access_token_claim("partner", "northwind");
        assert!(v3.response_mut().claims_and_scope_override_details.is_some());
    }

    #[test]
    fn any_version_token_generation_fills_the_response_of_its_version() {
        let request = json!({ "userAttributes": { "email": "j.chen@example.org" } });
        let mut v1: CognitoPreTokenGeneration = parse(event("TokenGeneration_RefreshTokens", "1", request.clone(), json!({ "claimsOverrideDetails": null })));
        assert!(v1.uses_v1_response());
        v1.add_id_token_claim("seats", 25).add_id_token_claim("plan", "pro").suppress_id_token_claim("email");
        assert!(!v1.add_scope("orders/read"));
        assert!(!v1.add_access_token_claim("x", 1));
        let written = serde_json::to_value(&v1).unwrap_or_default();
        assert_eq!(
            written["response"],
            json!({ "claimsOverrideDetails": { "claimsToAddOrOverride": { "seats": "25", "plan": "pro" }, "claimsToSuppress": ["email"] } })
        );

        let mut v2: CognitoPreTokenGeneration = parse(event("TokenGeneration_Authentication", "2", request, json!({ "claimsAndScopeOverrideDetails": null })));
        assert!(!v2.uses_v1_response());
        v2.add_id_token_claim("seats", 25).override_groups(CognitoGroupConfiguration::from_groups(["readers"]));
        assert!(v2.add_scope("orders/read"));
        assert!(v2.suppress_access_token_claim("username"));
        assert!(v2.suppress_scope("openid"));
        let written = serde_json::to_value(&v2).unwrap_or_default();
        let details = &written["response"]["claimsAndScopeOverrideDetails"];
        assert_eq!(details["idTokenGeneration"]["claimsToAddOrOverride"]["seats"], json!(25));
        assert_eq!(details["groupOverrideDetails"]["groupsToOverride"], json!(["readers"]));
        assert_eq!(details["accessTokenGeneration"]["claimsToSuppress"], json!(["username"]));
        assert!(written["response"].get("claimsOverrideDetails").is_none());
    }

    #[test]
    fn custom_authentication_flow_decisions() {
        let session = json!([
            { "challengeName": "PASSWORD_VERIFIER", "challengeResult": true, "challengeMetadata": null },
            { "challengeName": "CUSTOM_CHALLENGE", "challengeResult": false, "challengeMetadata": "EMAIL_CODE" },
            { "challengeName": "CUSTOM_CHALLENGE", "challengeResult": false }
        ]);
        let nulls = json!({ "challengeName": null, "issueTokens": null, "failAuthentication": null });
        let mut define: CognitoDefineAuthChallenge = parse(event("DefineAuthChallenge_Authentication", "1", json!({ "session": session }), nulls));
        assert_eq!(define.session().len(), 3);
        assert_eq!(define.failed_custom_challenges(), 2);
        assert!(define.last_challenge().is_some_and(CognitoChallengeResult::is_custom_challenge));
        define.present_custom_challenge();
        assert_eq!(define.response_mut().challenge_name, Some(CognitoChallengeName::CustomChallenge));
        define.fail_authentication();
        assert_eq!(
            (define.response_mut().challenge_name.clone(), define.response_mut().fail_authentication, define.response_mut().issue_tokens),
            (None, Some(true), Some(false))
        );
        define.issue_tokens();
        assert_eq!((define.response_mut().issue_tokens, define.response_mut().fail_authentication), (Some(true), Some(false)));

        let mut create: CognitoCreateAuthChallenge =
            parse(event("CreateAuthChallenge_Authentication", "1", json!({ "challengeName": "CUSTOM_CHALLENGE" }), json!({})));
        assert!(create.session().is_empty());
        create
            .add_public_challenge_parameter("destination", "m***@e***.com")
            .add_private_challenge_parameter("answer", "482913")
            .set_challenge_metadata("EMAIL_CODE");
        let written = serde_json::to_value(&create).unwrap_or_default();
        assert_eq!(
            written["response"],
            json!({ "publicChallengeParameters": { "destination": "m***@e***.com" }, "privateChallengeParameters": { "answer": "482913" }, "challengeMetadata": "EMAIL_CODE" })
        );

        let request = json!({ "privateChallengeParameters": { "answer": "482913" }, "challengeAnswer": "482913" });
        let mut verify: CognitoVerifyAuthChallenge = parse(event("VerifyAuthChallengeResponse_Authentication", "1", request, json!({ "answerCorrect": null })));
        assert!(verify.verify_answer_against("answer"));
        assert_eq!(verify.response_mut().answer_correct, Some(true));
        assert!(!verify.verify_answer_against("missing"));
        assert_eq!(verify.response_mut().answer_correct, Some(false));
        verify.request.challenge_answer = Some("482914".to_owned());
        assert!(!verify.verify_answer_against("answer"));
        verify.set_answer_correct(true);
        assert_eq!(verify.response_mut().answer_correct, Some(true));
    }

    #[test]
    fn custom_message_templates() {
        let request = json!({
            "userAttributes": { "email": "j.chen@example.org", "email_verified": false },
            "codeParameter": "{####}",
            "usernameParameter": "{username}",
            "linkParameter": null
        });
        let mut message: CognitoCustomMessage = parse(event("CustomMessage_AdminCreateUser", "1", request, json!({ "smsMessage": null })));
        message.set_email_from_template("Welcome, {username}", "Your temporary password is {code}. {link}").set_sms_from_template("Code: {code}");
        assert_eq!(message.response_mut().email_subject.as_deref(), Some("Welcome, {username}"));
        assert_eq!(message.response_mut().email_message.as_deref(), Some("Your temporary password is {####}. {link}"));
        assert_eq!(message.response_mut().sms_message.as_deref(), Some("Code: {####}"));
        assert!(message.contains_code_placeholder("Code: {####}"));
        assert!(!message.contains_code_placeholder("Code: 1234"));
        assert_eq!(message.user_attribute("email_verified").as_deref(), Some("false"));
        assert_eq!(message.user_attribute("email").as_deref(), Some("j.chen@example.org"));
        message.set_email("Subject", "Body {####}").set_sms("SMS {####}");
        assert_eq!(message.response_mut().email_subject.as_deref(), Some("Subject"));
    }

    #[test]
    fn user_migration_response() {
        let mut migration: CognitoUserMigration = parse(event(
            "UserMigration_Authentication",
            "1",
            json!({ "password": "Correct-Horse-Battery-9" }),
            json!({ "userAttributes": null, "finalUserStatus": null }),
        ));
        assert_eq!(migration.password(), Some("Correct-Horse-Battery-9"));
        migration
            .migrate_user([("email", "legacy.user@example.com"), ("email_verified", "true")], CognitoUserMigrationFinalUserStatus::Confirmed)
            .set_user_attribute("custom:legacy_id", "u-004217")
            .suppress_welcome_message()
            .deliver_welcome_message_by([CognitoDeliveryMedium::Email])
            .force_alias_creation();
        let written = serde_json::to_value(&migration).unwrap_or_default();
        assert_eq!(
            written["response"],
            json!({
                "userAttributes": { "custom:legacy_id": "u-004217", "email": "legacy.user@example.com", "email_verified": "true" },
                "finalUserStatus": "CONFIRMED",
                "messageAction": "SUPPRESS",
                "desiredDeliveryMediums": ["EMAIL"],
                "forceAliasCreation": true
            })
        );
    }

    #[test]
    fn custom_sender_code_and_inbound_federation() {
        let mut document = header("CustomSMSSender_SignUp", "1");
        document["request"] = json!({ "type": "customSMSSenderRequestV1", "code": "AgV4AQID", "userAttributes": { "phone_number": "+14255550123" } });
        let sender: CognitoCustomSmsSender = parse(document);
        assert_eq!(sender.request.encrypted_code(), Some(&[0x02, 0x05, 0x78, 0x01, 0x02, 0x03][..]));
        assert_eq!(sender.user_attribute("phone_number"), Some("+14255550123"));

        let request = json!({ "providerName": "Google", "providerType": "OIDC", "attributes": { "idToken": { "email": "sam.taylor@gmail.com" }, "userInfo": { "name": "Sam" } } });
        let mut federation: CognitoInboundFederation = parse(event("InboundFederation_ExternalProvider", "1", request, json!({ "userAttributesToMap": null })));
        assert_eq!(federation.provider_attribute("email"), Some(&json!("sam.taylor@gmail.com")));
        assert_eq!(federation.provider_attribute("name"), Some(&json!("Sam")));
        assert_eq!(federation.provider_attribute("missing"), None);
        federation.map_user_attribute("email", "sam.taylor@gmail.com");
        let written = serde_json::to_value(&federation).unwrap_or_default();
        assert_eq!(written["response"], json!({ "userAttributesToMap": { "email": "sam.taylor@gmail.com" } }));
    }

    #[test]
    fn entry_point_dispatches_and_reads_the_header() {
        let signup: CognitoUserPoolTrigger = parse(event("PreSignUp_ExternalProvider", "1", json!({}), json!({})));
        assert!(matches!(signup, CognitoUserPoolTrigger::PreSignUp(_)));
        assert_eq!(signup.trigger_source(), Some("PreSignUp_ExternalProvider"));
        assert_eq!(signup.user_pool_id(), Some("us-east-1_aB3cD4eF5"));
        assert_eq!(signup.user_name(), Some("maria.garcia"));
        assert_eq!(signup.region(), Some("us-east-1"));

        let tokens: CognitoUserPoolTrigger = parse(event("TokenGeneration_ClientCredentials", "3", json!({}), json!({})));
        assert!(matches!(&tokens, CognitoUserPoolTrigger::PreTokenGeneration(event) if event.is_client_credentials()));

        let unknown: CognitoUserPoolTrigger = parse(event("PreRegistration_Future", "1", json!({}), json!({})));
        assert!(matches!(unknown, CognitoUserPoolTrigger::Unknown(_)));
        assert_eq!(unknown.trigger_source(), Some("PreRegistration_Future"));
        assert_eq!(unknown.user_pool_id(), Some("us-east-1_aB3cD4eF5"));
    }

    #[test]
    fn sync_records() {
        let mut sync: CognitoSyncEvent = parse(json!({
            "version": 2, "eventType": "SyncTrigger", "region": "us-east-1",
            "identityPoolId": "us-east-1:7d9f4a2b-3c1e-4f5a-8b6d-0e2c9a7f1b34", "identityId": "us-east-1:2a8c6e4f-1b3d-4a5c-9e7f-6d0b8a2c4e16",
            "datasetName": "preferences",
            "datasetRecords": { "theme": { "oldValue": "light", "newValue": "dark", "op": "replace" } }
        }));
        sync.set_record("theme", "blue").remove_record("beta");
        let written = serde_json::to_value(&sync).unwrap_or_default();
        assert_eq!(written["datasetRecords"], json!({ "theme": { "oldValue": "light", "newValue": "blue", "op": "replace" }, "beta": { "op": "remove" } }));
    }
}
