// Hono (any runtime Hono runs on): pass the raw Request, answer with the typed ack.
import { Hono } from 'hono';
import { Verifier, ack, WebhookError } from 'cardhook';

/** The app; `env` holds the credentials (process.env, Deno.env, Worker bindings...). */
export function webhookApp(env) {
  const verifier = new Verifier({
    // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
    credentials: {
      ...(env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: env.ONERWAY_PUBLIC_KEY } }),
      ...(env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: env.ONERWAY_WEBHOOK_SECRET } }),
    },
  });
  const app = new Hono();
  app.post('/webhooks', async (c) => {
    try {
      const event = await verifier.verifyRequest(c.req.raw); // before any c.req.json()
      const reply = ack(event.dialect);
      return c.body(reply.body, reply.status, reply.headers);
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      return c.json({ error: err.code }, 400);
    }
  });
  return app;
}

export default webhookApp(typeof process === 'object' ? process.env : {});
