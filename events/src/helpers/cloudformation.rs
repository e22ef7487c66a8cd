//! CloudFormation custom resource conveniences: the request's ids whatever
//! its type, its properties in your type, and the success or failure
//! response that echoes the request's ids and keeps its physical id.
//!
//! A handler answers by an HTTPS `PUT` of the response, as JSON, to
//! [`response_url`](CloudFormationCustomResourceRequest::response_url) (with
//! an empty `Content-Type`); this crate builds the document, the HTTP client
//! is yours.
//!
//! ```
//! use lambda_event_catalog_events::cloudformation::CloudFormationCustomResourceRequest;
//!
//! let request: CloudFormationCustomResourceRequest = serde_json::from_str(r#"{
//!   "RequestType": "Update", "ResponseURL": "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x",
//!   "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/shop/1a2b", "RequestId": "r-1",
//!   "LogicalResourceId": "Bucket", "ResourceType": "Custom::Bucket", "PhysicalResourceId": "shop-bucket-7"
//! }"#).unwrap();
//! let response = request.success().with_data_value(&serde_json::json!({ "Arn": "arn:aws:s3:::shop-bucket-7" })).unwrap();
//! let json = serde_json::to_value(&response).unwrap();
//! assert_eq!(json["PhysicalResourceId"], "shop-bucket-7");
//! assert_eq!(json["Data"]["Arn"], "arn:aws:s3:::shop-bucket-7");
//! ```

use crate::cloudformation::{CloudFormationCustomResourceRequest, CloudFormationCustomResourceResponse, CloudFormationCustomResourceStatus};
use crate::payload::PayloadError;

impl CloudFormationCustomResourceRequest {
    /// The resource's physical id: `None` on `Create`, which has none yet.
    #[inline]
    pub fn physical_resource_id(&self) -> Option<&str> {
        match self {
            CloudFormationCustomResourceRequest::Create(_) => None,
            CloudFormationCustomResourceRequest::Update(request) => Some(&request.physical_resource_id),
            CloudFormationCustomResourceRequest::Delete(request) => Some(&request.physical_resource_id),
            CloudFormationCustomResourceRequest::Unknown(document) => document.get("PhysicalResourceId").and_then(serde_json::Value::as_str),
        }
    }

    /// Decodes `ResourceProperties` into your type (`ServiceToken` is among
    /// them; scalar values arrive as strings). An error names the path inside
    /// the properties.
    pub fn resource_properties_as<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        let properties = self.resource_properties().ok_or(PayloadError::Absent { field: "ResourceProperties" })?;
        crate::payload::decode_from("ResourceProperties", properties)
    }

    /// The `SUCCESS` response: the request's ids echoed, and its physical id
    /// kept. A `Create` has none yet: the response then uses the request id,
    /// which is unique; call
    /// [`success_with_physical_id`](Self::success_with_physical_id) to name
    /// the resource you created.
    #[inline]
    pub fn success(&self) -> CloudFormationCustomResourceResponse {
        self.response(CloudFormationCustomResourceStatus::Success, None, None)
    }

    /// The `SUCCESS` response with `physical_resource_id` as the resource's
    /// physical id: the resource a `Create` made, or on `Update` a new
    /// resource that replaces the old one (CloudFormation then deletes the
    /// old one with a `Delete` request).
    pub fn success_with_physical_id(&self, physical_resource_id: impl Into<String>) -> CloudFormationCustomResourceResponse {
        self.response(CloudFormationCustomResourceStatus::Success, None, Some(physical_resource_id.into()))
    }

    /// The `FAILED` response with `reason` (shown in the stack's events): the
    /// request's ids echoed and its physical id kept (the request id on a
    /// `Create`, as for [`success`](Self::success)).
    pub fn failure(&self, reason: impl Into<String>) -> CloudFormationCustomResourceResponse {
        self.response(CloudFormationCustomResourceStatus::Failed, Some(reason.into()), None)
    }

    #[inline]
    fn response(
        &self,
        status: CloudFormationCustomResourceStatus,
        reason: Option<String>,
        physical_resource_id: Option<String>,
    ) -> CloudFormationCustomResourceResponse {
        let physical_resource_id = physical_resource_id.or_else(|| self.physical_resource_id().or(self.request_id()).map(str::to_owned));
        CloudFormationCustomResourceResponse {
            status,
            reason,
            physical_resource_id: physical_resource_id.unwrap_or_default(),
            stack_id: self.stack_id().unwrap_or_default().to_owned(),
            request_id: self.request_id().unwrap_or_default().to_owned(),
            logical_resource_id: self.logical_resource_id().unwrap_or_default().to_owned(),
            ..Default::default()
        }
    }
}

