// Trap recovery, on the test build of the package (target/pkg-test: the same package around a
// module built with the `test-hooks` feature, where decoding `{"cardhook":"trap"}` traps). A trap
// must surface as INTERNAL, wasm-bindgen's reset must give a fresh instance, and verifiers made
// before it must keep working. The published package must have no such hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as cardhook from '../../target/pkg-test/node.mjs';
import * as published from '../../pkg/node.mjs';

const rsa = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const hmac = JSON.parse(readFileSync(new URL('../vectors/hmac.json', import.meta.url), 'utf8'));
const decodeCases = JSON.parse(readFileSync(new URL('../data/decode-cases.json', import.meta.url), 'utf8')).cases;
const good = rsa.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = rsa.keys.rsa2048.publicKeyPem;
const TRAP = '{"cardhook":"trap"}';
const trap = () => cardhook.decode(TRAP);

test('a trap is reported as INTERNAL and the module is replaced, keeping verifiers usable', async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey, engine: 'wasm' });
  const hostVerifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  const hmacVerifier = new cardhook.Verifier({ dialect: 'onerway-v2', secret: 'whk_test_4f1c2b9e8d7a6c5b' });
  assert.equal(verifier.verify(good.body).verified, true);
  const c = hmac.cases.find((x) => x.name === 'onerway-v2 card operate: valid');
  for (let round = 0; round < 3; round++) {
    assert.throws(trap, (e) => e instanceof cardhook.WebhookError && e.code === 'INTERNAL' && /fresh instance/.test(e.message));
    // Verifiers made before the trap are rebuilt on the fresh instance and keep working.
    assert.equal(verifier.verify(good.body).verified, true);
    assert.equal(hostVerifier.verify(good.body).verified, true);
    assert.equal((await hostVerifier.verifyAsync(good.body)).verified, true);
    assert.throws(() => verifier.verify(good.body.replace('50.00', '51.00')), (e) => e.code === 'SIGNATURE_MISMATCH');
    assert.equal(cardhook.decode(decodeCases[0].body).dialect, 'openapi-notify');
    assert.equal(cardhook.canonicalize(good.body), good.canonical);
    assert.equal(hmacVerifier.verify(c.body, { headers: c.headers, now: c.now }).verified, true);
  }
  // Many verifiers across traps: none frees memory of the wrong instance (would corrupt it).
  for (let i = 0; i < 200; i++) new cardhook.Verifier({ dialect: 'onerway', publicKey });
  assert.throws(trap, (e) => e.code === 'INTERNAL');
  globalThis.gc?.();
  assert.equal(new cardhook.Verifier({ dialect: 'onerway', publicKey }).verify(good.body).verified, true);
});

test('a verifyAsync awaiting WebCrypto survives a trap elsewhere', async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  const { subtle } = globalThis.crypto;
  const original = subtle.verify;
  let trapped = 0;
  // Trap another call while this verification awaits WebCrypto, between prepare and finish.
  subtle.verify = function (...args) {
    subtle.verify = original;
    assert.throws(trap, (e) => e.code === 'INTERNAL');
    trapped++;
    return original.apply(this, args);
  };
  try {
    assert.equal((await verifier.verifyAsync(good.body)).verified, true);
  } finally {
    subtle.verify = original;
  }
  assert.equal(trapped, 1);
});

test('the published module has no test hook', () => {
  assert.throws(() => published.decode(TRAP), (e) => e.code === 'UNKNOWN_DIALECT');
  const glue = readFileSync(new URL('../../pkg/cardhook_glue.js', import.meta.url), 'utf8');
  assert.doesNotMatch(glue, /trap/i);
});
