//! The dialect registry keeps its promises: ids are unique and parse back, the headers the
//! JavaScript side forwards are exactly those the dialects declare, and no dialect reads a header
//! it does not declare (every vector and decode case gives the same outcome when each dialect sees
//! only its declared headers, and when it sees them all). A dialect reading an undeclared header
//! would work in Rust and silently fail in JavaScript, which forwards only declared headers.

mod common;

use cardhook::dialects::headers_read;
use cardhook::{Credentials, Dialect, Headers, Limits, Secret, Verifier, decode};
use serde_json::Value as J;

#[test]
fn ids_are_unique_and_parse_back() {
    let ids: Vec<&str> = Dialect::all().map(Dialect::as_str).collect();
    assert!(ids.len() >= 6);
    for (i, id) in ids.iter().enumerate() {
        assert!(!ids[..i].contains(id), "{id} twice");
        assert_eq!(Dialect::parse(id).unwrap().as_str(), *id);
        assert_eq!(Dialect::parse(id).unwrap().spec().id, *id);
    }
}

#[test]
fn forwarded_headers_are_the_declared_ones() {
    let mut declared: Vec<&str> = Dialect::all()
        .flat_map(|d| d.headers().iter().copied())
        .collect();
    declared.sort_unstable();
    declared.dedup();
    let mut forwarded = headers_read();
    forwarded.sort_unstable();
    assert_eq!(forwarded, declared);
    for header in &forwarded {
        assert_eq!(
            *header,
            header.to_ascii_lowercase(),
            "declare headers in lowercase"
        );
    }
}

/// Every body with headers the tests know: HMAC vectors, decode cases, and the onerway header.
fn cases() -> Vec<(String, String, Vec<(String, String)>, Option<String>)> {
    let mut out = Vec::new();
    let hmac: J = serde_json::from_str(include_str!("vectors/hmac.json")).unwrap();
    for c in hmac["cases"].as_array().unwrap() {
        let headers = common::header_pairs(c);
        out.push((
            c["name"].as_str().unwrap().to_owned(),
            c["body"].as_str().unwrap().to_owned(),
            headers,
            c["secret"].as_str().map(str::to_owned),
        ));
    }
    let decode_cases: J = serde_json::from_str(include_str!("data/decode-cases.json")).unwrap();
    for c in decode_cases["cases"].as_array().unwrap() {
        let mut headers = common::header_pairs(c);
        out.push((
            c["name"].as_str().unwrap().to_owned(),
            c["body"].as_str().unwrap().to_owned(),
            headers.clone(),
            None,
        ));
        headers.push(("X-Event-Type".into(), "transactionEvent".into()));
        out.push((
            format!("{} with X-Event-Type", c["name"].as_str().unwrap()),
            c["body"].as_str().unwrap().to_owned(),
            headers,
            None,
        ));
    }
    out
}

fn outcome<T: std::fmt::Debug>(result: cardhook::Result<T>) -> String {
    match result {
        Ok(value) => format!("{value:?}"),
        Err(e) => e.code().as_str().to_owned(),
    }
}

#[test]
fn dialects_read_only_the_headers_they_declare() {
    let now = Some(1_767_225_620_000);
    let mut compared = 0;
    for (name, body, all, secret) in cases() {
        let all_headers: Headers = all.iter().cloned().collect();
        for dialect in Dialect::all() {
            let declared: Headers = all
                .iter()
                .filter(|(k, _)| dialect.headers().contains(&k.to_ascii_lowercase().as_str()))
                .cloned()
                .collect();
            let limits = Limits::default();
            assert_eq!(
                outcome(decode(body.as_bytes(), &declared, Some(dialect), &limits)),
                outcome(decode(
                    body.as_bytes(),
                    &all_headers,
                    Some(dialect),
                    &limits
                )),
                "{name}: decode as {dialect}"
            );
            // A secret verifies only HMAC dialects; RSA and unsigned ones refuse it up front.
            let secret = secret
                .as_ref()
                .filter(|_| dialect.credential() == Some(cardhook::Setting::Secret));
            if let Some(secret) = secret {
                let verifier = Verifier::new(
                    dialect,
                    Credentials::secrets(vec![Secret::new(secret).unwrap()]),
                )
                .unwrap();
                assert_eq!(
                    outcome(verifier.verify_at(body.as_bytes(), &declared, now)),
                    outcome(verifier.verify_at(body.as_bytes(), &all_headers, now)),
                    "{name}: verify as {dialect}"
                );
            }
            compared += 1;
        }
    }
    assert!(compared > 1000, "compared only {compared}");
}

/// A committed test key pair and a secret, to sign samples as each provider would.
fn test_credentials() -> (cardhook::PrivateKey, cardhook::PublicKey, Secret) {
    let rsa: J = serde_json::from_str(include_str!("vectors/onerway-rsa.json")).unwrap();
    let key = &rsa["keys"]["rsa2048"];
    (
        cardhook::PrivateKey::parse(key["privateKeyPem"].as_str().unwrap()).unwrap(),
        cardhook::PublicKey::parse(key["publicKeyPem"].as_str().unwrap(), false).unwrap(),
        Secret::new("whk_registry").unwrap(),
    )
}

