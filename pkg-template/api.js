// The JavaScript face of cardhook, shared by every entry point (node, workerd, browser).
// It checks the user's options (one table, below), turns JS values into what the WebAssembly
// binding takes (UTF-8 bytes, a flat header list, one typed config object per call kind), parses
// the event JSON the binding returns, and throws `WebhookError`s with a `.code`.
//
// Entry points build the API with `createApi(glue, initialize)`: the module is instantiated on the
// first call, not at import. That keeps every entry free of top-level side effects, so bundlers
// honouring `"sideEffects": false` cannot drop the initialisation (they would drop a bare
// top-level `initSync()` whose module is only used for its re-exports).

import { DEFAULT_LIMITS, ERROR_CODES, HEADERS_READ } from './generated.js';

export { ERROR_CODES };

/** A failure to verify or decode a webhook; branch on `err.code`, never on the message. */
export class WebhookError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'WebhookError';
    this.code = code;
  }
}

/** The module's error (a plain `Error` named WebhookError) as a `WebhookError`, offset kept. */
function fromWasmError(err) {
  const error = new WebhookError(err.code, err.message);
  if (err.offset !== undefined) error.offset = err.offset;
  return error;
}

const utf8Encoder = new TextEncoder();
const utf8 = new TextDecoder();

const detachedBuffer = () => new WebhookError('INVALID_OPTION', 'body is a detached ArrayBuffer (it was transferred); pass the bytes before transferring them');

/** The body as a string or a `Uint8Array` view, without copying; `INVALID_OPTION` otherwise. */
function bodyArg(body) {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) {
    // A transferred (detached) buffer cannot be viewed; say so rather than throw a TypeError.
    try {
      return new Uint8Array(body);
    } catch {
      throw detachedBuffer();
    }
  }
  if (ArrayBuffer.isView(body)) {
    if (body.buffer.detached === true) throw detachedBuffer();
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  }
  throw new WebhookError('INVALID_OPTION', 'body must be a string, Uint8Array or ArrayBuffer (the raw request body)');
}

/** A payload to sign: bytes or JSON text as given, or an object written with `JSON.stringify`. */
function payloadArg(payload) {
  const given = typeof payload === 'string' || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload);
  return given ? bodyArg(payload) : JSON.stringify(payload);
}

function tooLarge(size, limit) {
  return new WebhookError('TOO_LARGE', `body is ${size} bytes, over the limit of ${limit}`);
}

// Bodies of up to SCRATCH_CHARS characters are encoded into one reused buffer (at most 3 bytes a
// character) rather than a fresh one per call: every caller of `wasmBody` hands the bytes
// straight to the glue, which copies them into wasm memory before anything else runs.
const SCRATCH_CHARS = 16384;
let scratch = null;

function encodeToScratch(text) {
  scratch ??= new Uint8Array(3 * SCRATCH_CHARS);
  return scratch.subarray(0, utf8Encoder.encodeInto(text, scratch).written);
}

/**
 * The body as UTF-8 bytes for the module, refused with `TOO_LARGE` before any copy into wasm
 * memory (which never shrinks, so an oversized body would cost its size for the life of the
 * process). A string longer than the limit in UTF-16 units is over it in UTF-8 bytes too, so it
 * is refused before encoding; `TextEncoder` (native) is also faster than the glue's copy loop.
 */
function wasmBody(data, maxBodyBytes) {
  if (typeof data === 'string') {
    if (data.length > maxBodyBytes) throw new WebhookError('TOO_LARGE', `body is over ${maxBodyBytes} bytes, the limit`);
    const bytes = data.length <= SCRATCH_CHARS ? encodeToScratch(data) : utf8Encoder.encode(data);
    if (bytes.length > maxBodyBytes) throw tooLarge(bytes.length, maxBodyBytes);
    return bytes;
  }
  if (data.byteLength > maxBodyBytes) throw tooLarge(data.byteLength, maxBodyBytes);
  return data;
}

// The body's text and parsed payload of an event, under symbols: hidden from enumeration and JSON.
const BODY_TEXT = Symbol('cardhook.bodyText');
const PAYLOAD = Symbol('cardhook.payload');

// One getter and setter shared by every event: per-event closures gave each event its own hidden
// class, allocated in V8's old space, which under load measured +40 MB resident and longer GC
// pauses (the p99) than the same work without them.
const payloadProperty = {
  enumerable: true,
  configurable: true,
  get() {
    if (!Object.hasOwn(this, PAYLOAD)) {
      hidden(this, PAYLOAD, JSON.parse(this[BODY_TEXT]));
    }
    return this[PAYLOAD];
  },
  set(value) {
    hidden(this, PAYLOAD, value);
  },
};

