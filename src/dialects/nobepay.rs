//! NobePay card transaction webhooks (NobePay's OPEN-API document, section "webhook", <https://www.nobepay.com>); AlchemyPay VCC
//! v1 sends the same schema.
//!
//! Envelope: `{eventType, eventId, webhookSubscribeId, data}`. Signature: none (HTTPS only).
//! `event.id`: `sha256:` of the body without `eventId` — the document names `eventId` the webhook
//! event id but does not say whether its 5 retries keep it, and `data` changes with every state
//! of a transaction (`status`, `gmtModified`). Ack: HTTP 200 (anything else is retried 5 times).
//! Amounts are integer **cents** (`-1992` is −19.92); holds are negative, refunds positive.

use serde::Serialize;

use crate::dialects::{Ack, Decoded, EventData, Signing, Spec, TypedEvents};
use crate::error::Result;
use crate::model::Money;
use crate::fields::{Fields, code_enum, content_id};
use crate::headers::Headers;
use crate::json::{Limits, Object, Value};

/// The `nobepay` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "nobepay",
    provider: "NobePay, AlchemyPay VCC v1",
    headers: &[],
    signing: Signing::Unsigned,
    // Only the status is documented; the body is ignored.
    ack: Ack::STATUS_ONLY,
    // Retried 5 times; the interval is not documented (a minute assumed).
    retry_after_secs: &[60; 5],
    typed_events: &[
        TypedEvents {
            types: &["TRANSACTION"],
            data: "NobepayTransaction",
            alias: None,
            sample: r#"{"eventType":"TRANSACTION","eventId":"ev_xxxxxxxxxxxxxxxxxxxxx","webhookSubscribeId":"wsb_xxxxxxxxxxxxxxxxxxx","data":{"transactionId":"t_xxxxxxxxxxxxx","userId":"u_xxxxxxxxxxx","cardId":"c_xxxxxxxxxxx","cardCustomerId":"","cardNumber":"556735XXXXXX0737","cardSeqNo":"CXXXXXXX","desp":"FACEBK UYFYREF3S2      fb.me/ads     IRL","reason":"balance not enough","preAuthAmount":-1992,"preAuthCurrency":"USD","preAuthTime":1652262674000,"transactionAmount":-1992,"transactionCurrency":"USD","transactionTime":166662674000,"status":"COMPLETE","gmtCreate":1652262674000,"gmtModified":166662674000}}"#,
        },
        TypedEvents {
            types: &[
                "CREATE_CARD",
                "CREATE_CARD_FAIL",
                "DELETE_CARD_SUCCESS",
                "RISK_CONTROL",
            ],
            data: "NobepayGeneric",
            alias: None,
            sample: r#"{"eventType":"CREATE_CARD","eventId":"ev_2","webhookSubscribeId":"wsb_1","data":{"cardId":"c_1","cardNumber":"556735XXXXXX0737","status":"ACTIVE"}}"#,
        },
    ],
    type_field: Some("eventType"),
    untyped_data: "NobepayGeneric",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: None,
};

/// The typed data of a NobePay event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per request
pub enum Data {
    /// A `TRANSACTION` event.
    Transaction(Transaction),
    /// Any other event type.
    Generic(Generic),
}

code_enum! {
    /// Transaction `status`.
    #[cfg_attr(feature = "typescript", ts(rename = "NobepayStatus"))]
    Status {
        /// Authorization pending.
        Pending = "PENDING" <= ["PENDING"],
        /// Authorization expired.
        Expired = "EXPIRED" <= ["EXPIRED"],
        /// Authorization returned (e.g. a card-binding hold released).
        Reversed = "REVERSED" <= ["REVERSED"],
        /// Declined.
        Declined = "DECLINED" <= ["DECLINED"],
        /// Completed.
        Complete = "COMPLETE" <= ["COMPLETE"],
        /// Refunded.
        Refund = "REFUND" <= ["REFUND"],
        /// A fee (AlchemyPay's copy).
        Fee = "FEE" <= ["FEE"],
        /// A monthly fee (AlchemyPay's copy).
        MonthlyFee = "MONTHLY_FEE" <= ["MONTHLY_FEE"],
    }
}

/// A `TRANSACTION` event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "NobepayTransaction"))]
pub struct Transaction {
    /// `webhookSubscribeId`.
    pub webhook_subscribe_id: Option<String>,
    /// `transactionId`: the same for every event of one transaction.
    pub transaction_id: String,
    /// `userId`.
    pub user_id: Option<String>,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `cardCustomerId`: the merchant's own customer id.
    pub card_customer_id: Option<String>,
    /// `cardNumber` (masked).
    pub card_number: Option<String>,
    /// `cardSeqNo`.
    pub card_seq_no: Option<String>,
    /// `desp`: transaction description.
    pub desp: Option<String>,
    /// `reason`: decline reason.
    pub reason: Option<String>,
    /// `preAuthAmount` (cents, converted to major units) with `preAuthCurrency`.
    pub pre_auth_amount: Option<Money>,
    /// `preAuthTime`, epoch milliseconds.
    pub pre_auth_time: Option<i64>,
    /// `transactionAmount` (cents, converted to major units) with `transactionCurrency`.
    pub transaction_amount: Option<Money>,
    /// `transactionTime`, epoch milliseconds.
    pub transaction_time: Option<i64>,
    /// Transaction status.
    pub status: Status,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
    /// `gmtCreate`, epoch milliseconds.
    pub gmt_create: Option<i64>,
    /// `gmtModified`, epoch milliseconds.
    pub gmt_modified: Option<i64>,
}

