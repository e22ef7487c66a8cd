//! Conveniences on the types shared by several sources: the partial batch
//! failure response (SQS, Kinesis, DynamoDB Streams), the tumbling-window
//! response (Kinesis, DynamoDB Streams) and the record-transformation response
//! (Firehose, Kinesis Data Analytics), and the HTTP family's building blocks
//! (API Gateway, ALB, Function URLs, VPC Lattice: bodies, case-insensitive
//! lookups, the builders of the payload 2.0 response and of the Lambda target
//! response). Each block compiles under any feature of a source that uses the
//! type.

#[cfg(any(feature = "sqs", feature = "kinesis", feature = "dynamodb"))]
mod batch {
    use crate::common::{BatchItemFailure, BatchResponse};

    impl BatchResponse {
        /// A response that reports the given records as failed (SQS message
        /// ids, Kinesis or DynamoDB sequence numbers); an empty list reports
        /// success for the whole batch.
        pub fn from_failed_ids<I, S>(ids: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            BatchResponse {
                batch_item_failures: ids.into_iter().map(|id| BatchItemFailure { item_identifier: id.into(), ..Default::default() }).collect(),
                ..Default::default()
            }
        }

        /// Reports the record with this id (message id or sequence number) as failed.
        pub fn push_failed_id(&mut self, id: impl Into<String>) {
            self.batch_item_failures.push(BatchItemFailure { item_identifier: id.into(), ..Default::default() });
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn failed_ids_become_item_failures_in_order() {
            let mut response = BatchResponse::from_failed_ids(["2", "1"]);
            response.push_failed_id(String::from("3"));
            let json = serde_json::to_value(&response).unwrap();
            assert_eq!(json, serde_json::json!({ "batchItemFailures": [{ "itemIdentifier": "2" }, { "itemIdentifier": "1" }, { "itemIdentifier": "3" }] }));
        }

        #[test]
        fn no_failed_ids_is_success() {
            let json = serde_json::to_value(BatchResponse::from_failed_ids(Vec::<String>::new())).unwrap();
            assert_eq!(json, serde_json::json!({ "batchItemFailures": [] }));
        }
    }
}

#[cfg(any(feature = "kinesis", feature = "dynamodb"))]
mod time_window {
    use std::collections::BTreeMap;

    use crate::common::{BatchItemFailure, TimeWindowResponse};

    impl TimeWindowResponse {
        /// A response that passes `state` to the next invocation of the window
        /// and reports no failure.
        #[inline]
        pub fn from_state(state: BTreeMap<String, serde_json::Value>) -> Self {
            TimeWindowResponse { state, ..Default::default() }
        }

        /// A response whose state is `value`, which must serialize to a JSON
        /// object (a struct or a map): your own aggregate type, read back in the
        /// next invocation with the event's `state_as`.
        pub fn from_state_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
            match serde_json::to_value(value)? {
                serde_json::Value::Object(state) => Ok(Self::from_state(state.into_iter().collect())),
                other => Err(<serde_json::Error as serde::ser::Error>::custom(format_args!(
                    "the time-window state must be a JSON object, not {}",
                    json_kind(&other)
                ))),
            }
        }

        /// Reports the record with this sequence number as failed (the event
        /// source mapping needs `ReportBatchItemFailures`).
        pub fn push_failed_id(&mut self, sequence_number: impl Into<String>) {
            self.batch_item_failures.get_or_insert_with(Vec::new).push(BatchItemFailure { item_identifier: sequence_number.into(), ..Default::default() });
        }
    }

