//! The RSA public-key operation of signature verification (RFC 8017 §5.2.2 RSAVP1 and §8.2.2
//! EMSA-PKCS1-v1_5 with SHA-256): `s^e mod n`, compared with the encoding the signer must have
//! made. Everything here is public (the key, the signature, the message), so the arithmetic is
//! variable-time. Private-key operations (the test signers) stay with the `rsa` crate's
//! constant-time arithmetic.
//!
//! Montgomery multiplication by rows (each row adds `a[i]·b + m[i]·n`, `m[i]` chosen to clear limb
//! `i`) over limbs of 28 bits — 26 for keys above 3556 bits — held in 32-bit words, into 64-bit
//! column sums: no column can overflow, so the rows carry nothing between limbs and only the
//! cleared limb's carry moves up. In WebAssembly a row runs four limbs at a time with SIMD
//! (`i64x2.extmul` of 32-bit lanes: two products per instruction). `R² mod n` is computed once per
//! key.
//!
//! Checked against independent implementations: Google's Wycheproof vectors (`tests/wycheproof.rs`),
//! the JDK's signatures (`tests/vectors.rs`), `num-bigint`'s `modpow` on random inputs (the tests
//! below) and OpenSSL through the package (`tests/node/engines.test.mjs`, which also runs the
//! WebAssembly SIMD path).

use sha2::{Digest as _, Sha256};

/// The DER prefix of a SHA-256 `DigestInfo` (RFC 8017 §9.2, note 1): what precedes the hash.
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// An RSA public key ready for verification: the modulus in little-endian limbs of `width` bits,
/// its Montgomery constants, and the public exponent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RsaPublic {
    n: Vec<u32>,
    /// `n` followed by zeros up to a multiple of four limbs (a row's length).
    n_padded: Vec<u32>,
    /// Zeros, in a field so that the compiler cannot see them (`row` explains why).
    opaque_zero: [u32; 4],
    /// Bits per limb.
    width: u32,
    /// `-n⁻¹ mod 2^width`.
    n0_inv: u32,
    /// `R² mod n`, with `R = 2^(width·limbs)`.
    r2: Vec<u32>,
    e: u64,
    /// The modulus length in bytes: the signature length.
    len: usize,
}

/// `length` rounded up to whole vectors of four limbs.
fn whole_lanes(length: usize) -> usize {
    (length + 3) & !3
}

/// The limb width for a modulus of `bits` bits: the widest for which a column of a product and
/// its reduction (at most `2k` products below `2^(2·width)`, plus a carry below `2^(64−width)`)
/// cannot overflow 64 bits.
fn limb_width(bits: usize) -> u32 {
    if bits.div_ceil(28) <= 127 { 28 } else { 26 }
}

/// Big-endian bytes to little-endian limbs of `width` bits: at least `k` of them, more when the
/// bytes hold more bits.
fn to_limbs(bytes: &[u8], width: u32, k: usize) -> Vec<u32> {
    let mask = (1u64 << width) - 1;
    let mut out = Vec::with_capacity(k);
    let (mut buffer, mut held) = (0u64, 0u32);
    for byte in bytes.iter().rev() {
        buffer |= u64::from(*byte) << held;
        held += 8;
        if held >= width {
            out.push((buffer & mask) as u32);
            buffer >>= width;
            held -= width;
        }
    }
    if held > 0 {
        out.push(buffer as u32);
    }
    if out.len() < k {
        out.resize(k, 0);
    }
    out
}

/// Limbs of `width` bits to `len` big-endian bytes (the value must fit).
fn to_bytes(limbs: &[u32], width: u32, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    let (mut buffer, mut held) = (0u64, 0u32);
    for limb in limbs {
        buffer |= u64::from(*limb) << held;
        held += width;
        while held >= 8 {
            out.push(buffer as u8);
            buffer >>= 8;
            held -= 8;
        }
    }
    out.push(buffer as u8);
    out.resize(len, 0);
    out.reverse();
    out
}

/// `a >= b` for limb slices (the longer one's extra limbs compared with zero).
fn at_least(a: &[u32], b: &[u32]) -> bool {
    let k = a.len().max(b.len());
    for i in (0..k).rev() {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x > y;
        }
    }
    true
}

