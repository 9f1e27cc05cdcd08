//! UPay card pushes (UPay API "Global push format"; `CE_EVENT`, `CC_AUTHORIZATION` and `WT_*`
//! from <https://upay-api-en.readme.io/reference/push-data-format>).
//!
//! Envelope: `{event, trace, orderNo, timestamp, detail}`; `detail`'s shape depends on `event`.
//! Signature: none in the original document; newer docs (<https://upay-api-en.readme.io/reference/request-explanation>)
//! add `X-UPA-SIGN` = Base64(HMAC-SHA256(secret, `event|timestamp|body`)) with `X-UPA-TIMESTAMP`
//! (ms), checked over the raw body as received. Bodies may be JWE-encrypted: the caller must
//! decrypt first, and the provider does not say whether the signed `body` is the encrypted or the
//! decrypted text. `event.id` names a state change: `event:orderNo` and the detail's normalised
//! status (and transaction or verification type) where it has one.
//! Ack: HTTP 200 with the body `SUCCESS`.
//! Numeric codes arrive as numbers or numeric strings; both are accepted.

use serde::Serialize;

use crate::dialects::{Ack, Decoded, EventData, HmacInput, Signing, Spec, TypedEvents};
use crate::error::{Error, Result};
use crate::model::Money;
use crate::fields::{Fields, code_enum};
use crate::headers::{self, Headers};
use crate::json::{Limits, Object, Value};
#[cfg(feature = "signing")]
use crate::signing::{self, SignContext, SignedRequest};
use crate::secret::{HmacAlgorithm, decode_tag};

/// The `upay` dialect.
pub(crate) static SPEC: Spec = Spec {
    id: "upay",
    provider: "UPay",
    headers: &["x-upa-timestamp", "x-upa-sign"],
    // Signed only by newer pushes, which carry `X-UPA-SIGN`.
    signing: Signing::Hmac {
        input: hmac_input,
        only_with_header: Some("x-upa-sign"),
    },
    ack: Ack {
        status: 200,
        content_type: "text/plain",
        body: "SUCCESS",
    },
    // Retried every 3 seconds, 5 times.
    retry_after_secs: &[3; 5],
    typed_events: &[
        TypedEvents {
            types: CARD_TRANSACTION_EVENTS,
            data: "UpayCardTransaction",
            alias: Some("UpayCardTransactionEvent"),
            sample: r#"{"event":"CC_CONSUME","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"cardId":"C1","cardNumber":"5555****4444","orderNo":"ORD1","customerNo":"CU1","type":2,"status":1,"amount":12.50,"direction":2,"merchantName":"Shop","currency":"USD","transactionAt":1735689600000,"transactionId":"T1","originalAmount":11.00,"originalCurrency":"EUR","reason":null}}"#,
        },
        TypedEvents {
            types: &["3DS_OTP"],
            data: "UpayThreeDsOtp",
            alias: None,
            sample: r#"{"event":"3DS_OTP","trace":"TR1","orderNo":"ORD2","timestamp":1735689600000,"detail":{"cardId":"C1","cardNumber":"5555****4444","customerNo":"CU1","3dsCode":"123456","orderNo":"ORD2"}}"#,
        },
        TypedEvents {
            types: &["3DS_CONFIRM"],
            data: "UpayThreeDsConfirm",
            alias: None,
            sample: r#"{"event":"3DS_CONFIRM","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"cardId":"C1","cardNumber":"n","customerNo":"CU1","validateCode":"V9","merchants":"Amazon","transactionTime":1735689600001,"amount":"20.00","transactionCurrency":"USD"}}"#,
        },
        TypedEvents {
            types: &["CA_APPLY"],
            data: "UpayCardApplication",
            alias: None,
            sample: r#"{"event":"CA_APPLY","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"cardId":"C1","orderNo":"ORD1","customerNo":"CU1","amount":5.00,"status":1,"subscribeAt":1735689600000}}"#,
        },
        TypedEvents {
            types: &["CR_RECHARGE"],
            data: "UpayRechargeApplication",
            alias: None,
            sample: r#"{"event":"CR_RECHARGE","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"cardId":"C1","orderNo":"O","customerNo":"CU","cardNumber":"n","amount":"100","status":8,"subscribeAt":1}}"#,
        },
        TypedEvents {
            types: &["NE_VERIFY"],
            data: "UpayVerification",
            alias: None,
            sample: r#"{"event":"NE_VERIFY","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"cardId":"C1","orderNo":"O","code":"https://x/y","cardNumber":"n","type":"3DS_CONFIRM_LINK","customerNo":"CU"}}"#,
        },
        TypedEvents {
            types: &["KS_KYC"],
            data: "UpayKyc",
            alias: None,
            sample: r#"{"event":"KS_KYC","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"customerNo":"CU","documentType":"1","status":"1"}}"#,
        },
        TypedEvents {
            types: &["CSC_STATUS_CHANGE"],
            data: "UpayCardStatusChange",
            alias: None,
            sample: r#"{"event":"CSC_STATUS_CHANGE","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"cardId":"C1","cardNumber":"n","status":"1","orderNo":"O","customerNo":"CU"}}"#,
        },
        TypedEvents {
            types: &["MF_MATERIAL_FLOW"],
            data: "UpayLogistics",
            alias: None,
            sample: r#"{"event":"MF_MATERIAL_FLOW","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"dispatchTime":"2026-01-02 10:00:00","logisticsOrderNo":"SF123","logisticsCompanyName":"SF Express","recipientAddress":"1 Main St","logisticsImage":"https://img/x.png","cardId":"C1"}}"#,
        },
        TypedEvents {
            types: &["CS_APPROVED"],
            data: "UpayCardActivation",
            alias: None,
            sample: r#"{"event":"CS_APPROVED","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"orderNo":"O","cardId":"C1","cardNumber":"n","customerNo":"CU","cardStatus":1}}"#,
        },
        TypedEvents {
            types: &["CE_EVENT", "WT_DEPOSIT", "WT_WITHDRAW", "WT_DEPOSIT_REFUND"],
            data: "UpayGeneric",
            alias: None,
            sample: r#"{"event":"CE_EVENT","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{"cardId":"C1","frozen":true}}"#,
        },
    ],
    type_field: Some("event"),
    untyped_data: "UpayGeneric",
    matches,
    decode,
    #[cfg(feature = "signing")]
    sign: Some(sign),
};

