//! The providers' webhook dialects: one file each, one registry, and detection between them.
//!
//! A dialect file declares everything about its provider in one [`Spec`]: id, the headers it
//! reads, how pushes are signed and what the signature covers, the provider's ack, a detection
//! predicate, the decoder and its typed data, and the event types it types. [`registry!`] lists
//! the files in detection order; nothing else in the crate names a dialect. Detection follows the
//! dialect reference (`docs/dialects.md`): an explicit dialect always wins, and a body that
//! matches none is `UNKNOWN_DIALECT`, never a guess.

use std::fmt;

use serde::Serialize;

use crate::error::{Error, ErrorCode, Result, Setting};
use crate::headers::Headers;
use crate::json::{Limits, Object};
use crate::model::Property;

/// Lists the dialect files in detection order: declares each module, the typed-data enum with
/// one variant per dialect, and [`REGISTRY`].
macro_rules! registry {
    ($($module:ident => $variant:ident,)+) => {
        $(pub mod $module;)+

        /// The typed view of an event: one variant per dialect, each holding that dialect's
        /// `Data` (serialised as that data alone).
        #[derive(Clone, Debug, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        // One event exists per request and is moved once; boxing would only add allocations.
        #[allow(clippy::large_enum_variant)]
        pub enum EventData {
            $(
                #[doc = concat!("Data of the dialect in `dialects/", stringify!($module), ".rs`.")]
                $variant($module::Data),
            )+
            /// A push read with a declared scheme ([`crate::DeclaredScheme`]): the parsed body.
            Custom(Object<'static>),
        }

        /// Every dialect's spec, in detection order.
        pub(crate) static REGISTRY: &[&Spec] = &[$(&$module::SPEC),+];

        /// Declares every dialect's typed data for the TypeScript generator.
        #[cfg(feature = "typescript")]
        pub(crate) fn typescript_types(types: &mut impl ts_rs::TypeVisitor) {
            $($module::typescript(types);)+
        }
    };
}

registry! {
    // Providers told apart by a signature header of their own come first.
    wasabicard => Wasabicard,
    uqpay => Uqpay,
    onerway => Onerway,
    onerway_v2 => OnerwayV2,
    openapi_notify => OpenapiNotify,
    alchemypay_v2 => AlchemypayV2,
    nobepay => Nobepay,
    upay => Upay,
}

/// Everything one dialect declares. Each dialect file defines one `static SPEC`.
pub struct Spec {
    /// The id used in options and in `event.dialect`.
    pub id: &'static str,
    /// The provider and product, for people.
    pub provider: &'static str,
    /// Every request header the dialect reads (lowercase); callers may pass only these.
    pub headers: &'static [&'static str],
    /// How pushes are signed.
    pub signing: Signing,
    /// The reply the provider expects for an accepted event.
    pub ack: Ack,
    /// When the provider sends an unacknowledged push again: seconds after each failed attempt
    /// (as documented, else [`DEFAULT_RETRIES`]).
    pub retry_after_secs: &'static [u32],
    /// The event types decoded into typed data, with the TypeScript name of that data.
    pub typed_events: &'static [TypedEvents],
    /// The body field holding the event type, set when a sample of another type is made; `None`
    /// where the type is not in the body (onerway's `X-Event-Type`).
    pub type_field: Option<&'static str>,
    /// The TypeScript type of `data` for event types not in `typed_events`.
    pub untyped_data: &'static str,
    /// True when headers and body have this dialect's shape (`null` members count as absent).
    pub(crate) matches: fn(&Headers, &Object<'_>) -> bool,
    /// Reads the event out of a parsed body.
    pub(crate) decode: fn(&Headers, &Object<'_>, &Limits) -> Result<Decoded>,
    /// Signs a payload as the provider would (tests and simulators); `None` for unsigned dialects.
    #[cfg(feature = "signing")]
    pub(crate) sign: Option<RequestSigner>,
}

/// Makes the body and headers a provider sends for a parsed payload and its text as given.
#[cfg(feature = "signing")]
pub type RequestSigner = fn(
    &Object<'_>,
    &str,
    &crate::signing::SignContext<'_>,
) -> Result<crate::signing::SignedRequest>;

/// The retry schedule assumed where a provider documents none: after 1, 5 and 15 minutes.
pub const DEFAULT_RETRIES: &[u32] = &[60, 300, 900];

/// Event types that share one typed shape of `data`.
pub struct TypedEvents {
    /// The event names, as in `event.type`.
    pub types: &'static [&'static str],
    /// The TypeScript type of their `data`.
    pub data: &'static str,
    /// A TypeScript name for the union of these event names, where one is useful.
    pub alias: Option<&'static str>,
    /// A realistic payload of the first of these types, from the provider's documented example.
    pub sample: &'static str,
}

/// How a dialect's pushes are signed.
pub enum Signing {
    /// SHA256withRSA with the provider's private key over what `input` says was signed.
    Rsa {
        /// The signed input and the signature text of one push.
        input: RsaInputFn,
    },
    /// HMAC with a shared secret over what `input` says was signed.
    Hmac {
        /// The signed input, tag and timestamp of one push.
        input: HmacInputFn,
        /// `Some(header)`: pushes are signed only when they carry this header or the caller gave
        /// a secret (then a missing header is an error, not a pass).
        only_with_header: Option<&'static str>,
    },
    /// No signature.
    Unsigned,
}

/// Reads the signed input and signature of an RSA push from its raw body (as the UTF-8 text it
/// was checked to be), headers and parsed body; `form` is how sorted fields are joined, for
/// dialects that sign sorted fields.
pub type RsaInputFn = for<'a> fn(
    &'a str,
    &'a Headers,
    &'a Object<'a>,
    crate::canonical::CanonicalForm,
) -> Result<RsaInput<'a>>;

