// The caller, not the sender, decides the dialect: a credential belongs to the dialects the caller
// names, detection chooses only among them, and a push shaped as another provider's dialect is
// refused with a sender error. Signatures come from the JDK (the onerway vectors) and node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import * as cardhook from '../../pkg/node.mjs';

const rsa = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const providers = JSON.parse(readFileSync(new URL('../vectors/providers.json', import.meta.url), 'utf8'));
const txn = rsa.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = rsa.keys.rsa2048.publicKeyPem;
const uqpayCase = providers.cases.find((c) => c.name === 'uqpay v1.6 issuing.transaction.authorization: HMAC-SHA256 valid');
const onerwayV2Secret = 'whk_test_4f1c2b9e8d7a6c5b';

/** The error code `fn` throws (awaited when it returns a promise), or 'no error'. */
async function codeOf(fn) {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof cardhook.WebhookError, `not a WebhookError: ${err}`);
    return err.code;
  }
  return 'no error';
}

/** A genuine legacy onerway push re-wrapped as wasabicard: its signed string as the body, its sign as X-WSB-SIGNATURE. */
function onerwayRewrappedAsWasabicard() {
  const signed = cardhook.canonicalize(txn.body);
  const sign = JSON.parse(txn.body).sign;
  return { body: signed, headers: { 'X-WSB-SIGNATURE': sign, 'X-WSB-CATEGORY': 'card_transaction' } };
}

/** A genuine uqpay HMAC-SHA256 push wrapped as alchemypay-v2: its body as `data`, its signature as `sign`. */
function uqpayWrappedAsAlchemypay() {
  const body = JSON.stringify({ eventId: 'evt_fresh', eventType: 'card.recharge', data: uqpayCase.body, sign: uqpayCase.headers['x-wk-signature'] });
  return { body, headers: {} };
}

test('a genuine onerway push re-wrapped as wasabicard is never verified', async () => {
  const { body, headers } = onerwayRewrappedAsWasabicard();
  // The README's old one-liner: a bare public key would verify it as wasabicard. Now refused up front.
  assert.equal(await codeOf(() => cardhook.verify(body, { publicKey, headers })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ publicKey })), 'INVALID_OPTION');
  // Pinned to onerway, the wrapped body is read as onerway: it has no `sign`.
  assert.equal(await codeOf(() => cardhook.verify(body, { dialect: 'onerway', publicKey, headers })), 'MISSING_SIGNATURE');
  // A route for onerway and onerway-v2: a wasabicard-shaped push is a sender error of its own.
  const route = new cardhook.Verifier({ dialect: ['onerway', 'onerway-v2'], publicKey, secret: onerwayV2Secret });
  assert.equal(await codeOf(() => route.verify(body, { headers })), 'DIALECT_NOT_ALLOWED');
  assert.equal(await codeOf(() => route.verifyAsync(body, { headers })), 'DIALECT_NOT_ALLOWED');
  // The genuine push still verifies on that route, as onerway.
  const event = route.verify(txn.body);
  assert.equal(event.dialect, 'onerway');
  assert.equal(event.verified, true);
});

test('a genuine uqpay push wrapped as alchemypay-v2 is never verified', async () => {
  const { body, headers } = uqpayWrappedAsAlchemypay();
  const secret = uqpayCase.secret;
  // Sanity: the wrapping is what alchemypay-v2 would check (HMAC-SHA256 of `data`, hex).
  assert.equal(createHmac('sha256', secret).update(uqpayCase.body).digest('hex'), uqpayCase.headers['x-wk-signature']);
  assert.equal(await codeOf(() => cardhook.verify(body, { secret, headers })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => cardhook.verify(body, { dialect: 'uqpay', secret, headers })), 'MISSING_HEADER');
  const route = new cardhook.Verifier({ credentials: { uqpay: { secret }, onerway: { publicKey } } });
  assert.equal(await codeOf(() => route.verify(body, { headers })), 'DIALECT_NOT_ALLOWED');
  const event = route.verify(uqpayCase.body, { headers: uqpayCase.headers, now: uqpayCase.now });
  assert.equal(event.dialect, 'uqpay');
});

test('credentials per dialect: each detected dialect is checked only with its own secret', async () => {
  // A uqpay-shaped push signed with onerway-v2's secret (node:crypto, as uqpay signs: hex HMAC of the raw body).
  const forged = { ...uqpayCase.headers, 'x-wk-signature': createHmac('sha256', onerwayV2Secret).update(uqpayCase.body).digest('hex') };
  const route = new cardhook.Verifier({ credentials: { 'onerway-v2': { secret: onerwayV2Secret }, uqpay: { secret: uqpayCase.secret } } });
  assert.equal(await codeOf(() => route.verify(uqpayCase.body, { headers: forged, now: uqpayCase.now })), 'SIGNATURE_MISMATCH');
  assert.equal(route.verify(uqpayCase.body, { headers: uqpayCase.headers, now: uqpayCase.now }).verified, true);
  // One secret list shared by two HMAC dialects is the confusion itself: refused, with the fix named.
  const err = await codeOf(() => new cardhook.Verifier({ dialect: ['onerway-v2', 'uqpay'], secret: [onerwayV2Secret, uqpayCase.secret] }));
  assert.equal(err, 'INVALID_OPTION');
});

