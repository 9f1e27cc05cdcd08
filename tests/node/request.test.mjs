// The request helpers on the built package: verifyRequest, Verifier#verifyRequest and
// decodeRequest read the raw body of a fetch Request or a Node IncomingMessage themselves,
// refuse it as soon as it passes maxBodyBytes, and say how to keep the raw body when a framework
// has already consumed it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as cardhook from '../../pkg/node.mjs';

const rsa = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const hmac = JSON.parse(readFileSync(new URL('../vectors/hmac.json', import.meta.url), 'utf8'));
const txn = rsa.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = rsa.keys.rsa2048.publicKeyPem;
const tampered = txn.body.replace('50.00', '51.00');

const codeOf = async (promise) => {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof cardhook.WebhookError, String(err));
    return err.code;
  }
  return 'no error';
};

const post = (body, headers = {}) => new Request('http://localhost/', { method: 'POST', body, headers });

test('fetch Request: verified, tampered, already read', async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  const event = await verifier.verifyRequest(post(txn.body, { 'x-event-type': 'transactionEvent' }));
  assert.equal(event.verified, true);
  assert.deepEqual(event.payload, JSON.parse(txn.body));
  assert.equal(await codeOf(verifier.verifyRequest(post(tampered))), 'SIGNATURE_MISMATCH');
  const used = post(txn.body);
  await used.text();
  assert.equal(await codeOf(verifier.verifyRequest(used)), 'BODY_CONSUMED');
  assert.equal((await cardhook.verifyRequest(post(txn.body), { dialect: 'onerway', publicKey })).verified, true);
});

test('fetch Request: HMAC headers are read from the request', async () => {
  const c = hmac.cases.find((x) => x.name === 'onerway-v2 card operate: valid');
  const event = await cardhook.verifyRequest(post(c.body, c.headers), { dialect: 'onerway-v2', secret: c.secret, now: c.now });
  assert.equal(event.id, 'req_01J0000000000000000000');
  assert.equal(await codeOf(cardhook.verifyRequest(post(c.body, c.headers), { dialect: 'onerway-v2', secret: c.secret })), 'TIMESTAMP_TOO_OLD');
});

test('an oversized body is refused while reading, without reading the rest', async () => {
  let pulled = 0;
  const stream = new ReadableStream({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(64 * 1024));
      if (pulled > 1000) controller.close();
    },
  });
  const request = new Request('http://localhost/', { method: 'POST', body: stream, duplex: 'half' });
  assert.equal(await codeOf(cardhook.verifyRequest(request, { dialect: 'onerway', publicKey, maxBodyBytes: 100_000 })), 'TOO_LARGE');
  assert.ok(pulled < 10, `pulled ${pulled} chunks`);
  assert.equal(await codeOf(cardhook.decodeRequest(post('x'.repeat(2000), { 'content-length': '2000' }), { maxBodyBytes: 1000 })), 'TOO_LARGE');
});

test('decodeRequest decodes without verifying', async () => {
  const event = await cardhook.decodeRequest(post(txn.body));
  assert.equal(event.verified, false);
  assert.equal(event.type, 'transactionEvent');
  assert.equal(await codeOf(cardhook.decodeRequest(post(txn.body), { headers: {} })), 'INVALID_OPTION');
});

test('Node IncomingMessage on a real server: read, refused when too large, kept bodies and parsed ones', async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey, maxBodyBytes: 64 * 1024 });
  const server = createServer(async (req, res) => {
    let result;
    if (req.url === '/parsed') req.body = { parsed: true };
    if (req.url === '/kept') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      req.body = Buffer.concat(chunks);
    }
    if (req.url === '/drained') for await (const _ of req);
    try {
      result = { id: (await verifier.verifyRequest(req)).id };
    } catch (err) {
      result = { code: err.code };
    }
    res.end(JSON.stringify(result));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  const send = async (path, body, headers = {}) => (await fetch(base + path, { method: 'POST', body, headers, duplex: 'half' })).json();
  try {
    assert.deepEqual(await send('/', txn.body, { 'X-Event-Type': 'transactionEvent' }), { id: 'TXN20260101001:SUCCESS' });
    assert.deepEqual(await send('/', tampered), { code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(await send('/kept', txn.body), { id: 'TXN20260101001:SUCCESS' });
    assert.deepEqual(await send('/parsed', txn.body), { code: 'BODY_CONSUMED' });
    assert.deepEqual(await send('/drained', txn.body), { code: 'BODY_CONSUMED' });
    assert.deepEqual(await send('/', 'x'.repeat(100 * 1024)), { code: 'TOO_LARGE' });
    // Chunked, with no Content-Length: refused while reading.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(32 * 1024));
        controller.close();
      },
    });
    assert.deepEqual(await send('/', chunked, {}), { code: 'TOO_LARGE' });
  } finally {
    server.close();
  }
});

test('Node IncomingMessage: a client that goes away mid-body settles verifyRequest', async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway', publicKey });
  let settled;
  const outcome = new Promise((ok) => (settled = ok));
  const server = createServer(async (req, res) => {
    try {
      await verifier.verifyRequest(req);
      settled('resolved');
    } catch (err) {
      settled(err.code ?? err.message);
    }
    res.destroy();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const r = httpRequest({ host: '127.0.0.1', port: server.address().port, method: 'POST', agent: false, headers: { 'transfer-encoding': 'chunked' } });
    r.on('error', () => {});
    r.write(txn.body.slice(0, 100));
    setTimeout(() => r.destroy(), 50);
    const code = await Promise.race([outcome, new Promise((ok) => setTimeout(() => ok('still pending'), 3000))]);
    assert.notEqual(code, 'still pending');
    assert.notEqual(code, 'resolved');
  } finally {
    server.close();
  }
});

test('anything else is INVALID_OPTION', async () => {
  assert.equal(await codeOf(cardhook.verifyRequest('body', { dialect: 'onerway', publicKey })), 'INVALID_OPTION');
  assert.equal(await codeOf(cardhook.verifyRequest({}, { dialect: 'onerway', publicKey })), 'INVALID_OPTION');
  assert.equal(await codeOf(new cardhook.Verifier({ dialect: 'onerway', publicKey }).verifyRequest(post(txn.body), { headers: {} })), 'INVALID_OPTION');
});

test('browser entry: sync calls before init are NOT_INITIALIZED, a bad module is WASM_LOAD_FAILED, then init works', () => {
  // In a fresh process: the browser entry loaded the way a page would, from bytes.
  const script = `
    import * as browser from ${JSON.stringify(new URL('../../pkg/browser.mjs', import.meta.url).href)};
    import { readFileSync } from 'node:fs';
    const out = [];
    const code = async (fn) => { try { await fn(); return 'ok'; } catch (e) { return (e instanceof browser.WebhookError) + ' ' + e.code; } };
    const body = ${JSON.stringify(txn.body)};
    out.push(await code(() => browser.decode(body)));
    out.push(await code(() => browser.init(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]))));
    out.push(await code(() => browser.initSync(new Uint8Array([1, 2, 3]))));
    await browser.init(readFileSync(new URL('../../pkg/cardhook_glue_bg.wasm', ${JSON.stringify(import.meta.url)})));
    out.push(browser.decode(body).type);
    console.log(JSON.stringify(out));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  assert.deepEqual(out, ['true NOT_INITIALIZED', 'true WASM_LOAD_FAILED', 'true WASM_LOAD_FAILED', 'transactionEvent']);
});
