//! UPay card pushes (seed 002; `CE_EVENT`, `CC_AUTHORIZATION` and `WT_*` from
//! <https://upay-api-en.readme.io/reference/push-data-format>).
//!
//! Envelope: `{event, trace, orderNo, timestamp, detail}`; `detail`'s shape depends on `event`.
//! Signature: none in the seed; newer docs (<https://upay-api-en.readme.io/reference/request-explanation>)
//! add `X-UPA-SIGN` = Base64(HMAC-SHA256(secret, `event|timestamp|body`)) with `X-UPA-TIMESTAMP`
//! (ms), checked over the raw body as received. Bodies may be JWE-encrypted: the caller must
//! decrypt first, and the provider does not say whether the signed `body` is the encrypted or the
//! decrypted text. Idempotency key: `event:orderNo` (`orderNo` is globally unique).
//! Ack: HTTP 200 with the body `SUCCESS`.
//! Numeric codes arrive as numbers or numeric strings; both are accepted.

use serde::Serialize;

use crate::dialects::Decoded;
use crate::dialects::{HmacInput, header, integer_header};
use crate::error::{Error, Result};
use crate::event::{EventData, Fields, Headers, Money, code_enum};
use crate::json::{Object, Value};
use crate::secret::decode_tag;

code_enum! {
    /// Card transaction `type`.
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
    Direction {
        /// 1: income.
        Income = "INCOME" <= ["1"],
        /// 2: expenditure.
        Expenditure = "EXPENDITURE" <= ["2"],
    }
}

code_enum! {
    /// KYC `documentType`.
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
    PaymentStatus {
        /// 1: paid.
        Paid = "PAID" <= ["1"],
        /// 2 (card application) or 8 (recharge application): pending payment.
        PendingPayment = "PENDING_PAYMENT" <= ["2", "8"],
    }
}

code_enum! {
    /// `NE_VERIFY` notification `type`.
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
pub struct Envelope {
    /// `trace`: the same for every push of one transaction chain.
    pub trace: Option<String>,
    /// The envelope's `orderNo` (globally unique).
    pub order_no: String,
    /// `timestamp`: push time, epoch milliseconds.
    pub timestamp: Option<i64>,
}

/// A typed UPay event: envelope fields and the typed `detail` fields side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UpayEvent {
    /// Envelope fields.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The typed `detail`.
    #[serde(flatten)]
    pub detail: Detail,
}

/// The typed `detail`, by event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // built once per request
pub enum Detail {
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
    Generic(GenericDetail),
}

/// The `detail` of an event without a typed shape, as received.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GenericDetail {
    /// `detail` as received (`null` when absent).
    pub detail: Option<Object<'static>>,
}

/// `CC_*` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardTransaction {
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
    pub txn_type_raw: Value<'static>,
    /// Transaction status.
    pub status: TxnStatus,
    /// `status` as sent.
    pub status_raw: Value<'static>,
    /// `amount` with `currency`.
    pub amount: Money,
    /// Income or expenditure.
    pub direction: Option<Direction>,
    /// `direction` as sent.
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
pub struct ThreeDsOtp {
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
pub struct ThreeDsConfirm {
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
pub struct CardApplication {
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
    pub status_raw: Value<'static>,
    /// `subscribeAt`, epoch milliseconds.
    pub subscribe_at: Option<i64>,
}

/// `CR_RECHARGE` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RechargeApplication {
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
    pub status_raw: Value<'static>,
    /// `subscribeAt`, epoch milliseconds.
    pub subscribe_at: Option<i64>,
}

/// `NE_VERIFY` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
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
    pub verify_type_raw: Value<'static>,
    /// `customerNo`.
    pub customer_no: Option<String>,
}

/// `KS_KYC` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Kyc {
    /// `customerNo`.
    pub customer_no: Option<String>,
    /// Document type.
    pub document_type: Option<DocumentType>,
    /// `documentType` as sent.
    pub document_type_raw: Option<Value<'static>>,
    /// KYC status.
    pub status: KycStatus,
    /// `status` as sent.
    pub status_raw: Value<'static>,
}

/// `CSC_STATUS_CHANGE` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardStatusChange {
    /// `cardId`.
    pub card_id: String,
    /// `cardNumber`.
    pub card_number: Option<String>,
    /// Card status.
    pub status: CardStatus,
    /// `status` as sent.
    pub status_raw: Value<'static>,
    /// `detail.orderNo`.
    pub detail_order_no: Option<String>,
    /// `customerNo`.
    pub customer_no: Option<String>,
}

/// `MF_MATERIAL_FLOW` detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Logistics {
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
pub struct CardActivation {
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
    pub card_status_raw: Option<Value<'static>>,
}

