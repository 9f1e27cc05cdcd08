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
pub mod secret;
pub mod signature;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)] // wasm-bindgen's generated glue needs it; the core stays free of it.
mod wasm;

pub use canonical::{CanonicalForm, canonical_string};
pub use dialects::{Ack, Dialect, Scheme};
pub use error::{Error, ErrorCode, Result};
pub use event::{Event, EventData, Headers, Money, Property};
pub use json::{Limits, Object, Value};
pub use secret::Secret;
pub use signature::{PrivateKey, PublicKey, SignatureEncoding};

/// Parses `body` and requires a top-level object.
fn parse_object<'a>(body: &'a [u8], limits: &Limits) -> Result<Object<'a>> {
    match json::parse(body, limits)? {
        Value::Object(obj) => Ok(obj),
        other => Err(Error::new(
            ErrorCode::NotAnObject,
            format!(
                "top-level JSON value is {}, not an object",
                other.type_name()
            ),
        )),
    }
}

fn resolve_dialect(
    explicit: Option<Dialect>,
    headers: &Headers,
    body: &Object<'_>,
) -> Result<Dialect> {
    match explicit {
        Some(d) => Ok(d),
        None => dialects::detect(headers, body),
    }
}

/// Decodes a webhook without checking any signature (`event.verified` is false).
///
/// Use it for unsigned dialects, or to look at a body before trusting it; never act on an
/// unverified event from a signed dialect.
pub fn decode(
    body: &[u8],
    headers: &Headers,
    dialect: Option<Dialect>,
    limits: &Limits,
) -> Result<Event> {
    let obj = parse_object(body, limits)?;
    let dialect = resolve_dialect(dialect, headers, &obj)?;
    let decoded = dialects::decode(dialect, headers, &obj, limits)?;
    Ok(event_from(dialect, decoded, None))
}

/// The event for a decoded body: verified when a credential (`key_index` among `credentials`)
/// held, in which case only what the dialect's signature leaves out is listed as unsigned.
fn event_from(
    dialect: Dialect,
    decoded: dialects::Decoded,
    verified_by: Option<(usize, usize)>,
) -> Event {
    let (verified, key_index, unsigned) = match verified_by {
        Some((index, credentials)) => (true, (credentials > 1).then_some(index), decoded.unsigned),
        None => (false, None, event::Property::ALL.to_vec()),
    };
    Event {
        dialect,
        event_type: decoded.event_type,
        id: decoded.id,
        verified,
        key_index,
        unsigned,
        data: decoded.data,
    }
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
    obj.insert(canonical::SIGN_FIELD, Value::String(signature.into()));
    Ok(Value::Object(obj).to_compact_json())
}

/// Checks signatures: RSA with one or more public keys, HMAC with one or more shared secrets
/// (several allow rotation), parsed once. Signed timestamps must fall within a replay window.
#[derive(Clone, Debug)]
pub struct Verifier {
    keys: Vec<PublicKey>,
    signature_lens: Vec<usize>,
    secrets: Vec<Secret>,
    dialect: Option<Dialect>,
    form: CanonicalForm,
    limits: Limits,
    tolerance_secs: u64,
}

/// A body whose signature field has been read and whose signed string has been rebuilt, ready
/// for an RSA check by this crate or by the host's crypto.
#[derive(Clone, Debug)]
pub struct SignedBody<'a> {
    /// The parsed body (borrowing from the body bytes).
    pub body: Object<'a>,
    /// The dialect it was read as.
    pub dialect: Dialect,
    /// The exact string that was signed.
    pub canonical: String,
    /// The signature bytes.
    pub signature: Vec<u8>,
}

impl SignedBody<'_> {
    /// Detaches the parsed body from the body bytes, to keep it across calls.
    pub fn into_owned(self) -> SignedBody<'static> {
        SignedBody {
            body: self.body.into_owned(),
            dialect: self.dialect,
            canonical: self.canonical,
            signature: self.signature,
        }
    }
}