function hidden(object, key, value) {
  Object.defineProperty(object, key, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * Parses the event JSON from the module and attaches `payload`: the body as `JSON.parse` gives
 * it, parsed on first access (the body is known to be valid JSON by then).
 */
function eventFrom(json, body) {
  const event = JSON.parse(json);
  // Bytes are decoded now (the core has checked they are UTF-8), so later changes to the caller's
  // buffer cannot change the payload. Text rather than a copy of the bytes: a copy is a fresh
  // ArrayBuffer per event, memory outside V8's heap that a loaded server frees only after GCs.
  hidden(event, BODY_TEXT, typeof body === 'string' ? body : utf8.decode(body));
  Object.defineProperty(event, 'payload', payloadProperty);
  return event;
}

// Only the headers a dialect reads cross into wasm (the list is generated from the dialects'
// declarations): copying a request's dozen other headers cost more than a third of a decode.
const headersRead = new Set(HEADERS_READ);

function headerValue(name, value) {
  if (typeof value === 'string') return value;
  // Node's IncomingHttpHeaders uses arrays for repeated headers; joined, the core refuses a
  // signature header sent more than once.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  throw new WebhookError('INVALID_OPTION', `headers: the value of ${name} must be a string`);
}

// Header names are ASCII tokens, so they are lowercased as ASCII: on a name with other
// characters `toLowerCase` folds U+212A KELVIN SIGN to `k` (and U+0130 to `i̇`), which would let
// a name no HTTP peer sends pass for another. Such names are refused instead.
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Headers as the flat `[name, value, …]` list the module takes, names lowercased (ASCII names
 * only: `INVALID_OPTION` otherwise). Only the headers dialects read cross by default; `every`
 * passes them all (a declared scheme may sign any header).
 */
function headerList(headers, every = false) {
  const flat = [];
  if (headers == null) return flat;
  const add = (name, value) => {
    if (NOT_ASCII.test(name)) throw new WebhookError('INVALID_OPTION', `headers: the name ${JSON.stringify(name)} is not ASCII, as every HTTP header name is`);
    const lower = name.toLowerCase();
    if (every || headersRead.has(lower)) flat.push(lower, headerValue(name, value));
  };
  if (typeof headers.forEach === 'function' && typeof headers.get === 'function') {
    // A WHATWG Headers (fetch, Workers) or a Map.
    headers.forEach((value, name) => {
      if (typeof name !== 'string') throw new WebhookError('INVALID_OPTION', 'headers: every name must be a string');
      add(name, value);
    });
  } else if (Array.isArray(headers)) {
    headers.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new WebhookError('INVALID_OPTION', `headers[${i}] must be a [name, value] pair of strings`);
      }
      add(pair[0], pair[1]);
    });
  } else if (typeof headers === 'object') {
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (value != null) add(name, value);
    }
  } else {
    throw new WebhookError('INVALID_OPTION', 'headers must be a Headers object, a plain object or [name, value] pairs');
  }
  return flat;
}

const invalid = (name, what) => new WebhookError('INVALID_OPTION', `${name} must be ${what}`);

function stringList(what) {
  return (value, name) => {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.some((k) => typeof k !== 'string')) throw invalid(name, `${what}, or a non-empty list of them`);
    return list;
  };
}

function string(value, name) {
  if (typeof value !== 'string') throw invalid(name, 'a string');
  return value;
}

function boolean(value, name) {
  if (typeof value !== 'boolean') throw invalid(name, 'true or false');
  return value;
}

function count(value, name) {
  if (!Number.isInteger(value) || value < 1 || value > 0xffffffff) throw invalid(name, 'a positive integer');
  return value;
}

function oneOf(...allowed) {
  return (value, name) => {
    if (!allowed.includes(value)) throw invalid(name, allowed.map((a) => `'${a}'`).join(' or '));
    return value;
  };
}

/** One dialect id, or a non-empty list of them: the dialects a verifier accepts. */
function dialectList(value, name) {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((d) => typeof d !== 'string')) throw invalid(name, 'a dialect id, or a non-empty list of them');
  return list;
}

/** The one dialect a call that reads a single push names (decode, canonicalize), if any. */
function oneDialect(list) {
  if (list === undefined) return undefined;
  if (list.length !== 1) throw invalid('dialect', 'one dialect id here (a list is for verifiers)');
  return list[0];
}

/**
 * Credentials per dialect, `{ onerway: { publicKey }, uqpay: { secret } }`, as the JSON text the
 * module reads: `[[dialect, [publicKey…], [secret…]], …]`. Each entry's shape is checked here,
 * with its path; which credential each dialect needs is checked by the module.
 */
function credentialsText(value, name) {
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, "an object of dialect ids to { publicKey } or { secret }, e.g. { onerway: { publicKey }, uqpay: { secret } }");
  const entries = Object.keys(value).map((dialect) => {
    const given = value[dialect];
    const at = `${name}.${dialect}`;
    if (given == null || typeof given !== 'object' || Array.isArray(given)) throw invalid(at, 'an object: { publicKey } or { secret }');
    for (const key of Object.keys(given)) {
      if (key !== 'publicKey' && key !== 'secret') throw new WebhookError('INVALID_OPTION', `${at} takes publicKey or secret, not \`${key}\``);
    }
    const keys = given.publicKey == null ? [] : OPTION_TYPES.publicKey(given.publicKey, `${at}.publicKey`);
    const secrets = given.secret == null ? [] : OPTION_TYPES.secret(given.secret, `${at}.secret`);
    return [dialect, keys, secrets];
  });
  if (entries.length === 0) throw invalid(name, 'at least one dialect and its credential');
  return JSON.stringify(entries);
}

