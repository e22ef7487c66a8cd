//! CodeCommit conveniences: the repository of a record, and the branch or
//! tag a reference names.

use crate::codecommit::{CodeCommitRecord, CodeCommitReference};

impl CodeCommitRecord {
    /// The repository's name: the last part of `eventSourceARN`
    /// (`arn:aws:codecommit:us-east-1:123456789012:shop-backend` gives
    /// `shop-backend`); `None` without an ARN.
    #[inline]
    pub fn repository_name(&self) -> Option<&str> {
        let arn = self.event_source_arn.as_deref()?;
        arn.rsplit(':').next().filter(|name| !name.is_empty())
    }

    /// The references of the record.
    #[inline]
    pub fn references(&self) -> &[CodeCommitReference] {
        &self.codecommit.references
    }
}

impl CodeCommitReference {
    /// The branch, when the reference is one (`refs/heads/feature/x` gives `feature/x`).
    #[inline]
    pub fn branch(&self) -> Option<&str> {
        self.reference.strip_prefix("refs/heads/")
    }

    /// The tag, when the reference is one (`refs/tags/v1.4.0` gives `v1.4.0`).
    #[inline]
    pub fn tag(&self) -> Option<&str> {
        self.reference.strip_prefix("refs/tags/")
    }

    /// Whether the push created the reference.
    #[inline]
    pub fn is_created(&self) -> bool {
        self.created == Some(true)
    }
}

#[cfg(test)]
mod tests {
    use crate::codecommit::CodeCommitEvent;

    #[test]
    fn repository_branches_and_tags() {
        let event: CodeCommitEvent = serde_json::from_value(serde_json::json!({ "Records": [{
            "eventSource": "aws:codecommit",
            "eventSourceARN": "arn:aws:codecommit:us-east-1:123456789012:shop-backend",
            "codecommit": { "references": [
                { "commit": "a3f9c1e27b4d5e6f708192a3b4c5d6e7f8091a2b", "ref": "refs/heads/feature/checkout-v2", "created": true },
                { "commit": "a3f9c1e27b4d5e6f708192a3b4c5d6e7f8091a2b", "ref": "refs/tags/v2.4.0" }
            ] }
        }] }))
        .unwrap();
        let record = &event.records[0];
        assert_eq!(record.repository_name(), Some("shop-backend"));
        let [branch, tag] = record.references() else { panic!("two references") };
        assert_eq!((branch.branch(), branch.tag(), branch.is_created()), (Some("feature/checkout-v2"), None, true));
        assert_eq!((tag.branch(), tag.tag(), tag.is_created()), (None, Some("v2.4.0"), false));
    }
}