/// The push as UPay sends it: the payload text as given, `X-UPA-REQUESTID`, `X-UPA-TIMESTAMP`
/// (epoch ms, now) and `X-UPA-SIGN` = Base64 HMAC of `event|timestamp|body`.
#[cfg(feature = "signing")]
fn sign(body: &Object<'_>, text: &str, context: &SignContext<'_>) -> Result<SignedRequest> {
    let secret = context.secret(SPEC.id)?;
    let event = match body.get("event") {
        Some(Value::String(e)) => e,
        None | Some(Value::Null) => return Err(Error::missing_field("event")),
        Some(_) => return Err(Error::invalid_field("event", "a string")),
    };
    let timestamp = context.now_ms.to_string();
    let parts: [&[u8]; 5] = [event.as_bytes(), b"|", timestamp.as_bytes(), b"|", text.as_bytes()];
    let signature = signing::hmac_base64(secret, &parts);
    Ok(SignedRequest {
        body: text.to_owned(),
        headers: vec![
            signing::header("Content-Type", "application/json"),
            signing::header("X-UPA-REQUESTID", context.request_id),
            signing::header("X-UPA-TIMESTAMP", timestamp),
            signing::header("X-UPA-SIGN", signature),
        ],
    })
}

code_enum! {
    /// Card transaction `type`.
    #[cfg_attr(feature = "typescript", ts(rename = "UpayTxnType"))]
    TxnType {
        /// 1: recharge / mortgage.
        Recharge = "RECHARGE" <= ["1"],
        /// 2: consumption.
        Consumption = "CONSUMPTION" <= ["2"],
        /// 3: refund.
        Refund = "REFUND" <= ["3"],
        /// 4: withdrawal.
        Withdrawal = "WITHDRAWAL" <= ["4"],
        /// 5: redemption.
        Redemption = "REDEMPTION" <= ["5"],
        /// 6: management fee.
        ManagementFee = "MANAGEMENT_FEE" <= ["6"],
    }
}

