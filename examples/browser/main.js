// A browser page (built with Vite or webpack): paste a push and a key, see whether it verifies.
// Sync calls need `await init()` once on a browser's main thread; async calls load the module
// themselves.
import { init, verify, verifyAsync, WebhookError } from 'cardhook';

await init();

/** Verifies onerway push `body` with `publicKey`, sync and async; returns both outcomes. */
export async function check(body, publicKey, headers) {
  const outcome = async (fn) => {
    try {
      const event = await fn();
      return `verified ${event.id}`;
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      return err.code;
    }
  };
  return [await outcome(() => verify(body, { dialect: 'onerway', publicKey, headers })), await outcome(() => verifyAsync(body, { dialect: 'onerway', publicKey, headers }))];
}

globalThis.cardhookCheck = check;
document.body.dataset.ready = 'true';
