//! The dialect registry keeps its promises: ids are unique and parse back, the headers the
//! JavaScript side forwards are exactly those the dialects declare, and no dialect reads a header
//! it does not declare (every vector and decode case gives the same outcome when each dialect sees
//! only its declared headers, and when it sees them all). A dialect reading an undeclared header
//! would work in Rust and silently fail in JavaScript, which forwards only declared headers.

mod common;

use cardhook::dialects::headers_read;
use cardhook::{Credentials, Dialect, Headers, Limits, Secret, Verifier, decode};
use serde_json::Value as J;

#[test]
fn ids_are_unique_and_parse_back() {
    let ids: Vec<&str> = Dialect::all().map(Dialect::as_str).collect();
    assert!(ids.len() >= 6);
    for (i, id) in ids.iter().enumerate() {
        assert!(!ids[..i].contains(id), "{id} twice");
        assert_eq!(Dialect::parse(id).unwrap().as_str(), *id);
        assert_eq!(Dialect::parse(id).unwrap().spec().id, *id);
    }
}

#[test]
fn forwarded_headers_are_the_declared_ones() {
    let mut declared: Vec<&str> = Dialect::all()
        .flat_map(|d| d.headers().iter().copied())
        .collect();
    declared.sort_unstable();
    declared.dedup();
    let mut forwarded = headers_read();
    forwarded.sort_unstable();
    assert_eq!(forwarded, declared);
    for header in &forwarded {
        assert_eq!(
            *header,
            header.to_ascii_lowercase(),
            "declare headers in lowercase"
        );
    }
}

/// Every body with headers the tests know: HMAC vectors, decode cases, and the onerway header.
fn cases() -> Vec<(String, String, Vec<(String, String)>, Option<String>)> {
    let mut out = Vec::new();
    let hmac: J = serde_json::from_str(include_str!("vectors/hmac.json")).unwrap();
    for c in hmac["cases"].as_array().unwrap() {
        let headers = common::header_pairs(c);
        out.push((
            c["name"].as_str().unwrap().to_owned(),
            c["body"].as_str().unwrap().to_owned(),
            headers,
            c["secret"].as_str().map(str::to_owned),
        ));
    }
    let decode_cases: J = serde_json::from_str(include_str!("data/decode-cases.json")).unwrap();
    for c in decode_cases["cases"].as_array().unwrap() {
        let mut headers = common::header_pairs(c);
        out.push((
            c["name"].as_str().unwrap().to_owned(),
            c["body"].as_str().unwrap().to_owned(),
            headers.clone(),
            None,
        ));
        headers.push(("X-Event-Type".into(), "transactionEvent".into()));
        out.push((
            format!("{} with X-Event-Type", c["name"].as_str().unwrap()),
            c["body"].as_str().unwrap().to_owned(),
            headers,
            None,
        ));
    }
    out
}

fn outcome<T: std::fmt::Debug>(result: cardhook::Result<T>) -> String {
    match result {
        Ok(value) => format!("{value:?}"),
        Err(e) => e.code().as_str().to_owned(),
    }
}

#[test]
fn dialects_read_only_the_headers_they_declare() {
    let now = Some(1_767_225_620_000);
    let mut compared = 0;
    for (name, body, all, secret) in cases() {
        let all_headers: Headers = all.iter().cloned().collect();
        for dialect in Dialect::all() {
            let declared: Headers = all
                .iter()
                .filter(|(k, _)| dialect.headers().contains(&k.to_ascii_lowercase().as_str()))
                .cloned()
                .collect();
            let limits = Limits::default();
            assert_eq!(
                outcome(decode(body.as_bytes(), &declared, Some(dialect), &limits)),
                outcome(decode(
                    body.as_bytes(),
                    &all_headers,
                    Some(dialect),
                    &limits
                )),
                "{name}: decode as {dialect}"
            );
            // A secret verifies only HMAC dialects; RSA and unsigned ones refuse it up front.
            let secret = secret
                .as_ref()
                .filter(|_| dialect.credential() == Some(cardhook::Setting::Secret));
            if let Some(secret) = secret {
                let verifier = Verifier::new(
                    dialect,
                    Credentials::secrets(vec![Secret::new(secret).unwrap()]),
                )
                .unwrap();
                assert_eq!(
                    outcome(verifier.verify_at(body.as_bytes(), &declared, now)),
                    outcome(verifier.verify_at(body.as_bytes(), &all_headers, now)),
                    "{name}: verify as {dialect}"
                );
            }
            compared += 1;
        }
    }
    assert!(compared > 1000, "compared only {compared}");
}

