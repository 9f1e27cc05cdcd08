// `cardhook/testing` for browsers: the browser entry with the test signers, from the testing module
// (see testing-node.mjs); `await init()` loads that module. For tests, simulators and demo pages.
import * as glue from './cardhook_testing.js';
import { createApi } from './api.js';
import { browserLoader } from './browser-loader.js';

export * from './public.js';

const loader = browserLoader(glue);
export const { init, initSync } = loader;
export const { verify, verifyAsync, verifyRequest, decode, decodeRequest, canonicalize, ack, dialects, Verifier, sign, signRequest, sample, samples, generateTestKeyPair } = createApi(
  glue,
  loader.initialize,
  null,
  loader.initializeAsync,
);
