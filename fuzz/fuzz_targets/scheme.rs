//! Declared schemes: fuzzed scheme text, body and headers never panic, and never give a verified
//! event (the fuzzer cannot forge a signature). A zero byte separates the scheme from the body.
#![no_main]
use std::sync::OnceLock;

use cardhook::{
    Credentials, DeclaredScheme, Headers, Limits, Secret, Verifier, signed_input_declared,
};
use libfuzzer_sys::fuzz_target;

fn secret() -> &'static Secret {
    static S: OnceLock<Secret> = OnceLock::new();
    S.get_or_init(|| Secret::new("fuzz-secret").expect("secret"))
}

fuzz_target!(|data: &[u8]| {
    let at = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (scheme_text, rest) = data.split_at(at);
    let body = rest.get(1..).unwrap_or_default();
    let Ok(scheme) = DeclaredScheme::parse(&String::from_utf8_lossy(scheme_text)) else {
        return;
    };
    let headers: Headers = [
        ("x-sign", "00"),
        ("x-timestamp", "1767225600"),
        ("nonce", "n"),
        ("timestamp", "1767225600000"),
    ]
    .into_iter()
    .collect();
    let _ = signed_input_declared(body, &headers, &scheme, &Limits::default());
    // An RSA scheme needs a public key this verifier does not have: refused up front.
    let Ok(verifier) = Verifier::declared(scheme, Credentials::secrets(vec![secret().clone()]))
    else {
        return;
    };
    if let Ok(event) = verifier.verify_at(body, &headers, Some(1_767_225_600_000)) {
        panic!("fuzzer produced a verified event: {event:?}");
    }
});