/// What an RSA push signed, and its signature as sent.
pub struct RsaInput<'a> {
    /// The signed input: the exact string the signature covers.
    pub signed_input: std::borrow::Cow<'a, str>,
    /// The signature text (Base64 or hex).
    pub signature: &'a str,
}

/// Reads the signed input of an HMAC push from its raw body (as checked UTF-8 text), headers and
/// parsed body.
pub type HmacInputFn = for<'a> fn(&'a str, &'a Headers, &'a Object<'a>) -> Result<HmacInput<'a>>;

/// What an HMAC push signed: the hash, the signed input (in parts, hashed in order), the tag, and the
/// signed timestamp when there is one.
pub struct HmacInput<'a> {
    /// The hash under the HMAC.
    pub algorithm: crate::secret::HmacAlgorithm,
    /// The signed input, in parts hashed in order.
    pub parts: Vec<&'a [u8]>,
    /// The tag the push carries.
    pub tag: Vec<u8>,
    /// The signed timestamp in epoch milliseconds, if one is signed.
    pub timestamp_ms: Option<i64>,
}

/// How one push is to be checked, given its headers and the caller's credentials.
#[derive(Clone, Copy, Debug)]
pub enum PushCheck {
    /// SHA256withRSA with the provider's public key over what the function reads from the push.
    Rsa(RsaInputFn),
    /// HMAC with a shared secret over what the function reads from the push.
    Hmac(HmacInputFn),
    /// No signature.
    Unsigned,
}

/// What a dialect reads out of a body: the event's type, idempotency key and typed data, and which
/// of them the dialect's signature leaves uncovered.
#[derive(Debug)]
pub struct Decoded {
    /// `event.type`.
    pub event_type: String,
    /// `event.id`.
    pub id: Option<String>,
    /// `event.data`.
    pub data: EventData,
    /// Properties of a verified event whose value the signature does not cover.
    pub unsigned: Vec<Property>,
}

impl Decoded {
    /// An event read entirely from what the dialect's signature covers (if it has one).
    pub fn new(event_type: String, id: Option<String>, data: EventData) -> Self {
        Decoded {
            event_type,
            id,
            data,
            unsigned: Vec::new(),
        }
    }
}

/// The HTTP reply a provider expects for an accepted event (anything else makes it retry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ack {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type` of the body.
    pub content_type: &'static str,
    /// Response body.
    pub body: &'static str,
}

impl Ack {
    /// HTTP 200 with an empty body: for providers that document only the status.
    pub const STATUS_ONLY: Ack = Ack {
        status: 200,
        content_type: "text/plain",
        body: "",
    };
}

/// A provider's webhook dialect: a handle on its [`Spec`] in the registry.
#[derive(Clone, Copy)]
pub struct Dialect(&'static Spec);

impl PartialEq for Dialect {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Dialect {}

impl std::hash::Hash for Dialect {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

impl fmt::Debug for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Dialect({})", self.0.id)
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.id)
    }
}

impl Serialize for Dialect {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.id)
    }
}

