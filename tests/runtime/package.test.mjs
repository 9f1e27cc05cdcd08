// The package as users get it: `npm pack` of pkg/, installed into a fresh project, then used by
// a CommonJS consumer, an ES module consumer, the Node HTTP example, and the Worker example running
// in Cloudflare's own runtime (workerd, through Miniflare). Each must accept a Java-signed push
// with the provider's ack and reject a tampered one with its error code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker, startWorker } from '../../scripts/worker-bundle.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, 'tests', '.work', 'consumer');
const vectors = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'onerway-rsa.json'), 'utf8'));
const signed = vectors.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = vectors.keys.rsa2048.publicKeyPem;
const tampered = signed.body.replace('"transactionAmount": 50.00', '"transactionAmount": 500.00');
const ONERWAY_ACK = '{"respCode":"20000","respMsg":"success"}';

before(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tarball = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', `./${tarball}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: work });
  for (const file of ['node-server.mjs', 'worker.mjs']) cpSync(join(root, 'examples', file), join(work, file));
  writeFileSync(join(work, 'vector.json'), JSON.stringify({ body: signed.body, tampered, publicKey }));
});

test('the packed tarball holds only what the package needs', () => {
  const installed = readdirSync(join(work, 'node_modules', 'cardhook')).sort();
  const pkg = JSON.parse(readFileSync(join(work, 'node_modules', 'cardhook', 'package.json'), 'utf8'));
  assert.deepEqual(installed, [...pkg.files, 'package.json'].sort());
  assert.equal(pkg.version, /^version = "(.+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1]);
  assert.equal(pkg.sideEffects, false);
});

const consumerCheck = `
  const { body, tampered, publicKey } = JSON.parse(fs.readFileSync('vector.json', 'utf8'));
  const event = cardhook.verify(body, { dialect: 'onerway', publicKey, headers: { 'X-Event-Type': 'transactionEvent' } });
  if (!event.verified || event.data.transactionAmount.amount !== '50.00') throw new Error('not verified');
  let code;
  try { cardhook.verify(tampered, { dialect: 'onerway', publicKey }); } catch (e) { code = e.code; }
  if (code !== 'SIGNATURE_MISMATCH') throw new Error('tampered body gave ' + code);
  console.log('ok ' + event.id);
`;

test('CommonJS consumer: require("cardhook") verifies synchronously', () => {
  writeFileSync(join(work, 'consumer.cjs'), `const fs = require('node:fs'); const cardhook = require('cardhook');\n${consumerCheck}`);
  assert.equal(execFileSync(process.execPath, ['consumer.cjs'], { cwd: work, encoding: 'utf8' }).trim(), 'ok TXN20260101001:SUCCESS');
});

test('ES module consumer: import from "cardhook" verifies with no await', () => {
  writeFileSync(join(work, 'consumer.mjs'), `import fs from 'node:fs'; import * as cardhook from 'cardhook';\n${consumerCheck}`);
  assert.equal(execFileSync(process.execPath, ['consumer.mjs'], { cwd: work, encoding: 'utf8' }).trim(), 'ok TXN20260101001:SUCCESS');
});

test('Node HTTP example: signed push → ack, tampered → 400 with the code', async () => {
  const child = spawn(process.execPath, ['node-server.mjs'], { cwd: work, env: { ...process.env, PORT: '0', ONERWAY_PUBLIC_KEY: publicKey } });
  try {
    const url = await new Promise((ok, fail) => {
      child.stdout.on('data', (d) => {
        const m = /listening on (\S+)/.exec(String(d));
        if (m) ok(m[1]);
      });
      child.once('exit', (code) => fail(new Error(`server exited ${code}`)));
    });
    const good = await fetch(url, { method: 'POST', body: signed.body, headers: { 'x-event-type': 'transactionEvent' } });
    assert.equal(good.status, 200);
    assert.equal(await good.text(), ONERWAY_ACK);
    const bad = await fetch(url, { method: 'POST', body: tampered });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: 'SIGNATURE_MISMATCH' });
  } finally {
    child.kill();
  }
});

test('Worker example in workerd (Miniflare): RSA and HMAC pushes → ack; tampered or stale → 400 with the code', async () => {
  const { script, wasm } = await bundleWorker(join(work, 'worker.mjs'), join(work, 'worker-dist'));
  assert.deepEqual(wasm, ['cardhook_glue_bg.wasm'], 'the workerd entry imports the .wasm as a module');
  const mf = startWorker(script, {
    bindings: { ONERWAY_PUBLIC_KEY: publicKey, ONERWAY_WEBHOOK_SECRET: 'whk_worker_test' },
  });
  try {
    // A current onerway-v2 push, signed now with node:crypto's HMAC.
    const v2 = JSON.stringify({ request_id: 'req_w1', event_type: 'issuing.cardTransactionEvent', created_at: new Date().toISOString(), version: 'v1', data: { txnOrderNo: 'TW1', txnStatus: 'S', txnType: 'CHARGE', transactionAmount: 1.00, transactionCurrency: 'USD' } });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac('sha256', 'whk_worker_test').update(`${ts}.${v2}`).digest('hex');
    const pushed = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: v2, headers: { 'x-timestamp': ts, 'x-signature': sig } });
    assert.equal(pushed.status, 200);
    assert.equal(await pushed.text(), ONERWAY_ACK);
    const stale = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: v2, headers: { 'x-timestamp': String(Number(ts) - 3600), 'x-signature': createHmac('sha256', 'whk_worker_test').update(`${Number(ts) - 3600}.${v2}`).digest('hex') } });
    assert.equal(stale.status, 400);
    assert.deepEqual(await stale.json(), { error: 'TIMESTAMP_TOO_OLD' });

    const good = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: signed.body, headers: { 'x-event-type': 'transactionEvent' } });
    assert.equal(good.status, 200);
    assert.equal(await good.text(), ONERWAY_ACK);
    const bad = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: tampered });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: 'SIGNATURE_MISMATCH' });
  } finally {
    await mf.dispose();
  }
});

