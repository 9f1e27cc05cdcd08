// Known-answer vectors for declared signature schemes (dialect "custom"), independent of cardhook's Rust code. Writes tests/vectors/schemes.json: `node tests/oracle/scheme-vectors.mjs` (needs javac/java and Debian's Jackson jars).
// Raw-body and template cases are signed with node:crypto; every sorted-field case ("signed": {"fields": …}) is canonicalised and
// signed by tests/oracle/SchemeOracle.java (JDK TreeMap + Signature SHA256withRSA + Mac + Jackson), which this script compiles into
// tests/.work/scheme-oracle/ and runs with its inputs in tests/.work/. The RSA test keys live in tests/data/keys/vector-*rsa2048-private.pem
// (made once with node:crypto if missing, then reused: PKCS#1 v1.5 signatures and HMACs are deterministic, so the file is stable).
// A verified sorted-field case also carries `signedView`: the signed body members as [name, text] pairs in TreeMap order, from the
// Java oracle; an event's `data` under a `fields` scheme is exactly that (every value as the text signed, whatever its JSON type).
import { createHmac, createPublicKey, generateKeyPairSync, sign as rsaSign, verify as rsaVerify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function keyPair(file) {
  const path = `${ROOT}tests/data/keys/${file}`;
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx' });
    console.error(`scheme-vectors: made ${path}`);
  }
  const privateKeyPem = readFileSync(path, 'utf8');
  return { publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }), privateKeyPem };
}
const keys = { main: keyPair('vector-rsa2048-private.pem'), other: keyPair('vector-other-rsa2048-private.pem') };
const MAIN = keys.main.publicKeyPem;
const OTHER_KEY = keys.other.publicKeyPem;
const SECRET = 'whsec_scheme_9c1d7e2a4b6f8031';
const OTHER = 'whsec_scheme_rotated_000000';

// ---------------------------------------------------------------- signing primitives (node:crypto)
const rsa = (key, message) => rsaSign('sha256', Buffer.from(message, 'utf8'), keys[key].privateKeyPem);
const hmac = (alg, secret, message) => createHmac(alg, Buffer.from(secret, 'utf8')).update(message, 'utf8').digest();
const encode = (bytes, encoding) => (encoding === 'hex' ? bytes.toString('hex') : bytes.toString('base64'));
const findHeader = (headers, name) => {
  const k = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : headers[k];
};
/** `{body}` → the raw body, `{header:NAME}` → that header's value; undefined when a header is missing. */
function fillTemplate(template, body, headers) {
  let missing = false;
  const out = template.replace(/\{body\}|\{header:([^}]*)\}/g, (m, name) => {
    if (m === '{body}') return body;
    const v = findHeader(headers, name);
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? undefined : out;
}
/** The body text with `"name":"value"` appended as its last member, every other byte unchanged. */
function withField(body, name, value) {
  const end = body.lastIndexOf('}');
  return `${body.slice(0, end).trimEnd()},"${name}":"${value}"${body.slice(end)}`;
}
const without = (headers, name) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));

// ---------------------------------------------------------------- the Java oracle (sorted fields)
const JARS = ['core', 'databind', 'annotations'].map((j) => `/usr/share/java/jackson-${j}.jar`).join(':');
const CLASSES = `${ROOT}tests/.work/scheme-oracle`;
mkdirSync(CLASSES, { recursive: true });
// With Oracle.java, whose JSON reading and canonical forms it shares.
execFileSync('javac', ['-d', CLASSES, '-cp', JARS, `${ROOT}tests/oracle/Oracle.java`, `${ROOT}tests/oracle/SchemeOracle.java`], { stdio: 'inherit' });
let javaGenerator;
function oracle(tag, jobs) {
  const inFile = `${ROOT}tests/.work/scheme-oracle-${tag}-in.json`;
  const outFile = `${ROOT}tests/.work/scheme-oracle-${tag}-out.json`;
  writeFileSync(inFile, JSON.stringify({ keys: { main: keys.main.privateKeyPem, other: keys.other.privateKeyPem }, jobs }, null, 1));
  execFileSync('java', ['-cp', `${CLASSES}:${JARS}`, 'SchemeOracle', inFile, outFile], { stdio: 'inherit' });
  const out = JSON.parse(readFileSync(outFile, 'utf8'));
  javaGenerator = out.generator;
  return out.results;
}
const jobOf = (scheme, body, headers) => ({ body, headers, signatureField: scheme.signature.field ?? null, fields: scheme.signed.fields });

// Phase 1: Java signs every sorted-field push. Each push: scheme, unsigned body, headers without the signature, credential.
const pushes = {};
const javaPush = (id, p) => { pushes[id] = p; };

// HyperCard-like: body fields + two request headers, empty values and nulls dropped, name=value&…, SHA256withRSA, Base64 in a header.
const HC = { algorithm: 'rsa-sha256', signature: { header: 'X-Sign' }, encoding: 'base64', signed: { fields: { form: 'pairs', omit: ['null', 'empty'], headers: ['X-Nonce', 'X-Timestamp'] } } };
const HC_BODY = '{\n  "merchantId": "M100",\n  "orderNo": "HC20260101001",\n  "amount": 100.00,\n  "currency": "USD",\n  "remark": "",\n  "extra": null,\n'
  + '  "status": "SUCCESS",\n  "detail": {"mcc": "5812", "fee": 2.50, "note": null}\n}';
