//! What a push under a declared scheme signed: its signed input, rebuilt from the raw body, the
//! headers and the parsed body, and the signature and timestamp the push carries.

use std::borrow::Cow;

use crate::canonical::{CanonicalForm, field_text, join_sorted};
use crate::error::{Error, ErrorCode, Result};
use crate::headers::{self, Headers};
use crate::json::{self, Object, Value};

use super::{DeclaredScheme, FieldRules, Location, Piece, Signed, has_pairs_separator};

/// What one push signed under a declared scheme.
pub(crate) struct SchemeInput<'a> {
    /// The signed input: the exact string the signature covers.
    pub signed_input: String,
    /// The signature text as sent.
    pub signature: &'a str,
    /// The signed timestamp in epoch milliseconds, when the scheme declares one.
    pub timestamp_ms: Option<i64>,
}

impl DeclaredScheme {
    /// The exact string a push under this scheme signed, from its raw body `text` and the same
    /// body parsed.
    pub fn signed_input(&self, text: &str, headers: &Headers, body: &Object<'_>) -> Result<String> {
        match &self.signed {
            Signed::Body => Ok(text.to_owned()),
            Signed::Template(pieces) => {
                let mut out = String::with_capacity(text.len() + 64);
                for piece in pieces {
                    match piece {
                        Piece::Text(literal) => out.push_str(literal),
                        Piece::Body => out.push_str(text),
                        Piece::Header(name) => out.push_str(headers::required(headers, name)?),
                    }
                }
                Ok(out)
            }
            Signed::Fields(rules) => self.sorted_fields(rules, headers, body),
        }
    }

    /// The body's signed members under `rules`, in body order, each with the text signed: every
    /// top-level member but the signature field, `exclude`d names, nulls and (with omit empty)
    /// empty strings.
    pub(super) fn signed_members<'v>(
        &self,
        rules: &FieldRules,
        body: &'v Object<'_>,
    ) -> Vec<(&'v str, Cow<'v, str>)> {
        let signature_field = self.signature_field();
        body.iter()
            .filter(|(k, _)| Some(*k) != signature_field && !rules.excludes(k))
            .filter_map(|(k, v)| field_text(v).map(|t| (k, t)))
            .filter(|(_, t)| rules.keeps(t))
            .collect()
    }

    fn sorted_fields(
        &self,
        rules: &FieldRules,
        headers: &Headers,
        body: &Object<'_>,
    ) -> Result<String> {
        let mut fields = self.signed_members(rules, body);
        for name in &rules.headers {
            if body.contains_key(name) {
                return Err(Error::new(
                    ErrorCode::InvalidHeader,
                    format!(
                        "the signed header `{name}` and a body field of the same name would both be signed as `{name}`"
                    ),
                ));
            }
            let value = headers::required(headers, name)?;
            // `nonce: n1&status=FAILED` would sign as the header `n1` plus a field `status`: a
            // signed body field moved out of the body into the header, gone from `data`. A nonce
            // or timestamp never needs these characters, so refusing costs a provider nothing.
            if rules.form == CanonicalForm::Pairs && has_pairs_separator(value) {
                return Err(Error::new(
                    ErrorCode::InvalidHeader,
                    format!(
                        "the signed header `{name}` contains `&` or `=`, which the pairs form puts between fields: such a value could carry signed fields out of the body; a signed header value must not contain them"
                    ),
                ));
            }
            if rules.keeps(value) {
                fields.push((name, Cow::Borrowed(value)));
            }
        }
        Ok(join_sorted(fields, rules.form))
    }

    /// What one push carries: its signed input, signature text and signed timestamp.
    pub(crate) fn push_input<'b>(
        &self,
        text: &'b str,
        headers: &'b Headers,
        body: &'b Object<'_>,
    ) -> Result<SchemeInput<'b>> {
        let signature = match &self.signature {
            Location::Header(name) => headers::required(headers, name)?,
            Location::Field(name) => match body.get(name) {
                None | Some(Value::Null) => {
                    return Err(Error::new(
                        ErrorCode::MissingSignature,
                        format!("body has no `{}` field", json::shorten(name)),
                    ));
                }
                Some(Value::String(s)) => s,
                Some(other) => {
                    return Err(Error::new(
                        ErrorCode::InvalidSignatureEncoding,
                        format!(
                            "`{}` is {}, not a string",
                            json::shorten(name),
                            other.type_name()
                        ),
                    ));
                }
            },
        };
        let timestamp_ms = match &self.timestamp {
            Some(t) => {
                let (_, value) = headers::required_integer(
                    headers,
                    &t.header,
                    if t.millis_per_unit == 1 {
                        "an integer (epoch milliseconds)"
                    } else {
                        "an integer (Unix seconds)"
                    },
                )?;
                Some(value.saturating_mul(t.millis_per_unit))
            }
            None => None,
        };
        Ok(SchemeInput {
            signed_input: self.signed_input(text, headers, body)?,
            signature,
            timestamp_ms,
        })
    }
}
