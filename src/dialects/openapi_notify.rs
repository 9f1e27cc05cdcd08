//! OPEN-API card platform notifications (the platform's Apifox pages "Webhook" and
//! "Card Notify → Card Trade"; card events from "Card Notify → Card",
//! <https://ckg2erttlk.apifox.cn/80710370f0>).
//!
//! Envelope: `{notify_id, customer_id, event, event_data}` where `event_data` is a JSON **string**
//! holding the event object (double-encoded); an object is accepted too, and `eventDataEncoding`
//! says which arrived. Signature: none documented. `event.id`: `sha256:` of the body without
//! `notify_id` (documented as the unique event id; retries are not documented, so neither is
//! whether a resent notification keeps it); `notify_id` stays in `data`.
//! Ack: HTTP 200 with `{"code":0,"message":"success"}`.
//! `type`, `result` and card `status` are undocumented integers: kept raw, never named.

use serde::Serialize;

use crate::dialects::{DEFAULT_RETRIES, Ack, Decoded, EventData, Signing, Spec, TypedEvents};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Money;
use crate::fields::{Fields, content_id, embedded_object};
use crate::headers::Headers;
use crate::json::{Limits, Object, Value};

/// The `openapi-notify` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "openapi-notify",
    provider: "OPEN-API card platform",
    headers: &[],
    signing: Signing::Unsigned,
    ack: Ack {
        status: 200,
        content_type: "application/json",
        body: r#"{"code":0,"message":"success"}"#,
    },
    // No schedule is documented.
    retry_after_secs: DEFAULT_RETRIES,
    typed_events: &[
        TypedEvents {
            types: CARD_TRANSACTION_EVENTS,
            data: "OpenapiCardTransaction",
            alias: Some("OpenapiCardTransactionEvent"),
            sample: r#"{"notify_id":"1ef936cbdbbc42189db340418ab70648","customer_id":10001320,"event":"card.transaction.authorize.success","event_data":"{\"customer_id\":10001320,\"app_id\":100036,\"flow_id\":\"V7VU9M\",\"bin_id\":\"bid_Cwn7U0jVx4x124ew\",\"origin_order_id\":\"\",\"merchant\":\"aliexpress\",\"type\":1,\"card_id\":\"cid_k7KmWwSf1m6TgPxE\",\"card_no\":\"4474200014689926\",\"auth_amount\":1.54,\"auth_currency\":\"USD\",\"auth_at\":\"2025-07-18 06:27:10\",\"trade_amount\":1.54,\"trade_currency\":\"USD\",\"trade_at\":\"2025-07-18 06:27:10\",\"settle_amount\":0,\"settle_currency\":\"USD\",\"settle_at\":\"\",\"settle_fee\":0,\"is_cross\":0,\"result\":1,\"mark\":\"Approved or completed successfully\"}"}"#,
        },
        TypedEvents {
            types: CARD_STATUS_EVENTS,
            data: "OpenapiCardStatus",
            alias: Some("OpenapiCardStatusEvent"),
            sample: r#"{"notify_id":"s-active","customer_id":10001320,"event":"card.status.active","event_data":"{\"card_id\":\"cid_1\",\"order_id\":\"o1\",\"out_order_id\":\"oo1\",\"app_id\":100036,\"bin_id\":\"bid_1\",\"holder_id\":\"h1\",\"card_no\":\"4474200014689926\",\"balance\":12.30,\"limit\":500.00,\"expiry\":\"07/29\",\"cvv\":\"123\",\"pin\":\"0000\",\"status\":2,\"use_at\":\"2025-07-18 06:27:10\",\"close_at\":\"\",\"end_at\":\"\",\"mark\":\"ok\"}"}"#,
        },
    ],
    type_field: Some("event"),
    untyped_data: "OpenapiGeneric",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: None,
};

/// The typed data of an openapi-notify event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per request
pub enum Data {
    /// A `card.transaction.*` event.
    CardTransaction(CardTransaction),
    /// A `card.status.*` event.
    CardStatus(CardStatus),
    /// Any other notification.
    Generic(Generic),
}

