// Regression tests from an adversarial review of the built package: nothing unsigned passes as
// verified, limits are checked before any copy into wasm memory, verifyAsync verifies the bytes it
// was given, keys are read as providers hand them out, and every option has an exact type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as cardhook from '../../pkg/node.mjs';

const rsa = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const hmac = JSON.parse(readFileSync(new URL('../vectors/hmac.json', import.meta.url), 'utf8'));
const txn = rsa.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = rsa.keys.rsa2048.publicKeyPem;
const certificate = readFileSync(new URL('../data/keys/rsa2048-certificate.pem', import.meta.url), 'utf8');

const codeOf = (fn) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof cardhook.WebhookError, `not a WebhookError: ${err}`);
    return err.code;
  }
  return 'no error';
};

test('onerway: X-Event-Type is cross-checked against the signed body, never trusted', () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  const event = verifier.verify(txn.body, { headers: { 'X-Event-Type': 'transactionEvent' } });
  assert.equal(event.type, 'transactionEvent');
  assert.deepEqual(event.unsigned, []);
  assert.equal(verifier.verify(txn.body).type, 'transactionEvent', 'the body alone says the type');
  for (const headers of [
    { 'X-Event-Type': 'Bogus' },
    { 'X-Event-Type': 'cardOperateRecordEvent' },
    // What Node's req.headers holds for a repeated header.
    { 'x-event-type': 'transactionEvent, transactionEvent' },
    { 'x-event-type': ['transactionEvent', 'transactionEvent'] },
    [['X-Event-Type', 'transactionEvent'], ['x-event-type', 'transactionEvent']],
  ]) {
    assert.equal(codeOf(() => verifier.verify(txn.body, { headers })), 'INVALID_HEADER', JSON.stringify(headers));
  }
  const repeated = new Headers();
  repeated.append('X-Event-Type', 'transactionEvent');
  repeated.append('X-Event-Type', 'transactionEvent');
  assert.equal(codeOf(() => verifier.verify(txn.body, { headers: repeated })), 'INVALID_HEADER');
});

test('a null member (unsigned) cannot change what a verified body is read as', () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  const genuine = verifier.verify(txn.body);
  const event = verifier.verify(txn.body.replace('{', '{"operateRecordId": null,'));
  assert.equal(event.type, 'transactionEvent');
  assert.deepEqual(event.data, genuine.data);
});

