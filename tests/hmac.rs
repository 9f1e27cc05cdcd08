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
        match case["expect"].as_str().unwrap() {
            "ok" => {
                let event = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(event.verified, "{name}");
                assert_eq!(
                    event.key_index,
                    case["keyIndex"].as_u64().map(|i| i as usize),
                    "{name}"
                );
                if let J::Object(expect) = &case["expectEvent"] {
                    let actual = serde_json::json!({
                        "type": event.event_type, "id": event.id, "unsigned": event.unsigned,
                        "data": serde_json::to_value(&event.data).unwrap(),
                    });
                    common::assert_subset(&J::Object(expect.clone()), &actual, name);
                }
            }
            code => {
                let err = result
                    .err()
                    .unwrap_or_else(|| panic!("{name}: expected {code}"));
                assert_eq!(err.code().as_str(), code, "{name}: {err}");
                assert!(
                    !err.message().contains("whk_test"),
                    "{name}: the secret leaked into the message"
                );
            }
        }
    }
}