const HC_HEADERS = { 'Content-Type': 'application/json', 'X-Nonce': 'n-4f2a9c', 'X-Timestamp': '1767225600' };
javaPush('hc', { scheme: HC, body: HC_BODY, headers: HC_HEADERS, sign: { key: 'main' } });
const HC_LOWER = { ...HC, signed: { fields: { ...HC.signed.fields, headers: ['x-nonce', 'x-timestamp'] } } };
javaPush('hcLower', { scheme: HC_LOWER, body: HC_BODY, headers: HC_HEADERS, sign: { key: 'main' } });
javaPush('hcEmptyNonce', { scheme: HC, body: HC_BODY, headers: { ...HC_HEADERS, 'X-Nonce': '' }, sign: { key: 'main' } });

// HyperCard's own header names (`nonce`, `timestamp`, milliseconds), with a timestamp window on the signed header field.
const HC2 = { algorithm: 'rsa-sha256', signature: { header: 'sign' }, encoding: 'base64',
  signed: { fields: { form: 'pairs', omit: ['null', 'empty'], headers: ['nonce', 'timestamp'] } }, timestamp: { header: 'timestamp', unit: 'ms' } };
const HC2_BODY = '{"eventType":"CARD_TRANSACTION","cardId":"hc_card_9","amount":"8.80","currency":"USD","fee":"","detail":null}';
const HC2_HEADERS = { 'content-type': 'application/json', 'app_id': 'app_123', 'nonce': '9b2f', 'timestamp': '1767225600000' };
javaPush('hc2', { scheme: HC2, body: HC2_BODY, headers: HC2_HEADERS, sign: { key: 'main' } });

// JSON form, signature in the body field `sign`, default omit (nulls only): escaping, number text, UTF-16 key order.
const JS = { algorithm: 'rsa-sha256', signature: { field: 'sign' }, encoding: 'hex', signed: { fields: { form: 'json' } } };
const JS_BODY = String.raw`{"orderId":"J-1","amount":-0.50,"rate":1.25E-2,"big":9007199254740993,"ok":true,"flag":false,"empty":"","gone":null,`
  + String.raw`"quote":"say \"hi\" \\ \t/","ctl":"\u0001","café":"Ü","／":"fullwidth","😀":"emoji","items":[1,2.0,{"k":null}],"Zone":"Z","_meta":"m"}`;
javaPush('json', { scheme: JS, body: JS_BODY, headers: {}, sign: { key: 'main' } });

// Values form (values concatenated in key order), auto encoding, Base64 sent.
const VA = { algorithm: 'rsa-sha256', signature: { header: 'X-Signature' }, encoding: 'auto', signed: { fields: { form: 'values' } } };
const VA_BODY = '{"a":"12","b":"3","c":7.10}';
javaPush('values', { scheme: VA, body: VA_BODY, headers: {}, sign: { key: 'main', encoding: 'base64' } });

// Exclusions: HMAC-SHA512 over the JSON form, `meta` excluded (so unsigned).
const EX = { algorithm: 'hmac-sha512', signature: { header: 'X-Signature' }, encoding: 'hex', signed: { fields: { form: 'json', exclude: ['meta'] } } };
const EX_BODY = '{"event":"card.frozen","cardId":"c_5","meta":{"kind":"status","retry":1},"at":"2026-01-01T00:00:00Z"}';
javaPush('exclude', { scheme: EX, body: EX_BODY, headers: {}, sign: { secret: SECRET } });
const EX_BODY2 = '{"event":"card.frozen","cardId":"c_6","at":"2026-01-01T00:00:00Z"}';
javaPush('excludeAbsent', { scheme: EX, body: EX_BODY2, headers: {}, sign: { secret: SECRET } });

// HMAC-SHA256 with the signature in the body field `sign`, pairs form; id and type paths.
const HF = { algorithm: 'hmac-sha256', signature: { field: 'sign' }, encoding: 'hex', signed: { fields: { form: 'pairs' } }, id: 'data.orderId', type: 'event' };
const HF_BODY = '{"event":"card.created","data":{"orderId":1844321574219444224,"amount":"12.00"},"ts":1767225600}';
javaPush('hmacField', { scheme: HF, body: HF_BODY, headers: {}, sign: { secret: SECRET } });

// A value's JSON type is not signed: false/"false", 0/"0", 10.50/"10.50", an object and its JSON text sign alike (JSON form, HMAC-SHA256).
const RT = { algorithm: 'hmac-sha256', signature: { header: 'X-Signature' }, encoding: 'hex', signed: { fields: { form: 'json' } }, id: 'orderId', type: 'event' };
const RT_BODY = '{"event":"payout.reviewed","orderId":"P-1","approved":false,"attempts":0,"amount":10.50,"detail":{"k":1},"big":9007199254740993,"note":null}';
const RT_RETYPED = String.raw`{"event":"payout.reviewed","orderId":"P-1","approved":"false","attempts":"0","amount":"10.50","detail":"{\"k\":1}","big":"9007199254740993"}`;
javaPush('retype', { scheme: RT, body: RT_BODY, headers: {}, sign: { secret: SECRET } });

// Pairs form: a body value holding `&…=` signs like the body split there (`memo=ok&status=PAID`), RSA in a header.
const PS = { algorithm: 'rsa-sha256', signature: { header: 'X-Signature' }, encoding: 'base64', signed: { fields: { form: 'pairs' } } };
const PS_BODY = '{"amount":"5.00","memo":"ok&status=PAID"}';
const PS_SPLIT = '{"amount":"5.00","memo":"ok","status":"PAID"}';
javaPush('pairsSeparator', { scheme: PS, body: PS_BODY, headers: {}, sign: { key: 'main' } });

