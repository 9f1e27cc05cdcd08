// `cardhook/testing` for Node and Bun: everything `cardhook` has, plus the test signers (`sign`,
// `signRequest`, `sample`, `samples`, `generateTestKeyPair`), from the testing module (the default
// module leaves them out to stay small). For tests and simulators, never in a receiver.
import * as glue from './cardhook_testing.js';
import inline from './wasm-testing-inline.cjs';
import { createApi } from './api.js';
import { inlinedBytes } from './wasm-bytes.js';
import { nodeCrypto } from './node-host.js';

export * from './public.js';
export { init, initSync } from './ready.js';

const bytes = inlinedBytes(inline);
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier, sign, signRequest, sample, samples, generateTestKeyPair } = createApi(
  glue,
  () => glue.initSync({ module: bytes() }),
  nodeCrypto,
);
