//! Exact JSON: a parser that keeps what a signer saw, and a writer that escapes like Jackson.
//!
//! RFC 8259 grammar, with three things general-purpose parsers do not give us together:
//! - each number keeps its **source text** (`100.00`, `1E5`, `-0`, `9007199254740993`), because the
//!   signed string is built from that text; `serde_json` (even with `arbitrary_precision`) rewrites
//!   exponents (`1E5` → `1e+5`), so it cannot rebuild a signed string byte for byte;
//! - objects keep **source order** and **reject duplicate keys** at any depth (a duplicate makes
//!   "which value was signed" ambiguous);
//! - errors carry the **byte offset**, and limits on size and depth are the caller's to set.
//!
//! The parser is differential-tested against `serde_json` (same accept/reject decisions and the
//! same values) and fuzzed; it never panics and recursion is bounded by [`Limits::max_depth`].

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::error::{Error, ErrorCode, Result, Setting};

/// The largest integer magnitude JavaScript's numbers hold exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// True when `text` (valid JSON number syntax) is an integer JavaScript would round.
fn is_unsafe_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    digits.bytes().all(|b| b.is_ascii_digit())
        && digits.parse::<u64>().map_or(true, |n| n > MAX_SAFE_INTEGER)
}

/// Size and nesting limits applied before and during parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted body, in bytes (default 1 MiB).
    pub max_body_bytes: usize,
    /// Deepest accepted nesting of objects and arrays; the top-level object is depth 1 (default 64).
    pub max_depth: usize,
}

impl Limits {
    /// The highest `max_depth` a caller may set; bounds the parser's recursion (and so its stack).
    pub const MAX_DEPTH_CEILING: usize = 256;

    /// Checks caller-provided limits, refusing ones that would let input exhaust the stack.
    pub fn validated(self) -> Result<Self> {
        if self.max_depth == 0 || self.max_depth > Self::MAX_DEPTH_CEILING {
            return Err(Error::invalid_setting(
                Setting::MaxDepth,
                format!(
                    "the nesting limit must be between 1 and {}",
                    Self::MAX_DEPTH_CEILING
                ),
            ));
        }
        if self.max_body_bytes == 0 {
            return Err(Error::invalid_setting(
                Setting::MaxBodyBytes,
                "the body size limit must be at least 1 byte",
            ));
        }
        Ok(self)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 1024 * 1024,
            max_depth: 64,
        }
    }
}

/// A JSON value that remembers its numbers' source text and its objects' key order.
///
/// Strings, keys and numbers borrow from the parsed text where they can (no escapes), which saves
/// an allocation per member; [`Value::into_owned`] detaches a value from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as its exact source text (always valid RFC 8259 number syntax).
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object, in source order, with unique keys.
    Object(Object<'a>),
}

/// A JSON object's members in source order; keys are unique (the parser enforces it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Object<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Object<'a> {
    /// The value under `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// True when `key` is present, even with a `null` value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// True when `key` is present with a value other than `null`. Providers' signers drop null
    /// fields, so detection and decoding treat `null` as absent: an added `"x": null` is unsigned
    /// and must not change what a body is read as.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| !matches!(v, Value::Null))
    }

    /// Members in source order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Sets `key` to `value`, replacing an existing member in place or appending a new one.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        let key = key.into();
        if let Some(slot) = self.entries.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value;
        } else {
            self.entries.push((key, value));
        }
    }

    /// An object of `entries` in their order. The keys must be unique (as when they are taken
    /// from one parsed object): building it member by member with `insert` is quadratic.
    pub(crate) fn from_unique(entries: Vec<(Cow<'a, str>, Value<'a>)>) -> Self {
        Object { entries }
    }

    /// The object with every string copied out of the parsed text.
    pub fn into_owned(self) -> Object<'static> {
        Object {
            entries: self
                .entries
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect(),
        }
    }
}

impl<'a> Value<'a> {
    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// A short name of this value's JSON type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The value with every string copied out of the parsed text.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(t) => Value::Number(Cow::Owned(t.into_owned())),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(obj) => Value::Object(obj.into_owned()),
        }
    }

    /// Compact JSON: no whitespace, source key order, number text as received, Jackson escaping.
    pub fn to_compact_json(&self) -> String {
        let mut out = String::new();
        write_compact(self, &mut out);
        out
    }
}