/// True when the body has this dialect's envelope.
pub(crate) fn matches(_headers: &Headers, body: &Object<'_>) -> bool {
    body.has("event") && body.has("trace") && body.has("detail")
}

/// The signed message (`event|X-UPA-TIMESTAMP|raw body`), the tag and the timestamp.
pub(crate) fn hmac_input<'a>(
    raw: &'a [u8],
    body: &'a Object<'a>,
    headers: &'a Headers,
) -> Result<HmacInput<'a>> {
    let (timestamp, millis) = integer_header(headers, "x-upa-timestamp", "epoch milliseconds")?;
    let tag = decode_tag(header(headers, "x-upa-sign")?, false, true)?;
    let event = match body.get("event") {
        Some(Value::String(e)) => e.as_bytes(),
        None | Some(Value::Null) => return Err(Error::missing_field("event")),
        Some(_) => return Err(Error::invalid_field("event", "a string")),
    };
    Ok(HmacInput {
        parts: vec![event, b"|", timestamp.as_bytes(), b"|", raw],
        tag,
        timestamp_ms: Some(millis),
    })
}

/// Decodes the body; the dialect's signature (where it has one) covers every property.
pub(crate) fn decode(body: &Object<'_>) -> Result<Decoded> {
    let env = Fields::new(body, "");
    let event = env.required("event", env.str("event")?)?;
    let envelope = Envelope {
        trace: env.id("trace")?,
        order_no: env.required("orderNo", env.id("orderNo")?)?,
        timestamp: env.int("timestamp")?,
    };
    let id = format!("{event}:{}", envelope.order_no);
    let detail_obj = env.object("detail")?;
    let empty = Object::default();
    let f = Fields::new(detail_obj.unwrap_or(&empty), "detail.");
    let detail = match event.as_str() {
        e if CARD_TRANSACTION_EVENTS.contains(&e) => Detail::CardTransaction(card_transaction(&f)?),
        "3DS_OTP" => Detail::ThreeDsOtp(ThreeDsOtp {
            card_id: f.id("cardId")?,
            card_number: f.id("cardNumber")?,
            customer_no: f.id("customerNo")?,
            three_ds_code: f.required("3dsCode", f.id("3dsCode")?)?,
            detail_order_no: f.id("orderNo")?,
        }),
        "3DS_CONFIRM" => Detail::ThreeDsConfirm(ThreeDsConfirm {
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
            Detail::CardApplication(CardApplication {
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
            Detail::RechargeApplication(RechargeApplication {
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
            Detail::Verification(Verification {
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
            Detail::Kyc(Kyc {
                customer_no: f.id("customerNo")?,
                document_type: document.as_ref().map(|(c, _)| DocumentType::from_code(c)),
                document_type_raw: document.map(|(_, raw)| raw),
                status: KycStatus::from_code(&code),
                status_raw,
            })
        }
        "CSC_STATUS_CHANGE" => {
            let (code, status_raw) = f.required("status", f.code("status")?)?;
            Detail::CardStatusChange(CardStatusChange {
                card_id: f.required("cardId", f.id("cardId")?)?,
                card_number: f.id("cardNumber")?,
                status: CardStatus::from_code(&code),
                status_raw,
                detail_order_no: f.id("orderNo")?,
                customer_no: f.id("customerNo")?,
            })
        }
        "MF_MATERIAL_FLOW" => Detail::Logistics(Logistics {
            dispatch_time: f.id("dispatchTime")?,
            logistics_order_no: f.id("logisticsOrderNo")?,
            logistics_company_name: f.str("logisticsCompanyName")?,
            recipient_address: f.str("recipientAddress")?,
            logistics_image: f.str("logisticsImage")?,
            card_id: f.id("cardId")?,
        }),
        "CS_APPROVED" => {
            let status = f.code("cardStatus")?;
            Detail::CardActivation(CardActivation {
                detail_order_no: f.id("orderNo")?,
                card_id: f.required("cardId", f.id("cardId")?)?,
                card_number: f.id("cardNumber")?,
                customer_no: f.id("customerNo")?,
                card_status: status.as_ref().map(|(c, _)| CardStatus::from_code(c)),
                card_status_raw: status.map(|(_, raw)| raw),
            })
        }
        _ => Detail::Generic(GenericDetail {
            detail: detail_obj.map(|o| o.clone().into_owned()),
        }),
    };
    Ok(Decoded::new(
        event,
        Some(id),
        EventData::Upay(UpayEvent { envelope, detail }),
    ))
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

fn card_transaction(f: &Fields<'_>) -> Result<CardTransaction> {
    let (type_code, txn_type_raw) = f.required("type", f.code("type")?)?;
    let (status_code, status_raw) = f.required("status", f.code("status")?)?;
    let direction = f.code("direction")?;
    Ok(CardTransaction {
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
