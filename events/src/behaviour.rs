//! Methods that several types share because they share members, written
//! once. A schema declares them with `x-behaviour` on an object (usually an
//! `allOf` base, such as the members every proxied request's body has), and
//! the codegen invokes the macro of that name for the object and for every
//! type that extends it: `crate::behaviour::request_body!(AlbTargetGroupRequest);`.
//! A source whose schema extends such a base gets the methods without a line
//! of code here. A behaviour about one member names it
//! (`response_mut(response)`), and its macro is given the member's field and
//! type: `response_mut!(CognitoPreSignUp, response: CognitoPreSignUpResponse)`.
//! The macros read only the members of the object that declares them, or of
//! the member they are given; the work is done by functions of the source's
//! helpers, which each method forwards to.
// A macro is unused when no source whose schemas declare it is enabled.
#![allow(unused_macros)]

/// `body` and `isBase64Encoded` of a proxied HTTP request, decoded.
macro_rules! request_body {
    ($request:ident) => {
        impl $request {
            /// The body as bytes: base64-decoded when `isBase64Encoded` is
            /// true, the text's bytes otherwise, empty when there is no body.
            ///
            /// # Errors
            /// A [`PayloadError`](crate::payload::PayloadError) naming
            /// `body` when it is marked as base64 but is not valid standard base64.
            #[inline]
            pub fn body_bytes(&self) -> Result<::std::borrow::Cow<'_, [u8]>, crate::payload::PayloadError> {
                crate::common::helpers::http::body_bytes(self.body.as_deref(), self.is_base64_encoded)
            }

            /// The body as text: decoded when `isBase64Encoded` is true, as
            /// sent otherwise, empty when there is no body.
            ///
            /// # Errors
            /// A [`PayloadError`](crate::payload::PayloadError) naming
            /// `body` when it is marked as base64 but is not valid base64,
            /// or decodes to bytes that are not UTF-8.
            #[inline]
            pub fn body_text(&self) -> Result<::std::borrow::Cow<'_, str>, crate::payload::PayloadError> {
                crate::common::helpers::http::body_text(self.body.as_deref(), self.is_base64_encoded)
            }

            /// Decodes the JSON body (base64-decoded first when
            /// `isBase64Encoded` is true) into the caller's type `T`.
            ///
            /// # Errors
            /// [`PayloadError::Absent`](crate::payload::PayloadError::Absent)
            /// when there is no body; otherwise a
            /// [`PayloadError`](crate::payload::PayloadError) naming `body`
            /// and, for JSON that does not fit `T`, the path inside the
            /// body where decoding failed.
            #[inline]
            pub fn body_json<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, crate::payload::PayloadError> {
                crate::common::helpers::http::body_json(self.body.as_deref(), self.is_base64_encoded)
            }
        }
    };
}

/// The lookups of a REST (v1) style request: `headers`,
/// `multiValueHeaders`, `queryStringParameters`,
/// `multiValueQueryStringParameters`.
macro_rules! rest_request_maps {
    ($request:ident) => {
        impl $request {
            /// The value of header `name`, whatever the case of its name in
            /// the request; the last value when the header was repeated.
            #[inline]
            pub fn header(&self, name: &str) -> Option<&str> {
                crate::apigw::helpers::v1_header(self.headers.as_ref(), self.multi_value_headers.as_ref(), name)
            }

            /// Every value of header `name`, in the order sent, whatever the
            /// case of its name; empty when the request has no such header.
            #[inline]
            pub fn header_values(&self, name: &str) -> Vec<&str> {
                crate::apigw::helpers::v1_values(self.headers.as_ref(), self.multi_value_headers.as_ref(), name, true)
            }

            /// The value of query string parameter `name` (case-sensitive,
            /// URL-decoded); the last value when it was repeated.
            #[inline]
            pub fn query_parameter(&self, name: &str) -> Option<&str> {
                crate::apigw::helpers::v1_parameter(self.query_string_parameters.as_ref(), self.multi_value_query_string_parameters.as_ref(), name)
            }

            /// Every value of query string parameter `name`, in the order
            /// sent; empty when the request has no such parameter.
            #[inline]
            pub fn query_parameter_values(&self, name: &str) -> Vec<&str> {
                crate::apigw::helpers::v1_values(self.query_string_parameters.as_ref(), self.multi_value_query_string_parameters.as_ref(), name, false)
            }
        }
    };
}

