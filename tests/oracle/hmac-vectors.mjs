// Known-answer vectors for the HMAC dialects, signed with node:crypto's HMAC (independent of
// cardhook's Rust code) straight from the providers' documented formulas. Writes
// tests/vectors/hmac.json: `node tests/oracle/hmac-vectors.mjs`.
import { createHash, createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const SECRET = 'whk_test_4f1c2b9e8d7a6c5b';
const OTHER = 'whk_test_rotated_000000';
const hmac = (secret, message) => createHmac('sha256', secret).update(message);
const cases = [];

function variants({ name, dialect, body, headers, ts, tsHeader, sigHeader, tamper, now, future }) {
  cases.push({ name: `${name}: valid`, dialect, secret: SECRET, headers, body, now, expect: 'ok' });
  cases.push({ name: `${name}: valid, detected without dialect`, secret: SECRET, headers, body, now, expect: 'ok' });
  cases.push({ name: `${name}: rotation, second secret matches`, dialect, secret: [OTHER, SECRET], headers, body, now, expect: 'ok', keyIndex: 1 });
  cases.push({ name: `${name}: tampered body`, dialect, secret: SECRET, headers, body: tamper(body), now, expect: 'SIGNATURE_MISMATCH' });
  cases.push({ name: `${name}: wrong secret`, dialect, secret: OTHER, headers, body, now, expect: 'SIGNATURE_MISMATCH' });
  if (ts !== undefined) {
    cases.push({ name: `${name}: stale timestamp`, dialect, secret: SECRET, headers, body, now: now + 301_000, expect: 'TIMESTAMP_TOO_OLD' });
    cases.push({ name: `${name}: future timestamp`, dialect, secret: SECRET, headers, body, now: future, expect: 'TIMESTAMP_IN_FUTURE' });
    cases.push({ name: `${name}: stale but within a wider tolerance`, dialect, secret: SECRET, headers, body, now: now + 301_000, toleranceSeconds: 600, expect: 'ok' });
    const noTs = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== tsHeader));
    cases.push({ name: `${name}: missing timestamp header`, dialect, secret: SECRET, headers: noTs, body, now, expect: 'MISSING_HEADER' });
    cases.push({ name: `${name}: timestamp header not a number`, dialect, secret: SECRET, headers: { ...headers, [tsHeader]: 'yesterday' }, body, now, expect: 'INVALID_HEADER' });
  }
  if (sigHeader) {
    const noSig = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== sigHeader));
    cases.push({ name: `${name}: missing signature header`, dialect, secret: SECRET, headers: noSig, body, now, expect: 'MISSING_HEADER' });
    cases.push({ name: `${name}: signature header garbage`, dialect, secret: SECRET, headers: { ...headers, [sigHeader]: 'not-a-signature' }, body, now, expect: 'INVALID_SIGNATURE_ENCODING' });
  }
}

// onerway-v2: x-signature = hex(HMAC(secret, x-timestamp + "." + raw_body)), seconds.
{
  const ts = 1767225600; // 2026-01-01T00:00:00Z
  const data = { operateRecordId: 300001, cardId: 100001, clientRequestId: 'REQ_2', type: 'DEPOSIT', status: 'S', amount: 250.00, currency: 'USD', feeList: [{ feeAmount: 2.50, feeCurrency: 'USD', feeType: 'DEPOSIT_FEE' }] };
  const body = JSON.stringify({ request_id: 'req_01J0000000000000000000', event_type: 'issuing.cardOperateEvent', created_at: '2026-01-01T00:00:00Z', version: 'v1', data }, null, 2)
    .replace('"amount": 250,', '"amount": 250.00,').replace('"feeAmount": 2.5,', '"feeAmount": 2.50,');
  const headers = { 'x-timestamp': String(ts), 'x-signature': hmac(SECRET, `${ts}.${body}`).digest('hex'), 'content-type': 'application/json' };
  variants({ name: 'onerway-v2 card operate', dialect: 'onerway-v2', body, headers, ts, tsHeader: 'x-timestamp', sigHeader: 'x-signature',
    tamper: (b) => b.replace('250.00', '950.00'), now: ts * 1000 + 20_000, future: ts * 1000 - 301_000 });
  cases.at(-12).expectEvent = { type: 'issuing.cardOperateEvent', id: 'req_01J0000000000000000000', unsigned: [], data: { operateRecordId: '300001', status: 'SUCCESS', amount: { amount: '250.00', currency: 'USD' } } };

  const txn = { txnType: 'AUTHORIZATION', txnStatus: 'F', txnOrderNo: 'TXN2', cardNo: '411111******1111', transactionAmount: 12.34, transactionCurrency: 'EUR', merchantName: 'Café "Ü"', transactionTime: 1767225599000 };
  const tbody = JSON.stringify({ request_id: 'req_02', event_type: 'issuing.cardTransactionEvent', created_at: '2026-01-01T00:00:00Z', version: 'v1', data: txn });
  const theaders = { 'X-Timestamp': String(ts), 'X-Signature': hmac(SECRET, `${ts}.${tbody}`).digest('hex') };
  cases.push({ name: 'onerway-v2 transaction: valid, headers in any case', dialect: 'onerway-v2', secret: SECRET, headers: theaders, body: tbody, now: ts * 1000, expect: 'ok',
    expectEvent: { type: 'issuing.cardTransactionEvent', id: 'req_02', unsigned: [], data: { txnStatus: 'FAILED', txnType: 'AUTHORIZATION', transactionAmount: { amount: '12.34', currency: 'EUR' }, merchantName: 'Café "Ü"' } } });
  cases.push({ name: 'onerway-v2: a Base64 signature is refused (the provider sends hex)', dialect: 'onerway-v2', secret: SECRET, headers: { ...theaders, 'X-Signature': hmac(SECRET, `${ts}.${tbody}`).digest('base64') }, body: tbody, now: ts * 1000, expect: 'INVALID_SIGNATURE_ENCODING' });
}

