//! UQPAY card issuing webhooks (<https://docs.uqpay.com/reference/webhooks-overview>,
//! <https://developers.uqpay.com/card-issuance/v1.6/webhooks/transaction>).
//!
//! Envelope: `{version, event_name, event_type, event_id, source_id, data}`. The v1.6 pages send
//! `event_name: "ISSUING"` and the dotted `event_type`; the v1.5.2 pages swap the two, so the
//! dotted value is the type. Signature, sent only when the webhook has a secret:
//! `x-wk-signature` = lowercase hex HMAC of the raw body with that secret. One page says the
//! digest uses SHA-512, another SHA-256: a 128-digit tag is checked as HMAC-SHA512, a 64-digit
//! one as HMAC-SHA256. `x-wk-timestamp` is not signed, so it proves nothing about freshness: no
//! replay window is enforced — dedupe on `event.id`: `sha256:` of the signed body without
//! `event_id` (the pages do not say whether a resent push keeps it). Ack: HTTP 200.

use serde::Serialize;

use crate::dialects::{
    DEFAULT_RETRIES, Ack, Decoded, EventData, HmacInput, Signing, Spec, TypedEvents,
};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Money;
use crate::fields::{Fields, code_enum, content_id};
use crate::headers::{self, Headers};
use crate::json::{Limits, Object, Value};
#[cfg(feature = "signing")]
use crate::signing::{self, SignContext, SignedRequest};
use crate::secret::{HmacAlgorithm, decode_tag_of};

/// The `uqpay` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "uqpay",
    provider: "UQPAY card issuing",
    headers: &[SIGNATURE_HEADER],
    signing: Signing::Hmac {
        input: hmac_input,
        only_with_header: Some(SIGNATURE_HEADER),
    },
    // "Return 200 to acknowledge receipt"; no body is documented.
    ack: Ack::STATUS_ONLY,
    // No schedule is documented.
    retry_after_secs: DEFAULT_RETRIES,
    typed_events: &[TypedEvents {
        types: TRANSACTION_EVENTS,
        data: "UqpayTransaction",
        alias: Some("UqpayTransactionEventType"),
        sample: r#"{"version":"V1.6.0","event_name":"ISSUING","event_type":"issuing.transaction.authorization","event_id":"234fca01-1ace-4d34-baf5-29b10e9d11c0","source_id":"1a53aebf-900c-4e25-9852-b98f4338d94c","data":{"authorization_code":"W6MJU9","billing_amount":"11.5","billing_currency":"USD","card_available_balance":"988.5","card_id":"50418faa-57a8-4ce2-9157-621b00b13a3b","card_number":"40963608****1764","cardholder_id":"25ea804d-7fd5-43d5-8792-0fc0214cdb2f","description":"","fee_pass_through":"Y","merchant_data":[{"category_code":"5734","city":"","country":"","name":"Test Merchant"}],"original_transaction_id":"","posted_time":"2026-04-12T15:27:39.563+08:00","short_transaction_id":"T260412-2AHV51KO5U68","transaction_amount":"10","transaction_currency":"USD","transaction_fee":"1.5","transaction_fee_currency":"USD","transaction_id":"1a53aebf-900c-4e25-9852-b98f4338d94c","transaction_status":"APPROVED","transaction_time":"2026-04-12T15:27:39.48+08:00","transaction_type":"AUTHORIZATION","wallet_type":""}}"#,
    }],
    type_field: Some("event_type"),
    untyped_data: "Record<string, unknown>",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: Some(sign),
};

const SIGNATURE_HEADER: &str = "x-wk-signature";

/// The issuing transaction events (the v1.6 transaction page, and `declined` from v1.5.2).
pub const TRANSACTION_EVENTS: &[&str] = &[
    "issuing.transaction.authorization",
    "issuing.transaction.reversal",
    "issuing.transaction.refund",
    "issuing.transaction.settlement.credit",
    "issuing.transaction.settlement.debit",
    "issuing.transaction.settlement.reversal",
    "issuing.transaction.fund.collection",
    "issuing.transaction.fund.transfer",
    "issuing.transaction.validation",
    "issuing.transaction.atm.deposit",
    "issuing.transaction.chargeback.credit",
    "issuing.transaction.chargeback.debit",
    "issuing.transaction.declined",
];

