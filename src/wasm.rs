//! The JavaScript binding: the only module that knows about `wasm_bindgen` and `js_sys`.
//!
//! Each call takes the body as UTF-8 bytes, headers as a flat `[name, value, …]` list of the
//! headers dialects read, and one typed config object per call kind (named fields, built by the
//! package's `api.js`, which validates the user's options). Events return as JSON text for one
//! `JSON.parse` on the JS side (measured cheaper than building the objects with
//! serde-wasm-bindgen: 17–18 µs against 26–27 µs per ~1 KB event). Errors are real `Error`
//! objects with `name = "WebhookError"` and a stable `code`; an error about a setting names the
//! JavaScript option it comes from.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

#[cfg(feature = "signing")]
use crate::json::Object;
use crate::json::{Limits, Value};
use crate::{
    CanonicalForm, Credentials, DeclaredScheme, Dialect, Error, ErrorCode, Event, Headers,
    Prepared, PublicKey, Secret, Setting, SignedBody, Verifier,
};
#[cfg(feature = "signing")]
use crate::{PrivateKey, SignatureEncoding};

/// The JavaScript option a core setting comes from.
fn option_name(setting: Setting) -> &'static str {
    match setting {
        Setting::PublicKey => "publicKey",
        Setting::Secret => "secret",
        Setting::PrivateKey => "privateKey",
        Setting::Dialect => "dialect",
        Setting::CanonicalForm => "canonical",
        Setting::SignatureEncoding => "encoding",
        Setting::AllowWeakKeys => "allowWeakKeys",
        Setting::MaxBodyBytes => "maxBodyBytes",
        Setting::MaxDepth => "maxDepth",
        Setting::Tolerance => "toleranceSeconds",
        Setting::Now => "now",
        Setting::EventType => "eventType",
        Setting::Scheme => "scheme",
        Setting::Headers => "headers",
        Setting::Credentials => "credentials",
    }
}

fn to_js(e: Error) -> JsValue {
    let message = match e.setting() {
        Some(setting) => format!("{} (option `{}`)", e.message(), option_name(setting)),
        None => e.message().to_owned(),
    };
    let err = js_sys::Error::new(&message);
    err.set_name("WebhookError");
    // Reflect::set only fails on frozen or proxy objects; a fresh Error is neither.
    let _ = Reflect::set(
        &err,
        &JsValue::from_str("code"),
        &JsValue::from_str(e.code().as_str()),
    );
    if let Some(offset) = e.offset() {
        let _ = Reflect::set(
            &err,
            &JsValue::from_str("offset"),
            &JsValue::from(offset as u32),
        );
    }
    err.into()
}

fn headers(flat: Vec<String>) -> Headers {
    let mut out = Headers::new();
    let mut it = flat.into_iter();
    while let (Some(name), Some(value)) = (it.next(), it.next()) {
        out.insert(name, value);
    }
    out
}

fn limits(max_body_bytes: Option<u32>, max_depth: Option<u32>) -> Result<Limits, Error> {
    let defaults = Limits::default();
    Limits {
        max_body_bytes: max_body_bytes.map_or(defaults.max_body_bytes, |n| n as usize),
        max_depth: max_depth.map_or(defaults.max_depth, |n| n as usize),
    }
    .validated()
}

fn dialect(name: Option<&str>) -> Result<Option<Dialect>, Error> {
    name.map(Dialect::parse).transpose()
}

fn form(name: Option<&str>) -> Result<CanonicalForm, Error> {
    name.map_or(Ok(CanonicalForm::Json), CanonicalForm::parse)
}

fn scheme(text: Option<&str>) -> Result<Option<DeclaredScheme>, Error> {
    text.map(DeclaredScheme::parse).transpose()
}

/// A config's declared scheme, parsed once: `api.js` caches config objects by their options, so a
/// scheme given to `decode` or `canonicalize` is not parsed again on every call. Keyed by its text,
/// so a changed `scheme` is parsed afresh.
#[derive(Default)]
struct SchemeCache(std::cell::RefCell<Option<(String, std::rc::Rc<DeclaredScheme>)>>);

