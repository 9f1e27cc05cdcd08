//! The verifier: checks a push's signature with the caller's keys or secrets (parsed once), the
//! replay window where a timestamp is signed, and only then decodes the body. The RSA check can be
//! left to the host's crypto ([`Verifier::verify_with`], [`Verifier::prepare`]).

use std::ops::Range;
use std::sync::Arc;

use crate::canonical::CanonicalForm;
use crate::dialects::{self, Decoded, Dialect, PushCheck};
use crate::error::{Error, ErrorCode, Result, Setting};
use crate::event::Event;
use crate::headers::Headers;
use crate::json::{self, Limits, Object};
use crate::replay;
use crate::scheme::{Algorithm, DeclaredScheme};
use crate::secret::{self, HmacAlgorithm, Secret};
use crate::signature::{self, PublicKey};

/// Checks the signatures of the dialects the caller accepts, each with its own credentials: RSA
/// public keys or HMAC shared secrets (several allow rotation), parsed once. Signed timestamps must
/// fall within a replay window.
///
/// The caller, never the sender, decides which dialects a verifier accepts and which credential
/// checks each: a push's headers and shape are chosen by whoever sends it, so a credential shared
/// by two dialects would let a genuine push of one be re-wrapped as the other.
#[derive(Clone, Debug)]
pub struct Verifier {
    /// Every accepted dialect's RSA keys, in order (a host importing keys reads this list).
    keys: Vec<PublicKey>,
    /// The accepted dialects, in the order given; at least one.
    accepted: Vec<Accepted>,
    form: CanonicalForm,
    limits: Limits,
    /// The replay window the caller chose, if any.
    tolerance_secs: Option<u64>,
    scheme: Option<Arc<DeclaredScheme>>,
}

/// The RSA public keys and HMAC shared secrets that verify one dialect's pushes.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    /// RSA public keys, for RSA-signed dialects; several allow rotation.
    pub keys: Vec<PublicKey>,
    /// HMAC shared secrets, for HMAC-signed dialects; several allow rotation.
    pub secrets: Vec<Secret>,
}

impl Credentials {
    /// RSA public keys alone.
    pub fn keys(keys: Vec<PublicKey>) -> Self {
        Credentials {
            keys,
            secrets: Vec::new(),
        }
    }

    /// HMAC shared secrets alone.
    pub fn secrets(secrets: Vec<Secret>) -> Self {
        Credentials {
            keys: Vec::new(),
            secrets,
        }
    }

    /// True when a credential of the kind `setting` names was given.
    fn has(&self, setting: Setting) -> bool {
        match setting {
            Setting::PublicKey => !self.keys.is_empty(),
            Setting::Secret => !self.secrets.is_empty(),
            _ => false,
        }
    }

    /// The kinds of credential given.
    fn kinds(&self) -> impl Iterator<Item = Setting> + '_ {
        [Setting::PublicKey, Setting::Secret]
            .into_iter()
            .filter(|kind| self.has(*kind))
    }

    /// Only the part of these credentials of the kind `setting` names.
    fn only(&self, setting: Setting) -> Credentials {
        match setting {
            Setting::PublicKey => Credentials::keys(self.keys.clone()),
            Setting::Secret => Credentials::secrets(self.secrets.clone()),
            _ => Credentials::default(),
        }
    }
}

/// One dialect a verifier accepts, with the credentials that check its pushes.
#[derive(Clone, Debug)]
struct Accepted {
    dialect: Dialect,
    /// This dialect's keys: indexes into [`Verifier::keys`].
    keys: Range<usize>,
    /// The signature lengths this dialect's keys produce, sorted, once each.
    signature_lens: Vec<usize>,
    secrets: Vec<Secret>,
}

/// A body whose signature field has been read and whose signed string has been rebuilt, ready
/// for an RSA check by this crate or by the host's crypto.
#[derive(Clone, Debug)]
pub struct SignedBody<'a> {
    /// The parsed body (borrowing from the body bytes).
    pub body: Object<'a>,
    /// The dialect it was read as.
    pub dialect: Dialect,
    /// The exact string that was signed (its signed input).
    pub signed_input: String,
    /// The signature bytes.
    pub signature: Vec<u8>,
    /// The keys that may hold: indexes into [`Verifier::keys`], those of the body's dialect.
    keys: Range<usize>,
    /// The signed timestamp (epoch ms) and the time it is checked against, once the signature holds.
    freshness: Option<(i64, Option<i64>)>,
}