/// Parses a whole body and requires a top-level object (`NOT_AN_OBJECT` otherwise).
pub fn parse_object<'a>(body: &'a [u8], limits: &Limits) -> Result<Object<'a>> {
    parse_object_text(body, limits).map(|(_, obj)| obj)
}

/// [`parse_object`], also giving the body as the UTF-8 text it was checked to be (for signatures
/// over the raw body, which then need no second check).
pub fn parse_object_text<'a>(body: &'a [u8], limits: &Limits) -> Result<(&'a str, Object<'a>)> {
    let text = utf8_body(body, limits)?;
    match parse_str(text, limits)? {
        Value::Object(obj) => Ok((text, obj)),
        other => Err(Error::new(
            ErrorCode::NotAnObject,
            format!(
                "top-level JSON value is {}, not an object",
                other.type_name()
            ),
        )),
    }
}

/// Parses a whole body: checks size, UTF-8, BOM and trailing data, then the JSON itself.
pub fn parse<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Value<'a>> {
    parse_str(utf8_body(bytes, limits)?, limits)
}

/// The body as text, after the size limit and the UTF-8 check.
fn utf8_body<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a str> {
    if bytes.len() > limits.max_body_bytes {
        return Err(Error::new(
            ErrorCode::TooLarge,
            format!(
                "body is {} bytes, over the limit of {}",
                bytes.len(),
                limits.max_body_bytes
            ),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorCode::InvalidUtf8,
            format!("body is not valid UTF-8 at byte {}", e.valid_up_to()),
        )
        .at(e.valid_up_to())
    })
}

/// Parses JSON text that is already known to be UTF-8 (the size limit is the caller's concern).
pub fn parse_str<'a>(text: &'a str, limits: &Limits) -> Result<Value<'a>> {
    if text.trim_matches(is_json_space).is_empty() {
        return Err(Error::new(ErrorCode::EmptyBody, "body is empty"));
    }
    if text.starts_with('\u{feff}') {
        // Signers never emit a BOM, and stripping it silently would change the signed bytes.
        return Err(Error::new(
            ErrorCode::MalformedJson,
            "invalid JSON at byte 0: body starts with a byte order mark",
        )
        .at(0));
    }
    let mut parser = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
        max_depth: limits.max_depth,
    };
    parser.skip_space();
    let value = parser.value()?;
    parser.skip_space();
    if parser.pos < parser.src.len() {
        return Err(parser.syntax("trailing characters after the JSON value"));
    }
    Ok(value)
}

fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
    max_depth: usize,
}

impl<'a> Parser<'a> {
    fn syntax(&self, what: &str) -> Error {
        let what = if self.pos >= self.src.len() {
            "unexpected end of input"
        } else {
            what
        };
        Error::new(
            ErrorCode::MalformedJson,
            format!("invalid JSON at byte {}: {what}", self.pos),
        )
        .at(self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>> {
        if self.src.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.syntax("expected a JSON value"))
        }
    }

