//! Declared schemes that would let a signature prove less than it seems: what a `fields` scheme's
//! event shows (`data` is the signed view, `payload` unsigned), values and headers that could
//! move a signed field, schemes refused when checked, and caps on every list. Verified events come
//! from the JDK-signed vectors in `tests/vectors/schemes.json` (`tests/oracle/scheme-vectors.mjs`);
//! the rest needs no valid signature, since each refusal comes before the signature is checked.

mod common;

use std::time::{Duration, Instant};

use cardhook::{
    Credentials, DeclaredScheme, ErrorCode, Headers, Limits, Property, PublicKey, Secret, Verifier,
    decode_declared, signed_input_declared,
};
use serde_json::{Value as J, json};

/// The JDK-signed vector case named `name` from `tests/vectors/schemes.json`.
fn vector(name: &str) -> J {
    let doc: J = serde_json::from_str(include_str!("vectors/schemes.json")).unwrap();
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no vector case `{name}`"))
        .clone()
}

/// Verifies a vector case (RSA with its public key, else HMAC with its secret).
fn verify_vector(case: &J) -> cardhook::Result<cardhook::Event> {
    let keys = case["publicKey"]
        .as_str()
        .map(|k| vec![PublicKey::parse(k, false).unwrap()])
        .unwrap_or_default();
    let secrets = case["secret"]
        .as_str()
        .map(|s| vec![Secret::new(s).unwrap()])
        .unwrap_or_default();
    let scheme = DeclaredScheme::parse(&case["scheme"].to_string())?;
    Verifier::declared(scheme, Credentials { keys, secrets })?.verify_at(
        case["body"].as_str().unwrap().as_bytes(),
        &common::headers(case),
        case["now"].as_i64(),
    )
}

fn strings(pairs: &[(&str, &str)]) -> Vec<(String, J)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), J::String(v.to_string())))
        .collect()
}

