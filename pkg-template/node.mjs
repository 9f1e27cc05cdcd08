// Node ESM entry (also Bun): synchronous, no `init` needed. The module's bytes are inlined, so the
// package loads with no file reads: plain, bundled into one file by esbuild or webpack, or under
// Next.js. Compiled on the first call (a few ms), no work at import.
import * as glue from './cardhook_glue.js';
import { createApi } from './api.js';
import { inlinedModuleBytes } from './wasm-bytes.js';
import { nodeCrypto } from './node-host.js';

export * from './public.js';
export { init, initSync } from './ready.js';

export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier } = createApi(
  glue,
  () => glue.initSync({ module: inlinedModuleBytes() }),
  nodeCrypto,
);
