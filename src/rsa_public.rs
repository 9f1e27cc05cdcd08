//! The RSA public-key operation of signature verification (RFC 8017 §5.2.2 RSAVP1 and §8.2.2
//! EMSA-PKCS1-v1_5 with SHA-256): `s^e mod n`, compared with the encoding the signer must have
//! made. Everything here is public (the key, the signature, the message), so the arithmetic is
//! variable-time: Montgomery arithmetic over 32-bit limbs (wasm has native 32×32→64 products),
//! the product and its reduction separate so that squarings, all but one step of a verify, compute
//! each cross product once; `R² mod n` is computed once per key. Private-key operations (the test signers) stay with the
//! `rsa` crate's constant-time arithmetic.
//!
//! Checked against independent implementations: Google's Wycheproof vectors (`tests/wycheproof.rs`),
//! the JDK's signatures (`tests/vectors.rs`), `num-bigint`'s `modpow` on random inputs (the tests
//! below) and OpenSSL through the package (`tests/node/engines.test.mjs`).

use sha2::{Digest as _, Sha256};

/// The DER prefix of a SHA-256 `DigestInfo` (RFC 8017 §9.2, note 1): what precedes the hash.
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// An RSA public key ready for verification: the modulus in little-endian 32-bit limbs with its
/// Montgomery constants, and the public exponent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RsaPublic {
    n: Vec<u32>,
    /// `-n⁻¹ mod 2³²`.
    n0_inv: u32,
    /// `R² mod n`, with `R = 2^(32·limbs)`.
    r2: Vec<u32>,
    e: u64,
    /// The modulus length in bytes: the signature length.
    len: usize,
}

/// Big-endian bytes to little-endian limbs, `k` of them (the bytes must fit).
fn limbs(bytes: &[u8], k: usize) -> Vec<u32> {
    let mut out = vec![0u32; k];
    for (limb, chunk) in out.iter_mut().zip(bytes.rchunks(4)) {
        *limb = chunk.iter().fold(0, |v, b| (v << 8) | u32::from(*b));
    }
    out
}

/// `a >= b` for equal-length limb slices.
fn at_least(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x > y;
        }
    }
    true
}

/// `a -= b` (equal lengths), the final borrow dropped.
fn subtract(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0i64;
    for (x, y) in a.iter_mut().zip(b) {
        let d = i64::from(*x) - i64::from(*y) + borrow;
        *x = d as u32;
        borrow = d >> 32;
    }
}

/// `x = 2x mod n` for `x < n`.
fn double_mod(x: &mut [u32], n: &[u32]) {
    let mut carry = 0u32;
    for limb in x.iter_mut() {
        let next = *limb >> 31;
        *limb = (*limb << 1) | carry;
        carry = next;
    }
    if carry == 1 || at_least(x, n) {
        subtract(x, n);
    }
}

impl RsaPublic {
    /// The key from its big-endian modulus (leading zeros allowed) and public exponent; `None`
    /// for a modulus that is even or below 2^32, or an exponent that is even, below 3, or not
    /// below the modulus.
    pub(crate) fn new(modulus: &[u8], exponent: u64) -> Option<Self> {
        let start = modulus.iter().position(|b| *b != 0)?;
        let modulus = modulus.get(start..)?;
        let len = modulus.len();
        let k = len.div_ceil(4);
        let n = limbs(modulus, k);
        let low = *n.first()?;
        if k < 2 || low & 1 == 0 || exponent < 3 || exponent & 1 == 0 {
            return None;
        }
        // The exponent must be below n: n has at least 33 bits here, so a u64 exponent is when
        // n has more than 64 bits (every real key); smaller test moduli are refused.
        if len <= 8 {
            return None;
        }
        // -n⁻¹ mod 2³² by Newton's iteration (each step doubles the correct low bits).
        let mut inverse: u32 = 1;
        for _ in 0..5 {
            inverse = inverse.wrapping_mul(2u32.wrapping_sub(low.wrapping_mul(inverse)));
        }
        let mut key = RsaPublic {
            n,
            n0_inv: inverse.wrapping_neg(),
            r2: Vec::new(),
            e: exponent,
            len,
        };
        key.r2 = key.r_squared();
        Some(key)
    }

    /// The modulus length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The modulus length in bits.
    pub(crate) fn bits(&self) -> usize {
        let top = self.n.last().copied().unwrap_or(0);
        self.n.len() * 32 - top.leading_zeros() as usize
    }

