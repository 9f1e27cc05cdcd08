//! Helpers shared by the data-driven Rust suites.

use serde_json::Value as J;

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
