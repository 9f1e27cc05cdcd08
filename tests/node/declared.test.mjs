// The wasabicard/uqpay vectors (node:crypto-signed) and the declared-scheme vectors (JDK TreeMap +
// Signature/Mac for sorted fields, node:crypto for raw bodies and templates) through the package,
// as `tests/declared.rs` runs them in Rust; plus signRequest('custom') round trips and option errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkOutcome, credentialOptions } from './subset.mjs';
import { canonicalize, decode, dialects, signRequest, verify, Verifier, generateTestKeyPair } from '../../pkg/testing-node.mjs';

const load = (name) => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));

function verifierOptions(c) {
  const credential = { publicKey: c.publicKey, secret: c.secret };
  if (c.dialect === 'custom') return { scheme: c.scheme, ...credential, toleranceSeconds: c.toleranceSeconds };
  return { ...credentialOptions(dialects, c.dialect, credential), toleranceSeconds: c.toleranceSeconds };
}

async function runVectors(file, minimum) {
  const { cases } = load(file);
  assert.ok(cases.length >= minimum, `${file}: ${cases.length} cases`);
  let ran = 0;
  for (const c of cases) {
    const call = { headers: c.headers, now: c.now };
    const runs = [
      () => verify(c.body, { ...verifierOptions(c), ...call }),
      () => new Verifier({ ...verifierOptions(c), engine: 'wasm' }).verify(c.body, call),
      () => new Verifier(verifierOptions(c)).verifyAsync(new TextEncoder().encode(c.body), call),
    ];
    for (const run of runs) {
      const event = await checkOutcome(c, run);
      if (event && c.dialect === 'custom') assert.equal(event.dialect, 'custom', c.name);
      // A sorted-field scheme's data is exactly the signed view: members, text and order.
      if (event && c.signedView !== undefined) assert.deepEqual(Object.entries(event.data), c.signedView, `${c.name}: data`);
    }
    if (c.signedString !== undefined) {
      // A push refused for what it holds (a header value) is refused when rebuilding too.
      let rebuilt, error;
      try {
        rebuilt = canonicalize(c.body, { scheme: c.scheme, headers: c.headers });
      } catch (err) {
        error = err;
      }
      if (error) assert.equal(error.code, c.expect, `${c.name}: ${error.message}`);
      else assert.equal(rebuilt, c.signedString, `${c.name}: signed string`);
    }
    ran++;
  }
  assert.equal(ran, cases.length);
}

test('wasabicard and uqpay vectors: expected event or error code, sync, wasm engine and async', () => runVectors('providers.json', 25));

test('declared-scheme vectors: expected event or error code, and the signed string rebuilt byte for byte', () => runVectors('schemes.json', 50));

const hyperCardLike = {
  algorithm: 'rsa-sha256',
  signature: { header: 'X-Signature' },
  signed: { fields: { form: 'pairs', omit: ['null', 'empty'], headers: ['nonce', 'timestamp'] } },
  timestamp: { header: 'timestamp', unit: 'ms', toleranceSeconds: 600 },
  id: 'orderId',
  type: 'event',
};

