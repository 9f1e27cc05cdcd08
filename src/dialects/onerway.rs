//! Onerway Issuing, legacy push (Onerway Issuing API "Webhooks", the RSA `sign` version:
//! <https://onerway-docs-next.vercel.app/issuing/issuing-api/webhooks>).
//!
//! Envelope: a flat JSON object with the business fields and `sign` at the same level, and an
//! `X-Event-Type` header (`cardOperateRecordEvent` | `transactionEvent`). The header is not
//! signed, so the type comes from the signed body: `operateRecordId` makes a card operation
//! record, `txnOrderNo` a transaction. The header is cross-checked (another type, or several
//! values, is `INVALID_HEADER`) and decides only where the body cannot: a body carrying both ids,
//! or neither (an event this library does not type); `event.unsigned` then says so.
//! Signature: SHA256withRSA over the TreeMap-sorted fields (see [`crate::canonical`]).
//! `event.id` names a state change: `operateRecordId:STATUS` or `txnOrderNo:STATUS`, the status
//! normalised (`S` and `SUCCESS` → `SUCCESS`); where the header chose the type, or the event is
//! untyped, `sha256:` of the signed fields instead, so an unsigned header never decides the id.
//! Ack: HTTP 200 with `{"respCode":"20000","respMsg":"success"}`.

use serde::Serialize;

use crate::canonical::{self, CanonicalForm, sorted_signed_input};
use crate::dialects::{
    DEFAULT_RETRIES, Ack, Decoded, EventData, RsaInput, Signing, Spec, TypedEvents,
};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Money, Property};
use crate::fields::{Fields, code_enum, digest_id};
use crate::headers::Headers;
use crate::json::{Limits, Object, Value};
#[cfg(feature = "signing")]
use crate::signing::{self, SignContext, SignedRequest};

/// The `onerway` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "onerway",
    provider: "Onerway Issuing, legacy push",
    headers: &["x-event-type"],
    signing: Signing::Rsa { input: rsa_input },
    ack: ACK,
    // The legacy push documents no schedule.
    retry_after_secs: DEFAULT_RETRIES,
    typed_events: &[
        TypedEvents {
            types: &[CARD_OPERATE_RECORD_EVENT],
            data: "OnerwayCardOperateRecord",
            alias: None,
            sample: r#"{"merchantNo":88888,"operateRecordId":200001,"cardId":100001,"clientRequestId":"REQ_20260101_001","type":"DEPOSIT","status":"SUCCESS","remark":null,"amount":100.00,"currency":"USD","feeList":[{"feeAmount":1.00,"feeCurrency":"USD"}]}"#,
        },
        TypedEvents {
            types: &[TRANSACTION_EVENT],
            data: "OnerwayTransaction",
            alias: None,
            sample: r#"{"txnType":"CHARGE","txnStatus":"S","txnOrderNo":"TXN20260101001","originTxnOrderNo":null,"originTxnOrderNoForRefund":null,"cardNo":"411111******1111","authTime":1735689600000,"authorizationCode":"AUTH001","authMessageDesc":"Approved","transactionAmount":50.00,"transactionCurrency":"USD","transactionTime":1735689600000,"cardAmount":50.00,"cardCurrency":"USD","settleAmount":50.00,"settleCurrency":"USD","settleTime":1735776000000,"transactionFee":0.50,"transactionFeeCurrency":"USD","crossBorderFee":null,"crossBorderFeeCurrency":null,"exchangeFee":null,"exchangeFeeCurrency":null,"merchantId":"MCH001","merchantName":"Amazon","merchantCountry":"United States","merchantCountryCode":"US","merchantStateProvince":"WA","merchantCity":"Seattle","merchantPostalCode":"98101","merchantMccCode":"5411"}"#,
        },
    ],
    type_field: None,
    untyped_data: "Record<string, unknown>",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: Some(sign),
};

