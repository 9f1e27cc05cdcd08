// AWS Lambda behind API Gateway (REST v1 or HTTP v2 events) or a Function URL: the body arrives
// as a string, Base64-encoded when `isBase64Encoded` is set; decode exactly, never re-serialise.
import { Verifier, ack, WebhookError } from 'cardhook';

const verifier = new Verifier({
  // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
  credentials: {
    ...(process.env.ONERWAY_PUBLIC_KEY && { onerway: { publicKey: process.env.ONERWAY_PUBLIC_KEY } }),
    ...(process.env.ONERWAY_WEBHOOK_SECRET && { 'onerway-v2': { secret: process.env.ONERWAY_WEBHOOK_SECRET } }),
  },
});

export async function handler(event) {
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : (event.body ?? '');
  try {
    // API Gateway lowercases header names in v2 and keeps them as sent in v1; both are fine.
    const verified = verifier.verify(body, { headers: event.headers ?? {} });
    const reply = ack(verified.dialect);
    return { statusCode: reply.status, headers: reply.headers, body: reply.body };
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    return { statusCode: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: err.code }) };
  }
}
