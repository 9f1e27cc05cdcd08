//! The typed model every dialect decodes into: [`Event`], [`Money`], [`Headers`], and the field
//! reader that turns a missing or mistyped field into `MISSING_FIELD` / `INVALID_FIELD`.

use serde::Serialize;

use crate::dialects::Dialect;
use crate::error::{Error, ErrorCode, Result};
use crate::json::{Object, Value};

/// A decoded webhook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Which provider dialect the body was read as.
    pub dialect: Dialect,
    /// The event name as the provider sent it (header, envelope field, or inferred from the fields).
    #[serde(rename = "type")]
    pub event_type: String,
    /// The idempotency key the provider documents for this event; `None` when none is known.
    pub id: Option<String>,
    /// True only when a signature was checked and held.
    pub verified: bool,
    /// Index of the public key that verified the signature, when several were given.
    #[serde(rename = "keyIndex", skip_serializing_if = "Option::is_none")]
    pub key_index: Option<usize>,
    /// The properties whose value no checked signature covers: empty when everything shown was
    /// signed; every content property of an unverified event.
    pub unsigned: Vec<Property>,
    /// The typed view of the event.
    pub data: EventData,
}

/// A property of [`Event`] whose value a signature may or may not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Property {
    /// `event.type`.
    Type,
    /// `event.id`.
    Id,
    /// `event.data`.
    Data,
    /// `event.payload` (the body as received, in JavaScript).
    Payload,
}

impl Property {
    /// Every content property: what an unverified event lists as unsigned.
    pub const ALL: &'static [Property] = &[
        Property::Type,
        Property::Id,
        Property::Data,
        Property::Payload,
    ];

    /// The property's name in JavaScript.
    pub const fn as_str(self) -> &'static str {
        match self {
            Property::Type => "type",
            Property::Id => "id",
            Property::Data => "data",
            Property::Payload => "payload",
        }
    }
}

/// The typed view of an event, one variant per known event shape.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
// One event exists per request and is moved once; boxing variants would only add allocations.
#[allow(clippy::large_enum_variant)]
pub enum EventData {
    /// Onerway `cardOperateRecordEvent`.
    OnerwayCardOperateRecord(crate::dialects::onerway::CardOperateRecord),
    /// Onerway `transactionEvent`.
    OnerwayTransaction(crate::dialects::onerway::Transaction),
    /// openapi-notify `card.transaction.*`.
    OpenapiCardTransaction(crate::dialects::openapi_notify::CardTransaction),
    /// openapi-notify `card.status.*`.
    OpenapiCardStatus(crate::dialects::openapi_notify::CardStatus),
    /// openapi-notify events without a published shape.
    OpenapiGeneric(crate::dialects::openapi_notify::Generic),
    /// Every UPay event (typed `detail` by event).
    Upay(crate::dialects::upay::UpayEvent),
    /// NobePay `TRANSACTION`.
    NobepayTransaction(crate::dialects::nobepay::Transaction),
    /// NobePay events without a published shape.
    NobepayGeneric(crate::dialects::nobepay::Generic),
    /// AlchemyPay VCC v2 events.
    AlchemypayV2(crate::dialects::alchemypay_v2::AlchemypayEvent),
    /// An event without a typed shape: the provider's fields as received.
    Generic(Object<'static>),
}

/// An amount of money: exact decimal text in major units, and its currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Money {
    /// Exact decimal string in major units (`"100.00"`, `"-19.92"`), never a binary float.
    pub amount: String,
    /// ISO 4217 code as sent; `None` when the provider sent none.
    pub currency: Option<String>,
}

/// Request headers with case-insensitive names (kept as given, compared ignoring ASCII case).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers {
    entries: Vec<(String, String)>,
}

impl Headers {
    /// No headers.
    pub fn new() -> Self {
        Headers::default()
    }

    /// Adds a header; names compare case-insensitively, the first occurrence wins on lookup.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.entries.push((name.into(), value.into()));
    }

    /// The value of header `name`, any case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of header `name` when it was sent once, `None` when absent; `INVALID_HEADER` when
    /// it was sent several times, whether as separate entries or joined by a comma as HTTP
    /// libraries do (Node's `req.headers`, fetch's `Headers`): which one counts is ambiguous.
    pub fn single(&self, name: &str) -> Result<Option<&str>> {
        let mut values = self
            .entries
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str());
        let first = values.next();
        if values.next().is_some() || first.is_some_and(|v| v.contains(',')) {
            return Err(Error::new(
                ErrorCode::InvalidHeader,
                format!("`{name}` was sent more than once; it must have a single value"),
            ));
        }
        Ok(first)
    }
}

impl<K: AsRef<str>, V: Into<String>> FromIterator<(K, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut h = Headers::new();
        for (k, v) in iter {
            h.insert(k.as_ref(), v);
        }
        h
    }
}

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
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
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
        }
    };
}
pub(crate) use code_enum;

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

    #[test]
    fn headers_are_case_insensitive() {
        let h: Headers = [("X-Event-Type", "a")].into_iter().collect();
        assert_eq!(h.get("x-event-type"), Some("a"));
        assert_eq!(h.get("X-EVENT-TYPE"), Some("a"));
        assert_eq!(h.get("other"), None);
    }
}
