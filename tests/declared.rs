//! Known-answer vectors for the wasabicard and uqpay dialects (`tests/vectors/providers.json`,
//! signed with node:crypto by `tests/oracle/provider-vectors.mjs`) and for declared schemes
//! (`tests/vectors/schemes.json`: sorted-field pushes signed by the JDK's TreeMap + Signature/Mac in
//! `tests/oracle/SchemeOracle.java`, raw-body and template pushes by node:crypto, from
//! `tests/oracle/scheme-vectors.mjs`). `tests/node/declared.test.mjs` runs the same files.
//! A verified sorted-field case's `signedView` (the oracle's signed body members, in TreeMap
//! order) is the event's whole `data`, member for member and in order.

mod common;

use cardhook::{
    Credentials, DeclaredScheme, ErrorCode, Headers, Limits, PublicKey, Secret, Verifier,
    signed_input_declared,
};
use serde_json::Value as J;

fn list(value: &J) -> Vec<&str> {
    match value {
        J::String(s) => vec![s.as_str()],
        J::Array(items) => items.iter().map(|s| s.as_str().unwrap()).collect(),
        _ => vec![],
    }
}

/// The verifier a case describes, or the error making it gives (a malformed scheme).
fn verifier(case: &J) -> Result<Verifier, cardhook::Error> {
    let keys = list(&case["publicKey"])
        .into_iter()
        .map(|k| PublicKey::parse(k, false).unwrap())
        .collect();
    let secrets = list(&case["secret"])
        .into_iter()
        .map(|s| Secret::new(s).unwrap())
        .collect();
    let verifier = match case["dialect"].as_str() {
        Some("custom") => Verifier::declared(
            DeclaredScheme::parse(&case["scheme"].to_string())?,
            Credentials { keys, secrets },
        )?,
        dialect => common::case_verifier(dialect, keys, secrets)?,
    };
    match case["toleranceSeconds"].as_u64() {
        Some(t) => verifier.with_tolerance(t),
        None => Ok(verifier),
    }
}

/// A vector's `signedView` (`[name, text]` pairs) as members whose values are strings.
fn view_members(view: &[J]) -> Vec<(String, J)> {
    view.iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_owned(),
                J::String(pair[1].as_str().unwrap().to_owned()),
            )
        })
        .collect()
}

fn run(file: &str, text: &str, minimum: usize) {
    let doc: J = serde_json::from_str(text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= minimum, "{file}: only {} cases", cases.len());
    let mut ran = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let headers: Headers = common::headers(case);
        let body = case["body"].as_str().unwrap().as_bytes();
        let result = verifier(case).and_then(|v| v.verify_at(body, &headers, case["now"].as_i64()));
        if let (Ok(event), Some(view)) = (&result, case["signedView"].as_array()) {
            assert_eq!(
                common::custom_members(&event.data),
                view_members(view),
                "{name}: data"
            );
        }
        common::check_outcome(case, result);
        // The signed string this crate rebuilds is the one the independent signer signed; a push
        // refused for what it holds (a header value) is refused when rebuilding too.
        if let Some(expected) = case["signedString"].as_str() {
            let scheme = DeclaredScheme::parse(&case["scheme"].to_string()).unwrap();
            match signed_input_declared(body, &headers, &scheme, &Limits::default()) {
                Ok(rebuilt) => assert_eq!(rebuilt, expected, "{name}: signed string"),
                Err(err) => assert_eq!(err.code().as_str(), case["expect"], "{name}: {err}"),
            }
        }
        ran += 1;
    }
    assert_eq!(ran, cases.len());
}

#[test]
fn provider_vectors() {
    run("providers.json", include_str!("vectors/providers.json"), 25);
}

#[test]
fn scheme_vectors() {
    run("schemes.json", include_str!("vectors/schemes.json"), 50);
}

#[test]
fn a_scheme_needs_the_credential_its_algorithm_uses() {
    let rsa = DeclaredScheme::parse(
        r#"{"algorithm":"rsa-sha256","signature":{"header":"X-Sign"},"signed":"body"}"#,
    )
    .unwrap();
    let err =
        Verifier::declared(rsa, Credentials::secrets(vec![Secret::new("s").unwrap()])).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
    assert_eq!(err.setting(), Some(cardhook::Setting::PublicKey));
}

#[test]
fn malformed_scheme_is_refused_before_any_body() {
    let err = DeclaredScheme::parse(r#"{"algorithm":"hmac-sha256"}"#).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidOption);
    assert!(err.message().contains("scheme.signature"), "{err}");
}
