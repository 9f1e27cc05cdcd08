// signRequest on the built package: for every signed dialect, the body and headers must be what
// the provider sends, checked by independent implementations (the Java oracle's signatures for
// RSA, node:crypto's HMAC for the shared-secret dialects), and must verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as cardhook from '../../pkg/testing-node.mjs';

const rsa = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const SECRET = 'whk_test_sign_request';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

test('onerway: the signature equals the Java signer\'s, for every form and encoding; X-Event-Type from the body', () => {
  let ran = 0;
  for (const c of rsa.cases) {
    const key = rsa.keys[c.key];
    const payload = c.body; // JSON text: number text kept as written; its `sign` is replaced
    const signed = cardhook.signRequest('onerway', payload, { privateKey: key.privateKeyPem, canonical: c.form, encoding: c.encoding });
    assert.equal(JSON.parse(signed.body).sign, c.sign, c.name);
    assert.equal(signed.headers['Content-Type'], 'application/json;charset=UTF-8');
    const expectedType = c.payload === 'card-operate-record' ? 'cardOperateRecordEvent' : c.payload === 'transaction' ? 'transactionEvent' : undefined;
    if (expectedType) assert.equal(signed.headers['X-Event-Type'], expectedType, c.name);
    const event = cardhook.verify(signed.body, { dialect: 'onerway', publicKey: key.publicKeyPem, canonical: c.form, headers: signed.headers });
    assert.equal(event.verified, true);
    ran++;
  }
  assert.ok(ran >= 24, `ran ${ran}`);
});

test('onerway-v2: x-signature is node:crypto\'s HMAC of x-timestamp.body; the body is the payload text', () => {
  const payload = '{"request_id":"req_s1","event_type":"issuing.cardTransactionEvent","created_at":"2026-01-01T12:00:00Z","version":"v1","data":{"txnOrderNo":"T1","txnStatus":"S","transactionAmount":10.50,"transactionCurrency":"USD"}}';
  const signed = cardhook.signRequest('onerway-v2', payload, { secret: SECRET, now: NOW });
  assert.equal(signed.body, payload);
  assert.equal(signed.headers['x-timestamp'], String(Math.floor(NOW / 1000)));
  assert.equal(signed.headers['x-signature'], createHmac('sha256', SECRET).update(`${Math.floor(NOW / 1000)}.${payload}`).digest('hex'));
  const event = cardhook.verify(signed.body, { dialect: 'onerway-v2', secret: SECRET, headers: signed.headers, now: NOW });
  assert.equal(event.data.transactionAmount.amount, '10.50');
});

test('upay: X-UPA-SIGN is node:crypto\'s Base64 HMAC of event|timestamp|body, with a request id', () => {
  const payload = { event: 'CC_CONSUME', trace: 'TR1', orderNo: 'O1', timestamp: NOW, detail: { cardId: 'C1', type: 2, status: 1, amount: 9.99, currency: 'USD' } };
  const signed = cardhook.signRequest('upay', payload, { secret: SECRET, now: NOW, requestId: 'r-1' });
  assert.equal(signed.body, JSON.stringify(payload));
  assert.equal(signed.headers['X-UPA-TIMESTAMP'], String(NOW));
  assert.equal(signed.headers['X-UPA-REQUESTID'], 'r-1');
  assert.equal(signed.headers['X-UPA-SIGN'], createHmac('sha256', SECRET).update(`CC_CONSUME|${NOW}|${signed.body}`).digest('base64'));
  assert.equal(cardhook.verify(signed.body, { dialect: 'upay', secret: SECRET, headers: signed.headers, now: NOW }).id, 'CC_CONSUME:O1:CONSUMPTION:SUCCESS');
  const other = cardhook.signRequest('upay', payload, { secret: SECRET, now: NOW });
  assert.match(other.headers['X-UPA-REQUESTID'], /^[0-9a-f-]{36}$/);
});

test('alchemypay-v2: data becomes a JSON string, sign is node:crypto\'s hex HMAC of it', () => {
  const payload = { eventId: 'evt_1', eventType: 'card.recharge', data: { cardNo: '4000123412341234', amount: '10.00', currency: 'USD' } };
  const signed = cardhook.signRequest('alchemypay-v2', payload, { secret: SECRET });
  const body = JSON.parse(signed.body);
  assert.equal(body.data, JSON.stringify(payload.data));
  assert.equal(body.sign, createHmac('sha256', SECRET).update(body.data).digest('hex'));
  const event = cardhook.verify(signed.body, { dialect: 'alchemypay-v2', secret: SECRET });
  assert.deepEqual(event.data.eventData, payload.data);
});

