//! AlchemyPay VCC v2 webhooks (<https://alchemypay.readme.io/docs/vcc-v2-webhook-event-notification>).
//!
//! Envelope: `{eventId, eventType, data, sign}` where `data` is a JSON **string**; `eventType` is
//! `card.create`, `card.recharge`, `card.withdraw`, `card.cancel` or `card.activation`.
//! Signature: `sign` = HMAC-SHA256(secret, the `data` string as received), hex or Base64. No
//! timestamp is signed, so there is no replay window: dedupe on `eventId`.
//! What the signature covers: only the `data` string. The envelope's `eventId` and `eventType` are
//! not signed, so a changed `eventId` could defeat deduplication and a changed `eventType` could
//! present one event as another. Hence `event.id` is `sha256:` + the hex SHA-256 of the signed
//! `data` string (the provider documents no identifying field inside `data`), identical for
//! every delivery of the same event; `event.type` is the envelope's `eventType`, listed in
//! `event.unsigned` with `payload` (which holds the unsigned envelope). Ack: HTTP 200.

use serde::Serialize;

use sha2::Digest as _;

use crate::dialects::{Decoded, HmacInput, embedded_object};
use crate::error::{Error, ErrorCode, Result};
use crate::event::{EventData, Fields, Headers, Property};
use crate::json::{Limits, Object, Value};
use crate::secret::decode_tag;

/// An AlchemyPay VCC v2 event: `data` decoded from its JSON string, fields as received (the
/// provider does not publish per-event field lists).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlchemypayEvent {
    /// The decoded `data` object.
    pub event_data: Object<'static>,
}

/// True when the body has this dialect's envelope.
pub(crate) fn matches(_headers: &Headers, body: &Object<'_>) -> bool {
    body.has("eventId")
        && body.has("eventType")
        && body.has("sign")
        && matches!(body.get("data"), Some(Value::String(_)))
}

/// The signed message (the `data` string) and the tag.
pub(crate) fn hmac_input<'a>(body: &'a Object<'_>) -> Result<HmacInput<'a>> {
    let data = match body.get("data") {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => return Err(Error::missing_field("data")),
        Some(_) => return Err(Error::invalid_field("data", "a JSON string")),
    };
    let tag = match body.get("sign") {
        Some(Value::String(s)) => decode_tag(s, true, true)?,
        None | Some(Value::Null) => {
            return Err(Error::new(
                ErrorCode::MissingSignature,
                "body has no `sign` field",
            ));
        }
        Some(other) => {
            return Err(Error::new(
                ErrorCode::InvalidSignatureEncoding,
                format!("`sign` is {}, not a string", other.type_name()),
            ));
        }
    };
    Ok(HmacInput {
        parts: vec![data.as_bytes()],
        tag,
        timestamp_ms: None,
    })
}

/// The idempotency key of a push: `sha256:` and the hex digest of its signed `data` string.
pub fn event_id(data: &str) -> String {
    let digest = sha2::Sha256::digest(data.as_bytes());
    format!("sha256:{}", crate::signature::encode_hex(&digest))
}

/// Decodes the body; `type` comes from the unsigned envelope, `id` from the signed `data`.
pub(crate) fn decode(body: &Object<'_>, limits: &Limits) -> Result<Decoded> {
    let env = Fields::new(body, "");
    let event_type = env.required("eventType", env.str("eventType")?)?;
    let text = env.required("data", env.str("data")?)?;
    let event_data = embedded_object(&text, "data", limits)?.into_owned();
    Ok(Decoded {
        event_type,
        id: Some(event_id(&text)),
        data: EventData::AlchemypayV2(AlchemypayEvent { event_data }),
        unsigned: vec![Property::Type, Property::Payload],
    })
}
