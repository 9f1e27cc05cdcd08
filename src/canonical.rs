//! The signed string: how a provider's Java signer turns a body into the bytes it signs.
//!
//! Follows "The signed string" in `docs/dialects.md` (from Onerway Issuing's legacy "Webhooks"
//! page, <https://onerway-docs-next.vercel.app/issuing/issuing-api/webhooks>): drop `sign` and top-level nulls; each remaining value becomes a string (string
//! text, number source text, `true`/`false`, or compact JSON for objects and arrays); sort by key
//! as Java's `TreeMap<String, String>` does (`String.compareTo`, i.e. UTF-16 code units); then
//! serialize in one of three forms.

use std::cmp::Ordering;

use crate::error::{Error, Result, Setting};
use crate::json::{Object, Value, write_compact, write_string};

/// The field that carries the signature and is left out of the signed string.
pub const SIGN_FIELD: &str = "sign";

/// How the sorted fields are joined into the signed string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CanonicalForm {
    /// A compact JSON object of string values, escaped like Jackson: `{"a":"1","b":"x"}` (default).
    #[default]
    Json,
    /// `key=value` joined with `&`, no escaping: `a=1&b=x`.
    Pairs,
    /// The values concatenated with no separator: `1x`. Weak: adjacent values can trade
    /// characters without changing the string, so a signature does not pin each field.
    Values,
}

impl CanonicalForm {
    /// Reads a form name: `json`, `pairs` or `values`.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "json" => Ok(CanonicalForm::Json),
            "pairs" => Ok(CanonicalForm::Pairs),
            "values" => Ok(CanonicalForm::Values),
            other => Err(Error::invalid_setting(
                Setting::CanonicalForm,
                format!(
                    "unknown canonical form `{}` (expected json, pairs or values)",
                    crate::json::shorten(other)
                ),
            )),
        }
    }

    /// The form's name as accepted by [`CanonicalForm::parse`].
    pub fn as_str(self) -> &'static str {
        match self {
            CanonicalForm::Json => "json",
            CanonicalForm::Pairs => "pairs",
            CanonicalForm::Values => "values",
        }
    }
}

