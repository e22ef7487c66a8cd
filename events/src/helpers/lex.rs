//! Amazon Lex conveniences: slot values and attributes of the V1 and V2 code
//! hook events, and one builder per dialog action (`Close`, `ConfirmIntent`,
//! `Delegate`, `ElicitIntent`, `ElicitSlot`) for each version's response.
//!
//! The builders start from the event the function received, as Lex expects:
//! a V2 response carries the session state back (attributes, contexts, the
//! intent with its slots), a V1 response the session attributes and the
//! intent's slots. Messages are added with `with_message` (plain text) or
//! `with_ssml`.

use std::collections::BTreeMap;

use crate::lex::{
    LexDialogAction, LexDialogActionType, LexEvent, LexFulfillmentState, LexMessage, LexMessageContentType, LexResponse, LexV2DialogAction,
    LexV2DialogActionType, LexV2Event, LexV2Intent, LexV2IntentState, LexV2Message, LexV2MessageContentType, LexV2Response, LexV2Slot, LexV2SlotShape,
    LexV2SlotValue,
};

// ---------------------------------------------------------------------------
// V1.
// ---------------------------------------------------------------------------

impl LexEvent {
    /// The value of a slot of the current intent; `None` when it is not filled.
    #[inline]
    pub fn slot(&self, name: &str) -> Option<&str> {
        self.current_intent.slots.as_ref()?.get(name)?.as_deref()
    }

    /// A session attribute.
    #[inline]
    pub fn session_attribute(&self, key: &str) -> Option<&str> {
        self.session_attributes.as_ref()?.get(key).map(String::as_str)
    }

    /// A request attribute (`x-amz-lex:…` included).
    #[inline]
    pub fn request_attribute(&self, key: &str) -> Option<&str> {
        self.request_attributes.as_ref()?.get(key).map(String::as_str)
    }
}

impl LexResponse {
    #[inline]
    fn from_event(event: &LexEvent, action_type: LexDialogActionType) -> Self {
        let mut dialog_action = LexDialogAction::default();
        dialog_action.action_type = action_type;
        let mut response = LexResponse::default();
        response.session_attributes = event.session_attributes.clone();
        response.dialog_action = dialog_action;
        response
    }

    #[inline]
    fn with_intent(mut self, event: &LexEvent) -> Self {
        self.dialog_action.intent_name = event.current_intent.name.clone();
        self.dialog_action.slots = Some(event.current_intent.slots.clone().unwrap_or_default());
        self
    }

    /// Ends the conversation: `Fulfilled` or `Failed` (add a message with `with_message`).
    #[inline]
    pub fn close(event: &LexEvent, fulfillment_state: LexFulfillmentState) -> Self {
        let mut response = Self::from_event(event, LexDialogActionType::Close);
        response.dialog_action.fulfillment_state = Some(fulfillment_state);
        response
    }

    /// Asks the user to confirm the current intent with its slots.
    #[inline]
    pub fn confirm_intent(event: &LexEvent) -> Self {
        Self::from_event(event, LexDialogActionType::ConfirmIntent).with_intent(event)
    }

    /// Lets Lex choose the next step, with the current intent's slots (change
    /// them through `slots_mut` first).
    #[inline]
    pub fn delegate(event: &LexEvent) -> Self {
        let mut response = Self::from_event(event, LexDialogActionType::Delegate);
        response.dialog_action.slots = Some(event.current_intent.slots.clone().unwrap_or_default());
        response
    }

    /// Asks the user what they want to do next.
    #[inline]
    pub fn elicit_intent(event: &LexEvent) -> Self {
        Self::from_event(event, LexDialogActionType::ElicitIntent)
    }

    /// Asks the user for the value of `slot` of the current intent.
    pub fn elicit_slot(event: &LexEvent, slot: impl Into<String>) -> Self {
        let mut response = Self::from_event(event, LexDialogActionType::ElicitSlot).with_intent(event);
        response.dialog_action.slot_to_elicit = Some(slot.into());
        response
    }

