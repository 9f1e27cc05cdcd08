// Java-signed onerway vectors through the built package (pkg/), by `require` and by `import`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { sign, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import * as esm from '../../pkg/node.mjs';
import * as testing from '../../pkg/testing-node.mjs';
import { errorCodes as wasmErrorCodes, headerNames as wasmHeaderNames } from '../../pkg/cardhook_glue.js';
import { HEADERS_READ } from '../../pkg/generated.js';

const here = dirname(fileURLToPath(import.meta.url));
const cjs = createRequire(import.meta.url)('../../pkg/index.cjs');

function vectorFiles() {
  const files = [join(here, '..', 'vectors', 'onerway-rsa.json')];
  if (process.env.CARDHOOK_ORACLE_VECTORS && existsSync(process.env.CARDHOOK_ORACLE_VECTORS)) {
    files.push(process.env.CARDHOOK_ORACLE_VECTORS);
  }
  return files;
}

function loadCases() {
  const cases = [];
  for (const file of vectorFiles()) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const c of doc.cases) cases.push({ ...c, keyInfo: doc.keys[c.key], file });
  }
  return cases;
}

const cases = loadCases();

for (const [name, lib] of [['require', cjs], ['import', esm]]) {
  test(`${name}: every Java-signed vector verifies, with PEM and bare Base64 keys`, () => {
    let ran = 0;
    for (const c of cases) {
      for (const publicKey of [c.keyInfo.publicKeyPem, c.keyInfo.publicKeyBase64]) {
        // Generated payloads have no typed shape: read them as an onerway event of unknown type.
        const headers = c.payload.startsWith('gen-') ? { 'x-event-type': 'generated' } : {};
        const event = lib.verify(c.body, { dialect: 'onerway', publicKey, canonical: c.form, headers });
        assert.equal(event.verified, true, c.name);
        assert.equal(event.dialect, 'onerway');
        ran++;
      }
    }
    assert.ok(ran >= 48, `ran ${ran}`);
  });

  test(`${name}: canonical strings equal Java's`, () => {
    assert.ok(cases.length >= 24);
    for (const c of cases) assert.equal(lib.canonicalize(c.body, { canonical: c.form }), c.canonical, c.name);
  });
}

test('differential: node:crypto signing our signed string reproduces the Java signature', () => {
  let ran = 0;
  for (const c of cases) {
    const signature = sign('sha256', Buffer.from(cjs.canonicalize(c.body, { canonical: c.form })), c.keyInfo.privateKeyPem);
    assert.equal(signature.toString(c.encoding), c.sign, c.name);
    ran++;
  }
  assert.ok(ran >= 24);
});

test('body as Uint8Array, ArrayBuffer and Buffer verifies the same', () => {
  const c = cases.find((c) => c.name.startsWith('tricky/rsa2048/json/base64'));
  const bytes = new TextEncoder().encode(c.body);
  const verifier = new cjs.Verifier({ dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem });
  for (const body of [bytes, bytes.buffer, Buffer.from(c.body), new DataView(bytes.buffer)]) {
    assert.equal(verifier.verify(body).verified, true);
  }
});

test('typed onerway events, payload as JSON.parse gives it', () => {
  const c = cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
  const e = cjs.verify(c.body, { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem, headers: { 'X-Event-Type': 'transactionEvent' } });
  assert.equal(e.type, 'transactionEvent');
  assert.equal(e.id, 'TXN20260101001:SUCCESS');
  assert.deepEqual(e.payload, JSON.parse(c.body));
  assert.equal(e.data.txnStatus, 'SUCCESS');
  assert.equal(e.data.txnStatusRaw, 'S');
  assert.equal(e.data.txnType, 'CHARGE');
  assert.deepEqual(e.data.transactionAmount, { amount: '50.00', currency: 'USD' });
  assert.deepEqual(e.data.transactionFee, { amount: '0.50', currency: 'USD' });
  assert.equal(e.data.crossBorderFee, null);
  assert.equal(e.data.transactionTime, 1735689600000);
  assert.equal(e.data.merchantMccCode, '5411');

  const r = cases.find((c) => c.name === 'card-operate-record/rsa2048/json/hex');
  const op = cjs.verify(r.body, { dialect: 'onerway', publicKey: r.keyInfo.publicKeyBase64, headers: new Headers({ 'x-event-type': 'cardOperateRecordEvent' }) });
  assert.equal(op.id, '200001:SUCCESS');
  assert.deepEqual(op.data.amount, { amount: '100.00', currency: 'USD' });
  assert.deepEqual(op.data.feeList, [{ amount: { amount: '1.00', currency: 'USD' }, feeType: null }]);
  assert.equal(op.data.type, 'DEPOSIT');
  assert.equal(op.data.merchantNo, '88888');
});

