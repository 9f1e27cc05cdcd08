//! The calls that need no credentials: decode a body without checking a signature, rebuild the
//! string a provider signed, and sign a body as a provider would (for tests and simulators).

use crate::canonical::{CanonicalForm, canonical_string};
use crate::dialects::{self, Dialect};
use crate::error::Result;
use crate::event::Event;
use crate::headers::Headers;
use crate::json::{self, Limits};
#[cfg(feature = "signing")]
use crate::private_key::PrivateKey;
use crate::scheme::DeclaredScheme;
#[cfg(feature = "signing")]
use crate::signature::SignatureEncoding;

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
    let obj = json::parse_object(body, limits)?;
    let dialect = match dialect {
        Some(dialect) => dialect,
        None => dialects::detect(headers, &obj)?,
    };
    let decoded = dialect.decode(headers, &obj, limits)?;
    Ok(Event::new(dialect, decoded, None))
}

/// Decodes a push of a provider described by a declared `scheme`, without checking its
/// signature (`event.verified` is false, `event.dialect` is `custom`).
pub fn decode_declared(body: &[u8], scheme: &DeclaredScheme, limits: &Limits) -> Result<Event> {
    let obj = json::parse_object(body, limits)?;
    Ok(Event::new(Dialect::custom(), scheme.decode(&obj)?, None))
}

/// The exact string a push signed under a declared `scheme`, rebuilt from its body and headers.
pub fn canonicalize_declared(
    body: &[u8],
    headers: &Headers,
    scheme: &DeclaredScheme,
    limits: &Limits,
) -> Result<String> {
    let (text, obj) = json::parse_object_text(body, limits)?;
    scheme.signed_string(text, headers, &obj)
}

/// The exact string the provider signed, rebuilt from `body`.
pub fn canonicalize(body: &[u8], form: CanonicalForm, limits: &Limits) -> Result<String> {
    Ok(canonical_string(&json::parse_object(body, limits)?, form))
}

/// Signs `body` (a JSON object) and returns it as compact JSON with `sign` set, for tests and
/// simulators. Number text and key order are kept; an existing `sign` is replaced.
#[cfg(feature = "signing")]
pub fn sign(
    body: &[u8],
    key: &PrivateKey,
    form: CanonicalForm,
    encoding: SignatureEncoding,
    limits: &Limits,
) -> Result<String> {
    crate::provider::rsa_signed_body(json::parse_object(body, limits)?, key, form, encoding)
}
