//! RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2), as Java's `Signature("SHA256withRSA")` does it.
//!
//! Keys: PEM `PUBLIC KEY` (X.509 SubjectPublicKeyInfo), PEM `RSA PUBLIC KEY` (PKCS#1), or the bare
//! Base64 of the SubjectPublicKeyInfo DER (what Java's `PublicKey.getEncoded()` gives). Private keys
//! (for test signers only): PEM `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
//! Signatures: Base64 or hex, told apart by length against the key's modulus size.
//! Verification's RSA operation is `crate::rsa_public` (variable-time: everything in it is public),
//! checked against independent implementations; the test signers' private-key operation is the
//! `rsa` crate's constant-time arithmetic.

use std::fmt;

use crate::rsa_public::RsaPublic;
use base64::Engine as _;

use crate::error::{Error, ErrorCode, Result, Setting};

/// Keys shorter than this are refused unless the caller allows weak keys.
pub const MIN_KEY_BITS: usize = 2048;

/// The OID of `rsaEncryption`, the only SubjectPublicKeyInfo algorithm accepted.
const RSA_ENCRYPTION_OID: &str = "1.2.840.113549.1.1.1";
/// The OID of `id-RSASSA-PSS`: an RSA key restricted to PSS signatures (RFC 4055), refused.
const RSASSA_PSS_OID: &str = "1.2.840.113549.1.1.10";

/// A parsed RSA public key, ready to verify SHA256withRSA signatures.
#[derive(Clone)]
pub struct PublicKey {
    rsa: std::sync::Arc<RsaPublic>,
    /// The key as SubjectPublicKeyInfo DER, for host crypto.
    spki: Vec<u8>,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("bits", &self.rsa.bits())
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
            other => Err(Error::invalid_setting(
                Setting::SignatureEncoding,
                format!(
                    "unknown signature encoding `{}` (expected base64 or hex)",
                    crate::json::shorten(other)
                ),
            )),
        }
    }
}

/// `s` without ASCII white space (keys and signatures arrive wrapped or indented).
fn strip_space(s: &str) -> std::borrow::Cow<'_, str> {
    // Most signatures have none: borrowed then, with no per-character copy.
    if !s.bytes().any(|b| b.is_ascii_whitespace()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().filter(|c| !c.is_ascii_whitespace()).collect())
}

pub(crate) fn key_error(what: &str) -> Error {
    Error::new(ErrorCode::InvalidKey, what.to_owned())
}

/// A PEM block's label and DER contents, read liberally: keys arrive from dashboards, e-mails and
/// environment variables with trailing spaces, indentation, blank lines, one long Base64 line,
/// 76-column MIME wrapping (Java's `Base64.getMimeEncoder()`), or `\n` written out as two
/// characters. Everything between the BEGIN and END lines is stripped of white space and re-wrapped
/// at 64 columns, then decoded strictly by `pem-rfc7468`. Text around the block is ignored; of
/// several blocks (a certificate chain), the first is read. `None` when there is no PEM block.
fn read_pem(text: &str) -> Option<Result<(String, Vec<u8>)>> {
    let text = text.replace("\\r", "").replace("\\n", "\n");
    let begin = text.find("-----BEGIN ")?;
    let after_begin = text.get(begin + "-----BEGIN ".len()..)?;
    let Some((label, rest)) = after_begin.split_once("-----") else {
        return Some(Err(key_error("PEM BEGIN line is not closed by -----")));
    };
    let label = label.trim();
    let end_marker = format!("-----END {label}-----");
    let Some(end) = rest.find(&end_marker) else {
        return Some(Err(key_error(&format!(
            "PEM block `{}` has no matching END line",
            crate::json::shorten(label)
        ))));
    };
    let base64 = strip_space(rest.get(..end).unwrap_or_default());
    let mut pem = format!("-----BEGIN {label}-----\n");
    let mut line = String::with_capacity(65);
    for c in base64.chars() {
        line.push(c);
        if line.len() == 64 {
            pem.push_str(&line);
            pem.push('\n');
            line.clear();
        }
    }
    if !line.is_empty() {
        pem.push_str(&line);
        pem.push('\n');
    }
    pem.push_str(&end_marker);
    pem.push('\n');
    Some(
        pem_rfc7468::decode_vec(pem.as_bytes())
            .map(|(label, der)| (label.to_owned(), der))
            .map_err(|_| key_error("PEM block does not hold valid Base64")),
    )
}

