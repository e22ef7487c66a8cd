//! Function URL conveniences: the request body (base64-aware), headers
//! whatever their case, query parameters, cookies and the caller's IAM
//! credentials. The response, `LambdaFunctionUrlResponse`, is the payload 2.0
//! response of HTTP APIs: its builders (`text`, `json`, `binary`,
//! `with_header`, `with_cookie`…) live in `common`'s helpers.

use crate::common::ApiGatewayV2IamAuthorizer;
use crate::lambda_url::LambdaFunctionUrlRequest;

impl LambdaFunctionUrlRequest {
    /// The caller's IAM credentials when the URL's auth type is `AWS_IAM`;
    /// `None` for auth type `NONE`.
    #[inline]
    pub fn iam(&self) -> Option<&ApiGatewayV2IamAuthorizer> {
        self.request_context.authorizer.as_ref()?.iam.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::lambda_url::LambdaFunctionUrlResponse;
    use crate::payload::PayloadError;
    use serde_json::{json, Value};

    fn parse(json: &str) -> LambdaFunctionUrlRequest {
        crate::from_slice(json.as_bytes()).unwrap()
    }

    const IAM_POST: &str = include_str!("../../../fixtures/lambda_url/request/iam-auth-post-json-body.json");
    const NO_AUTH: &str = include_str!("../../../fixtures/lambda_url/request/no-auth-repeated-query-headers-and-cookies.json");
    const BINARY: &str = include_str!("../../../fixtures/lambda_url/request/no-auth-binary-body-base64.json");
    const NO_BODY: &str = include_str!("../../../fixtures/lambda_url/request/iam-auth-user-in-organization-no-body.json");

    #[test]
    fn headers_query_parameters_and_cookies() {
        let request = parse(NO_AUTH);
        assert_eq!(request.header("X-Custom-Trace"), Some("edge-1,edge-2"));
        assert_eq!(request.header("HOST"), Some("3xk7q2mzv5hwn4b6cy8dtj9fpgr0sa1e.lambda-url.us-east-1.on.aws"));
        assert_eq!(request.header("x-missing"), None);
        assert_eq!(request.query_parameter("color"), Some("red,blue"));
        assert_eq!(request.query_parameter("q"), Some("t shirt"));
        assert_eq!(request.query_parameter("Q"), None, "query names are case-sensitive");
        assert_eq!(request.cookie("consent"), Some("analytics%3Dno"));
        assert_eq!(request.cookie("theme"), Some("dark"));
        assert_eq!(request.cookie("missing"), None);
        assert_eq!(parse(IAM_POST).cookie("session"), None);
    }

    #[test]
    fn the_iam_caller_is_there_for_aws_iam_urls_only() {
        let request = parse(IAM_POST);
        let iam = request.iam().unwrap();
        assert_eq!(iam.user_arn.as_deref(), Some("arn:aws:sts::123456789012:assumed-role/order-events-processor-role/order-events-processor"));
        assert_eq!(iam.principal_org_id, None);
        assert_eq!(parse(NO_BODY).iam().and_then(|iam| iam.principal_org_id.as_deref()), Some("o-a1b2c3d4e5"));
        assert!(parse(NO_AUTH).iam().is_none());
    }

    #[test]
    fn bodies_are_decoded_from_base64_or_borrowed_as_sent() {
        let request = parse(IAM_POST);
        assert!(matches!(request.body_text().unwrap(), Cow::Borrowed(_)));
        let status: Value = request.body_json().unwrap();
        assert_eq!(status["status"], "shipped");
        let request = parse(BINARY);
        assert!(request.body_bytes().unwrap().starts_with(&[0xff, 0xd8, 0xff, 0xe0]));
        assert!(request.body_text().unwrap_err().to_string().contains("not UTF-8"));
        let request = parse(NO_BODY);
        assert_eq!(request.body_bytes().unwrap().as_ref(), b"");
        assert!(matches!(request.body_json::<Value>(), Err(PayloadError::Absent { field: "body" })));
    }

    #[test]
    fn responses_carry_status_body_headers_and_cookies() {
        let response = LambdaFunctionUrlResponse::json(201, &json!({"orderId": "1042-7731"}))
            .unwrap()
            .with_header("Location", "/orders/1042-7731")
            .with_cookie("last_order=1042-7731; Path=/; Secure; HttpOnly")
            .with_cookie("theme=dark");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({
                "statusCode": 201,
                "headers": {"Content-Type": "application/json", "Location": "/orders/1042-7731"},
                "body": "{\"orderId\":\"1042-7731\"}",
                "isBase64Encoded": false,
                "cookies": ["last_order=1042-7731; Path=/; Secure; HttpOnly", "theme=dark"]
            })
        );
        let response = LambdaFunctionUrlResponse::binary(200, [0xffu8, 0xd8, 0xff], "image/jpeg");
        assert_eq!((response.body.as_deref(), response.is_base64_encoded), (Some("/9j/"), Some(true)));
        let response = LambdaFunctionUrlResponse::text(200, "Hello from Lambda!").with_status(418);
        assert_eq!(response.status_code, 418);
        assert_eq!(response.headers.unwrap()["Content-Type"], "text/plain; charset=utf-8");
    }
}
