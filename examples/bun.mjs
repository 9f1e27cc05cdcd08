// Bun.serve: verify the raw Request, answer the provider's ack.
//   ONERWAY_PUBLIC_KEY=... ONERWAY_WEBHOOK_SECRET=... bun run bun.mjs
import { Verifier, ack, WebhookError } from 'cardhook';

const verifier = new Verifier({
  // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
  credentials: {
    ...(Bun.env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: Bun.env.ONERWAY_PUBLIC_KEY } }),
    ...(Bun.env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: Bun.env.ONERWAY_WEBHOOK_SECRET } }),
  },
});

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(Bun.env.PORT ?? 3000),
  async fetch(request) {
    if (request.method !== 'POST') return new Response('method not allowed', { status: 405 });
    try {
      const event = await verifier.verifyRequest(request);
      const reply = ack(event.dialect);
      return new Response(reply.body, { status: reply.status, headers: reply.headers });
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      return Response.json({ error: err.code }, { status: 400 });
    }
  },
});
console.log(`listening on http://127.0.0.1:${server.port}/`);
