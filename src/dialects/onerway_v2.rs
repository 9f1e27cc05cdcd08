//! Onerway Issuing's current push (<https://docs.onerway.com/issuing/issuing-api/webhooks>).
//!
//! Envelope: `{request_id, event_type, created_at, version, data}` with `event_type`
//! `issuing.cardOperateEvent` | `issuing.cardTransactionEvent`; `data` is typed like the legacy
//! push's events. Signature: headers `x-timestamp` (Unix seconds) and `x-signature` =
//! hex(HMAC-SHA256(secret, `x-timestamp + "." + raw_body`)), with a replay window.
//! `event.id`: `request_id`, which the provider documents as the "unique event identifier for
//! deduplication": it names the event, and the body holding it is signed. Ack: HTTP 200 with `{"respCode":"20000","respMsg":"success"}`
//! (anything else is retried every 15 s, up to 10 times).

use crate::dialects::{Decoded, EventData, HmacInput, Signing, Spec, TypedEvents, onerway};
use crate::error::Result;
use crate::fields::Fields;
use crate::headers::{self, Headers};
use crate::json::{Limits, Object};
#[cfg(feature = "signing")]
use crate::signing::{self, SignContext, SignedRequest};
use crate::secret::{HmacAlgorithm, decode_tag};

/// The `onerway-v2` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "onerway-v2",
    provider: "Onerway Issuing, current push",
    headers: &["x-timestamp", "x-signature"],
    signing: Signing::Hmac {
        input: hmac_input,
        only_with_header: None,
    },
    ack: onerway::ACK,
    // "Retried every 15 seconds, up to 10 times" (the provider's webhooks page).
    retry_after_secs: &[15; 10],
    typed_events: &[
        TypedEvents {
            types: &[CARD_OPERATE_EVENT],
            data: "OnerwayCardOperateRecord",
            alias: None,
            sample: r#"{"request_id":"req_01J0000000000000000000","event_type":"issuing.cardOperateEvent","created_at":"2026-01-01T00:00:00Z","version":"v1","data":{"operateRecordId":300001,"cardId":100001,"clientRequestId":"REQ_2","type":"DEPOSIT","status":"S","amount":250.00,"currency":"USD","feeList":[{"feeAmount":2.50,"feeCurrency":"USD","feeType":"DEPOSIT_FEE"}]}}"#,
        },
        TypedEvents {
            types: &[CARD_TRANSACTION_EVENT],
            data: "OnerwayTransaction",
            alias: None,
            sample: r#"{"request_id":"req_02","event_type":"issuing.cardTransactionEvent","created_at":"2026-01-01T00:00:00Z","version":"v1","data":{"txnType":"AUTHORIZATION","txnStatus":"S","txnOrderNo":"TXN2","cardNo":"411111******1111","transactionAmount":12.34,"transactionCurrency":"EUR","merchantName":"Cafe","transactionTime":1767225599000}}"#,
        },
    ],
    type_field: Some("event_type"),
    untyped_data: "Record<string, unknown>",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: Some(sign),
};

/// The push as Onerway sends it: the payload text as given, `x-timestamp` (Unix seconds, now) and
/// `x-signature` = hex HMAC of `x-timestamp.body`.
#[cfg(feature = "signing")]
fn sign(_body: &Object<'_>, text: &str, context: &SignContext<'_>) -> Result<SignedRequest> {
    let secret = context.secret(SPEC.id)?;
    let timestamp = context.now_ms.div_euclid(1000).to_string();
    let signature = signing::hmac_hex(secret, &[timestamp.as_bytes(), b".", text.as_bytes()]);
    Ok(SignedRequest {
        body: text.to_owned(),
        headers: vec![
            signing::header("Content-Type", "application/json"),
            signing::header("x-timestamp", timestamp),
            signing::header("x-signature", signature),
        ],
    })
}

/// The same typed data as the legacy push's.
pub type Data = onerway::Data;

/// `event_type` of card operations.
pub const CARD_OPERATE_EVENT: &str = "issuing.cardOperateEvent";
/// `event_type` of card transactions.
pub const CARD_TRANSACTION_EVENT: &str = "issuing.cardTransactionEvent";

/// True when the body has this dialect's envelope.
fn matches(headers: &Headers, body: &Object<'_>) -> bool {
    (body.has("request_id") && body.has("event_type"))
        || (headers.get("x-signature").is_some() && headers.get("x-timestamp").is_some())
}

/// The signed input (`x-timestamp.raw_body`), the tag and the timestamp.
fn hmac_input<'a>(
    raw: &'a str,
    headers: &'a Headers,
    _body: &'a Object<'a>,
) -> Result<HmacInput<'a>> {
    let (timestamp, seconds) = headers::required_integer(headers, "x-timestamp", "Unix seconds")?;
    let tag = decode_tag(headers::required(headers, "x-signature")?, true, false)?;
    Ok(HmacInput {
        algorithm: HmacAlgorithm::Sha256,
        parts: vec![timestamp.as_bytes(), b".", raw.as_bytes()],
        tag,
        timestamp_ms: Some(seconds.saturating_mul(1000)),
    })
}

/// Decodes the body; the dialect's signature (where it has one) covers every property.
fn decode(_headers: &Headers, body: &Object<'_>, _limits: &Limits) -> Result<Decoded> {
    let env = Fields::new(body, "");
    let request_id = env.required("request_id", env.id("request_id")?)?;
    let event_type = env.required("event_type", env.str("event_type")?)?;
    let data = env.object("data")?;
    let typed = match event_type.as_str() {
        CARD_OPERATE_EVENT => {
            let data = env.required("data", data)?;
            onerway::Data::CardOperateRecord(onerway::card_operate_record(&Fields::new(
                data, "data.",
            ))?)
        }
        CARD_TRANSACTION_EVENT => {
            let data = env.required("data", data)?;
            onerway::Data::Transaction(onerway::transaction(&Fields::new(data, "data."))?)
        }
        _ => onerway::Data::Untyped(data.map(|o| o.clone().into_owned()).unwrap_or_default()),
    };
    Ok(Decoded::new(
        event_type,
        Some(request_id),
        EventData::OnerwayV2(typed),
    ))
}

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(_types: &mut impl ts_rs::TypeVisitor) {
}
