//! The field-reading toolkit dialects decode with: typed reads of one JSON object that name the
//! failing field by its path (`MISSING_FIELD` / `INVALID_FIELD`), exact decimals, provider code
//! enums, objects sent as JSON strings, and the pieces `event.id`s are made of.

use sha2::Digest as _;

use crate::error::{Error, ErrorCode, Result};
use crate::json::{self, Limits, Object, Value};
use crate::model::Money;

/// True when `text` is a plain decimal: `-?digits(.digits)?` (no exponent, no `+`).
pub(crate) fn is_plain_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads typed fields out of one JSON object, naming each failing field by its path.
pub(crate) struct Fields<'a> {
    obj: &'a Object<'a>,
    prefix: &'a str,
}

impl<'a> Fields<'a> {
    /// A reader over `obj`; `prefix` (like `"detail."`) is put before field names in errors.
    pub fn new(obj: &'a Object<'a>, prefix: &'a str) -> Self {
        Fields { obj, prefix }
    }

    fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The value under `name`, with `null` read as absent.
    pub fn get(&self, name: &str) -> Option<&'a Value<'a>> {
        self.obj.get(name).filter(|v| !matches!(v, Value::Null))
    }

    /// Fails with `MISSING_FIELD` when the value is absent or null.
    pub fn required<T>(&self, name: &str, value: Option<T>) -> Result<T> {
        value.ok_or_else(|| Error::missing_field(&self.path(name)))
    }

    /// A string field.
    pub fn str(&self, name: &str) -> Result<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(Error::invalid_field(&self.path(name), "a string")),
        }
    }

    /// An identifier that may arrive as a string or an integer; kept as exact text.
    pub fn id(&self, name: &str) -> Result<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.to_string())),
            Some(Value::Number(t)) if t.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                Ok(Some(t.to_string()))
            }
            Some(_) => Err(Error::invalid_field(
                &self.path(name),
                "a string or an integer",
            )),
        }
    }

    /// A value sent as a JSON number or a numeric string, read from its text by `parse`;
    /// `INVALID_FIELD` saying `expected` when it is neither or `parse` refuses it.
    pub fn numeric<T>(
        &self,
        name: &str,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>> {
        let text = match self.get(name) {
            None => return Ok(None),
            Some(Value::Number(t)) => t.as_ref(),
            Some(Value::String(s)) => s.trim(),
            Some(_) => return Err(Error::invalid_field(&self.path(name), expected)),
        };
        parse(text)
            .map(Some)
            .ok_or_else(|| Error::invalid_field(&self.path(name), expected))
    }

    /// An integer that may arrive as a number or a numeric string (timestamps, codes), within
    /// ±(2^53 − 1) so that JavaScript reads it exactly; identifiers use [`Fields::id`] (text).
    pub fn int(&self, name: &str) -> Result<Option<i64>> {
        self.numeric(name, "an integer within ±(2^53 − 1)", |t| {
            t.parse()
                .ok()
                .filter(|n: &i64| n.unsigned_abs() <= crate::json::MAX_SAFE_INTEGER)
        })
    }

    /// A decimal amount as exact text, from a number or a numeric string.
    pub fn decimal(&self, name: &str) -> Result<Option<String>> {
        self.numeric(name, "a plain decimal amount (like 100.00)", |t| {
            is_plain_decimal(t).then(|| t.to_owned())
        })
    }

    /// Money from a decimal field and its currency field; `None` when the amount is absent or null.
    pub fn money(&self, amount: &str, currency: &str) -> Result<Option<Money>> {
        let amount = self.decimal(amount)?;
        let currency = self.str(currency)?;
        Ok(amount.map(|amount| Money { amount, currency }))
    }

    /// A code that may be a string or a number, as its text (for enum mapping) and raw value.
    pub fn code(&self, name: &str) -> Result<Option<(String, Value<'static>)>> {
        match self.get(name) {
            None => Ok(None),
            Some(v @ Value::String(s)) => Ok(Some((s.trim().to_owned(), v.clone().into_owned()))),
            Some(v @ Value::Number(t)) => Ok(Some((t.to_string(), v.clone().into_owned()))),
            Some(_) => Err(Error::invalid_field(
                &self.path(name),
                "a string or a number",
            )),
        }
    }

    /// A nested object.
    pub fn object(&self, name: &str) -> Result<Option<&'a Object<'a>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(_) => Err(Error::invalid_field(&self.path(name), "an object")),
        }
    }

    /// An array.
    pub fn array(&self, name: &str) -> Result<Option<&'a [Value<'a>]>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(Error::invalid_field(&self.path(name), "an array")),
        }
    }
}