test("signRequest('custom') signs what verify accepts, for every signed kind and algorithm", async () => {
  const { publicKey, privateKey } = await generateTestKeyPair();
  const secret = 'whsec_round_trip';
  const now = Date.UTC(2026, 10, 24, 12);
  const payload = { event: 'card.charged', orderId: 'o-1', amount: 12.50, memo: '', gone: null, nested: { b: 1, a: [1, 2] } };
  const schemes = [
    [hyperCardLike, { privateKey }, { publicKey }],
    [{ algorithm: 'rsa-sha256', signature: { header: 'X-Sign' }, signed: 'body', encoding: 'hex' }, { privateKey }, { publicKey }],
    [{ algorithm: 'hmac-sha256', signature: { header: 'X-Sign' }, signed: { template: '{header:X-Ts}.{body}' }, timestamp: { header: 'X-Ts' } }, { secret }, { secret }],
    [{ algorithm: 'hmac-sha512', signature: { field: 'sign' }, encoding: 'base64', signed: { fields: { form: 'json' } } }, { secret }, { secret }],
    [{ algorithm: 'hmac-sha256', signature: { field: 'signature' }, signed: { fields: { form: 'values', exclude: ['memo'] } } }, { secret }, { secret }],
  ];
  for (const [scheme, signWith, verifyWith] of schemes) {
    const request = signRequest('custom', payload, { scheme, ...signWith, now, headers: { nonce: 'n-42' } });
    const event = verify(request.body, { scheme, ...verifyWith, headers: request.headers, now });
    assert.equal(event.verified, true, JSON.stringify(scheme));
    assert.equal(event.dialect, 'custom');
    assert.equal(event.payload.orderId, 'o-1');
    const tampered = request.body.replace('12.5', '99.5');
    assert.notEqual(tampered, request.body);
    assert.throws(() => verify(tampered, { scheme, ...verifyWith, headers: request.headers, now }), { code: 'SIGNATURE_MISMATCH' });
  }
  // The header value the caller gives is the one signed and sent; the timestamp comes from `now`.
  const request = signRequest('custom', payload, { scheme: hyperCardLike, privateKey, now, headers: { nonce: 'n-42' } });
  assert.equal(request.headers.nonce, 'n-42');
  assert.equal(request.headers.timestamp, String(now));
  const event = verify(request.body, { scheme: hyperCardLike, publicKey, headers: request.headers, now });
  assert.equal(event.type, 'card.charged');
  assert.equal(event.id, 'o-1');
  // A fields scheme's data is the signed view (every value as signed text); payload is unsigned.
  assert.deepEqual(event.unsigned, ['payload']);
  assert.deepEqual(event.data, { amount: '12.5', event: 'card.charged', nested: '{"b":1,"a":[1,2]}', orderId: 'o-1' });
  assert.throws(() => verify(request.body, { scheme: hyperCardLike, publicKey, headers: request.headers, now: now + 601_000 }), { code: 'TIMESTAMP_TOO_OLD' });
});

test('a scheme given as JSON text works like the object; decode reads with it unverified', () => {
  const body = JSON.stringify({ event: 'x', orderId: 7 });
  const event = decode(body, { scheme: JSON.stringify(hyperCardLike) });
  assert.equal(event.dialect, 'custom');
  assert.equal(event.verified, false);
  assert.equal(event.id, '7');
  assert.deepEqual(event.unsigned, ['type', 'id', 'data', 'payload']);
});

test('scheme option errors are INVALID_OPTION naming the part and the option', () => {
  const secret = 's';
  const cases = [
    [{ ...hyperCardLike, algorithm: 'rsa-sha1' }, 'scheme.algorithm'],
    [{ ...hyperCardLike, signed: { fields: { omit: ['empty'] } } }, 'scheme.signed.fields.omit'],
    [{ ...hyperCardLike, signed: 'body' }, 'scheme.timestamp.header'],
    ['{not json', 'scheme is not a JSON object'],
  ];
  for (const [scheme, part] of cases) {
    assert.throws(() => new Verifier({ scheme, secret }), (err) => err.code === 'INVALID_OPTION' && err.message.includes(part) && err.message.includes('(option `scheme`)'), part);
  }
  assert.throws(() => new Verifier({ scheme: 42, secret }), { code: 'INVALID_OPTION' });
  assert.throws(() => new Verifier({ scheme: hyperCardLike, dialect: 'onerway', secret }), (err) => err.code === 'INVALID_OPTION' && /option `dialect`/.test(err.message));
  assert.throws(() => signRequest('custom', {}, { secret }), (err) => err.code === 'INVALID_OPTION' && /scheme/.test(err.message));
  assert.throws(() => signRequest('uqpay', {}, { secret, scheme: hyperCardLike }), { code: 'INVALID_OPTION' });
  // An RSA scheme needs a public key, an HMAC one a secret: said when the verifier is made.
  assert.throws(() => new Verifier({ scheme: hyperCardLike, secret }), (err) => err.code === 'INVALID_OPTION' && /publicKey/.test(err.message));
  assert.throws(() => verify('{}', { scheme: hyperCardLike, secret, headers: {} }), (err) => err.code === 'INVALID_OPTION' && /publicKey/.test(err.message));
});

