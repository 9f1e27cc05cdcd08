// The JavaScript face of cardhook, shared by every entry point (node, workerd, browser).
// It turns JS values into what the WebAssembly binding takes (bytes or string, a flat header
// list), parses the event JSON the binding returns, and throws `WebhookError`s with a `.code`.
//
// Entry points build the API with `createApi(initialize)`: the module is instantiated on the
// first call, not at import. That keeps every entry free of top-level side effects, so bundlers
// honouring `"sideEffects": false` cannot drop the initialisation (they would drop a bare
// top-level `initSync()` whose module is only used for its re-exports).

import * as glue from './cardhook_glue.js';

/** Every error code, as in Rust's `ErrorCode::ALL` (a test checks they agree). */
export const ERROR_CODES = Object.freeze([
  'EMPTY_BODY',
  'INVALID_UTF8',
  'MALFORMED_JSON',
  'DUPLICATE_KEY',
  'TOO_LARGE',
  'TOO_DEEP',
  'NOT_AN_OBJECT',
  'UNKNOWN_DIALECT',
  'UNSIGNED_DIALECT',
  'MISSING_FIELD',
  'INVALID_FIELD',
  'MALFORMED_EVENT_DATA',
  'MISSING_SIGNATURE',
  'MISSING_HEADER',
  'INVALID_HEADER',
  'TIMESTAMP_TOO_OLD',
  'TIMESTAMP_IN_FUTURE',
  'INVALID_SIGNATURE_ENCODING',
  'SIGNATURE_MISMATCH',
  'INVALID_KEY',
  'WEAK_KEY',
  'INVALID_OPTION',
  'NOT_INITIALIZED',
  'INTERNAL',
]);

/** A failure to verify or decode a webhook; branch on `err.code`, never on the message. */
export class WebhookError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'WebhookError';
    this.code = code;
  }
}

const utf8Encoder = new TextEncoder();

/** The body as a string or a `Uint8Array` view, without copying; `INVALID_OPTION` otherwise. */
function bodyArg(body) {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) {
    // A transferred (detached) buffer cannot be viewed; say so rather than throw a TypeError.
    if (body.detached === true) throw new WebhookError('INVALID_OPTION', 'body is a detached ArrayBuffer (it was transferred); pass the bytes before transferring them');
    try {
      return new Uint8Array(body);
    } catch {
      throw new WebhookError('INVALID_OPTION', 'body is a detached ArrayBuffer (it was transferred); pass the bytes before transferring them');
    }
  }
  if (ArrayBuffer.isView(body)) {
    if (body.buffer.detached === true) throw new WebhookError('INVALID_OPTION', "body's ArrayBuffer is detached (it was transferred)");
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  }
  throw new WebhookError('INVALID_OPTION', 'body must be a string, Uint8Array or ArrayBuffer (the raw request body)');
}

function tooLarge(size, limit) {
  return new WebhookError('TOO_LARGE', `body is ${size} bytes, over the limit of ${limit}`);
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
    const bytes = utf8Encoder.encode(data);
    if (bytes.length > maxBodyBytes) throw tooLarge(bytes.length, maxBodyBytes);
    return bytes;
  }
  if (data.byteLength > maxBodyBytes) throw tooLarge(data.byteLength, maxBodyBytes);
  return data;
}

const utf8 = new TextDecoder();

/**
 * Parses the event JSON from the module and attaches `payload`: the body as `JSON.parse` gives
 * it, parsed on first access (the body is known to be valid JSON by then).
 */
function eventFrom(json, body) {
  const event = JSON.parse(json);
  // Bytes are decoded now, so later changes to the caller's buffer cannot change the payload.
  const text = typeof body === 'string' ? body : utf8.decode(body);
  let payload;
  Object.defineProperty(event, 'payload', {
    enumerable: true,
    configurable: true,
    get() {
      payload ??= JSON.parse(text);
      return payload;
    },
    set(value) {
      payload = value;
    },
  });
  return event;
}

/**
 * The only headers any dialect reads (Rust's `HEADERS_READ`; a test checks they agree). Only
 * these cross into wasm: copying a request's dozen other headers cost more than a third of a decode.
 */
export const HEADERS_READ = Object.freeze(['x-event-type', 'x-timestamp', 'x-signature', 'x-upa-timestamp', 'x-upa-sign']);
const headersRead = new Set(HEADERS_READ);

