//! Helpers shared by the data-driven Rust suites (each suite uses some of them).
#![allow(dead_code)]

use cardhook::Headers;
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
