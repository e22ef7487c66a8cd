//! One bound on what unpacking a document may produce, across all its parts.
//!
//! A limit per part (such as
//! `cloudwatch_logs::MAX_DECOMPRESSED_LEN` per
//! gzip stream) does not bound a document: a Kinesis batch under Lambda's
//! 6 MB whose 200 records each inflate to 15 MiB unpacks to 3 GB. Every step
//! that produces bytes from a document (base64, gzip, the JSON text of a
//! carried document) takes them from one [`UnpackBudget`] of the whole
//! document, and stops the unpacking once it is spent.
//!
//! ```
//! use lambda_event_catalog_events::budget::UnpackBudget;
//!
//! let mut budget = UnpackBudget::new(100);
//! assert!(budget.take(60).is_ok());
//! let exceeded = budget.take(60).unwrap_err();
//! assert_eq!(exceeded.limit(), 100);
//! // A spent budget stays spent: what is unpacked does not depend on the order of the parts' sizes.
//! assert!(budget.take(1).is_err());
//! ```

use std::fmt;

/// The default budget of one document: 64 MiB of unpacked bytes, four times
/// `cloudwatch_logs::MAX_DECOMPRESSED_LEN`.
/// A Kinesis or Firehose invocation carries at most 6 MB, some 4.5 MB of
/// gzip once base64 is decoded: real CloudWatch Logs batches stay below the
/// budget unless they compress more than fourteenfold. The whole-batch
/// helpers (`KinesisEvent::cloudwatch_logs_data`,
/// `FirehoseEvent::cloudwatch_logs_data`) use it, and so does `check` unless
/// `--max-unpacked` says otherwise.
pub const DOCUMENT_UNPACK_LIMIT: usize = 64 * 1024 * 1024;

/// The bytes that unpacking one document may still produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackBudget {
    limit: usize,
    used: usize,
    spent: bool,
}

impl UnpackBudget {
    /// A budget of `limit` bytes.
    #[inline]
    pub fn new(limit: usize) -> Self {
        UnpackBudget { limit, used: 0, spent: false }
    }

    /// Takes `bytes` from the budget. When they do not fit, nothing more
    /// does: the budget is spent, and every later `take` fails too.
    ///
    /// # Errors
    /// When the bytes taken so far and `bytes` pass the limit.
    #[inline]
    pub fn take(&mut self, bytes: usize) -> Result<(), BudgetExceeded> {
        match self.used.checked_add(bytes) {
            Some(used) if used <= self.limit && !self.spent => {
                self.used = used;
                Ok(())
            }
            _ => {
                self.spent = true;
                Err(BudgetExceeded { limit: self.limit })
            }
        }
    }

    /// The bytes that still fit (none once the budget is spent).
    #[inline]
    pub fn remaining(&self) -> usize {
        if self.spent {
            0
        } else {
            self.limit - self.used
        }
    }

    /// Whether a `take` has failed: nothing more is to be unpacked.
    #[inline]
    pub fn is_spent(&self) -> bool {
        self.spent
    }
}

impl Default for UnpackBudget {
    /// A budget of [`DOCUMENT_UNPACK_LIMIT`].
    #[inline]
    fn default() -> Self {
        UnpackBudget::new(DOCUMENT_UNPACK_LIMIT)
    }
}

/// Unpacking a document would pass its [`UnpackBudget`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetExceeded {
    limit: usize,
}

impl BudgetExceeded {
    /// The budget's limit, in bytes.
    #[inline]
    pub fn limit(&self) -> usize {
        self.limit
    }
}

impl fmt::Display for BudgetExceeded {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unpacking the document passes its budget of {} bytes in total; nothing more of it is unpacked", self.limit)
    }
}

impl std::error::Error for BudgetExceeded {}

#[cfg(test)]
mod tests {
    use super::UnpackBudget;

    #[test]
    fn exactly_the_limit_fits_and_one_byte_more_spends_the_budget() {
        let mut budget = UnpackBudget::new(10);
        assert_eq!((budget.take(4), budget.take(6), budget.remaining(), budget.is_spent()), (Ok(()), Ok(()), 0, false));
        assert_eq!(budget.take(0), Ok(()));
        assert_eq!(budget.take(1).unwrap_err().limit(), 10);
        assert!(budget.is_spent() && budget.remaining() == 0 && budget.take(0).is_err());
        assert!(UnpackBudget::new(usize::MAX).take(usize::MAX).is_ok());
        let mut nearly_full = UnpackBudget::new(usize::MAX);
        nearly_full.take(usize::MAX).unwrap();
        assert!(nearly_full.take(1).is_err() && nearly_full.is_spent(), "an overflowing sum does not fit");
    }
}