test('alchemypay-v2: a changed eventId or eventType cannot pass as signed', () => {
  const c = hmac.cases.find((x) => x.name === 'alchemypay-v2 card.recharge (base64): valid');
  const verifier = new cardhook.Verifier({ dialect: 'alchemypay-v2', secret: c.secret });
  const genuine = verifier.verify(c.body);
  const replayed = verifier.verify(c.body.replace('evt_base64', 'evt_new'));
  assert.equal(replayed.id, genuine.id);
  assert.match(genuine.id, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(genuine.unsigned, ['type', 'payload']);
  const decoded = cardhook.decode(c.body);
  assert.deepEqual(decoded.unsigned, ['type', 'id', 'data', 'payload'], 'nothing of an unverified event is signed');
});

// Measured in a fresh process: wasm memory never shrinks, so growth would show in its RSS.
function rssGrowthMiB(script) {
  const entry = fileURLToPath(new URL('../../pkg/node.mjs', import.meta.url));
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import * as cardhook from ${JSON.stringify(entry)};
    cardhook.decode('{"eventType":"X","eventId":"e"}'); // instantiate first
    const before = process.memoryUsage().rss;
    const codes = [];
    const run = (fn) => { try { fn(); codes.push('ok'); } catch (e) { codes.push(e.code); } };
    ${script}
    console.log(JSON.stringify({ growth: (process.memoryUsage().rss - before) / 2 ** 20, codes }));
  `], { encoding: 'utf8' });
  return JSON.parse(out);
}

test('an oversized body is refused before it is copied into wasm memory', () => {
  const { growth, codes } = rssGrowthMiB(`
    const big = new Uint8Array(256 << 20);
    run(() => cardhook.decode(big, { maxBodyBytes: 1024 }));
    run(() => cardhook.decode(big));
    run(() => cardhook.canonicalize(big.buffer));
    run(() => new cardhook.Verifier({ dialect: 'onerway-v2', secret: 's', maxBodyBytes: 1024 }).verify(big));
    run(() => cardhook.verify(big, { dialect: 'onerway-v2', secret: 's' }));
    const text = 'x'.repeat(64 << 20);
    run(() => cardhook.decode(text, { maxBodyBytes: 1024 }));
    run(() => cardhook.decode('é'.repeat(600 * 1024)));
  `);
  assert.deepEqual(codes, Array(7).fill('TOO_LARGE'));
  assert.ok(growth < 48, `RSS grew by ${growth.toFixed(0)} MiB`);
});

test('verifyAsync verifies and shows the bytes it was given, even if the caller reuses its buffer', async () => {
  const bytes = new TextEncoder().encode(txn.body);
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  const pending = verifier.verifyAsync(bytes);
  bytes.set(new TextEncoder().encode(txn.body.replace('50.00', '99.99')));
  const event = await pending;
  assert.equal(event.verified, true);
  assert.deepEqual(event.payload, JSON.parse(txn.body));
  const hmacCase = hmac.cases.find((x) => x.name === 'onerway-v2 card operate: valid');
  const hmacBytes = new TextEncoder().encode(hmacCase.body);
  const hmacPending = new cardhook.Verifier({ dialect: 'onerway-v2', secret: hmacCase.secret }).verifyAsync(hmacBytes, { headers: hmacCase.headers, now: hmacCase.now });
  hmacBytes.fill(0x20);
  assert.deepEqual((await hmacPending).payload, JSON.parse(hmacCase.body));
  // A Node Buffer too (its own `slice` is a view, not a copy).
  const buffer = Buffer.from(txn.body);
  const bufferPending = verifier.verifyAsync(buffer);
  buffer.set(Buffer.from(txn.body.replace('50.00', '99.99')));
  const fromBuffer = await bufferPending;
  assert.equal(fromBuffer.verified, true);
  assert.deepEqual(fromBuffer.payload, JSON.parse(txn.body));
});

test('certificates and loosely formatted PEM keys verify in every engine', async () => {
  const loose = `  ${publicKey.trim().split('\n').join('   \n      ')}  \n`;
  const oneLine = publicKey.trim().replace(/\n/g, '\\n');
  for (const key of [certificate, loose, oneLine]) {
    for (const engine of ['auto', 'wasm']) {
      const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey: key, engine });
      assert.equal(verifier.verify(txn.body).verified, true);
      assert.equal((await verifier.verifyAsync(txn.body)).verified, true);
    }
  }
  const pss = readFileSync(new URL('../data/keys/rsa-pss-public.pem', import.meta.url), 'utf8');
  assert.equal(codeOf(() => new cardhook.Verifier({ dialect: 'onerway', publicKey: pss })), 'INVALID_KEY');
});

test('every option has an exact type, and options a call does not take are refused', () => {
  const weak = readFileSync(new URL('../data/keys/rsa1024-public.pem', import.meta.url), 'utf8');
  assert.equal(codeOf(() => new cardhook.Verifier({ dialect: 'onerway', publicKey: weak, allowWeakKeys: 'false' })), 'INVALID_OPTION');
  assert.equal(codeOf(() => new cardhook.Verifier({ dialect: 'onerway', publicKey: weak, allowWeakKeys: 1 })), 'INVALID_OPTION');
  assert.equal(codeOf(() => new cardhook.Verifier({ dialect: 'onerway', publicKey: weak })), 'WEAK_KEY');
  assert.equal(codeOf(() => new cardhook.Verifier({ dialect: 'onerway', publicKey: weak, allowWeakKeys: true })), 'no error');
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  for (const misplaced of [{ dialect: 'onerway' }, { maxBodyBytes: 10 }, { canonical: 'pairs' }, { publicKey }, { header: {} }]) {
    assert.equal(codeOf(() => verifier.verify(txn.body, misplaced)), 'INVALID_OPTION', JSON.stringify(Object.keys(misplaced)));
  }
  assert.equal(codeOf(() => cardhook.verify(txn.body, { dialect: 'onerway', publicKey, publickey: publicKey })), 'INVALID_OPTION');
  assert.equal(codeOf(() => cardhook.decode(txn.body, { dialekt: 'onerway' })), 'INVALID_OPTION');
  assert.equal(codeOf(() => cardhook.decode(txn.body, 'onerway')), 'INVALID_OPTION');
  const detached = new TextEncoder().encode(txn.body).buffer;
  structuredClone(detached, { transfer: [detached] });
  assert.equal(codeOf(() => cardhook.decode(detached)), 'INVALID_OPTION');
  for (const headers of [[['x-event-type']], [['x-event-type', 1]], ['x-event-type'], [[1, 'a']], { 'x-event-type': 5 }]) {
    assert.equal(codeOf(() => cardhook.decode(txn.body, { headers })), 'INVALID_OPTION', JSON.stringify(headers));
  }
  // Undefined means "not given", as JavaScript callers expect.
  assert.equal(cardhook.decode(txn.body, { dialect: undefined, headers: undefined }).type, 'transactionEvent');
});

test('integers beyond 2^53 in generic data stay exact strings', () => {
  const event = cardhook.decode('{"eventType":"CREATE_CARD","eventId":"e","data":{"cardId":12345678901234567890,"n":7}}');
  assert.equal(event.data.data.cardId, '12345678901234567890');
  assert.equal(event.data.data.n, 7);
});

test('JSON errors carry their byte offset; errors about an option name it', () => {
  try {
    cardhook.decode('{"a": 1, "b": x}');
    assert.fail('no error');
  } catch (err) {
    assert.equal(err.code, 'MALFORMED_JSON');
    assert.equal(err.offset, 14);
  }
  assert.throws(() => cardhook.decode('{"a":1}', { maxDepth: 300 }), (e) => e.code === 'INVALID_OPTION' && /option `maxDepth`/.test(e.message));
  assert.throws(() => cardhook.verify('{"request_id":"r","event_type":"x","data":{}}', { dialect: 'onerway', publicKey, dialect: 'onerway-v2' }), (e) => e.code === 'INVALID_OPTION' && /option `secret`/.test(e.message));
});

test("an event's payload is the body as verified: changing the caller's Buffer afterwards changes nothing", () => {
  const body = Buffer.from('{"eventType":"CREATE_CARD","eventId":"e-1","data":{"cardId":"c"}}');
  const event = cardhook.decode(body);
  body.fill(0x20);
  assert.equal(event.payload.eventId, 'e-1');
});