test('errors: unsigned dialects, missing credentials, unknown options', () => {
  const code = (fn) => {
    try {
      fn();
    } catch (err) {
      return err.code;
    }
    return 'no error';
  };
  assert.equal(code(() => cardhook.signRequest('nobepay', { eventType: 'X', eventId: 'e' }, { secret: SECRET })), 'UNSIGNED_DIALECT');
  assert.equal(code(() => cardhook.signRequest('onerway', { txnOrderNo: 'T' }, { secret: SECRET })), 'INVALID_OPTION');
  assert.equal(code(() => cardhook.signRequest('onerway-v2', '{"request_id":"r"}', { privateKey: 'x' })), 'INVALID_KEY');
  assert.equal(code(() => cardhook.signRequest('onerway-v2', '{"request_id":"r"}', {})), 'INVALID_OPTION');
  assert.equal(code(() => cardhook.signRequest('upay', '{"event":"E"}', { secret: SECRET, sekret: 1 })), 'INVALID_OPTION');
  assert.equal(code(() => cardhook.signRequest('onerway', { a: 1 }, { privateKey: rsa.keys.rsa2048.privateKeyPem })), 'INVALID_OPTION');
});

test('sample: a payload for every typed event, which signs and verifies (or decodes, unsigned) as that event', () => {
  const list = cardhook.samples();
  assert.ok(list.length >= 40, `only ${list.length} samples`);
  const { publicKey, privateKeyPem } = { publicKey: rsa.keys.rsa2048.publicKeyPem, privateKeyPem: rsa.keys.rsa2048.privateKeyPem };
  const credentialOf = new Map(cardhook.dialects().filter((d) => d.signed).map((d) => [d.id, d.credential]));
  let ran = 0;
  for (const { dialect, type } of list) {
    const payload = cardhook.sample(dialect, type);
    assert.equal(typeof payload, 'string');
    let event;
    if (credentialOf.has(dialect)) {
      const signed = cardhook.signRequest(dialect, payload, { privateKey: privateKeyPem, secret: SECRET, now: NOW });
      const credential = credentialOf.get(dialect) === 'publicKey' ? { publicKey } : { secret: SECRET };
      event = cardhook.verify(signed.body, { ...credential, headers: signed.headers, now: NOW, dialect });
      assert.equal(event.verified, true);
    } else {
      event = cardhook.decode(payload, { dialect });
    }
    assert.equal(event.type, type, `${dialect} ${type}`);
    assert.notDeepEqual(event.data, {}, `${dialect} ${type}`);
    ran++;
  }
  assert.equal(ran, list.length);
  assert.match(cardhook.sample('onerway', 'transactionEvent'), /"transactionAmount":50\.00/, 'number text as documented');
  assert.throws(() => cardhook.sample('upay', 'NOPE'), (e) => e.code === 'INVALID_OPTION');
});

test('generateTestKeyPair: OpenSSL in Node, WebCrypto elsewhere; the pair signs and verifies', async () => {
  // The browser entry has no Node crypto: its key pair comes from WebCrypto.
  const browser = await import('../../pkg/testing-browser.mjs');
  await browser.init(readFileSync(new URL('../../pkg/cardhook_testing_bg.wasm', import.meta.url)));
  for (const lib of [cardhook, browser]) {
    const { publicKey, privateKey } = await lib.generateTestKeyPair();
    assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.match(privateKey, /^-----BEGIN PRIVATE KEY-----\n/);
    const signed = lib.signRequest('onerway', lib.sample('onerway', 'transactionEvent'), { privateKey });
    assert.equal(lib.verify(signed.body, { dialect: 'onerway', publicKey, headers: signed.headers }).verified, true);
  }
});

test('RSA signing is blinded: each signature draws fresh randomness from crypto.getRandomValues', () => {
  const original = globalThis.crypto.getRandomValues;
  let draws = 0;
  globalThis.crypto.getRandomValues = function (array) {
    draws++;
    return original.call(globalThis.crypto, array);
  };
  try {
    const key = rsa.keys.rsa2048;
    const first = cardhook.signRequest('onerway', cardhook.sample('onerway', 'transactionEvent'), { privateKey: key.privateKeyPem });
    const drawsForOne = draws;
    const second = cardhook.signRequest('onerway', cardhook.sample('onerway', 'transactionEvent'), { privateKey: key.privateKeyPem });
    assert.ok(drawsForOne > 0, 'no randomness drawn: the private-key operation is not blinded');
    assert.ok(draws > drawsForOne);
    assert.equal(first.body, second.body, 'PKCS#1 v1.5 signatures are the same, blinded or not');
  } finally {
    globalThis.crypto.getRandomValues = original;
  }
});

test('the test signers live in cardhook/testing only: the default entries and module have none', async () => {
  for (const entry of ['node.mjs', 'portable.mjs']) {
    const api = await import(`../../pkg/${entry}`);
    for (const name of ['sign', 'signRequest', 'sample', 'samples', 'generateTestKeyPair']) assert.equal(name in api, false, `${entry} exports ${name}`);
  }
  const glue = await import('../../pkg/cardhook_glue.js');
  assert.equal(typeof glue.signRequest, 'undefined');
  assert.equal(typeof cardhook.signRequest, 'function');
});
