//! HMAC-SHA256 and HMAC-SHA512 with shared secrets (RFC 2104), for the providers' current pushes.
//!
//! Secrets are used as given: the raw UTF-8 bytes of the string. No provider documents a
//! `whsec_` or Base64-prefixed form, so none is interpreted. Comparison is constant-time
//! (`hmac`'s `verify_slice`); several secrets may be given for rotation.

use std::fmt;

use base64::Engine as _;
use hmac::Mac as _;

use crate::error::{Error, ErrorCode, Result, Setting};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;
type HmacSha512 = hmac::Hmac<sha2::Sha512>;

/// The hash under an HMAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HmacAlgorithm {
    /// HMAC-SHA256: 32-byte tags.
    Sha256,
    /// HMAC-SHA512: 64-byte tags.
    Sha512,
}

impl HmacAlgorithm {
    /// The tag length in bytes.
    pub const fn tag_len(self) -> usize {
        match self {
            HmacAlgorithm::Sha256 => 32,
            HmacAlgorithm::Sha512 => 64,
        }
    }
}

/// Runs `$body` with `$mac` bound to a keyed HMAC of `$algorithm` over `$parts`.
macro_rules! with_mac {
    ($secret:expr, $algorithm:expr, $parts:expr, |$mac:ident| $body:expr) => {
        match $algorithm {
            HmacAlgorithm::Sha256 => {
                let $mac = keyed::<HmacSha256>(&$secret.0, $parts);
                $body
            }
            HmacAlgorithm::Sha512 => {
                let $mac = keyed::<HmacSha512>(&$secret.0, $parts);
                $body
            }
        }
    };
}

/// A MAC keyed with `key` that has absorbed `parts`.
fn keyed<M: hmac::Mac + hmac::KeyInit>(key: &[u8], parts: &[&[u8]]) -> M {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <M as hmac::KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| <M as hmac::KeyInit>::new(&Default::default()));
    for part in parts {
        mac.update(part);
    }
    mac
}

/// A shared webhook secret. `Debug` never shows it.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl Secret {
    /// A secret from its text (used as raw UTF-8 bytes); empty secrets are refused.
    pub fn new(text: &str) -> Result<Self> {
        if text.is_empty() {
            return Err(Error::invalid_setting(
                Setting::Secret,
                "a secret must not be empty",
            ));
        }
        Ok(Secret(text.as_bytes().to_vec()))
    }

    /// HMAC-SHA256 of the concatenated `parts` (for test signers).
    pub fn sign(&self, parts: &[&[u8]]) -> Vec<u8> {
        self.sign_with(HmacAlgorithm::Sha256, parts)
    }

    /// HMAC of `algorithm` over the concatenated `parts` (for test signers).
    pub fn sign_with(&self, algorithm: HmacAlgorithm, parts: &[&[u8]]) -> Vec<u8> {
        with_mac!(self, algorithm, parts, |mac| mac
            .finalize()
            .into_bytes()
            .to_vec())
    }

    /// Constant-time check of `tag` against HMAC-SHA256 of the concatenated `parts`.
    pub fn verify(&self, parts: &[&[u8]], tag: &[u8]) -> bool {
        self.verify_with(HmacAlgorithm::Sha256, parts, tag)
    }

    /// Constant-time check of `tag` against the HMAC of `algorithm` over the concatenated `parts`.
    pub fn verify_with(&self, algorithm: HmacAlgorithm, parts: &[&[u8]], tag: &[u8]) -> bool {
        with_mac!(self, algorithm, parts, |mac| mac.verify_slice(tag).is_ok())
    }
}

/// The index of the first secret under which `tag` holds, if any.
pub fn verify_any(
    secrets: &[Secret],
    algorithm: HmacAlgorithm,
    parts: &[&[u8]],
    tag: &[u8],
) -> Option<usize> {
    secrets
        .iter()
        .position(|s| s.verify_with(algorithm, parts, tag))
}

/// Decodes a 32-byte HMAC tag written as hex (64 characters) or Base64.
pub fn decode_tag(text: &str, allow_hex: bool, allow_base64: bool) -> Result<Vec<u8>> {
    decode_tag_of(text, 32, allow_hex, allow_base64)
}

/// Decodes a `len`-byte HMAC tag written as hex (either case) or standard Base64.
pub fn decode_tag_of(
    text: &str,
    len: usize,
    allow_hex: bool,
    allow_base64: bool,
) -> Result<Vec<u8>> {
    let text = text.trim();
    let bad = || {
        Error::new(
            ErrorCode::InvalidSignatureEncoding,
            format!(
                "signature ({} characters) is not {} of a {len}-byte HMAC",
                text.len(),
                match (allow_hex, allow_base64) {
                    (true, true) => "hex or Base64",
                    (true, false) => "hex",
                    _ => "Base64",
                }
            ),
        )
    };
    if allow_hex && text.len() == 2 * len {
        if let Some(bytes) = crate::signature::decode_hex(text) {
            return Ok(bytes);
        }
    }
    if allow_base64 {
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(text) {
            if bytes.len() == len {
                return Ok(bytes);
            }
        }
    }
    Err(bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2.
    #[test]
    fn rfc4231_case_2() {
        let secret = Secret::new("Jefe").unwrap();
        let tag = secret.sign(&[b"what do ya want ", b"for nothing?"]);
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(secret.verify(&[b"what do ya want for nothing?"], &tag));
        assert!(!secret.verify(&[b"what do ya want for nothing!"], &tag));
    }

    #[test]
    fn tags() {
        let raw = [7u8; 32];
        let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        let b64 = base64::engine::general_purpose::STANDARD.encode(raw);
        assert_eq!(decode_tag(&hex, true, true).unwrap(), raw);
        assert_eq!(decode_tag(&b64, true, true).unwrap(), raw);
        assert_eq!(
            decode_tag(&b64, true, false).unwrap_err().code(),
            ErrorCode::InvalidSignatureEncoding
        );
        assert_eq!(
            decode_tag("abc", true, true).unwrap_err().code(),
            ErrorCode::InvalidSignatureEncoding
        );
        assert_eq!(
            format!("{:?}", Secret::new("s3cret").unwrap()),
            "Secret([redacted])"
        );
    }
}
