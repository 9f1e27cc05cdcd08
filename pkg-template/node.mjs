// Node ESM entry: synchronous. The module is compiled on the first call (a few ms), so no
// `await init()` and no work at import.
import { readFileSync } from 'node:fs';
import { initSync } from './cardhook_glue.js';
import { createApi } from './api.js';

export * from './public.js';
export const { verify, decode, canonicalize, sign, ack, dialects, Verifier } = createApi(() =>
  initSync({ module: readFileSync(new URL('./cardhook_glue_bg.wasm', import.meta.url)) }),
);
