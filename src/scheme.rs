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
//! the raw body, and a timestamp the signature does not cover cannot prove freshness.

use std::borrow::Cow;

use crate::canonical::{CanonicalForm, field_text, join_sorted};
use crate::dialects::{Decoded, EventData};
use crate::error::{Error, ErrorCode, Result, Setting};
use crate::event::Property;
use crate::headers::{self, Headers};
use crate::json::{self, Limits, Object, Value};
#[cfg(feature = "signing")]
use crate::provider::{self, SignContext, SignedRequest};
use crate::secret::HmacAlgorithm;
use crate::signature::SignatureEncoding;

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
    exclude: Vec<String>,
    headers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Timestamp {
    header: String,
    millis_per_unit: i64,
    tolerance_secs: Option<u64>,
}

/// What one push signed under a declared scheme.
pub(crate) struct SchemeInput<'a> {
    /// The exact signed string.
    pub message: String,
    /// The signature text as sent.
    pub signature: &'a str,
    /// The signed timestamp in epoch milliseconds, when the scheme declares one.
    pub timestamp_ms: Option<i64>,
}

/// `INVALID_OPTION` about the scheme part at `path`.
fn bad(path: &str, message: impl std::fmt::Display) -> Error {
    Error::invalid_setting(Setting::Scheme, format!("scheme.{path} {message}"))
}

/// True for an HTTP header name (RFC 9110 token characters).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Refuses members of `object` (at `path`) not in `known`.
fn only_keys(object: &Object<'_>, path: &str, known: &[&str]) -> Result<()> {
    match object.iter().find(|(k, _)| !known.contains(k)) {
        Some((key, _)) => Err(bad(
            if path.is_empty() { key } else { path },
            format_args!(
                "{}is not a scheme setting (expected {})",
                if path.is_empty() {
                    String::new()
                } else {
                    format!("has `{}`, which ", json::shorten(key))
                },
                known.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

fn string<'v>(value: Option<&'v Value<'_>>, path: &str) -> Result<Option<&'v str>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s)),
        Some(_) => Err(bad(path, "must be a non-empty string")),
    }
}

fn header_name(value: Option<&Value<'_>>, path: &str) -> Result<Option<String>> {
    match string(value, path)? {
        Some(name) if is_header_name(name) => Ok(Some(name.to_owned())),
        Some(name) => Err(bad(
            path,
            format_args!("`{}` is not a header name", json::shorten(name)),
        )),
        None => Ok(None),
    }
}

fn strings(value: Option<&Value<'_>>, path: &str) -> Result<Vec<String>> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) if !s.is_empty() => Ok(s.to_string()),
                _ => Err(bad(path, "must list non-empty strings")),
            })
            .collect(),
        Some(_) => Err(bad(path, "must be a list of strings")),
    }
}

fn object<'v, 'a>(value: &'v Value<'a>, path: &str) -> Result<&'v Object<'a>> {
    value
        .as_object()
        .ok_or_else(|| bad(path, "must be an object"))
}

fn dotted_path(value: Option<&Value<'_>>, path: &str) -> Result<Option<Vec<String>>> {
    let Some(text) = string(value, path)? else {
        return Ok(None);
    };
    let segments: Vec<String> = text.split('.').map(str::to_owned).collect();
    if segments.iter().any(String::is_empty) {
        return Err(bad(
            path,
            "must be a dotted path of field names, like `data.orderId`",
        ));
    }
    Ok(Some(segments))
}

