//! The HMAC dialects' known-answer vectors (`tests/vectors/hmac.json`, signed with node:crypto by
//! `tests/oracle/hmac-vectors.mjs`): valid pushes, tampering, wrong and rotated secrets, the
//! replay window, missing and malformed headers. `tests/node/hmac.test.mjs` runs the same file.

mod common;

use cardhook::{Headers, PublicKey, Secret};
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
        let verifier =
            common::case_verifier(case["dialect"].as_str(), keys, secrets).and_then(|verifier| {
                match case["toleranceSeconds"].as_u64() {
                    Some(t) => verifier.with_tolerance(t),
                    None => Ok(verifier),
                }
            });
        let verifier = match verifier {
            Ok(verifier) => verifier,
            // A case whose credentials cannot verify its dialect expects that refusal.
            Err(err) => {
                common::check_outcome(case, Err(err));
                continue;
            }
        };
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
