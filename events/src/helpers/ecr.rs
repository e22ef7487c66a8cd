//! ECR conveniences: the repository and image an event is about whatever its
//! detail type.
//!
//! ```
//! use lambda_event_catalog_events::ecr::{EcrEvent, EcrEventDetail, EcrScanStatus};
//!
//! let event: EcrEvent = lambda_event_catalog_events::from_slice(br#"{"version":"0","id":"5d7f9b1c",
//!   "detail-type":"ECR Image Scan","source":"aws.ecr","account":"456789012345","time":"2024-08-21T04:17:02Z",
//!   "region":"ap-southeast-2","resources":[],"detail":{"scan-status":"COMPLETE","repository-name":"payments/ledger",
//!   "image-digest":"sha256:5e1f7a3c","image-tags":["v3.14.2"],"finding-severity-counts":{"CRITICAL":1,"LOW":7}}}"#)?;
//! let EcrEventDetail::ImageScan(scan) = &event.detail else { return Err("not a scan".into()) };
//! let critical = scan.finding_severity_counts.as_ref().and_then(|counts| counts.critical).unwrap_or(0);
//! assert!(scan.scan_status == EcrScanStatus::Complete && critical > 0);
//! assert_eq!((event.repository_name(), event.image_digest()), (Some("payments/ledger"), Some("sha256:5e1f7a3c")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::ecr::{EcrEvent, EcrEventDetail};

impl EcrEvent {
    /// The name of the repository of an image action, image scan or pull
    /// through cache action; `None` for a scan resource change (which lists
    /// several repositories) and for detail types the catalogue does not know.
    #[inline]
    pub fn repository_name(&self) -> Option<&str> {
        match &self.detail {
            EcrEventDetail::ImageAction(detail) => Some(&detail.repository_name),
            EcrEventDetail::ImageScan(detail) => Some(&detail.repository_name),
            EcrEventDetail::PullThroughCacheAction(detail) => Some(&detail.repository_name),
            // Every arm is written out, so that a detail type a regeneration
            // adds is a compile error here until it is decided, not a `None`.
            EcrEventDetail::ScanResourceChange(_) | EcrEventDetail::Unknown(_) => None,
        }
    }

    /// The digest of the image (`sha256:…`) an image action, image scan or
    /// pull through cache action is about, when the event carries it.
    #[inline]
    pub fn image_digest(&self) -> Option<&str> {
        match &self.detail {
            EcrEventDetail::ImageAction(detail) => detail.image_digest.as_deref(),
            EcrEventDetail::ImageScan(detail) => detail.image_digest.as_deref(),
            EcrEventDetail::PullThroughCacheAction(detail) => detail.image_digest.as_deref(),
            EcrEventDetail::ScanResourceChange(_) | EcrEventDetail::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ecr::{EcrEvent, EcrEventDetail};

    fn event(detail_type: &str, detail: serde_json::Value) -> Result<EcrEvent, crate::ParseError> {
        let json = serde_json::json!({"version": "0", "id": "2a4c", "detail-type": detail_type, "source": "aws.ecr",
            "account": "456789012345", "time": "2024-08-21T04:16:33Z", "region": "ap-southeast-2", "resources": [], "detail": detail});
        crate::from_slice(json.to_string().as_bytes())
    }

    #[test]
    fn the_repository_and_digest_of_every_image_detail_type() -> Result<(), Box<dyn std::error::Error>> {
        let push = event(
            "ECR Image Action",
            serde_json::json!({"result": "SUCCESS", "action-type": "PUSH", "repository-name": "payments/ledger", "image-digest": "sha256:5e1f"}),
        )?;
        let scan =
            event("ECR Image Scan", serde_json::json!({"scan-status": "COMPLETE", "repository-name": "payments/ledger", "image-digest": "sha256:5e1f"}))?;
        let cache = event(
            "ECR Pull Through Cache Action",
            serde_json::json!({"sync-status": "SUCCESS", "repository-name": "payments/ledger", "image-digest": "sha256:5e1f"}),
        )?;
        for event in [&push, &scan, &cache] {
            assert_eq!(event.repository_name(), Some("payments/ledger"), "{}", event.detail_type);
            assert_eq!(event.image_digest(), Some("sha256:5e1f"), "{}", event.detail_type);
        }
        let failed = event("ECR Image Action", serde_json::json!({"result": "FAILURE", "action-type": "PUSH", "repository-name": "payments/ledger"}))?;
        assert_eq!(failed.repository_name(), Some("payments/ledger"));
        assert_eq!(failed.image_digest(), None);

        let change = event("ECR Scan Resource Change", serde_json::json!({"action-type": "SCAN_FREQUENCY_CHANGE", "repositories": []}))?;
        assert!(matches!(change.detail, EcrEventDetail::ScanResourceChange(_)));
        assert_eq!(change.repository_name(), None);
        let unknown = event("ECR Image Signed", serde_json::json!({"repository-name": "payments/ledger", "image-digest": "sha256:5e1f"}))?;
        assert!(matches!(unknown.detail, EcrEventDetail::Unknown(_)));
        assert_eq!((unknown.repository_name(), unknown.image_digest()), (None, None));
        Ok(())
    }
}
