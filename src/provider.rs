//! Acting as the provider, for tests and simulators: the exact body and headers a provider would
//! send for a payload, signed with a test key or secret. Each dialect's file says how its pushes
//! are signed (`Spec::sign`); this module holds what they share.

use base64::Engine as _;

use crate::canonical::{self, CanonicalForm, canonical_string};
use crate::dialects::Dialect;
use crate::error::{Error, ErrorCode, Result, Setting};
use crate::headers::Headers;
use crate::json::{self, Limits, Object, Value};
use crate::private_key::PrivateKey;
use crate::scheme::DeclaredScheme;
use crate::secret::Secret;
use crate::signature::{SignatureEncoding, encode_hex};

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

/// Signs `payload` (a JSON object, number text kept as written) as `dialect`'s provider would.
pub fn sign_request(
    dialect: Dialect,
    payload: &[u8],
    context: &SignContext<'_>,
) -> Result<SignedRequest> {
    let Some(sign) = dialect.spec().sign else {
        return Err(Error::new(
            ErrorCode::UnsignedDialect,
            format!("{} pushes carry no signature to make", dialect.as_str()),
        ));
    };
    let (text, body) = json::parse_object_text(payload, &Limits::default())?;
    sign(&body, text, context)
}

/// Signs `payload` as a provider using the declared `scheme` would; signed headers take their
/// values from `headers` where given (see [`DeclaredScheme::sign_request`]).
pub fn sign_request_declared(
    scheme: &DeclaredScheme,
    payload: &[u8],
    context: &SignContext<'_>,
    headers: &Headers,
) -> Result<SignedRequest> {
    let (text, body) = json::parse_object_text(payload, &Limits::default())?;
    scheme.sign_request(&body, text, context, headers)
}

/// The body with `sign` set to the RSA signature of its sorted fields (an existing `sign` is
/// replaced), as compact JSON: number text and key order kept.
pub(crate) fn rsa_signed_body(
    mut body: Object<'_>,
    key: &PrivateKey,
    form: CanonicalForm,
    encoding: SignatureEncoding,
) -> Result<String> {
    let signature = key.sign(canonical_string(&body, form).as_bytes(), encoding)?;
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

/// A realistic payload of `event_type` in `dialect`, from the provider's documented example of
/// that shape (the type field set to `event_type`), as compact JSON; `INVALID_OPTION` for a type
/// the dialect does not type.
pub fn sample(dialect: Dialect, event_type: &str) -> Result<String> {
    let spec = dialect.spec();
    let group = spec
        .typed_events
        .iter()
        .find(|group| group.types.contains(&event_type))
        .ok_or_else(|| {
            Error::invalid_setting(
                Setting::EventType,
                format!(
                    "{} has no typed event `{}` to sample",
                    spec.id,
                    crate::json::shorten(event_type)
                ),
            )
        })?;
    let mut body = json::parse_object(group.sample.as_bytes(), &Limits::default())?;
    if let Some(field) = spec.type_field {
        body.insert(field, Value::String(event_type.to_owned().into()));
    }
    Ok(Value::Object(body).to_compact_json())
}

/// Every `(dialect, event type)` [`sample`] can make.
pub fn samples() -> Vec<(Dialect, &'static str)> {
    Dialect::all()
        .flat_map(|dialect| {
            dialect
                .spec()
                .typed_events
                .iter()
                .flat_map(move |group| group.types.iter().map(move |t| (dialect, *t)))
        })
        .collect()
}
