//! The providers' webhook dialects, one file each, and detection between them.
//!
//! Detection follows the dialect reference: headers and body shape decide, an explicit dialect
//! always wins, and a body that matches none is `UNKNOWN_DIALECT`, never a guess.

pub mod nobepay;
pub mod onerway;
pub mod openapi_notify;
pub mod upay;

use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};
use crate::event::{EventData, Headers};
use crate::json::{Limits, Object};

/// A provider's webhook dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Dialect {
    /// Onerway Issuing legacy push, RSA-signed (seed 004).
    #[serde(rename = "onerway")]
    Onerway,
    /// The OPEN-API card platform's notifications, `event_data` double-encoded (seeds 000, 001).
    #[serde(rename = "openapi-notify")]
    OpenapiNotify,
    /// UPay card pushes (seed 002).
    #[serde(rename = "upay")]
    Upay,
    /// NobePay (and AlchemyPay VCC v1) transaction webhooks (seed 003).
    #[serde(rename = "nobepay")]
    Nobepay,
}

impl Dialect {
    /// Every dialect, in detection order.
    pub const ALL: &'static [Dialect] = &[Dialect::Onerway, Dialect::OpenapiNotify, Dialect::Nobepay, Dialect::Upay];

    /// The dialect's id as used in options and in `event.dialect`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Dialect::Onerway => "onerway",
            Dialect::OpenapiNotify => "openapi-notify",
            Dialect::Upay => "upay",
            Dialect::Nobepay => "nobepay",
        }
    }

    /// Reads a dialect id.
    pub fn parse(name: &str) -> Result<Self> {
        Dialect::ALL.iter().copied().find(|d| d.as_str() == name).ok_or_else(|| {
            let known: Vec<&str> = Dialect::ALL.iter().map(|d| d.as_str()).collect();
            Error::new(
                ErrorCode::UnknownDialect,
                format!("unknown dialect `{}` (known: {})", crate::json::shorten(name), known.join(", ")),
            )
        })
    }

    /// True when the dialect carries a signature that [`crate::Verifier`] can check.
    pub const fn is_signed(self) -> bool {
        matches!(self, Dialect::Onerway)
    }

    /// The reply the provider expects once the event is accepted.
    pub const fn ack(self) -> Ack {
        match self {
            Dialect::Onerway => Ack {
                status: 200,
                content_type: "application/json",
                body: r#"{"respCode":"20000","respMsg":"success"}"#,
            },
            Dialect::OpenapiNotify => Ack {
                status: 200,
                content_type: "application/json",
                body: r#"{"code":0,"message":"success"}"#,
            },
            Dialect::Upay => Ack { status: 200, content_type: "text/plain", body: "SUCCESS" },
            // Only the status is documented; the body is ignored.
            Dialect::Nobepay => Ack { status: 200, content_type: "text/plain", body: "" },
        }
    }
}

/// The HTTP reply a provider expects for an accepted event (anything else makes it retry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ack {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type` of the body.
    pub content_type: &'static str,
    /// Response body.
    pub body: &'static str,
}

/// Picks the dialect from headers and body shape; `UNKNOWN_DIALECT` when none matches.
pub fn detect(headers: &Headers, body: &Object) -> Result<Dialect> {
    if onerway::matches(headers, body) {
        return Ok(Dialect::Onerway);
    }
    if openapi_notify::matches(headers, body) {
        return Ok(Dialect::OpenapiNotify);
    }
    if nobepay::matches(headers, body) {
        return Ok(Dialect::Nobepay);
    }
    if upay::matches(headers, body) {
        return Ok(Dialect::Upay);
    }
    Err(Error::new(
        ErrorCode::UnknownDialect,
        "body matches no known webhook dialect; pass the `dialect` option if you know it",
    ))
}

/// Decodes a parsed body in `dialect` into (event type, idempotency key, typed data).
pub(crate) fn decode(
    dialect: Dialect,
    headers: &Headers,
    body: &Object,
    limits: &Limits,
) -> Result<(String, Option<String>, EventData)> {
    match dialect {
        Dialect::Onerway => onerway::decode(headers, body),
        Dialect::OpenapiNotify => openapi_notify::decode(body, limits),
        Dialect::Upay => upay::decode(body),
        Dialect::Nobepay => nobepay::decode(body),
    }
}
