//! EventBridge conveniences: a generic event read as a typed event of the
//! catalogue, and the rule behind a schedule.
//!
//! ```
//! use lambda_event_catalog_events::eventbridge::{EventBridgeEvent, EventBridgeScheduledEvent};
//!
//! #[derive(serde::Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! struct OrderPlaced {
//!     order_id: String,
//!     total: f64,
//! }
//!
//! let event: EventBridgeEvent = serde_json::from_str(r#"{"version":"0","id":"6a7e8feb","detail-type":"OrderPlaced",
//!   "source":"com.example.orders","account":"123456789012","time":"2024-05-14T09:21:07Z","region":"eu-central-1",
//!   "resources":[],"detail":{"orderId":"ord-1042","total":34.9}}"#)?;
//! match (event.source.as_str(), event.detail_type.as_str()) {
//!     ("com.example.orders", "OrderPlaced") => {
//!         let order: OrderPlaced = event.detail_as()?;
//!         assert_eq!(order.order_id, "ord-1042");
//!     }
//!     ("aws.events", "Scheduled Event") => {
//!         let schedule: EventBridgeScheduledEvent = event.event_as()?;
//!         println!("run of {:?}", schedule.rule_name());
//!     }
//!     _ => {}
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::eventbridge::{EventBridgeEvent, EventBridgeScheduledEvent};
use crate::ParseError;

impl EventBridgeEvent {
    /// Reads the whole event as one of the catalogue's typed EventBridge
    /// events (`S3EventBridgeEvent`, `EventBridgeScheduledEvent`, …) or a
    /// type of your own, for a function whose rule matches several kinds of
    /// event and that looks at `source` and `detail-type` first. The error
    /// names the JSON path that failed.
    pub fn event_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, ParseError> {
        crate::shape::from_value(serde_json::to_value(self).map_err(ParseError::at_root)?)
    }
}

impl EventBridgeScheduledEvent {
    /// The ARN of the rule whose schedule this run is (the first of
    /// `resources`): `arn:aws:events:us-east-1:123456789012:rule/nightly`.
    #[inline]
    pub fn rule_arn(&self) -> Option<&str> {
        self.resources.as_deref()?.first().map(String::as_str)
    }

    /// The name of that rule (`nightly`), the part of its ARN after `rule/`
    /// (an event bus other than the default one adds its name before it).
    #[inline]
    pub fn rule_name(&self) -> Option<&str> {
        let arn = self.rule_arn()?;
        arn.rsplit_once(":rule/").map(|(_, path)| path.rsplit('/').next().unwrap_or(path))
    }
}

#[cfg(test)]
mod tests {
    use crate::eventbridge::{EventBridgeEvent, EventBridgeScheduledEvent};

    const SCHEDULE: &str = r#"{"version":"0","id":"53dc4d37","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
        "time":"2015-10-08T16:53:06Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:123456789012:rule/orders-bus/nightly"],"detail":{}}"#;

    #[test]
    fn a_generic_event_reads_as_a_typed_one() -> Result<(), Box<dyn std::error::Error>> {
        let event: EventBridgeEvent = crate::from_slice(SCHEDULE.as_bytes())?;
        let schedule: EventBridgeScheduledEvent = event.event_as()?;
        assert_eq!(schedule.rule_arn(), Some("arn:aws:events:us-east-1:123456789012:rule/orders-bus/nightly"));
        assert_eq!(schedule.rule_name(), Some("nightly"));
        assert_eq!(serde_json::to_value(&schedule)?, serde_json::to_value(&event)?);

        let mut broken = event.clone();
        broken.detail = serde_json::json!("tonight");
        let error = broken.event_as::<EventBridgeScheduledEvent>().unwrap_err();
        assert_eq!(error.path(), "detail", "{error}");
        Ok(())
    }

    #[test]
    fn a_rule_on_the_default_bus_is_named_after_rule() {
        let mut schedule = EventBridgeScheduledEvent::default();
        assert_eq!(schedule.rule_name(), None);
        schedule.resources = Some(vec!["arn:aws:events:us-east-1:123456789012:rule/hourly".into()]);
        assert_eq!(schedule.rule_name(), Some("hourly"));
    }
}