/** A declared scheme, as the JSON text the module validates (an object is written with JSON.stringify). */
function schemeText(value, name) {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, 'a scheme object or its JSON text');
  return JSON.stringify(value);
}

function instant(value, name) {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw invalid(name, 'a Date or epoch milliseconds');
  return ms;
}

/**
 * Every option: how its value is checked (and converted). `undefined` or `null` means "not
 * given" and is never passed to the check. `headers` has no entry: it is checked once, where it
 * becomes the module's list (`headerList`).
 */
const OPTION_TYPES = {
  publicKey: stringList('a PEM or Base64 string'),
  secret: stringList('a string'),
  privateKey: string,
  dialect: dialectList,
  credentials: credentialsText,
  canonical: string,
  encoding: string,
  allowWeakKeys: boolean,
  maxBodyBytes: count,
  maxDepth: count,
  toleranceSeconds: count,
  engine: oneOf('auto', 'wasm'),
  eventType: string,
  requestId: string,
  scheme: schemeText,
  now: instant,
  signal: abortSignal,
  readTimeoutMs: readTimeout,
};

/** The options each kind of call takes; anything else is refused, so a typo or an option given to
 * the wrong call (say `dialect` to `Verifier#verify`) is an error, not silently ignored. */
const VERIFIER_OPTIONS = ['publicKey', 'secret', 'dialect', 'credentials', 'scheme', 'canonical', 'allowWeakKeys', 'maxBodyBytes', 'maxDepth', 'toleranceSeconds', 'engine'];
const VERIFY_CALL_OPTIONS = ['headers', 'now'];
const CALL_OPTIONS = {
  decode: ['headers', 'dialect', 'scheme', 'maxBodyBytes', 'maxDepth'],
  decodeRequest: ['dialect', 'scheme', 'maxBodyBytes', 'maxDepth', 'signal', 'readTimeoutMs'],
  'Verifier#verifyRequest': ['now', 'signal', 'readTimeoutMs'],
  verifyRequest: [...VERIFIER_OPTIONS, 'now', 'signal', 'readTimeoutMs'],
  canonicalize: ['canonical', 'dialect', 'scheme', 'headers', 'maxBodyBytes', 'maxDepth'],
  Verifier: VERIFIER_OPTIONS,
  'Verifier#verify': VERIFY_CALL_OPTIONS,
  verify: [...VERIFIER_OPTIONS, ...VERIFY_CALL_OPTIONS],
  sign: ['privateKey', 'canonical', 'encoding'],
  signRequest: ['privateKey', 'secret', 'now', 'eventType', 'canonical', 'encoding', 'requestId', 'scheme', 'headers'],
};

/** The option names in `options`, refused with `INVALID_OPTION` unless `call` takes each. */
function optionNames(options, call) {
  if (options == null) return [];
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new WebhookError('INVALID_OPTION', `${call}: options must be an object`);
  }
  const allowed = CALL_OPTIONS[call];
  const names = Object.keys(options);
  for (const name of names) {
    if (!allowed.includes(name)) {
      const where = VERIFIER_OPTIONS.includes(name) && call.startsWith('Verifier#') ? ' (it belongs to new Verifier(...))' : '';
      throw new WebhookError('INVALID_OPTION', `${call} takes no option \`${name}\`${where}; it takes ${allowed.join(', ')}`);
    }
  }
  return names;
}

/** `options` for `call`, each value checked and converted; `INVALID_OPTION` naming what is wrong. */
function readOptions(options, call) {
  const out = {};
  for (const name of optionNames(options, call)) {
    const value = options[name];
    const check = OPTION_TYPES[name];
    if (value != null) out[name] = check === undefined ? value : check(value, name);
  }
  return out;
}

/** Splits one-shot options into the verifier's and the call's; each part's values are checked once, where it is used. */
function splitVerifyOptions(options, call) {
  const verifierOptions = {};
  const callOptions = {};
  for (const name of optionNames(options, call)) {
    (VERIFIER_OPTIONS.includes(name) ? verifierOptions : callOptions)[name] = options[name];
  }
  return [verifierOptions, callOptions];
}

// ---- requests ----------------------------------------------------------------------------------

/** How to keep the raw body, by framework, for the BODY_CONSUMED message. */
const KEEP_RAW_BODY =
  'keep the raw body: Express `express.raw({ type: \'*/*\' })` on the webhook route, and mount the webhook route before any global ' +
  '`app.use(express.json())` (a global parser runs first and leaves only the parsed object), or let the global parser keep the ' +
  'bytes: `express.json({ verify: (req, res, buf) => { req.rawBody = buf } })` (req.rawBody is read) (then pass req); Fastify ' +
  '`fastify.removeContentTypeParser(\'application/json\'); fastify.addContentTypeParser(\'*\', { parseAs: \'buffer\' }, (req, body, done) => done(null, body))` ' +
  '(then pass request); Next.js, Hono, Workers, Deno, Bun: pass the Request before reading it (no request.json()/text())';