fn parse_template(text: &str) -> Result<Vec<Piece>> {
    const PATH: &str = "signed.template";
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        let (before, from) = rest.split_at(i);
        literal.push_str(before);
        let Some(after) = from.strip_prefix('{') else {
            return Err(bad(PATH, "has a `}` that closes no placeholder"));
        };
        let (name, tail) = after
            .split_once('}')
            .ok_or_else(|| bad(PATH, "has a `{` that is never closed"))?;
        let piece = if name == "body" {
            Piece::Body
        } else if let Some(header) = name.strip_prefix("header:") {
            if !is_header_name(header) {
                return Err(bad(
                    PATH,
                    format_args!("`{{{}}}` does not name a header", json::shorten(name)),
                ));
            }
            Piece::Header(header.to_owned())
        } else {
            return Err(bad(
                PATH,
                format_args!(
                    "has an unknown placeholder `{{{}}}` (expected {{body}} or {{header:NAME}})",
                    json::shorten(name)
                ),
            ));
        };
        if !literal.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut literal)));
        }
        pieces.push(piece);
        rest = tail;
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    match pieces.iter().filter(|p| **p == Piece::Body).count() {
        1 => Ok(pieces),
        0 => Err(bad(
            PATH,
            "must contain {body}: a signature that does not cover the body proves nothing about it",
        )),
        _ => Err(bad(PATH, "must contain {body} once")),
    }
}

fn parse_fields(value: &Value<'_>) -> Result<FieldRules> {
    let fields = object(value, "signed.fields")?;
    only_keys(
        fields,
        "signed.fields",
        &["form", "omit", "exclude", "headers"],
    )?;
    let form = match string(fields.get("form"), "signed.fields.form")? {
        None => CanonicalForm::Json,
        Some(name) => CanonicalForm::parse(name).map_err(|_| {
            bad(
                "signed.fields.form",
                format_args!(
                    "`{}` is not a form (expected json, pairs or values)",
                    json::shorten(name)
                ),
            )
        })?,
    };
    let omit = strings(fields.get("omit"), "signed.fields.omit")?;
    let omit: Vec<&str> = omit.iter().map(String::as_str).collect();
    let omit_empty = match omit.as_slice() {
        [] | ["null"] => false,
        ["null", "empty"] | ["empty", "null"] => true,
        _ => {
            return Err(bad(
                "signed.fields.omit",
                "must be [\"null\"] or [\"null\", \"empty\"] (nulls are never signed)",
            ));
        }
    };
    let exclude = strings(fields.get("exclude"), "signed.fields.exclude")?;
    let headers = strings(fields.get("headers"), "signed.fields.headers")?;
    for (i, name) in headers.iter().enumerate() {
        let earlier = headers.iter().take(i);
        if !is_header_name(name) {
            return Err(bad(
                "signed.fields.headers",
                format_args!("`{}` is not a header name", json::shorten(name)),
            ));
        }
        if earlier.into_iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Err(bad(
                "signed.fields.headers",
                format_args!("lists `{}` twice", json::shorten(name)),
            ));
        }
    }
    Ok(FieldRules {
        form,
        omit_empty,
        exclude,
        headers,
    })
}

