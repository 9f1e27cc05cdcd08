//! Reading a declared scheme from its JSON text, and refusing every mistake and every rule that
//! would make a signature prove less than it seems, naming the part (`scheme.signed.fields.omit …`).

use crate::canonical::CanonicalForm;
use crate::error::{Error, Result, Setting};
use crate::json::{self, Limits, Object, Value};
use crate::secret::HmacAlgorithm;
use crate::signature::SignatureEncoding;

use super::{Algorithm, DeclaredScheme, FieldRules, Location, Piece, Signed, Timestamp};

/// Most headers a scheme may sign (`signed.fields.headers`, or `{header:…}` placeholders in a
/// template); providers sign two or three.
const MAX_SIGNED_HEADERS: usize = 32;
/// Most names `signed.fields.exclude` may list.
const MAX_EXCLUDED: usize = 256;
/// Most segments of an `id` or `type` path.
const MAX_PATH_SEGMENTS: usize = 32;

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
}
