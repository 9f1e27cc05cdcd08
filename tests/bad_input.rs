//! Every kind of bad input and bad key, each with the error code that names it. Also: messages
//! never echo key material or whole bodies, and `Debug` of secrets and keys is redacted.

mod common;

use cardhook::{
    CanonicalForm, Credentials, ErrorCode, Headers, Limits, PrivateKey, PublicKey, Secret,
    Verifier, decode, sorted_signed_input,
};
use serde_json::Value as J;

fn vectors() -> J {
    serde_json::from_str(include_str!("vectors/onerway-rsa.json")).unwrap()
}

fn key_2048() -> PublicKey {
    common::rsa2048_key()
}

fn good_body() -> String {
    common::onerway_transaction_body()
}

fn verify_code(body: &[u8]) -> ErrorCode {
    Verifier::new(onerway(), Credentials::keys(vec![key_2048()]))
        .unwrap()
        .verify(body, &Headers::new())
        .unwrap_err()
        .code()
}

fn decode_code(body: &[u8]) -> ErrorCode {
    decode(body, &Headers::new(), None, &Limits::default())
        .unwrap_err()
        .code()
}

#[test]
fn empty_body() {
    assert_eq!(verify_code(b""), ErrorCode::EmptyBody);
    assert_eq!(decode_code(b"  \r\n"), ErrorCode::EmptyBody);
}

#[test]
fn non_utf8_bytes() {
    assert_eq!(
        verify_code(b"{\"txnOrderNo\":\"\xc3\x28\"}"),
        ErrorCode::InvalidUtf8
    );
    assert_eq!(decode_code(b"\xff\xfe{}"), ErrorCode::InvalidUtf8);
}

#[test]
fn byte_order_mark() {
    let body = format!("\u{feff}{}", good_body());
    assert_eq!(verify_code(body.as_bytes()), ErrorCode::MalformedJson);
}

#[test]
fn truncated_json() {
    let body = good_body().trim_end().to_owned();
    for cut in [1, body.len() / 3, body.len() / 2, body.len() - 1] {
        assert_eq!(
            verify_code(&body.as_bytes()[..cut]),
            ErrorCode::MalformedJson,
            "cut at {cut}"
        );
    }
}

#[test]
fn trailing_garbage() {
    assert_eq!(
        verify_code(format!("{} x", good_body()).as_bytes()),
        ErrorCode::MalformedJson
    );
    assert_eq!(
        verify_code(format!("{}{{}}", good_body()).as_bytes()),
        ErrorCode::MalformedJson
    );
}

#[test]
fn top_level_not_an_object() {
    for body in ["[]", "\"sign\"", "42", "null", "true"] {
        assert_eq!(
            verify_code(body.as_bytes()),
            ErrorCode::NotAnObject,
            "{body}"
        );
    }
}

#[test]
fn duplicate_keys_including_a_duplicate_sign() {
    let body = good_body();
    let dup_sign = body.replacen("{", "{\"sign\":\"AAAA\",", 1);
    assert_eq!(verify_code(dup_sign.as_bytes()), ErrorCode::DuplicateKey);
    let dup_field = body.replacen("{", "{\"txnStatus\":\"F\",", 1);
    assert_eq!(verify_code(dup_field.as_bytes()), ErrorCode::DuplicateKey);
}

#[test]
fn depth_past_the_limit() {
    let deep = format!(
        "{{\"txnOrderNo\":\"T\",\"sign\":\"x\",\"n\":{}1{}}}",
        "[".repeat(64),
        "]".repeat(64)
    );
    assert_eq!(verify_code(deep.as_bytes()), ErrorCode::TooDeep);
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    assert_eq!(
        decode(
            b"{\"a\":{\"b\":{\"c\":{}}}}",
            &Headers::new(),
            None,
            &limits
        )
        .unwrap_err()
        .code(),
        ErrorCode::TooDeep
    );
    assert_eq!(
        Limits {
            max_depth: 10_000,
            ..Limits::default()
        }
        .validated()
        .unwrap_err()
        .code(),
        ErrorCode::InvalidOption
    );
}

