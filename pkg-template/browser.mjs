// Browser (and generic ESM) entry: fetching and compiling the `.wasm` is asynchronous. Async calls
// (`verifyAsync`, `verifyRequest`, `decodeRequest`) load it themselves; sync calls need `await
// init()` once first (before it they throw NOT_INITIALIZED).
import * as glue from './cardhook_glue.js';
import { createApi } from './api.js';
import { browserLoader } from './browser-loader.js';

export * from './public.js';

const loader = browserLoader(glue);
export const { init, initSync } = loader;
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier } = createApi(
  glue,
  loader.initialize,
  null,
  loader.initializeAsync,
);
