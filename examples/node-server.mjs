// node:http: verify the raw request, answer the provider's ack.
//   ONERWAY_PUBLIC_KEY="$(cat provider-public-key.pem)" node node-server.mjs     (legacy RSA push)
//   ONERWAY_WEBHOOK_SECRET=... node node-server.mjs                               (current HMAC push)
import { createServer } from 'node:http';
import { Verifier, ack, WebhookError } from 'cardhook';

// Parse the credentials once at startup; lists of keys or secrets allow rotation.
const verifier = new Verifier({
  // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
  credentials: {
    ...(process.env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: process.env.ONERWAY_PUBLIC_KEY } }),
    ...(process.env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: process.env.ONERWAY_WEBHOOK_SECRET } }),
  },
});

const server = createServer(async (req, res) => {
  if (req.method !== 'POST') return res.writeHead(405).end();
  try {
    // Reads the raw body itself (refusing it past 1 MiB) and verifies the exact bytes signed.
    const event = await verifier.verifyRequest(req);
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
