//! AlchemyPay VCC v2 webhooks (<https://alchemypay.readme.io/docs/vcc-v2-webhook-event-notification>).
//!
//! Envelope: `{eventId, eventType, data, sign}` where `data` is a JSON **string**; `eventType` is
//! `card.create`, `card.recharge`, `card.withdraw`, `card.cancel` or `card.activation`.
//! Signature: `sign` = HMAC-SHA256(secret, the `data` string as received), hex or Base64. No
//! timestamp is signed, so there is no replay window: dedupe on `event.id`.
//! What the signature covers: only the `data` string. The envelope's `eventId` and `eventType` are
//! not signed, so a changed `eventId` could defeat deduplication and a changed `eventType` could
//! present one event as another. Hence `event.id` is `sha256:` + the hex SHA-256 of the signed
//! `data` string (the provider's field lists differ by event and name no field that identifies
//! every event), identical for
//! every delivery of the same event; `event.type` is the envelope's `eventType`, listed in
//! `event.unsigned` with `payload` (which holds the unsigned envelope). Ack: HTTP 200.

use serde::Serialize;

use crate::dialects::{DEFAULT_RETRIES, Ack, Decoded, EventData, HmacInput, Signing, Spec, TypedEvents};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Property;
use crate::fields::{Fields, digest_id, embedded_object};
use crate::headers::Headers;
use crate::json::{Limits, Object, Value};
#[cfg(feature = "signing")]
use crate::signing::{self, SignContext, SignedRequest};
use crate::secret::{HmacAlgorithm, decode_tag};

/// The `alchemypay-v2` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "alchemypay-v2",
    provider: "AlchemyPay VCC v2",
    headers: &[],
    signing: Signing::Hmac {
        input: hmac_input,
        only_with_header: None,
    },
    // Only the status is documented; the body is ignored.
    ack: Ack::STATUS_ONLY,
    // No schedule is documented.
    retry_after_secs: DEFAULT_RETRIES,
    typed_events: &[TypedEvents {
        types: &[
            "card.create",
            "card.recharge",
            "card.withdraw",
            "card.cancel",
            "card.activation",
        ],
        data: "AlchemypayEvent",
        alias: None,
        sample: r#"{"eventId":"evt_1","eventType":"card.create","data":"{\"cardNo\":\"4000123412341234\",\"orderNo\":\"A1\",\"amount\":\"10.00\",\"currency\":\"USD\",\"status\":\"SUCCESS\"}"}"#,
    }],
    type_field: Some("eventType"),
    untyped_data: "AlchemypayEvent",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: Some(sign),
};

/// The push as AlchemyPay sends it: the envelope with `data` as a JSON string (an object payload
/// is written compactly) and `sign` = hex HMAC of that string.
#[cfg(feature = "signing")]
fn sign(body: &Object<'_>, _text: &str, context: &SignContext<'_>) -> Result<SignedRequest> {
    let secret = context.secret(SPEC.id)?;
    let data = match body.get("data") {
        Some(Value::String(text)) => text.to_string(),
        Some(object @ Value::Object(_)) => object.to_compact_json(),
        None | Some(Value::Null) => return Err(Error::missing_field("data")),
        Some(_) => return Err(Error::invalid_field("data", "an object or a JSON string")),
    };
    let signature = signing::hmac_hex(secret, &[data.as_bytes()]);
    let mut envelope = body.clone();
    envelope.insert("data", Value::String(data.into()));
    envelope.insert("sign", Value::String(signature.into()));
    Ok(SignedRequest {
        body: Value::Object(envelope).to_compact_json(),
        headers: vec![signing::header("Content-Type", "application/json")],
    })
}

/// The typed data of an AlchemyPay VCC v2 event.
pub type Data = AlchemypayEvent;

/// An AlchemyPay VCC v2 event: `data` decoded from its JSON string, fields as received (the
/// provider does not publish per-event field lists).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "AlchemypayEvent"))]
pub struct AlchemypayEvent {
    /// The decoded `data` object.
    #[cfg_attr(feature = "typescript", ts(type = "Record<string, unknown>"))]
    pub event_data: Object<'static>,
}

/// True when the body has this dialect's envelope. `sign` counts even when null: it marks the
/// envelope, so a null one is reported as MISSING_SIGNATURE rather than read as another dialect.
fn matches(_headers: &Headers, body: &Object<'_>) -> bool {
    body.has("eventId")
        && body.has("eventType")
        && body.contains_key("sign")
        && matches!(body.get("data"), Some(Value::String(_)))
}

/// The signed input (the `data` string) and the tag.
fn hmac_input<'a>(
    _raw: &'a str,
    _headers: &'a Headers,
    body: &'a Object<'a>,
) -> Result<HmacInput<'a>> {
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
        algorithm: HmacAlgorithm::Sha256,
        parts: vec![data.as_bytes()],
        tag,
        timestamp_ms: None,
    })
}

/// The idempotency key of a push: `sha256:` and the hex digest of its signed `data` string.
pub fn event_id(data: &str) -> String {
    digest_id(data)
}

/// Decodes the body; `type` comes from the unsigned envelope, `id` from the signed `data`.
fn decode(_headers: &Headers, body: &Object<'_>, limits: &Limits) -> Result<Decoded> {
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

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(types: &mut impl ts_rs::TypeVisitor) {
    types.visit::<AlchemypayEvent>();
}