/// `a -= b` in limbs of `width` bits (`a ≥ b`; `b` may be shorter).
fn subtract(a: &mut [u32], b: &[u32], width: u32) {
    let mask = (1i64 << width) - 1;
    let mut borrow = 0i64;
    for (i, x) in a.iter_mut().enumerate() {
        let d = i64::from(*x) - i64::from(b.get(i).copied().unwrap_or(0)) + borrow;
        *x = (d & mask) as u32;
        borrow = d >> width;
    }
}

/// One row of a Montgomery product: `t[j] += a·b[j] + m·n[j]` for every `j` (`t`, `b` and `n` of
/// equal length, a multiple of four); the caller keeps each entry below 2^64.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn row(t: &mut [u64], a: u32, b: &[u32], m: u32, n: &[u32], _opaque: [u32; 4]) {
    let (a, m) = (u64::from(a), u64::from(m));
    for ((t, b), n) in t.iter_mut().zip(b).zip(n) {
        *t += a * u64::from(*b) + m * u64::from(*n);
    }
}

/// One row of a Montgomery product: `t[j] += a·b[j] + m·n[j]` for every `j` (`t`, `b` and `n` of
/// equal length, a multiple of four), four lanes at a time with WebAssembly SIMD; the caller keeps
/// each entry below 2^64. `opaque` is zeros: see below.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
#[inline]
fn row(t: &mut [u64], a: u32, b: &[u32], m: u32, n: &[u32], opaque: [u32; 4]) {
    use core::arch::wasm32::{
        i64x2_add, u32x4, u32x4_splat, u64x2, u64x2_extmul_high_u32x4, u64x2_extmul_low_u32x4,
        u64x2_extract_lane, v128_and, v128_xor,
    };
    // Given a vector straight from memory or a splat of a 32-bit value, LLVM turns `extmul` (one
    // multiplication instruction per pair in the engines) into zero extensions and an
    // `i64x2.mul`, which engines run as several. A xor with zeros it cannot know are zeros (four
    // lanes read at run time, so it cannot know they are equal either) keeps the `extmul`.
    let [o0, o1, o2, o3] = opaque;
    let opaque = u32x4(o0, o1, o2, o3);
    let (mut a, mut m) = (u32x4_splat(a), u32x4_splat(m));
    for ((t, b), n) in t
        .chunks_exact_mut(4)
        .zip(b.chunks_exact(4))
        .zip(n.chunks_exact(4))
    {
        if let ([t0, t1, t2, t3], [b0, b1, b2, b3], [n0, n1, n2, n3]) = (t, b, n) {
            let b = v128_xor(u32x4(*b0, *b1, *b2, *b3), opaque);
            let n = v128_xor(u32x4(*n0, *n1, *n2, *n3), opaque);
            let low = i64x2_add(
                u64x2(*t0, *t1),
                i64x2_add(u64x2_extmul_low_u32x4(a, b), u64x2_extmul_low_u32x4(m, n)),
            );
            let high = i64x2_add(
                u64x2(*t2, *t3),
                i64x2_add(u64x2_extmul_high_u32x4(a, b), u64x2_extmul_high_u32x4(m, n)),
            );
            // Zero again, but from this iteration's values, so that the multipliers are not
            // loop-invariant either (hoisted out of the loop, they lose their `extmul`).
            let zero = v128_and(b, opaque);
            (a, m) = (v128_xor(a, zero), v128_xor(m, zero));
            (*t0, *t1) = (u64x2_extract_lane::<0>(low), u64x2_extract_lane::<1>(low));
            (*t2, *t3) = (u64x2_extract_lane::<0>(high), u64x2_extract_lane::<1>(high));
        }
    }
}