/// The PKCS#1 `RSAPublicKey` in a SubjectPublicKeyInfo, refusing other algorithms by name.
fn pkcs1_of_spki(der: &[u8]) -> Result<&[u8]> {
    let spki = spki::SubjectPublicKeyInfoRef::try_from(der)
        .map_err(|_| key_error("key is not a valid SubjectPublicKeyInfo"))?;
    let oid = spki.algorithm.oid.to_string();
    match oid.as_str() {
        // The key itself is the PKCS#1 `RSAPublicKey` inside the BIT STRING.
        RSA_ENCRYPTION_OID => spki
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| key_error("key is not a valid RSA key")),
        RSASSA_PSS_OID => Err(key_error(
            "an RSASSA-PSS key (OID 1.2.840.113549.1.1.10) may not verify PKCS#1 v1.5 signatures; \
             ask the provider for its rsaEncryption public key",
        )),
        other => Err(key_error(&format!("not an RSA key (algorithm {other})"))),
    }
}

/// The SubjectPublicKeyInfo DER of an X.509 certificate (RFC 5280 §4.1), `None` when `der` is no
/// certificate. The `der` crate reads each element; only the structure up to the key is walked
/// (`x509-cert` would decode names, validity and extensions too: it measured 23 KB gzip more in
/// the module). Nothing else in the certificate is checked: the key is what the provider handed
/// out, trusted as a key would be (no chain, validity or revocation checks).
fn spki_of_certificate(der: &[u8]) -> Option<Vec<u8>> {
    use der::asn1::AnyRef;
    use der::{Decode as _, Reader as _, Tag, TagNumber};
    let certificate = AnyRef::from_der(der).ok()?;
    let spki = certificate.sequence(|cert| {
        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
        let tbs = AnyRef::decode(cert)?;
        AnyRef::decode(cert)?;
        AnyRef::decode(cert)?;
        tbs.sequence(|fields| {
            // TBSCertificate ::= SEQUENCE { version [0] EXPLICIT OPTIONAL, serialNumber,
            //   signature, issuer, validity, subject, subjectPublicKeyInfo, … }
            let version = Tag::ContextSpecific {
                constructed: true,
                number: TagNumber(0),
            };
            if Tag::peek(fields)? == version {
                AnyRef::decode(fields)?;
            }
            for _ in 0..5 {
                AnyRef::decode(fields)?;
            }
            let spki = fields.tlv_bytes()?;
            // issuerUniqueID, subjectUniqueID, extensions: not needed.
            fields.read_slice(fields.remaining_len())?;
            Ok::<_, der::Error>(spki)
        })
    });
    spki.ok().map(<[u8]>::to_vec)
}

/// The largest modulus accepted: verification costs grow with its cube, and no provider uses more.
const MAX_KEY_BITS: usize = 8192;
/// The largest public exponent accepted (as the `rsa` crate bounds it): 2^33 − 1.
const MAX_EXPONENT: u64 = (1 << 33) - 1;

