// A module web worker (bundled with esbuild `--conditions=worker`, no `.wasm` loader needed):
// verifies pushes posted to it. Post `{ body, headers }`, receive the event or `{ error }`.
import { Verifier, WebhookError } from 'cardhook';

let verifier;

self.onmessage = async ({ data }) => {
  verifier ??= new Verifier({
    // Each credential checks only its own dialect: the legacy push's RSA key, the current push's secret.
    credentials: {
      ...(data.publicKey && { onerway: { publicKey: data.publicKey } }),
      ...(data.secret && { 'onerway-v2': { secret: data.secret } }),
    },
  });
  try {
    const event = await verifier.verifyAsync(data.body, { headers: data.headers });
    self.postMessage({ event: { dialect: event.dialect, type: event.type, id: event.id, verified: event.verified } });
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    self.postMessage({ error: err.code });
  }
};
