//! The one error type, with stable string codes shared by Rust, JavaScript (`err.code`) and the
//! TypeScript declarations (`ErrorCode` union, checked against [`ErrorCode::ALL`] by a test).

use std::fmt;

/// What went wrong, as a stable machine-readable code.
///
/// The string form ([`ErrorCode::as_str`]) never changes once released; new codes may be added.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The body is empty.
    EmptyBody,
    /// The body is not valid UTF-8.
    InvalidUtf8,
    /// The body is not JSON (syntax error, byte order mark, trailing data).
    MalformedJson,
    /// An object has the same key twice, at any depth.
    DuplicateKey,
    /// The body is larger than the configured limit.
    TooLarge,
    /// The JSON nests deeper than the configured limit.
    TooDeep,
    /// The top-level JSON value is not an object.
    NotAnObject,
    /// The body matches no known dialect, or the dialect name is unknown.
    UnknownDialect,
    /// The body is a push of a dialect the verifier was not told to accept: its sender chose the
    /// headers or shape of another provider's dialect.
    DialectNotAllowed,
    /// `verify` was asked to check a dialect that carries no signature.
    UnsignedDialect,
    /// A required field is absent or null.
    MissingField,
    /// A field has the wrong type or an unusable value.
    InvalidField,
    /// A double-encoded `event_data` string does not hold a JSON object.
    MalformedEventData,
    /// The body lacks the field its signature travels in: `sign`, or the field a declared scheme
    /// names (a missing signature header is [`ErrorCode::MissingHeader`]).
    MissingSignature,
    /// A header the dialect's signature needs is absent (the message names it).
    MissingHeader,
    /// A signature header has an unusable value (e.g. a timestamp that is not a number).
    InvalidHeader,
    /// The signed timestamp is older than the replay window allows.
    TimestampTooOld,
    /// The signed timestamp is further in the future than the replay window allows.
    TimestampInFuture,
    /// The signature is not Base64 or hex of the key's length.
    InvalidSignatureEncoding,
    /// The signature does not match the signed string under any given key.
    SignatureMismatch,
    /// A key could not be read as an RSA key of the expected kind.
    InvalidKey,
    /// A key is shorter than 2048 bits and weak keys were not allowed.
    WeakKey,
    /// An option passed by the caller is invalid (a caller mistake, not bad input).
    InvalidOption,
    /// The library was used before its WebAssembly module was initialised (JavaScript only).
    NotInitialized,
    /// The WebAssembly module could not be loaded, compiled or instantiated (JavaScript only).
    WasmLoadFailed,
    /// A request's body was already read or parsed by a framework, so its raw bytes are gone
    /// (JavaScript request helpers only; the message says how to keep them).
    BodyConsumed,
    /// A request's body stopped arriving: the client went away mid-body, or the caller's abort
    /// signal fired (JavaScript request helpers only).
    RequestAborted,
    /// A request's body did not arrive in full within the read timeout (JavaScript request
    /// helpers only).
    RequestTimeout,
    /// An internal fault (a bug); the instance was reset and the call can be retried.
    Internal,
}

impl ErrorCode {
    /// Every code, in declaration order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::EmptyBody,
        ErrorCode::InvalidUtf8,
        ErrorCode::MalformedJson,
        ErrorCode::DuplicateKey,
        ErrorCode::TooLarge,
        ErrorCode::TooDeep,
        ErrorCode::NotAnObject,
        ErrorCode::UnknownDialect,
        ErrorCode::DialectNotAllowed,
        ErrorCode::UnsignedDialect,
        ErrorCode::MissingField,
        ErrorCode::InvalidField,
        ErrorCode::MalformedEventData,
        ErrorCode::MissingSignature,
        ErrorCode::MissingHeader,
        ErrorCode::InvalidHeader,
        ErrorCode::TimestampTooOld,
        ErrorCode::TimestampInFuture,
        ErrorCode::InvalidSignatureEncoding,
        ErrorCode::SignatureMismatch,
        ErrorCode::InvalidKey,
        ErrorCode::WeakKey,
        ErrorCode::InvalidOption,
        ErrorCode::NotInitialized,
        ErrorCode::WasmLoadFailed,
        ErrorCode::BodyConsumed,
        ErrorCode::RequestAborted,
        ErrorCode::RequestTimeout,
        ErrorCode::Internal,
    ];

    /// The stable UPPER_SNAKE string for this code, as seen in JavaScript's `err.code`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmptyBody => "EMPTY_BODY",
            ErrorCode::InvalidUtf8 => "INVALID_UTF8",
            ErrorCode::MalformedJson => "MALFORMED_JSON",
            ErrorCode::DuplicateKey => "DUPLICATE_KEY",
            ErrorCode::TooLarge => "TOO_LARGE",
            ErrorCode::TooDeep => "TOO_DEEP",
            ErrorCode::NotAnObject => "NOT_AN_OBJECT",
            ErrorCode::UnknownDialect => "UNKNOWN_DIALECT",
            ErrorCode::DialectNotAllowed => "DIALECT_NOT_ALLOWED",
            ErrorCode::UnsignedDialect => "UNSIGNED_DIALECT",
            ErrorCode::MissingField => "MISSING_FIELD",
            ErrorCode::InvalidField => "INVALID_FIELD",
            ErrorCode::MalformedEventData => "MALFORMED_EVENT_DATA",
            ErrorCode::MissingSignature => "MISSING_SIGNATURE",
            ErrorCode::MissingHeader => "MISSING_HEADER",
            ErrorCode::InvalidHeader => "INVALID_HEADER",
            ErrorCode::TimestampTooOld => "TIMESTAMP_TOO_OLD",
            ErrorCode::TimestampInFuture => "TIMESTAMP_IN_FUTURE",
            ErrorCode::InvalidSignatureEncoding => "INVALID_SIGNATURE_ENCODING",
            ErrorCode::SignatureMismatch => "SIGNATURE_MISMATCH",
            ErrorCode::InvalidKey => "INVALID_KEY",
            ErrorCode::WeakKey => "WEAK_KEY",
            ErrorCode::InvalidOption => "INVALID_OPTION",
            ErrorCode::NotInitialized => "NOT_INITIALIZED",
            ErrorCode::WasmLoadFailed => "WASM_LOAD_FAILED",
            ErrorCode::BodyConsumed => "BODY_CONSUMED",
            ErrorCode::RequestAborted => "REQUEST_ABORTED",
            ErrorCode::RequestTimeout => "REQUEST_TIMEOUT",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A setting the caller chose, named by errors about it. The core's messages speak of the setting