code_enum! {
    /// Card transaction `status`.
    #[cfg_attr(feature = "typescript", ts(rename = "UpayTxnStatus"))]
    TxnStatus {
        /// 1: successful.
        Success = "SUCCESS" <= ["1"],
        /// 2: failed.
        Failed = "FAILED" <= ["2"],
        /// 3: processing.
        Processing = "PROCESSING" <= ["3"],
        /// 4: credited.
        Credited = "CREDITED" <= ["4"],
        /// 5: not credited.
        NotCredited = "NOT_CREDITED" <= ["5"],
        /// 6: payment failed.
        PaymentFailed = "PAYMENT_FAILED" <= ["6"],
        /// 7: canceled.
        Canceled = "CANCELED" <= ["7"],
    }
}

code_enum! {
    /// Income or expenditure.
    #[cfg_attr(feature = "typescript", ts(rename = "UpayDirection"))]
    Direction {
        /// 1: income.
        Income = "INCOME" <= ["1"],
        /// 2: expenditure.
        Expenditure = "EXPENDITURE" <= ["2"],
    }
}

code_enum! {
    /// KYC `documentType`.
    #[cfg_attr(feature = "typescript", ts(rename = "UpayDocumentType"))]
    DocumentType {
        /// 1: identity card.
        IdCard = "ID_CARD" <= ["1"],
        /// 2: passport.
        Passport = "PASSPORT" <= ["2"],
        /// 3: liveness check.
        Living = "LIVING" <= ["3"],
    }
}

code_enum! {
    /// KYC `status`.
    #[cfg_attr(feature = "typescript", ts(rename = "UpayKycStatus"))]
    KycStatus {
        /// 1: passed.
        Pass = "PASS" <= ["1"],
        /// 2: refused.
        Refuse = "REFUSE" <= ["2"],
        /// 3: processing.
        Processing = "PROCESSING" <= ["3"],
        /// 4: none.
        None = "NONE" <= ["4"],
    }
}

code_enum! {
    /// Card `status` (`CSC_STATUS_CHANGE`) and `cardStatus` (`CS_APPROVED`).
    #[cfg_attr(feature = "typescript", ts(rename = "UpayCardStatus"))]
    CardStatus {
        /// 1.
        Normal = "NORMAL" <= ["1"],
        /// 2.
        ToBeActivated = "TO_BE_ACTIVATED" <= ["2"],
        /// 3.
        Frozen = "FROZEN" <= ["3"],
        /// 4.
        Locked = "LOCKED" <= ["4"],
        /// 5.
        Destroyed = "DESTROYED" <= ["5"],
        /// 6.
        UnderApplication = "UNDER_APPLICATION" <= ["6"],
        /// 7.
        Activating = "ACTIVATING" <= ["7"],
        /// 8.
        Locking = "LOCKING" <= ["8"],
        /// 9.
        Unlocking = "UNLOCKING" <= ["9"],
        /// 10.
        Destroying = "DESTROYING" <= ["10"],
        /// 13.
        Rejected = "REJECTED" <= ["13"],
        /// 14.
        Cancelled = "CANCELLED" <= ["14"],
        /// 15.
        Replacing = "REPLACING" <= ["15"],
        /// 16.
        Replaced = "REPLACED" <= ["16"],
    }
}

code_enum! {
    /// Payment status of `CA_APPLY` (1, 2) and `CR_RECHARGE` (8).
    #[cfg_attr(feature = "typescript", ts(rename = "UpayPaymentStatus"))]
    PaymentStatus {
        /// 1: paid.
        Paid = "PAID" <= ["1"],
        /// 2 (card application) or 8 (recharge application): pending payment.
        PendingPayment = "PENDING_PAYMENT" <= ["2", "8"],
    }
}

code_enum! {
    /// `NE_VERIFY` notification `type`.
    #[cfg_attr(feature = "typescript", ts(rename = "UpayVerifyType"))]
    VerifyType {
        /// 3DS confirmation link.
        ThreeDsConfirmLink = "3DS_CONFIRM_LINK" <= ["3DS_CONFIRM_LINK"],
        /// 3DS verification code.
        ThreeDsVerificationCode = "3DS_VERIFICATION_CODE" <= ["3DS_VERIFICATION_CODE"],
        /// Card activation.
        CardActivation = "CARD_ACTIVATION" <= ["CARD_ACTIVATION"],
        /// Card lock / unlock.
        LockUnlockCard = "LOCK_UNLOCK_CARD" <= ["LOCK_UNLOCK_CARD"],
        /// Transaction (cash withdrawal) password change.
        TxWdrPwdModify = "TX_WDR_PWD_MODIFY" <= ["TX_WDR_PWD_MODIFY"],
        /// Transaction (cash withdrawal) password set.
        TxWdrPwdSet = "TX_WDR_PWD_SET" <= ["TX_WDR_PWD_SET"],
        /// View card.
        CatCard = "CAT_CARD" <= ["CAT_CARD"],
    }
}

