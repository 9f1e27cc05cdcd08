// Known-answer vectors for the wasabicard and uqpay dialects, signed with node:crypto (independent of cardhook's Rust code) straight from the providers' documented formulas. Writes tests/vectors/providers.json: `node tests/oracle/provider-vectors.mjs`.
// wasabicard: X-WSB-SIGNATURE = Base64(SHA256withRSA(platform private key, raw body)); uqpay: x-wk-signature = hex(HMAC-SHA512 or -SHA256(secret, raw body)).
// The RSA test keys live in tests/data/keys/vector-*rsa2048-private.pem (made once with node:crypto if missing, then reused, so
// the vectors are stable: PKCS#1 v1.5 signatures and HMACs are deterministic).
import { createHash, createHmac, createPublicKey, generateKeyPairSync, sign as rsaSign, verify as rsaVerify } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';

function keyPair(file) {
  const path = new URL(`../data/keys/${file}`, import.meta.url);
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx' });
    console.error(`provider-vectors: made ${path.pathname}`);
  }
  const privateKeyPem = readFileSync(path, 'utf8');
  return { publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }), privateKeyPem };
}
const keys = { main: keyPair('vector-rsa2048-private.pem'), other: keyPair('vector-other-rsa2048-private.pem') };
const MAIN = keys.main.publicKeyPem;
const OTHER_KEY = keys.other.publicKeyPem;
const cases = [];
const add = (c) => cases.push(c);
// `event.id` of a body with no id of its own, or whose envelope id a retry may not keep: `sha256:` and the hex SHA-256 of the
// body's compact JSON (for these bodies, JSON.stringify's), that envelope id left out (docs/dialects.md, "Event ids").
const contentId = (compactJson) => `sha256:${createHash('sha256').update(compactJson, 'utf8').digest('hex')}`;
const without = (headers, name) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));

