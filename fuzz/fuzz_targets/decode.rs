//! Every dialect's decoder, by detection and by explicit dialect: an event or an error, never a panic.
#![no_main]
use cardhook::{Dialect, Headers, Limits, decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let headers: [Headers; 2] = [
        Headers::new(),
        [("x-event-type", "transactionEvent")].into_iter().collect(),
    ];
    for h in &headers {
        let _ = decode(data, h, None, &limits);
        for dialect in Dialect::all() {
            let _ = decode(data, h, Some(dialect), &limits);
        }
    }
});