    fn value(&mut self) -> Result<Value<'a>> {
        match self.peek() {
            None => Err(self.syntax("unexpected end of input")),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.expect_literal("true", Value::Bool(true)),
            Some(b'f') => self.expect_literal("false", Value::Bool(false)),
            Some(b'n') => self.expect_literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.syntax("expected a JSON value")),
        }
    }

    fn nested(&mut self, parse: fn(&mut Self) -> Result<Value<'a>>) -> Result<Value<'a>> {
        if self.depth >= self.max_depth {
            return Err(Error::new(
                ErrorCode::TooDeep,
                format!(
                    "JSON nests deeper than {} levels at byte {}",
                    self.max_depth, self.pos
                ),
            )
            .at(self.pos));
        }
        self.depth += 1;
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn object(&mut self) -> Result<Value<'a>> {
        let start = self.pos;
        self.pos += 1; // '{'
        let mut entries: Vec<(Cow<'a, str>, Value<'a>)> = Vec::with_capacity(8);
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Object { entries }));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a string key"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.syntax("expected `:` after an object key"));
            }
            self.pos += 1;
            self.skip_space();
            let value = self.value()?;
            entries.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.syntax("expected `,` or `}` in an object")),
            }
        }
        check_unique_keys(&entries, start)?;
        Ok(Value::Object(Object { entries }))
    }

    fn array(&mut self) -> Result<Value<'a>> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.syntax("expected `,` or `]` in an array")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.syntax("leading zeros are not allowed in numbers"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax("invalid number: no digits after `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax("invalid number: no digits in the exponent"));
            }
        }
        let text = self
            .text
            .get(start..self.pos)
            .ok_or_else(|| self.syntax("invalid number"))?;
        Ok(Value::Number(Cow::Borrowed(text)))
    }

    fn hex4(&mut self) -> Result<u16> {
        let digits = self
            .src
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.syntax("truncated \\u escape"))?;
        let mut v: u16 = 0;
        for &d in digits {
            let nibble = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.syntax("invalid \\u escape"))?;
            v = (v << 4) | nibble as u16;
        }
        self.pos += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<Cow<'a, str>> {
        self.pos += 1; // opening quote
        let start = self.pos;
        // Fast path: most strings have no escapes, so one tight scan finds the closing quote and
        // the text is borrowed as it stands.
        let rest = self.src.get(start..).unwrap_or_default();
        if let Some(n) = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        {
            if rest.get(n) == Some(&b'"') {
                let text = self.slice(start, start + n)?;
                self.pos = start + n + 1;
                return Ok(Cow::Borrowed(text));
            }
        }
        let mut out = String::new();
        let mut run_start = start;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.syntax("unterminated string"));
            };
            match b {
                b'"' => {
                    out.push_str(self.slice(run_start, self.pos)?);
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    out.push_str(self.slice(run_start, self.pos)?);
                    self.pos += 1;
                    self.escape(&mut out)?;
                    run_start = self.pos;
                }
                0x00..=0x1f => return Err(self.syntax("control character in a string")),
                _ => self.pos += 1,
            }
        }
    }

    fn slice(&self, from: usize, to: usize) -> Result<&'a str> {
        // Runs start and end at ASCII bytes (quote, backslash), so they are char boundaries.
        self.text
            .get(from..to)
            .ok_or_else(|| self.syntax("invalid string"))
    }

    fn escape(&mut self, out: &mut String) -> Result<()> {
        let Some(b) = self.peek() else {
            return Err(self.syntax("unterminated escape"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        if self.src.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.syntax("lone surrogate in \\u escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.syntax("lone surrogate in \\u escape"));
                        }
                        let code = 0x10000
                            + (((first as u32) - 0xD800) << 10)
                            + ((second as u32) - 0xDC00);
                        char::from_u32(code).ok_or_else(|| self.syntax("invalid \\u escape"))?
                    }
                    0xDC00..=0xDFFF => return Err(self.syntax("lone surrogate in \\u escape")),
                    _ => char::from_u32(first as u32)
                        .ok_or_else(|| self.syntax("invalid \\u escape"))?,
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.syntax("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }
}

/// Refuses an object that repeats a key. Objects of up to 32 members (every webhook seen) compare
/// pairwise, which profiles cheaper than sorting; larger ones sort the keys, so that a body of many
/// thousands of keys costs O(n log n), not O(n²).
fn check_unique_keys(entries: &[(Cow<'_, str>, Value<'_>)], object_at: usize) -> Result<()> {
    if entries.len() <= 32 {
        // Each key's length and end bytes, compared first: most pairs differ there, with no call
        // to `memcmp`.
        let mut marks = [0u32; 32];
        for (mark, (key, _)) in marks.iter_mut().zip(entries) {
            let bytes = key.as_bytes();
            let end = |b: Option<&u8>| u32::from(b.copied().unwrap_or(0));
            *mark = ((bytes.len() as u32) << 16) | (end(bytes.first()) << 8) | end(bytes.last());
        }
        for (i, ((key, _), mark)) in entries.iter().zip(&marks).enumerate() {
            // A branch-free pass over the earlier marks (it vectorises); keys only on a match.
            let seen = marks
                .iter()
                .take(i)
                .fold(false, |seen, m| seen | (m == mark));
            if seen && entries.iter().take(i).any(|(k, _)| k == key) {
                return Err(duplicate(key, object_at));
            }
        }
        return Ok(());
    }
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_ref()).collect();
    keys.sort_unstable();
    match keys.windows(2).find(|pair| pair.first() == pair.last()) {
        Some(pair) => Err(duplicate(
            pair.first().copied().unwrap_or_default(),
            object_at,
        )),
        None => Ok(()),
    }
}

fn duplicate(key: &str, at: usize) -> Error {
    Error::new(
        ErrorCode::DuplicateKey,
        format!(
            "duplicate key `{}` in the object at byte {at}",
            shorten(key)
        ),
    )
    .at(at)
}

/// Cuts untrusted text to a length safe to put in an error message.
pub(crate) fn shorten(s: &str) -> String {
    const MAX: usize = 64;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or_default()),
        None => s.to_owned(),
    }
}

