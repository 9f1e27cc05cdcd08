// Browser (and generic ESM) entry: fetching and compiling the `.wasm` is asynchronous. Async calls
// (`verifyAsync`, `verifyRequest`, `decodeRequest`) load it themselves; sync calls need `await
// init()` once first (before it they throw NOT_INITIALIZED).
import load, { initSync as instantiate } from './cardhook_glue.js';
import { createApi, WebhookError } from './api.js';

export * from './public.js';

let loaded = false;
let loading;

/** Loads the module: from next to this file by default, or from a URL, Response, bytes or Module. */
export async function init(input) {
  if (loaded) return;
  loading ??= load(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      loaded = true;
    },
    (err) => {
      loading = undefined;
      throw new WebhookError('WASM_LOAD_FAILED', `the WebAssembly module could not be loaded: ${err?.message ?? err}`);
    },
  );
  await loading;
}

/** Instantiates synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  try {
    instantiate({ module });
  } catch (err) {
    throw new WebhookError('WASM_LOAD_FAILED', `the WebAssembly module could not be instantiated: ${err?.message ?? err}`);
  }
  loaded = true;
}

export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, sign, signRequest, sample, samples, generateTestKeyPair, ack, dialects, Verifier } = createApi(
  () => {
    if (!loaded) {
      throw new WebhookError('NOT_INITIALIZED', 'cardhook is not initialised: `await init()` first (browser entry), or use verifyAsync, which loads it');
    }
  },
  null,
  () => init(),
);
