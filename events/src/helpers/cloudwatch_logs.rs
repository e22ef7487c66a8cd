//! CloudWatch Logs conveniences: the batch inside `awslogs.data`, which is
//! base64 of gzip of a JSON document.
//!
//! The event's `awslogs.data` is a [`Base64Bytes`](crate::codec::Base64Bytes)
//! holding the gzip bytes (invalid base64 is a parse error of the event,
//! naming `awslogs.data`). [`CloudWatchLogsEvent::data`] decompresses them,
//! never past [`MAX_DECOMPRESSED_LEN`], and parses the batch. A subscription
//! whose destination is a Kinesis stream or a Firehose stream delivers the
//! same gzip bytes as record data: with the `kinesis` or `firehose` feature
//! too, `KinesisRecord::cloudwatch_logs_data` and
//! `FirehoseEventRecord::cloudwatch_logs_data` read them the same way, and
//! [`gunzip`] is the bounded inflate they all share. The whole-batch methods
//! (`KinesisEvent::cloudwatch_logs_data`, `FirehoseEvent::cloudwatch_logs_data`)
//! also bound what all records inflate to together, through
//! [`gunzip_within`] and one [`UnpackBudget`](crate::budget::UnpackBudget)
//! of [`DOCUMENT_UNPACK_LIMIT`](crate::budget::DOCUMENT_UNPACK_LIMIT).
//!
//! ```
//! use lambda_event_catalog_events::cloudwatch_logs::{CloudWatchLogsData, CloudWatchLogsEvent, CloudWatchLogsLogEvent};
//!
//! // A test builds the event a function receives from the batch it carries.
//! let mut batch = CloudWatchLogsData::default();
//! batch.log_group = "/aws/lambda/orders".to_owned();
//! let mut line = CloudWatchLogsLogEvent::default();
//! line.message = r#"{"level":"error","orderId":"1042"}"#.to_owned();
//! batch.log_events.push(line);
//! let event = CloudWatchLogsEvent::from_data(&batch)?;
//!
//! // The handler reads it back.
//! let data = event.data()?;
//! assert_eq!(data.log_group, "/aws/lambda/orders");
//! assert!(!data.is_control_message());
//! let lines: Vec<serde_json::Value> = data.messages_json()?;
//! assert_eq!(lines[0]["orderId"], "1042");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::io::{Read, Write};

use crate::budget::{BudgetExceeded, UnpackBudget};
use crate::cloudwatch_logs::{CloudWatchLogsData, CloudWatchLogsEvent, CloudWatchLogsLogEvent, CloudWatchLogsMessageType};
use crate::payload::{PayloadError, RecordError};

/// The most bytes [`CloudWatchLogsEvent::data`] inflates `awslogs.data` to:
/// 16 MiB. CloudWatch Logs sends batches of at most 1 MiB of log events
/// (`PutLogEvents`' limit), so a real batch stays far below it; a payload
/// that inflates past it (a decompression bomb) is an error, read no
/// further than the limit.
pub const MAX_DECOMPRESSED_LEN: usize = 16 * 1024 * 1024;

const FIELD: &str = "awslogs.data";

impl CloudWatchLogsEvent {
    /// Decompresses and parses the batch: the log events, or a control
    /// message. The error names `awslogs.data` and says what failed: the
    /// gzip stream (corrupt, truncated, or larger than
    /// [`MAX_DECOMPRESSED_LEN`]), or the JSON, with the path inside it.
    // Inline: it instantiates the parser of the document it decodes, which only a caller should compile.
    #[inline]
    pub fn data(&self) -> Result<CloudWatchLogsData, PayloadError> {
        self.data_as()
    }

    /// Decompresses the batch and decodes it into your own type.
    pub fn data_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, PayloadError> {
        decode_compressed(FIELD, self.awslogs.data.as_bytes())
    }

    /// The batch's JSON text, decompressed (at most [`MAX_DECOMPRESSED_LEN`] bytes).
    #[inline]
    pub fn decompressed_data(&self) -> Result<Vec<u8>, PayloadError> {
        gunzip(self.awslogs.data.as_bytes()).map_err(|error| error.in_field(FIELD))
    }

    /// The event CloudWatch Logs would send for `data`: its JSON, gzipped,
    /// in `awslogs.data` (for tests of a handler).
    ///
    /// # Errors
    /// When `data` cannot be written as JSON.
    // Inline: it instantiates the writer of the batch, which only a caller should compile.
    #[inline]
    pub fn from_data(data: &CloudWatchLogsData) -> Result<Self, serde_json::Error> {
        let json = serde_json::to_vec(data)?;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing into a Vec cannot fail.
        let compressed = encoder.write_all(&json).and_then(|()| encoder.finish()).unwrap_or_default();
        let mut event = CloudWatchLogsEvent::default();
        event.awslogs.data = compressed.into();
        Ok(event)
    }
}