/// Appends `s` as a JSON string literal, escaping exactly as Jackson's default `JsonGenerator`:
/// `\"`, `\\`, the short escapes `\b \t \n \f \r`, other control characters as `\u00XX` with
/// uppercase hex, and nothing else (no `\/`, non-ASCII kept as is).
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Most strings need no escape: one scan, one copy.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut run_start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            0x08 => Some('b'),
            b'\t' => Some('t'),
            b'\n' => Some('n'),
            0x0c => Some('f'),
            b'\r' => Some('r'),
            0x00..=0x1f => None,
            _ => continue,
        };
        out.push_str(s.get(run_start..i).unwrap_or_default());
        match short {
            Some(c) => {
                out.push('\\');
                out.push(c);
            }
            None => {
                let _ = write!(out, "\\u{b:04X}");
            }
        }
        run_start = i + 1;
    }
    out.push_str(s.get(run_start..).unwrap_or_default());
    out.push('"');
}

/// Appends `value` as compact JSON (see [`Value::to_compact_json`]).
pub fn write_compact(value: &Value<'_>, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(text) => out.push_str(text),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Value::Object(obj) => {
            out.push('{');
            for (i, (k, v)) in obj.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_compact(v, out);
            }
            out.push('}');
        }
    }
}

impl serde::Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            // An integer beyond 2^53 − 1 (a long id) would be rounded by JSON.parse: it is emitted
            // as a string holding its exact digits instead.
            Value::Number(text) if is_unsafe_integer(text) => serializer.serialize_str(text),
            Value::Number(text) => {
                // Emits the source text unchanged; JSON.parse then reads it as JavaScript would.
                let raw = serde_json::value::RawValue::from_string(text.to_string())
                    .map_err(S::Error::custom)?;
                raw.serialize(serializer)
            }
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(obj) => obj.serialize(serializer),
        }
    }
}