#[test]
fn body_past_the_size_limit() {
    let verifier = Verifier::new(onerway(), Credentials::keys(vec![key_2048()]))
        .unwrap()
        .with_limits(Limits {
            max_body_bytes: 100,
            max_depth: 64,
        });
    assert_eq!(
        verifier
            .verify(good_body().as_bytes(), &Headers::new())
            .unwrap_err()
            .code(),
        ErrorCode::TooLarge
    );
    let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(1024 * 1024));
    assert_eq!(decode_code(huge.as_bytes()), ErrorCode::TooLarge);
}

#[test]
fn sign_not_a_string() {
    for sign in ["123", "null", "[\"a\"]", "{\"v\":1}", "true"] {
        let body = format!("{{\"txnOrderNo\":\"T\",\"txnStatus\":\"S\",\"sign\":{sign}}}");
        let code = verify_code(body.as_bytes());
        let want = if sign == "null" {
            ErrorCode::MissingSignature
        } else {
            ErrorCode::InvalidSignatureEncoding
        };
        assert_eq!(code, want, "{sign}");
    }
}

#[test]
fn signature_of_the_wrong_length() {
    let body = good_body();
    let doc: J = serde_json::from_str(&body).unwrap();
    let sign = doc["sign"].as_str().unwrap();
    let short = body.replace(sign, &sign[..sign.len() - 8]);
    assert_eq!(
        verify_code(short.as_bytes()),
        ErrorCode::InvalidSignatureEncoding
    );
    let hex_short = body.replace(sign, &"ab".repeat(255));
    assert_eq!(
        verify_code(hex_short.as_bytes()),
        ErrorCode::InvalidSignatureEncoding
    );
    let right_length_wrong_bytes = body.replace(sign, &"ab".repeat(256));
    assert_eq!(
        verify_code(right_length_wrong_bytes.as_bytes()),
        ErrorCode::SignatureMismatch
    );
}

#[test]
fn keys_that_are_not_rsa() {
    for pem in [
        include_str!("data/keys/ec-p256-public.pem"),
        include_str!("data/keys/ed25519-public.pem"),
    ] {
        let err = PublicKey::parse(pem, true).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidKey);
        assert!(
            err.message().contains("not an RSA key"),
            "{}",
            err.message()
        );
    }
}

#[test]
fn weak_keys_refused_unless_allowed() {
    for pem in [
        include_str!("data/keys/rsa1024-public.pem"),
        include_str!("data/keys/rsa1024-public-pkcs1.pem"),
    ] {
        assert_eq!(
            PublicKey::parse(pem, false).unwrap_err().code(),
            ErrorCode::WeakKey
        );
        assert_eq!(PublicKey::parse(pem, true).unwrap().bits(), 1024);
    }
    // With allowWeakKeys, a body signed by node:crypto under the 1024-bit key verifies.
    let weak = PublicKey::parse(include_str!("data/keys/rsa1024-public.pem"), true).unwrap();
    let body = include_str!("data/keys/rsa1024-signed-body.json");
    assert!(
        Verifier::new(onerway(), Credentials::keys(vec![weak]))
            .unwrap()
            .verify(body.as_bytes(), &Headers::new())
            .unwrap()
            .verified
    );
    // Under 1024 bits nothing can allow it.
    assert_eq!(
        PublicKey::parse(include_str!("data/keys/rsa512-public.pem"), true)
            .unwrap_err()
            .code(),
        ErrorCode::WeakKey
    );
}

#[test]
fn pem_with_garbage() {
    let pem = vectors()["keys"]["rsa2048"]["publicKeyPem"]
        .as_str()
        .unwrap()
        .to_owned();
    let garbled = pem.replacen("MII", "M!I", 1);
    assert_eq!(
        PublicKey::parse(&garbled, false).unwrap_err().code(),
        ErrorCode::InvalidKey
    );
    let truncated = format!("{}\n-----END PUBLIC KEY-----", &pem[..pem.len() / 2]);
    assert_eq!(
        PublicKey::parse(&truncated, false).unwrap_err().code(),
        ErrorCode::InvalidKey
    );
    assert_eq!(
        PublicKey::parse(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
            false
        )
        .unwrap_err()
        .code(),
        ErrorCode::InvalidKey
    );
    assert_eq!(
        PrivateKey::parse(&pem).unwrap_err().code(),
        ErrorCode::InvalidKey
    );
}