function headerValue(name, value) {
  if (typeof value === 'string') return value;
  // Node's IncomingHttpHeaders uses arrays for repeated headers; joined, the core refuses a
  // signature header sent more than once.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  throw new WebhookError('INVALID_OPTION', `headers: the value of ${name} must be a string`);
}

function headerArgs(headers) {
  const flat = [];
  if (headers == null) return flat;
  const add = (name, value) => {
    const lower = name.toLowerCase();
    if (headersRead.has(lower)) flat.push(lower, headerValue(name, value));
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

function optionalString(value, name) {
  if (value == null) return undefined;
  if (typeof value !== 'string') throw new WebhookError('INVALID_OPTION', `${name} must be a string`);
  return value;
}

function optionalBoolean(value, name) {
  if (value == null) return false;
  if (typeof value !== 'boolean') throw new WebhookError('INVALID_OPTION', `${name} must be true or false`);
  return value;
}

function optionalCount(value, name) {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 0xffffffff) {
    throw new WebhookError('INVALID_OPTION', `${name} must be a positive integer`);
  }
  return value;
}

function stringList(value, name, what) {
  if (value == null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((k) => typeof k !== 'string')) {
    throw new WebhookError('INVALID_OPTION', `${name} must be ${what}, or a non-empty list of them`);
  }
  return list;
}

function nowMs(now) {
  if (now == null) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new WebhookError('INVALID_OPTION', 'now must be a Date or epoch milliseconds');
  }
  return ms;
}

/** The option names each kind of call takes; anything else is refused, so a typo or an option
 * given to the wrong call (say `dialect` to `Verifier#verify`) is an error, not silently ignored. */
const VERIFIER_OPTIONS = ['publicKey', 'secret', 'dialect', 'canonical', 'allowWeakKeys', 'maxBodyBytes', 'maxDepth', 'toleranceSeconds', 'engine'];
const VERIFY_CALL_OPTIONS = ['headers', 'now'];
const OPTIONS = {
  decode: ['headers', 'dialect', 'maxBodyBytes', 'maxDepth'],
  canonicalize: ['canonical', 'maxBodyBytes', 'maxDepth'],
  Verifier: VERIFIER_OPTIONS,
  'Verifier#verify': VERIFY_CALL_OPTIONS,
  verify: [...VERIFIER_OPTIONS, ...VERIFY_CALL_OPTIONS],
  sign: ['privateKey', 'canonical', 'encoding'],
};

/** `options` as an object of known names for `call`; `INVALID_OPTION` naming what is wrong. */
function checkOptions(options, call) {
  if (options == null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new WebhookError('INVALID_OPTION', `${call}: options must be an object`);
  }
  const allowed = OPTIONS[call];
  for (const name of Object.keys(options)) {
    if (!allowed.includes(name)) {
      const where = VERIFIER_OPTIONS.includes(name) && call === 'Verifier#verify' ? ' (it belongs to new Verifier(...))' : '';
      throw new WebhookError('INVALID_OPTION', `${call} takes no option \`${name}\`${where}; it takes ${allowed.join(', ')}`);
    }
  }
  return options;
}

/**
 * Builds the public API around the WebAssembly glue. `initialize` instantiates the module
 * synchronously (Node and workerd always can; the browser entry once `init()` has compiled it).
 * It runs on the first call, and again after a trap to replace the dead instance.
 * `host`, where the platform has synchronous RSA (Node's OpenSSL), does the signature check on
 * the signed string the core rebuilt: `{ importKey(spkiDer), verify(key, message, signature) }`.
 */
