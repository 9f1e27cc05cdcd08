// Node ESM entry: synchronous. The module is compiled on the first call (a few ms), so no
// `await init()` and no work at import.
import { readFileSync } from 'node:fs';
import { createPublicKey, verify as rsaVerify } from 'node:crypto';
import { initSync } from './cardhook_glue.js';
import { createApi } from './api.js';

export * from './public.js';

// RSA checks go to OpenSSL (several times faster than RSA in wasm); the core still rebuilds the
// signed string and decodes. Keys are imported once per Verifier, from the SPKI the core exports.
const nodeCrypto = {
  importKey: (spkiDer) => createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' }),
  verify: (key, message, signature) => rsaVerify('sha256', message, key, signature),
};
export const { verify, verifyAsync, decode, canonicalize, sign, ack, dialects, Verifier } = createApi(() =>
  initSync({ module: readFileSync(new URL('./cardhook_glue_bg.wasm', import.meta.url)) }),
  nodeCrypto,
);
