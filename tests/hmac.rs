//! The HMAC dialects' known-answer vectors (`tests/vectors/hmac.json`, signed with node:crypto by
//! `tests/oracle/hmac-vectors.mjs`): valid pushes, tampering, wrong and rotated secrets, the
//! replay window, missing and malformed headers. `tests/node/hmac.test.mjs` runs the same file.

mod common;

use cardhook::{Dialect, Headers, PublicKey, Secret, Verifier};
use serde_json::Value as J;

#[test]
fn hmac_vectors() {
    let doc: J = serde_json::from_str(include_str!("vectors/hmac.json")).unwrap();
    let rsa: J = serde_json::from_str(include_str!("vectors/onerway-rsa.json")).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let secrets: Vec<Secret> = match &case["secret"] {
            J::String(s) => vec![Secret::new(s).unwrap()],
            J::Array(list) => list
                .iter()
                .map(|s| Secret::new(s.as_str().unwrap()).unwrap())
                .collect(),
            _ => vec![],
        };
        let keys = if case["publicKeyOnly"] == true {
            vec![
                PublicKey::parse(
                    rsa["keys"]["rsa2048"]["publicKeyPem"].as_str().unwrap(),
                    false,
                )
                .unwrap(),
            ]
        } else {
            vec![]
        };
        let mut verifier = Verifier::with_credentials(keys, secrets)
            .unwrap()
            .with_dialect(case["dialect"].as_str().map(|d| Dialect::parse(d).unwrap()));
        if let Some(t) = case["toleranceSeconds"].as_u64() {
            verifier = verifier.with_tolerance(t);
        }
        let headers: Headers = case["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        let result = verifier.verify_at(
            case["body"].as_str().unwrap().as_bytes(),
            &headers,
            case["now"].as_i64(),
        );
        if let Err(err) = &result {
            assert!(
                !err.message().contains("whk_test"),
                "{name}: the secret leaked into the message"
            );
        }
        common::check_outcome(case, result);
    }
}