impl CloudFormationCustomResourceResponse {
    /// Sets the output values `Fn::GetAtt` reads.
    #[inline]
    pub fn with_data(mut self, data: serde_json::Map<String, serde_json::Value>) -> Self {
        self.data = Some(data);
        self
    }

    /// Sets the output values from your type, which must serialize to a JSON
    /// object.
    pub fn with_data_value<T: serde::Serialize + ?Sized>(self, data: &T) -> Result<Self, serde_json::Error> {
        match serde_json::to_value(data)? {
            serde_json::Value::Object(data) => Ok(self.with_data(data)),
            _ => Err(<serde_json::Error as serde::ser::Error>::custom("the data of a custom resource response must be a JSON object")),
        }
    }

    /// Asks CloudFormation to mask `Data` when it shows the resource.
    #[inline]
    pub fn with_no_echo(mut self, no_echo: bool) -> Self {
        self.no_echo = Some(no_echo);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(request_type: &str, physical: Option<&str>) -> CloudFormationCustomResourceRequest {
        let mut document = serde_json::json!({
            "RequestType": request_type,
            "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:bucket-provider",
            "ResponseURL": "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/response",
            "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/shop/5b918d10-cd98-11ea-90d5-0a9cd3354c10",
            "RequestId": "2d7c1a4e-1f0b-4c5e-9d3a-6b8f7e2a1c90",
            "LogicalResourceId": "OrdersBucket",
            "ResourceType": "Custom::Bucket",
            "ResourceProperties": { "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:bucket-provider", "Retention": "30", "Tags": ["a", "b"] }
        });
        if let Some(physical) = physical {
            document["PhysicalResourceId"] = serde_json::json!(physical);
        }
        serde_json::from_value(document).unwrap()
    }

    #[test]
    fn a_create_success_uses_the_request_id_or_the_given_physical_id() {
        let create = request("Create", None);
        assert!(matches!(create, CloudFormationCustomResourceRequest::Create(_)));
        let response = serde_json::to_value(create.success()).unwrap();
        assert_eq!(
            response,
            serde_json::json!({
                "Status": "SUCCESS",
                "PhysicalResourceId": "2d7c1a4e-1f0b-4c5e-9d3a-6b8f7e2a1c90",
                "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/shop/5b918d10-cd98-11ea-90d5-0a9cd3354c10",
                "RequestId": "2d7c1a4e-1f0b-4c5e-9d3a-6b8f7e2a1c90",
                "LogicalResourceId": "OrdersBucket"
            })
        );
        assert_eq!(create.success_with_physical_id("shop-orders-1").physical_resource_id, "shop-orders-1");
    }

    #[test]
    fn update_and_delete_keep_the_physical_id_and_failures_carry_a_reason() {
        let update = request("Update", Some("shop-orders-1"));
        let response = update.failure("bucket name taken").with_no_echo(true);
        assert_eq!((response.status.as_str(), response.reason.as_deref()), ("FAILED", Some("bucket name taken")));
        assert_eq!(response.physical_resource_id, "shop-orders-1");
        assert_eq!(response.no_echo, Some(true));
        let delete = request("Delete", Some("shop-orders-1"));
        assert_eq!(delete.success().physical_resource_id, "shop-orders-1");
        assert!(delete.success().with_data_value(&[1]).is_err());
    }

    #[test]
    fn an_unknown_request_type_still_answers() {
        let import = request("Import", Some("shop-orders-1"));
        assert!(matches!(import, CloudFormationCustomResourceRequest::Unknown(_)));
        assert_eq!((import.request_type(), import.logical_resource_id()), (Some("Import"), Some("OrdersBucket")));
        assert_eq!(import.success().physical_resource_id, "shop-orders-1");
    }

    #[test]
    fn properties_decode_into_the_callers_type() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(rename_all = "PascalCase")]
        struct Properties {
            retention: String,
            tags: Vec<String>,
        }
        let properties: Properties = request("Create", None).resource_properties_as().unwrap();
        assert_eq!((properties.retention.as_str(), properties.tags.len()), ("30", 2));
        let error = request("Create", None).resource_properties_as::<std::collections::BTreeMap<String, String>>().unwrap_err();
        assert!(error.to_string().contains("Tags"), "{error}");
    }
}
