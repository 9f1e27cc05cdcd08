//! RSA private keys for the test signers (`sign`, `signRequest`): PEM `PRIVATE KEY` (PKCS#8) or
//! `RSA PRIVATE KEY` (PKCS#1), signing SHA256withRSA with the `rsa` crate's constant-time
//! arithmetic, blinded with fresh randomness. Only in builds with the `signing` feature (not in the
//! package's default WebAssembly module).

use std::fmt;

use base64::Engine as _;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _};
use sha2::Sha256;

use crate::error::{Error, ErrorCode, Result};
use crate::signature::{SignatureEncoding, encode_hex, key_error};

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
        let label = pem
            .strip_prefix("-----BEGIN ")
            .and_then(|rest| rest.split_once("-----"))
            .map(|(label, _)| label);
        let key = match label {
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

    /// Signs `message` with SHA256withRSA and writes the signature in `encoding`. The private-key
    /// operation is blinded with fresh randomness (the system's, or `crypto.getRandomValues` in
    /// wasm), so its timing does not follow the key; PKCS#1 v1.5 output is the same either way.
    pub fn sign(&self, message: &[u8], encoding: SignatureEncoding) -> Result<String> {
        let sig = self
            .signing
            .try_sign_with_rng(&mut getrandom::SysRng, message)
            .map_err(|_| {
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
