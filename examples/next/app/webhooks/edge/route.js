// Next.js App Router route handler on the Edge runtime: POST /webhooks/edge.
import { Verifier, ack, WebhookError } from 'cardhook';

export const runtime = 'edge';

// Made on the first request: `next build` evaluates this module without the runtime's secrets.
let verifier;

export async function POST(request) {
  verifier ??= new Verifier({ publicKey: process.env.ONERWAY_PUBLIC_KEY, secret: process.env.ONERWAY_WEBHOOK_SECRET });
  try {
    const event = await verifier.verifyRequest(request); // before any request.json()
    const reply = ack(event.dialect);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    return Response.json({ error: err.code }, { status: 400 });
  }
}