impl RsaPublic {
    /// The key from its big-endian modulus (leading zeros allowed) and public exponent; `None`
    /// for a modulus that is even or of 8 bytes or fewer, or an exponent that is even or below 3.
    pub(crate) fn new(modulus: &[u8], exponent: u64) -> Option<Self> {
        let start = modulus.iter().position(|b| *b != 0)?;
        let modulus = modulus.get(start..)?;
        let len = modulus.len();
        // The exponent must be below n: with more than 8 bytes of modulus, any u64 exponent is.
        if len <= 8 || modulus.last()? & 1 == 0 || exponent < 3 || exponent & 1 == 0 {
            return None;
        }
        let bits = 8 * len - modulus.first()?.leading_zeros() as usize;
        let width = limb_width(bits);
        let k = bits.div_ceil(width as usize);
        let n = to_limbs(modulus, width, k);
        let low = *n.first()?;
        // -n⁻¹ mod 2³² by Newton's iteration (each step doubles the correct low bits).
        let mut inverse: u32 = 1;
        for _ in 0..5 {
            inverse = inverse.wrapping_mul(2u32.wrapping_sub(low.wrapping_mul(inverse)));
        }
        let mut n_padded = n.clone();
        n_padded.resize(whole_lanes(k), 0);
        let mut key = RsaPublic {
            n,
            n_padded,
            opaque_zero: [0; 4],
            width,
            n0_inv: inverse.wrapping_neg() & ((1 << width) - 1),
            r2: Vec::new(),
            e: exponent,
            len,
        };
        key.r2 = key.r_squared(bits);
        Some(key)
    }

    /// The modulus length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The modulus length in bits.
    pub(crate) fn bits(&self) -> usize {
        let top = self.n.last().copied().unwrap_or(0);
        (self.n.len() - 1) * self.width as usize + (32 - top.leading_zeros() as usize)
    }

    /// `R² mod n`: `R mod n` by doubling `2^(bits−1)`, then `2^s·R` by `s` more doublings and
    /// `i` Montgomery squarings (each squares the power of two), where `s·2^i = width·k`.
    fn r_squared(&self, bits: usize) -> Vec<u32> {
        let k = self.n.len();
        let width = self.width as usize;
        let mut x = vec![0u32; k + 1];
        if let Some(limb) = x.get_mut((bits - 1) / width) {
            *limb = 1 << ((bits - 1) % width);
        }
        let total = width * k;
        let squarings = total.trailing_zeros() as usize;
        let doublings = (total - (bits - 1)) + (total >> squarings);
        for _ in 0..doublings {
            let mut carry = 0u32;
            for limb in x.iter_mut() {
                let doubled = (*limb << 1) | carry;
                carry = doubled >> self.width;
                *limb = doubled & ((1 << self.width) - 1);
            }
            if at_least(&x, &self.n) {
                subtract(&mut x, &self.n, self.width);
            }
        }
        // x < n: the carry limb is zero.
        x.truncate(k);
        x.resize(whole_lanes(k), 0);
        let (mut out, mut t) = (self.operand(), self.scratch());
        for _ in 0..squarings {
            self.multiply(&x, &x, &mut t, &mut out);
            std::mem::swap(&mut x, &mut out);
        }
        x
    }

    /// `out = t mod n` for `t = out` of `k` limbs plus `top` (below `2n`).
    fn finish(&self, out: &mut [u32], top: u64) {
        let Some(out) = out.get_mut(..self.n.len()) else {
            return;
        };
        // With a top limb, t ≥ R > n, and the subtraction's borrow cancels that limb.
        if top != 0 || at_least(out, &self.n) {
            subtract(out, &self.n, self.width);
        }
    }

    /// A zeroed operand: `k` limbs, then zeros up to a multiple of four.
    fn operand(&self) -> Vec<u32> {
        vec![0u32; whole_lanes(self.n.len())]
    }

    /// Zeroed scratch for [`RsaPublic::multiply`].
    fn scratch(&self) -> Vec<u64> {
        // Row k − 1 reaches limb k − 1 + whole_lanes(k); the result is read from limbs k..2k.
        vec![0u64; self.n.len() + whole_lanes(self.n.len())]
    }

