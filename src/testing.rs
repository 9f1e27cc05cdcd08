//! The test signers, what the package's `cardhook/testing` module exports: the exact body and
//! headers a provider would send for a payload, signed with a test key or secret, and realistic
//! sample payloads. Built on `signing`; only in builds with the `signing` feature.

use crate::canonical::CanonicalForm;
use crate::dialects::Dialect;
use crate::error::{Error, ErrorCode, Result, Setting};
use crate::headers::Headers;
use crate::json::{self, Limits, Value};
use crate::scheme::DeclaredScheme;
use crate::signature::SignatureEncoding;
use crate::signing::{self, PrivateKey, SignContext, SignedRequest};

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

/// Signs `body` (a JSON object) and returns it as compact JSON with `sign` set, for tests and
/// simulators. Number text and key order are kept; an existing `sign` is replaced.
pub fn sign(
    body: &[u8],
    key: &PrivateKey,
    form: CanonicalForm,
    encoding: SignatureEncoding,
    limits: &Limits,
) -> Result<String> {
    signing::rsa_signed_body(json::parse_object(body, limits)?, key, form, encoding)
}
