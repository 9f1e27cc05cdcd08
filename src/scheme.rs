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

use std::borrow::Cow;

use crate::canonical::{
    CanonicalForm, field_text, java_string_order, join_sorted, sort_like_treemap,
};
use crate::dialects::{Decoded, EventData};
use crate::error::{Error, ErrorCode, Result, Setting};
use crate::headers::{self, Headers};
use crate::json::{self, Limits, Object, Value};
use crate::model::Property;
use crate::secret::HmacAlgorithm;
use crate::signature::SignatureEncoding;
#[cfg(feature = "signing")]
use crate::signing::{self, SignContext, SignedRequest};

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

/// Most headers a scheme may sign (`signed.fields.headers`, or `{header:…}` placeholders in a
/// template); providers sign two or three.
const MAX_SIGNED_HEADERS: usize = 32;
/// Most names `signed.fields.exclude` may list.
const MAX_EXCLUDED: usize = 256;
/// Most segments of an `id` or `type` path.
const MAX_PATH_SEGMENTS: usize = 32;

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

/// A list of non-empty strings of at most `max` items (checked before any item is read).
fn strings(value: Option<&Value<'_>>, path: &str, max: usize) -> Result<Vec<String>> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) if items.len() > max => Err(bad(
            path,
            format_args!("must list at most {max} names (it lists {})", items.len()),
        )),
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

/// `names` sorted (as `&str`, the sort the JSON parser's key check already uses), or the first
/// name listed twice: found by sorting, not by comparing every pair.
fn sorted_once<'n>(
    names: impl Iterator<Item = &'n str>,
) -> std::result::Result<Vec<&'n str>, &'n str> {
    let mut sorted: Vec<&str> = names.collect();
    sorted.sort_unstable();
    match sorted.windows(2).find_map(|pair| match pair {
        [a, b] if a == b => Some(*a),
        _ => None,
    }) {
        Some(twice) => Err(twice),
        None => Ok(sorted),
    }
}

fn dotted_path(value: Option<&Value<'_>>, path: &str) -> Result<Option<Vec<String>>> {
    let Some(text) = string(value, path)? else {
        return Ok(None);
    };
    if text.bytes().filter(|b| *b == b'.').count() >= MAX_PATH_SEGMENTS {
        return Err(bad(
            path,
            format_args!("must have at most {MAX_PATH_SEGMENTS} segments"),
        ));
    }
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
    let mut header_count = 0;
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
            header_count += 1;
            if header_count > MAX_SIGNED_HEADERS {
                return Err(bad(
                    PATH,
                    format_args!(
                        "must have at most {MAX_SIGNED_HEADERS} {{header:NAME}} placeholders"
                    ),
                ));
            }
            // Two header values with nothing between them can trade characters (`n1` + `7` or
            // `n` + `17`) without changing the signed string: a signed timestamp could move. A
            // header next to `{body}` needs no separator: a JSON object text has no proper prefix
            // or suffix that is itself a JSON object, so only whitespace could cross that edge.
            if literal.is_empty() && matches!(pieces.last(), Some(Piece::Header(_))) {
                return Err(bad(
                    PATH,
                    format_args!(
                        "has `{{{}}}` right after another header's placeholder: with no text between two header values, where one ends and the next begins is not signed; put the provider's separator between them",
                        json::shorten(name)
                    ),
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
    let omit = strings(fields.get("omit"), "signed.fields.omit", 2)?;
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
    let listed = strings(fields.get("exclude"), "signed.fields.exclude", MAX_EXCLUDED)?;
    let exclude = sorted_once(listed.iter().map(String::as_str))
        .map_err(|twice| {
            bad(
                "signed.fields.exclude",
                format_args!("lists `{}` twice", json::shorten(twice)),
            )
        })?
        .into_iter()
        .map(str::to_owned)
        .collect();
    let headers = strings(
        fields.get("headers"),
        "signed.fields.headers",
        MAX_SIGNED_HEADERS,
    )?;
    for name in &headers {
        if !is_header_name(name) {
            return Err(bad(
                "signed.fields.headers",
                format_args!("`{}` is not a header name", json::shorten(name)),
            ));
        }
        // Header names may hold `&` (never `=`); under `pairs` it would split the signed string.
        if form == CanonicalForm::Pairs && name.contains('&') {
            return Err(bad(
                "signed.fields.headers",
                format_args!(
                    "`{}` contains `&`, which the pairs form puts between fields",
                    json::shorten(name)
                ),
            ));
        }
    }
    let lowercase: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    if let Err(twice) = sorted_once(lowercase.iter().map(String::as_str)) {
        return Err(bad(
            "signed.fields.headers",
            format_args!("lists `{}` twice", json::shorten(twice)),
        ));
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
        scheme.check_self_reference()?;
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

    /// Refuses a scheme that signs its own signature header, or reads `id` or `type` from the
    /// signature field: a signature's text has many spellings that verify alike (hex in either
    /// case, hex or Base64, padding), so one push would have many ids.
    fn check_self_reference(&self) -> Result<()> {
        match &self.signature {
            Location::Header(name) if self.signs_header(name) => Err(bad(
                match self.signed {
                    Signed::Template(_) => "signed.template",
                    _ => "signed.fields.headers",
                },
                format_args!(
                    "signs `{name}`, the signature's own header: a signature cannot be part of what it signs"
                ),
            )),
            Location::Header(_) => Ok(()),
            Location::Field(field) => {
                for (part, path) in [("id", &self.id_path), ("type", &self.type_path)] {
                    if path.as_ref().and_then(|p| p.first()) == Some(field) {
                        return Err(bad(
                            part,
                            format_args!(
                                "reads the signature field `{}`: a signature has many spellings that verify alike (hex in either case, hex or Base64), so one push would have many values",
                                json::shorten(field)
                            ),
                        ));
                    }
                }
                Ok(())
            }
        }
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
    fn signed_members<'v>(
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
            message: self.signed_input(text, headers, body)?,
            signature,
            timestamp_ms,
        })
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