function bodyConsumed(what) {
  return new WebhookError('BODY_CONSUMED', `${what}: the raw bytes the provider signed are gone; ${KEEP_RAW_BODY}`);
}

/** True for a fetch `Request` (Workers, Deno, Bun, Next.js route handlers, Hono's c.req.raw). */
function isFetchRequest(request) {
  return typeof request.headers?.get === 'function' && typeof request.arrayBuffer === 'function';
}

/** How long `verifyRequest` and `decodeRequest` wait for a body to arrive in full, by default. */
const DEFAULT_READ_TIMEOUT_MS = 30_000;

/** An AbortSignal (checked by shape, so one from another realm or polyfill is taken). */
function abortSignal(value, name) {
  if (typeof value !== 'object' || typeof value.aborted !== 'boolean' || typeof value.addEventListener !== 'function') {
    throw invalid(name, 'an AbortSignal');
  }
  return value;
}

/** A timeout in milliseconds; timers take at most 2^31 − 1 (longer ones fire at once). */
function readTimeout(value, name) {
  if (!Number.isInteger(value) || value < 1 || value > 0x7fffffff) throw invalid(name, 'a whole number of milliseconds, 1 to 2147483647');
  return value;
}

const abortedBySignal = () => new WebhookError('REQUEST_ABORTED', "the caller's signal aborted reading the body");

/**
 * Reads a body chunk by chunk (`next()` resolves to `{ done, value }`) until it ends. Refused
 * with TOO_LARGE as soon as it passes `limit`; REQUEST_TIMEOUT when it has not ended within
 * `readTimeoutMs`; REQUEST_ABORTED when `signal` aborts or the source fails (the client went
 * away). On any refusal `release(error)` stops the source, so a stalled or oversized upload does
 * not keep its chunks.
 */
async function readLimited(next, limit, release, { signal, readTimeoutMs = DEFAULT_READ_TIMEOUT_MS } = {}) {
  let stop;
  // One promise per read, raced against each chunk: a stalled `next()` never settles on its own.
  const stopped = new Promise((_, reject) => (stop = reject));
  stopped.catch(() => {});
  const timer = setTimeout(() => stop(new WebhookError('REQUEST_TIMEOUT', `the body did not arrive in full within ${readTimeoutMs} ms (readTimeoutMs)`)), readTimeoutMs);
  const onAbort = () => stop(abortedBySignal());
  signal?.addEventListener('abort', onAbort);
  const parts = [];
  let size = 0;
  try {
    for (;;) {
      let step;
      try {
        step = await Promise.race([next(), stopped]);
      } catch (err) {
        if (err instanceof WebhookError) throw err;
        throw new WebhookError('REQUEST_ABORTED', `the body stopped before its end: the client went away (${err?.code ?? err?.message ?? err})`);
      }
      if (step.done) break;
      const chunk = step.value;
      const bytes = typeof chunk === 'string' ? utf8Encoder.encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size > limit) throw new WebhookError('TOO_LARGE', `body is over ${limit} bytes, the limit`);
      parts.push(bytes);
    }
  } catch (err) {
    parts.length = 0;
    release(err);
    throw err;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part instanceof Uint8Array ? part : new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part.byteLength;
  }
  return out;
}

/** True for a raw body a framework kept: text or bytes, not a parsed object. */
const isRawBody = (value) => typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer;

/**
 * The raw body and headers of a request: a fetch `Request`, a Node `IncomingMessage` (node:http,
 * Express, `request.raw` in Fastify), or a framework request whose raw body was kept: in
 * `req.rawBody` (`express.json`'s `verify` hook, Google Cloud Functions, fastify-raw-body; it
 * wins over a parsed `req.body`) or in `req.body` (as `express.raw` and Fastify's buffer parser
 * leave it), a Buffer/Uint8Array/string.
 * `reading` is `{ signal, readTimeoutMs }` (see `readLimited`).
 */
