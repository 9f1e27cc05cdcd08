// `cardhook/testing` for Deno and module workers: the portable entry with the test signers, from
// the testing module (see testing-node.mjs). For tests and simulators, never in a receiver.
import * as glue from './cardhook_testing.js';
import inline from './wasm-testing-inline.cjs';
import { createApi } from './api.js';
import { inlinedBytes } from './wasm-bytes.js';

export * from './public.js';
export { init, initSync } from './ready.js';

const bytes = inlinedBytes(inline);
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier, sign, signRequest, sample, samples, generateTestKeyPair } = createApi(
  glue,
  () => glue.initSync({ module: bytes() }),
);
