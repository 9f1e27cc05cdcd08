// event.id through the built package, for every dialect dialects() lists: a retry of a push keeps
// its id, a new state of the same object gets a new one, and nothing outside the signature (a
// header, a delivery's request id or timestamp, an envelope id a retry may not keep) decides it.
// Signed pushes are signed here with node:crypto from the providers' documented formulas, and the
// `sha256:` ids are checked against node:crypto's digest of the input docs/dialects.md names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, createPrivateKey, createPublicKey, sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decode, dialects, verify } from '../../pkg/node.mjs';

const privateKey = createPrivateKey(readFileSync(new URL('../data/keys/vector-rsa2048-private.pem', import.meta.url), 'utf8'));
const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
const SECRET = 'whk_test_ids_5e1f';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const sha256Id = (text) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
const hmac = (alg, text) => createHmac(alg, SECRET).update(text, 'utf8');

// onerway: SHA256withRSA over the fields without `sign` and nulls, sorted, as a JSON object of
// strings (the `json` form; these bodies hold only ASCII strings and integers).
function onerway(fields, headers = {}) {
  const signed = Object.entries(fields).filter(([, v]) => v !== null)
    .map(([k, v]) => [k, String(v)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sign = rsaSign('sha256', Buffer.from(JSON.stringify(Object.fromEntries(signed))), privateKey).toString('base64');
  return { body: JSON.stringify({ ...fields, sign }), headers };
}
// onerway-v2: x-signature = hex(HMAC-SHA256(secret, x-timestamp + "." + body)), seconds.
function onerwayV2(payload, seconds) {
  const body = JSON.stringify(payload);
  return { body, headers: { 'x-timestamp': String(seconds), 'x-signature': hmac('sha256', `${seconds}.${body}`).digest('hex') } };
}
// upay: X-UPA-SIGN = Base64(HMAC-SHA256(secret, event|X-UPA-TIMESTAMP|body)), milliseconds.
function upay(payload, requestId) {
  const body = JSON.stringify(payload);
  const ts = String(payload.timestamp);
  return { body, headers: { 'X-UPA-REQUESTID': requestId, 'X-UPA-TIMESTAMP': ts, 'X-UPA-SIGN': hmac('sha256', `${payload.event}|${ts}|${body}`).digest('base64') } };
}
// alchemypay-v2: sign = hex(HMAC-SHA256(secret, the data string)).
function alchemypay(eventId, data) {
  const text = JSON.stringify(data);
  return { body: JSON.stringify({ eventId, eventType: 'card.recharge', data: text, sign: hmac('sha256', text).digest('hex') }), headers: {} };
}
// wasabicard: X-WSB-SIGNATURE = Base64(SHA256withRSA(raw body)); X-WSB-REQUEST-ID is per request.
function wasabicard(body, category, requestId) {
  const signature = rsaSign('sha256', Buffer.from(body), privateKey).toString('base64');
  return { body, headers: { 'X-WSB-CATEGORY': category, 'X-WSB-REQUEST-ID': requestId, 'X-WSB-SIGNATURE': signature } };
}
// uqpay: x-wk-signature = hex(HMAC-SHA512(secret, raw body)); x-wk-timestamp is not signed.
function uqpay(payload, seconds) {
  const body = JSON.stringify(payload);
  return { body, headers: { 'x-wk-timestamp': String(seconds), 'x-wk-signature': hmac('sha512', body).digest('hex') } };
}

// Per dialect: a push, the same push delivered again, and the same object's next state.
const cases = {
  onerway: () => {
    const txn = (txnStatus) => ({ txnType: 'AUTHORIZATION', txnStatus, txnOrderNo: 'TXN20260101001', transactionCurrency: 'USD', transactionTime: 1767225600000 });
    return { first: onerway(txn('P')), retry: onerway(txn('P'), { 'X-Event-Type': 'transactionEvent' }), newState: onerway(txn('S')) };
  },
  'onerway-v2': () => {
    const op = (request_id, status) => ({ request_id, event_type: 'issuing.cardOperateEvent', created_at: '2026-01-01T11:59:00Z', version: '1.0', data: { operateRecordId: 300001, cardId: 100001, type: 'DEPOSIT', status, currency: 'USD' } });
    const s = NOW / 1000;
    return { first: onerwayV2(op('req_1', 'P'), s - 30), retry: onerwayV2(op('req_1', 'P'), s - 15), newState: onerwayV2(op('req_2', 'S'), s) };
  },
  'openapi-notify': () => {
    const trade = (notify_id, event, settle_at) => ({ body: JSON.stringify({ notify_id, customer_id: 10001320, event, event_data: JSON.stringify({ flow_id: 'V7VU9M', type: 1, card_id: 'cid_1', result: 1, settle_at }) }), headers: {} });
    return { first: trade('n-1', 'card.transaction.authorize.success', ''), retry: trade('n-1-again', 'card.transaction.authorize.success', ''), newState: trade('n-2', 'card.transaction.authorize.settled', '2026-01-01 12:00:00') };
  },
  upay: () => {
    const consume = (timestamp, status) => ({ event: 'CC_CONSUME', trace: 'TR1', orderNo: 'ORD1', timestamp, detail: { cardId: 'C1', orderNo: 'ORD1', type: 2, status, amount: 12, currency: 'USD', transactionId: 'T1' } });
    return { first: upay(consume(NOW - 6000, 3), 'r-1'), retry: upay(consume(NOW - 3000, 3), 'r-2'), newState: upay(consume(NOW, 1), 'r-3') };
  },
  nobepay: () => {
    const txn = (eventId, status, gmtModified) => ({ body: JSON.stringify({ eventType: 'TRANSACTION', eventId, webhookSubscribeId: 'wsb_1', data: { transactionId: 't_1', preAuthAmount: -1992, preAuthCurrency: 'USD', status, gmtModified } }), headers: {} });
    return { first: txn('ev_1', 'PENDING', 1652262674000), retry: txn('ev_1_again', 'PENDING', 1652262674000), newState: txn('ev_2', 'COMPLETE', 1655562674000) };
  },
  'alchemypay-v2': () => {
    const data = (status) => ({ orderNo: 'A1', cardNo: '4000123412341234', amount: '10.00', status });
    return { first: alchemypay('evt_1', data('PROCESSING')), retry: alchemypay('evt_1_again', data('PROCESSING')), newState: alchemypay('evt_2', data('SUCCESS')) };
  },
  wasabicard: () => {
    const txn = (status) => JSON.stringify({ orderNo: '1852379830190366720', currency: 'USD', amount: 15, fee: 0, receivedAmount: 0, receivedCurrency: 'USD', type: 'deposit', status, transactionTime: 1730476754000 });
    return { first: wasabicard(txn('processing'), 'card_transaction', 'req-1'), retry: wasabicard(txn('processing'), 'card_transaction', 'req-2'), newState: wasabicard(txn('success'), 'card_transaction', 'req-3') };
  },
  uqpay: () => {
    const status = (event_id, source_id, card_status, update_time) => ({ version: 'V1.6.0', event_name: 'ISSUING', event_type: 'card.status.update.succeeded', event_id, source_id, data: { card_id: 'c_1', card_status, update_time } });
    return {
      first: uqpay(status('e-1', 'o-1', 'FROZEN', '2026-01-01T19:00:00+08:00'), 1767268800),
      retry: uqpay(status('e-1-again', 'o-1', 'FROZEN', '2026-01-01T19:00:00+08:00'), 1767268860),
      newState: uqpay(status('e-2', 'o-2', 'ACTIVE', '2026-01-01T19:05:00+08:00'), 1767269100),
    };
  },
};

// Verifies a signed dialect's push with its credential (the dialect pinned), decodes an unsigned one.
function read(info, push) {
  if (!info.signed) return decode(push.body, { dialect: info.id, headers: push.headers });
  const credential = info.credential === 'publicKey' ? { publicKey } : { secret: SECRET };
  const event = verify(push.body, { dialect: info.id, ...credential, headers: push.headers, now: NOW });
  assert.equal(event.verified, true, info.id);
  assert.ok(!event.unsigned.includes('id'), `${info.id}: the id must come from signed content`);
  return event;
}

test('every dialect: a retry keeps its id and a new state gets a new one', () => {
  let ran = 0;
  for (const info of dialects()) {
    const make = cases[info.id];
    assert.ok(make, `no id case for the dialect ${info.id}: add one`);
    const { first, retry, newState } = make();
    const id = read(info, first).id;
    assert.equal(typeof id, 'string', info.id);
    assert.equal(read(info, retry).id, id, `${info.id}: a retry must keep its id`);
    assert.notEqual(read(info, newState).id, id, `${info.id}: a new state must get a new id`);
    ran++;
  }
  assert.ok(ran >= 8, `ran ${ran}`);
});

test('onerway: one state spelled S or SUCCESS has one id, whatever X-Event-Type says', () => {
  const txn = (txnStatus) => ({ txnStatus, txnOrderNo: 'TXN20260101001' });
  const ids = ['S', 'SUCCESS'].map((s) => verify(onerway(txn(s)).body, { dialect: 'onerway', publicKey }).id);
  assert.deepEqual(ids, ['TXN20260101001:SUCCESS', 'TXN20260101001:SUCCESS']);
  // Both ids in the body: only the unsigned header says which event it is, and it must not pick the id.
  const both = { operateRecordId: 200001, status: 'S', txnOrderNo: 'TXN1', txnStatus: 'F' };
  const events = ['cardOperateRecordEvent', 'transactionEvent'].map((type) => verify(onerway(both).body, { dialect: 'onerway', publicKey, headers: { 'X-Event-Type': type } }));
  assert.deepEqual(events.map((e) => e.type), ['cardOperateRecordEvent', 'transactionEvent']);
  assert.deepEqual(events.map((e) => e.unsigned), [['type', 'data'], ['type', 'data']]);
  const signedString = JSON.stringify({ operateRecordId: '200001', status: 'S', txnOrderNo: 'TXN1', txnStatus: 'F' });
  assert.deepEqual(events.map((e) => e.id), [sha256Id(signedString), sha256Id(signedString)]);
});

test('wasabicard: a push of another category has an id from its signed body, whatever X-WSB-CATEGORY says', () => {
  // The provider pushes one card authorization again as its status and amounts change.
  const auth = (status) => JSON.stringify({ tradeNo: 'AU1', cardNo: '23424290324234454242', type: 'auth', status, settleAmount: 0 });
  const verified = (body, category, requestId) => verify(body, { dialect: 'wasabicard', publicKey, headers: wasabicard(body, category, requestId).headers });
  const first = verified(auth('authorized'), 'card_auth_transaction', 'r-1');
  assert.equal(first.id, sha256Id(auth('authorized')));
  assert.deepEqual(first.unsigned, ['type']);
  for (const [category, requestId] of [['card_auth_transaction', 'r-2'], ['card_fee_patch', 'r-1'], ['card_status', 'r-3']]) {
    const again = verified(auth('authorized'), category, requestId);
    assert.equal(again.type, category);
    assert.equal(again.id, first.id, `${category} ${requestId}`);
  }
  assert.notEqual(verified(auth('succeed'), 'card_auth_transaction', 'r-4').id, first.id);
});

test('sha256 ids are the digest of the body without the envelope id a retry may not keep', () => {
  // JSON.stringify writes these bodies exactly as the compact JSON the digest is taken over.
  const without = (payload, key) => JSON.stringify(Object.fromEntries(Object.entries(payload).filter(([k]) => k !== key)));
  const nobepay = { eventType: 'CREATE_CARD', eventId: 'ev_2', webhookSubscribeId: 'wsb_1', data: { cardId: 'c_1', status: 'ACTIVE' } };
  assert.equal(decode(JSON.stringify(nobepay, null, 2), { dialect: 'nobepay' }).id, sha256Id(without(nobepay, 'eventId')));
  const notify = { notify_id: 'g-1', customer_id: 10001320, event: 'wallet.transaction', event_data: JSON.stringify({ wallet: 'w' }) };
  assert.equal(decode(JSON.stringify(notify), { dialect: 'openapi-notify' }).id, sha256Id(without(notify, 'notify_id')));
  const uq = { version: 'V1.6.0', event_name: 'ISSUING', event_type: 'card.create.succeeded', event_id: 'e-9', source_id: 's-9', data: { card_id: 'c' } };
  const pushed = uqpay(uq, 1767268800);
  assert.equal(verify(pushed.body, { dialect: 'uqpay', secret: SECRET, headers: pushed.headers }).id, sha256Id(without(uq, 'event_id')));
});
