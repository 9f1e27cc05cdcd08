//! `cargo bench`: the core alone, natively (no wasm, no JS): parse, signed string, RSA verify and
//! decode on the ~1.2 KB Java-signed vector and the unsigned dialects' documented examples. Medians.

use std::hint::black_box;
use std::time::Instant;

use cardhook::{
    CanonicalForm, Credentials, Headers, Limits, PublicKey, Verifier, decode, sorted_signed_input,
};

fn median_us(mut f: impl FnMut()) -> f64 {
    let mut per_batch = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..per_batch {
            f();
        }
        if t.elapsed().as_millis() >= 10 {
            break;
        }
        per_batch *= 2;
    }
    let mut samples: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(per_batch)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../tests/vectors/onerway-rsa.json")).expect("vectors");
    let case = vectors["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["name"] == "transaction/rsa2048/json/base64")
        .expect("vector");
    let body = case["body"].as_str().expect("body").as_bytes();
    let key = PublicKey::parse(
        vectors["keys"]["rsa2048"]["publicKeyPem"]
            .as_str()
            .expect("key"),
        false,
    )
    .expect("key");
    let verifier = Verifier::new(onerway(), Credentials::keys(vec![key])).expect("verifier");
    let headers = Headers::new();
    let limits = Limits::default();
    let cases: serde_json::Value =
        serde_json::from_str(include_str!("../tests/data/decode-cases.json")).expect("cases");
    let sample = |name: &str| -> Vec<u8> {
        cases["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["name"] == name)
            .expect(name)["body"]
            .as_str()
            .expect("body")
            .as_bytes()
            .to_vec()
    };
    let openapi = sample("openapi-notify card trade example: card.transaction.authorize.success");
    let upay = sample("upay CC_CONSUME");
    let nobepay = sample("nobepay example COMPLETE");

    println!(
        "cardhook core, native, medians ({} B onerway body)",
        body.len()
    );
    let rows: Vec<(&str, f64)> = vec![
        (
            "parse (exact JSON)",
            median_us(|| {
                black_box(cardhook::json::parse(black_box(body), &limits).expect("parse"));
            }),
        ),
        (
            "parse + signed string",
            median_us(|| {
                black_box(
                    sorted_signed_input(black_box(body), CanonicalForm::Json, &limits)
                        .expect("canonical"),
                );
            }),
        ),
        (
            "Verifier.verify (parse, signed string, RSA-2048, decode)",
            median_us(|| {
                black_box(verifier.verify(black_box(body), &headers).expect("verify"));
            }),
        ),
        (
            "decode openapi-notify (card trade example)",
            median_us(|| {
                black_box(decode(black_box(&openapi), &headers, None, &limits).expect("decode"));
            }),
        ),
        (
            "decode upay (CC_CONSUME)",
            median_us(|| {
                black_box(decode(black_box(&upay), &headers, None, &limits).expect("decode"));
            }),
        ),
        (
            "decode nobepay (COMPLETE example)",
            median_us(|| {
                black_box(decode(black_box(&nobepay), &headers, None, &limits).expect("decode"));
            }),
        ),
    ];
    for (name, us) in rows {
        println!("  {name:<58} {us:>9.2} µs");
    }
}

/// The onerway dialect, which these RSA cases are pushes of.
fn onerway() -> cardhook::Dialect {
    cardhook::Dialect::parse("onerway").unwrap()
}
