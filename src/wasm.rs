//! The JavaScript binding: the only module that knows about `wasm_bindgen` and `js_sys`.
//!
//! Functions take the body as a string or `Uint8Array` and headers as a flat `[name, value, …]`
//! list, and return the event as JSON text for one `JSON.parse` on the JS side (measured cheaper
//! than building the objects with serde-wasm-bindgen: 17–18 µs against 26–27 µs per ~1 KB event). Errors are real `Error`
//! objects with `name = "WebhookError"` and a stable `code`. The package's `api.js` adds the
//! ergonomic layer (options objects, `Headers`, `ArrayBuffer`, the `WebhookError` class).

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::json::Limits;
use crate::{
    CanonicalForm, Dialect, Error, ErrorCode, Event, Headers, Prepared, PrivateKey, PublicKey,
    Secret, SignatureEncoding, SignedBody, Verifier,
};

fn to_js(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    err.set_name("WebhookError");
    // Reflect::set only fails on frozen or proxy objects; a fresh Error is neither.
    let _ = Reflect::set(
        &err,
        &JsValue::from_str("code"),
        &JsValue::from_str(e.code().as_str()),
    );
    err.into()
}

fn option_error(message: &str) -> JsValue {
    to_js(Error::new(ErrorCode::InvalidOption, message))
}

/// Copies the body into wasm memory: a string is encoded as UTF-8, a `Uint8Array` copied.
fn body_bytes(body: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = body.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    Err(option_error(
        "body must be a string, Uint8Array or ArrayBuffer",
    ))
}

fn headers(flat: Vec<String>) -> Headers {
    let mut out = Headers::new();
    let mut it = flat.into_iter();
    while let (Some(name), Some(value)) = (it.next(), it.next()) {
        out.insert(name, value);
    }
    out
}

fn limits(max_body_bytes: Option<u32>, max_depth: Option<u32>) -> Result<Limits, JsValue> {
    let defaults = Limits::default();
    Limits {
        max_body_bytes: max_body_bytes.map_or(defaults.max_body_bytes, |n| n as usize),
        max_depth: max_depth.map_or(defaults.max_depth, |n| n as usize),
    }
    .validated()
    .map_err(to_js)
}

fn dialect(name: Option<String>) -> Result<Option<Dialect>, JsValue> {
    name.map(|n| Dialect::parse(&n)).transpose().map_err(to_js)
}

fn form(name: Option<String>) -> Result<CanonicalForm, JsValue> {
    name.map_or(Ok(CanonicalForm::Json), |n| CanonicalForm::parse(&n))
        .map_err(to_js)
}

/// The event as JSON text, without `payload`: the JS side parses the body itself, lazily, only if
/// the caller reads `event.payload` (copying the body back out of wasm and parsing it for every
/// event measured as a third of a decode's cost).
fn event_json(event: &Event) -> Result<String, JsValue> {
    serde_json::to_string(event).map_err(|e| {
        to_js(Error::new(
            ErrorCode::Internal,
            format!("could not encode the event: {e}"),
        ))
    })
}

/// The default limits, as JSON `{maxBodyBytes, maxDepth}`: the JS side checks a body's size
/// before copying it into wasm memory, which never shrinks.
#[wasm_bindgen(js_name = defaultLimits)]
pub fn default_limits_js() -> String {
    let limits = Limits::default();
    format!(
        "{{\"maxBodyBytes\":{},\"maxDepth\":{}}}",
        limits.max_body_bytes, limits.max_depth
    )
}

/// Decodes a webhook without checking its signature; returns the event as JSON text.
#[wasm_bindgen(js_name = decode)]
pub fn decode_js(
    body: JsValue,
    header_list: Vec<String>,
    dialect_name: Option<String>,
    max_body_bytes: Option<u32>,
    max_depth: Option<u32>,
) -> Result<String, JsValue> {
    let bytes = body_bytes(&body)?;
    let limits = limits(max_body_bytes, max_depth)?;
    let event = crate::decode(
        &bytes,
        &headers(header_list),
        dialect(dialect_name)?,
        &limits,
    )
    .map_err(to_js)?;
    event_json(&event)
}

