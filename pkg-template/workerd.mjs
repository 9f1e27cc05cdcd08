// Cloudflare Workers entry: Workers forbid compiling WebAssembly from bytes, so the `.wasm` is
// imported as a module (Wrangler and esbuild keep it one) and instantiated synchronously.
import wasmModule from './cardhook_glue_bg.wasm';
import { initSync } from './cardhook_glue.js';
import { markReady } from './api.js';

initSync({ module: wasmModule });
markReady();

export * from './public.js';