// Pairs form with a signed header: a body field moved into the header's value (`nonce: 9b2f&status=FAILED`) signs alike.
const PH = { algorithm: 'rsa-sha256', signature: { header: 'sign' }, encoding: 'base64', signed: { fields: { form: 'pairs', omit: ['null', 'empty'], headers: ['nonce'] } } };
const PH_BODY = '{"amount":"8.80","cardId":"c9","status":"FAILED"}';
const PH_MOVED = '{"amount":"8.80","cardId":"c9"}';
javaPush('pairsHeader', { scheme: PH, body: PH_BODY, headers: { nonce: '9b2f' }, sign: { key: 'main' } });

const signed = oracle('sign', Object.entries(pushes).map(([id, p]) => ({
  id, ...jobOf(p.scheme, p.body, p.headers),
  sign: { algorithm: p.scheme.algorithm, ...p.sign, encoding: p.sign.encoding ?? p.scheme.encoding },
})));
/** The push as sent: the Java signature placed in its header or appended to the body as the signature field. */
function sent(id) {
  const p = pushes[id];
  const r = signed[id];
  assert.ok(r && r.signature, `oracle signed ${id}: ${JSON.stringify(r)}`);
  if (p.scheme.signature.header) return { body: p.body, headers: { ...p.headers, [p.scheme.signature.header]: r.signature }, signature: r.signature, signedString: r.signedString };
  return { body: withField(p.body, p.scheme.signature.field, r.signature), headers: p.headers, signature: r.signature, signedString: r.signedString };
}

// Independent hand-written expectations for the oracle's signed strings (the rules read by a person, not by either program).
assert.equal(signed.hc.signedString, 'X-Nonce=n-4f2a9c&X-Timestamp=1767225600&amount=100.00&currency=USD&detail={"mcc":"5812","fee":2.50,"note":null}&merchantId=M100&orderNo=HC20260101001&status=SUCCESS');
assert.equal(signed.hcLower.signedString, 'amount=100.00&currency=USD&detail={"mcc":"5812","fee":2.50,"note":null}&merchantId=M100&orderNo=HC20260101001&status=SUCCESS&x-nonce=n-4f2a9c&x-timestamp=1767225600');
assert.equal(signed.hcEmptyNonce.signedString, 'X-Timestamp=1767225600&amount=100.00&currency=USD&detail={"mcc":"5812","fee":2.50,"note":null}&merchantId=M100&orderNo=HC20260101001&status=SUCCESS');
assert.equal(signed.hc2.signedString, 'amount=8.80&cardId=hc_card_9&currency=USD&eventType=CARD_TRANSACTION&nonce=9b2f&timestamp=1767225600000');
assert.equal(signed.json.signedString, String.raw`{"Zone":"Z","_meta":"m","amount":"-0.50","big":"9007199254740993","café":"Ü","ctl":"\u0001","empty":"","flag":"false",`
  + String.raw`"items":"[1,2.0,{\"k\":null}]","ok":"true","orderId":"J-1","quote":"say \"hi\" \\ \t/","rate":"1.25E-2","😀":"emoji","／":"fullwidth"}`);
assert.equal(signed.values.signedString, '1237.10');
assert.equal(signed.exclude.signedString, '{"at":"2026-01-01T00:00:00Z","cardId":"c_5","event":"card.frozen"}');
assert.equal(signed.hmacField.signedString, 'data={"orderId":1844321574219444224,"amount":"12.00"}&event=card.created&ts=1767225600');
assert.equal(signed.retype.signedString, String.raw`{"amount":"10.50","approved":"false","attempts":"0","big":"9007199254740993","detail":"{\"k\":1}","event":"payout.reviewed","orderId":"P-1"}`);
assert.equal(signed.pairsSeparator.signedString, 'amount=5.00&memo=ok&status=PAID');
assert.equal(signed.pairsHeader.signedString, 'amount=8.80&cardId=c9&nonce=9b2f&status=FAILED');

