//! Runs the Java-signed vectors (`tests/vectors/onerway-rsa.json`, made by `tests/oracle/Oracle.java`)
//! through the core: canonical strings must match Java's byte for byte, signatures must verify,
//! tampered bodies must fail with `SIGNATURE_MISMATCH`, and our signer must reproduce Java's
//! (PKCS#1 v1.5 is deterministic). `CARDHOOK_ORACLE_VECTORS` may name a freshly generated file.

use cardhook::{
    CanonicalForm, Credentials, ErrorCode, Headers, Limits, PrivateKey, PublicKey,
    SignatureEncoding, Verifier, sign, sorted_signed_input,
};
use serde_json::Value as J;

fn vector_files() -> Vec<String> {
    let mut files = vec![
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/onerway-rsa.json"
        )
        .to_owned(),
    ];
    if let Ok(extra) = std::env::var("CARDHOOK_ORACLE_VECTORS") {
        files.push(extra);
    }
    files
}

struct Case {
    name: String,
    /// Generated payloads have no typed shape: they are read as an onerway event of unknown type.
    headers: Headers,
    form: CanonicalForm,
    encoding: SignatureEncoding,
    canonical: String,
    sign: String,
    body: String,
    public_pem: String,
    public_b64: String,
    private_pem: String,
}

fn load() -> Vec<Case> {
    let mut out = Vec::new();
    for file in vector_files() {
        let doc: J = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for c in doc["cases"].as_array().unwrap() {
            let key = &doc["keys"][c["key"].as_str().unwrap()];
            let generated = c["payload"]
                .as_str()
                .unwrap_or_default()
                .starts_with("gen-");
            let headers: Headers = if generated {
                [("x-event-type", "generated")].into_iter().collect()
            } else {
                Headers::new()
            };
            out.push(Case {
                headers,
                name: format!("{file}: {}", c["name"].as_str().unwrap()),
                form: CanonicalForm::parse(c["form"].as_str().unwrap()).unwrap(),
                encoding: SignatureEncoding::parse(c["encoding"].as_str().unwrap()).unwrap(),
                canonical: c["canonical"].as_str().unwrap().to_owned(),
                sign: c["sign"].as_str().unwrap().to_owned(),
                body: c["body"].as_str().unwrap().to_owned(),
                public_pem: key["publicKeyPem"].as_str().unwrap().to_owned(),
                public_b64: key["publicKeyBase64"].as_str().unwrap().to_owned(),
                private_pem: key["privateKeyPem"].as_str().unwrap().to_owned(),
            });
        }
    }
    out
}

fn verifier(pem: &str, form: CanonicalForm) -> Verifier {
    Verifier::new(
        onerway(),
        Credentials::keys(vec![PublicKey::parse(pem, false).unwrap()]),
    )
    .unwrap()
    .with_canonical(form)
}

#[test]
fn canonical_strings_match_java() {
    let cases = load();
    assert!(cases.len() >= 24, "ran only {} vectors", cases.len());
    for c in &cases {
        let ours = sorted_signed_input(c.body.as_bytes(), c.form, &Limits::default()).unwrap();
        assert_eq!(ours, c.canonical, "{}", c.name);
    }
}

#[test]
fn java_signatures_verify_with_pem_and_bare_base64_keys() {
    let cases = load();
    assert!(!cases.is_empty());
    let mut ran = 0;
    for c in &cases {
        for key in [&c.public_pem, &c.public_b64] {
            let event = verifier(key, c.form)
                .verify(c.body.as_bytes(), &c.headers)
                .unwrap_or_else(|e| panic!("{}: {e}", c.name));
            assert!(event.verified, "{}", c.name);
            ran += 1;
        }
    }
    assert_eq!(ran, cases.len() * 2);
}

#[test]
fn our_signer_reproduces_java_signatures() {
    let cases = load();
    assert!(!cases.is_empty());
    for c in &cases {
        let key = PrivateKey::parse(&c.private_pem).unwrap();
        let unsigned = c.body.replace(&format!(",\"sign\":\"{}\"", c.sign), "");
        let signed = sign(
            unsigned.as_bytes(),
            &key,
            c.form,
            c.encoding,
            &Limits::default(),
        )
        .unwrap();
        let doc: J = serde_json::from_str(&signed).unwrap();
        assert_eq!(doc["sign"].as_str(), Some(c.sign.as_str()), "{}", c.name);
    }
}

