//! Helpers shared by the data-driven Rust suites (each suite uses some of them).
#![allow(dead_code)]

use cardhook::{Event, Headers};
use serde_json::Value as J;

/// The `headers` object of a data-driven case as `(name, value)` pairs (none when absent).
pub fn header_pairs(case: &J) -> Vec<(String, String)> {
    case["headers"]
        .as_object()
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// The `headers` object of a data-driven case.
pub fn headers(case: &J) -> Headers {
    header_pairs(case).into_iter().collect()
}

/// Asserts that every key `expected` lists is in `actual` with an equal value (recursively for
/// objects; arrays and scalars compare whole); keys `expected` omits are not checked.
pub fn assert_subset(expected: &J, actual: &J, path: &str) {
    match (expected, actual) {
        (J::Object(e), J::Object(a)) => {
            for (k, v) in e {
                let got = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: missing in {actual}"));
                assert_subset(v, got, &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(expected, actual, "at {path}"),
    }
}

/// Checks a verification's outcome against a vector case: `expect` is `"ok"` (then a verified
/// event, `keyIndex` as listed, and `expectEvent` as a subset of type, id, unsigned and data) or
/// the error code.
pub fn check_outcome(case: &J, result: cardhook::Result<Event>) {
    let name = case["name"].as_str().unwrap();
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
                assert_subset(&J::Object(expect.clone()), &actual, name);
            }
        }
        code => {
            let err = result
                .err()
                .unwrap_or_else(|| panic!("{name}: expected {code}"));
            assert_eq!(err.code().as_str(), code, "{name}: {err}");
        }
    }
}

/// The verifier a vector case runs under: its dialect with the case's credentials, or, for a case
/// without one (it checks detection), every signed dialect, each with the case's credential of the
/// kind it needs, as a route receiving every provider would be set up.
pub fn case_verifier(
    dialect: Option<&str>,
    keys: Vec<cardhook::PublicKey>,
    secrets: Vec<cardhook::Secret>,
) -> cardhook::Result<cardhook::Verifier> {
    use cardhook::{Credentials, Dialect, Setting, Verifier};
    let credentials = Credentials { keys, secrets };
    match dialect {
        Some(name) => Verifier::new(Dialect::parse(name)?, credentials),
        None => Verifier::for_dialects(
            Dialect::all()
                .filter_map(|d| match d.credential() {
                    Some(Setting::PublicKey) if !credentials.keys.is_empty() => {
                        Some((d, Credentials::keys(credentials.keys.clone())))
                    }
                    Some(Setting::Secret) if !credentials.secrets.is_empty() => {
                        Some((d, Credentials::secrets(credentials.secrets.clone())))
                    }
                    _ => None,
                })
                .collect(),
        ),
    }
}

/// A `custom` event's data as `(name, JSON value)` members, in order.
pub fn custom_members(data: &cardhook::EventData) -> Vec<(String, J)> {
    let cardhook::EventData::Custom(object) = data else {
        panic!("not a custom event: {data:?}");
    };
    object
        .iter()
        .map(|(k, v)| (k.to_owned(), serde_json::to_value(v).unwrap()))
        .collect()
}

/// The 2048-bit public key of the Java-signed onerway vectors (`tests/vectors/onerway-rsa.json`).
pub fn rsa2048_key() -> cardhook::PublicKey {
    let vectors: J = serde_json::from_str(include_str!("../vectors/onerway-rsa.json")).unwrap();
    cardhook::PublicKey::parse(
        vectors["keys"]["rsa2048"]["publicKeyPem"].as_str().unwrap(),
        false,
    )
    .unwrap()
}

/// The body of the Java-signed onerway transaction vector (`transaction/rsa2048/json/base64`).
pub fn onerway_transaction_body() -> String {
    let vectors: J = serde_json::from_str(include_str!("../vectors/onerway-rsa.json")).unwrap();
    vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "transaction/rsa2048/json/base64")
        .unwrap()["body"]
        .as_str()
        .unwrap()
        .to_owned()
}
