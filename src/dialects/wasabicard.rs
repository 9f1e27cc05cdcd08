//! WasabiCard webhooks (<https://wsb.gitbook.io/wasabicard-doc/api/webhooks.md>; signature rules
//! in <https://wsb.gitbook.io/wasabicard-doc/en/getting-started/quickstart>).
//!
//! Signature: `X-WSB-SIGNATURE` = Base64 of SHA256withRSA, made with the platform's private key
//! over the request body exactly as sent (merchants verify with the platform public key). The
//! headers are not signed: `X-WSB-CATEGORY` names the event category (`card_transaction`, …), so
//! the type comes from the signed body where its shape tells (a card transaction carries
//! `orderNo`, `receivedAmount`, `receivedCurrency` and `type`) and the header is only
//! cross-checked (another category is `INVALID_HEADER`). For a body of another shape the header
//! decides and `event.unsigned` lists `type`. `event.id`: `orderNo:STATUS` for a card
//! transaction (a state change: one push per final result of an order, the status normalised),
//! else `sha256:` of the signed body (the request id header is per delivery and unsigned). Ack: HTTP 200 with `{"success":true,"code":200,"msg":null,"data":null}`;
//! a push is sent 7 times (1 min, 5 min, 20 min, 1 h, 12 h, 24 h apart) until acknowledged.

use serde::Serialize;

use crate::canonical::CanonicalForm;
use crate::dialects::{Ack, Decoded, EventData, RsaInput, Signing, Spec, TypedEvents};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Money, Property};
use crate::fields::{Fields, code_enum, content_id};
use crate::headers::{self, Headers};
use crate::json::{Limits, Object, Value};
#[cfg(feature = "signing")]
use crate::signing::{self, SignContext, SignedRequest};

/// The `wasabicard` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "wasabicard",
    provider: "WasabiCard",
    headers: &[SIGNATURE_HEADER, CATEGORY_HEADER],
    signing: Signing::Rsa { input: rsa_input },
    ack: Ack {
        status: 200,
        content_type: "application/json",
        body: r#"{"success":true,"code":200,"msg":null,"data":null}"#,
    },
    // "Sent 7 times with a time interval of 1m, 5m, 20m, 1h, 12h, 24h" (the webhooks page).
    retry_after_secs: &[60, 300, 1200, 3600, 43_200, 86_400],
    typed_events: &[TypedEvents {
        types: &[CARD_TRANSACTION],
        data: "WasabicardCardTransaction",
        alias: None,
        sample: r#"{"orderNo":"1852379830190366720","merchantOrderNo":"T1852379826671345664","cardNo":"23424290324234454242","currency":"USD","amount":15,"fee":0,"receivedAmount":0,"receivedCurrency":"USD","type":"create","status":"success","description":null,"remark":null,"transactionTime":1730476754000}"#,
    }],
    type_field: None,
    untyped_data: "Record<string, unknown>",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: Some(sign),
};

const SIGNATURE_HEADER: &str = "x-wsb-signature";
const CATEGORY_HEADER: &str = "x-wsb-category";

/// `X-WSB-CATEGORY` of card transactions (card operations: create, deposit, cancel, freeze…).
pub const CARD_TRANSACTION: &str = "card_transaction";

/// The typed data of a WasabiCard event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per request
pub enum Data {
    /// A card transaction.
    CardTransaction(CardTransaction),
    /// A category this library does not type: the fields as received.
    Untyped(Object<'static>),
}

code_enum! {
    /// Card operation (`type` of a card transaction).
    #[cfg_attr(feature = "typescript", ts(rename = "WasabicardTransactionType"))]
    TransactionType {
        /// `create`: a card was opened.
        Create = "CREATE" <= ["create"],
        /// `deposit`: money was put on the card.
        Deposit = "DEPOSIT" <= ["deposit"],
        /// `cancel`: the card was cancelled.
        Cancel = "CANCEL" <= ["cancel"],
        /// `Freeze`: the card was frozen.
        Freeze = "FREEZE" <= ["Freeze", "freeze"],
        /// `UnFreeze`: the card was unfrozen.
        Unfreeze = "UNFREEZE" <= ["UnFreeze", "unfreeze", "Unfreeze"],
    }
}

code_enum! {
    /// Outcome of a card transaction (`status`).
    #[cfg_attr(feature = "typescript", ts(rename = "WasabicardStatus"))]
    Status {
        /// `wait_process`: pending.
        Pending = "PENDING" <= ["wait_process"],
        /// `processing`.
        Processing = "PROCESSING" <= ["processing"],
        /// `success`.
        Success = "SUCCESS" <= ["success"],
        /// `fail`.
        Failed = "FAILED" <= ["fail"],
    }
}

/// A `card_transaction` push: the final result of a card operation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "WasabicardCardTransaction"))]
pub struct CardTransaction {
    /// Platform order number (a long number, kept as exact text).
    pub order_no: String,
    /// The merchant's order number.
    pub merchant_order_no: Option<String>,
    /// Bank card id.
    pub card_no: Option<String>,
    /// `amount` with `currency`.
    pub amount: Money,
    /// `fee` with `currency`.
    pub fee: Option<Money>,
    /// `receivedAmount` with `receivedCurrency`.
    pub received_amount: Option<Money>,
    /// The card operation.
    #[serde(rename = "type")]
    pub transaction_type: Option<TransactionType>,
    /// `type` as sent.
    #[serde(rename = "typeRaw")]
    #[cfg_attr(feature = "typescript", ts(type = "RawCode | null"))]
    pub transaction_type_raw: Option<Value<'static>>,
    /// The outcome.
    pub status: Status,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
    /// Description.
    pub description: Option<String>,
    /// Remark.
    pub remark: Option<String>,
    /// Transaction time, epoch milliseconds.
    pub transaction_time: Option<i64>,
}

/// True when the push carries WasabiCard's signature header.
fn matches(headers: &Headers, _body: &Object<'_>) -> bool {
    headers.get(SIGNATURE_HEADER).is_some()
}

/// The signed string (the raw body) and `X-WSB-SIGNATURE`.
fn rsa_input<'a>(
    raw: &'a str,
    headers: &'a Headers,
    _body: &'a Object<'a>,
    _form: CanonicalForm,
) -> Result<RsaInput<'a>> {
    Ok(RsaInput {
        signed_input: raw.into(),
        signature: headers::required(headers, SIGNATURE_HEADER)?,
    })
}

