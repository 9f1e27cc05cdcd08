// verifyRequest and decodeRequest against hostile or broken requests over real loopback
// connections: headers Node de-duplicates, uploads that stall or stop, callers' abort signals,
// locked streams, Express's global JSON parser, and header names only Unicode case folding
// would match. Signatures come from node:crypto, never from cardhook's signer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import * as cardhook from '../../pkg/node.mjs';

const SECRET = 'whk_request_hardening';
const hmacHex = (text) => createHmac('sha256', SECRET).update(text).digest('hex');

// A provider that signs the raw body into `Authorization`: one of the headers whose repeats
// Node's `req.headers` discards (keeping the first), unlike the x-… headers dialects read.
const bearerScheme = { algorithm: 'hmac-sha256', signature: { header: 'authorization' }, encoding: 'hex', signed: 'body', id: 'id', type: 'type' };
const bearerBody = '{"id":"evt_1","type":"card.charged","amount":"10.00"}';

const codeOf = async (promise) => {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof cardhook.WebhookError, String(err?.stack ?? err));
    return err.code;
  }
  return 'no error';
};

/** A loopback server whose handler's result (`{ id }` or `{ code }`) is the response body. */
async function serve(handle) {
  const server = createServer(async (req, res) => {
    let result;
    try {
      result = await handle(req);
    } catch (err) {
      result = { code: err.code ?? String(err) };
    }
    if (!res.destroyed) res.end(JSON.stringify(result));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: server.address().port, close: () => server.close() };
}

/**
 * Sends `head` lines and `body` as one raw HTTP/1.1 request (so a header can repeat exactly as
 * written) and resolves to the response body.
 */
function rawRequest(port, headLines, body) {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (reply += d));
    socket.on('error', fail);
    socket.on('end', () => ok(reply.slice(reply.indexOf('\r\n\r\n') + 4)));
    const head = ['POST / HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`, ...headLines];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}

test('a signature header Node de-duplicates (Authorization) sent twice is refused, not read as its first copy', async () => {
  const verifier = new cardhook.Verifier({ scheme: bearerScheme, secret: SECRET });
  // Node's own list of headers whose duplicates req.headers discards includes authorization.
  const seen = [];
  const { port, close } = await serve(async (req) => {
    seen.push(req.headers.authorization);
    return { id: (await verifier.verifyRequest(req)).id };
  });
  try {
    const sig = hmacHex(bearerBody);
    assert.equal(await rawRequest(port, [`Authorization: ${sig}`], bearerBody), '{"id":"evt_1"}');
    const twice = await rawRequest(port, [`Authorization: ${sig}`, `Authorization: ${'0'.repeat(64)}`], bearerBody);
    assert.equal(seen[1], sig, 'req.headers kept only the first copy');
    assert.deepEqual(JSON.parse(twice), { code: 'INVALID_HEADER' });
  } finally {
    close();
  }
});

test('a request without headersDistinct is read from rawHeaders: a repeated Authorization is still refused', async () => {
  const verifier = new cardhook.Verifier({ scheme: bearerScheme, secret: SECRET });
  const { port, close } = await serve(async (req) => {
    // As on Node before 18.3, which has rawHeaders but no headersDistinct.
    Object.defineProperty(req, 'headersDistinct', { value: undefined });
    return { id: (await verifier.verifyRequest(req)).id };
  });
  try {
    const sig = hmacHex(bearerBody);
    assert.equal(await rawRequest(port, [`authorization: ${sig}`], bearerBody), '{"id":"evt_1"}');
    const twice = await rawRequest(port, [`authorization: ${sig}`, `AUTHORIZATION: ${sig}`], bearerBody);
    assert.deepEqual(JSON.parse(twice), { code: 'INVALID_HEADER' });
  } finally {
    close();
  }
});

test('decodeRequest of a Node request, and a framework request with only `headers`, work as before', async () => {
  const { port, close } = await serve(async (req) => ({ id: (await cardhook.decodeRequest(req, { scheme: bearerScheme })).id }));
  try {
    assert.equal(await rawRequest(port, ['Authorization: a', 'Authorization: b'], bearerBody), '{"id":"evt_1"}');
  } finally {
    close();
  }
  // A framework's request object with only `headers` (no headersDistinct, no rawHeaders): as before.
  const kept = { headers: { authorization: hmacHex(bearerBody) }, body: Buffer.from(bearerBody) };
  assert.equal((await cardhook.verifyRequest(kept, { scheme: bearerScheme, secret: SECRET })).id, 'evt_1');
});

/**
 * Opens a raw connection, sends a request head declaring `declared` body bytes and then only
 * `sent` of them; resolves to the socket and a promise of its close (with what it received).
 */
function stalledUpload(port, { declared = 1000, sent = 100 } = {}) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (d) => (received += d));
  socket.on('error', () => {});
  const closed = new Promise((ok) => socket.on('close', () => ok(received)));
  socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${'x'.repeat(sent)}`);
  return { socket, closed };
}

/** A fetch Request whose body sends `first` and then never another byte; `state` tells what happened to the stream. */
function stalledFetchRequest(first = '{"request_id":') {
  const state = { firstRead: false, cancelled: false };
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    // Called once the queued first chunk has been read; never gives more.
    pull() {
      state.firstRead = true;
      return new Promise(() => {});
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { request: new Request('http://localhost/', { method: 'POST', body: stream, duplex: 'half' }), state };
}

/** Resolves once `state.firstRead`; fails if `reading` (a code) settles first. */
async function firstChunkRead(state, reading) {
  const read = (async () => {
    while (!state.firstRead) await new Promise((ok) => setImmediate(ok));
  })();
  const early = await Promise.race([read.then(() => null), reading]);
  assert.equal(early, null, `settled before reading the body: ${early}`);
}

test('a Node upload that stalls mid-body is refused with REQUEST_TIMEOUT after readTimeoutMs, and its connection is closed', { timeout: 10_000 }, async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway-v2', secret: SECRET });
  let code;
  const { port, close } = await serve(async (req) => {
    const started = Date.now();
    code = await codeOf(verifier.verifyRequest(req, { readTimeoutMs: 200 }));
    return { code, ms: Date.now() - started };
  });
  try {
    const { closed } = stalledUpload(port);
    const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((ok) => setTimeout(() => ok('still open'), 3000))]);
    assert.equal(code, 'REQUEST_TIMEOUT');
    assert.equal(outcome, 'closed', 'the stalled connection is released, not kept for the rest of the body');
  } finally {
    close();
  }
});

test('a fetch Request body that never ends is refused with REQUEST_TIMEOUT and its stream cancelled', { timeout: 10_000 }, async () => {
  const { request, state } = stalledFetchRequest();
  const started = Date.now();
  assert.equal(await codeOf(cardhook.verifyRequest(request, { dialect: 'onerway-v2', secret: SECRET, readTimeoutMs: 100 })), 'REQUEST_TIMEOUT');
  assert.ok(Date.now() - started < 2000);
  assert.equal(state.cancelled, true);
  const decoding = stalledFetchRequest();
  assert.equal(await codeOf(cardhook.decodeRequest(decoding.request, { readTimeoutMs: 100 })), 'REQUEST_TIMEOUT');
  assert.equal(decoding.state.cancelled, true);
});

test('the default read timeout is 30 seconds', { timeout: 10_000 }, async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const verifier = new cardhook.Verifier({ dialect: 'onerway-v2', secret: SECRET });
  const { request, state } = stalledFetchRequest();
  let settled = 'pending';
  const reading = codeOf(verifier.verifyRequest(request)).then((code) => (settled = code));
  await firstChunkRead(state, reading);
  t.mock.timers.tick(29_999);
  for (let i = 0; i < 10; i++) await new Promise((ok) => setImmediate(ok));
  assert.equal(settled, 'pending');
  t.mock.timers.tick(1);
  assert.equal(await reading, 'REQUEST_TIMEOUT');
  assert.equal(state.cancelled, true);
});

test("a caller's AbortSignal stops the read with REQUEST_ABORTED and cancels the body", { timeout: 10_000 }, async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway-v2', secret: SECRET });
  const { request, state } = stalledFetchRequest();
  const controller = new AbortController();
  const reading = codeOf(verifier.verifyRequest(request, { signal: controller.signal }));
  await firstChunkRead(state, reading);
  controller.abort();
  assert.equal(await reading, 'REQUEST_ABORTED');
  assert.equal(state.cancelled, true);
  // Already aborted: refused before reading.
  const early = stalledFetchRequest();
  assert.equal(await codeOf(cardhook.decodeRequest(early.request, { signal: AbortSignal.abort() })), 'REQUEST_ABORTED');
  assert.equal(await codeOf(cardhook.verifyRequest(early.request, { dialect: 'onerway-v2', secret: SECRET, signal: AbortSignal.abort() })), 'REQUEST_ABORTED');
  // On a Node request: the read stops and the connection is closed.
  let code;
  const { port, close } = await serve(async (req) => {
    code = await codeOf(verifier.verifyRequest(req, { signal: AbortSignal.timeout(100) }));
    return { code };
  });
  try {
    await stalledUpload(port).closed;
    assert.equal(code, 'REQUEST_ABORTED');
  } finally {
    close();
  }
  assert.equal(await codeOf(verifier.verifyRequest(stalledFetchRequest().request, { signal: 'soon' })), 'INVALID_OPTION');
  for (const readTimeoutMs of [0, 1.5, 2 ** 31, '100']) {
    assert.equal(await codeOf(verifier.verifyRequest(stalledFetchRequest().request, { readTimeoutMs })), 'INVALID_OPTION');
  }
});

test('a Node client that goes away mid-body is REQUEST_ABORTED, not a bare ECONNRESET', { timeout: 10_000 }, async () => {
  const verifier = new cardhook.Verifier({ dialect: 'onerway-v2', secret: SECRET });
  let settle;
  const outcome = new Promise((ok) => (settle = ok));
  const { port, close } = await serve(async (req) => {
    try {
      await verifier.verifyRequest(req);
      settle('resolved');
    } catch (err) {
      settle(err instanceof cardhook.WebhookError ? err.code : `not a WebhookError: ${err.code ?? err}`);
    }
    return {};
  });
  try {
    const { socket } = stalledUpload(port);
    setTimeout(() => socket.destroy(), 50);
    assert.equal(await outcome, 'REQUEST_ABORTED');
  } finally {
    close();
  }
});

test('a fetch Request whose body stream is locked is BODY_CONSUMED, not a TypeError', { timeout: 10_000 }, async () => {
  const { request } = stalledFetchRequest();
  request.body.getReader();
  assert.equal(await codeOf(cardhook.verifyRequest(request, { dialect: 'onerway-v2', secret: SECRET })), 'BODY_CONSUMED');
  assert.equal(await codeOf(cardhook.decodeRequest(request)), 'BODY_CONSUMED');
});

test('behind a global express.json(), the raw body its verify hook keeps (req.rawBody) is verified; without the hook BODY_CONSUMED says to mount the webhook route first', async () => {
  const { default: express } = await import('express');
  // 10.50 is number text JSON.parse + JSON.stringify would turn into 10.5, breaking the signature.
  const body = '{"request_id":"req_raw","event_type":"issuing.cardTransactionEvent","created_at":"2026-01-01T00:00:00Z","version":"v1","data":{"txnOrderNo":"T1","txnStatus":"S","transactionAmount":10.50,"transactionCurrency":"USD"}}';
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': hmacHex(`${timestamp}.${body}`) };
  const verifier = new cardhook.Verifier({ dialect: 'onerway-v2', secret: SECRET });
  const route = async (req, res) => {
    try {
      res.json({ id: (await verifier.verifyRequest(req)).id });
    } catch (err) {
      res.json({ code: err.code, message: err.message });
    }
  };
  const start = async (app) => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    return server;
  };
  const kept = express();
  kept.use(express.json({ verify: (req, res, buf) => (req.rawBody = buf) }));
  kept.post('/hook', route);
  const parsedOnly = express();
  parsedOnly.use(express.json());
  parsedOnly.post('/hook', route);
  const servers = [await start(kept), await start(parsedOnly)];
  try {
    const [withHook, without] = await Promise.all(
      servers.map(async (server) => (await fetch(`http://127.0.0.1:${server.address().port}/hook`, { method: 'POST', body, headers })).json()),
    );
    assert.deepEqual(withHook, { id: 'req_raw' });
    assert.equal(without.code, 'BODY_CONSUMED');
    assert.match(without.message, /mount the webhook route before/);
    assert.match(without.message, /req\.rawBody = buf/);
  } finally {
    for (const server of servers) server.close();
  }
  // rawBody as text or bytes wins over a parsed body, on any request object.
  for (const rawBody of [body, new TextEncoder().encode(body)]) {
    const request = { headers, body: JSON.parse(body), rawBody };
    assert.equal((await verifier.verifyRequest(request)).id, 'req_raw');
  }
});