test('wasabicard and uqpay requests from signRequest verify, and their acks are the documented ones', async () => {
  const { publicKey, privateKey } = await generateTestKeyPair();
  const now = Date.UTC(2026, 10, 24);
  const wasabi = signRequest('wasabicard', '{"orderNo":"1852379830190366720","currency":"USD","amount":15.00,"fee":0,"receivedAmount":0,"receivedCurrency":"USD","type":"create","status":"success"}', { privateKey, requestId: 'r-1' });
  assert.equal(wasabi.headers['X-WSB-CATEGORY'], 'card_transaction');
  assert.equal(wasabi.headers['X-WSB-REQUEST-ID'], 'r-1');
  const event = verify(wasabi.body, { dialect: 'wasabicard', publicKey, headers: wasabi.headers });
  assert.equal(event.dialect, 'wasabicard');
  assert.deepEqual(event.data.amount, { amount: '15.00', currency: 'USD' });
  const uq = signRequest('uqpay', { version: 'V1.6.0', event_name: 'ISSUING', event_type: 'card.create.succeeded', event_id: 'e-1', source_id: 's-1', data: { card_id: 'c' } }, { secret: 'k', now });
  assert.equal(uq.headers['x-wk-signature'].length, 128);
  const uqEvent = verify(uq.body, { dialect: 'uqpay', secret: 'k', headers: uq.headers });
  assert.equal(uqEvent.dialect, 'uqpay');
  // The digest of the signed body without `event_id` (docs/dialects.md, "Event ids"), by node:crypto.
  const withoutEventId = '{"version":"V1.6.0","event_name":"ISSUING","event_type":"card.create.succeeded","source_id":"s-1","data":{"card_id":"c"}}';
  assert.equal(uqEvent.id, `sha256:${createHash('sha256').update(withoutEventId).digest('hex')}`);
});

test("the README's declared-scheme examples rebuild the signed strings and data they show", () => {
  const hyper = { algorithm: 'rsa-sha256', signature: { header: 'sign' }, signed: { fields: { form: 'pairs', omit: ['null', 'empty'], headers: ['nonce', 'timestamp'] } }, timestamp: { header: 'timestamp', unit: 'ms' }, id: 'orderNo', type: 'eventType' };
  const body = '{"amount":"10.00","eventType":"card.pay","memo":"","orderNo":"A1"}';
  const headers = { nonce: 'n1', timestamp: '1767225600000' };
  assert.equal(canonicalize(body, { scheme: hyper, headers }), 'amount=10.00&eventType=card.pay&nonce=n1&orderNo=A1&timestamp=1767225600000');
  assert.deepEqual(decode(body, { scheme: hyper }).data, { amount: '10.00', eventType: 'card.pay', orderNo: 'A1' });
  const gateway = { algorithm: 'hmac-sha256', signature: { header: 'X-Signature' }, encoding: 'hex', signed: { template: '{header:X-Timestamp}.{body}' }, timestamp: { header: 'X-Timestamp' }, id: 'id', type: 'type' };
  assert.equal(canonicalize('{"id":"e1"}', { scheme: gateway, headers: { 'X-Timestamp': '1767225600' } }), '1767225600.{"id":"e1"}');
});

test("canonicalize with a dialect gives what that provider signed: node:crypto's HMAC and RSA verify over it hold the push's signature", async () => {
  const { createHmac, verify: rsaVerify } = await import('node:crypto');
  const { cases: hmacCases } = load('hmac.json');
  const providers = load('providers.json');
  const header = (c, name) => Object.entries(c.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const tagHeaders = { 'onerway-v2': 'x-signature', upay: 'x-upa-sign', uqpay: 'x-wk-signature' };
  let checked = 0;
  for (const c of [...hmacCases, ...providers.cases]) {
    if (c.expect !== 'ok' || c.dialect === undefined || c.keyIndex !== undefined || c.publicKeyOnly) continue;
    const message = canonicalize(c.body, { dialect: c.dialect, headers: c.headers });
    if (c.dialect === 'wasabicard') {
      assert.ok(rsaVerify('sha256', Buffer.from(message), c.publicKey, Buffer.from(header(c, 'x-wsb-signature'), 'base64')), c.name);
    } else {
      const tag = c.dialect === 'alchemypay-v2' ? JSON.parse(c.body).sign : header(c, tagHeaders[c.dialect]);
      const hash = tag.length === 128 ? 'sha512' : 'sha256';
      const mac = createHmac(hash, c.secret).update(message).digest();
      assert.ok([mac.toString('hex'), mac.toString('base64')].includes(c.dialect === 'uqpay' ? tag.toLowerCase() : tag), c.name);
    }
    checked++;
  }
  assert.ok(checked >= 10, `checked ${checked}`);
  assert.throws(() => canonicalize('{}', { dialect: 'nobepay' }), { code: 'UNSIGNED_DIALECT' });
});
