//! The signed string: never panics, and reformatting the body never changes it.
#![no_main]
use cardhook::{CanonicalForm, Limits, json, sorted_signed_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    for form in [
        CanonicalForm::Json,
        CanonicalForm::Pairs,
        CanonicalForm::Values,
    ] {
        if let Ok(signed) = sorted_signed_input(data, form, &limits) {
            let reformatted = json::parse(data, &limits)
                .expect("parsed once")
                .to_compact_json();
            assert_eq!(
                signed,
                sorted_signed_input(reformatted.as_bytes(), form, &limits).expect("compact parses")
            );
        }
    }
});
