// The public API, re-exported by every entry point.
export {
  ERROR_CODES,
  WebhookError,
  Verifier,
  verify,
  decode,
  canonicalize,
  sign,
  ack,
  dialects,
} from './api.js';