#[test]
fn event_data_not_json_or_not_an_object() {
    for inner in [
        "\"not json\"",
        "\"[1,2]\"",
        "\"42\"",
        "\"{\\\"a\\\":}\"",
        "17",
    ] {
        let body = format!(
            "{{\"notify_id\":\"n\",\"event\":\"card.status.active\",\"event_data\":{inner}}}"
        );
        assert_eq!(
            decode_code(body.as_bytes()),
            ErrorCode::MalformedEventData,
            "{inner}"
        );
    }
}

#[test]
fn numbers_like_1e999_and_minus_zero() {
    // In the signed string a number is its source text, whatever its magnitude.
    let body = b"{\"big\":1e999,\"neg\":-0,\"z\":-0.0}";
    assert_eq!(
        sorted_signed_input(body, CanonicalForm::Pairs, &Limits::default()).unwrap(),
        "big=1e999&neg=-0&z=-0.0"
    );
    // As money, only plain decimals are amounts: 1e999 is refused, -0 kept as sent.
    let money = |amount: &str| {
        let body = format!(
            "{{\"txnOrderNo\":\"T\",\"txnStatus\":\"S\",\"transactionAmount\":{amount},\"sign\":\"x\"}}"
        );
        decode(body.as_bytes(), &Headers::new(), None, &Limits::default())
    };
    assert_eq!(money("1e999").unwrap_err().code(), ErrorCode::InvalidField);
    let event = money("-0").unwrap();
    assert_eq!(
        serde_json::to_value(&event.data).unwrap()["transactionAmount"]["amount"],
        "-0"
    );
    // NobePay cents: -0 is zero.
    let nobe = b"{\"eventType\":\"TRANSACTION\",\"eventId\":\"e\",\"data\":{\"transactionId\":\"t\",\"status\":\"COMPLETE\",\"transactionAmount\":-0}}";
    let event = decode(nobe, &Headers::new(), None, &Limits::default()).unwrap();
    assert_eq!(
        serde_json::to_value(&event.data).unwrap()["transactionAmount"]["amount"],
        "0.00"
    );
    let nobe_exp = b"{\"eventType\":\"TRANSACTION\",\"eventId\":\"e\",\"data\":{\"transactionId\":\"t\",\"status\":\"COMPLETE\",\"transactionAmount\":1e999}}";
    assert_eq!(decode_code(nobe_exp), ErrorCode::InvalidField);
}

#[test]
fn messages_never_echo_key_material_or_bodies() {
    let pem = vectors()["keys"]["rsa2048"]["privateKeyPem"]
        .as_str()
        .unwrap()
        .to_owned();
    let err = PublicKey::parse(&pem, false).unwrap_err();
    assert!(!err.message().contains("MII"), "{}", err.message());
    let secret_body = format!(
        "{{\"txnOrderNo\":\"{}\",\"txnStatus\":\"S\",\"sign\":\"!!\"}}",
        "S3CRET".repeat(40)
    );
    let err = Verifier::new(onerway(), Credentials::keys(vec![key_2048()]))
        .unwrap()
        .verify(secret_body.as_bytes(), &Headers::new())
        .unwrap_err();
    assert!(!err.message().contains("S3CRET"), "{}", err.message());
    let dup = format!("{{\"{}\":1,\"{}\":2}}", "K".repeat(500), "K".repeat(500));
    let err = decode(dup.as_bytes(), &Headers::new(), None, &Limits::default()).unwrap_err();
    assert!(err.message().len() < 200, "{}", err.message());
    assert_eq!(
        format!("{:?}", PrivateKey::parse(&pem).unwrap()),
        "PrivateKey([redacted])"
    );
    assert_eq!(
        format!("{:?}", Secret::new("hunter2").unwrap()),
        "Secret([redacted])"
    );
    assert!(!format!("{:?}", key_2048()).contains("MII"));
}

/// The onerway dialect, which these RSA cases are pushes of.
fn onerway() -> cardhook::Dialect {
    cardhook::Dialect::parse("onerway").unwrap()
}