/// Card transaction events (their `detail` is a card transaction).
pub const CARD_TRANSACTION_EVENTS: &[&str] = &[
    "CC_CONSUME",
    "CC_REFUND",
    "CC_WITHDRAW_CASH",
    "CC_REDEEM",
    "CC_RECHARGE",
    "CC_AUTHORIZATION",
];

/// The envelope fields every UPay event carries.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayEnvelope"))]
pub struct Envelope {
    /// `trace`: the same for every push of one transaction chain.
    pub trace: Option<String>,
    /// The envelope's `orderNo` (globally unique).
    pub order_no: String,
    /// `timestamp`: push time, epoch milliseconds.
    pub timestamp: Option<i64>,
}

/// The typed data of a UPay event: the envelope's fields and the typed `detail` fields side by
/// side, by event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per request
pub enum Data {
    /// `CC_*`: a card transaction.
    CardTransaction(CardTransaction),
    /// `3DS_OTP`.
    ThreeDsOtp(ThreeDsOtp),
    /// `3DS_CONFIRM`.
    ThreeDsConfirm(ThreeDsConfirm),
    /// `CA_APPLY`.
    CardApplication(CardApplication),
    /// `CR_RECHARGE`.
    RechargeApplication(RechargeApplication),
    /// `NE_VERIFY`.
    Verification(Verification),
    /// `KS_KYC`.
    Kyc(Kyc),
    /// `CSC_STATUS_CHANGE`.
    CardStatusChange(CardStatusChange),
    /// `MF_MATERIAL_FLOW`.
    Logistics(Logistics),
    /// `CS_APPROVED`.
    CardActivation(CardActivation),
    /// Events without a published `detail` shape (`CE_EVENT`, `WT_*`, and unknown events).
    Generic(Generic),
}

/// An event without a typed shape: `detail` as received.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayGeneric"))]
pub struct Generic {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `detail` as received (`null` when absent).
    #[cfg_attr(feature = "typescript", ts(type = "Record<string, unknown> | null"))]
    pub detail: Option<Object<'static>>,
}

/// `CC_*` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayCardTransaction"))]
pub struct CardTransaction {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `cardId`.
    pub card_id: String,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// Transaction type.
    #[serde(rename = "type")]
    pub txn_type: TxnType,
    /// `type` as sent.
    #[serde(rename = "typeRaw")]
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub txn_type_raw: Value<'static>,
    /// Transaction status.
    pub status: TxnStatus,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
    /// `amount` with `currency`.
    pub amount: Money,
    /// Income or expenditure.
    pub direction: Option<Direction>,
    /// `direction` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode | null"))]
    pub direction_raw: Option<Value<'static>>,
    /// `merchantName`.
    pub merchant_name: Option<String>,
    /// `transactionAt`, epoch milliseconds.
    pub transaction_at: Option<i64>,
    /// `transactionId`: the same for one transaction.
    pub transaction_id: Option<String>,
    /// `originalAmount` with `originalCurrency`.
    pub original_amount: Option<Money>,
    /// `fee`, exact decimal text.
    pub fee: Option<String>,
    /// `thirdOrderNo`.
    pub third_order_no: Option<String>,
    /// `reason`: cause of failure.
    pub reason: Option<String>,
}

/// `3DS_OTP` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayThreeDsOtp"))]
pub struct ThreeDsOtp {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// `3dsCode`: the one-time code.
    pub three_ds_code: String,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
}

/// `3DS_CONFIRM` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayThreeDsConfirm"))]
pub struct ThreeDsConfirm {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// `validateCode`.
    pub validate_code: String,
    /// `merchants`: merchant name.
    pub merchants: Option<String>,
    /// `transactionTime`, epoch milliseconds.
    pub transaction_time: Option<i64>,
    /// `amount` with `transactionCurrency`.
    pub amount: Option<Money>,
}

