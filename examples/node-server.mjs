// A Node webhook endpoint: read the raw body, verify it, answer the provider's ack.
//   ONERWAY_PUBLIC_KEY="$(cat provider-public-key.pem)" node node-server.mjs     (legacy RSA push)
//   ONERWAY_WEBHOOK_SECRET=... node node-server.mjs                               (current HMAC push)
import { createServer } from 'node:http';
import { Verifier, ack, WebhookError } from 'cardhook';

// Parse the credentials once at startup; lists of keys or secrets allow rotation.
const verifier = new Verifier({ publicKey: process.env.ONERWAY_PUBLIC_KEY, secret: process.env.ONERWAY_WEBHOOK_SECRET });

async function readRawBody(req, limit = 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new WebhookError('TOO_LARGE', 'body over 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks); // the exact bytes the provider signed: never JSON.parse them first
}

const server = createServer(async (req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  try {
    const event = verifier.verify(await readRawBody(req), { headers: req.headers });
    // Dedupe on event.id before acting: providers retry, and a replayed body verifies again.
    console.log(`accepted ${event.dialect} ${event.type} ${event.id}`);
    const reply = ack(event.dialect);
    res.writeHead(reply.status, reply.headers).end(reply.body);
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    console.log(`rejected: ${err.code}`);
    res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.code }));
  }
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
