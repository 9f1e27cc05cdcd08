//! `event.id` is what a receiver dedupes on, so for every dialect: a retry of a push keeps its id,
//! a new state of the same object gets a new one, and nothing a signature leaves uncovered (a
//! header, a delivery's request id or timestamp, an envelope id the provider does not say a retry
//! keeps) decides it. Bodies follow the providers' documented examples; `decode` reads them the
//! way a verify does once the signature holds (the id never depends on the signature).

use cardhook::{Dialect, Headers, Limits, decode};
use sha2::Digest as _;

/// One delivery: its headers and raw body.
struct Push {
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn push(headers: &[(&'static str, &str)], body: &str) -> Push {
    Push {
        headers: headers.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        body: body.to_owned(),
    }
}

/// A push, the same push delivered again, and the push of the same object's next state.
struct Case {
    first: Push,
    retry: Push,
    new_state: Push,
}

fn id(dialect: Dialect, push: &Push) -> String {
    let headers: Headers = push.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let event = decode(
        push.body.as_bytes(),
        &headers,
        Some(dialect),
        &Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{dialect}: {e}: {}", push.body));
    event
        .id
        .unwrap_or_else(|| panic!("{dialect}: no id for {}", push.body))
}

/// The case of each dialect; a dialect added to the registry without one fails the test.
fn case(dialect: &str) -> Option<Case> {
    Some(match dialect {
        // No envelope: a retry is the same signed body (the unsigned header may come or go).
        "onerway" => {
            let txn = |status: &str| {
                format!(
                    r#"{{"txnType":"AUTHORIZATION","txnStatus":"{status}","txnOrderNo":"TXN20260101001","transactionAmount":50.00,"transactionCurrency":"USD","sign":"c2ln"}}"#
                )
            };
            Case {
                first: push(&[], &txn("P")),
                retry: push(&[("X-Event-Type", "transactionEvent")], &txn("P")),
                new_state: push(&[], &txn("S")),
            }
        }
        // A retry re-signs the same body with a new `x-timestamp`; the next state is a new event.
        "onerway-v2" => {
            let op = |request_id: &str, status: &str| {
                format!(
                    r#"{{"request_id":"{request_id}","event_type":"issuing.cardOperateEvent","created_at":"2026-01-01T00:00:00Z","version":"1.0","data":{{"operateRecordId":300001,"cardId":100001,"clientRequestId":"REQ_2","type":"DEPOSIT","status":"{status}","amount":250.00,"currency":"USD"}}}}"#
                )
            };
            Case {
                first: push(
                    &[("x-timestamp", "1767225600"), ("x-signature", "aa")],
                    &op("req_1", "P"),
                ),
                retry: push(
                    &[("x-timestamp", "1767225615"), ("x-signature", "bb")],
                    &op("req_1", "P"),
                ),
                new_state: push(
                    &[("x-timestamp", "1767225660"), ("x-signature", "cc")],
                    &op("req_2", "S"),
                ),
            }
        }
        // Retries are not documented, nor whether one would keep `notify_id`: it is varied.
        "openapi-notify" => {
            let trade = |notify_id: &str, event: &str, settle_at: &str| {
                format!(
                    r#"{{"notify_id":"{notify_id}","customer_id":10001320,"event":"{event}","event_data":"{{\"flow_id\":\"V7VU9M\",\"type\":1,\"card_id\":\"cid_k7KmWwSf1m6TgPxE\",\"auth_amount\":1.54,\"auth_currency\":\"USD\",\"settle_at\":\"{settle_at}\",\"result\":1}}"}}"#
                )
            };
            Case {
                first: push(&[], &trade("n-1", "card.transaction.authorize.success", "")),
                retry: push(
                    &[],
                    &trade("n-1-again", "card.transaction.authorize.success", ""),
                ),
                new_state: push(
                    &[],
                    &trade(
                        "n-2",
                        "card.transaction.authorize.settled",
                        "2025-07-19 00:00:00",
                    ),
                ),
            }
        }
        // A retry carries a new push `timestamp` (in the body) and new request headers; the
        // order keeps its `orderNo` when its status changes.
        "upay" => {
            let consume = |timestamp: &str, status: u8| {
                format!(
                    r#"{{"event":"CC_CONSUME","trace":"TR1","orderNo":"ORD1","timestamp":{timestamp},"detail":{{"cardId":"C1","orderNo":"ORD1","type":2,"status":{status},"amount":12.50,"currency":"USD","direction":2,"transactionId":"T1"}}}}"#
                )
            };
            let headers = |timestamp: &'static str, request_id: &'static str| {
                [
                    ("X-UPA-TIMESTAMP", timestamp),
                    ("X-UPA-REQUESTID", request_id),
                    ("X-UPA-SIGN", "c2ln"),
                ]
            };
            Case {
                first: push(
                    &headers("1735689600000", "r-1"),
                    &consume("1735689600000", 3),
                ),
                retry: push(
                    &headers("1735689603000", "r-2"),
                    &consume("1735689603000", 3),
                ),
                new_state: push(
                    &headers("1735689660000", "r-3"),
                    &consume("1735689660000", 1),
                ),
            }
        }
        // Retried 5 times; whether a retry keeps `eventId` is not documented: it is varied.
        "nobepay" => {
            let txn = |event_id: &str, status: &str, modified: &str| {
                format!(
                    r#"{{"eventType":"TRANSACTION","eventId":"{event_id}","webhookSubscribeId":"wsb_1","data":{{"transactionId":"t_1","cardId":"c_1","preAuthAmount":-1992,"preAuthCurrency":"USD","status":"{status}","gmtCreate":1652262674000,"gmtModified":{modified}}}}}"#
                )
            };
            Case {
                first: push(&[], &txn("ev_1", "PENDING", "1652262674000")),
                retry: push(&[], &txn("ev_1_again", "PENDING", "1652262674000")),
                new_state: push(&[], &txn("ev_2", "COMPLETE", "1655562674000")),
            }
        }
        // Only `data` is signed; the envelope's `eventId` may change without breaking the
        // signature.
        "alchemypay-v2" => {
            let recharge = |event_id: &str, status: &str| {
                format!(
                    r#"{{"eventId":"{event_id}","eventType":"card.recharge","data":"{{\"orderNo\":\"A1\",\"cardNo\":\"4000123412341234\",\"amount\":\"10.00\",\"status\":\"{status}\"}}","sign":"00"}}"#
                )
            };
            Case {
                first: push(&[], &recharge("evt_1", "PROCESSING")),
                retry: push(&[], &recharge("evt_1_again", "PROCESSING")),
                new_state: push(&[], &recharge("evt_2", "SUCCESS")),
            }
        }
        // `X-WSB-REQUEST-ID` is "a unique id for request": new on every delivery, and unsigned.
        "wasabicard" => {
            let txn = |status: &str| {
                format!(
                    r#"{{"orderNo":"1852379830190366720","merchantOrderNo":"T1852379826671345664","cardNo":"23424290324234454242","currency":"USD","amount":15,"fee":0,"receivedAmount":0,"receivedCurrency":"USD","type":"deposit","status":"{status}","description":null,"remark":null,"transactionTime":1730476754000}}"#
                )
            };
            let headers = |request_id: &'static str| {
                [
                    ("X-WSB-CATEGORY", "card_transaction"),
                    ("X-WSB-REQUEST-ID", request_id),
                    ("X-WSB-SIGNATURE", "c2ln"),
                ]
            };
            Case {
                first: push(&headers("req-1"), &txn("processing")),
                retry: push(&headers("req-2"), &txn("processing")),
                new_state: push(&headers("req-3"), &txn("success")),
            }
        }
        // `x-wk-timestamp` is per delivery and unsigned; whether a resent push keeps `event_id`
        // is not documented: it is varied. A card's next status comes from a new status order
        // (`source_id`).
        "uqpay" => {
            let status = |event_id: &str, order: &str, card_status: &str, time: &str| {
                format!(
                    r#"{{"version":"V1.6.0","event_name":"ISSUING","event_type":"card.status.update.succeeded","event_id":"{event_id}","source_id":"{order}","data":{{"card_id":"6f33bffb-63b3-412e-9fc8-3e4c33f265bf","card_number":"46651711****3173","card_status":"{card_status}","update_reason":"user request","update_time":"{time}"}}}}"#
                )
            };
            let headers = |timestamp: &'static str| {
                [("x-wk-timestamp", timestamp), ("x-wk-signature", "c2ln")]
            };
            Case {
                first: push(
                    &headers("1711077773"),
                    &status("e-1", "o-1", "FROZEN", "2026-04-08T11:46:09+08:00"),
                ),
                retry: push(
                    &headers("1711077833"),
                    &status("e-1-again", "o-1", "FROZEN", "2026-04-08T11:46:09+08:00"),
                ),
                new_state: push(
                    &headers("1711078000"),
                    &status("e-2", "o-2", "ACTIVE", "2026-04-08T12:00:00+08:00"),
                ),
            }
        }
        _ => return None,
    })
}

#[test]
fn every_dialect_retry_keeps_its_id_and_a_new_state_gets_a_new_one() {
    let mut ran = 0;
    for dialect in Dialect::all() {
        let case = case(dialect.as_str())
            .unwrap_or_else(|| panic!("no id case for the dialect `{dialect}`: add one"));
        let first = id(dialect, &case.first);
        assert_eq!(
            first,
            id(dialect, &case.retry),
            "{dialect}: a retry must keep its id"
        );
        assert_ne!(
            first,
            id(dialect, &case.new_state),
            "{dialect}: a new state must get a new id"
        );
        ran += 1;
    }
    assert!(ran >= 8, "ran {ran}");
}

#[test]
fn onerway_spellings_of_one_status_share_an_id() {
    let onerway = Dialect::parse("onerway").unwrap();
    let txn = |status: &str| {
        push(
            &[],
            &format!(r#"{{"txnOrderNo":"TXN20260101001","txnStatus":"{status}","sign":"c2ln"}}"#),
        )
    };
    let record = |status: &str| {
        push(
            &[],
            &format!(r#"{{"operateRecordId":200001,"status":"{status}","sign":"c2ln"}}"#),
        )
    };
    for (spellings, name) in [
        (&["S", "SUCCESS", " S "][..], "SUCCESS"),
        (&["P", "PROCESSING", "PENDING"][..], "PROCESSING"),
        (&["F", "FAIL", "FAILED"][..], "FAILED"),
    ] {
        for spelling in spellings {
            assert_eq!(
                id(onerway, &txn(spelling)),
                format!("TXN20260101001:{name}")
            );
            assert_eq!(id(onerway, &record(spelling)), format!("200001:{name}"));
        }
    }
    // An undocumented code keeps its own text: a state added later is never merged with another.
    assert_eq!(id(onerway, &txn("R")), "TXN20260101001:R");
    assert_ne!(id(onerway, &txn("R")), id(onerway, &txn("X")));
}

#[test]
fn onerway_id_comes_from_the_signed_fields_whatever_the_event_type_header_says() {
    let onerway = Dialect::parse("onerway").unwrap();
    // Both ids: only the unsigned header can say which event this is; it must not pick the id.
    let both = r#"{"operateRecordId":200001,"status":"S","txnOrderNo":"TXN1","txnStatus":"F","sign":"c2ln"}"#;
    let as_record = id(
        onerway,
        &push(&[("X-Event-Type", "cardOperateRecordEvent")], both),
    );
    let as_txn = id(
        onerway,
        &push(&[("X-Event-Type", "transactionEvent")], both),
    );
    assert_eq!(as_record, as_txn);
    // The digest of the signed string: sorted fields, `sign` and nulls left out.
    let signed = r#"{"operateRecordId":"200001","status":"S","txnOrderNo":"TXN1","txnStatus":"F"}"#;
    assert_eq!(as_record, sha256_id(signed));
    // Nothing the signature leaves out changes it: key order, `sign`'s text, a null member.
    let reshaped = r#"{"txnStatus":"F","txnOrderNo":"TXN1","remark":null,"status":"S","operateRecordId":200001,"sign":"00ff"}"#;
    assert_eq!(
        id(
            onerway,
            &push(&[("X-Event-Type", "transactionEvent")], reshaped)
        ),
        as_record
    );

    // Neither id: an event this version does not type still gets an id, header or not.
    let notice = r#"{"notice":"maintenance","at":1767225600000,"sign":"c2ln"}"#;
    let untyped = id(onerway, &push(&[], notice));
    assert_eq!(
        untyped,
        id(onerway, &push(&[("X-Event-Type", "noticeEvent")], notice))
    );
    assert_eq!(
        untyped,
        sha256_id(r#"{"at":"1767225600000","notice":"maintenance"}"#)
    );
}

#[test]
fn wasabicard_push_of_another_category_gets_an_id_from_its_signed_body_whatever_the_header_says() {
    let wasabicard = Dialect::parse("wasabicard").unwrap();
    // A card authorization is pushed again when its status or amounts change (the provider's
    // webhooks page); the body is signed, the category and request id headers are not.
    let auth = |status: &str| {
        format!(
            "{{\"tradeNo\":\"AU1\", \"cardNo\":\"23424290324234454242\", \"type\":\"auth\", \"status\":\"{status}\", \"settleAmount\":0}}"
        )
    };
    let headers = |category: &'static str, request_id: &'static str| {
        [
            ("X-WSB-CATEGORY", category),
            ("X-WSB-REQUEST-ID", request_id),
            ("X-WSB-SIGNATURE", "c2ln"),
        ]
    };
    let first = id(
        wasabicard,
        &push(
            &headers("card_auth_transaction", "r-1"),
            &auth("authorized"),
        ),
    );
    assert_eq!(
        first,
        sha256_id(
            r#"{"tradeNo":"AU1","cardNo":"23424290324234454242","type":"auth","status":"authorized","settleAmount":0}"#
        ),
        "the digest of the body's compact JSON"
    );
    for (category, request_id) in [
        ("card_auth_transaction", "r-2"),
        ("card_fee_patch", "r-1"),
        ("card_status", "r-3"),
    ] {
        assert_eq!(
            id(
                wasabicard,
                &push(&headers(category, request_id), &auth("authorized"))
            ),
            first,
            "{category} {request_id}"
        );
    }
    assert_ne!(
        id(
            wasabicard,
            &push(&headers("card_auth_transaction", "r-4"), &auth("succeed"))
        ),
        first
    );
}

#[test]
fn content_ids_leave_out_only_the_envelope_id_of_unknown_scope() {
    // The digest input, written out: the body's compact JSON without that one member.
    let nobepay = r#"{"eventType":"CREATE_CARD", "eventId":"ev_2", "webhookSubscribeId":"wsb_1", "data":{"cardId":"c_1","status":"ACTIVE"}}"#;
    assert_eq!(
        id(Dialect::parse("nobepay").unwrap(), &push(&[], nobepay)),
        sha256_id(
            r#"{"eventType":"CREATE_CARD","webhookSubscribeId":"wsb_1","data":{"cardId":"c_1","status":"ACTIVE"}}"#
        )
    );
    let openapi = r#"{"notify_id":"g-1","customer_id":10001320,"event":"wallet.transaction","event_data":"{\"amount\":1.50}"}"#;
    assert_eq!(
        id(
            Dialect::parse("openapi-notify").unwrap(),
            &push(&[], openapi)
        ),
        sha256_id(
            r#"{"customer_id":10001320,"event":"wallet.transaction","event_data":"{\"amount\":1.50}"}"#
        )
    );
    let uqpay = r#"{"version":"V1.6.0","event_name":"ISSUING","event_type":"card.create.succeeded","event_id":"e-1","source_id":"s-1","data":{"card_id":"c","amount":"1000"}}"#;
    assert_eq!(
        id(Dialect::parse("uqpay").unwrap(), &push(&[], uqpay)),
        sha256_id(
            r#"{"version":"V1.6.0","event_name":"ISSUING","event_type":"card.create.succeeded","source_id":"s-1","data":{"card_id":"c","amount":"1000"}}"#
        )
    );
}

#[test]
fn upay_id_names_the_state_of_the_order() {
    let upay = Dialect::parse("upay").unwrap();
    let event = |event: &str, detail: &str| {
        push(
            &[],
            &format!(
                r#"{{"event":"{event}","trace":"TR1","orderNo":"ORD1","timestamp":1735689600000,"detail":{detail}}}"#
            ),
        )
    };
    for (name, detail, want) in [
        (
            "CC_REFUND",
            r#"{"cardId":"C1","type":"3","status":"4","amount":1,"currency":"USD"}"#,
            "CC_REFUND:ORD1:REFUND:CREDITED",
        ),
        (
            "CC_CONSUME",
            r#"{"cardId":"C1","type":2,"status":99,"amount":1,"currency":"USD"}"#,
            "CC_CONSUME:ORD1:CONSUMPTION:99",
        ),
        (
            "CA_APPLY",
            r#"{"cardId":"C1","status":2}"#,
            "CA_APPLY:ORD1:PENDING_PAYMENT",
        ),
        (
            "CR_RECHARGE",
            r#"{"cardId":"C1","status":8}"#,
            "CR_RECHARGE:ORD1:PENDING_PAYMENT",
        ),
        (
            "NE_VERIFY",
            r#"{"code":"123456","type":"CARD_ACTIVATION"}"#,
            "NE_VERIFY:ORD1:CARD_ACTIVATION",
        ),
        (
            "KS_KYC",
            r#"{"customerNo":"CU","status":"2"}"#,
            "KS_KYC:ORD1:REFUSE",
        ),
        (
            "CSC_STATUS_CHANGE",
            r#"{"cardId":"C1","status":"3"}"#,
            "CSC_STATUS_CHANGE:ORD1:FROZEN",
        ),
        ("3DS_OTP", r#"{"3dsCode":"123456"}"#, "3DS_OTP:ORD1"),
        (
            "CS_APPROVED",
            r#"{"cardId":"C1","cardStatus":1}"#,
            "CS_APPROVED:ORD1",
        ),
        ("CE_EVENT", r#"{"cardId":"C1"}"#, "CE_EVENT:ORD1"),
    ] {
        assert_eq!(id(upay, &event(name, detail)), want);
    }
}

/// `sha256:` and the lowercase hex SHA-256 of `text`, written out here rather than taken from the
/// crate.
fn sha256_id(text: &str) -> String {
    let digest = sha2::Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