/// The lookups of a payload 2.0 request (HTTP APIs and Function URLs):
/// `headers`, `queryStringParameters`, `cookies`.
macro_rules! payload_v2_request_maps {
    ($request:ident) => {
        impl $request {
            /// The value of header `name`, whatever the case of its name.
            /// Payload 2.0 joins the values of a repeated header with commas.
            #[inline]
            pub fn header(&self, name: &str) -> Option<&str> {
                crate::common::helpers::http::find_ignoring_case(self.headers.as_ref(), name).map(String::as_str)
            }

            /// The value of query string parameter `name` (case-sensitive,
            /// URL-decoded). Payload 2.0 joins the values of a repeated
            /// parameter with commas; `rawQueryString` has them apart.
            #[inline]
            pub fn query_parameter(&self, name: &str) -> Option<&str> {
                crate::common::helpers::http::find(self.query_string_parameters.as_ref(), name)
            }

            /// The value of the request cookie `name`, as sent (not URL-decoded).
            #[inline]
            pub fn cookie(&self, name: &str) -> Option<&str> {
                crate::common::helpers::http::find_cookie(self.cookies.as_ref(), name)
            }
        }
    };
}

/// The lookups of an API Gateway route's `pathParameters` and `stageVariables`.
macro_rules! route_parameters {
    ($request:ident) => {
        impl $request {
            /// The value of path parameter `name`, such as `proxy` for `/{proxy+}`.
            #[inline]
            pub fn path_parameter(&self, name: &str) -> Option<&str> {
                crate::common::helpers::http::find(self.path_parameters.as_ref(), name)
            }

            /// The value of stage variable `name`.
            #[inline]
            pub fn stage_variable(&self, name: &str) -> Option<&str> {
                crate::common::helpers::http::find(self.stage_variables.as_ref(), name)
            }
        }
    };
}

/// Constructors and builders of an HTTP response with `statusCode`,
/// `headers`, `body` and `isBase64Encoded`.
macro_rules! response_builders {
    ($response:ident) => {
        impl $response {
            /// A response with this status and nothing else.
            #[inline]
            pub fn new(status_code: u16) -> Self {
                $response { status_code: i64::from(status_code), ..Default::default() }
            }

            /// A response with a text body, `Content-Type: text/plain; charset=utf-8`.
            pub fn text(status_code: u16, body: impl Into<String>) -> Self {
                let mut response = Self::new(status_code).with_header("Content-Type", "text/plain; charset=utf-8");
                response.body = Some(body.into());
                response.is_base64_encoded = Some(false);
                response
            }

            /// A response whose body is `value` as JSON, `Content-Type: application/json`.
            ///
            /// # Errors
            /// When `value` cannot be written as JSON (a map with non-string
            /// keys, a failing `Serialize` implementation).
            pub fn json<T: ::serde::Serialize + ?Sized>(status_code: u16, value: &T) -> Result<Self, ::serde_json::Error> {
                let mut response = Self::new(status_code).with_header("Content-Type", "application/json");
                response.body = Some(::serde_json::to_string(value)?);
                response.is_base64_encoded = Some(false);
                Ok(response)
            }

            /// A response with a binary body: base64-encoded, with
            /// `isBase64Encoded` set, and the given `Content-Type`, which
            /// the service decodes before sending (REST APIs need the type
            /// among the API's binary media types).
            pub fn binary(status_code: u16, bytes: impl AsRef<[u8]>, content_type: impl Into<String>) -> Self {
                let mut response = Self::new(status_code).with_header("Content-Type", content_type);
                response.body = Some(crate::common::helpers::http::encode_base64(bytes.as_ref()));
                response.is_base64_encoded = Some(true);
                response
            }

            /// Sets the status code.
            #[inline]
            pub fn with_status(mut self, status_code: u16) -> Self {
                self.status_code = i64::from(status_code);
                self
            }

            /// Sets header `name` in `headers`, replacing any header whose
            /// name differs only in case.
            pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                crate::common::helpers::http::set_header(&mut self.headers, name.into(), value.into());
                self
            }
        }
    };
}

/// The stage-wide ARN of a REST authorizer request's `methodArn`.
macro_rules! stage_wildcard_arn {
    ($request:ident) => {
        impl $request {
            /// The ARN of every method of the stage this request's
            /// `methodArn` names (`…:{api}/{stage}/*`), for the policy to
            /// allow. API Gateway caches an authorizer's policy per token
            /// (for 300 s unless configured otherwise) and applies it to every
            /// method the caller then calls: a policy allowing only the first
            /// `methodArn` answers the caller's other routes with 403 until the
            /// cache expires. `None` when `methodArn` is no API Gateway ARN.
            #[inline]
            pub fn stage_wildcard_arn(&self) -> Option<String> {
                crate::apigw::helpers::stage_wildcard_arn(crate::apigw::helpers::MemberText::member_text(&self.method_arn)?)
            }
        }
    };
}