/// The signed string (the sorted fields in `form`) and the body's `sign` field.
fn rsa_input<'a>(
    _raw: &'a str,
    _headers: &'a Headers,
    body: &'a Object<'a>,
    form: CanonicalForm,
) -> Result<RsaInput<'a>> {
    let signature = match body.get(canonical::SIGN_FIELD) {
        None | Some(Value::Null) => {
            return Err(Error::new(
                ErrorCode::MissingSignature,
                "body has no `sign` field",
            ));
        }
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(Error::new(
                ErrorCode::InvalidSignatureEncoding,
                format!("`sign` is {}, not a string", other.type_name()),
            ));
        }
    };
    Ok(RsaInput {
        signed_input: sorted_signed_input(body, form).into(),
        signature,
    })
}

/// Onerway's ack, for both its pushes: HTTP 200 with `respCode` 20000.
pub(crate) const ACK: Ack = Ack {
    status: 200,
    content_type: "application/json",
    body: r#"{"respCode":"20000","respMsg":"success"}"#,
};

/// The typed data of an Onerway event (legacy or current push).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per request
pub enum Data {
    /// A card operation record.
    CardOperateRecord(CardOperateRecord),
    /// A card transaction.
    Transaction(Transaction),
    /// An event this library does not type: the fields as received, without `sign`.
    Untyped(Object<'static>),
}

/// The `X-Event-Type` of card operation records.
pub const CARD_OPERATE_RECORD_EVENT: &str = "cardOperateRecordEvent";
/// The `X-Event-Type` of transactions.
pub const TRANSACTION_EVENT: &str = "transactionEvent";

code_enum! {
    /// Outcome of an operation or transaction (`status`, `txnStatus`).
    #[cfg_attr(feature = "typescript", ts(rename = "OnerwayStatus"))]
    Status {
        /// `S` or `SUCCESS`.
        Success = "SUCCESS" <= ["S", "SUCCESS"],
        /// `P`, `PROCESSING` or `PENDING`.
        Processing = "PROCESSING" <= ["P", "PROCESSING", "PENDING"],
        /// `F`, `FAIL` or `FAILED`.
        Failed = "FAILED" <= ["F", "FAIL", "FAILED"],
    }
}

code_enum! {
    /// Card operation type (`type` of `cardOperateRecordEvent`).
    #[cfg_attr(feature = "typescript", ts(rename = "OnerwayOperateType"))]
    OperateType {
        /// Card creation.
        Create = "CREATE" <= ["CREATE"],
        /// Card freeze.
        Freeze = "FREEZE" <= ["FREEZE"],
        /// Card unfreeze.
        Unfreeze = "UNFREEZE" <= ["UNFREEZE"],
        /// Deposit onto the card.
        Deposit = "DEPOSIT" <= ["DEPOSIT"],
        /// Withdrawal from the card.
        Withdraw = "WITHDRAW" <= ["WITHDRAW"],
    }
}

code_enum! {
    /// Transaction type (`txnType`).
    #[cfg_attr(feature = "typescript", ts(rename = "OnerwayTxnType"))]
    TxnType {
        /// Authorization.
        Authorization = "AUTHORIZATION" <= ["AUTHORIZATION"],
        /// Reversal of an authorization.
        Reversal = "REVERSAL" <= ["REVERSAL"],
        /// Clearing (settlement).
        Clearing = "CLEARING" <= ["CLEARING"],
        /// Charge.
        Charge = "CHARGE" <= ["CHARGE"],
        /// Refund.
        Refund = "REFUND" <= ["REFUND"],
    }
}

/// One entry of `feeList`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "OnerwayFee"))]
pub struct Fee {
    /// `feeAmount` with `feeCurrency`.
    pub amount: Option<Money>,
    /// `feeType`, when sent.
    pub fee_type: Option<String>,
}

/// A `cardOperateRecordEvent`: a card was created, frozen, unfrozen, or money moved onto it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "OnerwayCardOperateRecord"))]
pub struct CardOperateRecord {
    /// Merchant number (a Java `Long`, kept as exact text).
    pub merchant_no: Option<String>,
    /// Operation record id.
    pub operate_record_id: String,
    /// Card id.
    pub card_id: Option<String>,
    /// The merchant's idempotent request id.
    pub client_request_id: Option<String>,
    /// Operation type.
    #[serde(rename = "type")]
    pub operate_type: Option<OperateType>,
    /// `type` as sent.
    #[serde(rename = "typeRaw")]
    #[cfg_attr(feature = "typescript", ts(type = "RawCode | null"))]
    pub operate_type_raw: Option<Value<'static>>,
    /// Operation status.
    pub status: Status,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
    /// Free-text remark.
    pub remark: Option<String>,
    /// `amount` with `currency`.
    pub amount: Option<Money>,
    /// `feeList`, empty when absent.
    pub fee_list: Vec<Fee>,
}

/// A `transactionEvent`: an authorization, reversal, clearing, charge or refund on a card.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "OnerwayTransaction"))]
pub struct Transaction {
    /// Transaction type.
    pub txn_type: Option<TxnType>,
    /// `txnType` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode | null"))]
    pub txn_type_raw: Option<Value<'static>>,
    /// Transaction status.
    pub txn_status: Status,
    /// `txnStatus` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub txn_status_raw: Value<'static>,
    /// Transaction order number.
    pub txn_order_no: String,
    /// Original transaction order number.
    pub origin_txn_order_no: Option<String>,
    /// Original payment order number of a refund.
    pub origin_txn_order_no_for_refund: Option<String>,
    /// Masked card number.
    pub card_no: Option<String>,
    /// Authorization time, epoch milliseconds.
    pub auth_time: Option<i64>,
    /// Authorization code.
    pub authorization_code: Option<String>,
    /// Authorization message.
    pub auth_message_desc: Option<String>,
    /// `transactionAmount` with `transactionCurrency`.
    pub transaction_amount: Option<Money>,
    /// Transaction time, epoch milliseconds.
    pub transaction_time: Option<i64>,
    /// `cardAmount` with `cardCurrency`.
    pub card_amount: Option<Money>,
    /// `settleAmount` with `settleCurrency`.
    pub settle_amount: Option<Money>,
    /// Settlement time, epoch milliseconds.
    pub settle_time: Option<i64>,
    /// `transactionFee` with `transactionFeeCurrency`.
    pub transaction_fee: Option<Money>,
    /// `crossBorderFee` with `crossBorderFeeCurrency`.
    pub cross_border_fee: Option<Money>,
    /// `exchangeFee` with `exchangeFeeCurrency`.
    pub exchange_fee: Option<Money>,
    /// Merchant id.
    pub merchant_id: Option<String>,
    /// Merchant name.
    pub merchant_name: Option<String>,
    /// Merchant country name.
    pub merchant_country: Option<String>,
    /// Merchant country code.
    pub merchant_country_code: Option<String>,
    /// Merchant state or province.
    pub merchant_state_province: Option<String>,
    /// Merchant city.
    pub merchant_city: Option<String>,
    /// Merchant postal code.
    pub merchant_postal_code: Option<String>,
    /// Merchant category code.
    pub merchant_mcc_code: Option<String>,
}

/// True when the body has the shape of this dialect.
fn matches(headers: &Headers, body: &Object<'_>) -> bool {
    // `sign` counts even when null: it marks the envelope, and a null one is then reported as
    // MISSING_SIGNATURE rather than as an unknown dialect. It is no data field: it decodes to nothing.
    headers.get("x-event-type").is_some()
        || (body.contains_key(crate::canonical::SIGN_FIELD)
            && (body.has("txnOrderNo") || body.has("operateRecordId")))
}

/// The event type, from the signed body's shape (`operateRecordId` or `txnOrderNo`), and whether
/// it was left to the unsigned `X-Event-Type` header. The header is otherwise only cross-checked;
/// it decides alone where the body cannot: a body carrying both ids, or neither (an event this
/// library does not type, or one missing its id, which the typed decoder then reports).
fn event_type(headers: &Headers, body: &Object<'_>) -> Result<(String, bool)> {
    let said = headers.single("x-event-type")?.map(str::trim);
    let known = [CARD_OPERATE_RECORD_EVENT, TRANSACTION_EVENT];
    let from_body = match (body.has("operateRecordId"), body.has("txnOrderNo")) {
        (true, false) => Some(CARD_OPERATE_RECORD_EVENT),
        (false, true) => Some(TRANSACTION_EVENT),
        _ => None,
    };
    let both = body.has("operateRecordId") && body.has("txnOrderNo");
    match (from_body, said) {
        (Some(from_body), None) => Ok((from_body.to_owned(), false)),
        (Some(from_body), Some(said)) if said == from_body => Ok((from_body.to_owned(), false)),
        (Some(from_body), Some(said)) => Err(Error::new(
            ErrorCode::InvalidHeader,
            format!(
                "`X-Event-Type` says `{}` but the signed body is a {from_body}",
                crate::json::shorten(said)
            ),
        )),
        (None, Some("")) => Err(Error::new(
            ErrorCode::InvalidHeader,
            "`X-Event-Type` is empty",
        )),
        (None, Some(said)) if both && !known.contains(&said) => Err(Error::new(
            ErrorCode::InvalidHeader,
            format!(
                "`X-Event-Type` says `{}`; a body with `operateRecordId` and `txnOrderNo` is one of {}",
                crate::json::shorten(said),
                known.join(", ")
            ),
        )),
        (None, Some(said)) => Ok((said.to_owned(), true)),
        (None, None) if both => Err(Error::new(
            ErrorCode::MissingHeader,
            "the body has both `operateRecordId` and `txnOrderNo`: `X-Event-Type` must say which event it is",
        )),
        (None, None) => Ok(("unknown".to_owned(), false)),
    }
}

/// The push as Onerway sends it: the body with `sign` over its sorted fields, and `X-Event-Type`
/// (from the caller, else from the body's id field).
#[cfg(feature = "signing")]
fn sign(body: &Object<'_>, _text: &str, context: &SignContext<'_>) -> Result<SignedRequest> {
    let key = context.key(SPEC.id)?;
    let event_type = match context.event_type {
        Some(given) => given,
        None if body.has("operateRecordId") && !body.has("txnOrderNo") => CARD_OPERATE_RECORD_EVENT,
        None if body.has("txnOrderNo") && !body.has("operateRecordId") => TRANSACTION_EVENT,
        None => {
            return Err(Error::invalid_setting(
                crate::error::Setting::EventType,
                "the payload has neither or both of operateRecordId and txnOrderNo: say which event type to send",
            ));
        }
    };
    Ok(SignedRequest {
        body: signing::rsa_signed_body(body.clone(), key, context.form, context.encoding)?,
        headers: vec![
            signing::header("Content-Type", "application/json;charset=UTF-8"),
            signing::header("X-Event-Type", event_type),
        ],
    })
}

/// Decodes the body. The type comes from the signed fields (see [`event_type`]).
fn decode(headers: &Headers, body: &Object<'_>, _limits: &Limits) -> Result<Decoded> {
    let (event_type, type_unsigned) = event_type(headers, body)?;
    let f = Fields::new(body, "");
    let data = match event_type.as_str() {
        CARD_OPERATE_RECORD_EVENT => Data::CardOperateRecord(card_operate_record(&f)?),
        TRANSACTION_EVENT => Data::Transaction(transaction(&f)?),
        _ => Data::Untyped(without_sign(body)),
    };
    let id = match &data {
        // The header chose the type, and with it which id field a state id would name.
        _ if type_unsigned => signed_fields_id(body),
        Data::CardOperateRecord(record) => state_id(
            &record.operate_record_id,
            record.status.id_part(&record.status_raw),
        ),
        Data::Transaction(txn) => {
            state_id(&txn.txn_order_no, txn.txn_status.id_part(&txn.txn_status_raw))
        }
        Data::Untyped(_) => signed_fields_id(body),
    };
    let mut decoded = Decoded::new(event_type, Some(id), EventData::Onerway(data));
    if type_unsigned {
        // The header chose the type, and with it the shape of `data`; the id is signed either way.
        decoded.unsigned = vec![Property::Type, Property::Data];
    }
    Ok(decoded)
}

/// The id of one state of a record or transaction: `id:STATUS`, the status normalised (`S` and
/// `SUCCESS` are one state). The provider pushes a record again each time its status changes,
/// and a retry carries the same pair.
fn state_id(object_id: &str, status: String) -> String {
    format!("{object_id}:{status}")
}

/// The id where the signed body alone does not name a state (the header chose the type, or the
/// event is untyped): the digest of the signed fields in the `json` form (sorted, `null`s and
/// `sign` left out), so neither the header nor anything else the signature does not cover (key
/// order, `sign`'s encoding, a `null` member) changes it.
fn signed_fields_id(body: &Object<'_>) -> String {
    digest_id(&sorted_signed_input(body, CanonicalForm::Json))
}

fn without_sign(body: &Object<'_>) -> Object<'static> {
    let mut out = Object::default();
    for (k, v) in body
        .iter()
        .filter(|(k, _)| *k != crate::canonical::SIGN_FIELD)
    {
        out.insert(k.to_owned(), v.clone().into_owned());
    }
    out
}

pub(crate) fn card_operate_record(f: &Fields<'_>) -> Result<CardOperateRecord> {
    let (status_text, status_raw) = f.required("status", f.code("status")?)?;
    let operate_type = f.code("type")?;
    let mut fee_list = Vec::new();
    for (i, item) in f.array("feeList")?.unwrap_or_default().iter().enumerate() {
        let path = format!("feeList[{i}].");
        let Value::Object(obj) = item else {
            return Err(crate::error::Error::invalid_field(
                &format!("feeList[{i}]"),
                "an object",
            ));
        };
        let fee = Fields::new(obj, &path);
        fee_list.push(Fee {
            amount: fee.money("feeAmount", "feeCurrency")?,
            fee_type: fee.str("feeType")?,
        });
    }
    Ok(CardOperateRecord {
        merchant_no: f.id("merchantNo")?,
        operate_record_id: f.required("operateRecordId", f.id("operateRecordId")?)?,
        card_id: f.id("cardId")?,
        client_request_id: f.str("clientRequestId")?,
        operate_type: operate_type
            .as_ref()
            .map(|(t, _)| OperateType::from_code(t)),
        operate_type_raw: operate_type.map(|(_, raw)| raw),
        status: Status::from_code(&status_text),
        status_raw,
        remark: f.str("remark")?,
        amount: f.money("amount", "currency")?,
        fee_list,
    })
}

pub(crate) fn transaction(f: &Fields<'_>) -> Result<Transaction> {
    let (status_text, status_raw) = f.required("txnStatus", f.code("txnStatus")?)?;
    let txn_type = f.code("txnType")?;
    Ok(Transaction {
        txn_type: txn_type.as_ref().map(|(t, _)| TxnType::from_code(t)),
        txn_type_raw: txn_type.map(|(_, raw)| raw),
        txn_status: Status::from_code(&status_text),
        txn_status_raw: status_raw,
        txn_order_no: f.required("txnOrderNo", f.id("txnOrderNo")?)?,
        origin_txn_order_no: f.id("originTxnOrderNo")?,
        origin_txn_order_no_for_refund: f.id("originTxnOrderNoForRefund")?,
        card_no: f.str("cardNo")?,
        auth_time: f.int("authTime")?,
        authorization_code: f.id("authorizationCode")?,
        auth_message_desc: f.str("authMessageDesc")?,
        transaction_amount: f.money("transactionAmount", "transactionCurrency")?,
        transaction_time: f.int("transactionTime")?,
        card_amount: f.money("cardAmount", "cardCurrency")?,
        settle_amount: f.money("settleAmount", "settleCurrency")?,
        settle_time: f.int("settleTime")?,
        transaction_fee: f.money("transactionFee", "transactionFeeCurrency")?,
        cross_border_fee: f.money("crossBorderFee", "crossBorderFeeCurrency")?,
        exchange_fee: f.money("exchangeFee", "exchangeFeeCurrency")?,
        merchant_id: f.id("merchantId")?,
        merchant_name: f.str("merchantName")?,
        merchant_country: f.str("merchantCountry")?,
        merchant_country_code: f.str("merchantCountryCode")?,
        merchant_state_province: f.str("merchantStateProvince")?,
        merchant_city: f.str("merchantCity")?,
        merchant_postal_code: f.id("merchantPostalCode")?,
        merchant_mcc_code: f.id("merchantMccCode")?,
    })
}

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(types: &mut impl ts_rs::TypeVisitor) {
    types.visit::<CardOperateRecord>();
    types.visit::<Transaction>();
}
