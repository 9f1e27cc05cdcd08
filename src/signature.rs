//! RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2), as Java's `Signature("SHA256withRSA")` does it.
//!
//! Keys: PEM `PUBLIC KEY` (X.509 SubjectPublicKeyInfo), PEM `RSA PUBLIC KEY` (PKCS#1), or the bare
//! Base64 of the SubjectPublicKeyInfo DER (what Java's `PublicKey.getEncoded()` gives). Private keys
//! (for test signers only): PEM `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
//! Signatures: Base64 or hex, told apart by length against the key's modulus size.
//! The RSA arithmetic is the `rsa` crate's; nothing here is hand-written cryptography.

use std::fmt;

use base64::Engine as _;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding as _, Signer as _, Verifier as _};
use rsa::traits::PublicKeyParts;
use sha2::Sha256;

use crate::error::{Error, ErrorCode, Result};

/// Keys shorter than this are refused unless the caller allows weak keys.
pub const MIN_KEY_BITS: usize = 2048;

/// The OID of `rsaEncryption`, the only SubjectPublicKeyInfo algorithm accepted.
const RSA_ENCRYPTION_OID: &str = "1.2.840.113549.1.1.1";

/// A parsed RSA public key, ready to verify SHA256withRSA signatures.
#[derive(Clone)]
pub struct PublicKey {
    verifying: VerifyingKey<Sha256>,
    bits: usize,
    modulus_bytes: usize,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}

/// How a produced signature is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignatureEncoding {
    /// Standard Base64 with padding (default; what Java's `Base64.getEncoder()` gives).
    #[default]
    Base64,
    /// Lowercase hex.
    Hex,
}

impl SignatureEncoding {
    /// Reads an encoding name: `base64` or `hex`.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "base64" => Ok(SignatureEncoding::Base64),
            "hex" => Ok(SignatureEncoding::Hex),
            other => Err(Error::new(
                ErrorCode::InvalidOption,
                format!(
                    "unknown signature encoding `{}` (expected base64 or hex)",
                    crate::json::shorten(other)
                ),
            )),
        }
    }
}

fn strip_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

fn pem_label(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("-----BEGIN ")?;
    rest.split_once("-----").map(|(label, _)| label)
}

fn key_error(what: &str) -> Error {
    Error::new(ErrorCode::InvalidKey, what.to_owned())
}

/// The algorithm OID of a SubjectPublicKeyInfo that is well-formed but not RSA, if that is the case.
fn non_rsa_algorithm(der: &[u8]) -> Option<String> {
    let spki = rsa::pkcs8::spki::SubjectPublicKeyInfoRef::try_from(der).ok()?;
    let oid = spki.algorithm.oid.to_string();
    (oid != RSA_ENCRYPTION_OID).then_some(oid)
}

/// The modulus size in bits of RSA public key DER (SubjectPublicKeyInfo or PKCS#1), read with the
/// ASN.1 decoder alone: the `rsa` crate refuses moduli under 1024 bits before reporting a size.
fn modulus_bits(der: &[u8]) -> Option<usize> {
    use rsa::pkcs1::der::Decode as _;
    let pkcs1 = match rsa::pkcs8::spki::SubjectPublicKeyInfoRef::try_from(der) {
        Ok(spki) => spki.subject_public_key.raw_bytes(),
        Err(_) => der,
    };
    let key =
        rsa::pkcs1::RsaPublicKey::<rsa::pkcs1::der::asn1::UintRef<'_>>::from_der(pkcs1).ok()?;
    let bytes = key.modulus.as_bytes();
    let first = *bytes.first()?;
    Some(bytes.len() * 8 - first.leading_zeros() as usize)
}

/// The error for DER that did not decode as an RSA key, without echoing any of it.
fn undecodable(der: Option<&[u8]>) -> Error {
    if let Some(oid) = der.and_then(non_rsa_algorithm) {
        return key_error(&format!("not an RSA key (algorithm {oid})"));
    }
    match der.and_then(modulus_bits) {
        Some(bits) if bits < 1024 => Error::new(
            ErrorCode::WeakKey,
            format!(
                "key is {bits} bits; at least {MIN_KEY_BITS} are required (1024 with allowWeakKeys)"
            ),
        ),
        // 1024 bits and up decode and are judged in `from_rsa`; anything else is no usable key.
        _ => key_error("key is not a valid RSA key"),
    }
}

