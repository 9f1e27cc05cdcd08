//! The caller, not the sender, decides the dialect (the Rust API): credentials belong to named
//! dialects, detection chooses among them only, and a push of another dialect is a sender error.

mod common;

use cardhook::{Credentials, Dialect, ErrorCode, Headers, PublicKey, Secret, Verifier};
use serde_json::Value as J;

fn key() -> PublicKey {
    common::rsa2048_key()
}

fn dialect(name: &str) -> Dialect {
    Dialect::parse(name).unwrap()
}

/// A Java-signed onerway transaction push.
fn onerway_body() -> String {
    common::onerway_transaction_body()
}

#[test]
fn a_credential_that_could_verify_several_dialects_is_refused_without_a_dialect() {
    let err = Verifier::for_credentials(Credentials::keys(vec![key()])).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
    assert!(err.message().contains("onerway"), "{}", err.message());
    assert!(err.message().contains("wasabicard"), "{}", err.message());
    let secret = Secret::new("s").unwrap();
    let err = Verifier::for_credentials(Credentials::secrets(vec![secret])).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
}

#[test]
fn a_push_of_a_dialect_not_accepted_is_a_sender_error() {
    // A genuine onerway push's signed fields re-wrapped with wasabicard's signature header.
    let body = onerway_body();
    let parsed: J = serde_json::from_str(&body).unwrap();
    let signed = cardhook::sorted_signed_input(
        body.as_bytes(),
        cardhook::CanonicalForm::Json,
        &Default::default(),
    )
    .unwrap();
    let headers: Headers = [
        ("X-WSB-SIGNATURE", parsed["sign"].as_str().unwrap()),
        ("X-WSB-CATEGORY", "card_status"),
    ]
    .into_iter()
    .collect();
    let route = Verifier::for_dialects(vec![
        (dialect("onerway"), Credentials::keys(vec![key()])),
        (
            dialect("onerway-v2"),
            Credentials::secrets(vec![Secret::new("s").unwrap()]),
        ),
    ])
    .unwrap();
    let err = route.verify(signed.as_bytes(), &headers).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DialectNotAllowed);
    assert!(err.message().contains("wasabicard"), "{}", err.message());
    assert!(!err.is_caller_error(), "any sender can cause it");
    assert!(err.is_malformed());
    // The genuine push verifies on that route.
    let event = route.verify(body.as_bytes(), &Headers::new()).unwrap();
    assert_eq!(event.dialect, dialect("onerway"));
    // The re-wrapping is a genuine wasabicard signature under onerway's key: only the dialect the
    // caller gave that key for keeps it out.
    let other = Verifier::new(dialect("wasabicard"), Credentials::keys(vec![key()])).unwrap();
    assert!(other.verify(signed.as_bytes(), &headers).is_ok());
}

#[test]
fn one_credential_shared_by_two_dialects_of_its_kind_is_refused() {
    let secret = Credentials::secrets(vec![Secret::new("s").unwrap()]);
    let err = Verifier::for_dialect_set(&[dialect("onerway-v2"), dialect("uqpay")], secret.clone())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
    // One of each kind is fine: each dialect gets the credential of its kind.
    let both = Credentials {
        keys: vec![key()],
        secrets: secret.secrets.clone(),
    };
    let route =
        Verifier::for_dialect_set(&[dialect("onerway"), dialect("onerway-v2")], both).unwrap();
    assert_eq!(route.dialects().count(), 2);
    // A credential no named dialect uses is a mistake.
    let err = Verifier::for_dialect_set(
        &[dialect("onerway")],
        Credentials {
            keys: vec![key()],
            secrets: secret.secrets,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
}

#[test]
fn an_unsigned_dialect_takes_no_credentials() {
    let err = Verifier::new(
        dialect("nobepay"),
        Credentials::secrets(vec![Secret::new("s").unwrap()]),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnsignedDialect);
}