// ---------------------------------------------------------------- wasabicard
// X-WSB-SIGNATURE = Base64(SHA256withRSA(platform private key, the request body exactly as sent)).
{
  const rsa = (body) => rsaSign('sha256', Buffer.from(body, 'utf8'), keys.main.privateKeyPem).toString('base64');
  const now = 1728375550000;
  // Spacing and newlines as sent: re-serialising the JSON would change the signed bytes.
  const body = '{"orderNo":"1844321574219444224", "merchantOrderNo":"M20240101",\n'
    + '  "cardNo":"1234****5678","currency":"USD", "amount": 15, "fee": 0.35,\n'
    + '  "receivedAmount":15,"receivedCurrency":"USD","type":"create","status":"success",\n'
    + '  "description":"Create card","remark":null,"transactionTime":1728375543000}';
  const headers = { 'Content-Type': 'application/json', 'X-WSB-CATEGORY': 'card_transaction', 'X-WSB-REQUEST-ID': '7c1e2f4a-9b3d-4e5f-8a6b-0c1d2e3f4a5b', 'X-WSB-SIGNATURE': rsa(body) };
  const base = { dialect: 'wasabicard', publicKey: MAIN, headers, body, now };
  const n = 'wasabicard card_transaction';

  add({ name: `${n}: valid`, ...base, expect: 'ok',
    expectEvent: { type: 'card_transaction', id: '1844321574219444224:SUCCESS', unsigned: [],
      data: { orderNo: '1844321574219444224', status: 'SUCCESS', statusRaw: 'success', amount: { amount: '15', currency: 'USD' }, fee: { amount: '0.35', currency: 'USD' } } } });
  add({ name: `${n}: valid, detected without dialect (X-WSB-SIGNATURE)`, publicKey: MAIN, headers, body, now, expect: 'ok',
    expectEvent: { type: 'card_transaction', id: '1844321574219444224:SUCCESS', unsigned: [] } });
  add({ name: `${n}: rotation, second public key matches`, ...base, publicKey: [OTHER_KEY, MAIN], expect: 'ok', keyIndex: 1 });
  add({ name: `${n}: header names in lower case`, ...base, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), expect: 'ok' });
  add({ name: `${n}: tampered body (amount 15 -> 16)`, ...base, body: body.replace('"amount": 15,', '"amount": 16,'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: wrong public key`, ...base, publicKey: OTHER_KEY, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: body re-serialised with different whitespace (same JSON value)`, ...base, body: JSON.stringify(JSON.parse(body)), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: missing X-WSB-SIGNATURE with the dialect given`, ...base, headers: without(headers, 'X-WSB-SIGNATURE'), expect: 'MISSING_HEADER' });
  add({ name: `${n}: X-WSB-SIGNATURE not Base64`, ...base, headers: { ...headers, 'X-WSB-SIGNATURE': 'not base64!' }, expect: 'INVALID_SIGNATURE_ENCODING' });
  add({ name: `${n}: X-WSB-CATEGORY of an unrelated category on a transaction body`, ...base, headers: { ...headers, 'X-WSB-CATEGORY': 'card_status' }, expect: 'INVALID_HEADER' });
  add({ name: `${n}: no X-WSB-CATEGORY header (type from the body's shape)`, ...base, headers: without(headers, 'X-WSB-CATEGORY'), expect: 'ok',
    expectEvent: { type: 'card_transaction', id: '1844321574219444224:SUCCESS', unsigned: [] } });

  // Decimal text kept: 15.00 stays "15.00".
  const body2 = '{\n  "orderNo": "1844321574219444999",\n  "merchantOrderNo": "M20240102",\n  "cardNo": "1234****5678",\n  "currency": "USD",\n'
    + '  "amount": 15.00,\n  "fee": 0.35,\n  "receivedAmount": 15.00,\n  "receivedCurrency": "USD",\n  "type": "create",\n  "status": "fail",\n'
    + '  "description": "Create card",\n  "remark": "insufficient balance",\n  "transactionTime": 1728375544000\n}\n';
  const headers2 = { ...headers, 'X-WSB-REQUEST-ID': '7c1e2f4a-9b3d-4e5f-8a6b-0c1d2e3f4a5c', 'X-WSB-SIGNATURE': rsa(body2) };
  add({ name: `${n} with decimal text 15.00: valid`, dialect: 'wasabicard', publicKey: MAIN, headers: headers2, body: body2, now, expect: 'ok',
    expectEvent: { type: 'card_transaction', id: '1844321574219444999:FAILED', unsigned: [],
      data: { orderNo: '1844321574219444999', status: 'FAILED', statusRaw: 'fail', amount: { amount: '15.00', currency: 'USD' }, fee: { amount: '0.35', currency: 'USD' } } } });
  add({ name: `${n} with decimal text 15.00: "15.00" rewritten as "15.0"`, dialect: 'wasabicard', publicKey: MAIN, headers: headers2,
    body: body2.replace('"amount": 15.00,', '"amount": 15.0,'), now, expect: 'SIGNATURE_MISMATCH' });

  // A push with no transaction shape: the type can only come from the (unsigned) header.
  const status = '{"cardNo":"1234****5678","status":"frozen"}';
  const sheaders = { 'Content-Type': 'application/json', 'X-WSB-CATEGORY': 'card_status', 'X-WSB-REQUEST-ID': '0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f', 'X-WSB-SIGNATURE': rsa(status) };
  add({ name: 'wasabicard card_status push (no transaction shape): valid, type from the unsigned header', dialect: 'wasabicard', publicKey: MAIN,
    headers: sheaders, body: status, now, expect: 'ok', expectEvent: { type: 'card_status', id: contentId(status), unsigned: ['type'] } });
  add({ name: 'wasabicard card_status push: tampered status', dialect: 'wasabicard', publicKey: MAIN, headers: sheaders,
    body: status.replace('frozen', 'active'), now, expect: 'SIGNATURE_MISMATCH' });
}

// ---------------------------------------------------------------- uqpay
// x-wk-signature = lowercase hex(HMAC(secret, raw body)), SHA-512 (128 hex digits) or SHA-256 (64); x-wk-timestamp is not signed.
{
  const SECRET = 'uqpay_whsec_test_7a3f9c2e5b8d1046';
  const OTHER = 'uqpay_whsec_test_rotated_00000';
  const hmac = (alg, secret, body) => createHmac(alg, Buffer.from(secret, 'utf8')).update(body, 'utf8').digest('hex');
  const ts = 1711077773;
  const now = ts * 1000 + 2000;
  const eventId = '6b1b7f0c-3a2d-4c5e-9f81-2d7a4b6c8e01';
  const cardId = 'c8a0f3d2-5e61-4b7a-9c30-1f2e3d4c5b6a';
  const data = {
    authorization_code: '123456', billing_amount: '11.5', billing_currency: 'SGD', card_available_balance: '988.5', card_id: cardId,
    card_number: '4242****4242', cardholder_id: 'ch_1', description: 'CAFE Singapore SG', fee_pass_through: 'N',
    merchant_data: { category_code: '5812', city: 'Singapore', country: 'SG', name: 'CAFE' },
    transaction_amount: '11.5', transaction_currency: 'SGD', transaction_id: 't_1', transaction_status: 'APPROVED',
    transaction_time: '2024-03-22T03:22:53+08:00', transaction_type: 'AUTHORIZATION',
  };
  const body = JSON.stringify({ version: 'V1.6.0', event_name: 'ISSUING', event_type: 'issuing.transaction.authorization', event_id: eventId, source_id: 't_1', data });
  const id = contentId(JSON.stringify({ version: 'V1.6.0', event_name: 'ISSUING', event_type: 'issuing.transaction.authorization', source_id: 't_1', data }));
  const sig512 = hmac('sha512', SECRET, body);
  const sig256 = hmac('sha256', SECRET, body);
  const headers = { 'content-type': 'application/json', 'x-wk-timestamp': String(ts), 'x-wk-signature': sig512 };
  const base = { dialect: 'uqpay', secret: SECRET, headers, body, now };
  const n = 'uqpay v1.6 issuing.transaction.authorization';
  const event = { type: 'issuing.transaction.authorization', id, unsigned: [] };

  add({ name: `${n}: HMAC-SHA512 valid`, ...base, expect: 'ok',
    expectEvent: { ...event, data: { authorizationCode: '123456', billingAmount: { amount: '11.5', currency: 'SGD' }, transactionAmount: { amount: '11.5', currency: 'SGD' }, cardId } } });
  add({ name: `${n}: HMAC-SHA256 valid`, ...base, headers: { ...headers, 'x-wk-signature': sig256 }, expect: 'ok', expectEvent: event });
  add({ name: `${n}: HMAC-SHA512 valid, detected without dialect (x-wk-signature)`, secret: SECRET, headers, body, now, expect: 'ok', expectEvent: event });
  add({ name: `${n}: HMAC-SHA256 valid, detected without dialect`, secret: SECRET, headers: { ...headers, 'x-wk-signature': sig256 }, body, now, expect: 'ok', expectEvent: event });
  add({ name: `${n}: rotation, second secret matches`, ...base, secret: [OTHER, SECRET], expect: 'ok', keyIndex: 1 });
  add({ name: `${n}: header names in upper case`, ...base, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v])), expect: 'ok' });
  add({ name: `${n}: tampered body (SHA-512)`, ...base, body: body.replace('"billing_amount":"11.5"', '"billing_amount":"11.6"'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: tampered body (SHA-256)`, ...base, headers: { ...headers, 'x-wk-signature': sig256 }, body: body.replace('"APPROVED"', '"DECLINED"'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: wrong secret`, ...base, secret: OTHER, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: upper-case hex tag (tolerated)`, ...base, headers: { ...headers, 'x-wk-signature': sig512.toUpperCase() }, expect: 'ok' });
  add({ name: `${n}: Base64 tag refused (the provider sends hex)`, ...base,
    headers: { ...headers, 'x-wk-signature': Buffer.from(sig512, 'hex').toString('base64') }, expect: 'INVALID_SIGNATURE_ENCODING' });
  add({ name: `${n}: 100-hex-digit tag (neither SHA-256 nor SHA-512 length)`, ...base, headers: { ...headers, 'x-wk-signature': sig512.slice(0, 100) }, expect: 'INVALID_SIGNATURE_ENCODING' });
  add({ name: `${n}: missing x-wk-signature with the dialect given`, ...base, headers: without(headers, 'x-wk-signature'), expect: 'MISSING_HEADER' });
  add({ name: `${n}: very old x-wk-timestamp is not checked (it is not signed)`, ...base, headers: { ...headers, 'x-wk-timestamp': '1600000000' },
    now: 1767225600000, expect: 'ok', expectEvent: event });

  // v1.5.2 docs swap the two names: event_type "ISSUING", event_name the dotted type.
  const declined = { version: 'V1.5.2', event_type: 'ISSUING', event_name: 'issuing.transaction.declined', event_id: '9d4e2a71-0b3c-4d5e-8f60-7a1b2c3d4e5f', source_id: 't_2',
    data: { ...data, transaction_id: 't_2', transaction_status: 'DECLINED', billing_amount: '7.25', transaction_amount: '7.25' } };
  const swapped = JSON.stringify(declined, null, 2);
  const { event_id: _, ...declinedWithoutId } = declined;
  const sheaders = { 'content-type': 'application/json', 'x-wk-timestamp': String(ts + 60), 'x-wk-signature': hmac('sha512', SECRET, swapped) };
  const sevent = { type: 'issuing.transaction.declined', id: contentId(JSON.stringify(declinedWithoutId)), unsigned: [] };
  add({ name: 'uqpay v1.5.2 envelope (event_name/event_type swapped): valid', dialect: 'uqpay', secret: SECRET, headers: sheaders, body: swapped, now, expect: 'ok',
    expectEvent: { ...sevent, data: { billingAmount: { amount: '7.25', currency: 'SGD' }, cardId } } });
  add({ name: 'uqpay v1.5.2 envelope: valid, detected without dialect', secret: SECRET, headers: sheaders, body: swapped, now, expect: 'ok', expectEvent: sevent });
  add({ name: 'uqpay v1.5.2 envelope: the dotted name rewritten', dialect: 'uqpay', secret: SECRET, headers: sheaders,
    body: swapped.replace('issuing.transaction.declined', 'issuing.transaction.authorization'), now, expect: 'SIGNATURE_MISMATCH' });
}

// ---------------------------------------------------------------- self-check: every signature is what the case says
for (const c of cases) {
  const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k.toLowerCase(), v]));
  let verdicts;
  if (c.publicKey !== undefined) {
    const sig = headers['x-wsb-signature'];
    if (sig === undefined || !/^[A-Za-z0-9+/]+=*$/.test(sig)) continue;
    verdicts = [c.publicKey].flat().map((k) => rsaVerify('sha256', Buffer.from(c.body, 'utf8'), k, Buffer.from(sig, 'base64')));
  } else {
    const sig = headers['x-wk-signature'];
    if (sig === undefined || !/^[0-9a-fA-F]{64}$|^[0-9a-fA-F]{128}$/.test(sig)) continue;
    const alg = sig.length === 128 ? 'sha512' : 'sha256';
    verdicts = [c.secret].flat().map((s) => createHmac(alg, Buffer.from(s, 'utf8')).update(c.body, 'utf8').digest('hex') === sig.toLowerCase());
  }
  const fine = ['ok', 'INVALID_HEADER'].includes(c.expect);
  if (fine) assert.deepEqual(verdicts.map((v, i) => v && i === (c.keyIndex ?? 0)), verdicts, `${c.name}: only the expected credential verifies`);
  assert.equal(verdicts.some(Boolean), fine, `${c.name}: signature check disagrees with expect ${c.expect}`);
}
assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'case names are unique');

writeFileSync(new URL('../vectors/providers.json', import.meta.url), JSON.stringify({
  generator: 'tests/oracle/provider-vectors.mjs (node:crypto sign SHA256withRSA for wasabicard, createHmac SHA-512/SHA-256 for uqpay)',
  keys, cases,
}, null, 1) + '\n');
console.error(`provider-vectors: wrote ${cases.length} cases`);
