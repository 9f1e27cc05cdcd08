//! The calls that need no credentials: decode a body without checking a signature, and rebuild the
//! exact string a provider signed (its signed input). (Signing as a provider, for tests and simulators, is `testing`.)

use crate::canonical::{self, CanonicalForm};
use crate::dialects::{self, Dialect, Signing};
use crate::error::Result;
use crate::error::{Error, ErrorCode};
use crate::event::Event;
use crate::headers::Headers;
use crate::json::{self, Limits};
use crate::scheme::DeclaredScheme;

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
pub fn signed_input_declared(
    body: &[u8],
    headers: &Headers,
    scheme: &DeclaredScheme,
    limits: &Limits,
) -> Result<String> {
    let (text, obj) = json::parse_object_text(body, limits)?;
    scheme.signed_input(text, headers, &obj)
}

/// The exact text `dialect`'s provider signed for this push, from its body and headers: the sorted
/// fields in `form` (onerway), the HMAC input (onerway-v2, upay, alchemypay-v2, uqpay), the raw
/// body (wasabicard). Read by the dialect's own signed-input function, so it is what a verify
/// checks; that function also reads the push's signature, which must therefore be present.
pub fn signed_input(
    body: &[u8],
    headers: &Headers,
    dialect: Dialect,
    form: CanonicalForm,
    limits: &Limits,
) -> Result<String> {
    let (text, obj) = json::parse_object_text(body, limits)?;
    match dialect.spec().signing {
        Signing::Rsa { input } => Ok(input(text, headers, &obj, form)?.signed_input.into_owned()),
        Signing::Hmac { input, .. } => {
            let parts = input(text, headers, &obj)?.parts;
            // Every part is text (the body, header values, body strings) or ASCII punctuation.
            String::from_utf8(parts.concat())
                .map_err(|_| Error::new(ErrorCode::Internal, "the signed input is not UTF-8 text"))
        }
        Signing::Unsigned => Err(Error::new(
            ErrorCode::UnsignedDialect,
            format!("{} pushes carry no signature", dialect.as_str()),
        )),
    }
}

/// The signed input of a push that signs its sorted fields (onerway), rebuilt from `body` alone.
pub fn sorted_signed_input(body: &[u8], form: CanonicalForm, limits: &Limits) -> Result<String> {
    Ok(canonical::sorted_signed_input(
        &json::parse_object(body, limits)?,
        form,
    ))
}