#[test]
fn every_signed_dialect_signs_pushes_that_verify() {
    use cardhook::{CanonicalForm, SignContext, SignatureEncoding, sample, sign_request};
    let (key, public, secret) = test_credentials();
    let now = 1_767_225_600_000;
    let mut signed_dialects = 0;
    let mut signed_pushes = 0;
    for dialect in Dialect::all() {
        let context = |event_type| SignContext {
            key: Some(&key),
            secret: Some(&secret),
            now_ms: now,
            event_type,
            form: CanonicalForm::Json,
            encoding: SignatureEncoding::Base64,
            request_id: "req-1",
        };
        if !dialect.is_signed() {
            assert_eq!(
                sign_request(dialect, b"{}", &context(None))
                    .unwrap_err()
                    .code(),
                cardhook::ErrorCode::UnsignedDialect
            );
            continue;
        }
        // The registry's own samples are the payloads: a new dialect brings its own.
        for group in dialect.spec().typed_events {
            for &event_type in group.types {
                let payload = sample(dialect, event_type).unwrap();
                let request =
                    sign_request(dialect, payload.as_bytes(), &context(Some(event_type))).unwrap();
                let headers: Headers = request.headers.into_iter().collect();
                let verifier = Verifier::new(
                    dialect,
                    match dialect.credential() {
                        Some(cardhook::Setting::PublicKey) => {
                            Credentials::keys(vec![public.clone()])
                        }
                        _ => Credentials::secrets(vec![secret.clone()]),
                    },
                )
                .unwrap();
                let event = verifier
                    .verify_at(request.body.as_bytes(), &headers, Some(now))
                    .unwrap_or_else(|e| panic!("{dialect} {event_type}: {e}"));
                assert!(event.verified, "{dialect} {event_type}");
                assert_eq!(event.event_type, event_type, "{dialect}");
                signed_pushes += 1;
            }
        }
        signed_dialects += 1;
    }
    assert_eq!(
        signed_dialects,
        Dialect::all().filter(|d| d.is_signed()).count()
    );
    assert!(signed_pushes >= signed_dialects, "signed {signed_pushes}");
}

/// The dialect each committed signed vector is for: the one it names, or (a file of one dialect's
/// vectors, like `onerway-rsa.json`) the one its body is detected as.
fn vector_dialects() -> Vec<(String, Dialect)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let file: J = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().into_iter().flatten() {
            // Only vectors that verify count: a refusal case does not show the dialect is covered.
            if case.get("expect").is_some_and(|e| e != "ok") {
                continue;
            }
            let named = case["dialect"].as_str().map(Dialect::parse);
            let dialect = match named {
                Some(Ok(d)) => Some(d),
                Some(Err(_)) => None, // `custom`: a declared scheme's vectors
                None => case["body"].as_str().and_then(|body| {
                    let headers = common::headers(case);
                    decode(body.as_bytes(), &headers, None, &Limits::default())
                        .ok()
                        .map(|e| e.dialect)
                }),
            };
            if let Some(dialect) = dialect {
                out.push((path.display().to_string(), dialect));
            }
        }
    }
    out
}

/// What `docs/adding-a-dialect.md` asks of a dialect beyond its file and registry line: decode
/// cases, signed vectors when it is signed, and a sample per typed event that reads back as that
/// event. Walks the registry, so a dialect added without them fails here, naming what is missing.
#[test]
fn every_registered_dialect_has_decode_cases_vectors_and_samples() {
    let decode_cases: J = serde_json::from_str(include_str!("data/decode-cases.json")).unwrap();
    let decoded: Vec<Dialect> = decode_cases["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["expect"].is_object())
        .filter_map(|c| {
            let headers = common::headers(c);
            let dialect = c["dialect"].as_str().and_then(|d| Dialect::parse(d).ok());
            decode(
                c["body"].as_str()?.as_bytes(),
                &headers,
                dialect,
                &Limits::default(),
            )
            .ok()
            .map(|e| e.dialect)
        })
        .collect();
    let vectors = vector_dialects();
    let (key, _, secret) = test_credentials();
    let mut missing = Vec::new();
    for dialect in Dialect::all() {
        if !decoded.contains(&dialect) {
            missing.push(format!(
                "{dialect}: no case in tests/data/decode-cases.json decodes as it"
            ));
        }
        if dialect.is_signed() && !vectors.iter().any(|(_, d)| *d == dialect) {
            missing.push(format!(
                "{dialect} is signed: no valid vector in tests/vectors/*.json is for it"
            ));
        }
        if !dialect.is_signed() && vectors.iter().any(|(_, d)| *d == dialect) {
            missing.push(format!("{dialect} is unsigned but has signed vectors"));
        }
        let spec = dialect.spec();
        if spec.typed_events.is_empty() {
            missing.push(format!("{dialect}: no typed events"));
        }
        for group in spec.typed_events {
            for &event_type in group.types {
                let Ok(sample) = cardhook::sample(dialect, event_type) else {
                    missing.push(format!("{dialect}: no sample of {event_type}"));
                    continue;
                };
                // A type the body does not carry arrives in a header the signer sets.
                let headers: Headers = match spec.type_field {
                    Some(_) => Headers::default(),
                    None => {
                        let request = cardhook::sign_request(
                            dialect,
                            sample.as_bytes(),
                            &cardhook::SignContext {
                                key: Some(&key),
                                secret: Some(&secret),
                                now_ms: 1_767_225_600_000,
                                event_type: Some(event_type),
                                form: cardhook::CanonicalForm::Json,
                                encoding: cardhook::SignatureEncoding::Base64,
                                request_id: "req-1",
                            },
                        );
                        request
                            .map(|r| r.headers.into_iter().collect())
                            .unwrap_or_default()
                    }
                };
                match decode(
                    sample.as_bytes(),
                    &headers,
                    Some(dialect),
                    &Limits::default(),
                ) {
                    Ok(event) if event.event_type == event_type => {}
                    Ok(event) => missing.push(format!(
                        "{dialect}: the sample of {event_type} reads as {}",
                        event.event_type
                    )),
                    Err(e) => missing.push(format!(
                        "{dialect}: the sample of {event_type} does not decode: {e}"
                    )),
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