/// itself ("the nesting limit"); a binding adds the name its own callers use for it (JavaScript's
/// `maxDepth`).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    /// The provider's RSA public keys.
    PublicKey,
    /// The shared HMAC secrets.
    Secret,
    /// The test signer's RSA private key.
    PrivateKey,
    /// The dialect to read bodies in, instead of detecting it.
    Dialect,
    /// How sorted fields are joined into the signed string.
    CanonicalForm,
    /// How a produced signature is written.
    SignatureEncoding,
    /// Whether RSA keys under 2048 bits are accepted.
    AllowWeakKeys,
    /// The largest accepted body.
    MaxBodyBytes,
    /// The deepest accepted nesting.
    MaxDepth,
    /// The replay window for signed timestamps.
    Tolerance,
    /// The current time.
    Now,
    /// The event type a test signer announces.
    EventType,
    /// A declared signature scheme, for a provider without a dialect.
    Scheme,
    /// Request headers given to a call.
    Headers,
    /// Credentials given per dialect.
    Credentials,
}

/// A failure to verify or decode a webhook, or a caller mistake, with a stable [`ErrorCode`].
///
/// Messages name fields and byte offsets but never echo key material or whole bodies. The byte
/// offset of a JSON error and the setting a caller mistake concerns are also kept as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    offset: Option<usize>,
    setting: Option<Setting>,
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with `code` and a human-readable `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            offset: None,
            setting: None,
        }
    }

    /// An `INVALID_OPTION` error about `setting`.
    pub fn invalid_setting(setting: Setting, message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidOption, message).with_setting(setting)
    }

    /// The same error, about `setting`.
    pub fn with_setting(mut self, setting: Setting) -> Self {
        self.setting = Some(setting);
        self
    }

    /// The same error, at byte `offset` of the body.
    pub fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }

    /// The byte offset in the body where a JSON error was found.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// The caller's setting this error concerns, for caller mistakes.
    pub fn setting(&self) -> Option<Setting> {
        self.setting
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human-readable message (lowercase, no trailing period).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// True when the body was well-formed but its signature does not hold or cannot be read.
    pub fn is_signature(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::MissingSignature
                | ErrorCode::MissingHeader
                | ErrorCode::InvalidHeader
                | ErrorCode::TimestampTooOld
                | ErrorCode::TimestampInFuture
                | ErrorCode::InvalidSignatureEncoding
                | ErrorCode::SignatureMismatch
        )
    }

    /// True when the body itself is unusable (not JSON, over a limit, wrong shape).
    pub fn is_malformed(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::EmptyBody
                | ErrorCode::InvalidUtf8
                | ErrorCode::MalformedJson
                | ErrorCode::DuplicateKey
                | ErrorCode::TooLarge
                | ErrorCode::TooDeep
                | ErrorCode::NotAnObject
                | ErrorCode::UnknownDialect
                | ErrorCode::DialectNotAllowed
                | ErrorCode::MissingField
                | ErrorCode::InvalidField
                | ErrorCode::MalformedEventData
        )
    }

    /// True when the caller, not the sender, is at fault (bad key, bad option).
    pub fn is_caller_error(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::InvalidKey
                | ErrorCode::WeakKey
                | ErrorCode::InvalidOption
                | ErrorCode::UnsignedDialect
                | ErrorCode::NotInitialized
                | ErrorCode::WasmLoadFailed
                | ErrorCode::BodyConsumed
        )
    }

    /// True when a request's body never arrived whole (the client went away or stalled, or the
    /// caller aborted): no body was judged, so neither the sender's push nor the caller's setup
    /// is known to be wrong.
    pub fn is_incomplete_request(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::RequestAborted | ErrorCode::RequestTimeout
        )
    }

    pub(crate) fn missing_field(path: &str) -> Self {
        Error::new(
            ErrorCode::MissingField,
            format!("missing required field `{path}`"),
        )
    }

    pub(crate) fn invalid_field(path: &str, expected: &str) -> Self {
        Error::new(
            ErrorCode::InvalidField,
            format!("field `{path}` must be {expected}"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_upper_snake() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
            );
        }
        assert_eq!(seen.len(), ErrorCode::ALL.len());
    }

    #[test]
    fn an_incomplete_request_is_neither_a_caller_error_nor_a_bad_body() {
        for code in [ErrorCode::RequestAborted, ErrorCode::RequestTimeout] {
            let error = Error::new(code, "body not read");
            assert!(error.is_incomplete_request());
            assert!(!error.is_caller_error() && !error.is_malformed() && !error.is_signature());
        }
        assert!(!Error::new(ErrorCode::BodyConsumed, "read").is_incomplete_request());
    }
}
