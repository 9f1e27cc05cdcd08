// Browser (and generic ESM) entry: fetching and compiling the `.wasm` is asynchronous, so call
// `await init()` once before anything else (calls before it throw NOT_INITIALIZED).
import initWasm, { initSync as initWasmSync } from './cardhook_glue.js';
import { createApi, WebhookError } from './api.js';

export * from './public.js';

let initialised = false;
export const { verify, verifyAsync, decode, canonicalize, sign, ack, dialects, Verifier } = createApi(() => {
  if (!initialised) {
    throw new WebhookError('NOT_INITIALIZED', 'cardhook is not initialised: `await init()` first (browser entry)');
  }
});

/** Loads the module: from next to this file by default, or from a URL, Response, bytes or Module. */
export async function init(input) {
  await initWasm(input === undefined ? undefined : { module_or_path: input });
  initialised = true;
}

/** Instantiates synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  initWasmSync({ module });
  initialised = true;
}
