// Entry for runtimes with WebAssembly but neither Node's crypto nor a `.wasm` module import:
// Deno (and Supabase Edge Functions, with --allow-net only), module web workers bundled without
// a `.wasm` loader. The bytes are inlined and compiled synchronously on the first call; `verify`
// checks RSA in wasm, `verifyAsync` and `verifyRequest` in WebCrypto.
import * as glue from './cardhook_glue.js';
import { createApi } from './api.js';
import { inlinedModuleBytes } from './wasm-bytes.js';

export * from './public.js';
export { init, initSync } from './ready.js';

export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier } = createApi(glue, () =>
  glue.initSync({ module: inlinedModuleBytes() }),
);