    /// `R² mod n`: `R mod n` by doubling `2^(bits−1)`, then `2^s·R` by `s` more doublings and
    /// `i` Montgomery squarings (each squares the power of two), where `s·2^i = 32k`.
    fn r_squared(&self) -> Vec<u32> {
        let k = self.n.len();
        let bits = self.bits();
        let mut x = vec![0u32; k];
        if let Some(limb) = x.get_mut((bits - 1) / 32) {
            *limb = 1 << ((bits - 1) % 32);
        }
        let zeros = k.trailing_zeros() as usize;
        let doublings = (32 * k - (bits - 1)) + (k >> zeros);
        for _ in 0..doublings {
            double_mod(&mut x, &self.n);
        }
        let mut scratch = vec![0u32; 2 * k + 1];
        let mut out = vec![0u32; k];
        for _ in 0..(5 + zeros) {
            self.square(&x, &mut scratch, &mut out);
            std::mem::swap(&mut x, &mut out);
        }
        x
    }

    /// `out = p·R⁻¹ mod n` (Montgomery reduction) for a product `p` of `2k + 1` limbs below
    /// `n·R`; `p` is consumed as scratch.
    fn reduce(&self, p: &mut [u32], out: &mut [u32]) {
        let k = self.n.len();
        let mut extra = 0u64;
        for i in 0..k {
            let Some(row) = p.get_mut(i..) else {
                return;
            };
            let m = u64::from(row.first().copied().unwrap_or(0).wrapping_mul(self.n0_inv));
            let mut carry = 0u64;
            for (p_j, &n_j) in row.iter_mut().zip(&self.n) {
                let s = u64::from(*p_j) + m * u64::from(n_j) + carry;
                *p_j = s as u32;
                carry = s >> 32;
            }
            if let Some(next) = row.get_mut(k) {
                let s = u64::from(*next) + carry + extra;
                *next = s as u32;
                extra = s >> 32;
            }
        }
        let Some(high) = p.get_mut(k..2 * k) else {
            return;
        };
        if extra != 0 || at_least(high, &self.n) {
            subtract(high, &self.n);
        }
        out.copy_from_slice(high);
    }

    /// `out = a·b·R⁻¹ mod n`; `p` is scratch of `2k + 1` limbs.
    fn multiply(&self, a: &[u32], b: &[u32], p: &mut [u32], out: &mut [u32]) {
        p.fill(0);
        for (i, &a_i) in a.iter().enumerate() {
            let Some(row) = p.get_mut(i..) else {
                return;
            };
            let a_i = u64::from(a_i);
            let mut carry = 0u64;
            for (p_j, &b_j) in row.iter_mut().zip(b) {
                let s = u64::from(*p_j) + a_i * u64::from(b_j) + carry;
                *p_j = s as u32;
                carry = s >> 32;
            }
            if let Some(next) = row.get_mut(b.len()) {
                *next = carry as u32;
            }
        }
        self.reduce(p, out);
    }

    /// `out = a²·R⁻¹ mod n`: each cross product computed once and doubled (a quarter fewer
    /// multiplications than [`RsaPublic::multiply`]); `p` is scratch of `2k + 1` limbs.
    fn square(&self, a: &[u32], p: &mut [u32], out: &mut [u32]) {
        p.fill(0);
        for (i, &a_i) in a.iter().enumerate() {
            let (Some(row), Some(rest)) = (p.get_mut(2 * i + 1..), a.get(i + 1..)) else {
                return;
            };
            let a_i = u64::from(a_i);
            let mut carry = 0u64;
            for (p_j, &a_j) in row.iter_mut().zip(rest) {
                let s = u64::from(*p_j) + a_i * u64::from(a_j) + carry;
                *p_j = s as u32;
                carry = s >> 32;
            }
            if let Some(next) = row.get_mut(rest.len()) {
                *next = carry as u32;
            }
        }
        let mut shifted = 0u32;
        for limb in p.iter_mut() {
            let top = *limb >> 31;
            *limb = (*limb << 1) | shifted;
            shifted = top;
        }
        let mut carry = 0u64;
        for (pair, &a_i) in p.chunks_exact_mut(2).zip(a) {
            if let [low, high] = pair {
                let square = u64::from(a_i) * u64::from(a_i);
                let s = u64::from(*low) + (square & 0xffff_ffff) + carry;
                *low = s as u32;
                let s = u64::from(*high) + (square >> 32) + (s >> 32);
                *high = s as u32;
                carry = s >> 32;
            }
        }
        self.reduce(p, out);
    }

