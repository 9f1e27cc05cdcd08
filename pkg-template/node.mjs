// Node ESM entry: the module is compiled synchronously at import, so no `await init()`.
import { readFileSync } from 'node:fs';
import { initSync } from './cardhook_glue.js';
import { markReady } from './api.js';

initSync({ module: readFileSync(new URL('./cardhook_glue_bg.wasm', import.meta.url)) });
markReady();

export * from './public.js';