    /// The message for the user, as plain text.
    pub fn with_message(self, text: impl Into<String>) -> Self {
        self.with_content(LexMessageContentType::PlainText, text.into())
    }

    /// The message for the user, as SSML (`<speak>…</speak>`).
    pub fn with_ssml(self, ssml: impl Into<String>) -> Self {
        self.with_content(LexMessageContentType::Ssml, ssml.into())
    }

    #[inline]
    fn with_content(mut self, content_type: LexMessageContentType, content: String) -> Self {
        let mut message = LexMessage::default();
        message.content_type = Some(content_type);
        message.content = Some(content);
        self.dialog_action.message = Some(message);
        self
    }

    /// Sets a session attribute.
    pub fn with_session_attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.session_attributes.get_or_insert_with(BTreeMap::new).insert(key.into(), value.into());
        self
    }

    /// The slots the response sends (created empty when absent).
    #[inline]
    pub fn slots_mut(&mut self) -> &mut BTreeMap<String, Option<String>> {
        self.dialog_action.slots.get_or_insert_with(BTreeMap::new)
    }
}

// ---------------------------------------------------------------------------
// V2.
// ---------------------------------------------------------------------------

impl LexV2Slot {
    /// A single-valued slot whose value is `value` (original and interpreted).
    pub fn scalar(value: impl Into<String>) -> Self {
        let value = value.into();
        let mut slot_value = LexV2SlotValue::default();
        slot_value.original_value = Some(value.clone());
        slot_value.interpreted_value = Some(value.clone());
        slot_value.resolved_values = Some(vec![value]);
        let mut slot = LexV2Slot::default();
        slot.shape = Some(LexV2SlotShape::Scalar);
        slot.value = Some(slot_value);
        slot
    }

    /// The interpreted value (what the bot resolved), else what the user said.
    #[inline]
    pub fn interpreted_value(&self) -> Option<&str> {
        let value = self.value.as_ref()?;
        value.interpreted_value.as_deref().or(value.original_value.as_deref())
    }

    /// The interpreted values of a list slot (`shape: List`), else the single value.
    #[inline]
    pub fn interpreted_values(&self) -> Vec<&str> {
        match &self.values {
            Some(values) => values
                .iter()
                .filter_map(|item| item.value.as_ref())
                .filter_map(|value| value.interpreted_value.as_deref().or(value.original_value.as_deref()))
                .collect(),
            None => self.interpreted_value().into_iter().collect(),
        }
    }
}

impl LexV2Intent {
    /// The interpreted value of a slot; `None` when it is not filled.
    #[inline]
    pub fn slot_value(&self, name: &str) -> Option<&str> {
        self.slots.as_ref()?.get(name)?.as_ref()?.interpreted_value()
    }

    /// Fills a slot with a single value.
    pub fn set_slot_value(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.slots.get_or_insert_with(BTreeMap::new).insert(name.into(), Some(LexV2Slot::scalar(value)));
    }

    /// Empties a slot (sent as `null`, so that Lex asks for it again).
    pub fn clear_slot(&mut self, name: impl Into<String>) {
        self.slots.get_or_insert_with(BTreeMap::new).insert(name.into(), None);
    }
}

impl LexV2Event {
    /// The intent of the session state.
    #[inline]
    pub fn intent(&self) -> Option<&LexV2Intent> {
        self.session_state.intent.as_ref()
    }

    /// The name of the session state's intent.
    #[inline]
    pub fn intent_name(&self) -> Option<&str> {
        self.intent().map(|intent| intent.name.as_str())
    }

    /// The interpreted value of a slot of the session state's intent.
    #[inline]
    pub fn slot_value(&self, name: &str) -> Option<&str> {
        self.intent()?.slot_value(name)
    }

    /// A session attribute.
    #[inline]
    pub fn session_attribute(&self, key: &str) -> Option<&str> {
        self.session_state.session_attributes.as_ref()?.get(key).map(String::as_str)
    }