    #[inline]
    fn json_kind(value: &serde_json::Value) -> &'static str {
        match value {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::Object(_) => "an object",
        }
    }

    /// Decodes a window's state into `T`; an absent state reads as `{}`.
    pub(crate) fn state_as<T: serde::de::DeserializeOwned>(state: Option<&BTreeMap<String, serde_json::Value>>) -> Result<T, crate::payload::PayloadError> {
        let object: serde_json::Map<String, serde_json::Value> =
            state.map(|state| state.iter().map(|(key, value)| (key.clone(), value.clone())).collect()).unwrap_or_default();
        serde_path_to_error::deserialize(serde_json::Value::Object(object)).map_err(|error| crate::payload::PayloadError::Json {
            field: "state",
            path: error.path().to_string(),
            error: error.into_inner(),
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn state_round_trips_through_the_callers_type() {
            let mut totals = BTreeMap::new();
            totals.insert("count", 3.0);
            totals.insert("revenue", 61.5);
            let mut response = TimeWindowResponse::from_state_value(&totals).unwrap();
            response.push_failed_id("49590338271490256608559692538361571095921575989136588898");
            let json = serde_json::to_value(&response).unwrap();
            assert_eq!(
                json,
                serde_json::json!({
                    "state": { "count": 3.0, "revenue": 61.5 },
                    "batchItemFailures": [{ "itemIdentifier": "49590338271490256608559692538361571095921575989136588898" }]
                })
            );
            let read: BTreeMap<String, f64> = state_as(Some(&response.state)).unwrap();
            assert_eq!(read.get("revenue"), Some(&61.5));
        }

        #[test]
        fn a_state_that_is_not_an_object_is_an_error() {
            let error = TimeWindowResponse::from_state_value(&[1, 2]).unwrap_err();
            assert!(error.to_string().contains("not an array"), "{error}");
        }

        #[test]
        fn a_state_of_the_wrong_shape_names_the_member() {
            let mut state = BTreeMap::new();
            state.insert("count".to_owned(), serde_json::json!("three"));
            let error = state_as::<BTreeMap<String, u64>>(Some(&state)).unwrap_err();
            assert!(error.to_string().contains("count"), "{error}");
            let empty: BTreeMap<String, u64> = state_as(None).unwrap();
            assert!(empty.is_empty());
        }
    }
}

#[cfg(any(feature = "firehose", feature = "kinesis_analytics"))]
mod transformation {
    use crate::codec::Base64Bytes;
    use crate::common::{FirehoseTransformationMetadata, FirehoseTransformationRecord, FirehoseTransformationResponse, FirehoseTransformationResult};

    impl FirehoseTransformationRecord {
        /// The answer for the record `record_id`: its result and, when given,
        /// its data (base64-encoded on the wire). The event record types have
        /// shorthands that fill in the id (`transformed`, `dropped`,
        /// `processing_failed`).
        pub fn new(record_id: impl Into<String>, result: FirehoseTransformationResult, data: Option<Vec<u8>>) -> Self {
            FirehoseTransformationRecord { record_id: record_id.into(), result, data: data.map(Base64Bytes), ..Default::default() }
        }

        /// A successfully transformed (`Ok`) record carrying `data`.
        pub fn transformed(record_id: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
            Self::new(record_id, FirehoseTransformationResult::Ok, Some(data.into()))
        }

        /// Routes the record with Firehose dynamic partitioning: the values of
        /// the partition keys the S3 prefix refers to as
        /// `partitionKeyFromLambda:<name>`.
        pub fn with_partition_keys<I, K, V>(mut self, keys: I) -> Self
        where
            I: IntoIterator<Item = (K, V)>,
            K: Into<String>,
            V: Into<String>,
        {
            let metadata = self.metadata.get_or_insert_with(FirehoseTransformationMetadata::default);
            metadata.partition_keys.get_or_insert_with(Default::default).extend(keys.into_iter().map(|(key, value)| (key.into(), value.into())));
            self
        }
    }

    impl FromIterator<FirehoseTransformationRecord> for FirehoseTransformationResponse {
        fn from_iter<I: IntoIterator<Item = FirehoseTransformationRecord>>(records: I) -> Self {
            FirehoseTransformationResponse { records: records.into_iter().collect(), ..Default::default() }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_response_is_built_from_records() {
            let response: FirehoseTransformationResponse = [
                FirehoseTransformationRecord::transformed("r1", b"{\"a\":1}\n".to_vec()).with_partition_keys([("customerId", "cust-5521")]),
                FirehoseTransformationRecord::new("r2", FirehoseTransformationResult::Dropped, None),
            ]
            .into_iter()
            .collect();
            let json = serde_json::to_value(&response).unwrap();
            assert_eq!(
                json,
                serde_json::json!({ "records": [
                    { "recordId": "r1", "result": "Ok", "data": "eyJhIjoxfQo=", "metadata": { "partitionKeys": { "customerId": "cust-5521" } } },
                    { "recordId": "r2", "result": "Dropped" }
                ] })
            );
        }
    }
}

#[cfg(any(feature = "kinesis", feature = "dynamodb"))]
pub(crate) use self::time_window::state_as as time_window_state_as;

/// What the request and response types of the HTTP family (API Gateway, ALB,
/// Function URLs, VPC Lattice) share: bodies that are text or base64, header
/// maps whose names are looked up ignoring case, cookies, and the response
/// builders, which the `behaviour` macros that the types' schemas declare forward to.
#[cfg(any(feature = "alb", feature = "apigw", feature = "lambda_url", feature = "vpc_lattice"))]
pub(crate) mod http {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;

    use crate::payload::PayloadError;

    /// An error about the `body` member that is not a JSON error: bad base64, or
    /// decoded bytes that are not UTF-8.
    #[inline]
    fn body_error(message: String) -> PayloadError {
        PayloadError::Invalid { field: "body", path: ".".to_owned(), message }
    }

    /// The body's bytes: base64-decoded when `is_base64` says so, the text's
    /// bytes otherwise, empty when there is no body.
    #[inline]
    pub(crate) fn body_bytes(body: Option<&str>, is_base64: Option<bool>) -> Result<Cow<'_, [u8]>, PayloadError> {
        let Some(body) = body else { return Ok(Cow::Borrowed(&[])) };
        if is_base64 != Some(true) {
            return Ok(Cow::Borrowed(body.as_bytes()));
        }
        STANDARD
            .decode(body)
            .map(Cow::Owned)
            .map_err(|error| body_error(format!("`isBase64Encoded` is true but the body is not valid standard base64 ({error})")))
    }

    /// The body as text: decoded from base64 (and checked to be UTF-8) when
    /// `is_base64` says so, as sent otherwise, empty when there is no body.
    #[inline]
    pub(crate) fn body_text(body: Option<&str>, is_base64: Option<bool>) -> Result<Cow<'_, str>, PayloadError> {
        match body_bytes(body, is_base64)? {
            // Not base64: the bytes are the body's own text.
            Cow::Borrowed(_) => Ok(Cow::Borrowed(body.unwrap_or_default())),
            Cow::Owned(bytes) => String::from_utf8(bytes)
                .map(Cow::Owned)
                .map_err(|error| body_error(format!("the base64-decoded body is not UTF-8 text ({})", error.utf8_error()))),
        }
    }

    /// The body decoded as JSON into `T`; an absent or `null` body is
    /// `PayloadError::Absent`.
    pub(crate) fn body_json<T: serde::de::DeserializeOwned>(body: Option<&str>, is_base64: Option<bool>) -> Result<T, PayloadError> {
        if body.is_none() {
            return Err(PayloadError::Absent { field: "body" });
        }
        let bytes = body_bytes(body, is_base64)?;
        crate::payload::decode_json("body", Some(&bytes))
    }

    /// The body as base64 text, for a response that carries binary data.
    #[inline]
    pub(crate) fn encode_base64(bytes: &[u8]) -> String {
        STANDARD.encode(bytes)
    }

    /// The value under `name`, ignoring ASCII case (HTTP header names); an
    /// exact match wins over one that differs in case.
    pub(crate) fn find_ignoring_case<'a, V>(map: Option<&'a BTreeMap<String, V>>, name: &str) -> Option<&'a V> {
        let map = map?;
        map.get(name).or_else(|| map.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value))
    }

    /// The value under exactly `name` (query, path and stage variable names are case-sensitive).
    #[cfg(any(feature = "apigw", feature = "lambda_url", feature = "vpc_lattice"))]
    #[inline]
    pub(crate) fn find<'a>(map: Option<&'a BTreeMap<String, String>>, name: &str) -> Option<&'a str> {
        map?.get(name).map(String::as_str)
    }

    /// The value of cookie `name` among `name=value` strings.
    #[cfg(any(feature = "apigw", feature = "lambda_url"))]
    #[inline]
    pub(crate) fn find_cookie<'a>(cookies: Option<&'a Vec<String>>, name: &str) -> Option<&'a str> {
        cookies?.iter().find_map(|cookie| {
            let (key, value) = cookie.split_once('=')?;
            (key.trim() == name).then(|| value.trim())
        })
    }

    /// Sets `name` in a header map, replacing every entry whose name differs
    /// only in case (so `content-type` replaces `Content-Type`).
    #[inline]
    pub(crate) fn set_header(headers: &mut Option<BTreeMap<String, String>>, name: String, value: String) {
        let headers = headers.get_or_insert_with(BTreeMap::new);
        headers.retain(|key, _| !key.eq_ignore_ascii_case(&name));
        headers.insert(name, value);
    }

    /// Adds `value` to header `name` of a multi-value map, after the values it
    /// already has, under the name's existing spelling when it differs only in case.
    #[cfg(any(feature = "alb", feature = "apigw", feature = "vpc_lattice"))]
    #[inline]
    pub(crate) fn add_header_value(headers: &mut Option<BTreeMap<String, Vec<String>>>, name: String, value: String) {
        let headers = headers.get_or_insert_with(BTreeMap::new);
        let existing = headers.keys().find(|key| key.eq_ignore_ascii_case(&name)).cloned();
        headers.entry(existing.unwrap_or(name)).or_default().push(value);
    }
}