// upay: X-UPA-SIGN = Base64(HMAC(secret, event + "|" + timestamp + "|" + body)), milliseconds.
{
  const ts = 1767225600123;
  const body = JSON.stringify({ event: 'CC_CONSUME', trace: 'TR9', orderNo: 'ORD9', timestamp: ts, detail: { cardId: 'C9', cardNumber: '5555****4444', orderNo: 'ORD9', customerNo: 'CU9', type: 2, status: 1, amount: 99.9, direction: 2, currency: 'USD', transactionAt: ts, transactionId: 'T9' } });
  const headers = { 'X-UPA-REQUESTID': 'r-1', 'X-UPA-TIMESTAMP': String(ts), 'X-UPA-SIGN': hmac(SECRET, `CC_CONSUME|${ts}|${body}`).digest('base64') };
  variants({ name: 'upay signed CC_CONSUME', dialect: 'upay', body, headers, ts, tsHeader: 'X-UPA-TIMESTAMP', sigHeader: 'X-UPA-SIGN',
    tamper: (b) => b.replace('"amount":99.9', '"amount":9.9'), now: ts + 1000, future: ts - 301_000 });
  cases.at(-12).expectEvent = { type: 'CC_CONSUME', id: 'CC_CONSUME:ORD9:CONSUMPTION:SUCCESS', unsigned: [], data: { status: 'SUCCESS', amount: { amount: '99.9', currency: 'USD' } } };
  cases.push({ name: 'upay signed: the event name is part of the signed text', dialect: 'upay', secret: SECRET, headers, body: body.replace('"CC_CONSUME"', '"CC_REFUND"'), now: ts, expect: 'SIGNATURE_MISMATCH' });
  const unsigned = JSON.stringify({ event: 'CS_APPROVED', trace: 't', orderNo: 'o', timestamp: ts, detail: { cardId: 'C1' } });
  cases.push({ name: 'upay without X-UPA-SIGN when a secret is configured', dialect: 'upay', secret: SECRET, headers: {}, body: unsigned, now: ts, expect: 'MISSING_HEADER' });
}

// alchemypay-v2: sign = HMAC(secret, data string as received), hex or Base64; no timestamp.
// Only `data` is signed: the event id is the SHA-256 of that string, the envelope's eventType is
// reported as unsigned, and changing the envelope's eventId or eventType changes nothing signed.
{
  const digestId = (data) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
  const data = JSON.stringify({ cardNo: '4000123412341234', orderNo: 'A1', amount: '10.00', currency: 'USD', status: 'SUCCESS', note: 'ünïcödé "q"' });
  for (const enc of ['hex', 'base64']) {
    const body = JSON.stringify({ eventId: `evt_${enc}`, eventType: 'card.recharge', data, sign: hmac(SECRET, data).digest(enc) });
    variants({ name: `alchemypay-v2 card.recharge (${enc})`, dialect: 'alchemypay-v2', body, headers: {},
      tamper: (b) => b.replace('10.00', '90.00'), now: 0 });
    cases.at(-5).expectEvent = { type: 'card.recharge', id: digestId(data), unsigned: ['type', 'payload'], data: { eventData: { cardNo: '4000123412341234', amount: '10.00', note: 'ünïcödé "q"' } } };
  }
  const genuine = JSON.stringify({ eventId: 'evt_1', eventType: 'card.withdraw', data, sign: hmac(SECRET, data).digest('hex') });
  cases.push({ name: 'alchemypay-v2: a changed envelope eventId keeps the signed id', dialect: 'alchemypay-v2', secret: SECRET, headers: {}, body: genuine.replace('evt_1', 'evt_replayed'), now: 0, expect: 'ok',
    expectEvent: { type: 'card.withdraw', id: digestId(data), unsigned: ['type', 'payload'] } });
  cases.push({ name: 'alchemypay-v2: a changed envelope eventType is reported as unsigned', dialect: 'alchemypay-v2', secret: SECRET, headers: {}, body: genuine.replace('card.withdraw', 'card.recharge'), now: 0, expect: 'ok',
    expectEvent: { type: 'card.recharge', id: digestId(data), unsigned: ['type', 'payload'] } });
  const body = JSON.stringify({ eventId: 'evt_x', eventType: 'card.create', data: '{"cardNo":"1"}', sign: 'zz' });
  cases.push({ name: 'alchemypay-v2 sign not hex or Base64 of 32 bytes', dialect: 'alchemypay-v2', secret: SECRET, headers: {}, body, now: 0, expect: 'INVALID_SIGNATURE_ENCODING' });
  const nosign = JSON.stringify({ eventId: 'evt_x', eventType: 'card.create', data: '{"cardNo":"1"}' });
  cases.push({ name: 'alchemypay-v2 without sign', dialect: 'alchemypay-v2', secret: SECRET, headers: {}, body: nosign, now: 0, expect: 'MISSING_SIGNATURE' });
}
cases.push({ name: 'an HMAC dialect with only a public key configured', dialect: 'onerway-v2', publicKeyOnly: true, headers: {}, body: '{"request_id":"r","event_type":"x","data":{}}', now: 0, expect: 'INVALID_OPTION' });

writeFileSync(new URL('../vectors/hmac.json', import.meta.url), JSON.stringify({ generator: 'tests/oracle/hmac-vectors.mjs (node:crypto createHmac)', cases }, null, 1) + '\n');
console.error(`hmac-vectors: wrote ${cases.length} cases`);