    /// A request attribute (`x-amz-lex:…` included).
    #[inline]
    pub fn request_attribute(&self, key: &str) -> Option<&str> {
        self.request_attributes.as_ref()?.get(key).map(String::as_str)
    }
}

impl LexV2Response {
    /// The event's session state with `dialogAction` of `action_type`.
    #[inline]
    fn from_event(event: &LexV2Event, action_type: LexV2DialogActionType) -> Self {
        let mut dialog_action = LexV2DialogAction::default();
        dialog_action.action_type = action_type;
        let mut response = LexV2Response::default();
        response.session_state = event.session_state.clone();
        response.session_state.dialog_action = Some(dialog_action);
        response
    }

    /// Ends the conversation with the intent in `state` (`Fulfilled`, `Failed`).
    #[inline]
    pub fn close(event: &LexV2Event, state: LexV2IntentState) -> Self {
        let mut response = Self::from_event(event, LexV2DialogActionType::Close);
        if let Some(intent) = response.session_state.intent.as_mut() {
            intent.state = Some(state);
        }
        response
    }

    /// Asks the user to confirm the intent.
    #[inline]
    pub fn confirm_intent(event: &LexV2Event) -> Self {
        Self::from_event(event, LexV2DialogActionType::ConfirmIntent)
    }

    /// Lets Lex choose the next step, with the intent as the function left it
    /// (change it through `intent_mut` first).
    #[inline]
    pub fn delegate(event: &LexV2Event) -> Self {
        Self::from_event(event, LexV2DialogActionType::Delegate)
    }

    /// Asks the user what they want to do next; the response carries no intent.
    #[inline]
    pub fn elicit_intent(event: &LexV2Event) -> Self {
        let mut response = Self::from_event(event, LexV2DialogActionType::ElicitIntent);
        response.session_state.intent = None;
        response
    }

    /// Asks the user for the value of `slot` of the intent.
    pub fn elicit_slot(event: &LexV2Event, slot: impl Into<String>) -> Self {
        let mut response = Self::from_event(event, LexV2DialogActionType::ElicitSlot);
        if let Some(action) = response.session_state.dialog_action.as_mut() {
            action.slot_to_elicit = Some(slot.into());
        }
        response
    }

    /// Adds a plain text message.
    pub fn with_message(self, text: impl Into<String>) -> Self {
        self.with_content(LexV2MessageContentType::PlainText, text.into())
    }

    /// Adds an SSML message (`<speak>…</speak>`).
    pub fn with_ssml(self, ssml: impl Into<String>) -> Self {
        self.with_content(LexV2MessageContentType::Ssml, ssml.into())
    }

    #[inline]
    fn with_content(mut self, content_type: LexV2MessageContentType, content: String) -> Self {
        let mut message = LexV2Message::default();
        message.content_type = content_type;
        message.content = Some(content);
        self.messages.get_or_insert_with(Vec::new).push(message);
        self
    }

