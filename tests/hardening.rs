//! Regression tests from an adversarial review of the package: nothing unsigned passes as
//! verified, `null` means absent everywhere, keys are read as providers hand them out, and edge
//! values neither overflow nor lose precision. Bodies are the Java-signed vectors
//! (`tests/vectors/onerway-rsa.json`) and the node:crypto-signed HMAC vectors (`hmac.json`).

use cardhook::{
    Credentials, Dialect, ErrorCode, EventData, Headers, Limits, Property, PublicKey, Secret,
    Verifier, decode,
};
use serde_json::Value as J;

fn rsa_vectors() -> J {
    serde_json::from_str(include_str!("vectors/onerway-rsa.json")).unwrap()
}

fn key_pem() -> String {
    rsa_vectors()["keys"]["rsa2048"]["publicKeyPem"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn verifier() -> Verifier {
    Verifier::new(
        onerway(),
        Credentials::keys(vec![PublicKey::parse(&key_pem(), false).unwrap()]),
    )
    .unwrap()
}

/// A Java-signed body of the named payload (`transaction` or `card-operate-record`).
fn signed_body(payload: &str) -> String {
    rsa_vectors()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == format!("{payload}/rsa2048/json/base64"))
        .unwrap()["body"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn with_header(name: &str, value: &str) -> Headers {
    [(name, value)].into_iter().collect()
}

#[test]
fn onerway_type_comes_from_the_signed_body_not_the_header() {
    let body = signed_body("transaction");
    for headers in [
        Headers::new(),
        with_header("X-Event-Type", "transactionEvent"),
    ] {
        let event = verifier().verify(body.as_bytes(), &headers).unwrap();
        assert_eq!(event.event_type, "transactionEvent");
        assert!(event.id.as_deref().unwrap().starts_with("TXN"));
        assert!(matches!(
            event.data,
            EventData::Onerway(cardhook::dialects::onerway::Data::Transaction(_))
        ));
        assert!(event.unsigned.is_empty(), "{:?}", event.unsigned);
    }
    for lie in [
        "Bogus",
        "cardOperateRecordEvent",
        "transactionEvent, transactionEvent",
        "",
    ] {
        let err = verifier()
            .verify(body.as_bytes(), &with_header("X-Event-Type", lie))
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidHeader, "{lie:?}: {err}");
    }
    let mut repeated = Headers::new();
    repeated.insert("x-event-type", "transactionEvent");
    repeated.insert("X-Event-Type", "transactionEvent");
    assert_eq!(
        verifier()
            .verify(body.as_bytes(), &repeated)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidHeader
    );
    // The card operation body likewise cannot be presented as a transaction.
    let record = signed_body("card-operate-record");
    assert_eq!(
        verifier()
            .verify(
                record.as_bytes(),
                &with_header("x-event-type", "transactionEvent")
            )
            .unwrap_err()
            .code(),
        ErrorCode::InvalidHeader
    );
}

#[test]
fn onerway_header_names_an_untyped_event_only_as_unsigned() {
    // A body with neither id is an event this library does not type: the header names it, and
    // the event says that its type (and so its id and data shape) is not signed.
    let body = br#"{"notice":"maintenance","sign":"00"}"#;
    let event = decode(
        body,
        &with_header("X-Event-Type", "noticeEvent"),
        Some(Dialect::parse("onerway").unwrap()),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(event.event_type, "noticeEvent");
    let unverified: Vec<Property> = Property::ALL.to_vec();
    assert_eq!(event.unsigned, unverified);
}

#[test]
fn null_field_cannot_change_what_a_body_is_read_as() {
    let body = signed_body("transaction");
    let genuine = verifier().verify(body.as_bytes(), &Headers::new()).unwrap();
    // Nulls are dropped before signing, so this addition keeps the signature valid.
    let with_null = body.replacen('{', "{\"operateRecordId\": null,", 1);
    let event = verifier()
        .verify(with_null.as_bytes(), &Headers::new())
        .unwrap();
    assert_eq!(event, genuine);
    let detected = decode(
        with_null.as_bytes(),
        &Headers::new(),
        None,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(detected.event_type, "transactionEvent");
    // Detection of every dialect ignores null members: a null `notify_id` is not openapi-notify.
    let nobepay = br#"{"eventType":"TRANSACTION","eventId":"e1","notify_id":null,"event_data":null,"data":{"transactionId":"t","status":"COMPLETE"}}"#;
    let event = decode(nobepay, &Headers::new(), None, &Limits::default()).unwrap();
    assert_eq!(event.dialect.as_str(), "nobepay");
}

#[test]
fn unverified_events_list_every_property_as_unsigned() {
    let body = signed_body("transaction");
    let event = decode(body.as_bytes(), &Headers::new(), None, &Limits::default()).unwrap();
    assert!(!event.verified);
    assert_eq!(
        event.unsigned,
        vec![
            Property::Type,
            Property::Id,
            Property::Data,
            Property::Payload
        ]
    );
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(
        json["unsigned"],
        serde_json::json!(["type", "id", "data", "payload"])
    );
}

#[test]
fn alchemypay_v2_envelope_cannot_change_the_id_and_its_type_is_reported_unsigned() {
    let doc: J = serde_json::from_str(include_str!("vectors/hmac.json")).unwrap();
    let case = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "alchemypay-v2 card.recharge (hex): valid")
        .unwrap();
    let secret = Secret::new(case["secret"].as_str().unwrap()).unwrap();
    let verifier = Verifier::new(
        cardhook::Dialect::parse("alchemypay-v2").unwrap(),
        Credentials::secrets(vec![secret]),
    )
    .unwrap();
    let body = case["body"].as_str().unwrap();
    let genuine = verifier.verify(body.as_bytes(), &Headers::new()).unwrap();
    let replayed = body.replace("evt_hex", "evt_other");
    let relabelled = body.replace("card.recharge", "card.withdraw");
    let replay = verifier
        .verify(replayed.as_bytes(), &Headers::new())
        .unwrap();
    let relabel = verifier
        .verify(relabelled.as_bytes(), &Headers::new())
        .unwrap();
    assert_eq!(
        replay.id, genuine.id,
        "the id must not follow the unsigned eventId"
    );
    assert!(genuine.id.as_deref().unwrap().starts_with("sha256:"));
    assert_eq!(relabel.event_type, "card.withdraw");
    for event in [&genuine, &replay, &relabel] {
        assert_eq!(event.unsigned, vec![Property::Type, Property::Payload]);
    }
}

/// Reformats the body lines of a PEM block (between its BEGIN and END lines).
fn reshape_pem(pem: &str, reshape: impl Fn(&str) -> String) -> String {
    let lines: Vec<&str> = pem.trim().lines().collect();
    let (first, last) = (lines[0], lines[lines.len() - 1]);
    let base64: String = lines[1..lines.len() - 1].concat();
    format!("{first}\n{}\n{last}\n", reshape(&base64))
}

fn wrap(base64: &str, width: usize, prefix: &str, suffix: &str) -> String {
    base64
        .as_bytes()
        .chunks(width)
        .map(|c| format!("{prefix}{}{suffix}", std::str::from_utf8(c).unwrap()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn keys_are_read_as_providers_hand_them_out() {
    let pem = key_pem();
    let body = signed_body("transaction");
    let forms = [
        (
            "trailing spaces",
            reshape_pem(&pem, |b| wrap(b, 64, "", "   ")),
        ),
        (
            "indented lines",
            reshape_pem(&pem, |b| wrap(b, 64, "    ", "")),
        ),
        ("one long line", reshape_pem(&pem, |b| b.to_owned())),
        (
            "76-column MIME wrapping",
            reshape_pem(&pem, |b| wrap(b, 76, "", "\r")),
        ),
        ("blank lines", reshape_pem(&pem, |b| wrap(b, 64, "", "\n"))),
        ("\\n written out", pem.trim().replace('\n', "\\n")),
        ("all on one line", pem.trim().replace('\n', " ")),
        (
            "indented block with text around it",
            format!(
                "Provider public key:\n    {}\n(keep it safe)",
                pem.trim().replace('\n', "\n    ")
            ),
        ),
    ];
    for (what, text) in forms {
        let key = PublicKey::parse(&text, false).unwrap_or_else(|e| panic!("{what}: {e}"));
        let event = Verifier::new(onerway(), Credentials::keys(vec![key]))
            .unwrap()
            .verify(body.as_bytes(), &Headers::new())
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(event.verified, "{what}");
    }
}

#[test]
fn certificates_give_their_public_key() {
    // X.509 v3 (with extensions) and v1 (no version field), both made by OpenSSL for the key
    // of the Java vectors.
    let v3 = include_str!("data/keys/rsa2048-certificate.pem");
    let v1 = include_str!("data/keys/rsa2048-certificate-v1.pem");
    let base64 =
        |pem: &str| -> String { pem.lines().filter(|l| !l.starts_with("-----")).collect() };
    let body = signed_body("transaction");
    let certificate = v3;
    for (what, text) in [
        ("v3 PEM", v3.to_owned()),
        ("v3 Base64 DER", base64(v3)),
        ("v1 PEM", v1.to_owned()),
        ("v1 Base64 DER", base64(v1)),
    ] {
        let key = PublicKey::parse(&text, false).unwrap_or_else(|e| panic!("{what}: {e}"));
        let expected = PublicKey::parse(&key_pem(), false).unwrap();
        assert_eq!(key.spki_der(), expected.spki_der(), "{what}");
        let event = Verifier::new(onerway(), Credentials::keys(vec![key]))
            .unwrap()
            .verify(body.as_bytes(), &Headers::new())
            .unwrap();
        assert!(event.verified, "{what}");
    }
    let broken = certificate.replace("MII", "MIJ");
    assert_eq!(
        PublicKey::parse(&broken, false).unwrap_err().code(),
        ErrorCode::InvalidKey
    );
}

#[test]
fn rsassa_pss_keys_are_refused() {
    let err = PublicKey::parse(include_str!("data/keys/rsa-pss-public.pem"), false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidKey);
    assert!(err.message().contains("RSASSA-PSS"), "{err}");
}

#[test]
fn replay_window_saturates_at_the_extremes() {
    use cardhook::check_window;
    for (timestamp, now) in [
        (i64::MAX, i64::MIN),
        (i64::MIN, i64::MAX),
        (i64::MAX, 0),
        (0, i64::MIN),
    ] {
        let err = check_window(timestamp, now, 300).unwrap_err();
        assert!(
            matches!(
                err.code(),
                ErrorCode::TimestampTooOld | ErrorCode::TimestampInFuture
            ),
            "{timestamp} {now}: {err}"
        );
    }
}

#[test]
fn integers_beyond_2_pow_53_stay_exact_for_javascript() {
    // Generic data keeps long integers as strings of their exact digits.
    let body = br#"{"eventType":"CREATE_CARD","eventId":"e","data":{"cardId":12345678901234567890,"small":42,"neg":-9007199254740993,"float":1.5}}"#;
    let event = decode(body, &Headers::new(), None, &Limits::default()).unwrap();
    let json = serde_json::to_value(&event.data).unwrap();
    assert_eq!(json["data"]["cardId"], "12345678901234567890");
    assert_eq!(json["data"]["neg"], "-9007199254740993");
    assert_eq!(json["data"]["small"], 42);
    assert_eq!(json["data"]["float"], 1.5);
    // Typed integers (times, codes) beyond the safe range are refused, not rounded.
    let body = br#"{"eventType":"TRANSACTION","eventId":"e","data":{"transactionId":"t","status":"COMPLETE","transactionTime":9007199254740993}}"#;
    let err = decode(body, &Headers::new(), None, &Limits::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidField, "{err}");
}

/// The onerway dialect, which these RSA cases are pushes of.
fn onerway() -> cardhook::Dialect {
    cardhook::Dialect::parse("onerway").unwrap()
}
