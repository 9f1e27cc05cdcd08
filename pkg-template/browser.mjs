// Browser (and generic ESM) entry: fetching and compiling the `.wasm` is asynchronous, so call
// `await init()` once before anything else (calls before it throw NOT_INITIALIZED).
import initWasm, { initSync as initWasmSync, __compiledModule } from './cardhook_glue.js';
import { createApi, WebhookError } from './api.js';

export * from './public.js';

let compiled;
export const { verify, verifyAsync, decode, canonicalize, sign, ack, dialects, Verifier } = createApi(() => {
  if (!compiled) {
    throw new WebhookError('NOT_INITIALIZED', 'cardhook is not initialised: `await init()` first (browser entry)');
  }
  initWasmSync({ module: compiled });
});

/** Loads the module: from next to this file by default, or from a URL, Response, bytes or Module. */
export async function init(input) {
  await initWasm(input === undefined ? undefined : { module_or_path: input });
  compiled = __compiledModule();
}

/** Instantiates synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  compiled = module instanceof WebAssembly.Module ? module : new WebAssembly.Module(module);
  initWasmSync({ module: compiled });
}