/// Rebuilds the exact string the provider signed.
#[wasm_bindgen(js_name = canonicalize)]
pub fn canonicalize_js(
    body: JsValue,
    form_name: Option<String>,
    max_body_bytes: Option<u32>,
    max_depth: Option<u32>,
) -> Result<String, JsValue> {
    let bytes = body_bytes(&body)?;
    crate::canonicalize(
        &bytes,
        form(form_name)?,
        &limits(max_body_bytes, max_depth)?,
    )
    .map_err(to_js)
}

/// Signs a JSON object body with a PEM private key; returns the body with `sign` set.
#[wasm_bindgen(js_name = sign)]
pub fn sign_js(
    body: JsValue,
    private_key: &str,
    form_name: Option<String>,
    encoding: Option<String>,
) -> Result<String, JsValue> {
    let bytes = body_bytes(&body)?;
    let key = PrivateKey::parse(private_key).map_err(to_js)?;
    let encoding = encoding
        .map_or(Ok(SignatureEncoding::Base64), |e| {
            SignatureEncoding::parse(&e)
        })
        .map_err(to_js)?;
    crate::sign(&bytes, &key, form(form_name)?, encoding, &Limits::default()).map_err(to_js)
}

/// The provider's expected reply, as JSON `{status, contentType, body}`.
#[wasm_bindgen(js_name = ack)]
pub fn ack_js(dialect_name: &str) -> Result<String, JsValue> {
    let ack = Dialect::parse(dialect_name).map_err(to_js)?.ack();
    serde_json::to_string(&ack).map_err(|e| to_js(Error::new(ErrorCode::Internal, e.to_string())))
}

/// Every error code, as JSON, so the JS and TypeScript lists can be checked against Rust's.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes_js() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// Traps on purpose: lets the package's tests prove that a trapped instance is replaced and the
/// caller gets `INTERNAL`, not a dead module. Not part of the public API (not re-exported).
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}

/// Every header name any dialect reads, so the JS side passes only those.
#[wasm_bindgen(js_name = headerNames)]
pub fn header_names_js() -> Vec<String> {
    crate::dialects::HEADERS_READ
        .iter()
        .map(|h| (*h).to_owned())
        .collect()
}

