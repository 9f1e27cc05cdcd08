// Express: keep the raw body (express.raw, not express.json), then verify the request.
//   ONERWAY_PUBLIC_KEY=... ONERWAY_WEBHOOK_SECRET=... node express.mjs
import express from 'express';
import { Verifier, ack, WebhookError } from 'cardhook';

const verifier = new Verifier({
  // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
  credentials: {
    ...(process.env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: process.env.ONERWAY_PUBLIC_KEY } }),
    ...(process.env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: process.env.ONERWAY_WEBHOOK_SECRET } }),
  },
});
const app = express();

// express.raw leaves the exact bytes in req.body; a JSON parser would lose the signed number text.
app.post('/webhooks', express.raw({ type: '*/*', limit: '1mb' }), async (req, res) => {
  try {
    const event = await verifier.verifyRequest(req);
    const reply = ack(event.dialect);
    res.status(reply.status).set(reply.headers).send(reply.body);
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    res.status(400).json({ error: err.code });
  }
});

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks`);
});
