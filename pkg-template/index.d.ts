// Types of cardhook's public API: the hand-written declarations of the functions and options,
// and (spliced in at build time where `@generated-types` stands) the types generated from the Rust
// definitions — error codes, dialect ids, every dialect's typed data, the `Event` union, the acks.

/** Every error code, as a frozen list. */
export declare const ERROR_CODES: readonly ErrorCode[];

/** Thrown for every failure; branch on `code`, never on `message`. */
export declare class WebhookError extends Error {
  readonly name: 'WebhookError';
  readonly code: ErrorCode;
  /** For JSON errors (`MALFORMED_JSON`, `DUPLICATE_KEY`, `TOO_DEEP`, `INVALID_UTF8`): the byte offset in the body. */
  readonly offset?: number;
  constructor(code: ErrorCode, message: string);
}

/** The raw request body: exactly the bytes or text that arrived. */
export type Body = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Request headers: a fetch `Headers`, Node's `req.headers`, or `[name, value]` pairs. Names are case-insensitive. */
export type HeadersInit =
  | { forEach(callback: (value: string, name: string) => void): void; get(name: string): string | null }
  | Record<string, string | string[] | undefined>
  | ReadonlyArray<readonly [string, string]>;

/** How the sorted fields are joined into the signed string. `values` is weak: see the README. */
export type CanonicalForm = 'json' | 'pairs' | 'values';

/** Size and nesting limits for untrusted bodies. */
export interface Limits {
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Deepest accepted nesting of objects/arrays, 1–256 (default 64). */
  maxDepth?: number;
}

/** Options of `decode`. */
export interface DecodeOptions extends Limits {
  headers?: HeadersInit;
  /** Read the body in this dialect instead of detecting it. */
  dialect?: DialectId;
}

/**
 * Credentials, one or both. `publicKey`: the provider's RSA public key for onerway (PEM
 * `PUBLIC KEY` / `RSA PUBLIC KEY` / `CERTIFICATE`, or the Base64 of that DER; line breaks,
 * indentation and `\n` written out are tolerated). `secret`: the shared HMAC secret for
 * onerway-v2, signed upay and alchemypay-v2, as the provider shows it (raw text; no prefix is
 * interpreted). Either may be a list, for rotation: `event.keyIndex` says which matched.
 */
export type Credentials =
  | { publicKey: string | readonly string[]; secret?: string | readonly string[] }
  | { publicKey?: string | readonly string[]; secret: string | readonly string[] };

/** Options of `new Verifier`. */
export type VerifierOptions = Credentials & VerifierSettings;

/** Settings of `new Verifier`, beside the credentials. */
export interface VerifierSettings extends Limits {
  /** Signed timestamps may be this many seconds away from `now`, either way (default 300). */
  toleranceSeconds?: number;
  dialect?: DialectId;
  /** Default `json`. */
  canonical?: CanonicalForm;
  /** Accept RSA keys shorter than 2048 bits (not recommended). Must be a boolean. */
  allowWeakKeys?: boolean;
  /**
   * `auto` (default): in Node the RSA check runs in OpenSSL (`node:crypto`); elsewhere in wasm.
   * `wasm`: always the pure-WebAssembly RSA. Both accept and reject exactly the same inputs.
   */
  engine?: 'auto' | 'wasm';
}

/** Per-call options of `Verifier.verify`. */
export interface VerifyCallOptions {
  headers?: HeadersInit;
  /** The current time for the replay window: a `Date` or epoch ms (default: now). */
  now?: Date | number;
}

/** Options of `verify`. */
export type VerifyOptions = VerifierOptions & VerifyCallOptions;

/** A raw code as sent (string or number). */
export type RawCode = string | number;

// @generated-types


// ---- events -------------------------------------------------------------------------------------

/** An event property a signature may leave uncovered (see `unsigned`). */
export type UnsignedProperty = 'type' | 'id' | 'data' | 'payload';

/** Fields common to every event. */
interface EventBase<D extends DialectId, T, Data> {
  dialect: D;
  /** The event name as sent. */
  type: T;
  /**
   * The provider's idempotency key: dedupe on it. `null` only for onerway events of unknown type.
   * For alchemypay-v2 it is `sha256:` + the hex SHA-256 of the signed `data` string (the
   * envelope's `eventId` is not signed).
   */
  id: string | null;
  /** True only when a signature was checked and held. */
  verified: boolean;
  /**
   * The properties whose value no checked signature covers. `[]` when everything shown was
   * signed; `['type', 'payload']` for alchemypay-v2 (its envelope is unsigned); every property
   * when `verified` is false. Never act on an unsigned property as if the provider had said it.
   */
  unsigned: UnsignedProperty[];
  /** Which of several public keys or secrets matched (present only when more than one was given). */
  keyIndex?: number;
  /**
   * The body as `JSON.parse` gives it (numbers as JS numbers, so integers beyond 2^53 are
   * rounded: use `data`, which keeps them as strings, and exact amounts).
   */
  payload: Record<string, unknown>;
  /** The typed view. */
  data: Data;
}

/**
 * A fetch `Request` (Workers, Deno, Bun, Next.js route handlers, Hono's `c.req.raw`), declared by
 * shape so these types need no DOM library.
 */
