//! The providers' webhook dialects, one file each, and detection between them.
//!
//! Detection follows the dialect reference: headers and body shape decide, an explicit dialect
//! always wins, and a body that matches none is `UNKNOWN_DIALECT`, never a guess.

pub mod alchemypay_v2;
pub mod nobepay;
pub mod onerway;
pub mod onerway_v2;
pub mod openapi_notify;
pub mod upay;

use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};
use crate::event::{EventData, Headers, Property};
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
    /// Onerway Issuing's current push, HMAC-signed with a timestamp.
    #[serde(rename = "onerway-v2")]
    OnerwayV2,
    /// AlchemyPay VCC v2, HMAC-signed `data` string.
    #[serde(rename = "alchemypay-v2")]
    AlchemypayV2,
}

/// How a dialect's pushes are signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// SHA256withRSA over the signed string, with the provider's public key.
    Rsa,
    /// HMAC-SHA256 with a shared secret.
    Hmac,
    /// No signature.
    Unsigned,
}

/// What an HMAC dialect signed: the message (in parts, hashed in order), the tag, and the signed
/// timestamp when there is one.
pub(crate) struct HmacInput<'a> {
    pub parts: Vec<&'a [u8]>,
    pub tag: Vec<u8>,
    pub timestamp_ms: Option<i64>,
}

/// What a dialect reads out of a body: the event's type, idempotency key and typed data, and which
/// of them the dialect's signature leaves uncovered.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub event_type: String,
    pub id: Option<String>,
    pub data: EventData,
    /// Properties of a verified event whose value the signature does not cover.
    pub unsigned: Vec<Property>,
}

impl Decoded {
    /// An event read entirely from what the dialect's signature covers (if it has one).
    pub fn new(event_type: String, id: Option<String>, data: EventData) -> Self {
        Decoded {
            event_type,
            id,
            data,
            unsigned: Vec::new(),
        }
    }
}

/// Parses an object sent as a JSON string inside the body (double encoding, as openapi-notify's
/// `event_data` and AlchemyPay v2's `data`); any failure is `MALFORMED_EVENT_DATA` naming `field`.
pub(crate) fn embedded_object<'a>(
    text: &'a str,
    field: &str,
    limits: &Limits,
) -> Result<Object<'a>> {
    // The inner document gets the depth the outer one has left (the envelope used one level).
    let inner_limits = Limits {
        max_depth: limits.max_depth.saturating_sub(1).max(1),
        ..*limits
    };
    match crate::json::parse_str(text, &inner_limits) {
        Ok(crate::json::Value::Object(obj)) => Ok(obj),
        Ok(other) => Err(Error::new(
            ErrorCode::MalformedEventData,
            format!("{field} holds {}, not a JSON object", other.type_name()),
        )),
        Err(e) => Err(Error::new(
            ErrorCode::MalformedEventData,
            format!("{field}: {}", e.message()),
        )),
    }
}

/// Every header any dialect reads (lowercase). Callers may pass only these: the JS binding does,
/// since copying a request's other headers into wasm measured more than a third of a decode.
/// A test checks the list against every header name the dialect sources read.
pub const HEADERS_READ: &[&str] = &[
    "x-event-type",
    "x-timestamp",
    "x-signature",
    "x-upa-timestamp",
    "x-upa-sign",
];

/// A required signature header sent once, or `MISSING_HEADER` naming it (`INVALID_HEADER` when
/// it was sent several times).
pub(crate) fn header<'a>(headers: &'a Headers, name: &str) -> Result<&'a str> {
    headers.single(name)?.ok_or_else(|| {
        Error::new(
            ErrorCode::MissingHeader,
            format!("missing the `{name}` header"),
        )
    })
}

/// A required integer header (a signed timestamp): its text as sent, which is what was signed,
/// and its value; `INVALID_HEADER` saying what it should be otherwise.
pub(crate) fn integer_header<'a>(
    headers: &'a Headers,
    name: &str,
    expected: &str,
) -> Result<(&'a str, i64)> {
    let text = header(headers, name)?;
    let value = text.trim().parse().map_err(|_| {
        Error::new(
            ErrorCode::InvalidHeader,
            format!("`{name}` must be {expected}"),
        )
    })?;
    Ok((text, value))
}