    /// Sets a session attribute.
    pub fn with_session_attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.session_state.session_attributes.get_or_insert_with(BTreeMap::new).insert(key.into(), value.into());
        self
    }

    /// The intent the response sends, if any.
    #[inline]
    pub fn intent_mut(&mut self) -> Option<&mut LexV2Intent> {
        self.session_state.intent.as_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1_DIALOG: &str = include_str!("../../../fixtures/lex/event/dialog-code-hook-unfilled-slots-null.json");
    const V2_DIALOG: &str = include_str!("../../../fixtures/lex/v2_event/dialog-code-hook-text-interpretations.json");
    const V2_LIST: &str = include_str!("../../../fixtures/lex/v2_event/list-slot-dtmf-dialog-action.json");

    #[test]
    fn v1_builders_carry_the_session_and_slots() {
        let event: LexEvent = serde_json::from_str(V1_DIALOG).unwrap();
        assert_eq!((event.slot("FlowerType"), event.slot("PickupDate")), (Some("roses"), None));
        let response = LexResponse::elicit_slot(&event, "PickupDate").with_message("What day?").with_session_attribute("step", "date");
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            serde_json::json!({
                "sessionAttributes": { "step": "date" },
                "dialogAction": {
                    "type": "ElicitSlot", "message": { "contentType": "PlainText", "content": "What day?" }, "intentName": "OrderFlowers",
                    "slots": { "FlowerType": "roses", "PickupDate": null, "PickupTime": null }, "slotToElicit": "PickupDate"
                }
            })
        );
        let close = LexResponse::close(&event, LexFulfillmentState::Fulfilled).with_ssml("<speak>Done</speak>");
        assert_eq!(
            serde_json::to_value(&close).unwrap()["dialogAction"],
            serde_json::json!({ "type": "Close", "fulfillmentState": "Fulfilled", "message": { "contentType": "SSML", "content": "<speak>Done</speak>" } })
        );
        let mut delegate = LexResponse::delegate(&event);
        delegate.slots_mut().insert("PickupTime".to_owned(), Some("10:00".to_owned()));
        assert_eq!(serde_json::to_value(&delegate).unwrap()["dialogAction"]["slots"]["PickupTime"], "10:00");
        assert_eq!(serde_json::to_value(LexResponse::confirm_intent(&event)).unwrap()["dialogAction"]["type"], "ConfirmIntent");
        assert_eq!(serde_json::to_value(LexResponse::elicit_intent(&event)).unwrap()["dialogAction"], serde_json::json!({ "type": "ElicitIntent" }));
    }

    #[test]
    fn v2_builders_carry_the_session_state() {
        let event: LexV2Event = serde_json::from_str(V2_DIALOG).unwrap();
        assert_eq!((event.intent_name(), event.slot_value("FlowerType"), event.slot_value("PickupDate")), (Some("OrderFlowers"), Some("roses"), None));
        let mut response = LexV2Response::elicit_slot(&event, "PickupDate").with_message("What day do you want the roses?");
        response.intent_mut().unwrap().set_slot_value("PickupTime", "10:00");
        let json = serde_json::to_value(&response).unwrap();
        assert_eq!(json["sessionState"]["dialogAction"], serde_json::json!({ "type": "ElicitSlot", "slotToElicit": "PickupDate" }));
        assert_eq!(json["sessionState"]["intent"]["slots"]["PickupTime"]["value"]["interpretedValue"], "10:00");
        assert_eq!(json["sessionState"]["intent"]["slots"]["PickupDate"], serde_json::Value::Null);
        assert_eq!(json["messages"], serde_json::json!([{ "contentType": "PlainText", "content": "What day do you want the roses?" }]));

        let close = serde_json::to_value(LexV2Response::close(&event, LexV2IntentState::Fulfilled)).unwrap();
        assert_eq!(
            (close["sessionState"]["dialogAction"]["type"].as_str(), close["sessionState"]["intent"]["state"].as_str()),
            (Some("Close"), Some("Fulfilled"))
        );
        let elicit_intent = serde_json::to_value(LexV2Response::elicit_intent(&event).with_ssml("<speak>Anything else?</speak>")).unwrap();
        assert!(elicit_intent["sessionState"].get("intent").is_none());
        assert_eq!(elicit_intent["messages"][0]["contentType"], "SSML");
        assert_eq!(serde_json::to_value(LexV2Response::confirm_intent(&event)).unwrap()["sessionState"]["dialogAction"]["type"], "ConfirmIntent");
        assert_eq!(serde_json::to_value(LexV2Response::delegate(&event)).unwrap()["sessionState"]["dialogAction"]["type"], "Delegate");
    }

    #[test]
    fn list_slots_give_every_value() {
        let event: LexV2Event = serde_json::from_str(V2_LIST).unwrap();
        let slot = event.intent().unwrap().slots.as_ref().unwrap()["Toppings"].as_ref().unwrap();
        assert_eq!(slot.interpreted_values(), ["ham", "pineapple"]);
    }
}