/// Pushes read with a declared scheme ([`crate::DeclaredScheme`]): never detected, not in the
/// registry; the scheme, not this spec, says how they are signed and read.
static CUSTOM: Spec = Spec {
    id: "custom",
    provider: "a provider described by a declared scheme",
    headers: &[],
    signing: Signing::Unsigned,
    ack: Ack::STATUS_ONLY,
    retry_after_secs: DEFAULT_RETRIES,
    typed_events: &[],
    type_field: None,
    untyped_data: "Record<string, unknown>",
    matches: |_, _| false,
    decode: |_, _, _| {
        Err(Error::invalid_setting(
            Setting::Scheme,
            "custom pushes are read with their declared scheme",
        ))
    },
    #[cfg(feature = "signing")]
    sign: None,
};

impl Dialect {
    /// The dialect of pushes read with a declared scheme (`event.dialect` is `custom`).
    pub fn custom() -> Dialect {
        Dialect(&CUSTOM)
    }

    /// Every dialect, in detection order.
    pub fn all() -> impl Iterator<Item = Dialect> {
        REGISTRY.iter().map(|spec| Dialect(spec))
    }

    /// Reads a dialect id.
    pub fn parse(name: &str) -> Result<Self> {
        Dialect::all().find(|d| d.as_str() == name).ok_or_else(|| {
            let known: Vec<&str> = Dialect::all().map(Dialect::as_str).collect();
            Error::new(
                ErrorCode::UnknownDialect,
                format!(
                    "unknown dialect `{}` (known: {})",
                    crate::json::shorten(name),
                    known.join(", ")
                ),
            )
            .with_setting(Setting::Dialect)
        })
    }

    /// The dialect's id as used in options and in `event.dialect`.
    pub fn as_str(self) -> &'static str {
        self.0.id
    }

    /// Everything the dialect declares.
    pub fn spec(self) -> &'static Spec {
        self.0
    }

    /// True when the dialect's pushes can carry a signature [`crate::Verifier`] checks (for
    /// some, only when a header is present).
    pub fn is_signed(self) -> bool {
        !matches!(self.0.signing, Signing::Unsigned)
    }

    /// The credential option a verifier of this dialect's pushes needs: [`Setting::PublicKey`]
    /// (RSA), [`Setting::Secret`] (HMAC), or `None` for an unsigned dialect.
    pub fn credential(self) -> Option<Setting> {
        match self.0.signing {
            Signing::Rsa { .. } => Some(Setting::PublicKey),
            Signing::Hmac { .. } => Some(Setting::Secret),
            Signing::Unsigned => None,
        }
    }

    /// True when headers and body have this dialect's shape.
    pub(crate) fn matches(self, headers: &Headers, body: &Object<'_>) -> bool {
        (self.0.matches)(headers, body)
    }

    /// How a push with these headers is checked; `secrets_given` makes a push of a
    /// dialect whose signature header is optional count as signed (a missing header is then an
    /// error, not a pass).
    pub fn push_check(self, headers: &Headers, secrets_given: bool) -> PushCheck {
        match self.0.signing {
            Signing::Rsa { input } => PushCheck::Rsa(input),
            Signing::Hmac {
                only_with_header: Some(header),
                ..
            } if !secrets_given && headers.get(header).is_none() => PushCheck::Unsigned,
            Signing::Hmac { input, .. } => PushCheck::Hmac(input),
            Signing::Unsigned => PushCheck::Unsigned,
        }
    }

    /// The reply the provider expects once the event is accepted.
    pub fn ack(self) -> Ack {
        self.0.ack
    }

    /// The headers the dialect reads (lowercase).
    pub fn headers(self) -> &'static [&'static str] {
        self.0.headers
    }

    /// Decodes a parsed body in this dialect.
    pub(crate) fn decode(
        self,
        headers: &Headers,
        body: &Object<'_>,
        limits: &Limits,
    ) -> Result<Decoded> {
        (self.0.decode)(headers, body, limits)
    }
}

/// Every header any dialect reads (lowercase, once each), in registry order.
pub fn headers_read() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for spec in REGISTRY {
        for header in spec.headers {
            if !out.contains(header) {
                out.push(header);
            }
        }
    }
    out
}

/// Picks the dialect from headers and body shape, in registry order; `UNKNOWN_DIALECT` when none
/// matches.
pub fn detect(headers: &Headers, body: &Object<'_>) -> Result<Dialect> {
    Dialect::all()
        .find(|d| d.matches(headers, body))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownDialect,
                "body matches no known webhook dialect; name the dialect if you know it",
            )
            .with_setting(Setting::Dialect)
        })
}
