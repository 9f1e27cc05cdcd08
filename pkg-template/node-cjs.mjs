// Source of `index.cjs` (bundled to CommonJS at build time, for `require` on Node 18+).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
// `__dirname` is the CommonJS module's own directory once bundled.
export const { verify, verifyAsync, decode, canonicalize, sign, ack, dialects, Verifier } = createApi(() =>
  initSync({ module: readFileSync(join(__dirname, 'cardhook_glue_bg.wasm')) }),
  nodeCrypto,
);
