//! The core compiled to wasm32 and run under Node by wasm-bindgen-test: the Java-signed vectors
//! must verify there exactly as natively (catches target-specific arithmetic or hashing faults).
#![cfg(target_arch = "wasm32")]

use cardhook::{
    CanonicalForm, Credentials, ErrorCode, Headers, Limits, PublicKey, Verifier,
    sorted_signed_input,
};
use wasm_bindgen_test::wasm_bindgen_test;

const VECTORS: &str = include_str!("vectors/onerway-rsa.json");

#[wasm_bindgen_test]
fn java_vectors_verify_in_wasm() {
    let doc: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
    let mut ran = 0;
    for c in doc["cases"].as_array().unwrap() {
        let key = &doc["keys"][c["key"].as_str().unwrap()];
        let form = CanonicalForm::parse(c["form"].as_str().unwrap()).unwrap();
        let body = c["body"].as_str().unwrap();
        assert_eq!(
            sorted_signed_input(body.as_bytes(), form, &Limits::default()).unwrap(),
            c["canonical"].as_str().unwrap()
        );
        let verifier = Verifier::new(
            onerway(),
            Credentials::keys(vec![
                PublicKey::parse(key["publicKeyPem"].as_str().unwrap(), false).unwrap(),
            ]),
        )
        .unwrap()
        .with_canonical(form);
        assert!(
            verifier
                .verify(body.as_bytes(), &Headers::new())
                .unwrap()
                .verified
        );
        let tampered = body.replacen('{', "{\"added\":\"1\",", 1);
        assert_eq!(
            verifier
                .verify(tampered.as_bytes(), &Headers::new())
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMismatch
        );
        ran += 1;
    }
    assert!(ran >= 24, "ran {ran}");
}

/// The onerway dialect, which these RSA cases are pushes of.
fn onerway() -> cardhook::Dialect {
    cardhook::Dialect::parse("onerway").unwrap()
}
