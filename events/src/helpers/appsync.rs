//! AppSync conveniences: a resolver's arguments and parent object in the
//! caller's types, the caller's authorization mode and claims, the Lambda
//! authorizer's answer, and the answer of an AppSync Events handler.
//!
//! AppSync sends one `identity` object whatever the authorization mode, and no
//! member names the mode: `AppSyncIdentity::kind` tells it from the members
//! present.

use serde_json::{Map, Value};

use crate::appsync::{
    AppSyncDefaultAuthStrategy, AppSyncEventsEvent, AppSyncEventsIncomingEvent, AppSyncEventsOutgoingEvent, AppSyncEventsResponse, AppSyncIdentity,
    AppSyncLambdaAuthorizerResponse, AppSyncResolverEvent,
};
use crate::payload::PayloadError;

/// The authorization mode of a request, as told by the members of its identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AppSyncIdentityKind {
    /// Amazon Cognito user pools: `sub`, `issuer` and `defaultAuthStrategy` (or `groups`).
    CognitoUserPools,
    /// AWS IAM (signature version 4), possibly through a Cognito identity pool: `accountId`, `userArn`.
    Iam,
    /// OpenID Connect: `sub` and `issuer`, without the Cognito members.
    Oidc,
    /// A Lambda authorizer: `resolverContext`.
    Lambda,
    /// None of the above: an identity of members the catalogue does not know.
    Unknown,
}

impl AppSyncIdentity {
    /// The authorization mode, from the members present. An identity of a
    /// Cognito user pool has `defaultAuthStrategy` (or `groups`, or a Cognito
    /// `issuer`), which OIDC identities lack.
    #[inline]
    pub fn kind(&self) -> AppSyncIdentityKind {
        if self.resolver_context.is_some() {
            AppSyncIdentityKind::Lambda
        } else if self.user_arn.is_some() || self.account_id.is_some() {
            AppSyncIdentityKind::Iam
        } else if self.sub.is_some() || self.issuer.is_some() {
            let cognito_issuer = self.issuer.as_deref().is_some_and(|issuer| issuer.contains("cognito-idp."));
            if self.default_auth_strategy.is_some() || self.groups.is_some() || cognito_issuer {
                AppSyncIdentityKind::CognitoUserPools
            } else {
                AppSyncIdentityKind::Oidc
            }
        } else {
            AppSyncIdentityKind::Unknown
        }
    }

    /// A claim of the token (Cognito user pools, OIDC), any JSON.
    #[inline]
    pub fn claim(&self, name: &str) -> Option<&Value> {
        self.claims.as_ref()?.get(name)
    }

    /// A claim of the token that is a string.
    #[inline]
    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claim(name)?.as_str()
    }

    /// Decodes the token's claims into the caller's type.
    pub fn claims_as<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        let claims = self.claims.as_ref().ok_or(PayloadError::Absent { field: "claims" })?;
        crate::payload::decode_from("claims", claims)
    }

    /// Whether a Cognito user belongs to `group` (from `groups`, else from the
    /// `cognito:groups` claim).
    #[inline]
    pub fn in_group(&self, group: &str) -> bool {
        match &self.groups {
            Some(groups) => groups.iter().any(|name| name == group),
            None => self.claim("cognito:groups").and_then(Value::as_array).is_some_and(|groups| groups.iter().any(|name| name.as_str() == Some(group))),
        }
    }

    /// The client's IP address: the first of `sourceIp`.
    #[inline]
    pub fn client_ip(&self) -> Option<&str> {
        self.source_ip.as_ref()?.first().map(String::as_str)
    }

    /// A value of a Lambda authorizer's `resolverContext`.
    #[inline]
    pub fn resolver_context_value(&self, key: &str) -> Option<&Value> {
        self.resolver_context.as_ref()?.get(key)
    }

    /// The identity of a Cognito user pool user, when `kind()` says so.
    #[inline]
    pub fn cognito_user_pools(&self) -> Option<AppSyncCognitoUserPoolsIdentity<'_>> {
        if self.kind() != AppSyncIdentityKind::CognitoUserPools {
            return None;
        }
        Some(AppSyncCognitoUserPoolsIdentity {
            sub: self.sub.as_deref()?,
            issuer: self.issuer.as_deref()?,
            username: self.username.as_deref(),
            groups: self.groups.as_deref().unwrap_or_default(),
            default_auth_strategy: self.default_auth_strategy.as_ref(),
        })
    }

    /// The identity of an IAM principal, when `kind()` says so.
    #[inline]
    pub fn iam(&self) -> Option<AppSyncIamIdentity<'_>> {
        if self.kind() != AppSyncIdentityKind::Iam {
            return None;
        }
        Some(AppSyncIamIdentity {
            account_id: self.account_id.as_deref()?,
            user_arn: self.user_arn.as_deref()?,
            username: self.username.as_deref(),
            cognito_identity_pool_id: self.cognito_identity_pool_id.as_deref(),
            cognito_identity_id: self.cognito_identity_id.as_deref(),
        })
    }

    /// The identity of an OpenID Connect user, when `kind()` says so.
    #[inline]
    pub fn oidc(&self) -> Option<AppSyncOidcIdentity<'_>> {
        if self.kind() != AppSyncIdentityKind::Oidc {
            return None;
        }
        Some(AppSyncOidcIdentity { sub: self.sub.as_deref()?, issuer: self.issuer.as_deref()? })
    }

    /// The context a Lambda authorizer returned, when `kind()` says so.
    #[inline]
    pub fn lambda_resolver_context(&self) -> Option<&Map<String, Value>> {
        self.resolver_context.as_ref()
    }
}