impl PublicKey {
    /// Reads a public key as providers hand them out: PEM `PUBLIC KEY` (SubjectPublicKeyInfo),
    /// `RSA PUBLIC KEY` (PKCS#1) or `CERTIFICATE` (X.509: its key is taken), or the bare Base64
    /// of any of these DER forms; refuses keys under 2048 bits unless `allow_weak_keys`.
    pub fn parse(text: &str, allow_weak_keys: bool) -> Result<Self> {
        let der = match read_pem(text) {
            Some(block) => {
                let (label, der) = block?;
                match label.as_str() {
                    "PUBLIC KEY" | "RSA PUBLIC KEY" => der,
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                        spki_of_certificate(&der)
                            .ok_or_else(|| key_error("certificate is not valid X.509"))?
                    }
                    label if label.contains("PRIVATE KEY") => {
                        return Err(key_error(
                            "this is a private key: pass the provider's public key (never ship private keys to clients)",
                        ));
                    }
                    _ => {
                        return Err(key_error(
                            "unsupported PEM block (expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE)",
                        ));
                    }
                }
            }
            None => {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(strip_space(text).as_bytes())
                    .map_err(|_| key_error("public key is neither PEM nor Base64 DER"))?;
                match spki_of_certificate(&der) {
                    Some(spki) => spki,
                    None => der,
                }
            }
        };
        // A SubjectPublicKeyInfo holds the PKCS#1 key; anything else must be one.
        let pkcs1 = if spki::SubjectPublicKeyInfoRef::try_from(der.as_slice()).is_ok() {
            pkcs1_of_spki(&der)?
        } else {
            &der
        };
        Self::from_pkcs1(pkcs1, allow_weak_keys)
    }

    /// A key from PKCS#1 `RSAPublicKey` DER, judged for size.
    fn from_pkcs1(der: &[u8], allow_weak_keys: bool) -> Result<Self> {
        use der::Decode as _;
        let key = pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(der)
            .map_err(|_| key_error("key is not a valid RSA key"))?;
        let modulus = key.modulus.as_bytes();
        let first = modulus.first().copied().unwrap_or(0);
        let bits = (modulus.len() * 8).saturating_sub(first.leading_zeros() as usize);
        let minimum = if allow_weak_keys { 1024 } else { MIN_KEY_BITS };
        if bits < minimum {
            return Err(Error::new(
                ErrorCode::WeakKey,
                format!(
                    "key is {bits} bits; at least {MIN_KEY_BITS} are required{}",
                    if allow_weak_keys {
                        " (1024 when weak keys are allowed)"
                    } else {
                        " unless weak keys are allowed"
                    }
                ),
            )
            .with_setting(Setting::AllowWeakKeys));
        }
        if bits > MAX_KEY_BITS {
            return Err(key_error(&format!(
                "key is {bits} bits; at most {MAX_KEY_BITS} are supported"
            )));
        }
        let exponent_bytes = key.public_exponent.as_bytes();
        let exponent = (exponent_bytes.len() <= 8)
            .then(|| {
                exponent_bytes
                    .iter()
                    .fold(0u64, |e, b| (e << 8) | u64::from(*b))
            })
            .filter(|e| *e <= MAX_EXPONENT)
            .ok_or_else(|| key_error("key's public exponent is out of range"))?;
        let rsa = RsaPublic::new(modulus, exponent)
            .ok_or_else(|| key_error("key is not a valid RSA key (even modulus or exponent)"))?;
        Ok(PublicKey {
            spki: spki_der_of(modulus, exponent_bytes)?,
            rsa: std::sync::Arc::new(rsa),
        })
    }

    /// The key as X.509 SubjectPublicKeyInfo DER, the form every host crypto API imports.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    /// The modulus length in bits.
    pub fn bits(&self) -> usize {
        self.rsa.bits()
    }

    /// The signature length in bytes this key expects.
    pub fn signature_len(&self) -> usize {
        self.rsa.len()
    }

    /// Checks `signature` (raw bytes) over `message`; `SIGNATURE_MISMATCH` when it does not hold.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        if self.rsa.verify(message, signature) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::SignatureMismatch,
                "signature does not match the signed string",
            ))
        }
    }
}

/// The SubjectPublicKeyInfo DER (rsaEncryption, NULL parameters) of a modulus and exponent.
fn spki_der_of(modulus: &[u8], exponent: &[u8]) -> Result<Vec<u8>> {
    use der::Encode as _;
    let encode = || -> std::result::Result<Vec<u8>, der::Error> {
        let pkcs1 = pkcs1::RsaPublicKey {
            modulus: der::asn1::UintRef::new(modulus)?,
            public_exponent: der::asn1::UintRef::new(exponent)?,
        }
        .to_der()?;
        spki::SubjectPublicKeyInfoRef {
            algorithm: spki::AlgorithmIdentifierRef {
                oid: der::asn1::ObjectIdentifier::new_unwrap(RSA_ENCRYPTION_OID),
                parameters: Some(der::asn1::AnyRef::NULL),
            },
            subject_public_key: der::asn1::BitStringRef::from_bytes(&pkcs1)?,
        }
        .to_der()
    };
    encode().map_err(|_| key_error("key could not be encoded as SubjectPublicKeyInfo"))
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
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .ok()
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

/// Decodes a signature written in `encoding` (`None`: hex or Base64, chosen by length as in
/// [`decode_signature`]), of one of the expected byte lengths.
pub fn decode_signature_as(
    text: &str,
    expected_lens: &[usize],
    encoding: Option<SignatureEncoding>,
) -> Result<Vec<u8>> {
    let Some(encoding) = encoding else {
        return decode_signature(text, expected_lens);
    };
    let text = strip_space(text);
    let bytes = match encoding {
        SignatureEncoding::Hex => decode_hex(&text).filter(|_| text.len() % 2 == 0),
        SignatureEncoding::Base64 => base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .ok(),
    };
    match bytes {
        Some(bytes) if expected_lens.is_empty() || expected_lens.contains(&bytes.len()) => {
            Ok(bytes)
        }
        _ => Err(Error::new(
            ErrorCode::InvalidSignatureEncoding,
            format!(
                "signature ({} characters) is not {} of {} bytes",
                text.len(),
                match encoding {
                    SignatureEncoding::Hex => "hex",
                    SignatureEncoding::Base64 => "Base64",
                },
                join(expected_lens)
            ),
        )),
    }
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

/// Bytes as lowercase hex.
pub(crate) fn encode_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
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
}
