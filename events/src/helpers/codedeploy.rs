//! CodeDeploy conveniences: the deployment and its state of an event
//! whatever its detail type, deployment or instance.
//!
//! ```
//! use lambda_event_catalog_events::codedeploy::{CodeDeployEvent, CodeDeployEventDetail, CodeDeployState};
//!
//! let event: CodeDeployEvent = lambda_event_catalog_events::from_slice(br#"{"version":"0","id":"6e8a0c2e",
//!   "detail-type":"CodeDeploy Instance State-change Notification","source":"aws.codedeploy","account":"345678901234",
//!   "time":"2024-09-30T02:14:40Z","region":"ap-northeast-1","resources":[],
//!   "detail":{"application":"billing-worker","deploymentId":"d-H2B8N6VC3","state":"FAILURE",
//!     "deploymentGroup":"canary","instanceId":"i-04a7c9e1b3d5f6028"}}"#)?;
//! if event.state() == Some(&CodeDeployState::Failure) {
//!     let on = match &event.detail {
//!         CodeDeployEventDetail::InstanceStateChange(detail) => detail.instance_id.as_str(),
//!         _ => "every instance",
//!     };
//!     assert_eq!((event.deployment_id(), on), (Some("d-H2B8N6VC3"), "i-04a7c9e1b3d5f6028"));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::codedeploy::{CodeDeployEvent, CodeDeployState};

impl CodeDeployEvent {
    /// The id of the deployment (`d-…`, what `GetDeployment` takes), whatever
    /// the detail type (for one the catalogue does not know, read from its JSON).
    #[inline]
    pub fn deployment_id(&self) -> Option<&str> {
        self.detail.deployment_id()
    }

    /// The state the deployment, or the deployment on the instance, changed
    /// to; `None` for a detail type the catalogue does not know.
    #[inline]
    pub fn state(&self) -> Option<&CodeDeployState> {
        self.detail.state()
    }

    /// The name of the CodeDeploy application, whatever the detail type (for
    /// one the catalogue does not know, read from its JSON).
    #[inline]
    pub fn application(&self) -> Option<&str> {
        self.detail.application()
    }

    /// The name of the deployment group, whatever the detail type (for one
    /// the catalogue does not know, read from its JSON).
    #[inline]
    pub fn deployment_group(&self) -> Option<&str> {
        self.detail.deployment_group()
    }
}

#[cfg(test)]
mod tests {
    use crate::codedeploy::{CodeDeployEvent, CodeDeployEventDetail, CodeDeployState};

    fn event(detail_type: &str, detail: serde_json::Value) -> Result<CodeDeployEvent, crate::ParseError> {
        crate::shape::from_value(serde_json::json!({"version": "0", "id": "5d1c7e9a", "detail-type": detail_type, "source": "aws.codedeploy",
            "account": "345678901234", "time": "2024-04-09T13:02:11Z", "region": "eu-west-2", "resources": [], "detail": detail}))
    }

    #[test]
    fn both_detail_types_name_their_deployment() -> Result<(), Box<dyn std::error::Error>> {
        let deployment = event(
            "CodeDeploy Deployment State-change Notification",
            serde_json::json!({"application": "checkout-web", "deploymentId": "d-7QX2M4KB1", "state": "READY", "deploymentGroup": "production-fleet"}),
        )?;
        assert!(matches!(deployment.detail, CodeDeployEventDetail::DeploymentStateChange(_)));
        assert_eq!(deployment.deployment_id(), Some("d-7QX2M4KB1"));
        assert_eq!(deployment.state(), Some(&CodeDeployState::Ready));
        assert_eq!(deployment.application(), Some("checkout-web"));
        assert_eq!(deployment.deployment_group(), Some("production-fleet"));

        let instance = event(
            "CodeDeploy Instance State-change Notification",
            serde_json::json!({"application": "billing-worker", "deploymentId": "d-H2B8N6VC3", "state": "SKIPPED",
                "deploymentGroup": "canary", "instanceId": "onprem-rack7-host12"}),
        )?;
        assert_eq!(instance.deployment_id(), Some("d-H2B8N6VC3"));
        assert_eq!(instance.state(), Some(&CodeDeployState::Other("SKIPPED".to_owned())));
        assert_eq!(instance.application(), Some("billing-worker"));
        assert_eq!(instance.deployment_group(), Some("canary"));
        Ok(())
    }

    #[test]
    fn unknown_detail_types_are_read_from_their_json() -> Result<(), Box<dyn std::error::Error>> {
        let future = event(
            "CodeDeploy Deployment Lifecycle Hook Notification",
            serde_json::json!({"application": "checkout-web", "deploymentId": "d-Z1Y2X3W4V", "deploymentGroup": "production-fleet"}),
        )?;
        assert!(matches!(future.detail, CodeDeployEventDetail::Unknown(_)));
        assert_eq!(
            (future.deployment_id(), future.application(), future.deployment_group()),
            (Some("d-Z1Y2X3W4V"), Some("checkout-web"), Some("production-fleet"))
        );
        assert_eq!(future.state(), None, "a state is typed, and the type of an unknown detail is not known");
        Ok(())
    }
}