/// `callerContext.clientId` of a Cognito user pool trigger.
macro_rules! cognito_caller {
    ($event:ident) => {
        impl $event {
            /// The app client id from `callerContext`, if the event has one.
            #[inline]
            pub fn client_id(&self) -> Option<&str> {
                self.caller_context.as_ref()?.client_id.as_deref()
            }
        }
    };
}

/// `clientMetadata` of a Cognito trigger's request.
macro_rules! client_metadata {
    ($event:ident, $request:ident: $request_type:ty) => {
        impl $event {
            /// The value of `key` in the `clientMetadata` the app passed, if any.
            #[inline]
            pub fn client_metadata_value(&self, key: &str) -> Option<&str> {
                crate::cognito::helpers::lookup(self.$request.client_metadata.as_ref(), key)
            }
        }
    };
}

/// `userAttributes`, a map of text, of a Cognito trigger's request.
macro_rules! user_attributes {
    ($event:ident, $request:ident: $request_type:ty) => {
        impl $event {
            /// The user attribute `name` (`email`, `sub`, `custom:tenant`, …) from
            /// `request.userAttributes`, if present. Values are text, booleans included (`"true"`).
            #[inline]
            pub fn user_attribute(&self, name: &str) -> Option<&str> {
                crate::cognito::helpers::lookup(self.$request.user_attributes.as_ref(), name)
            }
        }
    };
}

/// The `session` of a custom authentication trigger's request.
macro_rules! challenge_session {
    ($event:ident, $request:ident: $request_type:ty) => {
        impl $event {
            /// The challenges presented so far, oldest first (empty at the first step).
            #[inline]
            pub fn session(&self) -> &[crate::cognito::CognitoChallengeResult] {
                self.$request.session.as_deref().unwrap_or_default()
            }

            /// The most recent challenge of the session, if any.
            #[inline]
            pub fn last_challenge(&self) -> Option<&crate::cognito::CognitoChallengeResult> {
                self.session().last()
            }

            /// How many custom challenges the user answered wrongly in this session.
            #[inline]
            pub fn failed_custom_challenges(&self) -> usize {
                crate::cognito::helpers::failed_custom_challenges(self.session())
            }
        }
    };
}

/// The response of a trigger that Cognito always sends but a hand-written
/// event may leave out (it is then written back without one): filling it in
/// creates it.
macro_rules! response_mut {
    ($event:ident, $response:ident: $response_type:ty) => {
        impl $event {
            /// The response to fill in (`response`), created empty when the event has none.
            #[inline]
            pub fn response_mut(&mut self) -> &mut $response_type {
                self.$response.get_or_insert_with(Default::default)
            }
        }
    };
}

/// The response of pre token generation versions 2 and 3
/// (`claimsAndScopeOverrideDetails`), filled in through the event; the
/// response is created when the event has none.
macro_rules! claims_and_scope_overrides {
    ($event:ident, $response:ident: $response_type:ty) => {
        impl $event {
            /// Adds (or replaces) an ID token claim of any JSON type.
            pub fn add_id_token_claim(&mut self, name: impl Into<String>, value: impl Into<::serde_json::Value>) -> &mut Self {
                self.$response.get_or_insert_with(Default::default).overrides().id_token().add_claim(name, value);
                self
            }

            /// Removes a claim from the ID token.
            pub fn suppress_id_token_claim(&mut self, name: impl Into<String>) -> &mut Self {
                self.$response.get_or_insert_with(Default::default).overrides().id_token().suppress_claim(name);
                self
            }

            /// Adds (or replaces) an access token claim of any JSON type.
            pub fn add_access_token_claim(&mut self, name: impl Into<String>, value: impl Into<::serde_json::Value>) -> &mut Self {
                self.$response.get_or_insert_with(Default::default).overrides().access_token().add_claim(name, value);
                self
            }

            /// Removes a claim from the access token.
            pub fn suppress_access_token_claim(&mut self, name: impl Into<String>) -> &mut Self {
                self.$response.get_or_insert_with(Default::default).overrides().access_token().suppress_claim(name);
                self
            }

            /// Adds an OAuth scope to the access token.
            pub fn add_scope(&mut self, scope: impl Into<String>) -> &mut Self {
                self.$response.get_or_insert_with(Default::default).overrides().access_token().add_scope(scope);
                self
            }

            /// Removes an OAuth scope from the access token.
            pub fn suppress_scope(&mut self, scope: impl Into<String>) -> &mut Self {
                self.$response.get_or_insert_with(Default::default).overrides().access_token().suppress_scope(scope);
                self
            }

            /// Puts these groups and roles in the tokens instead of the user's.
            #[inline]
            pub fn override_groups(&mut self, groups: crate::cognito::CognitoGroupConfiguration) -> &mut Self {
                self.$response.get_or_insert_with(Default::default).overrides().group_override_details = Some(groups);
                self
            }
        }
    };
}