/// `CA_APPLY` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayCardApplication"))]
pub struct CardApplication {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// `amount` actually paid, exact decimal text (no currency is sent).
    pub amount: Option<String>,
    /// Payment status.
    pub status: PaymentStatus,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
    /// `subscribeAt`, epoch milliseconds.
    pub subscribe_at: Option<i64>,
}

/// `CR_RECHARGE` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayRechargeApplication"))]
pub struct RechargeApplication {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// `amount` actually paid, exact decimal text (no currency is sent).
    pub amount: Option<String>,
    /// Payment status.
    pub status: PaymentStatus,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
    /// `subscribeAt`, epoch milliseconds.
    pub subscribe_at: Option<i64>,
}

/// `NE_VERIFY` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayVerification"))]
pub struct Verification {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
    /// `code`: the verification code.
    pub code: String,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// Notification type.
    #[serde(rename = "type")]
    pub verify_type: VerifyType,
    /// `type` as sent.
    #[serde(rename = "typeRaw")]
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub verify_type_raw: Value<'static>,
    /// `customerNo`.
    pub customer_no: Option<String>,
}

/// `KS_KYC` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayKyc"))]
pub struct Kyc {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// Document type.
    pub document_type: Option<DocumentType>,
    /// `documentType` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode | null"))]
    pub document_type_raw: Option<Value<'static>>,
    /// KYC status.
    pub status: KycStatus,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
}

/// `CSC_STATUS_CHANGE` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayCardStatusChange"))]
pub struct CardStatusChange {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `cardId`.
    pub card_id: String,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// Card status.
    pub status: CardStatus,
    /// `status` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode"))]
    pub status_raw: Value<'static>,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
}

/// `MF_MATERIAL_FLOW` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayLogistics"))]
pub struct Logistics {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `dispatchTime` as sent.
    pub dispatch_time: Option<String>,
    /// `logisticsOrderNo`: tracking number.
    pub logistics_order_no: Option<String>,
    /// `logisticsCompanyName`.
    pub logistics_company_name: Option<String>,
    /// `recipientAddress`.
    pub recipient_address: Option<String>,
    /// `logisticsImage`.
    pub logistics_image: Option<String>,
    /// `cardId`.
    pub card_id: Option<String>,
}

/// `CS_APPROVED` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "UpayCardActivation"))]
pub struct CardActivation {
    /// The envelope's fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
    /// `cardId`.
    pub card_id: String,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// Card status.
    pub card_status: Option<CardStatus>,
    /// `cardStatus` as sent.
    #[cfg_attr(feature = "typescript", ts(type = "RawCode | null"))]
    pub card_status_raw: Option<Value<'static>>,
}

/// True when the body has this dialect's envelope.
fn matches(_headers: &Headers, body: &Object<'_>) -> bool {
    body.has("event") && body.has("trace") && body.has("detail")
}

/// The signed input (`event|X-UPA-TIMESTAMP|raw body`), the tag and the timestamp.
fn hmac_input<'a>(
    raw: &'a str,
    headers: &'a Headers,
    body: &'a Object<'a>,
) -> Result<HmacInput<'a>> {
    let (timestamp, millis) =
        headers::required_integer(headers, "x-upa-timestamp", "epoch milliseconds")?;
    let tag = decode_tag(headers::required(headers, "x-upa-sign")?, false, true)?;
    let event = match body.get("event") {
        Some(Value::String(e)) => e.as_bytes(),
        None | Some(Value::Null) => return Err(Error::missing_field("event")),
        Some(_) => return Err(Error::invalid_field("event", "a string")),
    };
    Ok(HmacInput {
        algorithm: HmacAlgorithm::Sha256,
        parts: vec![event, b"|", timestamp.as_bytes(), b"|", raw.as_bytes()],
        tag,
        timestamp_ms: Some(millis),
    })
}

