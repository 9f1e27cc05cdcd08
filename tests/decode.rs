//! Runs `tests/data/decode-cases.json` (the providers' documented examples and every edge case of the dialect
//! issue) through the core; `tests/node/decode.test.mjs` runs the same file through the package.
//! A case expects either an event (`expect`, compared field by field; `data` keys listed must
//! match exactly, unlisted keys are not checked) or an error code (`error`, `errorIncludes`).

mod common;

use cardhook::{Dialect, Headers, Limits, decode};
use serde_json::Value as J;

#[test]
fn decode_cases() {
    let doc: J = serde_json::from_str(include_str!("data/decode-cases.json")).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() > 100, "only {} cases", cases.len());
    let mut ran = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let headers: Headers = common::headers(case);
        let dialect = case["dialect"].as_str().map(Dialect::parse);
        let result = match dialect {
            Some(Err(e)) => Err(e),
            Some(Ok(d)) => decode(
                case["body"].as_str().unwrap().as_bytes(),
                &headers,
                Some(d),
                &Limits::default(),
            ),
            None => decode(
                case["body"].as_str().unwrap().as_bytes(),
                &headers,
                None,
                &Limits::default(),
            ),
        };
        match (&case["expect"], &case["error"]) {
            (J::Object(expect), J::Null) => {
                let event = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                let actual = serde_json::json!({
                    "dialect": event.dialect.as_str(),
                    "type": event.event_type,
                    "id": event.id,
                    "verified": event.verified,
                    "data": serde_json::to_value(&event.data).unwrap(),
                });
                common::assert_subset(&J::Object(expect.clone()), &actual, name);
            }
            (J::Null, J::String(code)) => {
                let err = match result {
                    Ok(e) => panic!("{name}: expected {code}, got {e:?}"),
                    Err(e) => e,
                };
                assert_eq!(err.code().as_str(), code, "{name}: {err}");
                if let Some(part) = case["errorIncludes"].as_str() {
                    assert!(
                        err.message().contains(part),
                        "{name}: `{}` lacks `{part}`",
                        err.message()
                    );
                }
            }
            _ => panic!("{name}: a case needs exactly one of expect / error"),
        }
        ran += 1;
    }
    assert_eq!(ran, cases.len());
}