/// Java's `String.compareTo`: lexicographic over UTF-16 code units. Differs from UTF-8 byte order
/// only when a supplementary character (surrogate pair, 0xD800..) meets a BMP character at or
/// above U+E000.
pub fn java_string_order(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.as_bytes().cmp(b.as_bytes());
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The text a top-level value contributes to the signed string; `None` for `null` (dropped).
pub(crate) fn field_text<'v>(value: &'v Value<'_>) -> Option<std::borrow::Cow<'v, str>> {
    use std::borrow::Cow;
    match value {
        Value::Null => None,
        Value::Bool(true) => Some(Cow::Borrowed("true")),
        Value::Bool(false) => Some(Cow::Borrowed("false")),
        Value::Number(text) => Some(Cow::Borrowed(text.as_ref())),
        Value::String(s) => Some(Cow::Borrowed(s.as_ref())),
        Value::Array(_) | Value::Object(_) => {
            let mut out = String::new();
            write_compact(value, &mut out);
            Some(Cow::Owned(out))
        }
    }
}

/// The signed input of a push that signs its sorted fields: the exact string, built from the parsed
/// body.
pub fn sorted_signed_input(body: &Object<'_>, form: CanonicalForm) -> String {
    let fields: Vec<(&str, std::borrow::Cow<'_, str>)> = body
        .iter()
        .filter(|(k, _)| *k != SIGN_FIELD)
        .filter_map(|(k, v)| field_text(v).map(|t| (k, t)))
        .collect();
    join_sorted(fields, form)
}

/// Sorts `(name, text)` fields as Java's `TreeMap` does. Names must be unique (the parser rejects
/// duplicate keys), so an unstable sort is deterministic.
pub(crate) fn sort_like_treemap(fields: &mut [(&str, std::borrow::Cow<'_, str>)]) {
    // Byte order is Java's order when every name is ASCII (the usual case): checked once here
    // rather than in each comparison.
    if fields.iter().all(|(k, _)| k.is_ascii()) {
        fields.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    } else {
        fields.sort_unstable_by(|a, b| java_string_order(a.0, b.0));
    }
}

/// Sorts `(name, text)` fields as Java's `TreeMap` does ([`sort_like_treemap`]) and joins them in
/// `form`.
pub(crate) fn join_sorted(
    mut fields: Vec<(&str, std::borrow::Cow<'_, str>)>,
    form: CanonicalForm,
) -> String {
    sort_like_treemap(&mut fields);
    let capacity = fields
        .iter()
        .map(|(k, v)| k.len() + v.len() + 6)
        .sum::<usize>()
        + 2;
    let mut out = String::with_capacity(capacity);
    match form {
        CanonicalForm::Json => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, &mut out);
                out.push(':');
                write_string(v, &mut out);
            }
            out.push('}');
        }
        CanonicalForm::Pairs => {
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push('&');
                }
                out.push_str(k);
                out.push('=');
                out.push_str(v);
            }
        }
        CanonicalForm::Values => {
            for (_, v) in &fields {
                out.push_str(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::json::{Limits, parse};

    fn canon(body: &str, form: CanonicalForm) -> String {
        let v = parse(body.as_bytes(), &Limits::default()).unwrap();
        sorted_signed_input(v.as_object().unwrap(), form)
    }

    #[test]
    fn drops_sign_and_top_level_nulls_keeps_nested_nulls() {
        let body = r#"{"sign":"xx","b":null,"a":{"n":null,"m":1}}"#;
        assert_eq!(
            canon(body, CanonicalForm::Json),
            r#"{"a":"{\"n\":null,\"m\":1}"}"#
        );
    }

    #[test]
    fn numbers_keep_text_and_nested_keep_source_order() {
        let body = r#"{"amount":100.00,"big":9007199254740993,"feeList":[{"feeAmount":1.00,"feeCurrency":"USD"}],"e":1E5}"#;
        assert_eq!(
            canon(body, CanonicalForm::Pairs),
            r#"amount=100.00&big=9007199254740993&e=1E5&feeList=[{"feeAmount":1.00,"feeCurrency":"USD"}]"#
        );
        assert_eq!(
            canon(body, CanonicalForm::Values),
            r#"100.0090071992547409931E5[{"feeAmount":1.00,"feeCurrency":"USD"}]"#
        );
    }

    #[test]
    fn ascii_key_order_is_java_order() {
        let body = r#"{"amount":"1","_meta":"2","Zone":"3","a1":"4","a":"5"}"#;
        assert_eq!(
            canon(body, CanonicalForm::Pairs),
            "Zone=3&_meta=2&a=5&a1=4&amount=1"
        );
    }

    #[test]
    fn utf16_order_differs_from_utf8_outside_the_bmp() {
        // U+1F600 is the surrogate pair D83D DE00; U+FF21 is a single unit FF21.
        // UTF-16: D83D < FF21, so the emoji sorts first; UTF-8 (F0.. vs EF..) would put it last.
        let body = "{\"\u{ff21}\":\"bmp\",\"\u{1f600}\":\"astral\"}";
        assert_eq!(
            canon(body, CanonicalForm::Pairs),
            "\u{1f600}=astral&\u{ff21}=bmp"
        );
        assert_eq!(java_string_order("\u{1f600}", "\u{ff21}"), Ordering::Less);
        assert_eq!("\u{1f600}".cmp("\u{ff21}"), Ordering::Greater);
    }

    #[test]
    fn json_form_escapes_like_jackson() {
        let body = r#"{"q":"say \"hi\"\n\u0001/é","b":true,"f":false}"#;
        assert_eq!(
            canon(body, CanonicalForm::Json),
            "{\"b\":\"true\",\"f\":\"false\",\"q\":\"say \\\"hi\\\"\\n\\u0001/é\"}"
        );
    }

    #[test]
    fn nested_strings_are_escaped_twice_in_json_form() {
        let body = r#"{"o":{"k":"a\"b"}}"#;
        assert_eq!(
            canon(body, CanonicalForm::Json),
            r#"{"o":"{\"k\":\"a\\\"b\"}"}"#
        );
    }

    #[test]
    fn form_names() {
        for f in [
            CanonicalForm::Json,
            CanonicalForm::Pairs,
            CanonicalForm::Values,
        ] {
            assert_eq!(CanonicalForm::parse(f.as_str()).unwrap(), f);
        }
        assert_eq!(
            CanonicalForm::parse("xml").unwrap_err().code(),
            ErrorCode::InvalidOption
        );
    }
}
