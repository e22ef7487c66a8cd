//! AWS Config rule conveniences: the kind of the invoking notification, and
//! the rule's parameters with "none" read as an empty object.
//!
//! The generated `invoking_event_json::<T>()` and `rule_parameters_json::<T>()`
//! decode the two JSON texts into your types.

use crate::config::ConfigEvent;
use crate::payload::PayloadError;

impl ConfigEvent {
    /// The `messageType` of the invoking notification
    /// (`ConfigurationItemChangeNotification`, `ScheduledNotification`, …).
    // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
    #[inline]
    pub fn invoking_message_type(&self) -> Result<String, PayloadError> {
        let document: serde_json::Value = self.invoking_event_json()?;
        match document.get("messageType") {
            Some(serde_json::Value::String(message_type)) => Ok(message_type.clone()),
            _ => {
                Err(PayloadError::Invalid { field: "invokingEvent", path: "messageType".to_owned(), message: "expected the text of `messageType`".to_owned() })
            }
        }
    }

    /// Decodes the rule's parameters into `T`, reading absent or empty
    /// parameters as `{}` (so that a struct of optional members, or a map,
    /// decodes either way).
    pub fn rule_parameters_or_default<T: serde::de::DeserializeOwned>(&self) -> Result<T, PayloadError> {
        match self.rule_parameters.as_deref().map(str::trim) {
            None | Some("") => crate::payload::decode_json("ruleParameters", Some(b"{}")),
            Some(_) => self.rule_parameters_json(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn message_type_and_parameters() {
        let mut event: ConfigEvent = serde_json::from_value(serde_json::json!({
            "invokingEvent": "{\"messageType\":\"ScheduledNotification\",\"awsAccountId\":\"123456789012\"}",
            "ruleParameters": "{\"maxAgeDays\":\"90\"}",
            "resultToken": "token",
            "configRuleName": "keys-rotated"
        }))
        .unwrap();
        assert_eq!(event.invoking_message_type().unwrap(), "ScheduledNotification");
        let parameters: BTreeMap<String, String> = event.rule_parameters_or_default().unwrap();
        assert_eq!(parameters["maxAgeDays"], "90");
        event.rule_parameters = None;
        let parameters: BTreeMap<String, String> = event.rule_parameters_or_default().unwrap();
        assert!(parameters.is_empty());
        event.invoking_event = "{}".to_owned();
        assert!(event.invoking_message_type().unwrap_err().to_string().contains("messageType"));
    }
}