test('every single-character change to a signed body is rejected', () => {
  const c = cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
  // The dialect is fixed so that renaming a detection key cannot turn the failure into UNKNOWN_DIALECT.
  const verifier = new cjs.Verifier({ dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem, dialect: 'onerway' });
  const signStart = c.body.indexOf('"sign"');
  let businessChanges = 0;
  let nullKeyChanges = 0;
  for (let i = 0; i < c.body.length; i++) {
    const ch = c.body[i];
    if (!/[A-Za-z0-9.*]/.test(ch)) continue;
    const replacement = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10) : ch === 'x' ? 'y' : 'x';
    const mutated = c.body.slice(0, i) + replacement + c.body.slice(i + 1);
    let parsed;
    try {
      parsed = JSON.parse(mutated);
    } catch {
      assert.throws(() => verifier.verify(mutated), (e) => e instanceof cjs.WebhookError, `position ${i}`);
      continue;
    }
    if ('sign' in parsed && cjs.canonicalize(mutated) === c.canonical && i < signStart) {
      // Only a key whose value is null can change without changing the signed string: top-level
      // nulls are not signed (as in the provider's signer). Such a body still verifies.
      assert.equal(parsed[Object.keys(parsed).find((k) => !(k in JSON.parse(c.body)))], null, `position ${i}`);
      assert.equal(verifier.verify(mutated).verified, true);
      nullKeyChanges++;
      continue;
    }
    const expected = 'sign' in parsed ? 'SIGNATURE_MISMATCH' : 'MISSING_SIGNATURE';
    assert.throws(
      () => verifier.verify(mutated),
      (e) => e.code === expected || (i > signStart && e.code === 'INVALID_SIGNATURE_ENCODING'),
      `position ${i} (${JSON.stringify(ch)} → ${replacement})`,
    );
    if (i < signStart) businessChanges++;
  }
  assert.ok(businessChanges > 500, `only ${businessChanges} business-field changes tried`);
  assert.ok(nullKeyChanges > 0, 'the null-field case was exercised');
});

test('errors are WebhookError with a stable code', () => {
  const c = cases[0];
  const expect = (fn, code) =>
    assert.throws(fn, (e) => e instanceof cjs.WebhookError && e instanceof Error && e.name === 'WebhookError' && e.code === code);
  expect(() => cjs.verify('{"a":1,"a":2}', { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem }), 'DUPLICATE_KEY');
  expect(() => cjs.verify('{', { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem }), 'MALFORMED_JSON');
  expect(() => cjs.verify(c.body, { dialect: 'onerway', publicKey: 'not a key' }), 'INVALID_KEY');
  expect(() => cjs.verify(c.body, { dialect: 'onerway', publicKey: c.keyInfo.privateKeyPem }), 'INVALID_KEY');
  expect(() => cjs.verify('{"txnOrderNo":"1","txnStatus":"S","sign":"zz"}', { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem }), 'INVALID_SIGNATURE_ENCODING');
  expect(() => cjs.verify('{"txnOrderNo":"1","txnStatus":"S"}', { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem, dialect: 'onerway' }), 'MISSING_SIGNATURE');
  // A route for two dialects detects between them: a body of neither shape is UNKNOWN_DIALECT.
  expect(() => cjs.verify('{"hello":"world"}', { dialect: ['onerway', 'onerway-v2'], publicKey: c.keyInfo.publicKeyPem, secret: 's' }), 'UNKNOWN_DIALECT');
  expect(() => cjs.verify(c.body, { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem, maxBodyBytes: 10 }), 'TOO_LARGE');
  expect(() => cjs.verify(c.body, { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem, dialect: 'nope' }), 'UNKNOWN_DIALECT');
  expect(() => cjs.verify(c.body, { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem, canonical: 'xml' }), 'INVALID_OPTION');
  expect(() => cjs.verify(42, { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem }), 'INVALID_OPTION');
  expect(() => cjs.verify(c.body, {}), 'INVALID_OPTION');
});