#[cfg(any(feature = "apigw", feature = "lambda_url"))]
mod payload_v2_response {
    use crate::common::ApiGatewayV2HttpResponse;

    impl ApiGatewayV2HttpResponse {
        /// Adds a cookie to set, such as `session=abc; Path=/; HttpOnly`, to
        /// `cookies` (API Gateway and Function URLs send each as a `Set-Cookie` header).
        ///
        /// # Example: an HTTP API JSON endpoint, end to end
        ///
        /// ```
        /// # #[cfg(feature = "apigw")] {
        /// use lambda_event_catalog_events::apigw::{ApiGatewayV2HttpRequest, ApiGatewayV2HttpResponse};
        /// use serde_json::{json, Value};
        ///
        /// /// POST /orders: reads a JSON order, answers 201 with the order created.
        /// fn create_order(request: &ApiGatewayV2HttpRequest) -> ApiGatewayV2HttpResponse {
        ///     // Your own serde type works the same way; `Value` keeps the example short.
        ///     let order: Value = match request.body_json() {
        ///         Ok(order) => order,
        ///         Err(error) => return ApiGatewayV2HttpResponse::text(400, error.to_string()),
        ///     };
        ///     let Some(quantity) = order["quantity"].as_u64() else {
        ///         return ApiGatewayV2HttpResponse::text(422, "`quantity` must be a whole number");
        ///     };
        ///     let tenant = request.header("X-Tenant").unwrap_or("default");
        ///     let created = json!({"id": "1042-7731", "tenant": tenant, "sku": order["sku"], "quantity": quantity});
        ///     match ApiGatewayV2HttpResponse::json(201, &created) {
        ///         Ok(response) => response
        ///             .with_header("Location", "/orders/1042-7731")
        ///             .with_cookie("last_order=1042-7731; Path=/; Secure; HttpOnly"),
        ///         Err(_) => ApiGatewayV2HttpResponse::new(500),
        ///     }
        /// }
        ///
        /// // The event API Gateway sends (payload format 2.0), as the Lambda runtime hands it over.
        /// let event = br#"{
        ///   "version": "2.0", "routeKey": "POST /orders", "rawPath": "/orders", "rawQueryString": "",
        ///   "headers": {"content-type": "application/json", "x-tenant": "acme"},
        ///   "requestContext": {
        ///     "http": {"method": "POST", "path": "/orders", "protocol": "HTTP/1.1",
        ///              "sourceIp": "198.51.100.7", "userAgent": "curl/8.5.0"},
        ///     "requestId": "VbTz1jQ3IAMEVwA=", "routeKey": "POST /orders", "stage": "$default",
        ///     "time": "18/Mar/2024:10:45:08 +0000", "timeEpoch": 1710758708412
        ///   },
        ///   "body": "{\"sku\":\"TSHIRT-RED-M\",\"quantity\":2}",
        ///   "isBase64Encoded": false
        /// }"#;
        /// let request: ApiGatewayV2HttpRequest = lambda_event_catalog_events::from_slice(event)?;
        /// let response = create_order(&request);
        ///
        /// // The JSON the function returns to API Gateway.
        /// let written = serde_json::to_value(&response)?;
        /// assert_eq!(written["statusCode"], 201);
        /// assert_eq!(written["headers"], json!({"Content-Type": "application/json", "Location": "/orders/1042-7731"}));
        /// assert_eq!(written["cookies"], json!(["last_order=1042-7731; Path=/; Secure; HttpOnly"]));
        /// assert_eq!(written["isBase64Encoded"], false);
        /// let body: Value = serde_json::from_str(written["body"].as_str().unwrap_or_default())?;
        /// assert_eq!(body, json!({"id": "1042-7731", "tenant": "acme", "sku": "TSHIRT-RED-M", "quantity": 2}));
        /// # }
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn with_cookie(mut self, cookie: impl Into<String>) -> Self {
            self.cookies.get_or_insert_with(Vec::new).push(cookie.into());
            self
        }
    }
}