/// Declares an enum of provider codes that serializes as UPPER_SNAKE names, with `Unknown` for
/// any code not in the documented list (never an error).
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $label:literal <= [$($code:literal),+]),+ $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
        #[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
        $(#[$meta])*
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $label)] $variant,)+
            /// A code not in the documented list; the raw code is kept beside it.
            #[serde(rename = "UNKNOWN")]
            Unknown,
        }

        impl $name {
            /// Maps a provider code (as text) to its name; unknown codes give `Unknown`.
            pub fn from_code(code: &str) -> Self {
                match code {
                    $($($code)|+ => $name::$variant,)+
                    _ => $name::Unknown,
                }
            }

            /// The UPPER_SNAKE name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                    $name::Unknown => "UNKNOWN",
                }
            }

            /// How this state is written in an `event.id`: its name, so that every spelling of
            /// one state (`S`, `SUCCESS`) gives one id; for an undocumented code, the code as
            /// sent (`raw`), so that two states the provider adds later are not merged into one
            /// `UNKNOWN`.
            #[allow(dead_code)] // only the enums that are part of an id use it
            pub(crate) fn id_part(self, raw: &Value<'_>) -> String {
                match self {
                    $name::Unknown => $crate::fields::code_text(raw),
                    known => known.as_str().to_owned(),
                }
            }
        }
    };
}
pub(crate) use code_enum;

/// A code's text as [`Fields::code`] reads it: a string trimmed, a number as its source text.
pub(crate) fn code_text(raw: &Value<'_>) -> String {
    match raw {
        Value::String(s) => s.trim().to_owned(),
        other => other.to_compact_json(),
    }
}

/// An `event.id` made from content: `sha256:` and the lowercase hex SHA-256 of `text`'s UTF-8
/// bytes.
pub(crate) fn digest_id(text: &str) -> String {
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!("sha256:{}", crate::signature::encode_hex(&digest))
}

/// An `event.id` made from a body: [`digest_id`] of its compact JSON (source key order, number
/// text as received, see [`Value::to_compact_json`]) without the top-level members named in
/// `left_out`: envelope ids a provider does not say a retry keeps.
pub(crate) fn content_id(body: &Object<'_>, left_out: &[&str]) -> String {
    let mut text = String::from("{");
    for (key, value) in body.iter().filter(|(key, _)| !left_out.contains(key)) {
        if text.len() > 1 {
            text.push(',');
        }
        json::write_string(key, &mut text);
        text.push(':');
        json::write_compact(value, &mut text);
    }
    text.push('}');
    digest_id(&text)
}

/// Parses an object sent as a JSON string inside the body (double encoding, as openapi-notify's
/// `event_data` and AlchemyPay v2's `data`); any failure is `MALFORMED_EVENT_DATA` naming `field`.
pub(crate) fn embedded_object<'a>(
    text: &'a str,
    field: &str,
    limits: &Limits,
) -> Result<Object<'a>> {
    // The inner document gets the depth the outer one has left (the envelope used one level).
    let inner_limits = Limits {
        max_depth: limits.max_depth.saturating_sub(1).max(1),
        ..*limits
    };
    match crate::json::parse_str(text, &inner_limits) {
        Ok(Value::Object(obj)) => Ok(obj),
        Ok(other) => Err(Error::new(
            ErrorCode::MalformedEventData,
            format!("{field} holds {}, not a JSON object", other.type_name()),
        )),
        Err(e) => Err(Error::new(
            ErrorCode::MalformedEventData,
            format!("{field}: {}", e.message()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals() {
        for ok in ["0", "100.00", "-19.92", "1.54", "9007199254740993"] {
            assert!(is_plain_decimal(ok), "{ok}");
        }
        for bad in [
            "", "-", "1.", ".5", "1e5", "+1", "1E+3", "0x10", "1,00", "NaN",
        ] {
            assert!(!is_plain_decimal(bad), "{bad}");
        }
    }
}