    /// `out = a·b·R⁻¹ mod n` (`a`, `b` below `n`, each an [`RsaPublic::operand`]), by rows: row
    /// `i` adds `a[i]·b + m[i]·n` at limb `i`, with `m[i]` chosen to clear that limb, whose carry
    /// then moves up. `t` is [`RsaPublic::scratch`].
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    fn multiply(&self, a: &[u32], b: &[u32], t: &mut [u64], out: &mut [u32]) {
        let k = self.n.len();
        let (mask, length) = ((1u32 << self.width) - 1, whole_lanes(k));
        let b_0 = b.first().copied().unwrap_or(0);
        t.fill(0);
        for (i, &a_i) in a.iter().take(k).enumerate() {
            let low = t.get(i).copied().unwrap_or(0) + u64::from(a_i) * u64::from(b_0);
            let m_i = (low as u32).wrapping_mul(self.n0_inv) & mask;
            if let (Some(t), Some(b), Some(n)) = (
                t.get_mut(i..i + length),
                b.get(..length),
                self.n_padded.get(..length),
            ) {
                row(t, a_i, b, m_i, n, self.opaque_zero);
            }
            let carry = t.get(i).copied().unwrap_or(0) >> self.width;
            if let Some(next) = t.get_mut(i + 1) {
                *next += carry;
            }
            debug_assert_eq!(
                t.get(i).copied().unwrap_or(0) & u64::from(mask),
                0,
                "row {i} cleared its limb"
            );
        }
        let mut carry = 0u64;
        for (limb, column) in out.iter_mut().zip(t.iter().skip(k)).take(k) {
            let value = column + carry;
            *limb = (value as u32) & mask;
            carry = value >> self.width;
        }
        self.finish(out, carry);
    }

    /// `s^e mod n` as big-endian bytes of the modulus length; `None` when `s ≥ n`.
    pub(crate) fn raw_verify(&self, signature: &[u8]) -> Option<Vec<u8>> {
        let k = self.n.len();
        if signature.len() != self.len {
            return None;
        }
        let mut s = to_limbs(signature, self.width, k);
        if at_least(&s, &self.n) {
            return None;
        }
        // s < n: any limbs past k are zero.
        s.truncate(k);
        s.resize(whole_lanes(k), 0);
        let mut t = self.scratch();
        let (mut acc, mut tmp) = (self.operand(), self.operand());
        self.multiply(&s, &self.r2, &mut t, &mut acc);
        let base = acc.clone();
        // Left to right over the exponent's bits below the top one. The last bit is always set
        // (e is odd), and its multiplication uses `s` itself rather than `s·R`, which also takes
        // the result out of Montgomery form.
        let top = 63 - self.e.leading_zeros();
        for bit in (0..top).rev() {
            self.multiply(&acc, &acc, &mut t, &mut tmp);
            std::mem::swap(&mut acc, &mut tmp);
            if (self.e >> bit) & 1 == 1 {
                let factor = if bit == 0 { &s } else { &base };
                self.multiply(&acc, factor, &mut t, &mut tmp);
                std::mem::swap(&mut acc, &mut tmp);
            }
        }
        Some(to_bytes(acc.get(..k)?, self.width, self.len))
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
        // 444 and 445 bytes straddle the change from 28- to 26-bit limbs (3556 bits).
        for len in [9, 12, 33, 64, 100, 128, 256, 384, 444, 445, 512, 1024] {
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

    /// All-ones moduli and signatures just below them make every limb its largest: in a debug
    /// build an accumulator overflow would panic, at the largest limb count of each width.
    #[test]
    fn largest_limbs_do_not_overflow_a_column() {
        for len in [256, 444, 445, 1024] {
            let modulus = vec![0xffu8; len];
            let key = RsaPublic::new(&modulus, 65537).expect("odd modulus");
            let n = BigUint::from_bytes_be(&modulus);
            for below in [1u32, 2, 0x1234_5678] {
                let s = &n - BigUint::from(below);
                let mut signature = s.to_bytes_be();
                while signature.len() < len {
                    signature.insert(0, 0);
                }
                let want = s.modpow(&BigUint::from(65537u32), &n);
                let got = key.raw_verify(&signature).expect("s < n");
                assert_eq!(BigUint::from_bytes_be(&got), want, "len {len}, n − {below}");
            }
        }
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
