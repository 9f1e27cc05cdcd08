//! Declared schemes: how a provider cardhook has no dialect for signs its pushes, written by the
//! user as plain JSON and checked up front. A scheme says which algorithm signs (RSA-SHA256,
//! HMAC-SHA256, HMAC-SHA512), where the signature travels (a header or a body field) and how it
//! is written, and what was signed: the raw body, a template of the body and header values, or
//! the body's fields sorted like Java's `TreeMap` (the same rules as onerway's signed string,
//! see [`crate::canonical`]), optionally with header values added as fields. It may also name a
//! signed timestamp header (a replay window) and dotted paths to the event's id and type.
//!
//! Every part is validated when the scheme is read; a mistake is `INVALID_OPTION` naming the part
//! (`scheme.signed.fields.omit …`). Rules that would make a signature prove less than it seems
//! are refused there too: a template must sign the body, a signature inside the body cannot sign
//! the raw body, a signature cannot sign its own header, two header values in a template need
//! text between them, an `id` or `type` cannot be read from the signature, and a timestamp the
//! signature does not cover cannot prove freshness. Every list has a cap, so checking a scheme
//! stays cheap whatever its size.
//!
//! A `fields` scheme signs each value's text, not its JSON type (`false` and `"false"` sign
//! alike), so its event's `data` is the signed view: the signed body fields, each as the text
//! that was signed, in the signed order; the parsed body (`payload`) is always listed unsigned.
//!
//! This file holds the type and reading an event under it; `parse` reads and validates a scheme,
//! `signed_input` rebuilds what a push signed, and `sign` signs as the provider would.

use std::borrow::Cow;

use crate::canonical::{CanonicalForm, java_string_order, sort_like_treemap};
use crate::dialects::{Decoded, EventData};
use crate::error::{Error, Result};
use crate::json::{Object, Value};
use crate::model::Property;
use crate::secret::HmacAlgorithm;
use crate::signature::SignatureEncoding;

mod parse;
#[cfg(feature = "signing")]
mod sign;
mod signed_input;

/// A provider's signature scheme, declared by the user (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredScheme {
    algorithm: Algorithm,
    signature: Location,
    encoding: Option<SignatureEncoding>,
    signed: Signed,
    timestamp: Option<Timestamp>,
    id_path: Option<Vec<String>>,
    type_path: Option<Vec<String>>,
}

