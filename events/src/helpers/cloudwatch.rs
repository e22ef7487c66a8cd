//! CloudWatch alarm conveniences: the alarm times as instants, and the kind
//! of alarm.
//!
//! Alarms write their times as `2024-03-18T09:14:27.512+0000`: the offset
//! has no colon, which RFC 3339 (and `x-timestamp: rfc3339`) does not allow,
//! so the types keep them as text and these methods read them.
//!
//! An alarm that notifies through SNS arrives as the `Message` of an SNS
//! notification: `SnsEvent::messages_json::<CloudWatchAlarmNotification>()`
//! (feature `sns`) decodes every record's.

use chrono::{DateTime, Utc};

use crate::cloudwatch::{CloudWatchAlarmEvent, CloudWatchAlarmNotification, CloudWatchAlarmState};
use crate::payload::PayloadError;

/// Reads a CloudWatch alarm time, `2024-03-18T09:14:27.512+0000` (or with
/// `+00:00`, or without the fraction).
#[inline]
pub fn parse_alarm_time(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z")
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|error| format!("{text:?} is no alarm time like `2024-03-18T09:14:27.512+0000` ({error})"))
}

#[inline]
fn instant(field: &'static str, text: Option<&str>) -> Result<DateTime<Utc>, PayloadError> {
    let text = text.ok_or(PayloadError::Absent { field })?;
    parse_alarm_time(text).map_err(|message| PayloadError::Invalid { field, path: ".".to_owned(), message })
}

impl CloudWatchAlarmNotification {
    /// When the alarm changed state (`StateChangeTime`).
    #[inline]
    pub fn state_change_instant(&self) -> Result<DateTime<Utc>, PayloadError> {
        instant("StateChangeTime", self.state_change_time.as_deref())
    }

    /// When the alarm's configuration last changed (`AlarmConfigurationUpdatedTimestamp`).
    #[inline]
    pub fn configuration_updated_instant(&self) -> Result<DateTime<Utc>, PayloadError> {
        instant("AlarmConfigurationUpdatedTimestamp", self.alarm_configuration_updated_timestamp.as_deref())
    }

    /// Whether a metric alarm sent the notification (it has a `Trigger`);
    /// composite alarms have none.
    #[inline]
    pub fn is_metric_alarm(&self) -> bool {
        self.trigger.is_some()
    }
}

impl CloudWatchAlarmEvent {
    /// When the alarm invoked the function (`time`).
    #[inline]
    pub fn time_instant(&self) -> Result<DateTime<Utc>, PayloadError> {
        instant("time", self.time.as_deref())
    }

    /// Whether a composite alarm sent the event (its configuration has an
    /// `alarmRule`); metric alarms have `metrics` instead.
    #[inline]
    pub fn is_composite(&self) -> bool {
        self.alarm_data.configuration.as_ref().is_some_and(|configuration| configuration.alarm_rule.is_some())
    }
}

impl CloudWatchAlarmState {
    /// When the alarm entered this state (`timestamp`).
    #[inline]
    pub fn timestamp_instant(&self) -> Result<DateTime<Utc>, PayloadError> {
        instant("timestamp", self.timestamp.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudwatch::CloudWatchAlarmStateValue;

    #[test]
    fn alarm_times_are_read_with_and_without_colon_and_fraction() {
        let millis = |text: &str| parse_alarm_time(text).unwrap().timestamp_millis();
        assert_eq!(millis("2024-03-18T09:14:27.512+0000"), 1710753267512);
        assert_eq!(millis("2024-03-18T09:14:27.512+00:00"), 1710753267512);
        assert_eq!(millis("2024-03-18T11:14:27+0200"), 1710753267000);
        assert!(chrono::DateTime::parse_from_rfc3339("2024-03-18T09:14:27.512+0000").is_err(), "RFC 3339 needs the colon");
        assert!(parse_alarm_time("yesterday").unwrap_err().contains("yesterday"));
    }

    #[test]
    fn an_alarm_event_reads_its_times_and_kind() {
        let event: CloudWatchAlarmEvent = serde_json::from_value(serde_json::json!({
            "source": "aws.cloudwatch", "time": "2023-08-04T12:36:15.490+0000",
            "alarmData": {
                "alarmName": "composite",
                "state": { "value": "ALARM", "reason": "r", "reasonData": "{\"triggeringAlarms\":[]}", "timestamp": "2023-08-04T12:36:15.490+0000" },
                "configuration": { "alarmRule": "ALARM(a) OR ALARM(b)" }
            }
        }))
        .unwrap();
        assert!(event.is_composite());
        assert_eq!(event.time_instant().unwrap().timestamp(), 1691152575);
        let state = event.alarm_data.state.as_ref().unwrap();
        assert_eq!(state.value, CloudWatchAlarmStateValue::Alarm);
        assert_eq!(state.timestamp_instant().unwrap(), event.time_instant().unwrap());
        let reason: serde_json::Value = state.reason_data_json().unwrap();
        assert_eq!(reason["triggeringAlarms"], serde_json::json!([]));
        let previous = CloudWatchAlarmState::default();
        assert!(previous.timestamp_instant().unwrap_err().to_string().contains("timestamp"));
    }

    #[test]
    fn a_notification_reads_its_times() {
        let mut notification = CloudWatchAlarmNotification::default();
        notification.state_change_time = Some("2015-06-03T17:43:27.123+0000".to_owned());
        assert_eq!(notification.state_change_instant().unwrap().timestamp_millis(), 1433353407123);
        notification.alarm_configuration_updated_timestamp = Some("June".to_owned());
        assert!(notification.configuration_updated_instant().unwrap_err().to_string().contains("AlarmConfigurationUpdatedTimestamp"));
        assert!(!notification.is_metric_alarm());
    }
}