/// Inflates a gzip stream (one member or several), as CloudWatch Logs
/// subscriptions deliver their batches (in `awslogs.data`, or as Kinesis and
/// Firehose record data), refusing to produce more than
/// [`MAX_DECOMPRESSED_LEN`] bytes: a stream that inflates further is read no
/// further than the limit.
///
/// ```
/// use lambda_event_catalog_events::cloudwatch_logs::{gunzip, GunzipError};
///
/// assert!(matches!(gunzip(br#"{"messageType":"DATA_MESSAGE"}"#), Err(GunzipError::Corrupt(_))));
/// ```
#[inline]
pub fn gunzip(compressed: &[u8]) -> Result<Vec<u8>, GunzipError> {
    gunzip_within(compressed, &mut UnpackBudget::new(usize::MAX))
}

/// Inflates a gzip stream as [`gunzip`] does, and takes what it inflates to
/// from `budget`, the budget of the whole document the stream is part of
/// (one of many records of a batch): it reads no further than the budget's
/// remaining bytes, nor than [`MAX_DECOMPRESSED_LEN`].
///
/// ```
/// use lambda_event_catalog_events::budget::UnpackBudget;
/// use lambda_event_catalog_events::cloudwatch_logs::{gunzip, gunzip_within, CloudWatchLogsData, CloudWatchLogsEvent, GunzipError};
///
/// let stream = CloudWatchLogsEvent::from_data(&CloudWatchLogsData::default())?.awslogs.data;
/// let mut budget = UnpackBudget::new(gunzip(stream.as_bytes())?.len() * 3 / 2);
/// assert!(gunzip_within(stream.as_bytes(), &mut budget).is_ok());
/// // A second record of the same size does not fit in what is left.
/// assert!(matches!(gunzip_within(stream.as_bytes(), &mut budget), Err(GunzipError::OverBudget(_))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[inline]
pub fn gunzip_within(compressed: &[u8], budget: &mut UnpackBudget) -> Result<Vec<u8>, GunzipError> {
    gunzip_at_most(compressed, MAX_DECOMPRESSED_LEN, budget)
}

#[inline]
fn gunzip_at_most(compressed: &[u8], limit: usize, budget: &mut UnpackBudget) -> Result<Vec<u8>, GunzipError> {
    // One byte past what may be kept tells a stream that ends at the bound from one that goes on.
    let bound = limit.min(budget.remaining());
    let mut decoder = flate2::read::MultiGzDecoder::new(compressed).take(bound as u64 + 1);
    let mut out = Vec::new();
    decoder.read_to_end(&mut out).map_err(GunzipError::Corrupt)?;
    if out.len() > limit {
        return Err(GunzipError::TooLarge { limit });
    }
    budget.take(out.len()).map_err(GunzipError::OverBudget)?;
    Ok(out)
}

/// Why [`gunzip`] refused a stream.
#[derive(Debug)]
#[non_exhaustive]
pub enum GunzipError {
    /// The bytes are no gzip stream, or a corrupt or truncated one.
    Corrupt(std::io::Error),
    /// The stream inflates past `limit` bytes ([`MAX_DECOMPRESSED_LEN`]): a
    /// decompression bomb, since no batch CloudWatch Logs sends is that large.
    TooLarge {
        /// The most bytes the stream could have inflated to.
        limit: usize,
    },
    /// The stream inflates past what is left of the budget of the document
    /// it is part of ([`gunzip_within`]).
    OverBudget(BudgetExceeded),
}

impl GunzipError {
    /// The error of an accessor that inflates member `field`.
    #[inline]
    pub(crate) fn in_field(self, field: &'static str) -> PayloadError {
        PayloadError::Invalid { field, path: ".".to_owned(), message: self.to_string() }
    }
}

impl fmt::Display for GunzipError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GunzipError::Corrupt(error) => write!(f, "not a gzip stream: {error}"),
            GunzipError::TooLarge { limit } => {
                write!(f, "the gzip stream inflates past {limit} bytes (MAX_DECOMPRESSED_LEN); refused as a decompression bomb")
            }
            GunzipError::OverBudget(exceeded) => write!(f, "the gzip stream inflates past what is left: {exceeded}"),
        }
    }
}

impl std::error::Error for GunzipError {
    #[inline]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GunzipError::Corrupt(error) => Some(error),
            GunzipError::TooLarge { .. } => None,
            GunzipError::OverBudget(exceeded) => Some(exceeded),
        }
    }
}

/// Inflates and parses the batch a subscription put in member `field`
/// (`awslogs.data`, or a Kinesis or Firehose record's `data`).
pub(crate) fn decode_compressed<T: serde::de::DeserializeOwned>(field: &'static str, compressed: &[u8]) -> Result<T, PayloadError> {
    decode_compressed_within(field, compressed, &mut UnpackBudget::new(usize::MAX))
}

