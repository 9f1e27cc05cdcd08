// The default module's bytes, decoded from the Base64 inlined in an ES module (wasm-inline.mjs,
// written at build time), for entries that must not read files: bundled Node servers, Bun builds,
// Deno without --allow-read, module workers. Decoded when the module is instantiated (once: the
// API instantiates on first use), and not kept afterwards.
import { base64 } from './wasm-inline.mjs';

/** The default WebAssembly module's bytes. */
export function inlinedModuleBytes() {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  if (typeof Buffer === 'function') return Buffer.from(base64, 'base64');
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