/// Decodes the body; the dialect's signature (where it has one) covers every property.
fn decode(_headers: &Headers, body: &Object<'_>, _limits: &Limits) -> Result<Decoded> {
    let env = Fields::new(body, "");
    let event = env.required("event", env.str("event")?)?;
    let envelope = Envelope {
        trace: env.id("trace")?,
        order_no: env.required("orderNo", env.id("orderNo")?)?,
        timestamp: env.int("timestamp")?,
    };
    let event_and_order = format!("{event}:{}", envelope.order_no);
    let detail_obj = env.object("detail")?;
    let empty = Object::default();
    let f = Fields::new(detail_obj.unwrap_or(&empty), "detail.");
    let data = match event.as_str() {
        e if CARD_TRANSACTION_EVENTS.contains(&e) => {
            Data::CardTransaction(card_transaction(&f, envelope)?)
        }
        "3DS_OTP" => Data::ThreeDsOtp(ThreeDsOtp {
                envelope,
            card_id: f.id("cardId")?,
            card_number: f.id("cardNumber")?,
            customer_no: f.id("customerNo")?,
            three_ds_code: f.required("3dsCode", f.id("3dsCode")?)?,
            detail_order_no: f.id("orderNo")?,
        }),
        "3DS_CONFIRM" => Data::ThreeDsConfirm(ThreeDsConfirm {
                envelope,
            card_id: f.id("cardId")?,
            card_number: f.id("cardNumber")?,
            customer_no: f.id("customerNo")?,
            validate_code: f.required("validateCode", f.id("validateCode")?)?,
            merchants: f.str("merchants")?,
            transaction_time: f.int("transactionTime")?,
            amount: f.money("amount", "transactionCurrency")?,
        }),
        "CA_APPLY" => {
            let (code, status_raw) = f.required("status", f.code("status")?)?;
            Data::CardApplication(CardApplication {
                envelope,
                card_id: f.id("cardId")?,
                detail_order_no: f.id("orderNo")?,
                customer_no: f.id("customerNo")?,
                amount: f.decimal("amount")?,
                status: PaymentStatus::for_event(&code, &["1", "2"]),
                status_raw,
                subscribe_at: f.int("subscribeAt")?,
            })
        }
        "CR_RECHARGE" => {
            let (code, status_raw) = f.required("status", f.code("status")?)?;
            Data::RechargeApplication(RechargeApplication {
                envelope,
                card_id: f.id("cardId")?,
                detail_order_no: f.id("orderNo")?,
                customer_no: f.id("customerNo")?,
                card_number: f.id("cardNumber")?,
                amount: f.decimal("amount")?,
                status: PaymentStatus::for_event(&code, &["8"]),
                status_raw,
                subscribe_at: f.int("subscribeAt")?,
            })
        }
        "NE_VERIFY" => {
            let (code, raw) = f.required("type", f.code("type")?)?;
            Data::Verification(Verification {
                envelope,
                card_id: f.id("cardId")?,
                detail_order_no: f.id("orderNo")?,
                code: f.required("code", f.id("code")?)?,
                card_number: f.id("cardNumber")?,
                verify_type: VerifyType::from_code(&code),
                verify_type_raw: raw,
                customer_no: f.id("customerNo")?,
            })
        }
        "KS_KYC" => {
            let (code, status_raw) = f.required("status", f.code("status")?)?;
            let document = f.code("documentType")?;
            Data::Kyc(Kyc {
                envelope,
                customer_no: f.id("customerNo")?,
                document_type: document.as_ref().map(|(c, _)| DocumentType::from_code(c)),
                document_type_raw: document.map(|(_, raw)| raw),
                status: KycStatus::from_code(&code),
                status_raw,
            })
        }
        "CSC_STATUS_CHANGE" => {
            let (code, status_raw) = f.required("status", f.code("status")?)?;
            Data::CardStatusChange(CardStatusChange {
                envelope,
                card_id: f.required("cardId", f.id("cardId")?)?,
                card_number: f.id("cardNumber")?,
                status: CardStatus::from_code(&code),
                status_raw,
                detail_order_no: f.id("orderNo")?,
                customer_no: f.id("customerNo")?,
            })
        }
        "MF_MATERIAL_FLOW" => Data::Logistics(Logistics {
                envelope,
            dispatch_time: f.id("dispatchTime")?,
            logistics_order_no: f.id("logisticsOrderNo")?,
            logistics_company_name: f.str("logisticsCompanyName")?,
            recipient_address: f.str("recipientAddress")?,
            logistics_image: f.str("logisticsImage")?,
            card_id: f.id("cardId")?,
        }),
        "CS_APPROVED" => {
            let status = f.code("cardStatus")?;
            Data::CardActivation(CardActivation {
                envelope,
                detail_order_no: f.id("orderNo")?,
                card_id: f.required("cardId", f.id("cardId")?)?,
                card_number: f.id("cardNumber")?,
                customer_no: f.id("customerNo")?,
                card_status: status.as_ref().map(|(c, _)| CardStatus::from_code(c)),
                card_status_raw: status.map(|(_, raw)| raw),
            })
        }
        _ => Data::Generic(Generic {
            envelope,
            detail: detail_obj.map(|o| o.clone().into_owned()),
        }),
    };
    let id = event_id(event_and_order, &data);
    Ok(Decoded::new(event, Some(id), EventData::Upay(data)))
}