// ---------------------------------------------------------------- cases
let cases = [];
const ORDER = ['name', 'dialect', 'scheme', 'publicKey', 'secret', 'headers', 'body', 'now', 'toleranceSeconds', 'expect', 'keyIndex', 'signedString', 'signedView', 'expectEvent'];
/** The case with its keys in the documented order. */
function ordered(c) {
  for (const k of Object.keys(c)) assert.ok(ORDER.includes(k), `${c.name}: unknown key ${k}`);
  return Object.fromEntries(ORDER.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
}
/** Adds a custom-scheme case; `signedString` is filled in afterwards. */
const add = (c) => cases.push(ordered({ ...c, dialect: 'custom' }));
const T0 = 1767225600; // 2026-01-01T00:00:00Z
const NOW = T0 * 1000 + 5000;

// --- sorted fields, RSA, pairs (HyperCard-like), signed by Java
{
  const p = sent('hc');
  const base = { scheme: HC, publicKey: MAIN, headers: p.headers, body: p.body, now: NOW };
  const n = 'fields/pairs RSA, header fields X-Nonce + X-Timestamp, empty and null dropped (HyperCard-like, Java-signed)';
  // The empty remark and the null extra are not signed: absent from data (its signedView), and payload is unsigned.
  add({ name: `${n}: valid`, ...base, expect: 'ok', expectEvent: { type: '', unsigned: ['payload'], data: { orderNo: 'HC20260101001', status: 'SUCCESS', amount: '100.00', detail: '{"mcc":"5812","fee":2.50,"note":null}' } } });
  add({ name: `${n}: body re-serialised compactly, same fields and number text (still valid)`, ...base, body: p.body.replace(/\n\s*/g, '').replace(/": /g, '":').replace(/, "/g, ',"'), expect: 'ok' });
  add({ name: `${n}: tampered body (100.00 -> 900.00)`, ...base, body: p.body.replace('100.00', '900.00'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: tampered X-Nonce header`, ...base, headers: { ...p.headers, 'X-Nonce': 'n-000000' }, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: the empty-string field now filled in`, ...base, body: p.body.replace('"remark": ""', '"remark": "x"'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: verified with omit ["null"] only (the empty remark counts)`, ...base,
    scheme: { ...HC, signed: { fields: { ...HC.signed.fields, omit: ['null'] } } }, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: verified with fields.headers lacking X-Nonce`, ...base,
    scheme: { ...HC, signed: { fields: { ...HC.signed.fields, headers: ['X-Timestamp'] } } }, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: missing X-Sign header`, ...base, headers: without(p.headers, 'X-Sign'), expect: 'MISSING_HEADER' });

  const q = sent('hcLower');
  add({ name: 'fields/pairs RSA: header fields are named as written in the scheme (x-nonce, x-timestamp sort after the body fields)', scheme: HC_LOWER, publicKey: MAIN,
    headers: q.headers, body: q.body, now: NOW, expect: 'ok' });
  const r = sent('hcEmptyNonce');
  add({ name: 'fields/pairs RSA: an empty X-Nonce header is dropped like an empty body field', scheme: HC, publicKey: MAIN, headers: r.headers, body: r.body, now: NOW, expect: 'ok' });

  const h = sent('hc2');
  const n2 = 'fields/pairs RSA with HyperCard header names nonce + timestamp (ms) and a timestamp window (Java-signed)';
  add({ name: `${n2}: valid`, scheme: HC2, publicKey: MAIN, headers: h.headers, body: h.body, now: T0 * 1000 + 1500, expect: 'ok',
    expectEvent: { type: '', unsigned: ['payload'], data: { cardId: 'hc_card_9', amount: '8.80' } } });
  add({ name: `${n2}: stale`, scheme: HC2, publicKey: MAIN, headers: h.headers, body: h.body, now: T0 * 1000 + 301_000, expect: 'TIMESTAMP_TOO_OLD' });
  add({ name: `${n2}: an id read from the empty fee (not signed) is listed unsigned, a type from a signed field is not`, scheme: { ...HC2, id: 'fee', type: 'eventType' },
    publicKey: MAIN, headers: h.headers, body: h.body, now: T0 * 1000 + 1500, expect: 'ok', expectEvent: { type: 'CARD_TRANSACTION', id: '', unsigned: ['id', 'payload'] } });
}

// --- sorted fields, RSA, JSON form, signature in the body field `sign`, signed by Java
{
  const p = sent('json');
  const base = { scheme: JS, publicKey: MAIN, headers: {}, body: p.body, now: NOW };
  const n = 'fields/json RSA, signature in body field sign, hex, default omit (Java-signed)';
  add({ name: `${n}: valid (escapes, number text, UTF-16 key order)`, ...base, expect: 'ok',
    expectEvent: { type: '', unsigned: ['payload'], data: { orderId: 'J-1', quote: 'say "hi" \\ \t/', 'café': 'Ü', empty: '', ok: 'true', big: '9007199254740993', items: '[1,2.0,{"k":null}]' } } });
  add({ name: `${n}: rotation, second public key matches`, ...base, publicKey: [OTHER_KEY, MAIN], expect: 'ok', keyIndex: 1 });
  add({ name: `${n}: tampered (-0.50 -> -0.5, same number, different text)`, ...base, body: p.body.replace('-0.50', '-0.5'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: verified with omit ["null","empty"] (the empty field was signed)`, ...base,
    scheme: { ...JS, signed: { fields: { form: 'json', omit: ['null', 'empty'] } } }, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: missing sign field`, ...base, body: JS_BODY, expect: 'MISSING_SIGNATURE' });
}

// --- sorted fields, RSA, values form, signed by Java
{
  const p = sent('values');
  const base = { scheme: VA, publicKey: MAIN, headers: p.headers, body: p.body, now: NOW };
  const n = 'fields/values RSA, auto encoding with Base64 sent (Java-signed)';
  add({ name: `${n}: valid`, ...base, expect: 'ok', expectEvent: { type: '', unsigned: ['payload'], data: { a: '12', b: '3', c: '7.10' } } });
  add({ name: `${n}: number text 7.10 -> 7.1`, ...base, body: p.body.replace('7.10', '7.1'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: adjacent values trading characters still verify (the documented weakness of values)`, ...base,
    body: p.body.replace('"a":"12","b":"3"', '"a":"1","b":"23"'), expect: 'ok' });
}

// --- sorted fields, HMAC-SHA512, exclude ["meta"], signed by Java
{
  const p = sent('exclude');
  const base = { scheme: EX, secret: SECRET, headers: p.headers, body: p.body, now: NOW };
  const n = 'fields/json HMAC-SHA512, exclude ["meta"] (Java-signed)';
  add({ name: `${n}: valid, an excluded member is left out of data, and payload (which holds it) is unsigned`, ...base, expect: 'ok',
    expectEvent: { type: '', unsigned: ['payload'], data: { cardId: 'c_5', event: 'card.frozen' } } });
  add({ name: `${n}: the excluded member changed (still valid, still outside data, payload unsigned)`, ...base, body: p.body.replace('"kind":"status"', '"kind":"forged"'), expect: 'ok',
    expectEvent: { type: '', unsigned: ['payload'], data: { cardId: 'c_5' } } });
  add({ name: `${n}: type and id read from an excluded member are unsigned too`, ...base, scheme: { ...EX, type: 'meta.kind', id: 'meta.retry' }, expect: 'ok',
    expectEvent: { type: 'status', id: '1', unsigned: ['type', 'id', 'payload'] } });
  add({ name: `${n}: type from an excluded member, id from a signed one`, ...base, scheme: { ...EX, type: 'meta.kind', id: 'cardId' }, expect: 'ok',
    expectEvent: { type: 'status', id: 'c_5', unsigned: ['type', 'payload'] } });
  add({ name: `${n}: tampered signed member`, ...base, body: p.body.replace('c_5', 'c_9'), expect: 'SIGNATURE_MISMATCH' });
  const q = sent('excludeAbsent');
  add({ name: `${n}: body without meta, only payload unsigned`, ...base, headers: q.headers, body: q.body, expect: 'ok',
    expectEvent: { type: '', unsigned: ['payload'], data: { cardId: 'c_6' } } });
}

// --- sorted fields, HMAC-SHA256, pairs, signature in the body field `sign`, id/type paths, signed by Java
{
  const p = sent('hmacField');
  const base = { scheme: HF, secret: SECRET, headers: {}, body: p.body, now: NOW };
  const n = 'fields/pairs HMAC-SHA256, signature in body field sign, id data.orderId, type event (Java-signed)';
  add({ name: `${n}: valid, a numeric id keeps its text`, ...base, expect: 'ok',
    expectEvent: { type: 'card.created', id: '1844321574219444224', unsigned: ['payload'], data: { event: 'card.created', data: '{"orderId":1844321574219444224,"amount":"12.00"}', ts: '1767225600' } } });
  add({ name: `${n}: rotation, second secret matches`, ...base, secret: [OTHER, SECRET], expect: 'ok', keyIndex: 1 });
  add({ name: `${n}: wrong secret`, ...base, secret: OTHER, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: tampered nested amount`, ...base, body: p.body.replace('"12.00"', '"12.01"'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: missing sign field`, ...base, body: HF_BODY, expect: 'MISSING_SIGNATURE' });
}

// --- a value's JSON type is not signed: the retyped body verifies, and data (the signed view) is the same for both (Java-signed)
{
  const p = sent('retype');
  const base = { scheme: RT, secret: SECRET, headers: p.headers, now: NOW };
  const n = 'fields/json HMAC-SHA256, values of every JSON type (Java-signed)';
  const data = { approved: 'false', attempts: '0', amount: '10.50', detail: '{"k":1}', big: '9007199254740993', orderId: 'P-1' };
  add({ name: `${n}: valid; data holds each value as its signed text, the null note is left out, payload is unsigned`, ...base, body: p.body, expect: 'ok',
    expectEvent: { type: 'payout.reviewed', id: 'P-1', unsigned: ['payload'], data } });
  add({ name: `${n}: the body retyped (false -> "false", 0 -> "0", 10.50 -> "10.50", an object -> its JSON text) verifies to the same data`, ...base, body: RT_RETYPED, expect: 'ok',
    expectEvent: { type: 'payout.reviewed', id: 'P-1', unsigned: ['payload'], data } });
  add({ name: `${n}: a value changed, not retyped`, ...base, body: p.body.replace('false', 'true'), expect: 'SIGNATURE_MISMATCH' });
}

// --- pairs form: separators inside values (Java-signed)
{
  const p = sent('pairsSeparator');
  const base = { scheme: PS, publicKey: MAIN, headers: p.headers, now: NOW };
  const n = 'fields/pairs RSA, a value holding & and = (Java-signed)';
  add({ name: `${n}: valid; its fields' boundaries are not pinned by the signature, so data is listed unsigned`, ...base, body: p.body, expect: 'ok',
    expectEvent: { type: '', unsigned: ['data', 'payload'], data: { amount: '5.00', memo: 'ok&status=PAID' } } });
  add({ name: `${n}: type and id read from those fields are listed unsigned too`, ...base, scheme: { ...PS, type: 'memo', id: 'amount' }, body: p.body, expect: 'ok',
    expectEvent: { type: 'ok&status=PAID', id: '5.00', unsigned: ['type', 'id', 'data', 'payload'] } });
  add({ name: `${n}: the body split at the separators verifies too (the documented weakness of pairs; no value holds a separator to tell)`, ...base, body: PS_SPLIT, expect: 'ok',
    expectEvent: { type: '', unsigned: ['payload'], data: { amount: '5.00', memo: 'ok', status: 'PAID' } } });

  const q = sent('pairsHeader');
  const m = 'fields/pairs RSA with a signed nonce header (Java-signed)';
  add({ name: `${m}: valid`, scheme: PH, publicKey: MAIN, headers: q.headers, body: q.body, now: NOW, expect: 'ok',
    expectEvent: { type: '', unsigned: ['payload'], data: { status: 'FAILED' } } });
  add({ name: `${m}: a body field moved into the header's value (nonce: 9b2f&status=FAILED) is refused, though it signs the same string`, scheme: PH, publicKey: MAIN,
    headers: { ...q.headers, nonce: '9b2f&status=FAILED' }, body: PH_MOVED, now: NOW, expect: 'INVALID_HEADER' });
}

// --- RSA over the raw body (node:crypto)
const RAW_BODY = '{\n  "event": "payment.succeeded",\n  "data": {"orderId": "O-77", "amount": 25.50}\n}\n';
{
  const sig = rsa('main', RAW_BODY);
  const scheme = (encoding) => ({ algorithm: 'rsa-sha256', signature: { header: 'X-Signature' }, ...(encoding ? { encoding } : {}), signed: 'body' });
  const b64 = { 'Content-Type': 'application/json', 'X-Signature': sig.toString('base64') };
  const hex = { 'Content-Type': 'application/json', 'X-Signature': sig.toString('hex') };
  const n = 'body RSA';
  const base = { publicKey: MAIN, body: RAW_BODY, now: NOW };
  add({ name: `${n}, base64: valid`, ...base, scheme: scheme('base64'), headers: b64, expect: 'ok', expectEvent: { type: '', unsigned: [], data: { event: 'payment.succeeded' } } });
  add({ name: `${n}, base64: rotation, second public key matches`, ...base, scheme: scheme('base64'), headers: b64, publicKey: [OTHER_KEY, MAIN], expect: 'ok', keyIndex: 1 });
  add({ name: `${n}, base64: wrong public key`, ...base, scheme: scheme('base64'), headers: b64, publicKey: OTHER_KEY, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}, base64: tampered body`, ...base, scheme: scheme('base64'), headers: b64, body: RAW_BODY.replace('25.50', '25.51'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}, base64: whitespace changed (raw bytes are signed)`, ...base, scheme: scheme('base64'), headers: b64, body: RAW_BODY.trimEnd(), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}, base64: missing signature header`, ...base, scheme: scheme('base64'), headers: without(b64, 'X-Signature'), expect: 'MISSING_HEADER' });
  add({ name: `${n}, hex: valid`, ...base, scheme: scheme('hex'), headers: hex, expect: 'ok' });
  add({ name: `${n}, hex: tampered body`, ...base, scheme: scheme('hex'), headers: hex, body: RAW_BODY.replace('O-77', 'O-78'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}, hex declared, Base64 sent`, ...base, scheme: scheme('hex'), headers: b64, expect: 'INVALID_SIGNATURE_ENCODING' });
  add({ name: `${n}, auto: Base64 sent (header name in lower case)`, ...base, scheme: scheme('auto'), headers: { 'x-signature': b64['X-Signature'] }, expect: 'ok' });
  add({ name: `${n}, auto: hex sent`, ...base, scheme: scheme('auto'), headers: hex, expect: 'ok' });
  add({ name: `${n}, encoding left out (auto): hex sent`, ...base, scheme: scheme(undefined), headers: hex, expect: 'ok' });
}

// --- RSA over a template with a timestamp window (node:crypto)
{
  const TPL = { algorithm: 'rsa-sha256', signature: { header: 'X-Signature' }, encoding: 'base64', signed: { template: '{header:X-Timestamp}.{body}' },
    timestamp: { header: 'X-Timestamp', unit: 's' }, id: 'data.orderId', type: 'event' };
  const body = '{"event":"refund.created","data":{"orderId":"R-31","amount":"3.00"}}';
  const signedAt = (ts) => ({ 'X-Timestamp': String(ts), 'X-Signature': rsa('main', `${ts}.${body}`).toString('base64') });
  const headers = signedAt(T0);
  const n = 'template {header:X-Timestamp}.{body} RSA, timestamp window 300 s';
  const base = { scheme: TPL, publicKey: MAIN, headers, body };
  add({ name: `${n}: valid`, ...base, now: T0 * 1000 + 10_000, expect: 'ok', expectEvent: { type: 'refund.created', id: 'R-31', unsigned: [], data: { data: { amount: '3.00' } } } });
  add({ name: `${n}: stale (301 s old)`, ...base, now: T0 * 1000 + 301_000, expect: 'TIMESTAMP_TOO_OLD' });
  add({ name: `${n}: in the future (301 s ahead)`, ...base, now: T0 * 1000 - 301_000, expect: 'TIMESTAMP_IN_FUTURE' });
  add({ name: `${n}: 400 s old within the scheme's toleranceSeconds 600`, ...base, scheme: { ...TPL, timestamp: { ...TPL.timestamp, toleranceSeconds: 600 } }, now: T0 * 1000 + 400_000, expect: 'ok' });
  add({ name: `${n}: missing timestamp header`, ...base, headers: without(headers, 'X-Timestamp'), now: T0 * 1000, expect: 'MISSING_HEADER' });
  add({ name: `${n}: timestamp not an integer (signed as sent)`, ...base, headers: signedAt('1767225600.5'), now: T0 * 1000, expect: 'INVALID_HEADER' });
  add({ name: `${n}: tampered body`, ...base, body: body.replace('3.00', '30.00'), now: T0 * 1000, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: timestamp header moved 5 s (inside the window, but signed)`, ...base, headers: { ...headers, 'X-Timestamp': String(T0 + 5) }, now: T0 * 1000, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: template and timestamp name the header in lower case`, ...base,
    scheme: { ...TPL, signed: { template: '{header:x-timestamp}.{body}' }, timestamp: { header: 'x-timestamp', unit: 's' } }, now: T0 * 1000, expect: 'ok' });
}

// --- HMAC (node:crypto)
{
  const body = '{"event":"card.authorized","data":{"orderId":"O-9001","amount":"12.00","currency":"EUR"}}';
  const S256 = { algorithm: 'hmac-sha256', signature: { header: 'X-Hook-Signature' }, encoding: 'hex', signed: 'body', id: 'data.orderId', type: 'event' };
  const headers = { 'X-Hook-Signature': hmac('sha256', SECRET, body).toString('hex') };
  const n = 'body HMAC-SHA256 hex, id data.orderId, type event';
  const base = { scheme: S256, secret: SECRET, headers, body, now: NOW };
  add({ name: `${n}: valid`, ...base, expect: 'ok', expectEvent: { type: 'card.authorized', id: 'O-9001', unsigned: [], data: { event: 'card.authorized', data: { orderId: 'O-9001', amount: '12.00' } } } });
  add({ name: `${n}: rotation, second secret matches`, ...base, secret: [OTHER, SECRET], expect: 'ok', keyIndex: 1 });
  add({ name: `${n}: wrong secret`, ...base, secret: OTHER, expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: tampered body`, ...base, body: body.replace('EUR', 'USD'), expect: 'SIGNATURE_MISMATCH' });
  add({ name: `${n}: missing signature header`, ...base, headers: {}, expect: 'MISSING_HEADER' });

  const S512 = { algorithm: 'hmac-sha512', signature: { header: 'X-Hook-Signature' }, encoding: 'base64', signed: 'body' };
  const h512 = { 'X-Hook-Signature': hmac('sha512', SECRET, body).toString('base64') };
  add({ name: 'body HMAC-SHA512 base64: valid', scheme: S512, secret: SECRET, headers: h512, body, now: NOW, expect: 'ok', expectEvent: { type: '', unsigned: [] } });
  add({ name: 'body HMAC-SHA512 base64: tampered body', scheme: S512, secret: SECRET, headers: h512, body: body.replace('O-9001', 'O-9002'), now: NOW, expect: 'SIGNATURE_MISMATCH' });

  const TMS = { algorithm: 'hmac-sha256', signature: { header: 'X-Sig' }, encoding: 'hex', signed: { template: 't={header:X-Ts},v={body}' }, timestamp: { header: 'X-Ts', unit: 'ms' } };
  const ts = T0 * 1000 + 123;
  const signedAt = (t) => ({ 'X-Ts': String(t), 'X-Sig': hmac('sha256', SECRET, `t=${t},v=${body}`).toString('hex') });
  const m = 'template t={header:X-Ts},v={body} HMAC-SHA256, timestamp in ms';
  add({ name: `${m}: valid`, scheme: TMS, secret: SECRET, headers: signedAt(ts), body, now: ts + 2000, expect: 'ok' });
  add({ name: `${m}: stale (301 s old)`, scheme: TMS, secret: SECRET, headers: signedAt(ts), body, now: ts + 301_000, expect: 'TIMESTAMP_TOO_OLD' });
  add({ name: `${m}: a seconds value read as ms is in 1970 (too old)`, scheme: TMS, secret: SECRET, headers: signedAt(T0), body, now: ts, expect: 'TIMESTAMP_TOO_OLD' });
  add({ name: `${m}: tampered body`, scheme: TMS, secret: SECRET, headers: signedAt(ts), body: body.replace('12.00', '13.00'), now: ts, expect: 'SIGNATURE_MISMATCH' });
}

// --- malformed schemes: refused before anything is checked (the push itself is a valid RSA body push)
{
  const body = RAW_BODY;
  const headers = { 'X-Signature': rsa('main', body).toString('base64'), 'X-Timestamp': String(T0) };
  const ok = { algorithm: 'rsa-sha256', signature: { header: 'X-Signature' }, encoding: 'base64', signed: 'body' };
  const bad = (what, scheme) => add({ name: `invalid scheme: ${what}`, scheme, publicKey: MAIN, headers, body, now: NOW, expect: 'INVALID_OPTION' });
  bad('unknown algorithm rsa-sha1', { ...ok, algorithm: 'rsa-sha1' });
  bad('signature with both header and field', { ...ok, signature: { header: 'X-Signature', field: 'sign' } });
  bad('encoding base32', { ...ok, encoding: 'base32' });
  bad('template without {body}', { ...ok, signed: { template: '{header:X-Timestamp}.' } });
  bad('template with an empty {header:}', { ...ok, signed: { template: '{header:}.{body}' } });
  bad('unknown top-level key "algo"', { ...ok, algo: 'rsa-sha256' });
  bad('omit ["empty"] without "null"', { ...ok, signed: { fields: { form: 'pairs', omit: ['empty'] } } });
  bad('form "xml"', { ...ok, signed: { fields: { form: 'xml' } } });
  bad('signature field with signed "body" (a body cannot contain its own signature)', { ...ok, signature: { field: 'sign' } });
  bad('timestamp unit "h"', { ...ok, signed: { template: '{header:X-Timestamp}.{body}' }, timestamp: { header: 'X-Timestamp', unit: 'h' } });
  bad('timestamp header not in the signed input (signed "body")', { ...ok, timestamp: { header: 'X-Timestamp', unit: 's' } });
  bad('timestamp header not among the signed fields\' headers', { ...ok, signed: { fields: { form: 'pairs', headers: ['X-Nonce'] } }, timestamp: { header: 'X-Timestamp', unit: 's' } });
  const inBody = { ...ok, signature: { field: 'sign' }, signed: { fields: { form: 'pairs' } } };
  bad('id read from the signature field (one push, many spellings of its id)', { ...inBody, id: 'sign' });
  bad('type read from inside the signature field', { ...inBody, type: 'sign.kind' });
  bad('template signing the signature\'s own header', { ...ok, signed: { template: '{header:X-Signature}{body}' } });
  bad('fields.headers listing the signature\'s own header (any case)', { ...ok, signed: { fields: { form: 'pairs', headers: ['x-signature'] } } });
  bad('two header placeholders with nothing between them', { ...ok, signed: { template: '{header:X-Nonce}{header:X-Timestamp}.{body}' }, timestamp: { header: 'X-Timestamp' } });
  bad('a header name with & under the pairs form', { ...ok, signed: { fields: { form: 'pairs', headers: ['X-A&B'] } } });
  bad('fields.headers over its cap of 32', { ...ok, signed: { fields: { form: 'pairs', headers: Array.from({ length: 33 }, (_, i) => `X-H${i}`) } } });
  bad('fields.exclude over its cap of 256', { ...ok, signed: { fields: { form: 'pairs', exclude: Array.from({ length: 257 }, (_, i) => `f${i}`) } } });
  bad('fields.exclude listing a name twice', { ...ok, signed: { fields: { form: 'pairs', exclude: ['a', 'b', 'a'] } } });
}

// ---------------------------------------------------------------- signed strings: template/body here, sorted fields by Java (phase 2)
const fieldJobs = [];
cases.forEach((c, i) => {
  if (c.expect === 'INVALID_OPTION') return;
  const { signed: how } = c.scheme;
  if (how === 'body') c.signedString = c.body;
  else if (how.template !== undefined) c.signedString = fillTemplate(how.template, c.body, c.headers);
  else fieldJobs.push({ id: String(i), ...jobOf(c.scheme, c.body, c.headers) });
});
const canon = oracle('canonical', fieldJobs);
for (const { id } of fieldJobs) {
  assert.ok(canon[id].signedString !== undefined, `${cases[id].name}: ${canon[id].error}`);
  cases[id].signedString = canon[id].signedString;
  if (cases[id].expect === 'ok') cases[id].signedView = canon[id].signedView;
}
cases = cases.map(ordered); // signedString in its documented place

// ---------------------------------------------------------------- self-check: each signature is what the case says, with node:crypto
function signatureOf(c) {
  const s = c.scheme.signature;
  if (s.header) return findHeader(c.headers, s.header);
  return JSON.parse(c.body)[s.field];
}
function decode(text, encoding) {
  const hex = /^[0-9a-f]+$/.test(text) && text.length % 2 === 0;
  if (encoding === 'hex' || ((encoding ?? 'auto') === 'auto' && hex)) return hex ? Buffer.from(text, 'hex') : undefined;
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0 ? Buffer.from(text, 'base64') : undefined;
}
let checked = 0;
for (const c of cases) {
  if (c.expect === 'INVALID_OPTION' || c.signedString === undefined) continue;
  const text = signatureOf(c);
  const sig = text === undefined ? undefined : decode(text, c.scheme.encoding);
  if (['MISSING_HEADER', 'MISSING_SIGNATURE'].includes(c.expect)) { assert.equal(text, undefined, c.name); continue; }
  if (c.expect === 'INVALID_SIGNATURE_ENCODING') { assert.equal(sig, undefined, c.name); continue; }
  assert.ok(sig, `${c.name}: signature decodes`);
  const msg = Buffer.from(c.signedString, 'utf8');
  const verdicts = c.scheme.algorithm === 'rsa-sha256'
    ? [c.publicKey].flat().map((k) => rsaVerify('sha256', msg, k, sig))
    : [c.secret].flat().map((s) => hmac(c.scheme.algorithm.slice(5), s, c.signedString).equals(sig));
  // INVALID_HEADER without a timestamp: a genuine signature over a push refused for what its header holds.
  const holds = c.expect !== 'SIGNATURE_MISMATCH';
  assert.equal(verdicts.some(Boolean), holds, `${c.name}: node:crypto disagrees with expect ${c.expect}`);
  if (holds) assert.deepEqual(verdicts, verdicts.map((_, i) => i === (c.keyIndex ?? 0)), `${c.name}: only the expected credential verifies`);
  const t = c.scheme.timestamp;
  if (t) {
    const v = Number(findHeader(c.headers, t.header));
    const skew = (c.now - (t.unit === 'ms' ? v : v * 1000)) / 1000;
    const tol = t.toleranceSeconds ?? 300;
    const want = !Number.isInteger(v) ? 'INVALID_HEADER' : skew > tol ? 'TIMESTAMP_TOO_OLD' : skew < -tol ? 'TIMESTAMP_IN_FUTURE' : holds ? 'ok' : c.expect;
    assert.equal(c.expect === 'SIGNATURE_MISMATCH' ? 'SIGNATURE_MISMATCH' : want, c.expect, `${c.name}: timestamp window`);
  } else assert.ok(['ok', 'SIGNATURE_MISMATCH', 'INVALID_HEADER'].includes(c.expect), c.name);
  checked++;
}
assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'case names are unique');

writeFileSync(new URL('../vectors/schemes.json', import.meta.url), JSON.stringify({
  generator: `tests/oracle/scheme-vectors.mjs (node:crypto sign SHA256withRSA + createHmac for body/template; sorted fields by ${javaGenerator})`,
  keys, cases,
}, null, 1) + '\n');
console.error(`scheme-vectors: wrote ${cases.length} cases (${checked} signatures re-checked with node:crypto)`);
