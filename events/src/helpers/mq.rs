//! Amazon MQ conveniences: message bodies as text and JSON for ActiveMQ and
//! RabbitMQ, the queue and virtual host of each RabbitMQ batch, and RabbitMQ
//! headers as text.
//!
//! A message's `data` is a [`Base64Bytes`](crate::codec::Base64Bytes),
//! already decoded; the generated `message.data_json::<T>()` decodes a JSON
//! body into your type.

use crate::mq::{ActiveMqEvent, ActiveMqMessage, RabbitMqBasicProperties, RabbitMqEvent, RabbitMqMessage};
use crate::payload::RecordError;

impl ActiveMqEvent {
    /// Decodes the JSON body of every message into `T`, in order. The first
    /// failure names the message (by index and message id) and the path in
    /// its body.
    pub fn data_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(&self.messages, |message| &message.message_id, |message| message.data_json())
    }
}

impl ActiveMqMessage {
    /// The body as UTF-8 text; `None` when there is none or it is not UTF-8.
    #[inline]
    pub fn data_text(&self) -> Option<&str> {
        self.data.as_ref().and_then(|data| data.as_utf8())
    }

    /// The JMS correlation id, whichever spelling the event used
    /// (`correlationId` or `correlationID`); `None` when unset or empty.
    #[inline]
    pub fn correlation(&self) -> Option<&str> {
        self.correlation_id.as_deref().or(self.correlation_id_uppercase.as_deref()).filter(|id| !id.is_empty())
    }
}

impl RabbitMqEvent {
    /// Each batch of the event with its queue and virtual host, split from
    /// its `<queue>::<virtual host>` key (at the last `::`, since queue names
    /// may contain `::`): `(queue, virtual host, messages)`.
    #[inline]
    pub fn queues(&self) -> impl Iterator<Item = (&str, &str, &[RabbitMqMessage])> + '_ {
        self.rmq_messages_by_queue.iter().map(|(key, messages)| {
            let (queue, vhost) = split_queue_key(key);
            (queue, vhost, messages.as_slice())
        })
    }

    /// Every message of the event, queue after queue (in the order of their
    /// keys).
    #[inline]
    pub fn all_messages(&self) -> impl Iterator<Item = &RabbitMqMessage> + '_ {
        self.rmq_messages_by_queue.values().flatten()
    }

    /// Decodes the JSON body of every message into `T`, in the order of
    /// [`all_messages`](Self::all_messages). The first failure names the
    /// message (by that position and its `messageId`, when it has one).
    pub fn data_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        self.all_messages()
            .enumerate()
            .map(|(index, message)| message.data_json().map_err(|error| RecordError::new(index, message.basic_properties.message_id.clone(), error)))
            .collect()
    }
}

/// Splits a key of `rmqMessagesByQueue` into queue and virtual host, at the
/// last `::` (`orders::/` gives `("orders", "/")`); a key without `::` is a
/// queue of no named virtual host (`("key", "")`).
#[inline]
pub fn split_queue_key(key: &str) -> (&str, &str) {
    key.rsplit_once("::").unwrap_or((key, ""))
}

impl RabbitMqMessage {
    /// The body as UTF-8 text; `None` when there is none or it is not UTF-8.
    #[inline]
    pub fn data_text(&self) -> Option<&str> {
        self.data.as_ref().and_then(|data| data.as_utf8())
    }
}

impl RabbitMqBasicProperties {
    /// The bytes of the header `name` when it holds text: Lambda sends text
    /// values as `{"bytes": [...]}`; a plain JSON string is taken as its
    /// UTF-8 bytes. `None` when the header is absent or not text (a number,
    /// a boolean, a table).
    #[inline]
    pub fn header_bytes(&self, name: &str) -> Option<Vec<u8>> {
        match self.headers.as_ref()?.get(name)? {
            serde_json::Value::String(text) => Some(text.as_bytes().to_vec()),
            serde_json::Value::Object(object) if object.len() == 1 => {
                object.get("bytes")?.as_array()?.iter().map(|byte| byte.as_i64().filter(|byte| (-128..=255).contains(byte)).map(|byte| byte as u8)).collect()
            }
            _ => None,
        }
    }

    /// The header `name` as UTF-8 text (see [`header_bytes`](Self::header_bytes));
    /// `None` when it is absent, not text, or not UTF-8.
    #[inline]
    pub fn header_text(&self, name: &str) -> Option<String> {
        self.header_bytes(name).and_then(|bytes| String::from_utf8(bytes).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activemq_bodies_correlation_and_expiration() {
        let event: ActiveMqEvent = serde_json::from_value(serde_json::json!({
            "eventSource": "aws:mq",
            "messages": [
                { "messageID": "ID:1", "data": "eyJuIjoxfQ==", "correlationID": "", "expiration": 0 },
                { "messageID": "ID:2", "data": "bm90IGpzb24=", "correlationId": "order-7", "expiration": "1718270200000" }
            ]
        }))
        .unwrap();
        assert_eq!(event.messages[0].data_text(), Some(r#"{"n":1}"#));
        assert_eq!((event.messages[0].correlation(), event.messages[1].correlation()), (None, Some("order-7")));
        let expiration = |index: usize| event.messages[index].expiration.as_ref().map(|time| time.instant().timestamp_millis());
        assert_eq!((expiration(0), expiration(1)), (Some(0), Some(1718270200000)));
        let written = serde_json::to_value(&event).unwrap();
        assert_eq!(
            (&written["messages"][0]["expiration"], &written["messages"][1]["expiration"]),
            (&serde_json::json!(0), &serde_json::json!("1718270200000"))
        );
        let error = event.data_json::<serde_json::Value>().unwrap_err();
        assert_eq!((error.index(), error.id()), (1, Some("ID:2")));
    }

    #[test]
    fn rabbitmq_queues_and_headers() {
        let event: RabbitMqEvent = serde_json::from_value(serde_json::json!({
            "eventSource": "aws:rmq",
            "rmqMessagesByQueue": {
                "orders::/": [{ "basicProperties": { "headers": { "tenant": { "bytes": [97, 99, 109, 101] }, "attempt": 2, "raw": "x" } }, "data": "eyJuIjoxfQ==" }],
                "billing::invoices::prod": [{ "basicProperties": { "headers": null, "messageId": "m-2" }, "data": "e30=" }]
            }
        }))
        .unwrap();
        let queues: Vec<(&str, &str, usize)> = event.queues().map(|(queue, vhost, messages)| (queue, vhost, messages.len())).collect();
        assert_eq!(queues, vec![("billing::invoices", "prod", 1), ("orders", "/", 1)]);
        let orders = &event.rmq_messages_by_queue["orders::/"][0];
        assert_eq!(orders.basic_properties.header_text("tenant").as_deref(), Some("acme"));
        assert_eq!(orders.basic_properties.header_text("raw").as_deref(), Some("x"));
        assert_eq!(orders.basic_properties.header_text("attempt"), None);
        assert_eq!(event.all_messages().count(), 2);
        let bodies: Vec<serde_json::Value> = event.data_json().unwrap();
        assert_eq!(bodies, vec![serde_json::json!({}), serde_json::json!({ "n": 1 })]);
        assert_eq!(split_queue_key("plain"), ("plain", ""));
    }
}