#[test]
fn every_signed_dialect_signs_pushes_that_verify() {
    use cardhook::{
        CanonicalForm, PrivateKey, PublicKey, SignContext, SignatureEncoding, sign_request,
    };
    let rsa: J = serde_json::from_str(include_str!("vectors/onerway-rsa.json")).unwrap();
    let key = PrivateKey::parse(rsa["keys"]["rsa2048"]["privateKeyPem"].as_str().unwrap()).unwrap();
    let public = PublicKey::parse(
        rsa["keys"]["rsa2048"]["publicKeyPem"].as_str().unwrap(),
        false,
    )
    .unwrap();
    let secret = Secret::new("whk_registry").unwrap();
    let now = 1_767_225_600_000;
    let payloads = [
        (
            "onerway",
            r#"{"txnOrderNo":"T1","txnStatus":"S","transactionAmount":1.50}"#,
        ),
        (
            "onerway-v2",
            r#"{"request_id":"r1","event_type":"issuing.cardTransactionEvent","data":{"txnOrderNo":"T1","txnStatus":"S"}}"#,
        ),
        (
            "upay",
            r#"{"event":"CS_APPROVED","trace":"t","orderNo":"o1","timestamp":1,"detail":{"cardId":"C1"}}"#,
        ),
        (
            "alchemypay-v2",
            r#"{"eventId":"e1","eventType":"card.create","data":{"cardNo":"1"}}"#,
        ),
        (
            "wasabicard",
            r#"{"orderNo":"1","currency":"USD","amount":15,"receivedAmount":0,"receivedCurrency":"USD","type":"create","status":"success"}"#,
        ),
        (
            "uqpay",
            r#"{"version":"V1.6.0","event_name":"ISSUING","event_type":"card.create.succeeded","event_id":"e1","source_id":"s1","data":{}}"#,
        ),
    ];
    let mut signed_dialects = 0;
    for dialect in Dialect::all() {
        let context = SignContext {
            key: Some(&key),
            secret: Some(&secret),
            now_ms: now,
            event_type: None,
            form: CanonicalForm::Json,
            encoding: SignatureEncoding::Base64,
            request_id: "req-1",
        };
        let payload = payloads
            .iter()
            .find(|(id, _)| *id == dialect.as_str())
            .map(|(_, p)| *p);
        match (dialect.is_signed(), payload) {
            (true, Some(payload)) => {
                let request = sign_request(dialect, payload.as_bytes(), &context).unwrap();
                let headers: Headers = request.headers.into_iter().collect();
                let verifier = Verifier::new(
                    dialect,
                    match dialect.credential() {
                        Some(cardhook::Setting::PublicKey) => {
                            Credentials::keys(vec![public.clone()])
                        }
                        _ => Credentials::secrets(vec![secret.clone()]),
                    },
                )
                .unwrap();
                let event = verifier
                    .verify_at(request.body.as_bytes(), &headers, Some(now))
                    .unwrap_or_else(|e| panic!("{dialect}: {e}"));
                assert!(event.verified, "{dialect}");
                signed_dialects += 1;
            }
            (true, None) => panic!("{dialect} is signed: add a payload to this test"),
            (false, _) => assert_eq!(
                sign_request(dialect, b"{}", &context).unwrap_err().code(),
                cardhook::ErrorCode::UnsignedDialect
            ),
        }
    }
    assert_eq!(signed_dialects, payloads.len());
}
