// The decode cases of tests/data/decode-cases.json (also run by tests/decode.rs) through the
// built package, by `require`: same events, same error codes, plus the JS-only `payload`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSubset } from './subset.mjs';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';

const cardhook = createRequire(import.meta.url)('../../pkg/index.cjs');
const { cases } = JSON.parse(readFileSync(new URL('../data/decode-cases.json', import.meta.url), 'utf8'));

/** The dialects the decode cases with an `expect` read as, sorted. */
function decodedDialects() {
  const read = new Set();
  for (const c of cases.filter((c) => c.expect)) read.add(cardhook.decode(c.body, { headers: c.headers, dialect: c.dialect }).dialect);
  return [...read].sort();
}

/**
 * `{dialect: credential}` from tests/vectors/*.json: every registered dialect, with the
 * credential its valid vectors carry (`publicKey` or `secret`), or null when it has none. A
 * vector without a `dialect` (a file of one dialect's vectors) is for the dialect its body reads as.
 */
function vectorCredentials() {
  const out = Object.fromEntries(cardhook.dialects().map((d) => [d.id, null]));
  const dir = new URL('../vectors/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const vectors = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    for (const c of vectors.cases ?? []) {
      if ((c.expect !== undefined && c.expect !== 'ok') || c.dialect === 'custom') continue;
      const dialect = c.dialect ?? cardhook.decode(c.body, { headers: c.headers }).dialect;
      const credential = c.publicKey || c.key ? 'publicKey' : c.secret ? 'secret' : null;
      if (credential === null) continue;
      assert.ok(out[dialect] === null || out[dialect] === credential, `${file}: ${c.name} signs ${dialect} with a ${credential}`);
      out[dialect] = credential;
    }
  }
  return out;
}

test('every decode case gives the same result through the package', () => {
  assert.ok(cases.length > 100, `only ${cases.length} cases`);
  let ran = 0;
  for (const c of cases) {
    const run = () => cardhook.decode(c.body, { headers: c.headers, dialect: c.dialect });
    if (c.expect) {
      const event = run();
      assertSubset(c.expect, event, c.name);
      assert.equal(event.verified, false, c.name);
      assert.deepEqual(event.payload, JSON.parse(c.body), `${c.name}: payload is JSON.parse(body)`);
    } else {
      assert.throws(run, (err) => {
        assert.ok(err instanceof cardhook.WebhookError, `${c.name}: ${err}`);
        assert.equal(err.code, c.error, `${c.name}: ${err.message}`);
        if (c.errorIncludes) assert.ok(err.message.includes(c.errorIncludes), `${c.name}: ${err.message}`);
        return true;
      });
    }
    ran++;
  }
  assert.equal(ran, cases.length);
});

test('verify refuses unsigned dialects with UNSIGNED_DIALECT', () => {
  const key = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8')).keys.rsa2048.publicKeyPem;
  const unsigned = cardhook.dialects().filter((d) => !d.signed).map((d) => d.id);
  assert.ok(unsigned.length >= 2, `unsigned dialects: ${unsigned}`);
  for (const dialect of unsigned) {
    const c = cases.find((c) => c.expect?.dialect === dialect);
    assert.ok(c, `${dialect}: add a decode case whose expect names it`);
    assert.throws(() => cardhook.verify(c.body, { dialect, publicKey: key }), (e) => e.code === 'UNSIGNED_DIALECT', dialect);
    assert.throws(() => new cardhook.Verifier({ credentials: { [dialect]: { secret: 's' } } }), (e) => e.code === 'UNSIGNED_DIALECT', dialect);
  }
  // A upay push may be unsigned, but a verifier of upay holds its secret: a push without
  // X-UPA-SIGN is refused, never passed as verified (decode reads it).
  const upay = cases.find((c) => c.expect?.dialect === 'upay');
  assert.throws(() => cardhook.verify(upay.body, { dialect: 'upay', secret: 's' }), (e) => e.code === 'MISSING_HEADER');
});

test('ack for every dialect', () => {
  assert.deepEqual(cardhook.ack('openapi-notify'), { status: 200, headers: { 'content-type': 'application/json' }, body: '{"code":0,"message":"success"}' });
  assert.deepEqual(cardhook.ack('upay'), { status: 200, headers: { 'content-type': 'text/plain' }, body: 'SUCCESS' });
  assert.deepEqual(cardhook.ack('nobepay'), { status: 200, headers: { 'content-type': 'text/plain' }, body: '' });
  assert.throws(() => cardhook.ack('nope'), (e) => e.code === 'UNKNOWN_DIALECT');
  assert.deepEqual(cardhook.ack('onerway-v2'), cardhook.ack('onerway'));
  assert.deepEqual(cardhook.ack('alchemypay-v2'), { status: 200, headers: { 'content-type': 'text/plain' }, body: '' });
  assert.deepEqual(cardhook.ack('wasabicard'), { status: 200, headers: { 'content-type': 'application/json' }, body: '{"success":true,"code":200,"msg":null,"data":null}' });
  assert.deepEqual(cardhook.ack('uqpay'), { status: 200, headers: { 'content-type': 'text/plain' }, body: '' });
  // The registry is exactly the dialects the decode cases read as (a dialect comes with its cases).
  assert.deepEqual(cardhook.dialects().map((d) => d.id).sort(), decodedDialects());
  assert.deepEqual(cardhook.dialects().find((d) => d.id === 'wasabicard').retryAfterSeconds, [60, 300, 1200, 3600, 43200, 86400]);
  // Each dialect's credential is the one its independently signed vectors verify with; none
  // for a dialect without vectors (an unsigned one).
  assert.deepEqual(Object.fromEntries(cardhook.dialects().map((d) => [d.id, d.credential])), vectorCredentials());
});
