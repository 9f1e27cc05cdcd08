//! cardhook: verify and decode the webhooks card-issuing platforms push to their merchants.
//!
//! The core is pure Rust with no I/O and no JavaScript: exact JSON ([`json`]), the signed string
//! ([`canonical`]), RSA signatures ([`signature`]), the typed model ([`event`]) and one module per
//! provider dialect ([`dialects`]). The `wasm` module is the only place that knows about
//! JavaScript; it is compiled for `wasm32` only.
//!
//! ```
//! use cardhook::{decode, Headers, Limits};
//! let body = br#"{"txnOrderNo":"T1","txnStatus":"S","txnType":"CHARGE","transactionAmount":50.00,
//!                 "transactionCurrency":"USD","sign":"00"}"#;
//! let event = decode(body, &Headers::new(), None, &Limits::default()).unwrap();
//! assert_eq!(event.event_type, "transactionEvent");
//! assert_eq!(event.id.as_deref(), Some("T1:S"));
//! assert!(!event.verified);
//! ```

pub mod canonical;
pub mod dialects;
pub mod error;
pub mod event;
pub mod json;
pub mod signature;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)] // wasm-bindgen's generated glue needs it; the core stays free of it.
mod wasm;

pub use canonical::{canonical_string, CanonicalForm};
pub use dialects::{Ack, Dialect};
pub use error::{Error, ErrorCode, Result};
pub use event::{Event, EventData, Headers, Money};
pub use json::{Limits, Object, Value};
pub use signature::{PrivateKey, PublicKey, SignatureEncoding};

/// Parses `body` and requires a top-level object.
fn parse_object(body: &[u8], limits: &Limits) -> Result<Object> {
    match json::parse(body, limits)? {
        Value::Object(obj) => Ok(obj),
        other => Err(Error::new(
            ErrorCode::NotAnObject,
            format!("top-level JSON value is {}, not an object", other.type_name()),
        )),
    }
}

fn resolve_dialect(explicit: Option<Dialect>, headers: &Headers, body: &Object) -> Result<Dialect> {
    match explicit {
        Some(d) => Ok(d),
        None => dialects::detect(headers, body),
    }
}

/// Decodes a webhook without checking any signature (`event.verified` is false).
///
/// Use it for unsigned dialects, or to look at a body before trusting it; never act on an
/// unverified event from a signed dialect.
pub fn decode(body: &[u8], headers: &Headers, dialect: Option<Dialect>, limits: &Limits) -> Result<Event> {
    let obj = parse_object(body, limits)?;
    let dialect = resolve_dialect(dialect, headers, &obj)?;
    let (event_type, id, data) = dialects::decode(dialect, headers, &obj, limits)?;
    Ok(Event { dialect, event_type, id, verified: false, key_index: None, data })
}

/// The exact string the provider signed, rebuilt from `body`.
pub fn canonicalize(body: &[u8], form: CanonicalForm, limits: &Limits) -> Result<String> {
    Ok(canonical_string(&parse_object(body, limits)?, form))
}

/// Signs `body` (a JSON object) and returns it as compact JSON with `sign` set, for tests and
/// simulators. Number text and key order are kept; an existing `sign` is replaced.
pub fn sign(
    body: &[u8],
    key: &PrivateKey,
    form: CanonicalForm,
    encoding: SignatureEncoding,
    limits: &Limits,
) -> Result<String> {
    let mut obj = parse_object(body, limits)?;
    let signature = key.sign(canonical_string(&obj, form).as_bytes(), encoding)?;
    obj.insert(canonical::SIGN_FIELD, Value::String(signature));
    Ok(Value::Object(obj).to_compact_json())
}

/// Checks signatures with one or more public keys (several keys allow rotation), parsed once.
#[derive(Clone, Debug)]
pub struct Verifier {
    keys: Vec<PublicKey>,
    signature_lens: Vec<usize>,
    dialect: Option<Dialect>,
    form: CanonicalForm,
    limits: Limits,
}

/// A body whose signature field has been read and whose signed string has been rebuilt, ready
/// for an RSA check by this crate or by the host's crypto.
#[derive(Clone, Debug)]
pub struct SignedBody {
    /// The parsed body.
    pub body: Object,
    /// The dialect it was read as.
    pub dialect: Dialect,
    /// The exact string that was signed.
    pub canonical: String,
    /// The signature bytes.
    pub signature: Vec<u8>,
}

