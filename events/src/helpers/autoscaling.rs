//! Auto Scaling conveniences: the group and the instance of an event whatever
//! its detail type, and the lifecycle action a hook waits on.
//!
//! A function behind a lifecycle hook completes the action with the token and
//! hook name of either lifecycle detail type:
//!
//! ```
//! use lambda_event_catalog_events::autoscaling::{AutoScalingEvent, AutoScalingLifecycleTransition};
//!
//! let event: AutoScalingEvent = lambda_event_catalog_events::from_slice(br#"{"version":"0","id":"f7c5d4e6",
//!   "detail-type":"EC2 Instance-terminate Lifecycle Action","source":"aws.autoscaling","account":"210987654321",
//!   "time":"2024-05-14T18:44:23Z","region":"eu-west-1","resources":[],
//!   "detail":{"LifecycleActionToken":"9e1a3c5b-7d9f-41b3-a5c7-e9b1d3f5a7c9","AutoScalingGroupName":"web",
//!     "LifecycleHookName":"drain-connections","EC2InstanceId":"i-0a4f6c2e9b1d3e5f7",
//!     "LifecycleTransition":"autoscaling:EC2_INSTANCE_TERMINATING"}}"#)?;
//! let action = event.lifecycle_action().ok_or("not a lifecycle action")?;
//! assert_eq!(action.lifecycle_transition, AutoScalingLifecycleTransition::Terminating);
//! assert_eq!(event.auto_scaling_group_name(), Some("web"));
//! assert_eq!(event.ec2_instance_id(), Some("i-0a4f6c2e9b1d3e5f7"));
//! // CompleteLifecycleAction(group, hook, token, "CONTINUE") once the instance is drained.
//! assert_eq!((action.lifecycle_hook_name.as_str(), action.lifecycle_action_token.as_str()),
//!            ("drain-connections", "9e1a3c5b-7d9f-41b3-a5c7-e9b1d3f5a7c9"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::autoscaling::{AutoScalingEvent, AutoScalingEventDetail, AutoScalingLifecycleActionDetail};

impl AutoScalingEvent {
    /// The name of the Auto Scaling group the event is about, whatever its
    /// detail type (for one the catalogue does not know, read from its JSON).
    #[inline]
    pub fn auto_scaling_group_name(&self) -> Option<&str> {
        self.detail.auto_scaling_group_name()
    }

    /// The id of the EC2 instance a launch, termination or lifecycle action
    /// is about. `None` for instance refreshes, for detail types the
    /// catalogue does not know, and for an activity without an instance id
    /// (absent, or sent empty by a launch that created no instance).
    #[inline]
    pub fn ec2_instance_id(&self) -> Option<&str> {
        let id = match &self.detail {
            AutoScalingEventDetail::Ec2InstanceLaunchSuccessful(detail)
            | AutoScalingEventDetail::Ec2InstanceLaunchUnsuccessful(detail)
            | AutoScalingEventDetail::Ec2InstanceTerminateSuccessful(detail)
            | AutoScalingEventDetail::Ec2InstanceTerminateUnsuccessful(detail) => detail.ec2_instance_id.as_deref()?,
            AutoScalingEventDetail::Ec2InstanceLaunchLifecycleAction(detail) | AutoScalingEventDetail::Ec2InstanceTerminateLifecycleAction(detail) => {
                &detail.ec2_instance_id
            }
            // Every arm is written out, so that a detail type a regeneration
            // adds is a compile error here until it is decided, not a `None`.
            AutoScalingEventDetail::InstanceRefreshStarted(_)
            | AutoScalingEventDetail::InstanceRefreshSucceeded(_)
            | AutoScalingEventDetail::InstanceRefreshFailed(_)
            | AutoScalingEventDetail::InstanceRefreshCancelled(_)
            | AutoScalingEventDetail::InstanceRefreshCheckpointReached(_)
            | AutoScalingEventDetail::Unknown(_) => return None,
        };
        Some(id).filter(|id| !id.is_empty())
    }

