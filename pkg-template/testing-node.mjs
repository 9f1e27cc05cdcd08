// `cardhook/testing` for Node and Bun: everything `cardhook` has, plus the test signers (`sign`,
// `signRequest`, `sample`, `samples`, `generateTestKeyPair`), from the testing module (the default
// module leaves them out to stay small). For tests and simulators, never in a receiver. The module
// is read from next to this file on the first call (tests run from an installed package; only the
// default entry inlines its bytes for bundled servers).
import { readFileSync } from 'node:fs';
import * as glue from './cardhook_testing.js';
import { createApi } from './api.js';
import { nodeCrypto } from './node-host.js';

export * from './public.js';
export { init, initSync } from './ready.js';

export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier, sign, signRequest, sample, samples, generateTestKeyPair } = createApi(
  glue,
  () => glue.initSync({ module: readFileSync(new URL('./cardhook_testing_bg.wasm', import.meta.url)) }),
  nodeCrypto,
);
