//! CodePipeline conveniences: a job's user parameters from the top of the
//! event, and whether this call continues an earlier one; the pipeline,
//! execution, stage and state of an execution event whatever its detail type.

use crate::codepipeline::{CodePipelineEvent, CodePipelineEventDetail, CodePipelineJobEvent, CodePipelineLambdaConfiguration, CodePipelineState};
use crate::payload::PayloadError;

impl CodePipelineJobEvent {
    /// The job id, to pass to `PutJobSuccessResult` or `PutJobFailureResult`.
    #[inline]
    pub fn job_id(&self) -> &str {
        &self.job.id
    }

    #[inline]
    fn configuration(&self) -> Option<&CodePipelineLambdaConfiguration> {
        self.job.data.action_configuration.as_ref()?.configuration.as_ref()
    }

    /// The action's `UserParameters` text; `None` when the action has none.
    #[inline]
    pub fn user_parameters(&self) -> Option<&str> {
        self.configuration()?.user_parameters.as_deref()
    }

    /// Decodes the action's `UserParameters` as JSON into `T`; absent
    /// parameters are an error naming them.
    pub fn user_parameters_json<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        crate::payload::decode_json("UserParameters", self.user_parameters().map(str::as_bytes))
    }

    /// Whether this call continues an earlier one of the same job (the
    /// function returned a continuation token last time).
    #[inline]
    pub fn is_continuation(&self) -> bool {
        self.job.data.continuation_token.is_some()
    }
}

impl CodePipelineEvent {
    /// The name of the pipeline, whatever the detail type (for one the
    /// catalogue does not know, read from its JSON).
    ///
    /// ```
    /// use lambda_event_catalog_events::codepipeline::{CodePipelineEvent, CodePipelineState};
    ///
    /// let event: CodePipelineEvent = lambda_event_catalog_events::from_slice(br#"{"version":"0","id":"f1b3d5e7",
    ///   "detail-type":"CodePipeline Stage Execution State Change","source":"aws.codepipeline","account":"456789012345",
    ///   "time":"2024-03-06T08:31:19Z","region":"us-east-1","resources":[],
    ///   "detail":{"pipeline":"storefront-release","execution-id":"5a7b9c1d-3e2f-4e4a-b6c8-0d2e4f6a8b33",
    ///     "stage":"Deploy","state":"FAILED","version":7.0}}"#)?;
    /// if event.state() == Some(&CodePipelineState::Failed) {
    ///     let failed = format!("{}/{}", event.pipeline().unwrap_or("?"), event.stage().unwrap_or("(whole execution)"));
    ///     assert_eq!(failed, "storefront-release/Deploy");
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn pipeline(&self) -> Option<&str> {
        self.detail.pipeline()
    }

    /// The id of the pipeline execution (what `GetPipelineExecution` takes),
    /// whatever the detail type (for one the catalogue does not know, read
    /// from its JSON).
    #[inline]
    pub fn execution_id(&self) -> Option<&str> {
        self.detail.execution_id()
    }

    /// The state the execution, stage or action changed to; `None` for a
    /// detail type the catalogue does not know.
    #[inline]
    pub fn state(&self) -> Option<&CodePipelineState> {
        self.detail.state()
    }

    /// The stage of a stage or action event; `None` for a pipeline event,
    /// a stage event without it, or a detail type the catalogue does not know.
    #[inline]
    pub fn stage(&self) -> Option<&str> {
        match &self.detail {
            CodePipelineEventDetail::StageExecutionStateChange(detail) => detail.stage.as_deref(),
            CodePipelineEventDetail::ActionExecutionStateChange(detail) => Some(detail.stage.as_str()),
            // Every arm is written out, so that a detail type a regeneration
            // adds is a compile error here until it is decided, not a `None`.
            CodePipelineEventDetail::PipelineExecutionStateChange(_) | CodePipelineEventDetail::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_parameters_and_continuation() {
        let event: CodePipelineJobEvent = serde_json::from_value(serde_json::json!({ "CodePipeline.job": {
            "id": "c0d76431-b0e7-4c9a-97e3-e8ee786eb6f6",
            "data": { "actionConfiguration": { "configuration": { "FunctionName": "smoke", "UserParameters": "{\"stage\":\"staging\"}" } }, "continuationToken": "t" }
        } }))
        .unwrap();
        assert_eq!(event.job_id(), "c0d76431-b0e7-4c9a-97e3-e8ee786eb6f6");
        let parameters: std::collections::BTreeMap<String, String> = event.user_parameters_json().unwrap();
        assert_eq!(parameters["stage"], "staging");
        assert!(event.is_continuation());
        let bare: CodePipelineJobEvent = serde_json::from_value(serde_json::json!({ "CodePipeline.job": { "id": "j", "data": {} } })).unwrap();
        assert_eq!(bare.user_parameters(), None);
        assert!(bare.user_parameters_json::<serde_json::Value>().is_err());
        assert!(!bare.is_continuation());
    }

    fn event(detail_type: &str, detail: serde_json::Value) -> Result<CodePipelineEvent, crate::ParseError> {
        crate::shape::from_value(serde_json::json!({"version": "0", "id": "b3d5f7a9", "detail-type": detail_type, "source": "aws.codepipeline",
            "account": "456789012345", "time": "2024-03-05T16:41:02Z", "region": "us-east-1", "resources": [], "detail": detail}))
    }

    #[test]
    fn every_detail_type_names_its_execution() -> Result<(), Box<dyn std::error::Error>> {
        let execution = serde_json::json!({"pipeline": "storefront-release", "execution-id": "4f6a8c0e", "state": "STARTED", "version": 7.0});
        let pipeline = event("CodePipeline Pipeline Execution State Change", execution.clone())?;
        assert!(matches!(pipeline.detail, CodePipelineEventDetail::PipelineExecutionStateChange(_)));
        assert_eq!((pipeline.pipeline(), pipeline.execution_id(), pipeline.stage()), (Some("storefront-release"), Some("4f6a8c0e"), None));
        assert_eq!(pipeline.state(), Some(&CodePipelineState::Started));

        let stage = event("CodePipeline Stage Execution State Change", execution.clone())?;
        assert!(matches!(stage.detail, CodePipelineEventDetail::StageExecutionStateChange(_)));
        assert_eq!((stage.pipeline(), stage.stage()), (Some("storefront-release"), None));

        let mut action_detail = execution;
        action_detail["stage"] = "Build".into();
        action_detail["action"] = "UnitTests".into();
        action_detail["state"] = "ABANDONED".into();
        let action = event("CodePipeline Action Execution State Change", action_detail)?;
        assert_eq!((action.execution_id(), action.stage()), (Some("4f6a8c0e"), Some("Build")));
        assert_eq!(action.state(), Some(&CodePipelineState::Abandoned));
        Ok(())
    }

    #[test]
    fn unknown_detail_types_are_read_from_their_json() -> Result<(), Box<dyn std::error::Error>> {
        let future =
            event("CodePipeline Stage Retry Scheduled", serde_json::json!({"pipeline": "storefront-release", "execution-id": "4f6a8c0e", "stage": "Deploy"}))?;
        assert!(matches!(future.detail, CodePipelineEventDetail::Unknown(_)));
        assert_eq!((future.pipeline(), future.execution_id()), (Some("storefront-release"), Some("4f6a8c0e")));
        assert_eq!((future.state(), future.stage()), (None, None));
        Ok(())
    }
}