/// `event.id`: `event:orderNo`, then the state codes the event's `detail` carries, normalised
/// (`CC_CONSUME:ORD1:CONSUMPTION:SUCCESS`). One order is pushed again when its status changes,
/// under the same `orderNo`: without the state, dedupe would drop the update as a retry. The
/// envelope's push `timestamp` and the `X-UPA-REQUESTID` header change with each delivery and
/// are left out, so a retry keeps the id.
fn event_id(event_and_order: String, data: &Data) -> String {
    let state = match data {
        Data::CardTransaction(t) => vec![
            t.txn_type.id_part(&t.txn_type_raw),
            t.status.id_part(&t.status_raw),
        ],
        Data::CardApplication(a) => vec![a.status.id_part(&a.status_raw)],
        Data::RechargeApplication(r) => vec![r.status.id_part(&r.status_raw)],
        Data::Verification(v) => vec![v.verify_type.id_part(&v.verify_type_raw)],
        Data::Kyc(k) => vec![k.status.id_part(&k.status_raw)],
        Data::CardStatusChange(c) => vec![c.status.id_part(&c.status_raw)],
        // No status: one-time codes and logistics notices, a card's issuance (pushed once per
        // card), and events whose fields are not published.
        Data::ThreeDsOtp(_)
        | Data::ThreeDsConfirm(_)
        | Data::Logistics(_)
        | Data::CardActivation(_)
        | Data::Generic(_) => Vec::new(),
    };
    state.iter().fold(event_and_order, |id, part| id + ":" + part)
}

impl PaymentStatus {
    /// Names `code` only when it is documented for this event (1/2 for `CA_APPLY`, 8 for
    /// `CR_RECHARGE`); any other code is `Unknown` even if another event uses it.
    fn for_event(code: &str, documented: &[&str]) -> Self {
        if documented.contains(&code) {
            PaymentStatus::from_code(code)
        } else {
            PaymentStatus::Unknown
        }
    }
}

fn card_transaction(f: &Fields<'_>, envelope: Envelope) -> Result<CardTransaction> {
    let (type_code, txn_type_raw) = f.required("type", f.code("type")?)?;
    let (status_code, status_raw) = f.required("status", f.code("status")?)?;
    let direction = f.code("direction")?;
    Ok(CardTransaction {
        envelope,
        card_id: f.required("cardId", f.id("cardId")?)?,
        card_number: f.id("cardNumber")?,
        detail_order_no: f.id("orderNo")?,
        customer_no: f.id("customerNo")?,
        txn_type: TxnType::from_code(&type_code),
        txn_type_raw,
        status: TxnStatus::from_code(&status_code),
        status_raw,
        amount: f.required("amount", f.money("amount", "currency")?)?,
        direction: direction.as_ref().map(|(c, _)| Direction::from_code(c)),
        direction_raw: direction.map(|(_, raw)| raw),
        merchant_name: f.str("merchantName")?,
        transaction_at: f.int("transactionAt")?,
        transaction_id: f.id("transactionId")?,
        original_amount: f.money("originalAmount", "originalCurrency")?,
        fee: f.decimal("fee")?,
        third_order_no: f.id("thirdOrderNo")?,
        reason: f.str("reason")?,
    })
}

/// Declares this dialect's typed data for the TypeScript generator.
#[cfg(feature = "typescript")]
pub(crate) fn typescript(types: &mut impl ts_rs::TypeVisitor) {
    types.visit::<CardTransaction>();
    types.visit::<ThreeDsOtp>();
    types.visit::<ThreeDsConfirm>();
    types.visit::<CardApplication>();
    types.visit::<RechargeApplication>();
    types.visit::<Verification>();
    types.visit::<Kyc>();
    types.visit::<CardStatusChange>();
    types.visit::<Logistics>();
    types.visit::<CardActivation>();
    types.visit::<Generic>();
}
