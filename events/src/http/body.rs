//! The body of the requests and responses: bytes, whole.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;

/// The body of a request made from an event, or of a response to convert:
/// its bytes, whole (empty, text and binary alike; base64 is decoded). It is
/// an `http_body::Body` of one data frame, so tower services such as axum's
/// `Router` take it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body(Bytes);

impl Body {
    /// A body without bytes.
    pub fn empty() -> Self {
        Body(Bytes::new())
    }

    /// The bytes of the body.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes of the body, owned.
    pub fn into_bytes(self) -> Bytes {
        self.0
    }

    /// The body as text, when it is UTF-8.
    pub fn as_text(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(&self.0)
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the body has no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body(bytes.into())
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body(text.into())
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body(Bytes::from_static(text.as_bytes()))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body(Bytes::from_static(bytes))
    }
}

impl From<()> for Body {
    fn from((): ()) -> Self {
        Body::empty()
    }
}

impl From<Body> for Bytes {
    fn from(body: Body) -> Self {
        body.0
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        let body = self.get_mut();
        if body.0.is_empty() {
            Poll::Ready(None)
        } else {
            Poll::Ready(Some(Ok(http_body::Frame::data(std::mem::take(&mut body.0)))))
        }
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.0.len() as u64)
    }
}