impl PublicKey {
    /// Reads a public key from PEM or bare Base64 DER; refuses keys under 2048 bits unless
    /// `allow_weak_keys`.
    pub fn parse(text: &str, allow_weak_keys: bool) -> Result<Self> {
        let text = text.trim();
        let key = match pem_label(text) {
            Some("PUBLIC KEY") => match rsa::PublicKey::from_public_key_pem(text) {
                Ok(key) => key,
                Err(_) => return Err(undecodable(pem_body(text).as_deref())),
            },
            Some("RSA PUBLIC KEY") => match rsa::PublicKey::from_pkcs1_pem(text) {
                Ok(key) => key,
                Err(_) => return Err(undecodable(pem_body(text).as_deref())),
            },
            Some(label) if label.contains("PRIVATE KEY") => {
                return Err(key_error(
                    "this is a private key: pass the provider's public key (never ship private keys to clients)",
                ));
            }
            Some("CERTIFICATE") => {
                return Err(key_error(
                    "this is a certificate: pass the public key it contains",
                ));
            }
            Some(_) => {
                return Err(key_error(
                    "unsupported PEM block (expected PUBLIC KEY or RSA PUBLIC KEY)",
                ));
            }
            None => {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(strip_space(text))
                    .map_err(|_| key_error("public key is neither PEM nor Base64 DER"))?;
                match rsa::PublicKey::from_public_key_der(&der) {
                    Ok(key) => key,
                    Err(_) => match rsa::PublicKey::from_pkcs1_der(&der) {
                        Ok(key) => key,
                        Err(_) => return Err(undecodable(Some(&der))),
                    },
                }
            }
        };
        Self::from_rsa(key, allow_weak_keys)
    }

    fn from_rsa(key: rsa::PublicKey, allow_weak_keys: bool) -> Result<Self> {
        let bits = key.n().bit_width_vartime() as usize;
        if bits < MIN_KEY_BITS && !allow_weak_keys {
            return Err(Error::new(
                ErrorCode::WeakKey,
                format!(
                    "key is {bits} bits; at least {MIN_KEY_BITS} are required (allowWeakKeys overrides)"
                ),
            ));
        }
        let modulus_bytes = key.size();
        Ok(PublicKey {
            verifying: VerifyingKey::new(key),
            bits,
            modulus_bytes,
        })
    }

    /// The key as X.509 SubjectPublicKeyInfo DER, the form every host crypto API imports.
    pub fn spki_der(&self) -> Result<Vec<u8>> {
        use rsa::pkcs8::EncodePublicKey as _;
        self.verifying
            .as_ref()
            .to_public_key_der()
            .map(|doc| doc.as_bytes().to_vec())
            .map_err(|_| key_error("key could not be encoded as SubjectPublicKeyInfo"))
    }

    /// The modulus length in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The signature length in bytes this key expects.
    pub fn signature_len(&self) -> usize {
        self.modulus_bytes
    }

    /// Checks `signature` (raw bytes) over `message`; `SIGNATURE_MISMATCH` when it does not hold.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        let mismatch = || {
            Error::new(
                ErrorCode::SignatureMismatch,
                "signature does not match the signed string",
            )
        };
        let sig = Signature::try_from(signature).map_err(|_| mismatch())?;
        self.verifying.verify(message, &sig).map_err(|_| mismatch())
    }
}

fn pem_body(text: &str) -> Option<Vec<u8>> {
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(strip_space(&body))
        .ok()
}