export function createApi(initialize, host = null) {
  let ready = false;
  // Bumped when a trapped instance is replaced; objects from an older instance are rebuilt.
  let generation = 0;
  // Weak references to the module's live objects, so a recovery can detach them (their
  // finalizers must not free memory in the fresh instance). Pruned as it grows.
  const live = new Set();
  let pruneAt = 64;

  function ensureReady() {
    if (ready) return;
    initialize();
    ready = true;
  }

  /** Replaces a trapped instance: detaches objects of the old one, then instantiates afresh. */
  function recover() {
    for (const ref of live) ref.deref()?.__destroy_into_raw();
    live.clear();
    glue.__resetInstance();
    ready = false;
    generation++;
    ensureReady();
  }

  function guard(fn) {
    ensureReady();
    try {
      return fn();
    } catch (err) {
      if (err instanceof WebhookError) throw err;
      if (err && err.name === 'WebhookError' && typeof err.code === 'string') {
        throw new WebhookError(err.code, err.message);
      }
      if (err instanceof WebAssembly.RuntimeError) {
        recover();
        throw new WebhookError('INTERNAL', `internal fault in the WebAssembly module (${err.message}); a fresh instance replaced it, so later calls work: please report this input`);
      }
      throw err;
    }
  }

  function track(inner) {
    const ref = new WeakRef(inner);
    live.add(ref);
    if (live.size > pruneAt) {
      for (const r of live) if (r.deref() === undefined) live.delete(r);
      pruneAt = Math.max(64, live.size * 2);
    }
    return ref;
  }

  let defaults;
  /** The core's default limits (one source of truth), read once the module is ready. */
  function defaultLimits() {
    defaults ??= JSON.parse(glue.defaultLimits());
    return defaults;
  }

  /** Decodes a webhook without checking its signature (`event.verified === false`). */
  function decode(body, options) {
    const opts = checkOptions(options, 'decode');
    const data = bodyArg(body);
    const headers = headerArgs(opts.headers);
    const dialect = optionalString(opts.dialect, 'dialect');
    const maxBodyBytes = optionalCount(opts.maxBodyBytes, 'maxBodyBytes');
    const maxDepth = optionalCount(opts.maxDepth, 'maxDepth');
    return guard(() =>
      eventFrom(glue.decode(wasmBody(data, maxBodyBytes ?? defaultLimits().maxBodyBytes), headers, dialect, maxBodyBytes, maxDepth), data),
    );
  }

  /** Verifies signatures with keys parsed once; reuse one per key set on a server. */
  class Verifier {
    #args;
    #maxBodyBytes;
    #innerObject;
    #innerRef;
    #generation;
    #hostKeys;
    #subtleKeys;

    constructor(options) {
      const opts = checkOptions(options, 'Verifier');
      const engine = opts.engine ?? 'auto';
      if (engine !== 'auto' && engine !== 'wasm') {
        throw new WebhookError('INVALID_OPTION', "engine must be 'auto' or 'wasm'");
      }
      this.#maxBodyBytes = optionalCount(opts.maxBodyBytes, 'maxBodyBytes');
      this.#args = [
        stringList(opts.publicKey, 'publicKey', 'a PEM or Base64 string'),
        stringList(opts.secret, 'secret', 'a string'),
        optionalString(opts.dialect, 'dialect'),
        optionalString(opts.canonical, 'canonical'),
        optionalBoolean(opts.allowWeakKeys, 'allowWeakKeys'),
        this.#maxBodyBytes,
        optionalCount(opts.maxDepth, 'maxDepth'),
        optionalCount(opts.toleranceSeconds, 'toleranceSeconds'),
      ];
      // The core has validated the keys (size, type); the host imports the same keys as SPKI DER.
      if (host && engine === 'auto') {
        this.#hostKeys = Array.from(guard(() => this.#inner.spkiKeys()), (der) => host.importKey(der));
      }
    }

    /** The WebAssembly-side verifier, rebuilt if the instance was replaced since it was made. */
    get #inner() {
      if (this.#innerObject === undefined || this.#generation !== generation) {
        this.#innerObject = guard(() => new glue.WasmVerifier(...this.#args));
        this.#innerRef = track(this.#innerObject);
        this.#generation = generation;
      }
      return this.#innerObject;
    }

    /** The body's bytes for the module, after the size check (call inside `guard`). */
    #wasmBody(data) {
      return wasmBody(data, this.#maxBodyBytes ?? defaultLimits().maxBodyBytes);
    }

    /** Verifies `body` (the raw request body), then decodes it. Throws `WebhookError`. */
    verify(body, options) {
      const opts = checkOptions(options, 'Verifier#verify');
      const headers = headerArgs(opts.headers);
      const data = bodyArg(body);
      const now = nowMs(opts.now);
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
      const subtle = globalThis.crypto?.subtle;
      if (!subtle) return this.verify(body, options);
      const opts = checkOptions(options, 'Verifier#verify');
      const headers = headerArgs(opts.headers);
      const now = nowMs(opts.now);
      // Checked and copied before the first `await`: the caller may reuse its buffer as soon as
      // this returns its promise, and the verified event must show the bytes that were verified.
      let data = bodyArg(body);
      if (typeof data !== 'string') {
        guard(() => this.#wasmBody(data));
        data = data.slice();
      }
      this.#subtleKeys ??= Promise.all(
        Array.from(guard(() => this.#inner.spkiKeys()), (der) =>
          subtle.importKey('spki', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']),
        ),
      );
      const keys = await this.#subtleKeys;
      const prepared = guard(() => this.#inner.prepare(this.#wasmBody(data), headers, now));
      const preparedRef = track(prepared);
      const preparedGeneration = generation;
      try {
        const done = prepared.event();
        if (done !== undefined) return eventFrom(done, data);
        const message = prepared.canonical();
        const signature = prepared.signature();
        for (let i = 0; i < keys.length; i++) {
          if (await subtle.verify('RSASSA-PKCS1-v1_5', keys[i], signature, message)) {
            return guard(() => eventFrom(this.#inner.finish(prepared, i, headers), data));
          }
        }
        throw guard(() => this.#inner.mismatch());
      } catch (err) {
        if (err && err.name === 'WebhookError' && !(err instanceof WebhookError)) throw new WebhookError(err.code, err.message);
        throw err;
      } finally {
        live.delete(preparedRef);
        if (preparedGeneration === generation) prepared.free();
      }
    }

    /** Releases the parsed keys now instead of at garbage collection. */
    free() {
      if (this.#innerObject !== undefined && this.#generation === generation) this.#innerObject.free();
      live.delete(this.#innerRef);
      this.#innerObject = undefined;
    }
  }

  /** Splits one-shot options into the verifier's and the call's. */
  function splitOptions(options) {
    const opts = checkOptions(options, 'verify');
    const verifierOptions = {};
    const callOptions = {};
    for (const [name, value] of Object.entries(opts)) {
      (VERIFY_CALL_OPTIONS.includes(name) ? callOptions : verifierOptions)[name] = value;
    }
    return [verifierOptions, callOptions];
  }

  /** Verifies with WebCrypto: `verify` for runtimes whose crypto is asynchronous. */
  async function verifyAsync(body, options) {
    const [verifierOptions, callOptions] = splitOptions(options);
    const verifier = new Verifier(verifierOptions);
    try {
      return await verifier.verifyAsync(body, callOptions);
    } finally {
      verifier.free();
    }
  }

  /** Verifies `body` with `options.publicKey` or `options.secret`, then decodes it. Throws `WebhookError`. */
  function verify(body, options) {
    const [verifierOptions, callOptions] = splitOptions(options);
    const verifier = new Verifier(verifierOptions);
    try {
      return verifier.verify(body, callOptions);
    } finally {
      verifier.free();
    }
  }

  /** The exact string the provider signed, rebuilt from `body`. */
  function canonicalize(body, options) {
    const opts = checkOptions(options, 'canonicalize');
    const data = bodyArg(body);
    const canonical = optionalString(opts.canonical, 'canonical');
    const maxBodyBytes = optionalCount(opts.maxBodyBytes, 'maxBodyBytes');
    const maxDepth = optionalCount(opts.maxDepth, 'maxDepth');
    return guard(() => glue.canonicalize(wasmBody(data, maxBodyBytes ?? defaultLimits().maxBodyBytes), canonical, maxBodyBytes, maxDepth));
  }

  /** Signs a payload (object or JSON text) with a PEM private key, for tests and simulators. */
  function sign(payload, options) {
    const opts = checkOptions(options, 'sign');
    const body = typeof payload === 'string' || payload instanceof Uint8Array || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)
      ? bodyArg(payload)
      : JSON.stringify(payload);
    if (typeof opts.privateKey !== 'string') {
      throw new WebhookError('INVALID_OPTION', 'privateKey must be a PEM string');
    }
    const canonical = optionalString(opts.canonical, 'canonical');
    const encoding = optionalString(opts.encoding, 'encoding');
    return guard(() => glue.sign(wasmBody(body, defaultLimits().maxBodyBytes), opts.privateKey, canonical, encoding));
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

  // Test hook: a deliberate trap through the guarded path (proves recovery). Not public API.
  Object.defineProperty(Verifier, Symbol.for('cardhook.trapForTests'), { value: () => guard(() => glue.__trapForTests()) });

  return {
    verify,
    verifyAsync,
    decode,
    canonicalize,
    sign,
    ack,
    dialects,
    Verifier,

  };
}
