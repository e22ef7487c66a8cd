//! CodeBuild conveniences: the build and project of an event whatever its
//! detail type, and the build's id as CodeBuild's API writes it.
//!
//! ```
//! use lambda_event_catalog_events::codebuild::{CodeBuildEvent, CodeBuildEventDetail, CodeBuildStatus};
//!
//! let event: CodeBuildEvent = lambda_event_catalog_events::from_slice(br#"{"version":"0","id":"3b9d6e21",
//!   "detail-type":"CodeBuild Build State Change","source":"aws.codebuild","account":"210987654321",
//!   "time":"2024-05-14T09:31:40Z","region":"eu-west-1","resources":[],
//!   "detail":{"build-status":"FAILED","project-name":"orders-api-ci",
//!     "build-id":"arn:aws:codebuild:eu-west-1:210987654321:build/orders-api-ci:5f0c2a9e-7b41-4d3e-9a6c-1e8f3b2d4c70"}}"#)?;
//! if let CodeBuildEventDetail::BuildStateChange(detail) = &event.detail {
//!     if detail.build_status == CodeBuildStatus::Failed {
//!         assert_eq!(event.api_build_id(), Some("orders-api-ci:5f0c2a9e-7b41-4d3e-9a6c-1e8f3b2d4c70"));
//!     }
//! }
//! assert_eq!(event.project_name(), Some("orders-api-ci"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::codebuild::{CodeBuildAdditionalInformation, CodeBuildEvent};

impl CodeBuildEvent {
    /// The `build-id` of the event, the build's ARN, whatever its detail
    /// type (for one the catalogue does not know, read from its JSON).
    #[inline]
    pub fn build_id(&self) -> Option<&str> {
        self.detail.build_id()
    }

    /// The build's id as CodeBuild's API writes it (`<project>:<uuid>`, what
    /// `BatchGetBuilds`, `StopBuild` and `RetryBuild` take): the part of the
    /// build's ARN after `build/`. `None` for a detail type the catalogue does
    /// not know, or a `build-id` that is no build ARN.
    #[inline]
    pub fn api_build_id(&self) -> Option<&str> {
        let (_, id) = self.build_id()?.split_once(":build/")?;
        Some(id).filter(|id| !id.is_empty())
    }

    /// The name of the build project, whatever the detail type (for one the
    /// catalogue does not know, read from its JSON).
    #[inline]
    pub fn project_name(&self) -> Option<&str> {
        self.detail.project_name()
    }

    /// The build's configuration and progress, whatever the detail type;
    /// `None` when the event has none or for a detail type the catalogue
    /// does not know.
    #[inline]
    pub fn additional_information(&self) -> Option<&CodeBuildAdditionalInformation> {
        self.detail.additional_information()
    }
}

#[cfg(test)]
mod tests {
    use crate::codebuild::{CodeBuildEvent, CodeBuildEventDetail, CodeBuildPhaseType};

    const ARN: &str = "arn:aws:codebuild:us-east-2:210987654321:build/ledger-service:9a3e7c51-4b2d-4e8f-b1a6-7d5c3e9f2b04";

    fn event(detail_type: &str, detail: serde_json::Value) -> Result<CodeBuildEvent, crate::ParseError> {
        crate::shape::from_value(serde_json::json!({"version": "0", "id": "d4a1f7c3", "detail-type": detail_type, "source": "aws.codebuild",
            "account": "210987654321", "time": "2024-07-02T15:47:19Z", "region": "us-east-2", "resources": [ARN], "detail": detail}))
    }

    #[test]
    fn the_build_of_a_phase_change() -> Result<(), Box<dyn std::error::Error>> {
        let phase = event(
            "CodeBuild Build Phase Change",
            serde_json::json!({"completed-phase": "BUILD", "completed-phase-status": "FAILED", "project-name": "ledger-service", "build-id": ARN,
                "additional-information": {"build-number": 311.0, "initiator": "maria.lopez"}}),
        )?;
        assert!(matches!(&phase.detail, CodeBuildEventDetail::BuildPhaseChange(detail) if detail.completed_phase == CodeBuildPhaseType::Build));
        assert_eq!(phase.build_id(), Some(ARN));
        assert_eq!(phase.api_build_id(), Some("ledger-service:9a3e7c51-4b2d-4e8f-b1a6-7d5c3e9f2b04"));
        assert_eq!(phase.project_name(), Some("ledger-service"));
        assert_eq!(phase.additional_information().and_then(|information| information.initiator.as_deref()), Some("maria.lopez"));
        Ok(())
    }

    #[test]
    fn a_state_change_without_additional_information() -> Result<(), Box<dyn std::error::Error>> {
        let state = event("CodeBuild Build State Change", serde_json::json!({"build-status": "IN_PROGRESS", "project-name": "p", "build-id": "p:1"}))?;
        assert_eq!(state.build_id(), Some("p:1"));
        assert_eq!(state.api_build_id(), None);
        assert_eq!(state.project_name(), Some("p"));
        assert!(state.additional_information().is_none());
        Ok(())
    }

    #[test]
    fn unknown_detail_types_are_read_from_their_json() -> Result<(), Box<dyn std::error::Error>> {
        let future = event("CodeBuild Build Retry Scheduled", serde_json::json!({"project-name": "ledger-service", "build-id": ARN}))?;
        assert!(matches!(future.detail, CodeBuildEventDetail::Unknown(_)));
        assert_eq!(future.build_id(), Some(ARN));
        assert_eq!(future.api_build_id(), Some("ledger-service:9a3e7c51-4b2d-4e8f-b1a6-7d5c3e9f2b04"));
        assert_eq!(future.project_name(), Some("ledger-service"));
        Ok(())
    }
}