/// Any other `eventType`: the envelope and `data` as received.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "NobepayGeneric"))]
pub struct Generic {
    /// `webhookSubscribeId`.
    pub webhook_subscribe_id: Option<String>,
    /// `data` as received (`null` when absent).
    #[cfg_attr(feature = "typescript", ts(type = "Record<string, unknown> | null"))]
    pub data: Option<Object<'static>>,
}

/// True when the body has this dialect's envelope.
fn matches(_headers: &Headers, body: &Object<'_>) -> bool {
    body.has("eventType") && body.has("eventId")
}

/// Integer cents as exact decimal text in major units: `-1992` → `"-19.92"`, `5` → `"0.05"`.
pub fn cents_to_decimal(cents: &str) -> Option<String> {
    let (sign, digits) = match cents.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", cents),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    let padded = format!("{digits:0>3}");
    let (units, hundredths) = padded.split_at(padded.len() - 2);
    let sign = if digits.is_empty() { "" } else { sign };
    Some(format!("{sign}{units}.{hundredths}"))
}

fn cents(f: &Fields<'_>, amount: &str, currency: &str) -> Result<Option<Money>> {
    let Some(amount) = f.numeric(amount, "an integer number of cents", cents_to_decimal)? else {
        return Ok(None);
    };
    Ok(Some(Money {
        amount,
        currency: f.str(currency)?,
    }))
}

/// Decodes the body; the dialect's signature (where it has one) covers every property.
fn decode(_headers: &Headers, body: &Object<'_>, _limits: &Limits) -> Result<Decoded> {
    let env = Fields::new(body, "");
    let event_type = env.required("eventType", env.str("eventType")?)?;
    // Required as the envelope's mark, but not the id: the document does not say whether a retry
    // keeps it. `eventId` stays in the payload.
    env.required("eventId", env.id("eventId")?)?;
    let id = content_id(body, &["eventId"]);
    let webhook_subscribe_id = env.id("webhookSubscribeId")?;
    let data = env.object("data")?;
    if event_type != "TRANSACTION" {
        let generic = Generic {
            webhook_subscribe_id,
            data: data.map(|o| o.clone().into_owned()),
        };
        return Ok(Decoded::new(
            event_type,
            Some(id),
            EventData::Nobepay(Data::Generic(generic)),
        ));
    }
    let data = env.required("data", data)?;
    let f = Fields::new(data, "data.");
    let (status_code, status_raw) = f.required("status", f.code("status")?)?;
    let txn = Transaction {
        webhook_subscribe_id,
        transaction_id: f.required("transactionId", f.id("transactionId")?)?,
        user_id: f.id("userId")?,
        card_id: f.id("cardId")?,
        card_customer_id: f.id("cardCustomerId")?,
        card_number: f.id("cardNumber")?,
        card_seq_no: f.id("cardSeqNo")?,
        desp: f.str("desp")?,
        reason: f.str("reason")?,
        pre_auth_amount: cents(&f, "preAuthAmount", "preAuthCurrency")?,
        pre_auth_time: f.int("preAuthTime")?,
        transaction_amount: cents(&f, "transactionAmount", "transactionCurrency")?,
        transaction_time: f.int("transactionTime")?,
        status: Status::from_code(&status_code),
        status_raw,
        gmt_create: f.int("gmtCreate")?,
        gmt_modified: f.int("gmtModified")?,
    };
    Ok(Decoded::new(
        event_type,
        Some(id),
        EventData::Nobepay(Data::Transaction(txn)),
    ))
}

#[cfg(test)]
mod tests {
    use super::cents_to_decimal;

    #[test]
    fn cents() {
        for (input, want) in [
            ("-1992", Some("-19.92")),
            ("1992", Some("19.92")),
            ("27", Some("0.27")),
            ("-5", Some("-0.05")),
            ("0", Some("0.00")),
            ("-0", Some("0.00")),
            ("100", Some("1.00")),
            ("007", Some("0.07")),
            ("123456789012345678901", Some("1234567890123456789.01")),
            ("1.5", None),
            ("1e3", None),
            ("", None),
            ("-", None),
        ] {
            assert_eq!(cents_to_decimal(input).as_deref(), want, "{input}");
        }
    }
}

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(types: &mut impl ts_rs::TypeVisitor) {
    types.visit::<Transaction>();
    types.visit::<Generic>();
}