/// The ten card transaction event tags (the platform's "Card Trade" page).
pub const CARD_TRANSACTION_EVENTS: &[&str] = &[
    "card.transaction.authorize.success",
    "card.transaction.authorize.fail",
    "card.transaction.authorize.reversal",
    "card.transaction.authorize.settled",
    "card.transaction.refund.success",
    "card.transaction.fee.success",
    "card.transaction.fee.settled",
    "card.transaction.atm.success",
    "card.transaction.service.success",
    "card.transaction.otp",
];

/// The seven card status event tags.
pub const CARD_STATUS_EVENTS: &[&str] = &[
    "card.status.active",
    "card.status.freeze",
    "card.status.unfreeze",
    "card.status.closing",
    "card.status.closed",
    "card.status.lost",
    "card.status.replace",
];

/// The envelope fields every openapi-notify event carries.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "OpenapiEnvelope"))]
pub struct Envelope {
    /// `notify_id`: unique per notification.
    pub notify_id: String,
    /// `customer_id` (a Java `Long`, kept as exact text).
    pub customer_id: Option<String>,
    /// How `event_data` arrived: `"string"` (double-encoded, as documented) or `"object"`.
    #[cfg_attr(feature = "typescript", ts(type = "'string' | 'object'"))]
    pub event_data_encoding: &'static str,
}

/// A `card.transaction.*` event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "OpenapiCardTransaction"))]
pub struct CardTransaction {
    /// Envelope fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `flow_id`: the bill id.
    pub flow_id: String,
    /// `app_id`.
    pub app_id: Option<String>,
    /// `bin_id`.
    pub bin_id: Option<String>,
    /// `origin_order_id` (may be empty).
    pub origin_order_id: Option<String>,
    /// `merchant`: the trading merchant.
    pub merchant: Option<String>,
    /// `type`: bill type, an undocumented integer kept raw.
    #[serde(rename = "type")]
    pub bill_type: i64,
    /// `card_id`.
    pub card_id: String,
    /// `card_no`.
    pub card_no: Option<String>,
    /// `auth_amount` with `auth_currency`.
    pub auth_amount: Option<Money>,
    /// `auth_at` as sent (`"2025-07-18 06:27:10"`).
    pub auth_at: Option<String>,
    /// `trade_amount` with `trade_currency`.
    pub trade_amount: Option<Money>,
    /// `trade_at` as sent.
    pub trade_at: Option<String>,
    /// `settle_amount` with `settle_currency`.
    pub settle_amount: Option<Money>,
    /// `settle_at` as sent; `null` when empty (not yet settled).
    pub settle_at: Option<String>,
    /// `settle_fee`, exact decimal text.
    pub settle_fee: Option<String>,
    /// `is_cross`, an undocumented integer kept raw.
    pub is_cross: Option<i64>,
    /// `result`: bill status, an undocumented integer kept raw.
    pub result: i64,
    /// `mark`: remark.
    pub mark: Option<String>,
}

/// A `card.status.*` event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "OpenapiCardStatus"))]
pub struct CardStatus {
    /// Envelope fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `card_id`.
    pub card_id: String,
    /// `order_id`.
    pub order_id: Option<String>,
    /// `out_order_id`.
    pub out_order_id: Option<String>,
    /// `app_id`.
    pub app_id: Option<String>,
    /// `bin_id`.
    pub bin_id: Option<String>,
    /// `holder_id`.
    pub holder_id: Option<String>,
    /// `card_no`.
    pub card_no: Option<String>,
    /// `balance`, exact decimal text (no currency is sent).
    pub balance: Option<String>,
    /// `limit`, exact decimal text.
    pub limit: Option<String>,
    /// `expiry` as `MM/YY`.
    pub expiry: Option<String>,
    /// `cvv` as sent (sensitive: do not log).
    pub cvv: Option<String>,
    /// `pin` as sent (sensitive: do not log).
    pub pin: Option<String>,
    /// `status`: card status, an undocumented integer kept raw.
    pub status: i64,
    /// `use_at` as sent.
    pub use_at: Option<String>,
    /// `close_at` as sent.
    pub close_at: Option<String>,
    /// `end_at` as sent.
    pub end_at: Option<String>,
    /// `mark`: remark.
    pub mark: Option<String>,
}

/// Any other notification (Order, Payee, Payment, Wallet): the envelope and `event_data` as received.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "OpenapiGeneric"))]
pub struct Generic {
    /// Envelope fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The decoded `event_data` object, fields as received.
    #[cfg_attr(feature = "typescript", ts(type = "Record<string, unknown>"))]
    pub event_data: Object<'static>,
}

