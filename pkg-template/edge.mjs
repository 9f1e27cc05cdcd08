// Vercel / Next.js Edge entry (`edge-light`): like Workers, the edge runtime forbids compiling
// WebAssembly from bytes; Next.js compiles a `.wasm?module` import at build time and hands over
// the module, instantiated synchronously on the first call: no `await`.
import wasmModule from './cardhook_glue_bg.wasm?module';
import { initSync as instantiate } from './cardhook_glue.js';
import { createApi } from './api.js';

export * from './public.js';
export { init, initSync } from './ready.js';
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, sign, ack, dialects, Verifier } = createApi(
  () => instantiate({ module: wasmModule }),
);