/// The typed data of a UQPAY event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per request
pub enum Data {
    /// An issuing transaction.
    Transaction(Transaction),
    /// An event this library does not type: `data` as received.
    Untyped(Object<'static>),
}

code_enum! {
    /// Outcome of a transaction (`transaction_status`).
    #[cfg_attr(feature = "typescript", ts(rename = "UqpayTransactionStatus"))]
    TransactionStatus {
        /// `APPROVED`.
        Approved = "APPROVED" <= ["APPROVED"],
        /// `DECLINED`.
        Declined = "DECLINED" <= ["DECLINED"],
    }
}

/// The merchant of a transaction (an entry of `merchant_data`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UqpayMerchant"))]
pub struct Merchant {
    /// Merchant category code.
    pub category_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Name.
    pub name: Option<String>,
}

/// An issuing transaction event's `data`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UqpayTransaction"))]
pub struct Transaction {
    /// Transaction id.
    pub transaction_id: Option<String>,
    /// Short transaction id.
    pub short_transaction_id: Option<String>,
    /// The transaction this one follows (a reversal's or refund's original).
    pub original_transaction_id: Option<String>,
    /// Transaction type as sent (`AUTHORIZATION`, …).
    pub transaction_type: Option<String>,
    /// Outcome.
    pub transaction_status: Option<TransactionStatus>,
    /// `transaction_status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode | null"))]
    pub transaction_status_raw: Option<Value<'static>>,
    /// Authorization code.
    pub authorization_code: Option<String>,
    /// `billing_amount` with `billing_currency`: what the card is charged.
    pub billing_amount: Option<Money>,
    /// `transaction_amount` with `transaction_currency`: what the merchant asked.
    pub transaction_amount: Option<Money>,
    /// `transaction_fee` with `transaction_fee_currency`.
    pub transaction_fee: Option<Money>,
    /// `card_available_balance` (in the billing currency).
    pub card_available_balance: Option<Money>,
    /// Card id.
    pub card_id: Option<String>,
    /// Masked card number.
    pub card_number: Option<String>,
    /// Cardholder id.
    pub cardholder_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `fee_pass_through` (`Y`/`N`) as sent.
    pub fee_pass_through: Option<String>,
    /// The merchants in `merchant_data` (a list; one object is read as a list of one).
    pub merchants: Vec<Merchant>,
    /// Transaction time as sent (ISO 8601 with offset).
    pub transaction_time: Option<String>,
    /// Posting time as sent (ISO 8601 with offset).
    pub posted_time: Option<String>,
    /// Wallet type, when sent.
    pub wallet_type: Option<String>,
}

/// True when the push carries UQPAY's signature header or has its envelope.
fn matches(headers: &Headers, body: &Object<'_>) -> bool {
    headers.get(SIGNATURE_HEADER).is_some()
        || (body.has("event_id")
            && body.has("event_name")
            && body.has("event_type")
            && body.has("source_id"))
}

/// The signed input (the raw body) and the tag; the hash is told by the tag's length.
fn hmac_input<'a>(
    raw: &'a str,
    headers: &'a Headers,
    _body: &'a Object<'a>,
) -> Result<HmacInput<'a>> {
    let text = headers::required(headers, SIGNATURE_HEADER)?.trim();
    let algorithm = match text.len() {
        128 => HmacAlgorithm::Sha512,
        64 => HmacAlgorithm::Sha256,
        n => {
            return Err(Error::new(
                ErrorCode::InvalidSignatureEncoding,
                format!(
                    "`x-wk-signature` has {n} characters: expected the hex of an HMAC-SHA512 (128) or HMAC-SHA256 (64)"
                ),
            ));
        }
    };
    Ok(HmacInput {
        algorithm,
        parts: vec![raw.as_bytes()],
        tag: decode_tag_of(text, algorithm.tag_len(), true, false)?,
        timestamp_ms: None,
    })
}

/// The event type: whichever of `event_type` and `event_name` is dotted (`event_type` when
/// neither or both are).
fn event_type(env: &Fields<'_>) -> Result<String> {
    let event_type = env.str("event_type")?;
    let event_name = env.str("event_name")?;
    let dotted = |s: &Option<String>| s.as_deref().is_some_and(|s| s.contains('.'));
    if !dotted(&event_type) && dotted(&event_name) {
        return Ok(event_name.unwrap_or_default());
    }
    env.required("event_type", event_type)
}