/// True when the body has this dialect's envelope.
fn matches(_headers: &Headers, body: &Object<'_>) -> bool {
    body.has("notify_id") && body.has("event_data")
}

/// Decodes `event_data`: a JSON string holding an object (or, leniently, an object).
fn event_data<'a>(body: &'a Object<'_>, limits: &Limits) -> Result<(Object<'a>, &'static str)> {
    match body.get("event_data") {
        None | Some(Value::Null) => Err(Error::missing_field("event_data")),
        Some(Value::Object(obj)) => Ok((obj.clone(), "object")),
        Some(Value::String(text)) => Ok((embedded_object(text, "event_data", limits)?, "string")),
        Some(other) => Err(Error::new(
            ErrorCode::MalformedEventData,
            format!(
                "event_data is {}, not a JSON string or object",
                other.type_name()
            ),
        )),
    }
}

/// Decodes the body; the dialect's signature (where it has one) covers every property.
fn decode(_headers: &Headers, body: &Object<'_>, limits: &Limits) -> Result<Decoded> {
    let env = Fields::new(body, "");
    let notify_id = env.required("notify_id", env.id("notify_id")?)?;
    let event = env.required("event", env.str("event")?)?;
    let customer_id = env.id("customer_id")?;
    let (data, encoding) = event_data(body, limits)?;
    let envelope = Envelope {
        notify_id,
        customer_id,
        event_data_encoding: encoding,
    };
    let f = Fields::new(&data, "event_data.");
    let typed = if CARD_TRANSACTION_EVENTS.contains(&event.as_str()) {
        Data::CardTransaction(card_transaction(&f, envelope)?)
    } else if CARD_STATUS_EVENTS.contains(&event.as_str()) {
        Data::CardStatus(card_status(&f, envelope)?)
    } else {
        Data::Generic(Generic {
            envelope,
            event_data: data.clone().into_owned(),
        })
    };
    Ok(Decoded::new(
        event,
        Some(content_id(body, &["notify_id"])),
        EventData::OpenapiNotify(typed),
    ))
}

fn card_transaction(f: &Fields<'_>, envelope: Envelope) -> Result<CardTransaction> {
    Ok(CardTransaction {
        envelope,
        flow_id: f.required("flow_id", f.id("flow_id")?)?,
        app_id: f.id("app_id")?,
        bin_id: f.id("bin_id")?,
        origin_order_id: f.id("origin_order_id")?,
        merchant: f.str("merchant")?,
        bill_type: f.required("type", f.int("type")?)?,
        card_id: f.required("card_id", f.id("card_id")?)?,
        card_no: f.id("card_no")?,
        auth_amount: f.money("auth_amount", "auth_currency")?,
        auth_at: f.str("auth_at")?,
        trade_amount: f.money("trade_amount", "trade_currency")?,
        trade_at: f.str("trade_at")?,
        settle_amount: f.money("settle_amount", "settle_currency")?,
        settle_at: f.str("settle_at")?.filter(|s| !s.is_empty()),
        settle_fee: f.decimal("settle_fee")?,
        is_cross: f.int("is_cross")?,
        result: f.required("result", f.int("result")?)?,
        mark: f.str("mark")?,
    })
}

fn card_status(f: &Fields<'_>, envelope: Envelope) -> Result<CardStatus> {
    Ok(CardStatus {
        envelope,
        card_id: f.required("card_id", f.id("card_id")?)?,
        order_id: f.id("order_id")?,
        out_order_id: f.id("out_order_id")?,
        app_id: f.id("app_id")?,
        bin_id: f.id("bin_id")?,
        holder_id: f.id("holder_id")?,
        card_no: f.id("card_no")?,
        balance: f.decimal("balance")?,
        limit: f.decimal("limit")?,
        expiry: f.str("expiry")?,
        cvv: f.id("cvv")?,
        pin: f.id("pin")?,
        status: f.required("status", f.int("status")?)?,
        use_at: f.str("use_at")?,
        close_at: f.str("close_at")?,
        end_at: f.str("end_at")?,
        mark: f.str("mark")?,
    })
}

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(types: &mut impl ts_rs::TypeVisitor) {
    types.visit::<CardTransaction>();
    types.visit::<CardStatus>();
    types.visit::<Generic>();
}
