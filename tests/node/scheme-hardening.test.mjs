// Declared schemes through the package, signed with node:crypto from signed strings written out by
// hand (the rules read by a person): a `fields` scheme's data is the signed view and payload is
// unsigned; values and headers that could move a signed field; schemes refused when checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { decode, verify, Verifier } from '../../pkg/node.mjs';

const SECRET = 'whsec_hardening_5a1f';
const hmacHex = (message) => createHmac('sha256', SECRET).update(message, 'utf8').digest('hex');
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' });
const rsaBase64 = (message) => rsaSign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');

const caught = (fn) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('no error');
};

test('a retyped body verifies to the same data: every signed value as its signed text, payload unsigned', () => {
  const scheme = { algorithm: 'hmac-sha256', signature: { header: 'X-Signature' }, encoding: 'hex', signed: { fields: { form: 'json' } }, id: 'orderId', type: 'event' };
  const body = '{"event":"payout.reviewed","orderId":"P-1","approved":false,"attempts":0,"amount":10.50,"detail":{"k":1},"note":null}';
  const retyped = '{"event":"payout.reviewed","orderId":"P-1","approved":"false","attempts":"0","amount":"10.50","detail":"{\\"k\\":1}"}';
  // The JSON form: every value as a string, sorted by name, the null left out.
  const signedString = '{"amount":"10.50","approved":"false","attempts":"0","detail":"{\\"k\\":1}","event":"payout.reviewed","orderId":"P-1"}';
  const headers = { 'X-Signature': hmacHex(signedString) };
  const data = { amount: '10.50', approved: 'false', attempts: '0', detail: '{"k":1}', event: 'payout.reviewed', orderId: 'P-1' };
  const events = [body, retyped].map((b) => verify(b, { scheme, secret: SECRET, headers }));
  for (const event of events) {
    assert.equal(event.verified, true);
    assert.deepEqual(event.data, data);
    assert.deepEqual(Object.keys(event.data), Object.keys(data), 'the signed order');
    assert.deepEqual(event.unsigned, ['payload']);
    assert.equal(event.id, 'P-1');
  }
  // payload is the body as received, typed as each body wrote it: that is why it is unsigned.
  assert.equal(events[0].payload.approved, false);
  assert.equal(events[1].payload.approved, 'false');
  assert.throws(() => verify(body.replace('false', 'true'), { scheme, secret: SECRET, headers }), { code: 'SIGNATURE_MISMATCH' });
});

test('null and omitted empty fields are left out of data, and payload (which shows them) is listed unsigned', () => {
  const scheme = { algorithm: 'rsa-sha256', signature: { header: 'sign' }, signed: { fields: { form: 'pairs', omit: ['null', 'empty'], headers: ['nonce'] } }, id: 'orderNo' };
  const body = '{"orderNo":"A1","amount":"10.00","memo":"","extra":null}';
  const headers = { nonce: 'n1', sign: rsaBase64('amount=10.00&nonce=n1&orderNo=A1') };
  const event = verify(body, { scheme, publicKey: PUBLIC_PEM, headers });
  assert.deepEqual(event.data, { amount: '10.00', orderNo: 'A1' });
  assert.equal('memo' in event.data || 'extra' in event.data, false);
  assert.equal('nonce' in event.data, false, 'signed header values stay out of data');
  assert.deepEqual(event.unsigned, ['payload']);
  assert.deepEqual([event.payload.memo, event.payload.extra], ['', null]);
  // decode (no signature checked) reads the same view and lists everything.
  const unverified = decode(body, { scheme });
  assert.deepEqual(unverified.data, event.data);
  assert.deepEqual(unverified.unsigned, ['type', 'id', 'data', 'payload']);
});