/// Reads one `merchant_data` entry.
fn merchant(value: &Value<'_>, path: &str) -> Result<Merchant> {
    let Value::Object(obj) = value else {
        return Err(Error::invalid_field(path, "an object"));
    };
    let f = Fields::new(obj, "data.merchant_data.");
    Ok(Merchant {
        category_code: f.id("category_code")?,
        city: f.str("city")?,
        country: f.str("country")?,
        name: f.str("name")?,
    })
}

/// Reads an issuing transaction's `data`.
fn transaction(f: &Fields<'_>) -> Result<Transaction> {
    let status = f.code("transaction_status")?;
    let merchants = match f.get("merchant_data") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| merchant(item, "data.merchant_data[]"))
            .collect::<Result<_>>()?,
        Some(one) => vec![merchant(one, "data.merchant_data")?],
    };
    Ok(Transaction {
        transaction_id: f.id("transaction_id")?,
        short_transaction_id: f.id("short_transaction_id")?,
        original_transaction_id: f.id("original_transaction_id")?,
        transaction_type: f.str("transaction_type")?,
        transaction_status: status
            .as_ref()
            .map(|(code, _)| TransactionStatus::from_code(code)),
        transaction_status_raw: status.map(|(_, raw)| raw),
        authorization_code: f.id("authorization_code")?,
        billing_amount: f.money("billing_amount", "billing_currency")?,
        transaction_amount: f.money("transaction_amount", "transaction_currency")?,
        transaction_fee: f.money("transaction_fee", "transaction_fee_currency")?,
        card_available_balance: f.money("card_available_balance", "billing_currency")?,
        card_id: f.id("card_id")?,
        card_number: f.str("card_number")?,
        cardholder_id: f.id("cardholder_id")?,
        description: f.str("description")?,
        fee_pass_through: f.str("fee_pass_through")?,
        merchants,
        transaction_time: f.str("transaction_time")?,
        posted_time: f.str("posted_time")?,
        wallet_type: f.str("wallet_type")?,
    })
}

/// Decodes the body; the signature (where there is one) covers every property.
fn decode(_headers: &Headers, body: &Object<'_>, _limits: &Limits) -> Result<Decoded> {
    let env = Fields::new(body, "");
    let event_type = event_type(&env)?;
    // Required as the envelope's mark, but not the id: the pages call `event_id` "a unique
    // identifier for this event" without saying whether a resent push keeps it. The rest of the
    // signed body names the event: `source_id` (the transaction, or the card order) and `data`.
    env.required("event_id", env.id("event_id")?)?;
    let id = content_id(body, &["event_id"]);
    let data = env.object("data")?;
    let typed = if TRANSACTION_EVENTS.contains(&event_type.as_str()) {
        Data::Transaction(transaction(&Fields::new(
            env.required("data", data)?,
            "data.",
        ))?)
    } else {
        Data::Untyped(data.map(|o| o.clone().into_owned()).unwrap_or_default())
    };
    Ok(Decoded::new(event_type, Some(id), EventData::Uqpay(typed)))
}

/// The push as UQPAY sends it: the payload text as given, `x-wk-timestamp` (Unix seconds, now,
/// unsigned) and `x-wk-signature` = lowercase hex HMAC-SHA512 of the body.
#[cfg(feature = "signing")]
fn sign(_body: &Object<'_>, text: &str, context: &SignContext<'_>) -> Result<SignedRequest> {
    let secret = context.secret(SPEC.id)?;
    let tag = secret.sign_with(HmacAlgorithm::Sha512, &[text.as_bytes()]);
    Ok(SignedRequest {
        body: text.to_owned(),
        headers: vec![
            signing::header("Content-Type", "application/json"),
            signing::header("x-wk-timestamp", context.now_ms.div_euclid(1000).to_string()),
            signing::header("x-wk-signature", crate::signature::encode_hex(&tag)),
        ],
    })
}

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(types: &mut impl ts_rs::TypeVisitor) {
    types.visit::<Transaction>();
}
