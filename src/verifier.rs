//! The verifier: checks a push's signature with the caller's keys or secrets (parsed once), the
//! replay window where a timestamp is signed, and only then decodes the body. The RSA check can be
//! left to the host's crypto ([`Verifier::verify_with`], [`Verifier::prepare`]).

use std::sync::Arc;

use crate::canonical::CanonicalForm;
use crate::dialects::{self, Decoded, Dialect, Scheme};
use crate::error::{Error, ErrorCode, Result, Setting};
use crate::event::Event;
use crate::headers::Headers;
use crate::json::{self, Limits, Object};
use crate::replay;
use crate::scheme::{Algorithm, DeclaredScheme};
use crate::secret::{self, HmacAlgorithm, Secret};
use crate::signature::{self, PublicKey};

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
    scheme: Option<Arc<DeclaredScheme>>,
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
    /// The signed timestamp (epoch ms) and the time it is checked against, once the signature holds.
    freshness: Option<(i64, Option<i64>)>,
}

impl SignedBody<'_> {
    /// Detaches the parsed body from the body bytes, to keep it across calls.
    pub fn into_owned(self) -> SignedBody<'static> {
        SignedBody {
            body: self.body.into_owned(),
            dialect: self.dialect,
            canonical: self.canonical,
            signature: self.signature,
            freshness: self.freshness,
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
    pub const DEFAULT_TOLERANCE_SECS: u64 = replay::DEFAULT_TOLERANCE_SECS;

    /// A verifier accepting an RSA signature made by any of `keys` (at least one).
    pub fn new(keys: Vec<PublicKey>) -> Result<Self> {
        Self::with_credentials(keys, Vec::new())
    }

    /// A verifier with RSA `keys` and HMAC `secrets`; at least one of either.
    pub fn with_credentials(keys: Vec<PublicKey>, secrets: Vec<Secret>) -> Result<Self> {
        if keys.is_empty() && secrets.is_empty() {
            return Err(Error::invalid_setting(
                Setting::PublicKey,
                "a verifier needs the provider's public key (RSA dialects) or a shared secret (HMAC dialects)",
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
            scheme: None,
        })
    }

    /// Reads every push with a declared `scheme` (a provider without a dialect) instead of a
    /// dialect's rules; events are then `custom`. `INVALID_OPTION` when the verifier lacks the
    /// credential the scheme's algorithm needs (a public key for RSA, a secret for HMAC).
    pub fn with_scheme(mut self, scheme: Option<DeclaredScheme>) -> Result<Self> {
        match scheme.as_ref().map(DeclaredScheme::algorithm) {
            Some(Algorithm::RsaSha256) => self.need_keys(Dialect::custom())?,
            Some(Algorithm::Hmac(_)) => self.need_secrets(Dialect::custom())?,
            None => {}
        }
        self.scheme = scheme.map(Arc::new);
        Ok(self)
    }

    /// The declared scheme, if the verifier reads pushes with one.
    pub fn scheme(&self) -> Option<&DeclaredScheme> {
        self.scheme.as_deref()
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

    /// `INVALID_OPTION` naming `publicKey` unless a key was given for RSA-signed `dialect`.
    fn need_keys(&self, dialect: Dialect) -> Result<()> {
        if self.keys.is_empty() {
            return Err(Error::invalid_setting(
                Setting::PublicKey,
                format!(
                    "{} is RSA-signed: it needs the provider's public key",
                    signed_by(dialect)
                ),
            ));
        }
        Ok(())
    }

    /// `INVALID_OPTION` naming `secret` unless one was given for HMAC-signed `dialect`.
    fn need_secrets(&self, dialect: Dialect) -> Result<()> {
        if self.secrets.is_empty() {
            return Err(Error::invalid_setting(
                Setting::Secret,
                format!(
                    "{} is signed with a shared secret: it needs the secret",
                    signed_by(dialect)
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
        let (text, obj) = json::parse_object_text(body, &self.limits)?;
        if let Some(scheme) = &self.scheme {
            return self.prepare_declared(scheme, text, obj, headers, now_ms);
        }
        let dialect = match self.dialect {
            Some(dialect) => dialect,
            None => dialects::detect(headers, &obj)?,
        };
        match dialect.scheme(headers, !self.secrets.is_empty()) {
            Scheme::Unsigned => Err(Error::new(
                ErrorCode::UnsignedDialect,
                format!(
                    "the {} dialect carries no signature here; use decode",
                    dialect.as_str()
                ),
            )),
            Scheme::Hmac(signed_input) => {
                self.need_secrets(dialect)?;
                let input = signed_input(text, headers, &obj)?;
                let index = self.check_hmac(input.algorithm, &input.parts, &input.tag)?;
                self.check_freshness(input.timestamp_ms, now_ms, self.tolerance_secs)?;
                let decoded = dialect.decode(headers, &obj, &self.limits)?;
                Ok(Prepared::Verified(Event::new(
                    dialect,
                    decoded,
                    Some((index, self.secrets.len())),
                )))
            }
            Scheme::Rsa(signed_input) => {
                self.need_keys(dialect)?;
                let input = signed_input(text, headers, &obj, self.form)?;
                let signature = signature::decode_signature(input.signature, &self.signature_lens)?;
                let canonical = input.message.into_owned();
                Ok(Prepared::Rsa(SignedBody {
                    body: obj,
                    dialect,
                    canonical,
                    signature,
                    freshness: None,
                }))
            }
        }
    }

    /// [`Verifier::prepare`] under the declared scheme.
    fn prepare_declared<'a>(
        &self,
        scheme: &DeclaredScheme,
        text: &'a str,
        obj: Object<'a>,
        headers: &Headers,
        now_ms: Option<i64>,
    ) -> Result<Prepared<'a>> {
        // `with_scheme` made sure the credential the algorithm needs was given.
        let dialect = Dialect::custom();
        let input = scheme.signed_input(text, headers, &obj)?;
        let freshness = input.timestamp_ms.map(|timestamp| (timestamp, now_ms));
        match scheme.algorithm() {
            Algorithm::RsaSha256 => {
                let signature = signature::decode_signature_as(
                    input.signature,
                    &self.signature_lens,
                    scheme.encoding(),
                )?;
                let canonical = input.message;
                Ok(Prepared::Rsa(SignedBody {
                    body: obj,
                    dialect,
                    canonical,
                    signature,
                    freshness,
                }))
            }
            Algorithm::Hmac(algorithm) => {
                let (hex, base64) = match scheme.encoding() {
                    None => (true, true),
                    Some(signature::SignatureEncoding::Hex) => (true, false),
                    Some(signature::SignatureEncoding::Base64) => (false, true),
                };
                let tag = secret::decode_tag_of(input.signature, algorithm.tag_len(), hex, base64)?;
                let index = self.check_hmac(algorithm, &[input.message.as_bytes()], &tag)?;
                self.check_freshness(input.timestamp_ms, now_ms, self.tolerance_for(scheme))?;
                Ok(Prepared::Verified(Event::new(
                    dialect,
                    scheme.decode(&obj)?,
                    Some((index, self.secrets.len())),
                )))
            }
        }
    }

    /// The replay window under `scheme`: its own if it declares one, else the verifier's.
    fn tolerance_for(&self, scheme: &DeclaredScheme) -> u64 {
        scheme.tolerance_secs().unwrap_or(self.tolerance_secs)
    }

    /// The index of the secret under which `tag` holds, or `SIGNATURE_MISMATCH`.
    fn check_hmac(&self, algorithm: HmacAlgorithm, parts: &[&[u8]], tag: &[u8]) -> Result<usize> {
        secret::verify_any(&self.secrets, algorithm, parts, tag).ok_or_else(|| {
            no_match(
                self.secrets.len(),
                "signature does not match the body under the secret",
                "secrets",
            )
        })
    }

    /// Checks a signed timestamp against the replay window; called once the signature holds, so
    /// a stale but authentic push is told apart from a forgery.
    fn check_freshness(
        &self,
        timestamp_ms: Option<i64>,
        now_ms: Option<i64>,
        tolerance_secs: u64,
    ) -> Result<()> {
        let Some(timestamp_ms) = timestamp_ms else {
            return Ok(());
        };
        let now = now_ms.ok_or_else(|| {
            Error::invalid_setting(
                Setting::Now,
                "this platform has no clock: the current time is needed to check the signed timestamp",
            )
        })?;
        replay::check_window(timestamp_ms, now, tolerance_secs)
    }

    /// Reads the event out of a parsed body: by the declared scheme, else by the dialect.
    fn decode_body(
        &self,
        dialect: Dialect,
        headers: &Headers,
        body: &Object<'_>,
    ) -> Result<Decoded> {
        match &self.scheme {
            Some(scheme) => scheme.decode(body),
            None => dialect.decode(headers, body, &self.limits),
        }
    }

    /// Decodes a prepared body whose signature the key at `key_index` was found to hold.
    pub fn finish(
        &self,
        prepared: SignedBody<'_>,
        key_index: usize,
        headers: &Headers,
    ) -> Result<Event> {
        if let Some((timestamp_ms, now_ms)) = prepared.freshness {
            let tolerance = self
                .scheme
                .as_deref()
                .map_or(self.tolerance_secs, |s| self.tolerance_for(s));
            self.check_freshness(Some(timestamp_ms), now_ms, tolerance)?;
        }
        let decoded = self.decode_body(prepared.dialect, headers, &prepared.body)?;
        Ok(Event::new(
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

/// What a credential error calls `dialect`'s pushes: `custom` ones are read by a declared scheme.
fn signed_by(dialect: Dialect) -> String {
    if dialect == Dialect::custom() {
        "the scheme".to_owned()
    } else {
        format!("the {dialect} dialect")
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