    /// The lifecycle action of an `EC2 Instance-launch Lifecycle Action` or
    /// `EC2 Instance-terminate Lifecycle Action` event: the hook name and
    /// token that `CompleteLifecycleAction` and
    /// `RecordLifecycleActionHeartbeat` take. `None` for other detail types.
    #[inline]
    pub fn lifecycle_action(&self) -> Option<&AutoScalingLifecycleActionDetail> {
        match &self.detail {
            AutoScalingEventDetail::Ec2InstanceLaunchLifecycleAction(detail) | AutoScalingEventDetail::Ec2InstanceTerminateLifecycleAction(detail) => {
                Some(detail)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::autoscaling::{AutoScalingEvent, AutoScalingEventDetail, AutoScalingInstanceLocation};

    fn event(detail_type: &str, detail: serde_json::Value) -> Result<AutoScalingEvent, crate::ParseError> {
        let json = serde_json::json!({"version": "0", "id": "0c9e", "detail-type": detail_type, "source": "aws.autoscaling",
            "account": "210987654321", "time": "2024-05-14T09:21:07Z", "region": "eu-west-1", "resources": [], "detail": detail});
        crate::from_slice(json.to_string().as_bytes())
    }

    #[test]
    fn the_group_and_instance_of_every_detail_type() -> Result<(), Box<dyn std::error::Error>> {
        let activity = serde_json::json!({"AutoScalingGroupName": "web", "EC2InstanceId": "i-0a4f", "StatusCode": "InProgress"});
        let lifecycle = serde_json::json!({"AutoScalingGroupName": "web", "EC2InstanceId": "i-0b5e", "LifecycleActionToken": "t",
            "LifecycleHookName": "h", "LifecycleTransition": "autoscaling:EC2_INSTANCE_LAUNCHING", "Origin": "WarmPool"});
        let refresh = serde_json::json!({"AutoScalingGroupName": "web", "InstanceRefreshId": "r", "CheckpointPercentage": "50"});
        for (detail_type, detail, instance) in [
            ("EC2 Instance Launch Successful", &activity, Some("i-0a4f")),
            ("EC2 Instance Launch Unsuccessful", &activity, Some("i-0a4f")),
            ("EC2 Instance Terminate Successful", &activity, Some("i-0a4f")),
            ("EC2 Instance Terminate Unsuccessful", &activity, Some("i-0a4f")),
            ("EC2 Instance-launch Lifecycle Action", &lifecycle, Some("i-0b5e")),
            ("EC2 Instance-terminate Lifecycle Action", &lifecycle, Some("i-0b5e")),
            ("EC2 Auto Scaling Instance Refresh Started", &refresh, None),
            ("EC2 Auto Scaling Instance Refresh Checkpoint Reached", &refresh, None),
            ("EC2 Auto Scaling Instance Refresh Succeeded", &refresh, None),
            ("EC2 Auto Scaling Instance Refresh Failed", &refresh, None),
            ("EC2 Auto Scaling Instance Refresh Cancelled", &refresh, None),
        ] {
            let event = event(detail_type, detail.clone())?;
            assert!(!matches!(event.detail, AutoScalingEventDetail::Unknown(_)), "{detail_type}");
            assert_eq!(event.auto_scaling_group_name(), Some("web"), "{detail_type}");
            assert_eq!(event.ec2_instance_id(), instance, "{detail_type}");
            assert_eq!(event.lifecycle_action().is_some(), detail_type.ends_with("Lifecycle Action"), "{detail_type}");
        }
        Ok(())
    }

    #[test]
    fn a_failed_launch_without_an_instance_has_no_instance_id() -> Result<(), Box<dyn std::error::Error>> {
        let failed =
            event("EC2 Instance Launch Unsuccessful", serde_json::json!({"AutoScalingGroupName": "web", "EC2InstanceId": "", "StatusCode": "Failed"}))?;
        assert_eq!(failed.ec2_instance_id(), None);
        let absent = event("EC2 Instance Launch Unsuccessful", serde_json::json!({"AutoScalingGroupName": "web"}))?;
        assert_eq!(absent.ec2_instance_id(), None);
        Ok(())
    }

    #[test]
    fn unknown_detail_types_are_read_from_their_json() -> Result<(), Box<dyn std::error::Error>> {
        let unknown = event("EC2 Auto Scaling Capacity Rebalanced", serde_json::json!({"AutoScalingGroupName": "web"}))?;
        assert!(matches!(unknown.detail, AutoScalingEventDetail::Unknown(_)));
        assert_eq!(unknown.auto_scaling_group_name(), Some("web"));
        assert_eq!(unknown.ec2_instance_id(), None);
        assert!(unknown.lifecycle_action().is_none());
        Ok(())
    }

    #[test]
    fn lifecycle_metadata_is_read_as_json_when_it_is_json() -> Result<(), Box<dyn std::error::Error>> {
        let lifecycle = |metadata: &str| {
            event(
                "EC2 Instance-launch Lifecycle Action",
                serde_json::json!({"AutoScalingGroupName": "web", "EC2InstanceId": "i-0b5e", "LifecycleActionToken": "t",
                    "LifecycleHookName": "h", "LifecycleTransition": "autoscaling:EC2_INSTANCE_LAUNCHING", "Origin": "WarmPool",
                    "NotificationMetadata": metadata}),
            )
        };
        let event = lifecycle(r#"{"mesh":"web-prod","port":8443}"#)?;
        let action = event.lifecycle_action().ok_or("no lifecycle action")?;
        assert_eq!(action.origin, Some(AutoScalingInstanceLocation::WarmPool));
        assert_eq!(action.notification_metadata_json::<serde_json::Value>()?["port"], 8443);
        let text = lifecycle("additional-info")?;
        assert!(text.lifecycle_action().ok_or("no lifecycle action")?.notification_metadata_json::<serde_json::Value>().is_err());
        Ok(())
    }
}