test('pairs: a header value with & or = is refused, since it could carry a signed body field out of the body', () => {
  const scheme = { algorithm: 'rsa-sha256', signature: { header: 'sign' }, signed: { fields: { form: 'pairs', headers: ['nonce'] } } };
  const signedString = 'amount=8.80&cardId=c9&nonce=9b2f&status=FAILED';
  const sign = rsaBase64(signedString);
  const genuine = verify('{"amount":"8.80","cardId":"c9","status":"FAILED"}', { scheme, publicKey: PUBLIC_PEM, headers: { nonce: '9b2f', sign } });
  assert.equal(genuine.data.status, 'FAILED');
  // The same signed string with `status` moved into the nonce: a genuine signature, refused.
  const err = caught(() => verify('{"amount":"8.80","cardId":"c9"}', { scheme, publicKey: PUBLIC_PEM, headers: { nonce: '9b2f&status=FAILED', sign } }));
  assert.equal(err.code, 'INVALID_HEADER');
  assert.match(err.message, /`nonce` contains `&` or `=`/);
});

test('pairs: a body value holding & or = lists data unsigned; the re-split body verifies too (the form cannot tell)', () => {
  const scheme = { algorithm: 'hmac-sha256', signature: { header: 'X-Signature' }, signed: { fields: { form: 'pairs' } }, type: 'memo' };
  const headers = { 'X-Signature': hmacHex('amount=5.00&memo=ok&status=PAID') };
  const merged = verify('{"amount":"5.00","memo":"ok&status=PAID"}', { scheme, secret: SECRET, headers });
  assert.deepEqual(merged.data, { amount: '5.00', memo: 'ok&status=PAID' });
  assert.deepEqual(merged.unsigned, ['type', 'data', 'payload']);
  const split = verify('{"amount":"5.00","memo":"ok","status":"PAID"}', { scheme, secret: SECRET, headers });
  assert.deepEqual(split.data, { amount: '5.00', memo: 'ok', status: 'PAID' });
  assert.deepEqual(split.unsigned, ['payload']);
});

test('schemes that would sign less than they seem are refused when given, naming the part', () => {
  const sig = { algorithm: 'hmac-sha256', signature: { header: 'X-Sig' } };
  const inBody = { algorithm: 'hmac-sha256', signature: { field: 'sign' }, signed: { fields: { form: 'pairs' } } };
  const many = (n, prefix) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const cases = [
    [{ ...inBody, id: 'sign' }, 'scheme.id', /signature field `sign`/],
    [{ ...inBody, type: 'sign.kind' }, 'scheme.type', /signature field/],
    [{ ...sig, signed: { template: '{header:x-sig}{body}' } }, 'scheme.signed.template', /the signature's own header/],
    [{ ...sig, signed: { fields: { headers: ['X-SIG'] } } }, 'scheme.signed.fields.headers', /the signature's own header/],
    [{ ...sig, signed: { template: '{header:A}{header:B}.{body}' } }, 'scheme.signed.template', /no text between two header values/],
    [{ ...sig, signed: { fields: { headers: many(40_000, 'x-h') } } }, 'scheme.signed.fields.headers', /at most 32 names \(it lists 40000\)/],
    [{ ...sig, signed: { fields: { exclude: many(257, 'f') } } }, 'scheme.signed.fields.exclude', /at most 256 names/],
    [{ ...sig, signed: { template: `${many(33, '').map((i) => `{header:h${i}}`).join('.')}.{body}` } }, 'scheme.signed.template', /at most 32 \{header:NAME\} placeholders/],
  ];
  for (const [scheme, part, says] of cases) {
    const started = performance.now();
    const err = caught(() => new Verifier({ scheme, secret: SECRET }));
    assert.ok(performance.now() - started < 1000, `${part}: checked quickly`);
    assert.equal(err.code, 'INVALID_OPTION', `${part}: ${err.message}`);
    assert.ok(err.message.includes(part), err.message);
    assert.match(err.message, says);
  }
  // A header next to {body} needs no separator: the body's braces bound it.
  assert.ok(new Verifier({ scheme: { ...sig, signed: { template: '{header:X-Ts}{body}' } }, secret: SECRET }));
});

test('a comma in a signature header is reported as possibly inside its value, not only as a repeat', () => {
  const scheme = { algorithm: 'hmac-sha256', signature: { header: 'X-Sig' }, signed: 'body' };
  const err = caught(() => verify('{}', { scheme, secret: SECRET, headers: { 'x-sig': 'ab,cd' } }));
  assert.equal(err.code, 'INVALID_HEADER');
  assert.match(err.message, /`x-sig` has a comma: it was sent more than once, or its value contains one; it must have a single value without commas/i);
});