/// Decodes a signature written as hex or Base64, choosing by length against the expected byte
/// lengths (one per key size in use): hex when it is exactly twice a length and all hex digits.
pub fn decode_signature(text: &str, expected_lens: &[usize]) -> Result<Vec<u8>> {
    let text = strip_space(text);
    if text.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidSignatureEncoding,
            "signature is empty",
        ));
    }
    let looks_hex = text.len() % 2 == 0 && text.bytes().all(|b| b.is_ascii_hexdigit());
    let bytes = if looks_hex && expected_lens.contains(&(text.len() / 2)) {
        decode_hex(&text)
    } else {
        base64::engine::general_purpose::STANDARD.decode(&text).ok()
    };
    let Some(bytes) = bytes else {
        return Err(Error::new(
            ErrorCode::InvalidSignatureEncoding,
            format!(
                "signature ({} characters) is neither Base64 nor hex of the key's length",
                text.len()
            ),
        ));
    };
    if !expected_lens.is_empty() && !expected_lens.contains(&bytes.len()) {
        return Err(Error::new(
            ErrorCode::InvalidSignatureEncoding,
            format!(
                "signature is {} bytes; the key expects {}",
                bytes.len(),
                join(expected_lens)
            ),
        ));
    }
    Ok(bytes)
}

fn join(lens: &[usize]) -> String {
    lens.iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Hex (either case) to bytes; `None` for odd length or a non-hex digit.
pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            let s = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(s, 16).ok()
        })
        .collect()
}

fn encode_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// An RSA private key for producing test signatures. `Debug` never shows key material.
pub struct PrivateKey {
    signing: SigningKey<Sha256>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey([redacted])")
    }
}

impl PrivateKey {
    /// Reads a PEM `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
    pub fn parse(pem: &str) -> Result<Self> {
        let pem = pem.trim();
        let key = match pem_label(pem) {
            Some("PRIVATE KEY") => rsa::PrivateKey::from_pkcs8_pem(pem)
                .map_err(|_| key_error("private key is not a valid PKCS#8 RSA key"))?,
            Some("RSA PRIVATE KEY") => rsa::PrivateKey::from_pkcs1_pem(pem)
                .map_err(|_| key_error("private key is not a valid PKCS#1 RSA key"))?,
            _ => return Err(key_error("expected a PEM PRIVATE KEY or RSA PRIVATE KEY")),
        };
        Ok(PrivateKey {
            signing: SigningKey::new(key),
        })
    }

    /// Signs `message` with SHA256withRSA and writes the signature in `encoding`.
    pub fn sign(&self, message: &[u8], encoding: SignatureEncoding) -> Result<String> {
        let sig = self.signing.try_sign(message).map_err(|_| {
            Error::new(
                ErrorCode::InvalidKey,
                "signing failed with this private key",
            )
        })?;
        let bytes = sig.to_bytes();
        Ok(match encoding {
            SignatureEncoding::Base64 => base64::engine::general_purpose::STANDARD.encode(&bytes),
            SignatureEncoding::Hex => encode_hex(&bytes),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_base64_by_length() {
        let raw: Vec<u8> = (0..=255u8).collect();
        let hex = encode_hex(&raw);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&raw);
        assert_eq!(decode_signature(&hex, &[256]).unwrap(), raw);
        assert_eq!(decode_signature(&b64, &[256]).unwrap(), raw);
        assert_eq!(
            decode_signature(&hex[..510], &[256]).unwrap_err().code(),
            ErrorCode::InvalidSignatureEncoding
        );
        assert_eq!(
            decode_signature("!!", &[256]).unwrap_err().code(),
            ErrorCode::InvalidSignatureEncoding
        );
        assert_eq!(
            decode_signature("", &[256]).unwrap_err().code(),
            ErrorCode::InvalidSignatureEncoding
        );
    }

    #[test]
    fn garbage_keys_are_invalid_key() {
        for text in [
            "",
            "hello",
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            "AAAA",
        ] {
            assert_eq!(
                PublicKey::parse(text, false).unwrap_err().code(),
                ErrorCode::InvalidKey,
                "{text}"
            );
        }
        let e = PublicKey::parse(
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            false,
        )
        .unwrap_err();
        assert!(e.message().contains("private key"));
    }

    #[test]
    fn private_key_debug_is_redacted() {
        assert_eq!(
            format!(
                "{:?}",
                PrivateKey::parse("x").map(|_| ()).unwrap_err().code()
            ),
            "InvalidKey"
        );
    }
}
