//! The exact-JSON parser: never panics; whatever it accepts round-trips through its compact form.
#![no_main]
use cardhook::json::{Limits, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_body_bytes: 1 << 20,
        max_depth: 64,
    };
    if let Ok(value) = parse(data, &limits) {
        let compact = value.to_compact_json();
        let again = parse(compact.as_bytes(), &limits).expect("compact output must parse");
        assert_eq!(value, again, "round trip changed the value");
    }
});