    /// `s^e mod n` as big-endian bytes of the modulus length; `None` when `s ≥ n`.
    pub(crate) fn raw_verify(&self, signature: &[u8]) -> Option<Vec<u8>> {
        let k = self.n.len();
        if signature.len() != self.len {
            return None;
        }
        let s = limbs(signature, k);
        if at_least(&s, &self.n) {
            return None;
        }
        let mut scratch = vec![0u32; 2 * k + 1];
        let mut base = vec![0u32; k];
        self.multiply(&s, &self.r2, &mut scratch, &mut base);
        let mut acc = base.clone();
        let mut tmp = vec![0u32; k];
        let top = 63 - self.e.leading_zeros();
        for bit in (0..top).rev() {
            self.square(&acc, &mut scratch, &mut tmp);
            std::mem::swap(&mut acc, &mut tmp);
            if (self.e >> bit) & 1 == 1 {
                self.multiply(&acc, &base, &mut scratch, &mut tmp);
                std::mem::swap(&mut acc, &mut tmp);
            }
        }
        // Out of Montgomery form: reduce the value itself (a product with 1).
        scratch.fill(0);
        if let Some(low) = scratch.get_mut(..k) {
            low.copy_from_slice(&acc);
        }
        self.reduce(&mut scratch, &mut tmp);
        let mut out = Vec::with_capacity(4 * k);
        for limb in tmp.iter().rev() {
            out.extend_from_slice(&limb.to_be_bytes());
        }
        Some(out.split_off(4 * k - self.len))
    }

    /// True when `signature` is a SHA256withRSA (PKCS#1 v1.5) signature of `message`: `s^e mod n`
    /// must be exactly `00 01 FF…FF 00 ‖ DigestInfo(SHA-256) ‖ H(message)`.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        let Some(encoded) = self.raw_verify(signature) else {
            return false;
        };
        let tail = SHA256_DIGEST_INFO.len() + 32;
        // At least 8 bytes of padding (RFC 8017 §9.2 step 3).
        let Some(padding) = self.len.checked_sub(tail + 3).filter(|p| *p >= 8) else {
            return false;
        };
        let mut expected = Vec::with_capacity(self.len);
        expected.extend_from_slice(&[0x00, 0x01]);
        expected.resize(2 + padding, 0xff);
        expected.push(0x00);
        expected.extend_from_slice(&SHA256_DIGEST_INFO);
        expected.extend_from_slice(&Sha256::digest(message));
        encoded == expected
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    /// A deterministic byte stream (xorshift), so failures reproduce.
    fn bytes(seed: &mut u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                (*seed >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn modular_exponentiation_agrees_with_num_bigint() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        let mut compared = 0;
        for len in [9, 12, 33, 64, 100, 128, 256, 384, 512] {
            for round in 0..6 {
                let mut modulus = bytes(&mut seed, len);
                modulus[0] |= if round % 2 == 0 { 0x80 } else { 0x01 };
                modulus[len - 1] |= 1;
                let exponent = [3u64, 65537, 17, 0x1_0000_0001][round % 4];
                let key = RsaPublic::new(&modulus, exponent).expect("valid modulus");
                let n = BigUint::from_bytes_be(&modulus);
                for _ in 0..3 {
                    let mut s = bytes(&mut seed, len);
                    s[0] &= 0x7f >> (round % 2 * 6);
                    let s_int = BigUint::from_bytes_be(&s);
                    if s_int >= n {
                        assert_eq!(key.raw_verify(&s), None);
                        continue;
                    }
                    let want = s_int.modpow(&BigUint::from(exponent), &n).to_bytes_be();
                    let got = key.raw_verify(&s).expect("s < n");
                    assert_eq!(BigUint::from_bytes_be(&got), BigUint::from_bytes_be(&want));
                    assert_eq!(got.len(), len);
                    compared += 1;
                }
            }
        }
        assert!(compared > 100, "compared {compared}");
    }

    #[test]
    fn refuses_unusable_keys_and_signatures() {
        let mut modulus = vec![0xc5u8; 256];
        modulus[255] = 0xc4;
        assert!(RsaPublic::new(&modulus, 65537).is_none(), "even modulus");
        modulus[255] = 0xc5;
        assert!(RsaPublic::new(&modulus, 65536).is_none(), "even exponent");
        assert!(RsaPublic::new(&modulus, 1).is_none(), "exponent 1");
        let key = RsaPublic::new(&modulus, 65537).expect("key");
        assert_eq!(key.raw_verify(&[0u8; 255]), None, "short signature");
        assert_eq!(key.raw_verify(&modulus), None, "s = n");
        assert!(!key.verify(b"m", &[0u8; 256]));
        let mut padded = vec![0u8; 2];
        padded.extend_from_slice(&modulus);
        assert_eq!(RsaPublic::new(&padded, 65537).map(|k| k.len()), Some(256));
    }
}
