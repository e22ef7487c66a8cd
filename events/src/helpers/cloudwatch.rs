//! CloudWatch alarm conveniences: the kind of alarm. (Alarms write their
//! times as `2024-03-18T09:14:27.512+0000`, an offset without a colon; the
//! types read them as `Timestamp<Iso8601BasicOffset>`, whose `instant()` is
//! the time.)
//!
//! An alarm that notifies through SNS arrives as the `Message` of an SNS
//! notification: `SnsEvent::messages_json::<CloudWatchAlarmNotification>()`
//! (feature `sns`) decodes every record's.

use crate::cloudwatch::{CloudWatchAlarmEvent, CloudWatchAlarmNotification};

impl CloudWatchAlarmNotification {
    /// Whether a metric alarm sent the notification (it has a `Trigger`);
    /// composite alarms have none.
    #[inline]
    pub fn is_metric_alarm(&self) -> bool {
        self.trigger.is_some()
    }
}

impl CloudWatchAlarmEvent {
    /// Whether a composite alarm sent the event (its configuration has an
    /// `alarmRule`); metric alarms have `metrics` instead.
    #[inline]
    pub fn is_composite(&self) -> bool {
        self.alarm_data.configuration.as_ref().is_some_and(|configuration| configuration.alarm_rule.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudwatch::CloudWatchAlarmStateValue;

    #[test]
    fn an_alarm_event_reads_its_times_and_kind() {
        let event: CloudWatchAlarmEvent = serde_json::from_value(serde_json::json!({
            "source": "aws.cloudwatch", "time": "2023-08-04T12:36:15.490+0000",
            "alarmData": {
                "alarmName": "composite",
                "state": { "value": "ALARM", "reason": "r", "reasonData": "{\"triggeringAlarms\":[]}", "timestamp": "2023-08-04T14:36:15.490+0200" },
                "configuration": { "alarmRule": "ALARM(a) OR ALARM(b)" }
            }
        }))
        .unwrap();
        assert!(event.is_composite());
        let time = event.time.as_ref().unwrap();
        assert_eq!(time.instant().timestamp_millis(), 1691152575490);
        let state = event.alarm_data.state.as_ref().unwrap();
        assert_eq!(state.value, CloudWatchAlarmStateValue::Alarm);
        assert_eq!(state.timestamp.as_ref().unwrap().instant(), time.instant());
        assert_eq!(serde_json::to_value(state).unwrap()["timestamp"], "2023-08-04T14:36:15.490+0200");
        let reason: serde_json::Value = state.reason_data_json().unwrap();
        assert_eq!(reason["triggeringAlarms"], serde_json::json!([]));
    }

    #[test]
    fn a_notification_with_a_time_of_another_form_is_an_error_naming_it() {
        let error = serde_json::from_value::<CloudWatchAlarmNotification>(serde_json::json!({"StateChangeTime": "June"})).unwrap_err();
        assert!(error.to_string().contains("2023-08-04T12:36:15.490+0000"), "{error}");
        assert!(!CloudWatchAlarmNotification::default().is_metric_alarm());
    }
}
