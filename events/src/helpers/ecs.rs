//! ECS conveniences: the cluster and task an event is about whatever its
//! detail type, and the short names inside their ARNs.
//!
//! ```
//! use lambda_event_catalog_events::ecs::{EcsEvent, EcsEventDetail, EcsTaskStatus};
//!
//! let event: EcsEvent = lambda_event_catalog_events::from_slice(br#"{"version":"0","id":"8e0a2c4d",
//!   "detail-type":"ECS Task State Change","source":"aws.ecs","account":"345678901234","time":"2024-04-10T03:17:52Z",
//!   "region":"us-east-2","resources":[],"detail":{
//!     "clusterArn":"arn:aws:ecs:us-east-2:345678901234:cluster/checkout",
//!     "taskArn":"arn:aws:ecs:us-east-2:345678901234:task/checkout/1b3d5f7a9c0e4a2c8b4d6f8a0c2e4a6b",
//!     "lastStatus":"STOPPED","stoppedReason":"Essential container in task exited",
//!     "containers":[{"name":"worker","exitCode":137}]}}"#)?;
//! let EcsEventDetail::TaskStateChange(task) = &event.detail else { return Err("not a task".into()) };
//! assert_eq!(task.last_status, Some(EcsTaskStatus::Stopped));
//! let failed: Vec<&str> = task.containers.iter().flatten()
//!     .filter(|container| container.exit_code.is_some_and(|code| code != 0))
//!     .filter_map(|container| container.name.as_deref())
//!     .collect();
//! assert_eq!(failed, ["worker"]);
//! assert_eq!(task.task_id(), "1b3d5f7a9c0e4a2c8b4d6f8a0c2e4a6b");
//! assert_eq!(event.cluster_name(), Some("checkout"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::ecs::{EcsEvent, EcsEventDetail, EcsTask};

/// The last segment of an ECS ARN's resource path: the id in
/// `task/cluster/id` (and in the older `task/id`), the name in `cluster/name`.
#[inline]
fn last_segment(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

impl EcsEvent {
    /// The ARN of the cluster the event is about: that of the container
    /// instance, the task or the service. `None` for `ECS Deployment State
    /// Change` (whose detail names no cluster: the service's ARN in
    /// `resources` does), for a service action without one, and for detail
    /// types the catalogue does not know.
    #[inline]
    pub fn cluster_arn(&self) -> Option<&str> {
        match &self.detail {
            EcsEventDetail::ContainerInstanceStateChange(instance) => Some(&instance.cluster_arn),
            EcsEventDetail::TaskStateChange(task) => Some(&task.cluster_arn),
            EcsEventDetail::ServiceAction(action) => action.cluster_arn.as_deref(),
            // Every arm is written out, so that a detail type a regeneration
            // adds is a compile error here until it is decided, not a `None`.
            EcsEventDetail::DeploymentStateChange(_) | EcsEventDetail::Unknown(_) => None,
        }
    }

    /// The name of that cluster (`checkout` for
    /// `arn:aws:ecs:us-east-2:345678901234:cluster/checkout`).
    #[inline]
    pub fn cluster_name(&self) -> Option<&str> {
        self.cluster_arn().map(last_segment)
    }

    /// The ARN of the task of an `ECS Task State Change`; `None` for other
    /// detail types.
    #[inline]
    pub fn task_arn(&self) -> Option<&str> {
        match &self.detail {
            EcsEventDetail::TaskStateChange(task) => Some(&task.task_arn),
            _ => None,
        }
    }
}

impl EcsTask {
    /// The id of the task, the last part of its ARN
    /// (`1b3d5f7a9c0e4a2c8b4d6f8a0c2e4a6b` for
    /// `arn:aws:ecs:us-east-2:345678901234:task/checkout/1b3d5f7a9c0e4a2c8b4d6f8a0c2e4a6b`,
    /// and for the older form without the cluster, `task/1b3d…`): what
    /// `DescribeTasks`, `StopTask` and the console accept with the cluster.
    #[inline]
    pub fn task_id(&self) -> &str {
        last_segment(&self.task_arn)
    }
}

#[cfg(test)]
mod tests {
    use crate::ecs::{EcsEvent, EcsEventDetail, EcsTask};

    fn event(detail_type: &str, detail: serde_json::Value) -> Result<EcsEvent, crate::ParseError> {
        let json = serde_json::json!({"version": "0", "id": "5b7d", "detail-type": detail_type, "source": "aws.ecs",
            "account": "345678901234", "time": "2024-04-09T15:12:44Z", "region": "us-east-2", "resources": [], "detail": detail});
        crate::from_slice(json.to_string().as_bytes())
    }

    const CLUSTER: &str = "arn:aws:ecs:us-east-2:345678901234:cluster/checkout";
    const TASK: &str = "arn:aws:ecs:us-east-2:345678901234:task/checkout/9a1c3e5b7d9f4b1d8e3a5c7e9b1d3f5a";

    #[test]
    fn the_cluster_of_every_detail_type() -> Result<(), Box<dyn std::error::Error>> {
        let instance = event(
            "ECS Container Instance State Change",
            serde_json::json!({"clusterArn": CLUSTER, "containerInstanceArn": "arn:aws:ecs:us-east-2:345678901234:container-instance/checkout/4e6a"}),
        )?;
        let task = event("ECS Task State Change", serde_json::json!({"clusterArn": CLUSTER, "taskArn": TASK}))?;
        let action = event("ECS Service Action", serde_json::json!({"eventType": "INFO", "eventName": "SERVICE_STEADY_STATE", "clusterArn": CLUSTER}))?;
        for event in [&instance, &task, &action] {
            assert_eq!(event.cluster_arn(), Some(CLUSTER), "{}", event.detail_type);
            assert_eq!(event.cluster_name(), Some("checkout"), "{}", event.detail_type);
        }
        assert_eq!(task.task_arn(), Some(TASK));
        assert_eq!(instance.task_arn(), None);

        let deployment = event(
            "ECS Deployment State Change",
            serde_json::json!({"eventType": "INFO", "eventName": "SERVICE_DEPLOYMENT_COMPLETED", "deploymentId": "ecs-svc/4701928374650192837"}),
        )?;
        assert!(matches!(deployment.detail, EcsEventDetail::DeploymentStateChange(_)));
        assert_eq!(deployment.cluster_arn(), None);
        let unknown = event("ECS Task Set State Change", serde_json::json!({"clusterArn": CLUSTER}))?;
        assert!(matches!(unknown.detail, EcsEventDetail::Unknown(_)));
        assert_eq!(unknown.cluster_arn(), None);
        assert_eq!(unknown.task_arn(), None);
        Ok(())
    }

    #[test]
    fn task_ids_in_both_arn_forms() {
        let task = |arn: &str| EcsTask { task_arn: arn.to_owned(), ..Default::default() };
        assert_eq!(task(TASK).task_id(), "9a1c3e5b7d9f4b1d8e3a5c7e9b1d3f5a");
        assert_eq!(task("arn:aws:ecs:us-east-1:123456789012:task/0b69d5c0-d655-4695-98cd-5d2d526d9d5a").task_id(), "0b69d5c0-d655-4695-98cd-5d2d526d9d5a");
        assert_eq!(task("").task_id(), "");
    }
}