export interface FetchRequestLike {
  readonly headers: { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void };
  readonly body: unknown;
  readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A Node `IncomingMessage` (node:http, Express, Fastify's `request.raw`), or a framework request
 * whose raw body was kept in `body` (`express.raw()`, Fastify's buffer parser).
 */
export interface NodeRequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body?: unknown;
  [Symbol.asyncIterator]?(): AsyncIterator<unknown>;
  readonly raw?: unknown;
}

/** A request whose raw body cardhook reads itself. */
export type RequestLike = FetchRequestLike | NodeRequestLike;

/** Per-call options of `Verifier.verifyRequest`. */
export interface VerifyRequestCallOptions {
  /** The current time for the replay window: a `Date` or epoch ms (default: now). */
  now?: Date | number;
}

/** Verifies signatures with keys parsed once: create one per key set and reuse it. */
export declare class Verifier {
  constructor(options: VerifierOptions);
  /** Verifies the raw body, then decodes it. Throws `WebhookError`. */
  verify(body: Body, options?: VerifyCallOptions): Event;
  /** The same, with the RSA check in WebCrypto (`crypto.subtle`): for Workers and browsers. */
  verifyAsync(body: Body, options?: VerifyCallOptions): Promise<Event>;
  /**
   * Reads the request's raw body (refused with `TOO_LARGE` as soon as it passes `maxBodyBytes`)
   * and headers, then verifies and decodes. `BODY_CONSUMED` when a framework already read it.
   */
  verifyRequest(request: RequestLike, options?: VerifyRequestCallOptions): Promise<Event>;
  /** Releases the parsed keys now rather than at garbage collection. */
  free(): void;
}

/** Verifies the raw body with `options.publicKey`, then decodes it. Throws `WebhookError`. */
export declare function verify(body: Body, options: VerifyOptions): Event;

/** `verify` with the RSA check in WebCrypto (`crypto.subtle`), for Workers and browsers. */
export declare function verifyAsync(body: Body, options: VerifyOptions): Promise<Event>;

/** Reads the request's raw body and headers, then verifies and decodes (see `Verifier.verifyRequest`). */
export declare function verifyRequest(request: RequestLike, options: VerifierOptions & VerifyRequestCallOptions): Promise<Event>;

/** Decodes without checking any signature (`verified: false`). Never act on an unverified signed dialect. */
export declare function decode(body: Body, options?: DecodeOptions): Event;

/** Reads the request's raw body and headers, then decodes without checking any signature. */
export declare function decodeRequest(request: RequestLike, options?: Omit<DecodeOptions, 'headers'>): Promise<Event>;

/**
 * Loads the WebAssembly module. Needed only on a browser's main thread, and only before the
 * synchronous calls (`verify`, `decode`, …): async calls load it themselves, and every other
 * runtime loads it on first use (there `init` does nothing). Accepts a URL, a `Response`, bytes
 * or a compiled module; by default the `.wasm` next to the package.
 */
export declare function init(input?: string | { readonly href: string } | ArrayBuffer | ArrayBufferView | object): Promise<void>;

/** Instantiates synchronously from bytes or a compiled `WebAssembly.Module` (browser entry; a no-op elsewhere). */
export declare function initSync(module: ArrayBuffer | ArrayBufferView | object): void;

/** The exact string the provider signed. */
export declare function canonicalize(body: Body, options?: { canonical?: CanonicalForm } & Limits): string;

/** Signs a payload with a PEM private key (tests and simulators only); returns the body with `sign` added. */
export declare function sign(
  payload: Body | Record<string, unknown>,
  options: { privateKey: string; canonical?: CanonicalForm; encoding?: 'base64' | 'hex' },
): string;

/** Options of `signRequest`: a test credential, and what the provider would choose. */
export interface SignRequestOptions {
  /** PEM private key, for RSA dialects (a test key: never a real one in a client). */
  privateKey?: string;
  /** The shared secret, for HMAC dialects. */
  secret?: string;
  /** The time to sign with (signed timestamps): a `Date` or epoch ms (default: now). */
  now?: Date | number;
  /** The event type, for dialects that announce it apart from the body (onerway's `X-Event-Type`). */
  eventType?: string;
  /** RSA sorted-field dialects: how the fields are joined (default `json`). */
  canonical?: CanonicalForm;
  /** RSA signature encoding (default `base64`). */
  encoding?: 'base64' | 'hex';
  /** A request id, for dialects that send one (default: a random UUID). */
  requestId?: string;
}

/**
 * The exact body and headers the dialect's provider would send for `payload` (an object, or JSON
 * text whose number text is kept), for tests and simulators. Throws `UNSIGNED_DIALECT` for a
 * dialect without signatures.
 */
export declare function signRequest(
  dialect: DialectId,
  payload: Body | Record<string, unknown>,
  options: SignRequestOptions,
): { body: string; headers: Record<string, string> };

/**
 * A realistic payload of `type` in `dialect`, from the provider's documented example, as JSON text
 * (number text as the provider writes it). `INVALID_OPTION` for a type the dialect does not type.
 */
export declare function sample(dialect: DialectId, type: string): string;

/** Every `{ dialect, type }` that `sample` can make. */
export declare function samples(): { dialect: DialectId; type: string }[];

/** A throwaway RSA-2048 key pair as PEM, for tests of RSA dialects (OpenSSL in Node, else WebCrypto). */
export declare function generateTestKeyPair(): Promise<{ publicKey: string; privateKey: string }>;

/** The reply the provider expects for an accepted event, typed per dialect (literal status and body). */
export declare function ack<D extends DialectId>(dialect: D): Acks[D];

/** The dialects this build knows, whether each is signed, and when its provider retries (seconds after each failed attempt). */
export declare function dialects(): { id: DialectId; signed: boolean; retryAfterSeconds: number[] }[];