impl Dialect {
    /// Every dialect, in detection order.
    pub const ALL: &'static [Dialect] = &[
        Dialect::Onerway,
        Dialect::OnerwayV2,
        Dialect::OpenapiNotify,
        Dialect::AlchemypayV2,
        Dialect::Nobepay,
        Dialect::Upay,
    ];

    /// The dialect's id as used in options and in `event.dialect`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Dialect::Onerway => "onerway",
            Dialect::OpenapiNotify => "openapi-notify",
            Dialect::Upay => "upay",
            Dialect::Nobepay => "nobepay",
            Dialect::OnerwayV2 => "onerway-v2",
            Dialect::AlchemypayV2 => "alchemypay-v2",
        }
    }

    /// Reads a dialect id.
    pub fn parse(name: &str) -> Result<Self> {
        Dialect::ALL
            .iter()
            .copied()
            .find(|d| d.as_str() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Dialect::ALL.iter().map(|d| d.as_str()).collect();
                Error::new(
                    ErrorCode::UnknownDialect,
                    format!(
                        "unknown dialect `{}` (known: {})",
                        crate::json::shorten(name),
                        known.join(", ")
                    ),
                )
            })
    }

    /// True when the dialect's pushes can carry a signature [`crate::Verifier`] checks (for
    /// `upay`, only when the `X-UPA-SIGN` header is present).
    pub const fn is_signed(self) -> bool {
        !matches!(self, Dialect::OpenapiNotify | Dialect::Nobepay)
    }

    /// The signature scheme of a push with these headers; `secrets_given` makes an unsigned-looking
    /// UPay push count as signed (so a missing `X-UPA-SIGN` is an error, not a pass).
    pub fn scheme(self, headers: &Headers, secrets_given: bool) -> Scheme {
        match self {
            Dialect::Onerway => Scheme::Rsa,
            Dialect::OnerwayV2 | Dialect::AlchemypayV2 => Scheme::Hmac,
            Dialect::Upay if secrets_given || headers.get("x-upa-sign").is_some() => Scheme::Hmac,
            Dialect::Upay | Dialect::OpenapiNotify | Dialect::Nobepay => Scheme::Unsigned,
        }
    }

    /// The reply the provider expects once the event is accepted.
    pub const fn ack(self) -> Ack {
        match self {
            Dialect::Onerway | Dialect::OnerwayV2 => Ack {
                status: 200,
                content_type: "application/json",
                body: r#"{"respCode":"20000","respMsg":"success"}"#,
            },
            Dialect::OpenapiNotify => Ack {
                status: 200,
                content_type: "application/json",
                body: r#"{"code":0,"message":"success"}"#,
            },
            Dialect::Upay => Ack {
                status: 200,
                content_type: "text/plain",
                body: "SUCCESS",
            },
            // Only the status is documented; the body is ignored.
            Dialect::Nobepay | Dialect::AlchemypayV2 => Ack {
                status: 200,
                content_type: "text/plain",
                body: "",
            },
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
pub fn detect(headers: &Headers, body: &Object<'_>) -> Result<Dialect> {
    if onerway::matches(headers, body) {
        return Ok(Dialect::Onerway);
    }
    if onerway_v2::matches(headers, body) {
        return Ok(Dialect::OnerwayV2);
    }
    if openapi_notify::matches(headers, body) {
        return Ok(Dialect::OpenapiNotify);
    }
    if alchemypay_v2::matches(headers, body) {
        return Ok(Dialect::AlchemypayV2);
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

/// Decodes a parsed body in `dialect`.
pub(crate) fn decode(
    dialect: Dialect,
    headers: &Headers,
    body: &Object<'_>,
    limits: &Limits,
) -> Result<Decoded> {
    match dialect {
        Dialect::Onerway => onerway::decode(headers, body),
        Dialect::OpenapiNotify => openapi_notify::decode(body, limits),
        Dialect::Upay => upay::decode(body),
        Dialect::Nobepay => nobepay::decode(body),
        Dialect::OnerwayV2 => onerway_v2::decode(body),
        Dialect::AlchemypayV2 => alchemypay_v2::decode(body, limits),
    }
}

/// What an HMAC-signed push of `dialect` signed.
pub(crate) fn hmac_input<'a>(
    dialect: Dialect,
    raw: &'a [u8],
    headers: &'a Headers,
    body: &'a Object,
) -> Result<HmacInput<'a>> {
    match dialect {
        Dialect::OnerwayV2 => onerway_v2::hmac_input(raw, headers),
        Dialect::Upay => upay::hmac_input(raw, body, headers),
        Dialect::AlchemypayV2 => alchemypay_v2::hmac_input(body),
        other => Err(Error::new(
            ErrorCode::Internal,
            format!("{} is not an HMAC dialect", other.as_str()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::HEADERS_READ;

    /// Guards the list the JS side filters by: a header read here but missing from
    /// `HEADERS_READ` would never reach the dialect from JavaScript.
    #[test]
    fn headers_read_lists_every_header_the_dialects_read() {
        let sources = [
            include_str!("mod.rs"),
            include_str!("onerway.rs"),
            include_str!("onerway_v2.rs"),
            include_str!("openapi_notify.rs"),
            include_str!("upay.rs"),
            include_str!("nobepay.rs"),
            include_str!("alchemypay_v2.rs"),
        ];
        let mut found = 0;
        for source in sources {
            for marker in ["get(\"", "header(headers, \""] {
                for (at, _) in source.match_indices(marker) {
                    let rest = source.get(at + marker.len()..).unwrap_or_default();
                    let name = rest.split('"').next().unwrap_or_default();
                    if name.starts_with("x-") {
                        assert!(
                            HEADERS_READ.contains(&name),
                            "header `{name}` is read but not in HEADERS_READ"
                        );
                        found += 1;
                    }
                }
            }
        }
        assert!(found >= 8, "found only {found} header reads");
    }
}
