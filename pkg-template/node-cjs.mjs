// Source of `index.cjs` (bundled to CommonJS at build time, for `require` on Node 18+).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './cardhook_glue.js';
import { markReady } from './api.js';

// `__dirname` is the CommonJS module's own directory once bundled.
initSync({ module: readFileSync(join(__dirname, 'cardhook_glue_bg.wasm')) });
markReady();

export * from './public.js';
