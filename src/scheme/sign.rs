//! Signing as a provider using a declared scheme would, for the test signers.

use crate::error::{Result, Setting};
use crate::headers::Headers;
use crate::json::{Object, Value};
use crate::signature::SignatureEncoding;
use crate::signing::{self, SignContext, SignedRequest};

use super::{Algorithm, DeclaredScheme, Location};

impl DeclaredScheme {
    /// The body and headers a provider using this scheme would send for `payload` (its text as
    /// given in `text`), signed with the context's key or secret. Signed headers take their value
    /// from `given`, else the timestamp header the current time and any other the request id.
    pub fn sign_request(
        &self,
        payload: &Object<'_>,
        text: &str,
        context: &SignContext<'_>,
        given: &Headers,
    ) -> Result<SignedRequest> {
        let mut headers = Headers::new();
        let mut out_headers = vec![signing::header("Content-Type", "application/json")];
        for name in self.signed_headers() {
            let value = match given
                .single(name)
                .map_err(|e| e.with_setting(Setting::Headers))?
            {
                Some(value) => value.to_owned(),
                None => match &self.timestamp {
                    Some(t) if t.header.eq_ignore_ascii_case(name) => {
                        context.now_ms.div_euclid(t.millis_per_unit).to_string()
                    }
                    _ => context.request_id.to_owned(),
                },
            };
            headers.insert(name, value.clone());
            out_headers.push(signing::header(name, value));
        }
        // A signature field already in the payload is never part of the signed fields.
        let message = self.signed_input(text, &headers, payload)?;
        let signature = match self.algorithm {
            Algorithm::RsaSha256 => context.key("custom")?.sign(
                message.as_bytes(),
                self.encoding.unwrap_or(SignatureEncoding::Base64),
            )?,
            Algorithm::Hmac(algorithm) => {
                let tag = context
                    .secret("custom")?
                    .sign_with(algorithm, &[message.as_bytes()]);
                match self.encoding.unwrap_or(SignatureEncoding::Hex) {
                    SignatureEncoding::Hex => crate::signature::encode_hex(&tag),
                    SignatureEncoding::Base64 => {
                        use base64::Engine as _;
                        base64::engine::general_purpose::STANDARD.encode(tag)
                    }
                }
            }
        };
        let body = match &self.signature {
            Location::Field(field) => {
                let mut signed = payload.clone();
                signed.insert(field.clone(), Value::String(signature.into()));
                Value::Object(signed).to_compact_json()
            }
            Location::Header(name) => {
                out_headers.push(signing::header(name, signature));
                text.to_owned()
            }
        };
        Ok(SignedRequest {
            body,
            headers: out_headers,
        })
    }
}