fn mismatch(v: &Verifier, body: &str, what: &str) {
    match v.verify(body.as_bytes(), &Headers::new()) {
        Err(e) => assert_eq!(e.code(), ErrorCode::SignatureMismatch, "{what}: {e}"),
        Ok(_) => panic!("{what}: tampered body verified"),
    }
}

#[test]
fn tampered_bodies_fail_with_signature_mismatch() {
    let cases = load();
    let mut ran = 0;
    for c in cases.iter().filter(|c| c.name.contains("transaction/")) {
        let v = verifier(&c.public_pem, c.form);
        // One changed amount.
        mismatch(
            &v,
            &c.body.replacen(
                "\"transactionAmount\": 50.00",
                "\"transactionAmount\": 50.01",
                1,
            ),
            &c.name,
        );
        mismatch(
            &v,
            &c.body.replacen(
                "\"transactionAmount\": 50.00",
                "\"transactionAmount\": 50.0",
                1,
            ),
            &c.name,
        );
        // An added field.
        mismatch(&v, &c.body.replacen("{", "{\"extra\":\"1\",", 1), &c.name);
        // A field moved into another (nested) position.
        mismatch(
            &v,
            &c.body
                .replacen("\"merchantCity\": \"Seattle\",", "", 1)
                .replacen("{", "{\"merchant\":{\"merchantCity\":\"Seattle\"},", 1),
            &c.name,
        );
        // Values swapped between two fields.
        mismatch(
            &v,
            &c.body
                .replacen(
                    "\"merchantCity\": \"Seattle\"",
                    "\"merchantCity\": \"WA\"",
                    1,
                )
                .replacen(
                    "\"merchantStateProvince\": \"WA\"",
                    "\"merchantStateProvince\": \"Seattle\"",
                    1,
                ),
            &c.name,
        );
        ran += 1;
    }
    assert!(ran >= 6, "ran {ran}");
}

#[test]
fn whitespace_and_field_order_do_not_change_the_signed_string() {
    let cases = load();
    let c = cases
        .iter()
        .find(|c| c.name.contains("card-operate-record/rsa2048/json/base64"))
        .unwrap();
    let v = verifier(&c.public_pem, c.form);
    // Number text must survive, so the body is reformatted and reordered as text, not reserialized.
    let compact = c.body.replace('\n', "").replace(": ", ":");
    assert!(v.verify(compact.as_bytes(), &Headers::new()).is_ok());
    let spaced = c.body.replace(',', " ,\n\t ");
    assert!(v.verify(spaced.as_bytes(), &Headers::new()).is_ok());
    let moved = c.body.replacen("\"currency\": \"USD\",\n", "", 1).replacen(
        "{\n",
        "{\n\"currency\": \"USD\",\n",
        1,
    );
    assert_ne!(moved, c.body, "the reordering applied");
    assert!(v.verify(moved.as_bytes(), &Headers::new()).is_ok());
}

#[test]
fn wrong_key_and_wrong_form_are_mismatches() {
    let cases = load();
    let c2048 = cases
        .iter()
        .find(|c| c.name.contains("/rsa2048/json/base64"))
        .unwrap();
    let other = cases.iter().find(|c| c.name.contains("/rsa3072/")).unwrap();
    mismatch(
        &verifier(&c2048.public_pem, CanonicalForm::Pairs),
        &c2048.body,
        "wrong form",
    );
    let err = verifier(&other.public_pem, CanonicalForm::Json)
        .verify(c2048.body.as_bytes(), &Headers::new())
        .unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::InvalidSignatureEncoding,
        "a 2048-bit signature for a 3072-bit key"
    );
}

#[test]
fn key_rotation_reports_the_matching_key() {
    let cases = load();
    let a = cases
        .iter()
        .find(|c| c.name.contains("transaction/rsa2048/json/base64"))
        .unwrap();
    let b = cases
        .iter()
        .find(|c| c.name.contains("transaction/rsa3072/json/base64"))
        .unwrap();
    let v = Verifier::new(
        onerway(),
        Credentials::keys(vec![
            PublicKey::parse(&b.public_pem, false).unwrap(),
            PublicKey::parse(&a.public_pem, false).unwrap(),
        ]),
    )
    .unwrap();
    assert_eq!(
        v.verify(a.body.as_bytes(), &Headers::new())
            .unwrap()
            .key_index,
        Some(1)
    );
    assert_eq!(
        v.verify(b.body.as_bytes(), &Headers::new())
            .unwrap()
            .key_index,
        Some(0)
    );
}

/// The onerway dialect, which these RSA cases are pushes of.
fn onerway() -> cardhook::Dialect {
    cardhook::Dialect::parse("onerway").unwrap()
}