#[cfg(any(feature = "alb", feature = "vpc_lattice"))]
mod lambda_target_response {
    use super::http::add_header_value;
    use crate::common::LambdaTargetResponse;

    impl LambdaTargetResponse {
        /// Sets `statusDescription`, the status line's code and reason
        /// phrase, such as `404 Not Found`.
        pub fn with_status_description(mut self, description: impl Into<String>) -> Self {
            self.status_description = Some(description.into());
            self
        }

        /// Adds a value to header `name` in `multiValueHeaders`, after the
        /// values it already has (several `Set-Cookie`s). Only an ALB whose
        /// target group has multi-value headers enabled reads it; VPC Lattice
        /// and ALB without the setting read `headers` (set with `with_header`).
        pub fn with_multi_value_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            add_header_value(&mut self.multi_value_headers, name.into(), value.into());
            self
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use serde_json::json;

        #[test]
        fn target_responses_carry_a_status_description_and_both_header_maps() {
            let response = LambdaTargetResponse::json(404, &json!({"error": "no such order"}))
                .unwrap()
                .with_status_description("404 Not Found")
                .with_multi_value_header("Set-Cookie", "a=1; Path=/")
                .with_multi_value_header("set-cookie", "b=2; Path=/");
            assert_eq!(
                serde_json::to_value(&response).unwrap(),
                json!({
                    "statusCode": 404,
                    "statusDescription": "404 Not Found",
                    "headers": {"Content-Type": "application/json"},
                    "multiValueHeaders": {"Set-Cookie": ["a=1; Path=/", "b=2; Path=/"]},
                    "body": "{\"error\":\"no such order\"}",
                    "isBase64Encoded": false
                })
            );
            let response = LambdaTargetResponse::binary(200, [0xffu8, 0xd8, 0xff], "image/jpeg").with_header("content-type", "image/jpeg; q=1");
            assert_eq!(response.body.as_deref(), Some("/9j/"));
            assert_eq!(response.is_base64_encoded, Some(true));
            assert_eq!(response.headers.as_ref().unwrap().len(), 1, "a header differing only in case replaces the other");
            let response = LambdaTargetResponse::text(200, "ok").with_status(202);
            assert_eq!(serde_json::to_value(&response).unwrap()["statusCode"], 202);
        }
    }
}
