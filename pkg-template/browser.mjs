// Browser (and generic ESM) entry: fetching and compiling the `.wasm` is asynchronous, so call
// `await init()` once before anything else (calls before it throw NOT_INITIALIZED).
import initWasm, { initSync as initWasmSync } from './cardhook_glue.js';
import { createApi } from './api.js';

export * from './public.js';
const api = createApi(null);
export const { verify, verifyAsync, decode, canonicalize, sign, ack, dialects, Verifier } = api;

/** Loads the module: from next to this file by default, or from a URL, Response, bytes or Module. */
export async function init(input) {
  await initWasm(input === undefined ? undefined : { module_or_path: input });
  api.ready();
}

/** Instantiates synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  initWasmSync({ module });
  api.ready();
}