test('error codes agree between JS, the wasm module and the TypeScript declarations', () => {
  esm.dialects(); // instantiates the module the ESM entry shares with the glue
  assert.deepEqual(wasmErrorCodes(), [...cjs.ERROR_CODES]);
  // The headers JS passes on are exactly those the dialects read.
  assert.deepEqual(wasmHeaderNames(), [...HEADERS_READ]);
  assert.deepEqual([...esm.ERROR_CODES], [...cjs.ERROR_CODES]);
  const dts = readFileSync(join(here, '..', '..', 'pkg', 'index.d.ts'), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(dts)[1].match(/["']([A-Z_0-9]+)["']/g).map((s) => s.slice(1, -1));
  assert.deepEqual(union, [...cjs.ERROR_CODES]);
});

test('sign produces a body that Java-compatible verification accepts, and matches Java byte for byte', () => {
  const c = cases.find((c) => c.name === 'card-operate-record/rsa2048/pairs/hex');
  const unsigned = c.body.replace(`,"sign":"${c.sign}"`, '');
  const signed = testing.sign(unsigned, { privateKey: c.keyInfo.privateKeyPem, canonical: 'pairs', encoding: 'hex' });
  assert.equal(JSON.parse(signed).sign, c.sign);
  const fromObject = testing.sign({ txnOrderNo: 'T9', txnStatus: 'F', note: 'é' }, { privateKey: c.keyInfo.privateKeyPem });
  const e = cjs.verify(fromObject, { dialect: 'onerway', publicKey: c.keyInfo.publicKeyPem });
  assert.equal(e.data.txnStatus, 'FAILED');
});

test('ack', () => {
  assert.deepEqual(cjs.ack('onerway'), {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"respCode":"20000","respMsg":"success"}',
  });
});

test('sign accepts PKCS#1 private keys too, matching Java byte for byte', () => {
  const c = cases.find((c) => c.name === 'tricky/rsa2048/json/hex');
  const pkcs1 = createPrivateKey(c.keyInfo.privateKeyPem).export({ type: 'pkcs1', format: 'pem' });
  assert.match(pkcs1, /BEGIN RSA PRIVATE KEY/);
  const unsigned = c.body.replace(`,"sign":"${c.sign}"`, '');
  assert.equal(JSON.parse(testing.sign(unsigned, { privateKey: pkcs1, encoding: 'hex' })).sign, c.sign);
});

test('key rotation: two keys each verify their own vector; a third key signing the same body matches neither', () => {
  const doc = JSON.parse(readFileSync(join(here, '..', 'vectors', 'onerway-rsa.json'), 'utf8'));
  const a = doc.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
  const b = doc.cases.find((c) => c.name === 'transaction/rsa3072/json/base64');
  const verifier = new cjs.Verifier({ dialect: 'onerway', publicKey: [doc.keys.rsa3072.publicKeyPem, doc.keys.rsa2048.publicKeyBase64] });
  assert.equal(verifier.verify(a.body).keyIndex, 1);
  assert.equal(verifier.verify(b.body).keyIndex, 0);
  // A third 2048-bit key, made and used by node:crypto alone, signs the same signed string.
  const third = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = a.body.replace(a.sign, sign('sha256', Buffer.from(a.canonical), third.privateKey).toString('base64'));
  assert.throws(() => verifier.verify(forged), (e) => e.code === 'SIGNATURE_MISMATCH' && /none of the 2 keys/.test(e.message));
  // ...and verifies once that third key is added.
  const rotated = new cjs.Verifier({ dialect: 'onerway', publicKey: [doc.keys.rsa2048.publicKeyPem, third.publicKey.export({ type: 'spki', format: 'pem' })] });
  assert.equal(rotated.verify(forged).keyIndex, 1);
  assert.equal(rotated.verify(a.body).keyIndex, 0);
});