impl SchemeCache {
    fn get(&self, text: Option<&str>) -> Result<Option<std::rc::Rc<DeclaredScheme>>, Error> {
        let Some(text) = text else {
            return Ok(None);
        };
        let mut cached = self.0.borrow_mut();
        match cached.as_ref() {
            Some((parsed_from, scheme)) if parsed_from == text => Ok(Some(scheme.clone())),
            _ => {
                let scheme = std::rc::Rc::new(DeclaredScheme::parse(text)?);
                *cached = Some((text.to_owned(), scheme.clone()));
                Ok(Some(scheme))
            }
        }
    }
}

/// Refuses a declared scheme given together with a setting only dialects use.
fn scheme_alone(given: bool, dialect: Option<&str>, canonical: Option<&str>) -> Result<(), Error> {
    let clash = match (dialect, canonical) {
        (Some(_), _) => Some(Setting::Dialect),
        (None, Some(_)) => Some(Setting::CanonicalForm),
        (None, None) => None,
    };
    match clash {
        Some(setting) if given => Err(Error::invalid_setting(
            setting,
            "a declared scheme says everything about how pushes are signed and read: give `scheme` or this option, not both",
        )),
        _ => Ok(()),
    }
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

/// Declares a config object built by `api.js`: private fields, a constructor with defaults, and
/// one setter per field under its JavaScript option name (no getters: JavaScript never reads a
/// config back, and each getter would add glue to the module).
macro_rules! config {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty => $js:ident / $setter:ident,)+ }
     $(derived { $($(#[$dmeta:meta])* $derived:ident: $dty:ty,)+ })?) => {
        $(#[$meta])*
        #[wasm_bindgen]
        #[derive(Default)]
        pub struct $name {
            $($field: $ty,)+
            $($($(#[$dmeta])* $derived: $dty,)+)?
        }

        #[wasm_bindgen]
        impl $name {
            /// Defaults everywhere.
            #[wasm_bindgen(constructor)]
            pub fn new() -> $name {
                $name::default()
            }

            $(
                $(#[$fmeta])*
                #[wasm_bindgen(setter = $js)]
                pub fn $setter(&mut self, value: $ty) {
                    self.$field = value;
                }
            )+
        }
    };
}

config! {
    /// Options of `decode`.
    DecodeConfig {
        /// Read the body in this dialect instead of detecting it.
        dialect: Option<String> => dialect / set_dialect,
        /// Read the body with this declared scheme (JSON).
        scheme: Option<String> => scheme / set_scheme,
        /// The largest accepted body in bytes.
        max_body_bytes: Option<u32> => maxBodyBytes / set_max_body_bytes,
        /// The deepest accepted nesting.
        max_depth: Option<u32> => maxDepth / set_max_depth,
    }
    derived {
        /// `scheme`, parsed on first use.
        parsed_scheme: SchemeCache,
    }
}

config! {
    /// Options of `canonicalize`.
    CanonicalizeConfig {
        /// `json`, `pairs` or `values`.
        canonical: Option<String> => canonical / set_canonical,
        /// Give what this dialect's provider signs for the push (its headers given).
        dialect: Option<String> => dialect / set_dialect,
        /// Rebuild the string a declared scheme (JSON) signs.
        scheme: Option<String> => scheme / set_scheme,
        /// The largest accepted body in bytes.
        max_body_bytes: Option<u32> => maxBodyBytes / set_max_body_bytes,
        /// The deepest accepted nesting.
        max_depth: Option<u32> => maxDepth / set_max_depth,
    }
    derived {
        /// `scheme`, parsed on first use.
        parsed_scheme: SchemeCache,
    }
}

#[cfg(feature = "signing")]
config! {
    /// Options of `sign`.
    SignConfig {
        /// The PEM private key.
        private_key: String => privateKey / set_private_key,
        /// `json`, `pairs` or `values`.
        canonical: Option<String> => canonical / set_canonical,
        /// `base64` or `hex`.
        encoding: Option<String> => encoding / set_encoding,
    }
}

#[cfg(feature = "signing")]
config! {
    /// Options of `signRequest`.
    SignRequestConfig {
        /// The PEM private key (RSA dialects).
        private_key: Option<String> => privateKey / set_private_key,
        /// The shared secret (HMAC dialects).
        secret: Option<String> => secret / set_secret,
        /// The current time, epoch milliseconds.
        now: f64 => now / set_now,
        /// The event type to announce, where the provider sends it apart from the body.
        event_type: Option<String> => eventType / set_event_type,
        /// `json`, `pairs` or `values`.
        canonical: Option<String> => canonical / set_canonical,
        /// `base64` or `hex`.
        encoding: Option<String> => encoding / set_encoding,
        /// A unique id for the request.
        request_id: String => requestId / set_request_id,
        /// The declared scheme (JSON) of a `custom` push.
        scheme: Option<String> => scheme / set_scheme,
        /// Values of headers a declared scheme signs, as a flat `[name, value, …]` list.
        headers: Vec<String> => headers / set_headers,
    }
}

config! {
    /// Options of `new Verifier`.
    VerifierConfig {
        /// The provider's RSA public keys (PEM or Base64 DER), for the dialects named.
        public_keys: Vec<String> => publicKeys / set_public_keys,
        /// The shared HMAC secrets, for the dialects named.
        secrets: Vec<String> => secrets / set_secrets,
        /// The dialects the keys and secrets are for (empty: none named).
        dialects: Vec<String> => dialects / set_dialects,
        /// Credentials per dialect, as JSON `[[dialect, [publicKey…], [secret…]], …]`.
        credentials: Option<String> => credentials / set_credentials,
        /// Read bodies with this declared scheme (JSON) instead of a dialect.
        scheme: Option<String> => scheme / set_scheme,
        /// `json`, `pairs` or `values`.
        canonical: Option<String> => canonical / set_canonical,
        /// Accept RSA keys from 1024 bits.
        allow_weak_keys: bool => allowWeakKeys / set_allow_weak_keys,
        /// The largest accepted body in bytes.
        max_body_bytes: Option<u32> => maxBodyBytes / set_max_body_bytes,
        /// The deepest accepted nesting.
        max_depth: Option<u32> => maxDepth / set_max_depth,
        /// The replay window either way, in seconds.
        tolerance_seconds: Option<u32> => toleranceSeconds / set_tolerance_seconds,
    }
}

/// Keys and secrets as given, parsed.
fn credentials(
    public_keys: &[String],
    secrets: &[String],
    allow_weak_keys: bool,
) -> Result<Credentials, Error> {
    Ok(Credentials {
        keys: public_keys
            .iter()
            .map(|k| PublicKey::parse(k, allow_weak_keys))
            .collect::<Result<_, _>>()?,
        secrets: secrets
            .iter()
            .map(|s| Secret::new(s))
            .collect::<Result<_, _>>()?,
    })
}

/// Credentials per dialect from the JSON `api.js` writes, `[[dialect, [publicKey…], [secret…]], …]`,
/// read with the crate's own parser: serde's deserializer would add its code to the module.
fn credentials_per_dialect(
    json: &str,
    allow_weak_keys: bool,
) -> Result<Vec<(Dialect, Credentials)>, Error> {
    let unreadable =
        || Error::invalid_setting(Setting::Credentials, "credentials are not readable");
    let strings = |value: Option<&Value<'_>>| -> Result<Vec<String>, Error> {
        match value {
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(text) => Ok(text.to_string()),
                    _ => Err(unreadable()),
                })
                .collect(),
            _ => Err(unreadable()),
        }
    };
    let Value::Array(entries) = crate::json::parse_str(json, &Limits::default())? else {
        return Err(unreadable());
    };
    entries
        .iter()
        .map(|entry| {
            let Value::Array(parts) = entry else {
                return Err(unreadable());
            };
            let Some(Value::String(name)) = parts.first() else {
                return Err(unreadable());
            };
            let keys = strings(parts.get(1))?;
            let secrets = strings(parts.get(2))?;
            Ok((
                Dialect::parse(name)?,
                credentials(&keys, &secrets, allow_weak_keys)?,
            ))
        })
        .collect()
}

/// The verifier `config` describes: a declared scheme, credentials per dialect, credentials for
/// the dialects named, or credentials alone (refused where they could verify several dialects).
fn verifier(config: &VerifierConfig) -> Result<Verifier, Error> {
    let given = credentials(&config.public_keys, &config.secrets, config.allow_weak_keys)?;
    let declared = scheme(config.scheme.as_deref())?;
    scheme_alone(
        declared.is_some(),
        config.dialects.first().map(String::as_str),
        config.canonical.as_deref(),
    )?;
    let verifier = match (declared, config.credentials.as_deref()) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid_setting(
                Setting::Scheme,
                "a declared scheme takes its publicKey or secret beside it, not credentials per dialect",
            ));
        }
        (Some(declared), None) => Verifier::declared(declared, given)?,
        (None, Some(json)) => {
            if !config.dialects.is_empty() || !given.keys.is_empty() || !given.secrets.is_empty() {
                return Err(Error::invalid_setting(
                    Setting::Credentials,
                    "credentials name each dialect and its publicKey or secret: give them alone, without dialect, publicKey or secret",
                ));
            }
            let list = credentials_per_dialect(json, config.allow_weak_keys)?;
            Verifier::for_dialects(list)?
        }
        (None, None) => match config.dialects.as_slice() {
            [] => Verifier::for_credentials(given)?,
            [one] => Verifier::new(Dialect::parse(one)?, given)?,
            names => {
                let list = names
                    .iter()
                    .map(|name| Dialect::parse(name))
                    .collect::<Result<Vec<_>, _>>()?;
                Verifier::for_dialect_set(&list, given)?
            }
        },
    };
    let verifier = verifier
        .with_canonical(form(config.canonical.as_deref())?)
        .with_limits(limits(config.max_body_bytes, config.max_depth)?);
    match config.tolerance_seconds {
        Some(seconds) => verifier.with_tolerance(u64::from(seconds)),
        None => Ok(verifier),
    }
}

/// Decodes a webhook without checking its signature; returns the event as JSON text.
#[wasm_bindgen(js_name = decode)]
pub fn decode_js(
    body: &[u8],
    header_list: Vec<String>,
    config: &DecodeConfig,
) -> Result<String, JsValue> {
    test_hooks::trap_on_request(body);
    let event = (|| {
        let limits = limits(config.max_body_bytes, config.max_depth)?;
        let declared = config.parsed_scheme.get(config.scheme.as_deref())?;
        scheme_alone(declared.is_some(), config.dialect.as_deref(), None)?;
        match declared {
            Some(declared) => crate::decode_declared(body, &declared, &limits),
            None => crate::decode(
                body,
                &headers(header_list),
                dialect(config.dialect.as_deref())?,
                &limits,
            ),
        }
    })()
    .map_err(to_js)?;
    event_json(&event)
}

/// Rebuilds the exact string the provider signed.
#[wasm_bindgen(js_name = canonicalize)]
pub fn canonicalize_js(
    body: &[u8],
    header_list: Vec<String>,
    config: &CanonicalizeConfig,
) -> Result<String, JsValue> {
    (|| {
        let limits = limits(config.max_body_bytes, config.max_depth)?;
        let declared = config.parsed_scheme.get(config.scheme.as_deref())?;
        scheme_alone(
            declared.is_some(),
            config.dialect.as_deref(),
            config.canonical.as_deref(),
        )?;
        let form = form(config.canonical.as_deref())?;
        match (declared, dialect(config.dialect.as_deref())?) {
            (Some(declared), _) => {
                crate::signed_input_declared(body, &headers(header_list), &declared, &limits)
            }
            (None, Some(dialect)) => {
                crate::signed_input(body, &headers(header_list), dialect, form, &limits)
            }
            (None, None) => crate::sorted_signed_input(body, form, &limits),
        }
    })()
    .map_err(to_js)
}

#[cfg(feature = "signing")]
/// Signs a JSON object body with a PEM private key; returns the body with `sign` set.
#[wasm_bindgen(js_name = sign)]
pub fn sign_js(body: &[u8], config: &SignConfig) -> Result<String, JsValue> {
    (|| {
        let key = PrivateKey::parse(&config.private_key)?;
        let encoding = config
            .encoding
            .as_deref()
            .map_or(Ok(SignatureEncoding::Base64), SignatureEncoding::parse)?;
        crate::sign(
            body,
            &key,
            form(config.canonical.as_deref())?,
            encoding,
            &Limits::default(),
        )
    })()
    .map_err(to_js)
}

#[cfg(feature = "signing")]
/// The body and headers `dialect`'s provider would send for `payload`, as JSON
/// `{"body": …, "headers": {…}}`.
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request_js(
    dialect_name: &str,
    payload: &[u8],
    config: &SignRequestConfig,
) -> Result<String, JsValue> {
    let signed = (|| {
        let key = config
            .private_key
            .as_deref()
            .map(PrivateKey::parse)
            .transpose()?;
        let secret = config.secret.as_deref().map(Secret::new).transpose()?;
        let encoding = config
            .encoding
            .as_deref()
            .map_or(Ok(SignatureEncoding::Base64), SignatureEncoding::parse)?;
        let context = crate::SignContext {
            key: key.as_ref(),
            secret: secret.as_ref(),
            now_ms: config.now as i64,
            event_type: config.event_type.as_deref(),
            form: form(config.canonical.as_deref())?,
            encoding,
            request_id: &config.request_id,
        };
        let declared = scheme(config.scheme.as_deref())?;
        match (dialect_name, declared) {
            ("custom", Some(declared)) => crate::sign_request_declared(
                &declared,
                payload,
                &context,
                &headers(config.headers.clone()),
            ),
            ("custom", None) => Err(Error::invalid_setting(
                Setting::Scheme,
                "custom pushes are signed by a declared scheme: give `scheme`",
            )),
            (_, Some(_)) => Err(Error::invalid_setting(
                Setting::Scheme,
                "a declared scheme signs `custom` pushes: call signRequest('custom', payload, { scheme, … })",
            )),
            (name, None) => crate::sign_request(Dialect::parse(name)?, payload, &context),
        }
    })()
    .map_err(to_js)?;
    // The project's own JSON writer keeps the headers in the order the provider sends them.
    let mut headers = Object::default();
    for (name, value) in signed.headers {
        headers.insert(name, Value::String(value.into()));
    }
    let mut out = Object::default();
    out.insert("body", Value::String(signed.body.into()));
    out.insert("headers", Value::Object(headers));
    Ok(Value::Object(out).to_compact_json())
}

#[cfg(feature = "signing")]
/// A realistic payload of `event_type` in the dialect, from the provider's documented example.
#[wasm_bindgen(js_name = sample)]
pub fn sample_js(dialect_name: &str, event_type: &str) -> Result<String, JsValue> {
    Dialect::parse(dialect_name)
        .and_then(|dialect| crate::sample(dialect, event_type))
        .map_err(to_js)
}

#[cfg(feature = "signing")]
/// Every `{dialect, type}` `sample` can make, as JSON.
#[wasm_bindgen(js_name = samples)]
pub fn samples_js() -> String {
    let list: Vec<serde_json::Value> = crate::samples()
        .into_iter()
        .map(|(dialect, event_type)| serde_json::json!({ "dialect": dialect.as_str(), "type": event_type }))
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The provider's expected reply, as JSON `{status, contentType, body}`.
#[wasm_bindgen(js_name = ack)]
pub fn ack_js(dialect_name: &str) -> Result<String, JsValue> {
    // `custom` (a declared scheme's provider) has no dialect to parse, but has the plain ack.
    let dialect = match dialect_name {
        "custom" => Dialect::custom(),
        name => Dialect::parse(name).map_err(to_js)?,
    };
    let ack = dialect.ack();
    serde_json::to_string(&ack).map_err(|e| to_js(Error::new(ErrorCode::Internal, e.to_string())))
}

/// Every error code, so the package's tests can check the generated lists against the module.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes_js() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// Every header name any dialect reads, so the package's tests can check the generated list.
#[wasm_bindgen(js_name = headerNames)]
pub fn header_names_js() -> Vec<String> {
    crate::dialects::headers_read()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Every dialect id with whether it is signed, as JSON.
#[wasm_bindgen(js_name = dialects)]
pub fn dialects_js() -> String {
    let list: Vec<serde_json::Value> = Dialect::all()
        .map(|d| {
            serde_json::json!({
                "id": d.as_str(),
                "signed": d.is_signed(),
                // The option a verifier of this dialect's pushes needs.
                "credential": d.credential().map(option_name),
                "retryAfterSeconds": d.spec().retry_after_secs,
                // Where the event type travels: a body field, or (null) a header the signer sets
                // from `eventType`.
                "typeField": d.spec().type_field,
            })
        })
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
    /// Parses the keys (PEM or Base64 DER) and secrets, and fixes the options.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &VerifierConfig) -> Result<WasmVerifier, JsValue> {
        verifier(config)
            .map(|inner| WasmVerifier { inner })
            .map_err(to_js)
    }

    /// Verifies, then decodes; returns the event as JSON text. `now` is epoch milliseconds.
    pub fn verify(
        &self,
        body: &[u8],
        header_list: Vec<String>,
        now: f64,
    ) -> Result<String, JsValue> {
        let event = self
            .inner
            .verify_at(body, &headers(header_list), Some(now as i64))
            .map_err(to_js)?;
        event_json(&event)
    }

    /// Like `verify`, with the RSA check done by the host: `check(keyIndex, message, signature)`
    /// returns true when the key at `keyIndex` holds. An exception from `check` is rethrown.
    #[wasm_bindgen(js_name = verifyWith)]
    pub fn verify_with(
        &self,
        body: &[u8],
        header_list: Vec<String>,
        now: f64,
        check: &js_sys::Function,
    ) -> Result<String, JsValue> {
        let mut thrown: Option<JsValue> = None;
        let result = self.inner.verify_with(
            body,
            &headers(header_list),
            Some(now as i64),
            |index, message, signature| {
                if thrown.is_some() {
                    return false;
                }
                // SAFETY: views, not copies, into this module's memory. They are valid while no
                // wasm code runs, and none does until `check` returns: it is the host's
                // synchronous verify (api.js), which keeps neither view.
                let (message, signature) =
                    unsafe { (Uint8Array::view(message), Uint8Array::view(signature)) };
                let outcome = check.call3(
                    &JsValue::NULL,
                    &JsValue::from(index as u32),
                    &message,
                    &signature,
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
    pub fn spki_keys(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        for key in self.inner.keys() {
            out.push(&Uint8Array::from(key.spki_der()));
        }
        out
    }

    /// First half of an asynchronous verification: parses the body; an HMAC push is verified at
    /// once (`event()`), an RSA push yields the signed string for the caller's check and `finish`.
    pub fn prepare(
        &self,
        body: &[u8],
        header_list: Vec<String>,
        now: f64,
    ) -> Result<WasmPrepared, JsValue> {
        let prepared = self
            .inner
            .prepare(body, &headers(header_list), Some(now as i64))
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
        let signed = prepared.prepared.take().ok_or_else(|| {
            to_js(Error::new(
                ErrorCode::InvalidOption,
                "this prepared body was already finished",
            ))
        })?;
        let event = self
            .inner
            .finish(signed, key_index as usize, &headers(header_list))
            .map_err(to_js)?;
        event_json(&event)
    }

    /// The `SIGNATURE_MISMATCH` error for a prepared body that none of its dialect's keys holds.
    pub fn mismatch(&self, prepared: &WasmPrepared) -> JsValue {
        match &prepared.prepared {
            Some(signed) => to_js(Verifier::mismatch(signed)),
            None => to_js(Error::new(
                ErrorCode::InvalidOption,
                "this prepared body was already finished",
            )),
        }
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
            .map(|p| p.signed_input.as_bytes().to_vec())
            .unwrap_or_default()
    }

    /// The indexes, into `spkiKeys()`, of the keys to check the signature against: those given
    /// for the body's dialect.
    #[wasm_bindgen(js_name = keyIndexes)]
    pub fn key_indexes(&self) -> Vec<u32> {
        self.prepared
            .as_ref()
            .map(|p| p.key_indexes().map(|i| i as u32).collect())
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

/// Faults on purpose, only in the module the package's own tests build (`--features test-hooks`),
/// so they can prove a trapped instance is replaced. The published module has none of this.
mod test_hooks {
    /// The body that makes `decode` trap.
    #[cfg(feature = "test-hooks")]
    const TRAP_BODY: &[u8] = br#"{"cardhook":"trap"}"#;

    /// Traps when `body` is the trap body (test builds only; a no-op otherwise).
    #[cfg(feature = "test-hooks")]
    pub fn trap_on_request(body: &[u8]) {
        if body == TRAP_BODY {
            core::arch::wasm32::unreachable()
        }
    }

    /// A no-op: the published module has no test hooks.
    #[cfg(not(feature = "test-hooks"))]
    pub fn trap_on_request(_body: &[u8]) {}
}