/// [`decode_compressed`] of one record of a batch, whose records share
/// `budget`.
pub(crate) fn decode_compressed_within<T: serde::de::DeserializeOwned>(
    field: &'static str,
    compressed: &[u8],
    budget: &mut UnpackBudget,
) -> Result<T, PayloadError> {
    let json = gunzip_within(compressed, budget).map_err(|error| error.in_field(field))?;
    crate::payload::decode_json(field, Some(&json))
}

/// The gzip of an empty batch padded with whitespace to inflate to `len`
/// bytes: a record that costs `len` of a budget and a thousandth of that to
/// carry (for the batch helpers' tests).
#[cfg(test)]
pub(crate) fn gzipped_batch_inflating_to(len: usize) -> crate::codec::Base64Bytes {
    let json = serde_json::to_vec(&CloudWatchLogsData::default()).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(b"{").unwrap();
    encoder.write_all(&vec![b' '; len - json.len()]).unwrap();
    encoder.write_all(&json[1..]).unwrap();
    encoder.finish().unwrap().into()
}

impl CloudWatchLogsData {
    /// Whether this is a control message (CloudWatch Logs checking that the
    /// destination is reachable), which a handler acknowledges and skips.
    #[inline]
    pub fn is_control_message(&self) -> bool {
        self.message_type == CloudWatchLogsMessageType::ControlMessage
    }

    /// Decodes the `message` of every log event as JSON into `T`, in order
    /// (structured logs); the first failure names the log event by index
    /// and id.
    pub fn messages_json<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, RecordError> {
        crate::payload::decode_each(&self.log_events, |event| event.id.as_str(), |event| event.message_json())
    }
}

impl CloudWatchLogsLogEvent {
    /// Decodes the log line as JSON into `T` (structured logs).
    pub fn message_json<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, PayloadError> {
        crate::payload::decode_json("message", Some(self.message.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn event_of(compressed: &[u8]) -> CloudWatchLogsEvent {
        let text = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, compressed);
        crate::from_slice(serde_json::json!({ "awslogs": { "data": text } }).to_string().as_bytes()).unwrap()
    }

    const BATCH: &str = r#"{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"g","logStream":"s","subscriptionFilters":["f"],"logEvents":[{"id":"1","timestamp":1440442987000,"message":"{\"n\":1}"},{"id":"2","timestamp":1440442987001,"message":"plain"}]}"#;

    #[test]
    fn the_batch_decompresses_and_parses() {
        let data = event_of(&gzip(BATCH.as_bytes())).data().unwrap();
        assert_eq!(data.log_events.len(), 2);
        assert_eq!(data.log_events[0].timestamp.instant().timestamp_millis(), 1440442987000);
        assert!(!data.is_control_message());
        let error = data.messages_json::<serde_json::Value>().unwrap_err();
        assert_eq!((error.index(), error.id()), (1, Some("2")));
    }

    #[test]
    fn from_data_round_trips() {
        let data: CloudWatchLogsData = serde_json::from_str(BATCH).unwrap();
        let event = CloudWatchLogsEvent::from_data(&data).unwrap();
        assert_eq!(event.data().unwrap(), data);
    }

    #[test]
    fn a_decompression_bomb_is_refused_within_the_limit() {
        // 17 MiB of zeros compress to about 17 KiB.
        let bomb = gzip(&vec![0u8; MAX_DECOMPRESSED_LEN + (1 << 20)]);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let error = event_of(&bomb).data().unwrap_err().to_string();
        assert!(error.contains("awslogs.data") && error.contains("decompression bomb"), "{error}");
        // One byte past a small limit is refused; exactly the limit is not.
        let unbounded = || UnpackBudget::new(usize::MAX);
        assert!(matches!(gunzip_at_most(&gzip(&[b' '; 101]), 100, &mut unbounded()), Err(GunzipError::TooLarge { limit: 100 })));
        assert_eq!(gunzip_at_most(&gzip(&[b' '; 100]), 100, &mut unbounded()).unwrap().len(), 100);
    }

    #[test]
    fn errors_name_the_member_and_what_failed() {
        let base64 = crate::from_slice::<CloudWatchLogsEvent>(br#"{"awslogs":{"data":"not base64!"}}"#).unwrap_err().to_string();
        assert!(base64.contains("awslogs.data") && base64.contains("base64"), "{base64}");
        let gzip_error = event_of(b"{\"messageType\":\"DATA_MESSAGE\"}").data().unwrap_err().to_string();
        assert!(gzip_error.contains("`awslogs.data`") && gzip_error.contains("gzip"), "{gzip_error}");
        let mut truncated = gzip(BATCH.as_bytes());
        truncated.truncate(truncated.len() - 12);
        assert!(event_of(&truncated).data().unwrap_err().to_string().contains("gzip"));
        let json = event_of(&gzip(br#"{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"g","logStream":"s","subscriptionFilters":[],"logEvents":[{"id":"1","timestamp":"soon","message":""}]}"#))
            .data()
            .unwrap_err()
            .to_string();
        assert!(json.contains("`awslogs.data`") && json.contains("logEvents[0].timestamp"), "{json}");
    }
}
