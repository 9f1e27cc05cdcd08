// The pure-WebAssembly RSA verification (`engine: 'wasm'`: Montgomery rows in SIMD, limb width
// chosen by key size) against node:crypto's signatures, over fresh keys of many sizes — including
// sizes that are not multiples of 8, 32 or 28 bits and both sides of the 3556-bit change from
// 28- to 26-bit limbs — and several public exponents. Each key: random bodies signed by OpenSSL
// must verify, a changed signature byte must not, and the largest signature below the modulus
// must be refused cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { Verifier } from '../../pkg/node.mjs';

const scheme = { algorithm: 'rsa-sha256', signature: { header: 'X-Sign' }, encoding: 'base64', signed: 'body' };
const keys = [
  [1024, 65537], [1536, 3], [2047, 65537], [2048, 65537], [2048, 3], [2056, 17], [3072, 65537],
  [3556, 65537], [3557, 65537], [4096, 65537], [4096, 4294967295],
];

function outcome(fn) {
  try {
    return fn().verified ? 'verified' : 'unverified';
  } catch (err) {
    if (err?.name !== 'WebhookError') throw err;
    return err.code;
  }
}

test('wasm RSA agrees with node:crypto over keys of many sizes and exponents', () => {
  let checked = 0;
  for (const [modulusLength, publicExponent] of keys) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength, publicExponent });
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    const opts = { scheme, publicKey: pem, allowWeakKeys: modulusLength < 2048 };
    const wasm = new Verifier({ ...opts, engine: 'wasm' });
    const host = new Verifier(opts);
    const modulus = Buffer.from(publicKey.export({ format: 'jwk' }).n, 'base64url');
    for (let i = 0; i < 12; i++) {
      const body = JSON.stringify({ id: `e${i}`, type: 't', note: randomBytes(16 + i * 9).toString('hex') });
      const signature = sign('sha256', Buffer.from(body), privateKey);
      const headers = { 'X-Sign': signature.toString('base64') };
      const what = `${modulusLength}-bit key, e = ${publicExponent}, body ${i}`;
      assert.equal(outcome(() => wasm.verify(body, { headers })), 'verified', what);
      signature[i % signature.length] ^= 1 << (i % 8);
      const changed = { 'X-Sign': signature.toString('base64') };
      const want = outcome(() => host.verify(body, { headers: changed }));
      assert.notEqual(want, 'verified', what);
      assert.equal(outcome(() => wasm.verify(body, { headers: changed })), want, `${what}, changed signature`);
      checked++;
    }
    // s = n − 1: every limb of the arithmetic at its largest; s = n: out of range.
    const largest = Buffer.from(modulus);
    largest[largest.length - 1] -= 1;
    for (const s of [largest, modulus]) {
      const headers = { 'X-Sign': s.toString('base64') };
      assert.equal(outcome(() => wasm.verify('{"id":"x"}', { headers })), outcome(() => host.verify('{"id":"x"}', { headers })));
    }
  }
  assert.ok(checked >= keys.length * 12, `checked ${checked}`);
});