/// The scopes a pre token generation request says the access token would carry.
macro_rules! requested_scopes {
    ($event:ident, $request:ident: $request_type:ty) => {
        impl $event {
            /// The scopes the access token would carry (`request.scopes`).
            #[inline]
            pub fn requested_scopes(&self) -> &[String] {
                self.$request.scopes.as_deref().unwrap_or_default()
            }
        }
    };
}

/// Implements the answers of one event-record type of a transformation
/// (Firehose, Firehose from MSK, Kinesis Data Analytics input preprocessing),
/// given the member that holds the record's payload.
macro_rules! transformation_answers {
    ($record:ident, $data:ident: $data_type:ty) => {
        impl $record {
            /// The answer for this record, in one call: `result` and `data` as
            /// its payload (base64-encoded on the wire).
            pub fn respond(
                &self,
                result: crate::common::FirehoseTransformationResult,
                data: impl Into<Vec<u8>>,
            ) -> crate::common::FirehoseTransformationRecord {
                crate::common::FirehoseTransformationRecord::new(self.record_id.clone(), result, Some(data.into()))
            }

            /// `Ok`, with `data` as the transformed payload.
            pub fn transformed(&self, data: impl Into<Vec<u8>>) -> crate::common::FirehoseTransformationRecord {
                self.respond(crate::common::FirehoseTransformationResult::Ok, data)
            }

            /// `Ok`, with `value` written as JSON as the transformed payload.
            pub fn transformed_json<T: serde::Serialize + ?Sized>(&self, value: &T) -> Result<crate::common::FirehoseTransformationRecord, serde_json::Error> {
                Ok(self.transformed(serde_json::to_vec(value)?))
            }

            /// `Ok`, with `value` written as one line of JSON (followed by a
            /// newline, so that records delivered together stay one per line).
            pub fn transformed_json_line<T: serde::Serialize + ?Sized>(
                &self,
                value: &T,
            ) -> Result<crate::common::FirehoseTransformationRecord, serde_json::Error> {
                let mut data = serde_json::to_vec(value)?;
                data.push(b'\n');
                Ok(self.transformed(data))
            }

            /// `Dropped`: the record is deliberately discarded (its original
            /// payload is sent back unchanged).
            #[inline]
            pub fn dropped(&self) -> crate::common::FirehoseTransformationRecord {
                self.respond(crate::common::FirehoseTransformationResult::Dropped, self.$data.0.clone())
            }

            /// `ProcessingFailed`: the record could not be transformed and goes
            /// to the error output (its original payload is sent back
            /// unchanged).
            #[inline]
            pub fn processing_failed(&self) -> crate::common::FirehoseTransformationRecord {
                self.respond(crate::common::FirehoseTransformationResult::ProcessingFailed, self.$data.0.clone())
            }
        }
    };
}

/// A Batch Operations invocation of either schema version: the
/// `S3BatchJobInvocation` members, and the decoded key of its tasks.
macro_rules! s3_batch_job {
    ($event:ident, $tasks:ident: Vec<$task:ty>) => {
        impl crate::s3::S3BatchJobInvocation for $event {
            type Task = $task;
            #[inline]
            fn invocation_schema_version(&self) -> &str {
                &self.invocation_schema_version
            }
            #[inline]
            fn invocation_id(&self) -> &str {
                &self.invocation_id
            }
            #[inline]
            fn tasks(&self) -> &[$task] {
                &self.$tasks
            }
            #[inline]
            fn task_id(task: &$task) -> &str {
                &task.task_id
            }
        }

        impl $task {
            /// The object key decoded: `+` becomes a space, then `%XX`
            /// escapes are decoded. `s3_key` stays as sent.
            #[inline]
            pub fn url_decoded_key(&self) -> Result<String, crate::s3::S3KeyDecodeError> {
                crate::s3::helpers::url_decode_key(&self.s3_key)
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {
    challenge_session, claims_and_scope_overrides, client_metadata, cognito_caller, payload_v2_request_maps, request_body, requested_scopes, response_builders,
    response_mut, rest_request_maps, route_parameters, s3_batch_job, stage_wildcard_arn, transformation_answers, user_attributes,
};