/// The first step of a verification: an RSA body awaiting a signature check, or an event
/// already verified (HMAC dialects are checked at once; they need no host crypto).
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // one per request
pub enum Prepared<'a> {
    /// An RSA-signed body: check `signature` over `canonical`, then call [`Verifier::finish`].
    Rsa(SignedBody<'a>),
    /// An HMAC-signed body, verified and decoded.
    Verified(Event),
}

/// The current time in epoch milliseconds, where the platform has a clock the core may read.
/// On `wasm32-unknown-unknown` there is none: callers pass `now` (the JS binding always does).
fn system_now_ms() -> Option<i64> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        i64::try_from(since.as_millis()).ok()
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

impl Verifier {
    /// The default replay window for signed timestamps: five minutes either way.
    pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

    /// A verifier accepting an RSA signature made by any of `keys` (at least one).
    pub fn new(keys: Vec<PublicKey>) -> Result<Self> {
        Self::with_credentials(keys, Vec::new())
    }

    /// A verifier with RSA `keys` and HMAC `secrets`; at least one of either.
    pub fn with_credentials(keys: Vec<PublicKey>, secrets: Vec<Secret>) -> Result<Self> {
        if keys.is_empty() && secrets.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidOption,
                "pass a publicKey (RSA dialects) or a secret (HMAC dialects)",
            ));
        }
        let mut signature_lens: Vec<usize> = keys.iter().map(PublicKey::signature_len).collect();
        signature_lens.sort_unstable();
        signature_lens.dedup();
        Ok(Verifier {
            keys,
            signature_lens,
            secrets,
            dialect: None,
            form: CanonicalForm::Json,
            limits: Limits::default(),
            tolerance_secs: Self::DEFAULT_TOLERANCE_SECS,
        })
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

    /// Accepts signed timestamps up to `seconds` away from now, either way (default 300).
    pub fn with_tolerance(mut self, seconds: u64) -> Self {
        self.tolerance_secs = seconds;
        self
    }

    /// The RSA keys, in the order given.
    pub fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    fn need_keys(&self, dialect: Dialect) -> Result<()> {
        if self.keys.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidOption,
                format!(
                    "the {} dialect is RSA-signed: pass the provider's publicKey",
                    dialect.as_str()
                ),
            ));
        }
        Ok(())
    }

    /// Parses `body` and checks an HMAC signature at once, or rebuilds the signed string of an
    /// RSA signature for the caller to check. `now_ms` (epoch ms) is needed for timestamped dialects.
    pub fn prepare<'a>(
        &self,
        body: &'a [u8],
        headers: &Headers,
        now_ms: Option<i64>,
    ) -> Result<Prepared<'a>> {
        let obj = parse_object(body, &self.limits)?;
        let dialect = resolve_dialect(self.dialect, headers, &obj)?;
        match dialect.scheme(headers, !self.secrets.is_empty()) {
            Scheme::Unsigned => Err(Error::new(
                ErrorCode::UnsignedDialect,
                format!(
                    "the {} dialect carries no signature here; use decode",
                    dialect.as_str()
                ),
            )),
            Scheme::Hmac => self
                .verify_hmac(dialect, body, obj, headers, now_ms)
                .map(Prepared::Verified),
            Scheme::Rsa => {
                self.need_keys(dialect)?;
                let signature = match obj.get(canonical::SIGN_FIELD) {
                    None | Some(Value::Null) => {
                        return Err(Error::new(
                            ErrorCode::MissingSignature,
                            "body has no `sign` field",
                        ));
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
                Ok(Prepared::Rsa(SignedBody {
                    body: obj,
                    dialect,
                    canonical,
                    signature,
                }))
            }
        }
    }

    fn verify_hmac(
        &self,
        dialect: Dialect,
        raw: &[u8],
        obj: Object<'_>,
        headers: &Headers,
        now_ms: Option<i64>,
    ) -> Result<Event> {
        if self.secrets.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidOption,
                format!(
                    "the {} dialect is signed with a shared secret: pass `secret`",
                    dialect.as_str()
                ),
            ));
        }
        let input = dialects::hmac_input(dialect, raw, headers, &obj)?;
        let index =
            secret::verify_any(&self.secrets, &input.parts, &input.tag).ok_or_else(|| {
                no_match(
                    self.secrets.len(),
                    "signature does not match the body under the secret",
                    "secrets",
                )
            })?;
        // Checked after the signature, so a stale but authentic push is told apart from a forgery.
        if let Some(timestamp_ms) = input.timestamp_ms {
            let now = now_ms.ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidOption,
                    "this platform has no clock: pass `now` to check the signed timestamp",
                )
            })?;
            secret::check_window(timestamp_ms, now, self.tolerance_secs)?;
        }
        let decoded = dialects::decode(dialect, headers, &obj, &self.limits)?;
        Ok(event_from(
            dialect,
            decoded,
            Some((index, self.secrets.len())),
        ))
    }

    /// Decodes a prepared body whose signature the key at `key_index` was found to hold.
    pub fn finish(
        &self,
        prepared: SignedBody<'_>,
        key_index: usize,
        headers: &Headers,
    ) -> Result<Event> {
        let decoded = dialects::decode(prepared.dialect, headers, &prepared.body, &self.limits)?;
        Ok(event_from(
            prepared.dialect,
            decoded,
            Some((key_index, self.keys.len())),
        ))
    }

    /// Verifies the signature, then decodes: the body's fields are only trusted once a key holds.
    /// Signed timestamps are checked against the system clock (see [`Verifier::verify_at`]).
    pub fn verify(&self, body: &[u8], headers: &Headers) -> Result<Event> {
        self.verify_at(body, headers, system_now_ms())
    }

    /// [`Verifier::verify`] with the current time given, in epoch milliseconds.
    pub fn verify_at(&self, body: &[u8], headers: &Headers, now_ms: Option<i64>) -> Result<Event> {
        self.verify_with(body, headers, now_ms, |index, message, signature| {
            self.keys
                .get(index)
                .is_some_and(|key| key.verify(message, signature).is_ok())
        })
    }

    /// Like [`Verifier::verify_at`], with the RSA check done by `check(key_index, message,
    /// signature)`: lets a host use its own crypto (OpenSSL in Node) on the signed string this
    /// crate rebuilt. Keys are tried in order; `check` is only called for keys whose size matches.
    pub fn verify_with(
        &self,
        body: &[u8],
        headers: &Headers,
        now_ms: Option<i64>,
        mut check: impl FnMut(usize, &[u8], &[u8]) -> bool,
    ) -> Result<Event> {
        let prepared = match self.prepare(body, headers, now_ms)? {
            Prepared::Verified(event) => return Ok(event),
            Prepared::Rsa(prepared) => prepared,
        };
        let matched = self.keys.iter().enumerate().position(|(index, key)| {
            key.signature_len() == prepared.signature.len()
                && check(index, prepared.canonical.as_bytes(), &prepared.signature)
        });
        match matched {
            Some(index) => self.finish(prepared, index, headers),
            None => Err(self.mismatch()),
        }
    }

    /// The error for an RSA signature that no key holds.
    pub fn mismatch(&self) -> Error {
        no_match(
            self.keys.len(),
            "signature does not match the signed string",
            "keys",
        )
    }
}

/// `SIGNATURE_MISMATCH`: `single` for one credential, else how many `plural` were tried.
fn no_match(count: usize, single: &str, plural: &str) -> Error {
    let message = if count == 1 {
        single.to_owned()
    } else {
        format!("signature matches none of the {count} {plural}")
    };
    Error::new(ErrorCode::SignatureMismatch, message)
}

/// The reply `dialect`'s provider expects for an accepted event.
pub fn ack(dialect: Dialect) -> Ack {
    dialect.ack()
}
