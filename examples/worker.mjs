// A Cloudflare Worker webhook endpoint: verify the raw body, answer the provider's ack.
// Credentials come from bindings: `wrangler secret put ONERWAY_PUBLIC_KEY` for the legacy RSA
// push and/or `wrangler secret put ONERWAY_WEBHOOK_SECRET` for the current HMAC push (onerway-v2).
import { Verifier, ack, WebhookError } from 'cardhook';

let verifier; // parsed once per isolate, reused across requests

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return new Response('method not allowed', { status: 405 });
    verifier ??= new Verifier({
      // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
      credentials: {
        ...(env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: env.ONERWAY_PUBLIC_KEY } }),
        ...(env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: env.ONERWAY_WEBHOOK_SECRET } }),
      },
    });
    const body = new Uint8Array(await request.arrayBuffer()); // the exact bytes that were signed
    try {
      // verifyAsync checks RSA in WebCrypto, much faster than RSA in wasm on Workers.
      const event = await verifier.verifyAsync(body, { headers: request.headers });
      // Dedupe on event.id (e.g. in KV or D1) before acting: a replayed body verifies again.
      const reply = ack(event.dialect);
      return new Response(reply.body, { status: reply.status, headers: reply.headers });
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      return Response.json({ error: err.code }, { status: 400 });
    }
  },
};
