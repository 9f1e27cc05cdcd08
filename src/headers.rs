//! Request headers as a dialect reads them: names compared ignoring ASCII case, and the helpers
//! for signature headers (present once, integer timestamps).

use crate::error::{Error, ErrorCode, Result};

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
        if values.next().is_some() {
            return Err(Error::new(
                ErrorCode::InvalidHeader,
                format!("`{name}` was sent more than once; it must have a single value"),
            ));
        }
        // HTTP libraries join a repeated header with ", ", so a comma cannot tell a second copy
        // from a comma inside one value: the message names both.
        if first.is_some_and(|v| v.contains(',')) {
            return Err(Error::new(
                ErrorCode::InvalidHeader,
                format!(
                    "`{name}` has a comma: it was sent more than once, or its value contains one; it must have a single value without commas"
                ),
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

/// A required signature header sent once, or `MISSING_HEADER` naming it (`INVALID_HEADER` when
/// it was sent several times).
pub(crate) fn required<'a>(headers: &'a Headers, name: &str) -> Result<&'a str> {
    headers.single(name)?.ok_or_else(|| {
        Error::new(
            ErrorCode::MissingHeader,
            format!("missing the `{name}` header"),
        )
    })
}

/// A required integer header (a signed timestamp): its text as sent, which is what was signed,
/// and its value; `INVALID_HEADER` saying what it should be otherwise.
pub(crate) fn required_integer<'a>(
    headers: &'a Headers,
    name: &str,
    expected: &str,
) -> Result<(&'a str, i64)> {
    let text = required(headers, name)?;
    let value = text.trim().parse().map_err(|_| {
        Error::new(
            ErrorCode::InvalidHeader,
            format!("`{name}` must be {expected}"),
        )
    })?;
    Ok((text, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_case_insensitive() {
        let h: Headers = [("X-Event-Type", "a")].into_iter().collect();
        assert_eq!(h.get("x-event-type"), Some("a"));
        assert_eq!(h.get("X-EVENT-TYPE"), Some("a"));
        assert_eq!(h.get("other"), None);
    }
}
