//! Verification (RSA and HMAC dialects) with fuzzed bodies and headers: never a panic, and never
//! a verified event (the fuzzer cannot forge a signature).
#![no_main]
use std::sync::OnceLock;

use cardhook::{Credentials, Dialect, Headers, PublicKey, Secret, Setting, Verifier};
use libfuzzer_sys::fuzz_target;

fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| {
        let vectors: &str = include_str!("../../tests/vectors/onerway-rsa.json");
        let start = vectors.find("-----BEGIN PUBLIC KEY-----").expect("key");
        let end = vectors[start..]
            .find("-----END PUBLIC KEY-----")
            .expect("key end")
            + start
            + 24;
        let pem = vectors[start..end].replace("\\n", "\n");
        // Every signed dialect, each with the credential of its kind: detection then runs among
        // all of them, as on a route that receives every provider.
        let key = PublicKey::parse(&pem, false).expect("key");
        let secret = Secret::new("fuzz-secret").expect("secret");
        Verifier::for_dialects(
            Dialect::all()
                .filter_map(|d| match d.credential() {
                    Some(Setting::PublicKey) => Some((d, Credentials::keys(vec![key.clone()]))),
                    Some(_) => Some((d, Credentials::secrets(vec![secret.clone()]))),
                    None => None,
                })
                .collect(),
        )
        .expect("verifier")
    })
}

fuzz_target!(|data: &[u8]| {
    // The first bytes pick header values, the rest is the body.
    let split = data
        .first()
        .map_or(0, |b| usize::from(*b) % 40)
        .min(data.len());
    let (head, body) = data.split_at(split);
    let text = String::from_utf8_lossy(head);
    let mut pairs = vec![
        ("x-timestamp", text.get(..text.len() / 2).unwrap_or("")),
        ("x-signature", text.get(text.len() / 2..).unwrap_or("")),
        ("x-upa-timestamp", "1767225600000"),
        ("x-upa-sign", text.as_ref()),
    ];
    // The first byte's top bits add the signature header of wasabicard (RSA over the raw body) or
    // uqpay (HMAC of the raw body), which detection puts first; otherwise the other dialects.
    match data.first().map_or(0, |b| b >> 6) {
        1 => pairs.push(("x-wsb-signature", text.as_ref())),
        2 => pairs.push(("x-wk-signature", text.as_ref())),
        _ => {}
    }
    let headers: Headers = pairs.into_iter().collect();
    if let Ok(event) = verifier().verify_at(body, &headers, Some(1_767_225_600_000)) {
        panic!("fuzzer produced a verified event: {event:?}");
    }
});