/// The members that make an identity a Cognito user pool user's (claims through `AppSyncIdentity::claim`).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct AppSyncCognitoUserPoolsIdentity<'a> {
    /// The user's `sub`.
    pub sub: &'a str,
    /// The user pool's issuer URL.
    pub issuer: &'a str,
    /// The user's name in the pool.
    pub username: Option<&'a str>,
    /// The user's groups (empty when `null` or absent).
    pub groups: &'a [String],
    /// The API's default action for users outside the allowed groups.
    pub default_auth_strategy: Option<&'a AppSyncDefaultAuthStrategy>,
}

/// The members that make an identity an IAM principal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppSyncIamIdentity<'a> {
    /// The caller's account.
    pub account_id: &'a str,
    /// The ARN of the IAM user or assumed role.
    pub user_arn: &'a str,
    /// The user name or the assumed role's session principal.
    pub username: Option<&'a str>,
    /// Through a Cognito identity pool: the pool.
    pub cognito_identity_pool_id: Option<&'a str>,
    /// Through a Cognito identity pool: the caller's identity id.
    pub cognito_identity_id: Option<&'a str>,
}

/// The members that make an identity an OpenID Connect user's (claims through `AppSyncIdentity::claim`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppSyncOidcIdentity<'a> {
    /// The user's `sub`.
    pub sub: &'a str,
    /// The token's issuer.
    pub issuer: &'a str,
}

impl AppSyncResolverEvent {
    /// Decodes the field's arguments into the caller's type; errors name the
    /// argument where decoding failed.
    pub fn arguments_as<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        crate::payload::decode_from("arguments", &self.arguments)
    }

    /// Decodes the parent object into the caller's type; `Absent` for a
    /// top-level field.
    pub fn source_as<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        let source = self.source.as_ref().ok_or(PayloadError::Absent { field: "source" })?;
        crate::payload::decode_from("source", source)
    }

    /// The authorization mode of the request; `None` for an API key (or any
    /// request without identity).
    #[inline]
    pub fn identity_kind(&self) -> Option<AppSyncIdentityKind> {
        self.identity.as_ref().map(AppSyncIdentity::kind)
    }

    /// A request header, by case-insensitive name.
    #[inline]
    pub fn header(&self, name: &str) -> Option<&str> {
        let headers = self.request.as_ref()?.headers.as_ref()?;
        headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

impl AppSyncLambdaAuthorizerResponse {
    /// A response that authorizes the request.
    #[inline]
    pub fn allow() -> Self {
        let mut response = Self::default();
        response.is_authorized = true;
        response
    }

    /// A response that refuses the request (AppSync answers `UnauthorizedException`).
    #[inline]
    pub fn deny() -> Self {
        Self::default()
    }

    /// Adds a value that resolvers read as `$ctx.identity.resolverContext.<key>`
    /// (AppSync accepts flat values: strings, numbers, booleans).
    pub fn with_context(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.resolver_context.get_or_insert_with(Map::new).insert(key.into(), value.into());
        self
    }

    /// Denies a field: a full field ARN or `TypeName.FieldName`.
    pub fn with_denied_field(mut self, field: impl Into<String>) -> Self {
        self.denied_fields.get_or_insert_with(Vec::new).push(field.into());
        self
    }

    /// Caches this answer for `seconds` (`0` disables caching).
    #[inline]
    pub fn with_ttl_override(mut self, seconds: i64) -> Self {
        self.ttl_override = Some(seconds);
        self
    }
}

impl AppSyncEventsEvent {
    /// The published events (none for a subscribe).
    #[inline]
    pub fn incoming_events(&self) -> &[AppSyncEventsIncomingEvent] {
        self.events.as_deref().unwrap_or_default()
    }
}

impl AppSyncEventsIncomingEvent {
    /// Decodes the event's payload into the caller's type.
    pub fn payload_as<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        crate::payload::decode_value("payload", self.payload.as_ref())
    }
}