impl SignedBody<'_> {
    /// Detaches the parsed body from the body bytes, to keep it across calls.
    pub fn into_owned(self) -> SignedBody<'static> {
        SignedBody {
            body: self.body.into_owned(),
            dialect: self.dialect,
            signed_input: self.signed_input,
            signature: self.signature,
            keys: self.keys,
            freshness: self.freshness,
        }
    }

    /// The indexes, into [`Verifier::keys`], of the keys this body's signature is checked against:
    /// those given for its dialect.
    pub fn key_indexes(&self) -> Range<usize> {
        self.keys.clone()
    }
}

/// The first step of a verification: an RSA body awaiting a signature check, or an event
/// already verified (HMAC dialects are checked at once; they need no host crypto).
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // one per request
pub enum Prepared<'a> {
    /// An RSA-signed body: check `signature` over `signed_input`, then call [`Verifier::finish`].
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

    /// A verifier of `dialect`'s pushes, checked with `credentials` (the kind the dialect's
    /// signature needs: keys for RSA, secrets for HMAC).
    pub fn new(dialect: Dialect, credentials: Credentials) -> Result<Self> {
        Self::for_dialects(vec![(dialect, credentials)])
    }

    /// A verifier of several dialects' pushes, each checked only with its own credentials: one
    /// route receiving several providers. Which of them a push is, is detected among these alone;
    /// a push of any other dialect is `DIALECT_NOT_ALLOWED`.
    pub fn for_dialects(list: Vec<(Dialect, Credentials)>) -> Result<Self> {
        if list.is_empty() {
            return Err(Error::invalid_setting(
                Setting::Dialect,
                "a verifier needs at least one dialect and its credentials",
            ));
        }
        let mut keys = Vec::new();
        let mut accepted: Vec<Accepted> = Vec::with_capacity(list.len());
        for (dialect, credentials) in list {
            if accepted.iter().any(|a| a.dialect == dialect) {
                return Err(Error::invalid_setting(
                    Setting::Dialect,
                    format!("the {dialect} dialect is named twice"),
                ));
            }
            check_credentials(dialect, &credentials)?;
            accepted.push(Accepted::new(dialect, credentials, &mut keys));
        }
        Ok(Self::from_parts(keys, accepted, None))
    }

    /// A verifier of `accepted` with default settings.
    fn from_parts(
        keys: Vec<PublicKey>,
        accepted: Vec<Accepted>,
        scheme: Option<DeclaredScheme>,
    ) -> Self {
        Verifier {
            keys,
            accepted,
            form: CanonicalForm::Json,
            limits: Limits::default(),
            tolerance_secs: None,
            scheme: scheme.map(Arc::new),
        }
    }

    /// A verifier of a set of dialects sharing one set of credentials: each dialect is checked
    /// with the kind of credential its signature needs. Refused when two of them need the same
    /// kind (one secret would then verify either provider's pushes: give each its own with
    /// [`Verifier::for_dialects`]) or when a credential given serves none of them.
    pub fn for_dialect_set(dialects: &[Dialect], credentials: Credentials) -> Result<Self> {
        let mut list = Vec::with_capacity(dialects.len());
        for (position, &dialect) in dialects.iter().enumerate() {
            let Some(kind) = dialect.credential() else {
                return Err(unsigned(dialect));
            };
            let earlier = dialects.iter().take(position);
            if let Some(other) = earlier
                .filter(|other| **other != dialect)
                .find(|other| other.credential() == Some(kind))
            {
                return Err(Error::invalid_setting(
                    Setting::Dialect,
                    format!(
                        "{other} and {dialect} would share one {}: a push of either could then be re-wrapped as the other; give each dialect its own credentials",
                        credential_name(kind)
                    ),
                ));
            }
            list.push((dialect, credentials.only(kind)));
        }
        if let Some(kind) = credentials
            .kinds()
            .find(|kind| !dialects.iter().any(|d| d.credential() == Some(*kind)))
        {
            return Err(Error::invalid_setting(
                kind,
                format!(
                    "a {} was given, but none of the dialects named is checked with one",
                    credential_name(kind)
                ),
            ));
        }
        Self::for_dialects(list)
    }

    /// A verifier for credentials given without a dialect: accepted only where each kind of
    /// credential given can verify just one signed dialect, as the sender's headers would
    /// otherwise choose between them. `INVALID_OPTION` naming the candidates otherwise.
    pub fn for_credentials(credentials: Credentials) -> Result<Self> {
        if !credentials.has(Setting::PublicKey) && !credentials.has(Setting::Secret) {
            return Err(Error::invalid_setting(
                Setting::PublicKey,
                "a verifier needs the provider's public key (RSA dialects) or a shared secret (HMAC dialects)",
            ));
        }
        let mut dialects = Vec::new();
        for kind in credentials.kinds() {
            let candidates: Vec<Dialect> = Dialect::all()
                .filter(|d| d.credential() == Some(kind))
                .collect();
            if candidates.len() > 1 {
                let names: Vec<&str> = candidates.iter().map(|d| d.as_str()).collect();
                return Err(Error::invalid_setting(
                    Setting::Dialect,
                    format!(
                        "a {} alone could verify pushes of {}, and a push's sender would pick which by its headers: name the dialect this credential is for, or give each dialect its own credentials",
                        credential_name(kind),
                        names.join(", ")
                    ),
                ));
            }
            dialects.extend(candidates);
        }
        Self::for_dialect_set(&dialects, credentials)
    }

    /// A verifier of the pushes of a provider without a dialect, read with its declared `scheme`;
    /// events are then `custom`. `INVALID_OPTION` unless `credentials` hold exactly the kind the
    /// scheme's algorithm needs (a public key for RSA, a secret for HMAC).
    pub fn declared(scheme: DeclaredScheme, credentials: Credentials) -> Result<Self> {
        let dialect = Dialect::custom();
        let needed = match scheme.algorithm() {
            Algorithm::RsaSha256 => Setting::PublicKey,
            Algorithm::Hmac(_) => Setting::Secret,
        };
        require(dialect, needed, &credentials)?;
        let mut keys = Vec::new();
        let accepted = vec![Accepted::new(dialect, credentials, &mut keys)];
        Ok(Self::from_parts(keys, accepted, Some(scheme)))
    }

    /// The declared scheme, if the verifier reads pushes with one.
    pub fn scheme(&self) -> Option<&DeclaredScheme> {
        self.scheme.as_deref()
    }

    /// The dialects this verifier accepts, in the order given.
    pub fn dialects(&self) -> impl Iterator<Item = Dialect> + '_ {
        self.accepted.iter().map(|a| a.dialect)
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
    /// `INVALID_OPTION` under a declared scheme that sets its own window: which of the two should
    /// hold would be a guess, so the window is said in one place.
    pub fn with_tolerance(mut self, seconds: u64) -> Result<Self> {
        if let Some(own) = self
            .scheme
            .as_deref()
            .and_then(DeclaredScheme::tolerance_secs)
        {
            return Err(Error::invalid_setting(
                Setting::Tolerance,
                format!(
                    "the scheme sets its own replay window (timestamp.toleranceSeconds: {own}); give the window in one place, the scheme or this option"
                ),
            ));
        }
        self.tolerance_secs = Some(seconds);
        Ok(self)
    }

    /// Every accepted dialect's RSA keys, in the order given.
    pub fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    /// The replay window in seconds: the declared scheme's, else the caller's, else the default.
    fn tolerance(&self) -> u64 {
        self.scheme
            .as_deref()
            .and_then(DeclaredScheme::tolerance_secs)
            .or(self.tolerance_secs)
            .unwrap_or(Self::DEFAULT_TOLERANCE_SECS)
    }

    /// Which accepted dialect `body` is: the one accepted dialect (no detection, as the caller
    /// named it), else the first accepted one whose shape it has. A push shaped as another
    /// dialect is `DIALECT_NOT_ALLOWED`; one shaped as none, `UNKNOWN_DIALECT`.
    fn accepted_for(&self, headers: &Headers, body: &Object<'_>) -> Result<&Accepted> {
        if let [only] = self.accepted.as_slice() {
            return Ok(only);
        }
        // In the registry's order, as `detect` tries them.
        for dialect in Dialect::all() {
            let accepted = self.accepted.iter().find(|a| a.dialect == dialect);
            if let Some(found) = accepted.filter(|_| dialect.matches(headers, body)) {
                return Ok(found);
            }
        }
        let other = dialects::detect(headers, body)?;
        let names: Vec<&str> = self.dialects().map(Dialect::as_str).collect();
        Err(Error::new(
            ErrorCode::DialectNotAllowed,
            format!(
                "the push has the shape of a {other} push, which this verifier does not accept (it accepts {})",
                names.join(", ")
            ),
        ))
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
        let accepted = self.accepted_for(headers, &obj)?;
        if let Some(scheme) = &self.scheme {
            return self.prepare_declared(scheme, accepted, text, obj, headers, now_ms);
        }
        let dialect = accepted.dialect;
        // An accepted HMAC dialect always has its secrets, so a push of a dialect whose signature
        // header is optional (upay) counts as signed: a missing header is an error, not a pass.
        match dialect.push_check(headers, true) {
            PushCheck::Unsigned => Err(unsigned(dialect)),
            PushCheck::Hmac(read_input) => {
                let input = read_input(text, headers, &obj)?;
                let index = check_hmac(accepted, input.algorithm, &input.parts, &input.tag)?;
                self.check_freshness(input.timestamp_ms, now_ms)?;
                let decoded = dialect.decode(headers, &obj, &self.limits)?;
                Ok(Prepared::Verified(Event::new(
                    dialect,
                    decoded,
                    Some((index, accepted.secrets.len())),
                )))
            }
            PushCheck::Rsa(read_input) => {
                let input = read_input(text, headers, &obj, self.form)?;
                let signature =
                    signature::decode_signature(input.signature, &accepted.signature_lens)?;
                let signed_input = input.signed_input.into_owned();
                Ok(Prepared::Rsa(SignedBody {
                    body: obj,
                    dialect,
                    signed_input,
                    signature,
                    keys: accepted.keys.clone(),
                    freshness: None,
                }))
            }
        }
    }

    /// [`Verifier::prepare`] under the declared scheme.
    fn prepare_declared<'a>(
        &self,
        scheme: &DeclaredScheme,
        accepted: &Accepted,
        text: &'a str,
        obj: Object<'a>,
        headers: &Headers,
        now_ms: Option<i64>,
    ) -> Result<Prepared<'a>> {
        // `declared` made sure the credential the algorithm needs was given.
        let dialect = accepted.dialect;
        let input = scheme.push_input(text, headers, &obj)?;
        let freshness = input.timestamp_ms.map(|timestamp| (timestamp, now_ms));
        match scheme.algorithm() {
            Algorithm::RsaSha256 => {
                let signature = signature::decode_signature_as(
                    input.signature,
                    &accepted.signature_lens,
                    scheme.encoding(),
                )?;
                let signed_input = input.signed_input;
                Ok(Prepared::Rsa(SignedBody {
                    body: obj,
                    dialect,
                    signed_input,
                    signature,
                    keys: accepted.keys.clone(),
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
                let index =
                    check_hmac(accepted, algorithm, &[input.signed_input.as_bytes()], &tag)?;
                self.check_freshness(input.timestamp_ms, now_ms)?;
                Ok(Prepared::Verified(Event::new(
                    dialect,
                    scheme.decode(&obj)?,
                    Some((index, accepted.secrets.len())),
                )))
            }
        }
    }

    /// Checks a signed timestamp against the replay window; called once the signature holds, so
    /// a stale but authentic push is told apart from a forgery.
    fn check_freshness(&self, timestamp_ms: Option<i64>, now_ms: Option<i64>) -> Result<()> {
        let Some(timestamp_ms) = timestamp_ms else {
            return Ok(());
        };
        let now = now_ms.ok_or_else(|| {
            Error::invalid_setting(
                Setting::Now,
                "this platform has no clock: the current time is needed to check the signed timestamp",
            )
        })?;
        replay::check_window(timestamp_ms, now, self.tolerance())
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

    /// Decodes a prepared body whose signature the key at `key_index` (an index into
    /// [`Verifier::keys`], one of [`SignedBody::key_indexes`]) was found to hold.
    pub fn finish(
        &self,
        prepared: SignedBody<'_>,
        key_index: usize,
        headers: &Headers,
    ) -> Result<Event> {
        if !prepared.keys.contains(&key_index) {
            return Err(Error::new(
                ErrorCode::Internal,
                "the key index is not one of those the body's dialect is checked with",
            ));
        }
        if let Some((timestamp_ms, now_ms)) = prepared.freshness {
            self.check_freshness(Some(timestamp_ms), now_ms)?;
        }
        let decoded = self.decode_body(prepared.dialect, headers, &prepared.body)?;
        Ok(Event::new(
            prepared.dialect,
            decoded,
            Some((key_index - prepared.keys.start, prepared.keys.len())),
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
    /// crate rebuilt. `key_index` indexes [`Verifier::keys`]; only the keys given for the push's
    /// dialect are tried, in order, and only those whose size matches the signature.
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
        let matched = prepared.key_indexes().find(|&index| {
            self.keys
                .get(index)
                .is_some_and(|key| key.signature_len() == prepared.signature.len())
                && check(index, prepared.signed_input.as_bytes(), &prepared.signature)
        });
        match matched {
            Some(index) => self.finish(prepared, index, headers),
            None => Err(Self::mismatch(&prepared)),
        }
    }

    /// The error for an RSA signature that none of its dialect's keys holds.
    pub fn mismatch(prepared: &SignedBody<'_>) -> Error {
        no_match(
            prepared.keys.len(),
            "signature does not match the signed string",
            "keys",
        )
    }
}

impl Accepted {
    /// `dialect` with `credentials`, its keys appended to the verifier's `keys`.
    fn new(dialect: Dialect, credentials: Credentials, keys: &mut Vec<PublicKey>) -> Self {
        let mut signature_lens: Vec<usize> = credentials
            .keys
            .iter()
            .map(PublicKey::signature_len)
            .collect();
        signature_lens.sort_unstable();
        signature_lens.dedup();
        let start = keys.len();
        keys.extend(credentials.keys);
        Accepted {
            dialect,
            keys: start..keys.len(),
            signature_lens,
            secrets: credentials.secrets,
        }
    }
}

/// The index of the secret of `accepted` under which `tag` holds, or `SIGNATURE_MISMATCH`.
fn check_hmac(
    accepted: &Accepted,
    algorithm: HmacAlgorithm,
    parts: &[&[u8]],
    tag: &[u8],
) -> Result<usize> {
    secret::verify_any(&accepted.secrets, algorithm, parts, tag).ok_or_else(|| {
        no_match(
            accepted.secrets.len(),
            "signature does not match the body under the secret",
            "secrets",
        )
    })
}

/// Checks that `credentials` are exactly what `dialect`'s signature needs: a dialect without a
/// signature takes none, and a credential that would never be used is refused as a likely mix-up.
fn check_credentials(dialect: Dialect, credentials: &Credentials) -> Result<()> {
    let Some(needed) = dialect.credential() else {
        return Err(unsigned(dialect));
    };
    require(dialect, needed, credentials)
}

/// `INVALID_OPTION` unless `credentials` hold the kind `needed` and no other.
fn require(dialect: Dialect, needed: Setting, credentials: &Credentials) -> Result<()> {
    if !credentials.has(needed) {
        let message = match needed {
            Setting::PublicKey => format!(
                "{} is RSA-signed: it needs the provider's public key",
                signed_by(dialect)
            ),
            _ => format!(
                "{} is signed with a shared secret: it needs the secret",
                signed_by(dialect)
            ),
        };
        return Err(Error::invalid_setting(needed, message));
    }
    if let Some(extra) = credentials.kinds().find(|kind| *kind != needed) {
        return Err(Error::invalid_setting(
            extra,
            format!(
                "{} is checked with a {}, so this {} would never be used",
                signed_by(dialect),
                credential_name(needed),
                credential_name(extra)
            ),
        ));
    }
    Ok(())
}

/// `UNSIGNED_DIALECT` for a dialect whose pushes carry no signature.
fn unsigned(dialect: Dialect) -> Error {
    Error::new(
        ErrorCode::UnsignedDialect,
        format!(
            "the {} dialect carries no signature here; use decode",
            dialect.as_str()
        ),
    )
}

/// What messages call a kind of credential.
fn credential_name(kind: Setting) -> &'static str {
    match kind {
        Setting::PublicKey => "public key",
        _ => "secret",
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
