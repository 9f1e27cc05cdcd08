// Node's crypto for the Node entries (also Bun): RSA checks go to OpenSSL (several times faster
// than RSA in wasm); the core still rebuilds the signed string and decodes. Keys are imported
// once per Verifier, from the SPKI the core exports.
import { createPublicKey, generateKeyPairSync, verify as rsaVerify } from 'node:crypto';

export const nodeCrypto = {
  importKey: (spkiDer) => createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' }),
  // `message` and `signature` are views into the module's memory, valid only during this call.
  verify: (key, message, signature) => rsaVerify('sha256', message, key, signature),
  generateKeyPair: () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }),
};
