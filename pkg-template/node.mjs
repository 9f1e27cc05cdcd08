// Node ESM entry (also Bun): synchronous, no `init` needed. The module's bytes are inlined, so the
// package loads with no file reads: plain, bundled into one file by esbuild or webpack, or under
// Next.js. Compiled on the first call (a few ms), no work at import.
import { createPublicKey, generateKeyPairSync, verify as rsaVerify } from 'node:crypto';
import { initSync as instantiate } from './cardhook_glue.js';
import { createApi } from './api.js';
import { wasmBytes } from './wasm-bytes.js';

export * from './public.js';
export { init, initSync } from './ready.js';

// RSA checks go to OpenSSL (several times faster than RSA in wasm); the core still rebuilds the
// signed string and decodes. Keys are imported once per Verifier, from the SPKI the core exports.
const nodeCrypto = {
  importKey: (spkiDer) => createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' }),
  verify: (key, message, signature) => rsaVerify('sha256', message, key, signature),
  generateKeyPair: () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }),
};
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, sign, signRequest, sample, samples, generateTestKeyPair, ack, dialects, Verifier } = createApi(
  () => instantiate({ module: wasmBytes() }),
  nodeCrypto,
);