test('credentials per dialect: RSA keys are tried only for their own dialect, with keyIndex among them', async () => {
  const wasabiKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const wasabiPublic = wasabiKey.publicKey.export({ type: 'spki', format: 'pem' });
  const body = JSON.stringify({ orderNo: 'W1', merchantOrderNo: 'M1', cardNo: 'C1', amount: '15', fee: '0', receivedAmount: '15', receivedCurrency: 'USD', type: 'deposit', status: 'success' });
  const sign = (key) => createSign('RSA-SHA256').update(body).sign(key, 'base64');
  const route = new cardhook.Verifier({ credentials: { onerway: { publicKey: [wasabiPublic, publicKey] }, wasabicard: { publicKey: wasabiPublic } } });
  const wasm = new cardhook.Verifier({ engine: 'wasm', credentials: { onerway: { publicKey: [wasabiPublic, publicKey] }, wasabicard: { publicKey: wasabiPublic } } });
  for (const verifier of [route, wasm]) {
    const event = verifier.verify(body, { headers: { 'X-WSB-SIGNATURE': sign(wasabiKey.privateKey) } });
    assert.equal(event.dialect, 'wasabicard');
    assert.equal(event.keyIndex, undefined, 'one key was given for wasabicard');
    assert.equal((await verifier.verifyAsync(body, { headers: { 'X-WSB-SIGNATURE': sign(wasabiKey.privateKey) } })).dialect, 'wasabicard');
    assert.equal(verifier.verify(txn.body).keyIndex, 1, "the index among onerway's keys");
  }
  // A wasabicard push signed with a key given only for onerway is a mismatch, in every engine.
  const onlyOnerway = new cardhook.Verifier({ credentials: { onerway: { publicKey: wasabiPublic }, wasabicard: { publicKey } } });
  const headers = { 'X-WSB-SIGNATURE': sign(wasabiKey.privateKey) };
  assert.equal(await codeOf(() => onlyOnerway.verify(body, { headers })), 'SIGNATURE_MISMATCH');
  assert.equal(await codeOf(() => onlyOnerway.verifyAsync(body, { headers })), 'SIGNATURE_MISMATCH');
});

test('a credential of the wrong kind, for an unsigned dialect, or given for nothing is refused up front', async () => {
  assert.equal(await codeOf(() => new cardhook.Verifier({ credentials: { onerway: { secret: 's' } } })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ credentials: { uqpay: { publicKey } } })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ credentials: { nobepay: { secret: 's' } } })), 'UNSIGNED_DIALECT');
  assert.equal(await codeOf(() => new cardhook.Verifier({ credentials: { onerway: { publicKey, extra: 1 } } })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ credentials: {} })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ credentials: { onerway: { publicKey } }, secret: 's' })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ dialect: 'onerway', publicKey, secret: 's' })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ dialect: ['onerway', 'onerway-v2'], publicKey })), 'INVALID_OPTION');
  assert.equal(await codeOf(() => new cardhook.Verifier({ dialect: 'nope', publicKey })), 'UNKNOWN_DIALECT');
  assert.equal(await codeOf(() => cardhook.decode(txn.body, { dialect: ['onerway', 'upay'] })), 'INVALID_OPTION');
  // The refusal says how to fix it.
  try {
    new cardhook.Verifier({ secret: 's' });
    assert.fail('accepted');
  } catch (err) {
    assert.match(err.message, /onerway-v2/);
    assert.match(err.message, /name the dialect/);
  }
});

test("a scheme's own replay window and the toleranceSeconds option are not both taken", async () => {
  const scheme = { algorithm: 'hmac-sha256', signature: { header: 'x-sig' }, signed: { template: '{header:x-ts}.{body}' }, timestamp: { header: 'x-ts', toleranceSeconds: 600 } };
  assert.equal(await codeOf(() => new cardhook.Verifier({ scheme, secret: 's', toleranceSeconds: 60 })), 'INVALID_OPTION');
  // The scheme's window alone holds: 500 s old is inside 600.
  const now = 1767225600000;
  const ts = String(now / 1000 - 500);
  const body = '{"id":"1"}';
  const sig = createHmac('sha256', 's').update(`${ts}.${body}`).digest('hex');
  const event = cardhook.verify(body, { scheme, secret: 's', headers: { 'x-ts': ts, 'x-sig': sig }, now });
  assert.equal(event.verified, true);
});
