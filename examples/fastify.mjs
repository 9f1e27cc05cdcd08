// Fastify: replace the JSON parser with one that keeps the raw body, then verify the request.
//   ONERWAY_PUBLIC_KEY=... ONERWAY_WEBHOOK_SECRET=... node fastify.mjs
import Fastify from 'fastify';
import { Verifier, ack, WebhookError } from 'cardhook';

const verifier = new Verifier({
  // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
  credentials: {
    ...(process.env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: process.env.ONERWAY_PUBLIC_KEY } }),
    ...(process.env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: process.env.ONERWAY_WEBHOOK_SECRET } }),
  },
});
const app = Fastify({ bodyLimit: 1024 * 1024 });

// Fastify parses JSON by default, losing the exact bytes: keep every body as a Buffer instead.
app.removeContentTypeParser('application/json');
app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => done(null, body));

app.post('/webhooks', async (request, reply) => {
  try {
    const event = await verifier.verifyRequest(request); // request.body is the raw Buffer
    const answer = ack(event.dialect);
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    return reply.code(400).send({ error: err.code });
  }
});

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`listening on ${address}/webhooks`);
