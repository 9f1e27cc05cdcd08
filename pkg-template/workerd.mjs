// Cloudflare Workers entry: Workers forbid compiling WebAssembly from bytes, so the `.wasm` is
// imported as a module (Wrangler and esbuild keep it one) and instantiated synchronously on the
// first call: no `await`.
import wasmModule from './cardhook_glue_bg.wasm';
import * as glue from './cardhook_glue.js';
import { createApi } from './api.js';

export * from './public.js';
export { init, initSync } from './ready.js';
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier } = createApi(glue, () =>
  glue.initSync({ module: wasmModule }),
);
