// The module's bytes from the Base64 inlined in wasm-inline.cjs (written at build time), for
// entries that must not read files: bundled Node servers, Bun builds, Deno without --allow-read,
// module workers. Decoded once, on first use.
import inline from './wasm-inline.cjs';

let bytes;

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  if (typeof Buffer === 'function') return Buffer.from(text, 'base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The WebAssembly module's bytes. */
export function wasmBytes() {
  bytes ??= decodeBase64(inline.base64);
  return bytes;
}
