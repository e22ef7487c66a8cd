//! CodePipeline job conveniences: the action's user parameters from the top
//! of the event, and whether this call continues an earlier one.

use crate::codepipeline::{CodePipelineJobEvent, CodePipelineLambdaConfiguration};
use crate::payload::PayloadError;

impl CodePipelineJobEvent {
    /// The job id, to pass to `PutJobSuccessResult` or `PutJobFailureResult`.
    pub fn job_id(&self) -> &str {
        &self.job.id
    }

    fn configuration(&self) -> Option<&CodePipelineLambdaConfiguration> {
        self.job.data.action_configuration.as_ref()?.configuration.as_ref()
    }

    /// The action's `UserParameters` text; `None` when the action has none.
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
    pub fn is_continuation(&self) -> bool {
        self.job.data.continuation_token.is_some()
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
}
