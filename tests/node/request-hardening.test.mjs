// verifyRequest and decodeRequest against hostile or broken requests over real loopback
// connections: headers Node de-duplicates, uploads that stall or stop, callers' abort signals,
// locked streams, Express's global JSON parser, and header names only Unicode case folding
// would match. Signatures come from node:crypto, never from cardhook's signer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
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