/// What signs a declared scheme's pushes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// SHA256withRSA (PKCS#1 v1.5) with the provider's private key.
    RsaSha256,
    /// HMAC with a shared secret.
    Hmac(HmacAlgorithm),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Location {
    /// A request header (its name as declared).
    Header(String),
    /// A top-level body field.
    Field(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Signed {
    /// The raw body bytes.
    Body,
    /// Literal text, the body and header values, in order.
    Template(Vec<Piece>),
    /// The body's fields (and header values) sorted and joined.
    Fields(FieldRules),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Body,
    Header(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct FieldRules {
    form: CanonicalForm,
    omit_empty: bool,
    /// Sorted, so each body member is looked up by binary search.
    exclude: Vec<String>,
    headers: Vec<String>,
}

impl FieldRules {
    /// True when the body member `name` is left out by `exclude`.
    fn excludes(&self, name: &str) -> bool {
        self.exclude
            .binary_search_by(|e| e.as_str().cmp(name))
            .is_ok()
    }

    /// True when a value with this text is signed (empty strings are not, with omit empty).
    fn keeps(&self, text: &str) -> bool {
        !(self.omit_empty && text.is_empty())
    }
}

/// True when text holds a separator of the `pairs` form (`k=v&k=v`), so that it could be split
/// into, or merged from, other fields without changing the signed string.
fn has_pairs_separator(text: &str) -> bool {
    text.bytes().any(|b| b == b'&' || b == b'=')
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Timestamp {
    header: String,
    millis_per_unit: i64,
    tolerance_secs: Option<u64>,
}

/// The value at a dotted path, `None` when a segment is absent or null.
fn value_at<'v>(body: &'v Object<'_>, path: &[String]) -> Option<&'v Value<'v>> {
    let (first, rest) = path.split_first()?;
    let mut value = body.get(first)?;
    for segment in rest {
        value = value.as_object()?.get(segment)?;
    }
    (!matches!(value, Value::Null)).then_some(value)
}

/// The text of the string or number at `path`; `MISSING_FIELD` when absent.
fn text_at(body: &Object<'_>, path: &[String]) -> Result<String> {
    let name = path.join(".");
    match value_at(body, path) {
        None => Err(Error::missing_field(&name)),
        Some(Value::String(s)) => Ok(s.to_string()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(Error::invalid_field(&name, "a string or a number")),
    }
}

impl DeclaredScheme {
    /// What signs this scheme's pushes.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The replay window the scheme declares, in seconds, if it declares one.
    pub fn tolerance_secs(&self) -> Option<u64> {
        self.timestamp.as_ref().and_then(|t| t.tolerance_secs)
    }

    /// How a signature is written: `None` when decided by its length.
    pub fn encoding(&self) -> Option<SignatureEncoding> {
        self.encoding
    }

    /// True when header `name`'s value is part of the signed input.
    fn signs_header(&self, name: &str) -> bool {
        self.signed_headers()
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
    }

    /// The body field that carries the signature, when it travels in the body.
    fn signature_field(&self) -> Option<&str> {
        match &self.signature {
            Location::Field(field) => Some(field),
            Location::Header(_) => None,
        }
    }

    /// The headers whose values are signed, as declared.
    fn signed_headers(&self) -> Vec<&str> {
        match &self.signed {
            Signed::Body => Vec::new(),
            Signed::Template(pieces) => pieces
                .iter()
                .filter_map(|p| match p {
                    Piece::Header(h) => Some(h.as_str()),
                    _ => None,
                })
                .collect(),
            Signed::Fields(rules) => rules.headers.iter().map(String::as_str).collect(),
        }
    }

    /// Every header the scheme reads, lowercase and once each.
    pub fn headers(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let signature = match &self.signature {
            Location::Header(h) => Some(h.as_str()),
            Location::Field(_) => None,
        };
        for name in signature.into_iter().chain(self.signed_headers()) {
            let lower = name.to_ascii_lowercase();
            if !out.contains(&lower) {
                out.push(lower);
            }
        }
        out
    }

    /// Reads the event of a parsed body: `type` and `id` from the declared paths (`type` is empty
    /// when none is declared), `data` what the signature covers of the body; lists what it leaves
    /// uncovered.
    ///
    /// Raw-body and template schemes sign the body's bytes, so `data` is the parsed body. A
    /// `fields` scheme signs each value's text but not its JSON type (`false`, `"false"`; `10.50`,
    /// `"10.50"`; an object and its JSON text sign alike), and leaves out nulls, empty strings
    /// (with omit empty) and `exclude`d members: `data` is then the signed view, exactly the signed
    /// body fields as the signed text, in the signed order, and `payload` (the body as parsed) is
    /// always unsigned. Signed header values stay out of `data`: `data` is the body's, header and
    /// body names could not always share one object, the caller has the headers already, and an
    /// unverified decode (which has no headers) gives the same shape.
    pub(crate) fn decode(&self, body: &Object<'_>) -> Result<Decoded> {
        let event_type = match &self.type_path {
            Some(path) => text_at(body, path)?,
            None => String::new(),
        };
        let id = self
            .id_path
            .as_ref()
            .map(|p| text_at(body, p))
            .transpose()?;
        let Signed::Fields(rules) = &self.signed else {
            return Ok(Decoded {
                event_type,
                id,
                data: EventData::Custom(body.clone().into_owned()),
                unsigned: Vec::new(),
            });
        };
        let mut fields = self.signed_members(rules, body);
        sort_like_treemap(&mut fields);
        // Under `pairs`, `{"a":"1&b=2"}` and `{"a":"1","b":"2"}` sign the same string. Such
        // values are not refused: providers sign URLs with query strings, Base64 padding and free
        // text, and refusing them would refuse their genuine pushes while a copy re-split so that
        // no value holds a separator would still verify. What can be said is said: when a signed
        // name or value holds one, the fields' boundaries are not pinned by the signature, so
        // `data` (and `type`, `id`, read from those fields) are listed unsigned.
        let unpinned = rules.form == CanonicalForm::Pairs
            && fields
                .iter()
                .any(|(k, v)| has_pairs_separator(k) || has_pairs_separator(v));
        let outside = |path: &Option<Vec<String>>| {
            path.as_ref().and_then(|p| p.first()).is_some_and(|first| {
                unpinned
                    || fields
                        .binary_search_by(|(k, _)| java_string_order(k, first))
                        .is_err()
            })
        };
        let mut unsigned = Vec::new();
        if outside(&self.type_path) {
            unsigned.push(Property::Type);
        }
        if outside(&self.id_path) {
            unsigned.push(Property::Id);
        }
        if unpinned {
            unsigned.push(Property::Data);
        }
        unsigned.push(Property::Payload);
        let view = fields
            .into_iter()
            .map(|(k, text)| {
                (
                    Cow::Owned(k.to_owned()),
                    Value::String(Cow::Owned(text.into_owned())),
                )
            })
            .collect();
        Ok(Decoded {
            event_type,
            id,
            // Keys are unique: they are members of one parsed object.
            data: EventData::Custom(Object::from_unique(view)),
            unsigned,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorCode, Setting};
    use crate::headers::Headers;
    use crate::json::{self, Limits};

    fn parse(text: &str) -> Result<DeclaredScheme> {
        DeclaredScheme::parse(text)
    }

    fn refused(text: &str, part: &str) {
        let err = parse(text).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidOption, "{text}");
        assert_eq!(err.setting(), Some(Setting::Scheme));
        assert!(err.message().contains(part), "{text}: {}", err.message());
    }

    #[test]
    fn malformed_schemes_name_the_part() {
        let sig = r#""signature":{"header":"X-Sign"}"#;
        refused(
            &format!(r#"{{"algorithm":"rsa-sha1",{sig},"signed":"body"}}"#),
            "scheme.algorithm",
        );
        refused(&format!(r#"{{{sig},"signed":"body"}}"#), "scheme.algorithm");
        refused(
            r#"{"algorithm":"hmac-sha256","signature":{"header":"a","field":"b"},"signed":"body"}"#,
            "scheme.signature",
        );
        refused(
            &format!(r#"{{"algorithm":"hmac-sha256",{sig},"signed":"body","encoding":"base32"}}"#),
            "scheme.encoding",
        );
        refused(
            &format!(
                r#"{{"algorithm":"hmac-sha256",{sig},"signed":{{"template":"{{header:t}}."}}}}"#
            ),
            "scheme.signed.template",
        );
        refused(
            &format!(
                r#"{{"algorithm":"hmac-sha256",{sig},"signed":{{"template":"{{header:}}.{{body}}"}}}}"#
            ),
            "scheme.signed.template",
        );
        refused(
            &format!(r#"{{"algorithm":"hmac-sha256",{sig},"signed":"body","algo":1}}"#),
            "scheme.algo",
        );
        refused(
            &format!(
                r#"{{"algorithm":"hmac-sha256",{sig},"signed":{{"fields":{{"omit":["empty"]}}}}}}"#
            ),
            "scheme.signed.fields.omit",
        );
        refused(
            &format!(
                r#"{{"algorithm":"hmac-sha256",{sig},"signed":{{"fields":{{"form":"xml"}}}}}}"#
            ),
            "scheme.signed.fields.form",
        );
        refused(
            r#"{"algorithm":"hmac-sha256","signature":{"field":"sign"},"signed":"body"}"#,
            "scheme.signature.field",
        );
        refused(
            &format!(
                r#"{{"algorithm":"hmac-sha256",{sig},"signed":{{"template":"{{header:T}}.{{body}}"}},"timestamp":{{"header":"T","unit":"h"}}}}"#
            ),
            "scheme.timestamp.unit",
        );
        refused(
            &format!(
                r#"{{"algorithm":"hmac-sha256",{sig},"signed":"body","timestamp":{{"header":"T"}}}}"#
            ),
            "scheme.timestamp.header",
        );
        refused("[1]", "scheme");
        refused("{", "scheme");
    }

    #[test]
    fn template_placeholders() {
        let s = parse(r#"{"algorithm":"hmac-sha256","signature":{"header":"X-Sign"},"signed":{"template":"{header:X-Ts}.{body}"},"timestamp":{"header":"x-ts"}}"#).unwrap();
        let headers: Headers = [("X-TS", "17")].into_iter().collect();
        let body = json::parse_object(b"{\"a\":1}", &Limits::default()).unwrap();
        assert_eq!(
            s.signed_input("{\"a\":1}", &headers, &body).unwrap(),
            "17.{\"a\":1}"
        );
        assert_eq!(s.headers(), vec!["x-sign", "x-ts"]);
    }

    #[test]
    fn sorted_fields_with_headers_and_empty_values() {
        let s = parse(r#"{"algorithm":"rsa-sha256","signature":{"header":"X-Sign"},"signed":{"fields":{"form":"pairs","omit":["null","empty"],"headers":["nonce","timestamp"]}}}"#).unwrap();
        let headers: Headers = [("Nonce", "n1"), ("timestamp", "9")].into_iter().collect();
        let raw = r#"{"b":"","a":1.50,"c":null,"d":{"x":1}}"#;
        let body = json::parse_object(raw.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(
            s.signed_input(raw, &headers, &body).unwrap(),
            r#"a=1.50&d={"x":1}&nonce=n1&timestamp=9"#
        );
        let clash = json::parse_object(br#"{"nonce":"x"}"#, &Limits::default()).unwrap();
        assert_eq!(
            s.signed_input("", &headers, &clash).unwrap_err().code(),
            ErrorCode::InvalidHeader
        );
    }
}
