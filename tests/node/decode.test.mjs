// The decode cases of tests/data/decode-cases.json (also run by tests/decode.rs) through the
// built package, by `require`: same events, same error codes, plus the JS-only `payload`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSubset } from './subset.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const cardhook = createRequire(import.meta.url)('../../pkg/index.cjs');
const { cases } = JSON.parse(readFileSync(new URL('../data/decode-cases.json', import.meta.url), 'utf8'));

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
  for (const dialect of ['openapi-notify', 'nobepay']) {
    const c = cases.find((c) => c.expect?.dialect === dialect);
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
  assert.deepEqual(cardhook.dialects().map((d) => d.id).sort(), ['alchemypay-v2', 'nobepay', 'onerway', 'onerway-v2', 'openapi-notify', 'upay', 'uqpay', 'wasabicard']);
  assert.deepEqual(cardhook.dialects().find((d) => d.id === 'wasabicard').retryAfterSeconds, [60, 300, 1200, 3600, 43200, 86400]);
  assert.deepEqual(Object.fromEntries(cardhook.dialects().map((d) => [d.id, d.credential])), {
    wasabicard: 'publicKey', uqpay: 'secret', onerway: 'publicKey', 'onerway-v2': 'secret',
    'openapi-notify': null, 'alchemypay-v2': 'secret', nobepay: null, upay: 'secret',
  });
});
