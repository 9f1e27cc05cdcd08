// The webhook handler of both route handlers (each route file only picks its runtime).
import { Verifier, ack, WebhookError } from 'cardhook';

// Made on the first request: `next build` evaluates route modules without the runtime's secrets.
let verifier;

export async function POST(request) {
  verifier ??= new Verifier({
    // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
    credentials: {
      ...(process.env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: process.env.ONERWAY_PUBLIC_KEY } }),
      ...(process.env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: process.env.ONERWAY_WEBHOOK_SECRET } }),
    },
  });
  try {
    const event = await verifier.verifyRequest(request); // before any request.json()
    const reply = ack(event.dialect);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    return Response.json({ error: err.code }, { status: 400 });
  }
}
