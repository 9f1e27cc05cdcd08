// Source of `index.cjs` (bundled to CommonJS at build time, for `require` on Node 18+).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './cardhook_glue.js';
import { createApi } from './api.js';

export * from './public.js';
// `__dirname` is the CommonJS module's own directory once bundled.
export const { verify, decode, canonicalize, sign, ack, dialects, Verifier } = createApi(() =>
  initSync({ module: readFileSync(join(__dirname, 'cardhook_glue_bg.wasm')) }),
);
