// Vercel / Next.js Edge entry (`edge-light`): like Workers, the edge runtime forbids compiling
// WebAssembly from bytes; Next.js compiles a `.wasm?module` import at build time and hands over
// the module, instantiated synchronously on the first call: no `await`.
import wasmModule from './cardhook_glue_bg.wasm?module';
import * as glue from './cardhook_glue.js';
import { createApi } from './api.js';

export * from './public.js';
export { init, initSync } from './ready.js';
/**
 * Next.js hands over the compiled module from outside its edge sandbox's realm: it is a
 * `WebAssembly.Module`, but `instanceof` (which the glue checks) fails across realms, so it is
 * given this realm's prototype. A module from this realm passes unchanged.
 */
function sameRealm(module) {
  if (module instanceof WebAssembly.Module) return module;
  if (Object.prototype.toString.call(module) === '[object WebAssembly.Module]') {
    return Object.setPrototypeOf(module, WebAssembly.Module.prototype);
  }
  return module;
}

export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier } = createApi(glue, () =>
  glue.initSync({ module: sameRealm(wasmModule) }),
);
