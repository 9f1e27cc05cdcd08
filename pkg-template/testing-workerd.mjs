// `cardhook/testing` for Cloudflare Workers: the Workers entry with the test signers, from the
// testing module (see testing-node.mjs). For tests and simulators, never in a receiver.
import wasmModule from './cardhook_testing_bg.wasm';
import * as glue from './cardhook_testing.js';
import { createApi } from './api.js';

export * from './public.js';
export { init, initSync } from './ready.js';
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier, sign, signRequest, sample, samples, generateTestKeyPair } = createApi(
  glue,
  () => glue.initSync({ module: wasmModule }),
);
