// The default module's bytes from the Base64 inlined in an ES module (wasm-inline.mjs, written at
// build time), for entries that must
// not read files: bundled Node servers, Bun builds, Deno without --allow-read, module workers.
// Decoded once, on first use.

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  if (typeof Buffer === 'function') return Buffer.from(text, 'base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A function giving the bytes of the module inlined as `base64`, decoded on first call. */
export function inlinedBytes(base64) {
  let bytes;
  return () => {
    bytes ??= decodeBase64(base64);
    return bytes;
  };
}