fn scheme(text: &str) -> DeclaredScheme {
    DeclaredScheme::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn refused(text: &str, part: &str, says: &str) -> cardhook::Error {
    let err = DeclaredScheme::parse(text).expect_err(text);
    assert_eq!(err.code(), ErrorCode::InvalidOption, "{text}: {err}");
    assert!(err.message().contains(part), "{text}: {}", err.message());
    assert!(err.message().contains(says), "{text}: {}", err.message());
    err
}

/// An HMAC verifier of `scheme`; the pushes below are refused before any signature is checked.
fn hmac_verifier(scheme_text: &str) -> Verifier {
    Verifier::declared(
        scheme(scheme_text),
        Credentials::secrets(vec![Secret::new("s").unwrap()]),
    )
    .unwrap()
}

const RETYPE: &str = "fields/json HMAC-SHA256, values of every JSON type (Java-signed)";

#[test]
fn a_retyped_body_verifies_to_the_same_signed_view_with_payload_unsigned() {
    let expected = strings(&[
        ("amount", "10.50"),
        ("approved", "false"),
        ("attempts", "0"),
        ("big", "9007199254740993"),
        ("detail", r#"{"k":1}"#),
        ("event", "payout.reviewed"),
        ("orderId", "P-1"),
    ]);
    for which in [
        "valid; data holds each value as its signed text, the null note is left out, payload is unsigned",
        "the body retyped (false -> \"false\", 0 -> \"0\", 10.50 -> \"10.50\", an object -> its JSON text) verifies to the same data",
    ] {
        let case = vector(&format!("{RETYPE}: {which}"));
        let event = verify_vector(&case).unwrap_or_else(|e| panic!("{which}: {e}"));
        assert!(event.verified);
        // Every signed value as the text that was signed, in the signed (TreeMap) order: the
        // original and the retyped body cannot be told apart, and neither is shown typed.
        assert_eq!(common::custom_members(&event.data), expected, "{which}");
        assert_eq!(event.unsigned, vec![Property::Payload], "{which}");
        assert_eq!(event.event_type, "payout.reviewed");
        assert_eq!(event.id.as_deref(), Some("P-1"));
    }
}

#[test]
fn fields_data_is_the_signed_view_in_signed_order_with_every_value_as_its_signed_text() {
    let s = scheme(
        r#"{"algorithm":"hmac-sha256","signature":{"header":"X-Sign"},"signed":{"fields":{"form":"pairs"}}}"#,
    );
    let body = br#"{"zeta":true,"amount":10.50,"n":0,"o":{"k":[1,"x"]},"Zone":"z","big":9007199254740993}"#;
    let event = decode_declared(body, &s, &Limits::default()).unwrap();
    assert_eq!(
        common::custom_members(&event.data),
        strings(&[
            ("Zone", "z"),
            ("amount", "10.50"),
            ("big", "9007199254740993"),
            ("n", "0"),
            ("o", r#"{"k":[1,"x"]}"#),
            ("zeta", "true"),
        ])
    );
}

#[test]
fn raw_body_and_template_schemes_keep_the_parsed_body_as_data() {
    // They sign the body's bytes, types included: nothing to narrow.
    let body = br#"{"ok":false,"n":2,"o":{"k":"v"}}"#;
    for text in [
        r#"{"algorithm":"hmac-sha256","signature":{"header":"X-Sign"},"signed":"body"}"#,
        r#"{"algorithm":"hmac-sha256","signature":{"header":"X-Sign"},"signed":{"template":"{header:X-Ts}.{body}"}}"#,
    ] {
        let event = decode_declared(body, &scheme(text), &Limits::default()).unwrap();
        assert_eq!(
            serde_json::to_value(&event.data).unwrap(),
            json!({"ok": false, "n": 2, "o": {"k": "v"}})
        );
    }
}

#[test]
fn null_and_omitted_empty_fields_are_left_out_of_data_and_payload_is_listed_unsigned() {
    // JDK-signed: the body has `"remark": ""` and `"extra": null`, neither signed.
    let case = vector(
        "fields/pairs RSA, header fields X-Nonce + X-Timestamp, empty and null dropped (HyperCard-like, Java-signed): valid",
    );
    let event = verify_vector(&case).unwrap();
    let data = common::custom_members(&event.data);
    let names: Vec<&str> = data.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "amount",
            "currency",
            "detail",
            "merchantId",
            "orderNo",
            "status"
        ]
    );
    assert_eq!(event.unsigned, vec![Property::Payload]);

    // The same rule without a signature: an empty string stays when only nulls are omitted.
    let body = br#"{"a":"x","gone":null,"blank":""}"#;
    for (omit, expected) in [
        (r#"["null","empty"]"#, strings(&[("a", "x")])),
        (r#"["null"]"#, strings(&[("a", "x"), ("blank", "")])),
    ] {
        let s = scheme(&format!(
            r#"{{"algorithm":"hmac-sha256","signature":{{"header":"X-Sign"}},"signed":{{"fields":{{"omit":{omit}}}}}}}"#
        ));
        let event = decode_declared(body, &s, &Limits::default()).unwrap();
        assert_eq!(common::custom_members(&event.data), expected, "omit {omit}");
    }
}

#[test]
fn an_id_or_type_read_from_an_unsigned_member_is_listed_unsigned() {
    // JDK-signed: `id` from `"fee": ""`, which omit empty leaves unsigned; `type` from a signed
    // field. And from an `exclude`d member (listed as before).
    for (name, expected) in [
        (
            "fields/pairs RSA with HyperCard header names nonce + timestamp (ms) and a timestamp window (Java-signed): an id read from the empty fee (not signed) is listed unsigned, a type from a signed field is not",
            vec![Property::Id, Property::Payload],
        ),
        (
            "fields/json HMAC-SHA512, exclude [\"meta\"] (Java-signed): type from an excluded member, id from a signed one",
            vec![Property::Type, Property::Payload],
        ),
    ] {
        let event = verify_vector(&vector(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(event.unsigned, expected, "{name}");
    }
}

#[test]
fn an_id_or_type_path_into_the_signature_field_is_refused() {
    let base = r#""algorithm":"hmac-sha256","signature":{"field":"sign"},"signed":{"fields":{}}"#;
    refused(&format!(r#"{{{base},"id":"sign"}}"#), "scheme.id", "`sign`");
    refused(
        &format!(r#"{{{base},"type":"sign.kind"}}"#),
        "scheme.type",
        "signature field",
    );
    // A path that only shares a prefix with the signature field's name is a different field.
    scheme(&format!(r#"{{{base},"id":"signedAt","type":"data.sign"}}"#));
}

#[test]
fn a_header_value_with_a_pairs_separator_is_refused_under_pairs() {
    let text = r#"{"algorithm":"hmac-sha256","signature":{"header":"X-Sign"},"signed":{"fields":{"form":"pairs","headers":["nonce"]}}}"#;
    let verifier = hmac_verifier(text);
    let body = br#"{"amount":"8.80"}"#;
    for nonce in ["n1&status=FAILED", "n1=x", "a&b"] {
        let headers: Headers = [("nonce", nonce), ("X-Sign", "00")].into_iter().collect();
        let err = verifier.verify_at(body, &headers, None).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidHeader, "{nonce}: {err}");
        assert!(err.message().contains("`nonce`"), "{err}");
        assert!(err.message().contains("`&` or `=`"), "{err}");
        let err =
            signed_input_declared(body, &headers, &scheme(text), &Limits::default()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidHeader);
    }
    // The JSON form escapes its values, so the same header value is signed unambiguously there.
    let json_form = scheme(
        r#"{"algorithm":"hmac-sha256","signature":{"header":"X-Sign"},"signed":{"fields":{"headers":["nonce"]}}}"#,
    );
    let headers: Headers = [("nonce", "n1&status=FAILED")].into_iter().collect();
    assert_eq!(
        signed_input_declared(body, &headers, &json_form, &Limits::default()).unwrap(),
        r#"{"amount":"8.80","nonce":"n1&status=FAILED"}"#
    );
}

#[test]
fn a_body_value_with_a_pairs_separator_lists_data_unsigned() {
    // JDK-signed `{"amount":"5.00","memo":"ok&status=PAID"}`: it signs like a body with a
    // `status` field, so the signature does not pin where its fields end.
    let merged = vector(
        "fields/pairs RSA, a value holding & and = (Java-signed): valid; its fields' boundaries are not pinned by the signature, so data is listed unsigned",
    );
    let event = verify_vector(&merged).unwrap();
    assert_eq!(event.unsigned, vec![Property::Data, Property::Payload]);
    assert_eq!(
        common::custom_members(&event.data),
        strings(&[("amount", "5.00"), ("memo", "ok&status=PAID")])
    );
    // `type` and `id` are read from those fields, so they are listed too.
    let with_paths = vector(
        "fields/pairs RSA, a value holding & and = (Java-signed): type and id read from those fields are listed unsigned too",
    );
    let event = verify_vector(&with_paths).unwrap();
    assert_eq!(
        event.unsigned,
        vec![
            Property::Type,
            Property::Id,
            Property::Data,
            Property::Payload
        ]
    );
    // The same string re-split so that no value holds a separator verifies too, and cannot be
    // told apart (the weakness of the pairs form the README states): only payload is listed.
    let split = vector(
        "fields/pairs RSA, a value holding & and = (Java-signed): the body split at the separators verifies too (the documented weakness of pairs; no value holds a separator to tell)",
    );
    let event = verify_vector(&split).unwrap();
    assert_eq!(event.unsigned, vec![Property::Payload]);
    assert_eq!(
        common::custom_members(&event.data),
        strings(&[("amount", "5.00"), ("memo", "ok"), ("status", "PAID")])
    );
}

#[test]
fn adjacent_header_placeholders_in_a_template_are_refused() {
    let sig = r#""algorithm":"hmac-sha256","signature":{"header":"X-Sign"}"#;
    refused(
        &format!(r#"{{{sig},"signed":{{"template":"{{header:A}}{{header:B}}.{{body}}"}}}}"#),
        "scheme.signed.template",
        "`{header:B}` right after another header's placeholder",
    );
    refused(
        &format!(r#"{{{sig},"signed":{{"template":"{{body}}.{{header:A}}{{header:A}}"}}}}"#),
        "scheme.signed.template",
        "no text between two header values",
    );
    // A header next to {body} is bounded by the JSON object's own braces.
    for template in [
        "{header:A}{body}",
        "{body}{header:A}",
        "{header:A}.{header:B}{body}",
    ] {
        scheme(&format!(
            r#"{{{sig},"signed":{{"template":"{template}"}}}}"#
        ));
    }
}

#[test]
fn a_scheme_signing_its_own_signature_header_is_refused() {
    let sig = r#""algorithm":"hmac-sha256","signature":{"header":"X-Sig"}"#;
    refused(
        &format!(r#"{{{sig},"signed":{{"template":"{{header:x-sig}}{{body}}"}}}}"#),
        "scheme.signed.template",
        "the signature's own header",
    );
    refused(
        &format!(r#"{{{sig},"signed":{{"fields":{{"headers":["nonce","X-SIG"]}}}}}}"#),
        "scheme.signed.fields.headers",
        "the signature's own header",
    );
}

#[test]
fn scheme_lists_are_capped_and_checked_without_comparing_every_pair() {
    let sig = r#""algorithm":"hmac-sha256","signature":{"header":"X-Sign"}"#;
    let names = |n: usize, prefix: &str| -> String {
        (0..n)
            .map(|i| format!("\"{prefix}{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let started = Instant::now();
    let err = refused(
        &format!(
            r#"{{{sig},"signed":{{"fields":{{"headers":[{}]}}}}}}"#,
            names(40_000, "x-h")
        ),
        "scheme.signed.fields.headers",
        "at most 32 names (it lists 40000)",
    );
    assert!(started.elapsed() < Duration::from_secs(1), "{err}");
    refused(
        &format!(
            r#"{{{sig},"signed":{{"fields":{{"exclude":[{}]}}}}}}"#,
            names(257, "f")
        ),
        "scheme.signed.fields.exclude",
        "at most 256 names",
    );
    refused(
        &format!(r#"{{{sig},"signed":{{"fields":{{"omit":["null","empty","null"]}}}}}}"#),
        "scheme.signed.fields.omit",
        "at most 2",
    );
    let template: String = (0..40_000).map(|i| format!("{{header:h{i}}}.")).collect();
    refused(
        &format!(r#"{{{sig},"signed":{{"template":"{template}{{body}}"}}}}"#),
        "scheme.signed.template",
        "at most 32 {header:NAME} placeholders",
    );
    let path = vec!["a"; 33].join(".");
    refused(
        &format!(r#"{{{sig},"signed":"body","id":"{path}"}}"#),
        "scheme.id",
        "at most 32 segments",
    );
    // At the caps the lists are accepted, and a repeat is still found (in any case for headers).
    scheme(&format!(
        r#"{{{sig},"signed":{{"fields":{{"headers":[{}],"exclude":[{}]}}}}}}"#,
        names(32, "x-h"),
        names(256, "f")
    ));
    refused(
        &format!(
            r#"{{{sig},"signed":{{"fields":{{"headers":[{},"X-H7"]}}}}}}"#,
            names(31, "x-h")
        ),
        "scheme.signed.fields.headers",
        "twice",
    );
    refused(
        &format!(
            r#"{{{sig},"signed":{{"fields":{{"exclude":[{},"f3"]}}}}}}"#,
            names(255, "f")
        ),
        "scheme.signed.fields.exclude",
        "lists `f3` twice",
    );
}

#[test]
fn a_header_name_with_an_ampersand_is_refused_under_pairs() {
    let sig = r#""algorithm":"hmac-sha256","signature":{"header":"X-Sign"}"#;
    refused(
        &format!(r#"{{{sig},"signed":{{"fields":{{"form":"pairs","headers":["a&b"]}}}}}}"#),
        "scheme.signed.fields.headers",
        "`a&b` contains `&`",
    );
    scheme(&format!(
        r#"{{{sig},"signed":{{"fields":{{"form":"json","headers":["a&b"]}}}}}}"#
    ));
}

#[test]
fn a_comma_in_a_signature_header_says_it_may_be_in_the_value() {
    let verifier = hmac_verifier(
        r#"{"algorithm":"hmac-sha256","signature":{"header":"X-Sig"},"signed":"body"}"#,
    );
    let comma: Headers = [("X-Sig", "ab,cd")].into_iter().collect();
    let err = verifier.verify_at(b"{}", &comma, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidHeader);
    assert!(
        err.message()
            .contains("`X-Sig` has a comma: it was sent more than once, or its value contains one"),
        "{err}"
    );
    let twice: Headers = [("X-Sig", "ab"), ("x-sig", "cd")].into_iter().collect();
    let err = verifier.verify_at(b"{}", &twice, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidHeader);
    assert!(err.message().contains("was sent more than once"), "{err}");
}
