//! DocumentDB change stream conveniences: the cluster time as an instant,
//! the namespace as `db.collection`, and the changed documents decoded.
//!
//! The generated `full_document_as::<T>()` decodes one change's document
//! into your type (Extended JSON: an `_id` is `{"$oid": "…"}`).

use chrono::{DateTime, Utc};

use crate::documentdb::{DocumentDbChangeEvent, DocumentDbClusterTime, DocumentDbEvent, DocumentDbNamespace};
use crate::payload::RecordError;

impl DocumentDbEvent {
    /// The change stream events of the batch, in stream order.
    #[inline]
    pub fn changes(&self) -> impl Iterator<Item = &DocumentDbChangeEvent> {
        self.events.iter().map(|record| &record.event)
    }

    /// Decodes the `fullDocument` of every change that carries one
    /// (inserts, replaces, looked-up updates) into `T`, in order; changes
    /// without a document are skipped. The first failure names the change by
    /// its index in `events` and its resume token.
    pub fn full_documents_as<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        let mut documents = Vec::new();
        for (index, change) in self.changes().enumerate() {
            if change.full_document.as_ref().is_none_or(serde_json::Value::is_null) {
                continue;
            }
            let document = change.full_document_as().map_err(|error| RecordError::new(index, Some(change.id.data.clone()), error))?;
            documents.push(document);
        }
        Ok(documents)
    }
}

impl DocumentDbClusterTime {
    /// The second the cluster applied the change (`$timestamp.t`); the
    /// ordinal `i` orders changes within it. `None` past the range of
    /// instants chrono holds.
    #[inline]
    pub fn instant(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.timestamp.t, 0)
    }
}

impl DocumentDbNamespace {
    /// `db.collection`, or `db` alone for database-wide events.
    #[inline]
    pub fn full_name(&self) -> String {
        match &self.coll {
            Some(coll) => format!("{}.{coll}", self.db),
            None => self.db.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documentdb::DocumentDbOperationType;

    #[test]
    fn documents_times_and_namespaces() {
        let event: DocumentDbEvent = serde_json::from_value(serde_json::json!({
            "eventSource": "aws:docdb",
            "events": [
                { "event": { "_id": { "_data": "01" }, "operationType": "insert", "clusterTime": { "$timestamp": { "t": 1676588775, "i": 9 } },
                             "ns": { "db": "shop", "coll": "orders" }, "fullDocument": { "sku": "MUG", "quantity": 2 } } },
                { "event": { "_id": { "_data": "02" }, "operationType": "delete", "ns": { "db": "shop", "coll": "orders" } } },
                { "event": { "_id": { "_data": "03" }, "operationType": "dropDatabase", "ns": { "db": "shop" } } }
            ]
        }))
        .unwrap();
        let changes: Vec<_> = event.changes().collect();
        assert_eq!(changes[2].operation_type, DocumentDbOperationType::DropDatabase);
        assert_eq!(changes[0].cluster_time.as_ref().unwrap().instant().unwrap().timestamp(), 1676588775);
        assert_eq!(changes[0].ns.as_ref().unwrap().full_name(), "shop.orders");
        assert_eq!(changes[2].ns.as_ref().unwrap().full_name(), "shop");
        let documents: Vec<std::collections::BTreeMap<String, serde_json::Value>> = event.full_documents_as().unwrap();
        assert_eq!(documents.len(), 1);
        let error = event.full_documents_as::<Vec<u8>>().unwrap_err();
        assert_eq!((error.index(), error.id()), (0, Some("01")));
    }
}