impl AppSyncEventsResponse {
    /// An answer that broadcasts the given events unchanged.
    #[inline]
    pub fn forward(events: &[AppSyncEventsIncomingEvent]) -> Self {
        let mut response = Self { events: Some(Vec::new()), ..Self::default() };
        for event in events {
            response.push_event(event.id.clone(), event.payload.clone().unwrap_or(Value::Null));
        }
        response
    }

    /// An answer that rejects the whole publish or subscribe with `message`.
    pub fn reject(message: impl Into<String>) -> Self {
        Self { error: Some(message.into()), ..Self::default() }
    }

    /// Broadcasts `payload` as the event `id`.
    pub fn push_event(&mut self, id: impl Into<String>, payload: impl Into<Value>) -> &mut Self {
        let mut event = AppSyncEventsOutgoingEvent::default();
        event.id = id.into();
        event.payload = Some(payload.into());
        self.events.get_or_insert_with(Vec::new).push(event);
        self
    }

    /// Reports the event `id` as failed with `message` (it is not broadcast).
    pub fn push_error(&mut self, id: impl Into<String>, message: impl Into<String>) -> &mut Self {
        let mut event = AppSyncEventsOutgoingEvent::default();
        event.id = id.into();
        event.error = Some(message.into());
        self.events.get_or_insert_with(Vec::new).push(event);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COGNITO: &str = include_str!("../../../fixtures/appsync/identity/cognito-user-pools-with-groups.json");
    const IAM: &str = include_str!("../../../fixtures/appsync/identity/iam-cognito-identity-pool-authenticated.json");
    const OIDC: &str = include_str!("../../../fixtures/appsync/identity/oidc-provider.json");
    const LAMBDA: &str = include_str!("../../../fixtures/appsync/identity/lambda-authorizer-resolver-context.json");
    const MUTATION: &str = include_str!("../../../fixtures/appsync/resolver_event/mutation-iam-custom-domain.json");
    const NESTED: &str = include_str!("../../../fixtures/appsync/resolver_event/nested-field-api-key-pipeline-prev.json");
    const PUBLISH: &str = include_str!("../../../fixtures/appsync/events_event/publish-api-key-two-events.json");

    #[test]
    fn identity_kinds_are_told_from_their_members() {
        let kind = |text: &str| serde_json::from_str::<AppSyncIdentity>(text).unwrap().kind();
        assert_eq!(kind(COGNITO), AppSyncIdentityKind::CognitoUserPools);
        assert_eq!(kind(IAM), AppSyncIdentityKind::Iam);
        assert_eq!(kind(OIDC), AppSyncIdentityKind::Oidc);
        assert_eq!(kind(LAMBDA), AppSyncIdentityKind::Lambda);
        assert_eq!(kind("{}"), AppSyncIdentityKind::Unknown);
        let cognito: AppSyncIdentity = serde_json::from_str(COGNITO).unwrap();
        assert!(cognito.in_group("editors") && !cognito.in_group("viewers"));
        assert_eq!(cognito.claim_str("email"), Some("jdoe@example.com"));
        assert_eq!(cognito.client_ip(), Some("203.0.113.7"));
        let user = cognito.cognito_user_pools().unwrap();
        assert_eq!((user.sub, user.username, user.groups.len()), ("7d8ca528-4931-4254-9273-ea5ee853f271", Some("jdoe"), 2));
        assert!(cognito.iam().is_none() && cognito.oidc().is_none());
        let iam: AppSyncIdentity = serde_json::from_str(IAM).unwrap();
        let principal = iam.iam().unwrap();
        assert_eq!((principal.account_id, principal.cognito_identity_pool_id), ("111122223333", Some("us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d")));
        let oidc: AppSyncIdentity = serde_json::from_str(OIDC).unwrap();
        assert_eq!(oidc.oidc().unwrap().issuer, "https://example.eu.auth0.com/");
        let lambda: AppSyncIdentity = serde_json::from_str(LAMBDA).unwrap();
        assert_eq!(lambda.lambda_resolver_context().unwrap()["tenantId"], "acme");
    }

    #[test]
    fn arguments_and_source_decode_into_the_callers_types() {
        #[derive(serde::Deserialize)]
        struct Input {
            title: String,
            tags: Vec<String>,
        }
        #[derive(serde::Deserialize)]
        struct Arguments {
            input: Input,
        }
        let event: AppSyncResolverEvent = serde_json::from_str(MUTATION).unwrap();
        let arguments: Arguments = event.arguments_as().unwrap();
        assert_eq!((arguments.input.title.as_str(), arguments.input.tags.len()), ("Hello", 2));
        assert_eq!(event.identity_kind(), Some(AppSyncIdentityKind::Iam));
        assert_eq!(event.header("Content-Type"), Some("application/json"));
        let error = event.source_as::<Value>().unwrap_err();
        assert!(error.to_string().contains("`source` is absent"));
        let error = event.arguments_as::<std::collections::BTreeMap<String, String>>().unwrap_err();
        assert!(error.to_string().contains("input"), "{error}");

        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Post {
            author_id: String,
        }
        let nested: AppSyncResolverEvent = serde_json::from_str(NESTED).unwrap();
        assert_eq!(nested.source_as::<Post>().unwrap().author_id, "u-4821");
        assert_eq!(nested.identity_kind(), None);
    }

    #[test]
    fn authorizer_responses_are_built() {
        let response = AppSyncLambdaAuthorizerResponse::allow()
            .with_context("tenant", "acme")
            .with_context("admin", false)
            .with_denied_field("Mutation.deletePost")
            .with_ttl_override(300);
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({ "isAuthorized": true, "resolverContext": { "tenant": "acme", "admin": false }, "deniedFields": ["Mutation.deletePost"], "ttlOverride": 300 })
        );
        assert_eq!(serde_json::to_value(AppSyncLambdaAuthorizerResponse::deny()).unwrap(), serde_json::json!({ "isAuthorized": false }));
    }

    #[test]
    fn events_responses_forward_transform_or_fail_events() {
        let event: AppSyncEventsEvent = serde_json::from_str(PUBLISH).unwrap();
        assert_eq!(event.incoming_events().len(), 2);
        let forwarded = AppSyncEventsResponse::forward(event.incoming_events());
        assert_eq!(
            serde_json::to_value(&forwarded).unwrap()["events"],
            serde_json::json!([{ "id": "1", "payload": { "orderId": "o-1", "total": 42.5 } }, { "id": "2", "payload": { "orderId": "o-2", "total": 7 } }])
        );
        let mut response = AppSyncEventsResponse::default();
        response.push_event("1", serde_json::json!({ "ok": true })).push_error("2", "Total must be positive");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({ "events": [{ "id": "1", "payload": { "ok": true } }, { "id": "2", "error": "Total must be positive" }] })
        );
        assert_eq!(serde_json::to_value(AppSyncEventsResponse::reject("no")).unwrap(), serde_json::json!({ "error": "no" }));
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Order {
            order_id: String,
        }
        assert_eq!(event.incoming_events()[1].payload_as::<Order>().unwrap().order_id, "o-2");
    }
}