impl Verifier {
    /// A verifier accepting a signature made by any of `keys` (at least one).
    pub fn new(keys: Vec<PublicKey>) -> Result<Self> {
        if keys.is_empty() {
            return Err(Error::new(ErrorCode::InvalidOption, "at least one public key is required"));
        }
        let mut signature_lens: Vec<usize> = keys.iter().map(PublicKey::signature_len).collect();
        signature_lens.dedup();
        Ok(Verifier { keys, signature_lens, dialect: None, form: CanonicalForm::Json, limits: Limits::default() })
    }

    /// Reads the body in `dialect` instead of detecting it.
    pub fn with_dialect(mut self, dialect: Option<Dialect>) -> Self {
        self.dialect = dialect;
        self
    }

    /// Uses `form` to rebuild the signed string (default [`CanonicalForm::Json`]).
    pub fn with_canonical(mut self, form: CanonicalForm) -> Self {
        self.form = form;
        self
    }

    /// Applies `limits` to bodies (default [`Limits::default`]).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The keys, in the order given.
    pub fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    /// Parses `body`, reads its signature and rebuilds the signed string, without checking RSA.
    pub fn prepare(&self, body: &[u8], headers: &Headers) -> Result<SignedBody> {
        let obj = parse_object(body, &self.limits)?;
        let dialect = resolve_dialect(self.dialect, headers, &obj)?;
        if !dialect.is_signed() {
            return Err(Error::new(
                ErrorCode::UnsignedDialect,
                format!("the {} dialect carries no signature; use decode", dialect.as_str()),
            ));
        }
        let signature = match obj.get(canonical::SIGN_FIELD) {
            None | Some(Value::Null) => {
                return Err(Error::new(ErrorCode::MissingSignature, "body has no `sign` field"));
            }
            Some(Value::String(s)) => signature::decode_signature(s, &self.signature_lens)?,
            Some(other) => {
                return Err(Error::new(
                    ErrorCode::InvalidSignatureEncoding,
                    format!("`sign` is {}, not a string", other.type_name()),
                ));
            }
        };
        let canonical = canonical_string(&obj, self.form);
        Ok(SignedBody { body: obj, dialect, canonical, signature })
    }

    /// Decodes a prepared body whose signature the key at `key_index` was found to hold.
    pub fn finish(&self, prepared: SignedBody, key_index: usize, headers: &Headers) -> Result<Event> {
        let (event_type, id, data) = dialects::decode(prepared.dialect, headers, &prepared.body, &self.limits)?;
        let key_index = (self.keys.len() > 1).then_some(key_index);
        Ok(Event { dialect: prepared.dialect, event_type, id, verified: true, key_index, data })
    }

    /// Verifies the signature, then decodes: the body's fields are only trusted once a key holds.
    pub fn verify(&self, body: &[u8], headers: &Headers) -> Result<Event> {
        self.verify_with(body, headers, |index, message, signature| {
            self.keys.get(index).is_some_and(|key| key.verify(message, signature).is_ok())
        })
    }

    /// Like [`Verifier::verify`], with the RSA check done by `check(key_index, message,
    /// signature)`: lets a host use its own crypto (OpenSSL in Node) on the signed string this
    /// crate rebuilt. Keys are tried in order; `check` is only called for keys whose size matches.
    pub fn verify_with(
        &self,
        body: &[u8],
        headers: &Headers,
        mut check: impl FnMut(usize, &[u8], &[u8]) -> bool,
    ) -> Result<Event> {
        let prepared = self.prepare(body, headers)?;
        let matched = self.keys.iter().enumerate().position(|(index, key)| {
            key.signature_len() == prepared.signature.len()
                && check(index, prepared.canonical.as_bytes(), &prepared.signature)
        });
        match matched {
            Some(index) => self.finish(prepared, index, headers),
            None => Err(self.mismatch()),
        }
    }

    /// The error for a signature that no key holds.
    pub fn mismatch(&self) -> Error {
        Error::new(
            ErrorCode::SignatureMismatch,
            if self.keys.len() == 1 {
                "signature does not match the signed string".to_owned()
            } else {
                format!("signature matches none of the {} keys", self.keys.len())
            },
        )
    }
}

/// The reply `dialect`'s provider expects for an accepted event.
pub fn ack(dialect: Dialect) -> Ack {
    dialect.ack()
}