async function readRequest(request, limit, reading = {}) {
  if (request == null || typeof request !== 'object') {
    throw new WebhookError('INVALID_OPTION', 'request must be a fetch Request or a Node IncomingMessage');
  }
  if (reading.signal?.aborted) throw abortedBySignal();
  const fetchRequest = isFetchRequest(request);
  const declared = Number(fetchRequest ? request.headers.get('content-length') : request.headers?.['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new WebhookError('TOO_LARGE', `body is ${declared} bytes (Content-Length), over the limit of ${limit}`);
  if (fetchRequest) {
    if (request.bodyUsed) throw bodyConsumed('the Request body was already read');
    if (request.body == null) return { body: new Uint8Array(0), headers: request.headers };
    // Locked: something holds a reader on it (a framework reading it, or a tee's branch).
    if (request.body.locked) throw bodyConsumed('the Request body stream is locked: something else is reading it');
    const reader = request.body.getReader();
    const release = () => reader.cancel().catch(() => {});
    return { body: await readLimited(() => reader.read(), limit, release, reading), headers: request.headers };
  }
  if (typeof request.headers !== 'object' || request.headers === null) {
    throw new WebhookError('INVALID_OPTION', 'request must be a fetch Request or a Node IncomingMessage (no headers found)');
  }
  const headers = nodeHeaders(request);
  if (isRawBody(request.rawBody)) return { body: bodyArg(request.rawBody), headers };
  const kept = request.body;
  if (kept !== undefined && kept !== null) {
    if (isRawBody(kept)) return { body: bodyArg(kept), headers };
    throw bodyConsumed('the body was already parsed by a framework (request.body is an object)');
  }
  // Fastify's request wraps the IncomingMessage as `raw`.
  const stream = typeof request[Symbol.asyncIterator] === 'function' ? request : request.raw;
  if (stream == null || typeof stream[Symbol.asyncIterator] !== 'function') {
    throw new WebhookError('INVALID_OPTION', 'request must be a fetch Request or a Node IncomingMessage');
  }
  if (stream.readableEnded) {
    throw bodyConsumed('the request stream was already read');
  }
  const chunks = stream[Symbol.asyncIterator]();
  const release = (err) => {
    // Between chunks, the iterator's own return: Node then destroys the request but keeps its
    // connection, so the caller can still answer (a 413, say).
    if (err.code === 'TOO_LARGE' || typeof stream.destroy !== 'function') {
      chunks.return?.()?.catch?.(() => {});
      return;
    }
    // Waiting on a chunk that may never come (timeout, abort; a client gone is gone already):
    // the iterator would finish only after it, so the stream is destroyed, closing the
    // connection at once rather than leaving a stalled client's socket to the server's timeouts.
    stream.destroy();
  };
  return { body: await readLimited(() => chunks.next(), limit, release, reading), headers };
}

/**
 * A Node request's headers with every copy of each: `req.headers` keeps only the first copy of
 * `authorization` and the other headers Node de-duplicates, so a signature header sent twice would
 * pass as its first copy. `headersDistinct` (Node ≥ 18.3) has them all, else `rawHeaders`; of
 * the message itself or of the `raw` one it wraps (Fastify). A framework object with neither
 * gives only its `headers`.
 */
function nodeHeaders(request) {
  for (const message of [request, request.raw]) {
    if (message == null || typeof message !== 'object') continue;
    const distinct = message.headersDistinct;
    if (distinct != null && typeof distinct === 'object') return distinct;
    const raw = message.rawHeaders;
    if (Array.isArray(raw)) {
      const pairs = [];
      for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
      return pairs;
    }
  }
  return request.headers;
}

/**
 * Builds the public API around the WebAssembly glue `glue` (the default module's, or the testing
 * module's, which adds the test signers: then `sign`, `signRequest`, `sample`, `samples` and
 * `generateTestKeyPair` are part of the API too). `initialize` instantiates the module
 * synchronously (Node and workerd always can; the browser entry once `init()` has compiled it).
 * It runs on the first call; after a trap, wasm-bindgen's `__wbg_reset_state` replaces the dead
 * instance (objects of the old one then refuse to be used, and this layer rebuilds its own).
 * `host`, where the platform has synchronous RSA (Node's OpenSSL), does the signature check on
 * the signed string the core rebuilt: `{ importKey(spkiDer), verify(key, message, signature) }`
 * (synchronous; `message` and `signature` are views into the module's memory, not to be kept).
 */
export function createApi(glue, initialize, host = null, initializeAsync = null) {
  let ready = false;
  // Bumped when a trapped instance is replaced; objects from an older instance are rebuilt.
  let generation = 0;
  // Config objects for decode and canonicalize, by their options (most callers use one set).
  let configs = new Map();

  function ensureReady() {
    if (ready) return;
    try {
      initialize();
    } catch (err) {
      if (err instanceof WebhookError) throw err;
      throw new WebhookError('WASM_LOAD_FAILED', `the WebAssembly module could not be loaded: ${err?.message ?? err}`);
    }
    ready = true;
  }

  /** Readies the module for async calls: where loading is asynchronous (a browser), loads it. */
  async function ensureReadyAsync() {
    if (!ready && initializeAsync) {
      try {
        await initializeAsync();
      } catch (err) {
        if (err instanceof WebhookError) throw err;
        throw new WebhookError('WASM_LOAD_FAILED', `the WebAssembly module could not be loaded: ${err?.message ?? err}`);
      }
    }
    ensureReady();
  }

  function guard(fn) {
    ensureReady();
    try {
      return fn();
    } catch (err) {
      if (err instanceof WebhookError) throw err;
      if (err && err.name === 'WebhookError' && typeof err.code === 'string') throw fromWasmError(err);
      if (err instanceof WebAssembly.RuntimeError) {
        glue.__wbg_reset_state();
        generation++;
        configs = new Map();
        throw new WebhookError('INTERNAL', `internal fault in the WebAssembly module (${err.message}); a fresh instance replaced it, so later calls work: please report this input`);
      }
      throw err;
    }
  }

  /** A config object of `Kind` with `fields` set, cached by its fields (call inside `guard`). */
  function config(Kind, fields) {
    let key = Kind.name;
    for (const [name, value] of fields) if (value !== undefined) key += `\u0000${name}=${value}`;
    let made = configs.get(key);
    if (made === undefined) {
      made = new Kind();
      for (const [name, value] of fields) if (value !== undefined) made[name] = value;
      if (configs.size >= 32) {
        // Freed now, not left to the wrappers' finalizers: those run after some GC, and the wasm
        // memory a busy loop grows meanwhile is never returned. Safe to free: every config here
        // belongs to the current instance (a trap replaces the map with the instance), and none
        // is in use (configs are used only synchronously inside `guard`, never across a call here).
        for (const evicted of configs.values()) evicted.free();
        configs.clear();
      }
      configs.set(key, made);
    }
    return made;
  }

  /** Decodes a webhook without checking its signature (`event.verified === false`). */
  function decode(body, options) {
    const opts = readOptions(options, 'decode');
    const data = bodyArg(body);
    const headers = headerList(opts.headers);
    return guard(() => {
      const bytes = wasmBody(data, opts.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes);
      const settings = config(glue.DecodeConfig, [['dialect', oneDialect(opts.dialect)], ['scheme', opts.scheme], ['maxBodyBytes', opts.maxBodyBytes], ['maxDepth', opts.maxDepth]]);
      return eventFrom(glue.decode(bytes, headers, settings), data);
    });
  }

  /** Verifies signatures with keys parsed once; reuse one per key set on a server. */
  class Verifier {
    #options;
    #innerObject;
    #generation;
    #hostKeys;
    #subtleKeys;

    constructor(options) {
      const opts = readOptions(options, 'Verifier');
      this.#options = opts;
      // The core has validated the keys (size, type); the host imports the same keys as SPKI DER.
      // Elsewhere the keys are parsed on first use: a browser may build a Verifier before init().
      if (host && (opts.engine ?? 'auto') === 'auto') {
        this.#hostKeys = Array.from(guard(() => this.#inner.spkiKeys()), (der) => host.importKey(der));
      }
    }

    /** The WebAssembly-side verifier, rebuilt if the instance was replaced since it was made. */
    get #inner() {
      if (this.#innerObject === undefined || this.#generation !== generation) {
        const o = this.#options;
        const settings = new glue.VerifierConfig();
        try {
          settings.publicKeys = o.publicKey ?? [];
          settings.secrets = o.secret ?? [];
          settings.dialects = o.dialect ?? [];
          if (o.credentials !== undefined) settings.credentials = o.credentials;
          if (o.scheme !== undefined) settings.scheme = o.scheme;
          if (o.canonical !== undefined) settings.canonical = o.canonical;
          settings.allowWeakKeys = o.allowWeakKeys ?? false;
          if (o.maxBodyBytes !== undefined) settings.maxBodyBytes = o.maxBodyBytes;
          if (o.maxDepth !== undefined) settings.maxDepth = o.maxDepth;
          if (o.toleranceSeconds !== undefined) settings.toleranceSeconds = o.toleranceSeconds;
          this.#innerObject = new glue.WasmVerifier(settings);
        } finally {
          settings.free();
        }
        this.#generation = generation;
      }
      return this.#innerObject;
    }

    /** The module's header list: every header under a declared scheme, else those dialects read. */
    #headerList(headers) {
      return headerList(headers, this.#options.scheme !== undefined);
    }

    /** The body's bytes for the module, after the size check. */
    #wasmBody(data) {
      return wasmBody(data, this.#options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes);
    }

    /** Verifies `body` (the raw request body), then decodes it. Throws `WebhookError`. */
    verify(body, options) {
      const opts = readOptions(options, 'Verifier#verify');
      const headers = this.#headerList(opts.headers);
      const data = bodyArg(body);
      const now = opts.now ?? Date.now();
      if (this.#hostKeys) {
        const keys = this.#hostKeys;
        return guard(() => eventFrom(this.#inner.verifyWith(this.#wasmBody(data), headers, now, (i, message, signature) => host.verify(keys[i], message, signature)), data));
      }
      return guard(() => eventFrom(this.#inner.verify(this.#wasmBody(data), headers, now), data));
    }

    /**
     * Verifies with WebCrypto (`crypto.subtle`), for runtimes whose crypto is asynchronous
     * (Workers, browsers); the signed string is still rebuilt by the core. Resolves to the event.
     */
    async verifyAsync(body, options) {
      const opts = readOptions(options, 'Verifier#verify');
      const headers = this.#headerList(opts.headers);
      // Checked and copied before the first `await`: the caller may reuse its buffer as soon as
      // this returns its promise, and the verified event must show the bytes that were verified.
      let data = bodyArg(body);
      if (typeof data !== 'string') {
        this.#wasmBody(data);
        // Uint8Array's slice copies; a Node Buffer's own `slice` would be a view of the same bytes.
        data = Uint8Array.prototype.slice.call(data);
      }
      await ensureReadyAsync();
      const subtle = globalThis.crypto?.subtle;
      if (!subtle) return this.verify(data, options);
      return this.#verifySubtle(subtle, data, headers, opts.now ?? Date.now());
    }

    async #verifySubtle(subtle, data, headers, now) {
      this.#subtleKeys ??= Promise.all(
        Array.from(guard(() => this.#inner.spkiKeys()), (der) =>
          subtle.importKey('spki', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']),
        ),
      );
      const keys = await this.#subtleKeys;
      const prepared = guard(() => this.#inner.prepare(this.#wasmBody(data), headers, now));
      const preparedGeneration = generation;
      try {
        const done = prepared.event();
        if (done !== undefined) return eventFrom(done, data);
        const message = prepared.canonical();
        const signature = prepared.signature();
        // Only the keys given for the push's dialect may hold.
        for (const i of prepared.keyIndexes()) {
          if (await subtle.verify('RSASSA-PKCS1-v1_5', keys[i], signature, message)) {
            // A trap elsewhere while this awaited replaced the instance `prepared` lives in.
            if (preparedGeneration !== generation) return this.#verifySubtle(subtle, data, headers, now);
            return guard(() => eventFrom(this.#inner.finish(prepared, i, headers), data));
          }
        }
        throw guard(() => this.#inner.mismatch(prepared));
      } catch (err) {
        if (err && err.name === 'WebhookError' && !(err instanceof WebhookError)) throw fromWasmError(err);
        throw err;
      } finally {
        // An object of a replaced instance must not be freed into the fresh one.
        if (preparedGeneration === generation) prepared.free();
      }
    }

    /**
     * Reads a request's raw body (refusing it as soon as it passes `maxBodyBytes`) and headers,
     * then verifies and decodes: a fetch `Request` or a Node `IncomingMessage`. Resolves to the event.
     */
    async verifyRequest(request, options) {
      const opts = readOptions(options, 'Verifier#verifyRequest');
      await ensureReadyAsync();
      const { body, headers } = await readRequest(request, this.#options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes, opts);
      const call = { headers, now: opts.now };
      // Where the host has synchronous RSA (Node's OpenSSL) it is the fastest; elsewhere WebCrypto.
      return this.#hostKeys ? this.verify(body, call) : this.verifyAsync(body, call);
    }

    /** Releases the parsed keys now instead of at garbage collection. */
    free() {
      if (this.#innerObject !== undefined && this.#generation === generation) this.#innerObject.free();
      this.#innerObject = undefined;
    }
  }

  /** Runs `use(verifier, callOptions)` with a one-off verifier made from `options`, then frees it. */
  function withVerifier(options, call, use) {
    const [verifierOptions, callOptions] = splitVerifyOptions(options, call);
    const verifier = new Verifier(verifierOptions);
    let result;
    try {
      result = use(verifier, callOptions);
    } catch (err) {
      verifier.free();
      throw err;
    }
    if (typeof result?.then !== 'function') {
      verifier.free();
      return result;
    }
    return result.finally(() => verifier.free());
  }

  /** Verifies `body` with `options.publicKey` or `options.secret`, then decodes it. Throws `WebhookError`. */
  const verify = (body, options) => withVerifier(options, 'verify', (v, call) => v.verify(body, call));

  /** Verifies with WebCrypto: `verify` for runtimes whose crypto is asynchronous. */
  const verifyAsync = async (body, options) => withVerifier(options, 'verify', (v, call) => v.verifyAsync(body, call));

  /** `verifyRequest` with a one-off verifier: reads the request, verifies and decodes it. */
  const verifyRequest = async (request, options) => withVerifier(options, 'verifyRequest', (v, call) => v.verifyRequest(request, call));

  /** Reads a request's raw body and headers and decodes it without checking a signature. */
  async function decodeRequest(request, options) {
    optionNames(options, 'decodeRequest');
    // How to read goes to readRequest; the rest, checked by decode, to decode.
    const { signal, readTimeoutMs, ...decodeOptions } = options ?? {};
    const reading = readOptions({ signal, readTimeoutMs }, 'decodeRequest');
    const maxBodyBytes = options?.maxBodyBytes == null ? DEFAULT_LIMITS.maxBodyBytes : count(options.maxBodyBytes, 'maxBodyBytes');
    await ensureReadyAsync();
    const { body, headers } = await readRequest(request, maxBodyBytes, reading);
    return decode(body, { ...decodeOptions, headers });
  }

  /** The exact string the provider signed, rebuilt from `body`. */
  function canonicalize(body, options) {
    const opts = readOptions(options, 'canonicalize');
    const data = bodyArg(body);
    const headers = headerList(opts.headers, true);
    return guard(() => {
      const bytes = wasmBody(data, opts.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes);
      const settings = config(glue.CanonicalizeConfig, [['canonical', opts.canonical], ['dialect', oneDialect(opts.dialect)], ['scheme', opts.scheme], ['maxBodyBytes', opts.maxBodyBytes], ['maxDepth', opts.maxDepth]]);
      return glue.canonicalize(bytes, headers, settings);
    });
  }

  /** Signs a payload (object or JSON text) with a PEM private key, for tests and simulators. */
  function sign(payload, options) {
    const opts = readOptions(options, 'sign');
    const body = payloadArg(payload);
    if (opts.privateKey === undefined) throw invalid('privateKey', 'a PEM string');
    return guard(() => {
      const settings = new glue.SignConfig();
      try {
        settings.privateKey = opts.privateKey;
        if (opts.canonical !== undefined) settings.canonical = opts.canonical;
        if (opts.encoding !== undefined) settings.encoding = opts.encoding;
        return glue.sign(wasmBody(body, DEFAULT_LIMITS.maxBodyBytes), settings);
      } finally {
        settings.free();
      }
    });
  }

  /**
   * The exact body and headers `dialect`'s provider would send for `payload` (an object, or JSON
   * text whose number text is kept), signed with a test `privateKey` or `secret`, for tests and
   * simulators: `{ body, headers }`.
   */
  function signRequest(dialect, payload, options) {
    const opts = readOptions(options, 'signRequest');
    const body = payloadArg(payload);
    return guard(() => {
      const settings = new glue.SignRequestConfig();
      try {
        if (opts.privateKey !== undefined) settings.privateKey = opts.privateKey;
        if (opts.secret !== undefined) {
          if (opts.secret.length !== 1) throw invalid('secret', 'one string when signing');
          settings.secret = opts.secret[0];
        }
        settings.now = opts.now ?? Date.now();
        if (opts.eventType !== undefined) settings.eventType = opts.eventType;
        if (opts.canonical !== undefined) settings.canonical = opts.canonical;
        if (opts.encoding !== undefined) settings.encoding = opts.encoding;
        settings.requestId = opts.requestId ?? globalThis.crypto?.randomUUID?.() ?? `req-${Date.now()}-${Math.random().toString(16).slice(2)}`;
        if (opts.scheme !== undefined) settings.scheme = opts.scheme;
        settings.headers = headerList(opts.headers, true);
        return JSON.parse(glue.signRequest(String(dialect), wasmBody(body, DEFAULT_LIMITS.maxBodyBytes), settings));
      } finally {
        settings.free();
      }
    });
  }

  /**
   * A realistic payload of `type` in `dialect`, from the provider's documented example, as JSON
   * text (number text as the provider writes it: `100.00`, not `100`).
   */
  function sample(dialect, type) {
    return guard(() => glue.sample(String(dialect), String(type)));
  }

  /** Every `{ dialect, type }` that `sample` can make. */
  function samples() {
    return guard(() => JSON.parse(glue.samples()));
  }

  /**
   * A throwaway RSA-2048 key pair as PEM (`PUBLIC KEY`, `PRIVATE KEY`), for tests of RSA
   * dialects: Node's OpenSSL where there is one, else WebCrypto. Resolves to `{ publicKey, privateKey }`.
   */
  async function generateTestKeyPair() {
    if (host?.generateKeyPair) return host.generateKeyPair();
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) throw new WebhookError('INVALID_OPTION', 'no WebCrypto here to make a key pair');
    const pair = await subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    const pem = (label, der) => {
      let binary = '';
      for (const byte of new Uint8Array(der)) binary += String.fromCharCode(byte);
      const base64 = btoa(binary).replace(/.{1,64}/g, '$&\n');
      return `-----BEGIN ${label}-----\n${base64}-----END ${label}-----\n`;
    };
    return {
      publicKey: pem('PUBLIC KEY', await subtle.exportKey('spki', pair.publicKey)),
      privateKey: pem('PRIVATE KEY', await subtle.exportKey('pkcs8', pair.privateKey)),
    };
  }

  /** The reply the provider expects once the event is accepted: `{ status, headers, body }`. */
  function ack(dialect) {
    return guard(() => {
      const a = JSON.parse(glue.ack(String(dialect)));
      return { status: a.status, headers: { 'content-type': a.contentType }, body: a.body };
    });
  }

  /** The dialects this build knows, with whether each is signed. */
  function dialects() {
    return guard(() => JSON.parse(glue.dialects()));
  }

  const api = {
    verify,
    verifyAsync,
    verifyRequest,
    decode,
    decodeRequest,
    canonicalize,
    ack,
    dialects,
    Verifier,
  };
  // The test signers exist only in the testing module (`cardhook/testing`).
  return typeof glue.signRequest === 'function' ? { ...api, sign, signRequest, sample, samples, generateTestKeyPair } : api;
}
