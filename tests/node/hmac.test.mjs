// The HMAC dialects' node:crypto-signed vectors (also run by tests/hmac.rs) through the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOutcome, credentialOptions } from './subset.mjs';
import { readFileSync } from 'node:fs';
import { dialects, verify, Verifier } from '../../pkg/node.mjs';

const { cases } = JSON.parse(readFileSync(new URL('../vectors/hmac.json', import.meta.url), 'utf8'));
const rsaKey = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8')).keys.rsa2048.publicKeyPem;

function verifierOptions(c) {
  return {
    ...credentialOptions(dialects, c.dialect, c.publicKeyOnly ? { publicKey: rsaKey } : { secret: c.secret }),
    toleranceSeconds: c.toleranceSeconds,
  };
}

const callOptions = (c) => ({ headers: c.headers, now: c.now });
const options = (c) => ({ ...verifierOptions(c), ...callOptions(c) });

test('every HMAC vector gives the expected event or error code, sync and async', async () => {
  assert.ok(cases.length >= 40);
  let ran = 0;
  for (const c of cases) {
    for (const run of [() => verify(c.body, options(c)), () => new Verifier(verifierOptions(c)).verifyAsync(c.body, callOptions(c))]) {
      const event = await checkOutcome(c, run);
      if (event) assert.deepEqual(event.payload, JSON.parse(c.body));
      ran++;
    }
  }
  assert.equal(ran, cases.length * 2);
});

test('now accepts a Date; the default is the current time', () => {
  const c = cases.find((c) => c.name === 'onerway-v2 card operate: valid');
  assert.equal(verify(c.body, { ...options(c), now: new Date(c.now) }).verified, true);
  assert.throws(() => verify(c.body, { ...options(c), now: undefined }), (e) => e.code === 'TIMESTAMP_TOO_OLD');
  assert.throws(() => verify(c.body, { ...options(c), now: 'soon' }), (e) => e.code === 'INVALID_OPTION');
});
