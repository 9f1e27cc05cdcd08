// Deno.serve (and Supabase Edge Functions, which run Deno): needs only --allow-net (and --allow-env
// for the credentials): cardhook reads no files.
//   ONERWAY_PUBLIC_KEY=... deno run --allow-net --allow-env deno.mjs
import { Verifier, ack, WebhookError } from 'cardhook';

const verifier = new Verifier({
  // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
  credentials: {
    ...(Deno.env.get('ONERWAY_PUBLIC_KEY') && { onerway: { publicKey: Deno.env.get('ONERWAY_PUBLIC_KEY') } }),
    ...(Deno.env.get('ONERWAY_WEBHOOK_SECRET') && { 'onerway-v2': { secret: Deno.env.get('ONERWAY_WEBHOOK_SECRET') } }),
  },
});

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 3000), onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}/`) }, async (request) => {
  if (request.method !== 'POST') return new Response('method not allowed', { status: 405 });
  try {
    const event = await verifier.verifyRequest(request);
    const reply = ack(event.dialect);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    return Response.json({ error: err.code }, { status: 400 });
  }
});