fn parse_timestamp(value: &Value<'_>) -> Result<Timestamp> {
    let timestamp = object(value, "timestamp")?;
    only_keys(
        timestamp,
        "timestamp",
        &["header", "unit", "toleranceSeconds"],
    )?;
    let header = header_name(timestamp.get("header"), "timestamp.header")?.ok_or_else(|| {
        bad(
            "timestamp.header",
            "is required: the header carrying the timestamp",
        )
    })?;
    let millis_per_unit = match string(timestamp.get("unit"), "timestamp.unit")? {
        None | Some("s") => 1000,
        Some("ms") => 1,
        Some(other) => {
            return Err(bad(
                "timestamp.unit",
                format_args!(
                    "`{}` is not a unit (expected s or ms)",
                    json::shorten(other)
                ),
            ));
        }
    };
    let tolerance_secs = match timestamp.get("toleranceSeconds") {
        None | Some(Value::Null) => None,
        Some(Value::Number(text)) => Some(
            text.parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(u64::from)
                .ok_or_else(|| bad("timestamp.toleranceSeconds", "must be a positive integer"))?,
        ),
        Some(_) => {
            return Err(bad(
                "timestamp.toleranceSeconds",
                "must be a positive integer",
            ));
        }
    };
    Ok(Timestamp {
        header,
        millis_per_unit,
        tolerance_secs,
    })
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
    /// Reads and validates a scheme from its JSON text.
    pub fn parse(text: &str) -> Result<Self> {
        let limits = Limits::default();
        let root = json::parse_object(text.as_bytes(), &limits).map_err(|e| {
            Error::invalid_setting(
                Setting::Scheme,
                format!("scheme is not a JSON object: {}", e.message()),
            )
        })?;
        only_keys(
            &root,
            "",
            &[
                "algorithm",
                "signature",
                "encoding",
                "signed",
                "timestamp",
                "id",
                "type",
            ],
        )?;
        let algorithm = match string(root.get("algorithm"), "algorithm")? {
            Some("rsa-sha256") => Algorithm::RsaSha256,
            Some("hmac-sha256") => Algorithm::Hmac(HmacAlgorithm::Sha256),
            Some("hmac-sha512") => Algorithm::Hmac(HmacAlgorithm::Sha512),
            Some(other) => {
                return Err(bad(
                    "algorithm",
                    format_args!(
                        "`{}` is not supported (expected rsa-sha256, hmac-sha256 or hmac-sha512)",
                        json::shorten(other)
                    ),
                ));
            }
            None => return Err(bad("algorithm", "is required")),
        };
        let signature = match root.get("signature") {
            None | Some(Value::Null) => {
                return Err(bad(
                    "signature",
                    "is required: {\"header\": NAME} or {\"field\": NAME}",
                ));
            }
            Some(value) => {
                let at = object(value, "signature")?;
                only_keys(at, "signature", &["header", "field"])?;
                match (
                    header_name(at.get("header"), "signature.header")?,
                    string(at.get("field"), "signature.field")?,
                ) {
                    (Some(header), None) => Location::Header(header),
                    (None, Some(field)) => Location::Field(field.to_owned()),
                    _ => {
                        return Err(bad(
                            "signature",
                            "must name exactly one of `header` or `field`",
                        ));
                    }
                }
            }
        };
        let encoding = match string(root.get("encoding"), "encoding")? {
            None | Some("auto") => None,
            Some("base64") => Some(SignatureEncoding::Base64),
            Some("hex") => Some(SignatureEncoding::Hex),
            Some(other) => {
                return Err(bad(
                    "encoding",
                    format_args!(
                        "`{}` is not an encoding (expected base64, hex or auto)",
                        json::shorten(other)
                    ),
                ));
            }
        };
        let signed = match root.get("signed") {
            Some(Value::String(s)) if s == "body" => Signed::Body,
            Some(Value::Object(signed)) => {
                only_keys(signed, "signed", &["template", "fields"])?;
                match (signed.get("template"), signed.get("fields")) {
                    (Some(Value::String(t)), None) => Signed::Template(parse_template(t)?),
                    (Some(_), None) => return Err(bad("signed.template", "must be a string")),
                    (None, Some(fields)) => Signed::Fields(parse_fields(fields)?),
                    _ => {
                        return Err(bad(
                            "signed",
                            "must have exactly one of `template` or `fields`",
                        ));
                    }
                }
            }
            None | Some(Value::Null) => return Err(bad("signed", "is required")),
            Some(_) => {
                return Err(bad(
                    "signed",
                    "must be \"body\", {\"template\": …} or {\"fields\": …}",
                ));
            }
        };
        if let (Location::Field(field), Signed::Body | Signed::Template(_)) = (&signature, &signed)
        {
            return Err(bad(
                "signature.field",
                format_args!(
                    "`{}` is inside the body, so the raw body cannot be what was signed; sign `fields` instead",
                    json::shorten(field)
                ),
            ));
        }
        let timestamp = match root.get("timestamp") {
            None | Some(Value::Null) => None,
            Some(value) => Some(parse_timestamp(value)?),
        };
        let scheme = DeclaredScheme {
            algorithm,
            signature,
            encoding,
            signed,
            timestamp,
            id_path: dotted_path(root.get("id"), "id")?,
            type_path: dotted_path(root.get("type"), "type")?,
        };
        if let Some(timestamp) = &scheme.timestamp {
            if !scheme.signs_header(&timestamp.header) {
                return Err(bad(
                    "timestamp.header",
                    format_args!(
                        "`{}` is not in the signed input, so it cannot prove freshness: add it to the template or to signed.fields.headers, or leave `timestamp` out",
                        timestamp.header
                    ),
                ));
            }
        }
        Ok(scheme)
    }

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

    /// The exact string a push under this scheme signed, from its raw body `text` and the same
    /// body parsed.
    pub fn signed_string(
        &self,
        text: &str,
        headers: &Headers,
        body: &Object<'_>,
    ) -> Result<String> {
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

    fn sorted_fields(
        &self,
        rules: &FieldRules,
        headers: &Headers,
        body: &Object<'_>,
    ) -> Result<String> {
        let signature_field = self.signature_field();
        let keep = |text: &str| !(rules.omit_empty && text.is_empty());
        let mut fields: Vec<(&str, Cow<'_, str>)> = body
            .iter()
            .filter(|(k, _)| Some(*k) != signature_field && !rules.exclude.iter().any(|e| e == k))
            .filter_map(|(k, v)| field_text(v).map(|t| (k, t)))
            .filter(|(_, t)| keep(t))
            .collect();
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
            if keep(value) {
                fields.push((name, Cow::Borrowed(value)));
            }
        }
        Ok(join_sorted(fields, rules.form))
    }

    /// The signed string, signature text and signed timestamp of one push.
    pub(crate) fn signed_input<'b>(
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
            message: self.signed_string(text, headers, body)?,
            signature,
            timestamp_ms,
        })
    }

    /// Reads the event of a parsed body: `type` and `id` from the declared paths (`type` is empty
    /// when none is declared), `data` the body; lists what the signature leaves uncovered.
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
        let mut unsigned = Vec::new();
        if let Signed::Fields(rules) = &self.signed {
            let excluded = |path: &Option<Vec<String>>| {
                path.as_ref()
                    .and_then(|p| p.first())
                    .is_some_and(|first| rules.exclude.contains(first))
            };
            if excluded(&self.type_path) {
                unsigned.push(Property::Type);
            }
            if excluded(&self.id_path) {
                unsigned.push(Property::Id);
            }
            let signature_field = self.signature_field();
            let has_excluded = body.iter().any(|(k, v)| {
                Some(k) != signature_field
                    && !matches!(v, Value::Null)
                    && rules.exclude.iter().any(|e| e == k)
            });
            if has_excluded {
                unsigned.extend([Property::Data, Property::Payload]);
            }
        }
        Ok(Decoded {
            event_type,
            id,
            data: EventData::Custom(body.clone().into_owned()),
            unsigned,
        })
    }

    /// The body and headers a provider using this scheme would send for `payload` (its text as
    /// given in `text`), signed with the context's key or secret. Signed headers take their value
    /// from `given`, else the timestamp header the current time and any other the request id.
    #[cfg(feature = "signing")]
    pub fn sign_request(
        &self,
        payload: &Object<'_>,
        text: &str,
        context: &SignContext<'_>,
        given: &Headers,
    ) -> Result<SignedRequest> {
        let mut headers = Headers::new();
        let mut out_headers = vec![provider::header("Content-Type", "application/json")];
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
            out_headers.push(provider::header(name, value));
        }
        // A signature field already in the payload is never part of the signed fields.
        let message = self.signed_string(text, &headers, payload)?;
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
                out_headers.push(provider::header(name, signature));
                text.to_owned()
            }
        };
        Ok(SignedRequest {
            body,
            headers: out_headers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            s.signed_string("{\"a\":1}", &headers, &body).unwrap(),
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
            s.signed_string(raw, &headers, &body).unwrap(),
            r#"a=1.50&d={"x":1}&nonce=n1&timestamp=9"#
        );
        let clash = json::parse_object(br#"{"nonce":"x"}"#, &Limits::default()).unwrap();
        assert_eq!(
            s.signed_string("", &headers, &clash).unwrap_err().code(),
            ErrorCode::InvalidHeader
        );
    }
}