impl serde::Serialize for Object<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Value<'_>> {
        parse(s.as_bytes(), &Limits::default())
    }

    fn code(s: &str) -> ErrorCode {
        match p(s) {
            Ok(v) => panic!("expected an error for {s:?}, got {v:?}"),
            Err(e) => e.code(),
        }
    }

    #[test]
    fn numbers_keep_source_text() {
        let v = p(r#"{"a":100.00,"b":9007199254740993,"c":1E5,"d":-0,"e":1e-7,"f":0.10}"#).unwrap();
        let o = v.as_object().unwrap();
        for (k, t) in [
            ("a", "100.00"),
            ("b", "9007199254740993"),
            ("c", "1E5"),
            ("d", "-0"),
            ("e", "1e-7"),
            ("f", "0.10"),
        ] {
            assert_eq!(o.get(k), Some(&Value::Number(t.into())), "{k}");
        }
    }

    #[test]
    fn keeps_source_order_and_round_trips_compact() {
        let src = r#"{"z":1,"a":[true,false,null,{"y":"x","b":2.50}],"m":"\u00e9\n"}"#;
        let v = p(src).unwrap();
        assert_eq!(
            v.to_compact_json(),
            "{\"z\":1,\"a\":[true,false,null,{\"y\":\"x\",\"b\":2.50}],\"m\":\"é\\n\"}"
        );
    }

    #[test]
    fn duplicate_keys_rejected_at_any_depth() {
        assert_eq!(code(r#"{"a":1,"a":2}"#), ErrorCode::DuplicateKey);
        assert_eq!(
            code(r#"{"a":1,"b":2,"a":3,"c":4}"#),
            ErrorCode::DuplicateKey
        );
        assert_eq!(code(r#"{"x":[{"k":1,"k":1}]}"#), ErrorCode::DuplicateKey);
        // Escapes are decoded before comparison: "\u0061" is "a".
        assert_eq!(code(r#"{"a":1,"\u0061":2}"#), ErrorCode::DuplicateKey);
        // Same length and end bytes, different middles: distinct keys (the pairwise path
        // compares those marks first). Empty keys repeat too.
        assert!(p(r#"{"abc":1,"axc":2,"a":3,"":4}"#).is_ok());
        assert_eq!(code(r#"{"":1,"b":2,"":3}"#), ErrorCode::DuplicateKey);
        // 32 members (pairwise, the repeat last) and 33 (sorted).
        for n in [31, 32] {
            let keys: Vec<String> = (0..n).map(|i| format!("\"k{i}x\":{i}")).collect();
            let body = format!("{{{},\"k{}x\":0}}", keys.join(","), n - 1);
            assert_eq!(code(&body), ErrorCode::DuplicateKey, "{n} + 1 members");
        }
        // Large objects take the sorting path.
        let many: Vec<String> = (0..100).map(|i| format!("\"k{i}\":{i}")).collect();
        assert!(p(&format!("{{{}}}", many.join(","))).is_ok());
        assert_eq!(
            code(&format!("{{{},\"k57\":0}}", many.join(","))),
            ErrorCode::DuplicateKey
        );
    }

    #[test]
    fn limits() {
        let limits = Limits {
            max_body_bytes: 10,
            max_depth: 64,
        };
        assert_eq!(
            parse(br#"{"a":"12345678"}"#, &limits).unwrap_err().code(),
            ErrorCode::TooLarge
        );
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert_eq!(code(&deep), ErrorCode::TooDeep);
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(p(&ok).is_ok());
        let very_deep = "[".repeat(100_000);
        assert_eq!(code(&very_deep), ErrorCode::TooDeep);
    }

    #[test]
    fn bad_input_codes() {
        assert_eq!(code(""), ErrorCode::EmptyBody);
        assert_eq!(code(" \n"), ErrorCode::EmptyBody);
        assert_eq!(
            parse(b"{\"a\":\"\xff\"}", &Limits::default())
                .unwrap_err()
                .code(),
            ErrorCode::InvalidUtf8
        );
        assert_eq!(code("\u{feff}{}"), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"a":1"#), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"a":1} x"#), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"a":01}"#), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"a":1.}"#), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"a":"\ud800"}"#), ErrorCode::MalformedJson);
        assert_eq!(code("{\"a\":\"\t\"}"), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"a":tru}"#), ErrorCode::MalformedJson);
        assert_eq!(code(r#"{"a":1,}"#), ErrorCode::MalformedJson);
    }

    #[test]
    fn error_names_the_offset() {
        let e = p(r#"{"a": 1, "b": x}"#).unwrap_err();
        assert!(e.message().contains("byte 14"), "{}", e.message());
        assert_eq!(e.offset(), Some(14));
    }

    #[test]
    fn surrogate_pairs_decode() {
        let v = p(r#"{"k":"\ud83d\ude00"}"#).unwrap();
        assert_eq!(
            v.as_object().unwrap().get("k"),
            Some(&Value::String("😀".into()))
        );
    }

    #[test]
    fn jackson_escaping() {
        let mut out = String::new();
        write_string("a\"b\\c/\u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}é😀", &mut out);
        assert_eq!(
            out,
            "\"a\\\"b\\\\c/\\u0001\\b\\f\\n\\r\\t\\u001F\u{7f}é😀\""
        );
    }

    /// Differential check against serde_json: the same accept/reject decision, and equal values.
    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            r#"{"a":[1,2,{"b":null}],"c":"\u00e9\"","d":-1.5e+3,"e":true}"#,
            r#"{"a":"\u0000"}"#,
            r#"{"a":"x"#,
            r#"{"a":[1,]}"#,
            r#"{"a":-}"#,
            r#"{"a":1e}"#,
            r#"{"a":"\x"}"#,
            r#"{"a" 1}"#,
            r#"[]"#,
            r#""s""#,
            r#"12"#,
            r#"{"a":-0.0e-0}"#,
            r#"{"a":"\uD83D\uDE00"}"#,
            r#"{"a":"\uDE00"}"#,
            r#"{"a":nul}"#,
            "{\"a\":1}\n",
            r#"{"a":1}}"#,
        ];
        for case in cases {
            let ours = p(case);
            let theirs: std::result::Result<serde_json::Value, _> = serde_json::from_str(case);
            assert_eq!(ours.is_ok(), theirs.is_ok(), "{case}");
            if let (Ok(a), Ok(b)) = (ours, theirs) {
                let a: serde_json::Value = serde_json::from_str(&a.to_compact_json()).unwrap();
                assert_eq!(a, b, "{case}");
            }
        }
    }
}