/// Every dialect id with whether it is signed, as JSON.
#[wasm_bindgen(js_name = dialects)]
pub fn dialects_js() -> String {
    let list: Vec<serde_json::Value> = Dialect::ALL
        .iter()
        .map(|d| serde_json::json!({ "id": d.as_str(), "signed": d.is_signed() }))
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// A verifier holding parsed public keys (the server fast path: keys are parsed once).
#[wasm_bindgen]
pub struct WasmVerifier {
    inner: Verifier,
}

#[wasm_bindgen]
impl WasmVerifier {
    /// Parses `public_keys` (PEM or Base64 DER) and `secrets`, and fixes the options.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)] // mirrors the JS options object one to one
    pub fn new(
        public_keys: Vec<String>,
        secrets: Vec<String>,
        dialect_name: Option<String>,
        form_name: Option<String>,
        allow_weak_keys: bool,
        max_body_bytes: Option<u32>,
        max_depth: Option<u32>,
        tolerance_seconds: Option<u32>,
    ) -> Result<WasmVerifier, JsValue> {
        let keys = public_keys
            .iter()
            .map(|k| PublicKey::parse(k, allow_weak_keys))
            .collect::<Result<Vec<_>, _>>()
            .map_err(to_js)?;
        let secrets = secrets
            .iter()
            .map(|s| Secret::new(s))
            .collect::<Result<Vec<_>, _>>()
            .map_err(to_js)?;
        let inner = Verifier::with_credentials(keys, secrets)
            .map_err(to_js)?
            .with_dialect(dialect(dialect_name)?)
            .with_canonical(form(form_name)?)
            .with_limits(limits(max_body_bytes, max_depth)?)
            .with_tolerance(tolerance_seconds.map_or(Verifier::DEFAULT_TOLERANCE_SECS, u64::from));
        Ok(WasmVerifier { inner })
    }

    /// Verifies, then decodes; returns the event as JSON text. `now` is epoch milliseconds.
    pub fn verify(
        &self,
        body: JsValue,
        header_list: Vec<String>,
        now: f64,
    ) -> Result<String, JsValue> {
        let bytes = body_bytes(&body)?;
        let event = self
            .inner
            .verify_at(&bytes, &headers(header_list), Some(now as i64))
            .map_err(to_js)?;
        event_json(&event)
    }

    /// Like `verify`, with the RSA check done by the host: `check(keyIndex, message, signature)`
    /// returns true when the key at `keyIndex` holds. An exception from `check` is rethrown.
    #[wasm_bindgen(js_name = verifyWith)]
    pub fn verify_with(
        &self,
        body: JsValue,
        header_list: Vec<String>,
        now: f64,
        check: &js_sys::Function,
    ) -> Result<String, JsValue> {
        let bytes = body_bytes(&body)?;
        let mut thrown: Option<JsValue> = None;
        // Copied out once, however many keys are tried (they all check the same bytes).
        let mut copies: Option<(Uint8Array, Uint8Array)> = None;
        let result = self.inner.verify_with(
            &bytes,
            &headers(header_list),
            Some(now as i64),
            |index, message, signature| {
                if thrown.is_some() {
                    return false;
                }
                let (message, signature) = copies.get_or_insert_with(|| {
                    (Uint8Array::from(message), Uint8Array::from(signature))
                });
                let outcome = check.call3(
                    &JsValue::NULL,
                    &JsValue::from(index as u32),
                    message,
                    signature,
                );
                match outcome {
                    Ok(value) => value.is_truthy(),
                    Err(err) => {
                        thrown = Some(err);
                        false
                    }
                }
            },
        );
        if let Some(err) = thrown {
            return Err(err);
        }
        event_json(&result.map_err(to_js)?)
    }

    /// Each RSA key as X.509 SubjectPublicKeyInfo DER, for importing into the host's crypto.
    #[wasm_bindgen(js_name = spkiKeys)]
    pub fn spki_keys(&self) -> Result<js_sys::Array, JsValue> {
        let out = js_sys::Array::new();
        for key in self.inner.keys() {
            out.push(&Uint8Array::from(key.spki_der().map_err(to_js)?.as_slice()));
        }
        Ok(out)
    }

    /// First half of an asynchronous verification: parses the body; an HMAC push is verified at
    /// once (`event()`), an RSA push yields the signed string for the caller's check and `finish`.
    pub fn prepare(
        &self,
        body: JsValue,
        header_list: Vec<String>,
        now: f64,
    ) -> Result<WasmPrepared, JsValue> {
        let bytes = body_bytes(&body)?;
        let prepared = self
            .inner
            .prepare(&bytes, &headers(header_list), Some(now as i64))
            .map_err(to_js)?;
        match prepared {
            Prepared::Rsa(signed) => Ok(WasmPrepared {
                prepared: Some(signed.into_owned()),
                event: None,
            }),
            Prepared::Verified(event) => {
                let json = event_json(&event)?;
                Ok(WasmPrepared {
                    prepared: None,
                    event: Some(json),
                })
            }
        }
    }

    /// Second half: decodes a prepared body whose signature the key at `key_index` held.
    pub fn finish(
        &self,
        prepared: &mut WasmPrepared,
        key_index: u32,
        header_list: Vec<String>,
    ) -> Result<String, JsValue> {
        let signed = prepared
            .prepared
            .take()
            .ok_or_else(|| option_error("this prepared body was already finished"))?;
        let event = self
            .inner
            .finish(signed, key_index as usize, &headers(header_list))
            .map_err(to_js)?;
        event_json(&event)
    }

    /// The `SIGNATURE_MISMATCH` error for this verifier's keys.
    pub fn mismatch(&self) -> JsValue {
        to_js(self.inner.mismatch())
    }
}

/// A body parsed and ready for a host signature check (see `WasmVerifier.prepare`).
#[wasm_bindgen]
pub struct WasmPrepared {
    prepared: Option<SignedBody<'static>>,
    event: Option<String>,
}

#[wasm_bindgen]
impl WasmPrepared {
    /// The event JSON when the push was already verified (HMAC dialects), else `undefined`.
    pub fn event(&self) -> Option<String> {
        self.event.clone()
    }

    /// The exact signed string, as UTF-8 bytes.
    pub fn canonical(&self) -> Vec<u8> {
        self.prepared
            .as_ref()
            .map(|p| p.canonical.as_bytes().to_vec())
            .unwrap_or_default()
    }

    /// The decoded signature bytes.
    pub fn signature(&self) -> Vec<u8> {
        self.prepared
            .as_ref()
            .map(|p| p.signature.clone())
            .unwrap_or_default()
    }
}
