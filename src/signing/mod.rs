//! Signing as a provider does, for the test signers (`crate::testing`): RSA private keys, what a
//! signer may use ([`SignContext`]), the request it makes ([`SignedRequest`]), and the pieces every
//! dialect's and declared scheme's signer shares. Each dialect's file says how its pushes are
//! signed (`Spec::sign`). Only in builds with the `signing` feature; beneath the dialects and the
//! scheme engine, so it names neither.

use base64::Engine as _;

use crate::canonical::{self, CanonicalForm, sorted_signed_input};
use crate::error::{Error, Result, Setting};
use crate::json::{Object, Value};
use crate::secret::Secret;
use crate::signature::{SignatureEncoding, encode_hex};

mod private_key;

pub use private_key::PrivateKey;

/// What a signer may use: the credential, the time, and the caller's choices.
pub struct SignContext<'a> {
    /// The RSA private key (RSA dialects).
    pub key: Option<&'a PrivateKey>,
    /// The shared secret (HMAC dialects).
    pub secret: Option<&'a Secret>,
    /// The current time in epoch milliseconds (signed timestamps).
    pub now_ms: i64,
    /// The event type to announce where the provider sends it apart from the body.
    pub event_type: Option<&'a str>,
    /// How sorted fields are joined (RSA sorted-field dialects).
    pub form: CanonicalForm,
    /// How an RSA signature is written.
    pub encoding: SignatureEncoding,
    /// A unique id for the request, where the provider sends one.
    pub request_id: &'a str,
}

impl SignContext<'_> {
    /// The private key, or `INVALID_OPTION` naming it.
    pub fn key(&self, dialect: &str) -> Result<&PrivateKey> {
        self.key.ok_or_else(|| {
            Error::invalid_setting(
                Setting::PrivateKey,
                format!("{dialect} pushes are RSA-signed: signing needs a private key"),
            )
        })
    }

    /// The secret, or `INVALID_OPTION` naming it.
    pub fn secret(&self, dialect: &str) -> Result<&Secret> {
        self.secret.ok_or_else(|| {
            Error::invalid_setting(
                Setting::Secret,
                format!("{dialect} pushes are signed with a shared secret: signing needs it"),
            )
        })
    }
}

/// A request as the provider sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    /// The exact body.
    pub body: String,
    /// Header names (as the provider spells them) and values.
    pub headers: Vec<(String, String)>,
}

/// The body with `sign` set to the RSA signature of its sorted fields (an existing `sign` is
/// replaced), as compact JSON: number text and key order kept.
pub(crate) fn rsa_signed_body(
    mut body: Object<'_>,
    key: &PrivateKey,
    form: CanonicalForm,
    encoding: SignatureEncoding,
) -> Result<String> {
    let signature = key.sign(sorted_signed_input(&body, form).as_bytes(), encoding)?;
    body.insert(canonical::SIGN_FIELD, Value::String(signature.into()));
    Ok(Value::Object(body).to_compact_json())
}

/// HMAC-SHA256 of `parts` as lowercase hex.
pub(crate) fn hmac_hex(secret: &Secret, parts: &[&[u8]]) -> String {
    encode_hex(&secret.sign(parts))
}

/// HMAC-SHA256 of `parts` as standard Base64.
pub(crate) fn hmac_base64(secret: &Secret, parts: &[&[u8]]) -> String {
    base64::engine::general_purpose::STANDARD.encode(secret.sign(parts))
}

/// A header pair.
pub(crate) fn header(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}