/// True when the body has a card transaction's shape (signed fields only).
fn is_card_transaction(body: &Object<'_>) -> bool {
    body.has("orderNo")
        && body.has("receivedAmount")
        && body.has("receivedCurrency")
        && body.has("type")
}

/// The event type and whether only the unsigned header said it.
fn event_type(headers: &Headers, body: &Object<'_>) -> Result<(String, bool)> {
    let said = headers.single(CATEGORY_HEADER)?.map(str::trim);
    if said == Some("") {
        return Err(Error::new(
            ErrorCode::InvalidHeader,
            "`X-WSB-CATEGORY` is empty",
        ));
    }
    if is_card_transaction(body) {
        if let Some(said) = said.filter(|s| *s != CARD_TRANSACTION) {
            return Err(Error::new(
                ErrorCode::InvalidHeader,
                format!(
                    "`X-WSB-CATEGORY` says `{}` but the signed body is a card transaction",
                    crate::json::shorten(said)
                ),
            ));
        }
        return Ok((CARD_TRANSACTION.to_owned(), false));
    }
    match said {
        Some(category) => Ok((category.to_owned(), true)),
        None => Err(Error::new(
            ErrorCode::MissingHeader,
            "missing the `X-WSB-CATEGORY` header: the body's shape does not tell the event type",
        )),
    }
}

/// Reads a card transaction.
fn card_transaction(f: &Fields<'_>) -> Result<CardTransaction> {
    let currency = f.str("currency")?;
    let with_currency = |amount: Option<String>| {
        amount.map(|amount| Money {
            amount,
            currency: currency.clone(),
        })
    };
    let (status_code, status_raw) = f.required("status", f.code("status")?)?;
    let transaction_type = f.code("type")?;
    Ok(CardTransaction {
        order_no: f.required("orderNo", f.id("orderNo")?)?,
        merchant_order_no: f.id("merchantOrderNo")?,
        card_no: f.id("cardNo")?,
        amount: f.required("amount", with_currency(f.decimal("amount")?))?,
        fee: with_currency(f.decimal("fee")?),
        received_amount: f.money("receivedAmount", "receivedCurrency")?,
        transaction_type: transaction_type
            .as_ref()
            .map(|(code, _)| TransactionType::from_code(code)),
        transaction_type_raw: transaction_type.map(|(_, raw)| raw),
        status: Status::from_code(&status_code),
        status_raw,
        description: f.str("description")?,
        remark: f.str("remark")?,
        transaction_time: f.int("transactionTime")?,
    })
}

/// Decodes the body; the type comes from its shape, else from the unsigned category header.
fn decode(headers: &Headers, body: &Object<'_>, _limits: &Limits) -> Result<Decoded> {
    let (event_type, type_unsigned) = event_type(headers, body)?;
    let f = Fields::new(body, "");
    let (id, data) = if event_type == CARD_TRANSACTION {
        let transaction = card_transaction(&f)?;
        let status = transaction.status.id_part(&transaction.status_raw);
        (
            format!("{}:{status}", transaction.order_no),
            Data::CardTransaction(transaction),
        )
    } else {
        // Other categories name no id of their own, and some push one record again with a new
        // status or amount: the digest of the signed body gives each content its own id, and the
        // unsigned category header plays no part in it.
        (content_id(body, &[]), Data::Untyped(body.clone().into_owned()))
    };
    Ok(Decoded {
        event_type,
        id: Some(id),
        data: EventData::Wasabicard(data),
        unsigned: if type_unsigned {
            vec![Property::Type]
        } else {
            Vec::new()
        },
    })
}

/// The push as WasabiCard sends it: the payload text as given, `X-WSB-SIGNATURE` = Base64
/// SHA256withRSA over it, the category (given, or a card transaction by its shape) and a request id.
#[cfg(feature = "signing")]
fn sign(body: &Object<'_>, text: &str, context: &SignContext<'_>) -> Result<SignedRequest> {
    let key = context.key(SPEC.id)?;
    let category = match context.event_type {
        Some(given) => given,
        None if is_card_transaction(body) => CARD_TRANSACTION,
        None => {
            return Err(Error::invalid_setting(
                crate::error::Setting::EventType,
                "the payload is not a card transaction: say which X-WSB-CATEGORY to send",
            ));
        }
    };
    let signature = key.sign(text.as_bytes(), crate::signature::SignatureEncoding::Base64)?;
    Ok(SignedRequest {
        body: text.to_owned(),
        headers: vec![
            signing::header("Content-Type", "application/json"),
            signing::header("X-WSB-CATEGORY", category),
            signing::header("X-WSB-REQUEST-ID", context.request_id),
            signing::header("X-WSB-SIGNATURE", signature),
        ],
    })
}

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(types: &mut impl ts_rs::TypeVisitor) {
    types.visit::<CardTransaction>();
}