test('a header name that only Unicode case folding matches (U+212A KELVIN SIGN for k) is refused, not read as the ASCII name', async () => {
  const providers = JSON.parse(readFileSync(new URL('../vectors/providers.json', import.meta.url), 'utf8'));
  const c = providers.cases.find((x) => x.dialect === 'uqpay' && /valid/.test(x.name));
  const kelvin = (name) => name.replace('k', '\u212A');
  assert.equal(kelvin('x-wk-signature').toLowerCase(), 'x-wk-signature', 'Unicode lowercasing folds it to the ASCII name');
  const verifier = new cardhook.Verifier({ dialect: 'uqpay', secret: c.secret });
  assert.equal(verifier.verify(c.body, { headers: c.headers }).verified, true);
  const folded = Object.entries(c.headers).map(([name, value]) => [kelvin(name), value]);
  const code = (fn) => {
    try {
      fn();
      return 'no error';
    } catch (err) {
      return err.code;
    }
  };
  assert.equal(code(() => verifier.verify(c.body, { headers: folded })), 'INVALID_OPTION');
  assert.equal(code(() => verifier.verify(c.body, { headers: Object.fromEntries(folded) })), 'INVALID_OPTION');
  assert.equal(code(() => verifier.verify(c.body, { headers: new Map(folded) })), 'INVALID_OPTION');
  // A declared scheme (every header crosses) and decode too.
  const scheme = { algorithm: 'hmac-sha256', signature: { header: 'x-signature-key' }, encoding: 'hex', signed: 'body', id: 'id', type: 'type' };
  const signed = [['X-Signature-\u212Aey', hmacHex(bearerBody)]];
  assert.equal(code(() => cardhook.verify(bearerBody, { scheme, secret: SECRET, headers: signed })), 'INVALID_OPTION');
  assert.equal(code(() => cardhook.decode(c.body, { headers: folded })), 'INVALID_OPTION');
  // A request's headers (a framework's request object) are treated the same.
  const request = { headers: Object.fromEntries(folded), body: Buffer.from(c.body) };
  assert.equal(await codeOf(verifier.verifyRequest(request)), 'INVALID_OPTION');
});
