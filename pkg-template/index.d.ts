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
 * How a provider cardhook has no dialect for signs its pushes, declared as plain JSON (an object
 * or its JSON text), validated up front: a mistake is `INVALID_OPTION` naming the part. See the
 * README's "Declared schemes".
 */
export interface Scheme {
  algorithm: 'rsa-sha256' | 'hmac-sha256' | 'hmac-sha512';
  /** Where the signature travels: a request header, or a top-level body field. */
  signature: { header: string } | { field: string };
  /** How the signature is written; `auto` (default) tells hex from Base64 by length. */
  encoding?: 'base64' | 'hex' | 'auto';
  /**
   * What was signed: the raw body; a template of `{body}` and `{header:NAME}` placeholders; or the
   * body's top-level fields sorted like Java's `TreeMap` and joined in `form` (as onerway's), nulls
   * dropped (and empty strings with `omit: ['null', 'empty']`), `exclude`d names left out, and the
   * values of `headers` added as fields named as listed.
   */
  signed:
    | 'body'
    | { template: string }
    | { fields: { form?: CanonicalForm; omit?: readonly ['null'] | readonly ['null', 'empty']; exclude?: readonly string[]; headers?: readonly string[] } };
  /** A signed timestamp header and its replay window (the header must be in the signed input). */
  timestamp?: { header: string; unit?: 's' | 'ms'; toleranceSeconds?: number };
  /** Dotted path to the event id in the body, like `data.orderId`. */
  id?: string;
  /** Dotted path to the event type in the body (without it `type` is `''`). */
  type?: string;
}

/** Options of `decode` with a declared scheme: the body is read as a `custom` event, unverified. */
export interface SchemeDecodeOptions extends Limits {
  headers?: HeadersInit;
  scheme: Scheme | string;
}

/** A public key or secret, or a list of them for rotation (`event.keyIndex` says which matched). */
export type OneOrMore = string | readonly string[];

/**
 * Credentials, one or both. `publicKey`: the provider's RSA public key, for RSA-signed dialects
 * (PEM `PUBLIC KEY` / `RSA PUBLIC KEY` / `CERTIFICATE`, or the Base64 of that DER; line breaks,
 * indentation and `\n` written out are tolerated). `secret`: the shared HMAC secret, for
 * HMAC-signed dialects, as the provider shows it (raw text; no prefix is interpreted).
 * `dialects()` and `DialectCredentials` say which a dialect needs.
 */
export type Credentials =
  | { publicKey: OneOrMore; secret?: OneOrMore }
  | { publicKey?: OneOrMore; secret: OneOrMore };

/** The credential dialect `D`'s verifier needs: `{ publicKey }` or `{ secret }`. */
export type CredentialFor<D extends SignedDialectId> = DialectCredentials[D] extends 'publicKey'
  ? { publicKey: OneOrMore; secret?: never }
  : { secret: OneOrMore; publicKey?: never };

/**
 * Options of `new Verifier` for dialects `D`: the dialect (or a list; each is checked with the
 * credential of its kind, and two of one kind are refused), or `credentials` per dialect (one route
 * for several providers, each checked only with its own). Without a dialect a credential could
 * verify several dialects, chosen by the push's sender: that is refused.
 */
export type VerifierOptions<D extends SignedDialectId = SignedDialectId> =
  | (Credentials & VerifierSettings & { dialect: D | readonly D[]; credentials?: never })
  | (VerifierSettings & { credentials: { [K in D]: CredentialFor<K> }; dialect?: never; publicKey?: never; secret?: never });

/** Options of `new Verifier` for a provider described by a declared scheme (events are `custom`). */
export type SchemeVerifierOptions = Credentials & SchemeVerifierSettings & { dialect?: never; credentials?: never };

/** Settings of a verifier reading pushes with a declared scheme (no `dialect` or `canonical`: the scheme says). */
export interface SchemeVerifierSettings extends Limits {
  scheme: Scheme | string;
  /** The replay window when the scheme's `timestamp` sets none (default 300); refused when it sets one. */
  toleranceSeconds?: number;
  allowWeakKeys?: boolean;
  engine?: 'auto' | 'wasm';
}

/** Settings of `new Verifier`, beside the credentials. */
export interface VerifierSettings extends Limits {
  /** Signed timestamps may be this many seconds away from `now`, either way (default 300). */
  toleranceSeconds?: number;
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
export type VerifyOptions<D extends SignedDialectId = SignedDialectId> = VerifierOptions<D> & VerifyCallOptions;

/** Options of `verify` with a declared scheme. */
export type SchemeVerifyOptions = SchemeVerifierOptions & VerifyCallOptions;

/** A raw code as sent (string or number). */
export type RawCode = string | number;

// @generated-types


// ---- events -------------------------------------------------------------------------------------

/** An event property a signature may leave uncovered (see `unsigned`). */
export type UnsignedProperty = 'type' | 'id' | 'data' | 'payload';

declare const untypedEventName: unique symbol;

/**
 * The `type` of an event whose name this version does not type: a plain string at run time.
 * Declared as a template of a branded string because TypeScript cannot say "any string but the
 * known names": a string literal never compares equal to it, so `type === 'knownName'` still
 * narrows to that name's typed event, while a `default` branch receives the untyped events. To
 * test for a name this version does not know, compare `event.type as string`.
 */
export type UntypedEventName = `${string & { readonly [untypedEventName]: true }}`;

/** Fields common to every event. */
interface EventBase<D extends DialectId | 'custom', T, Data> {
  dialect: D;
  /** The event name as sent. */
  type: T;
  /**
   * The key to dedupe on: the same for every delivery of one push, new for a new state of the
   * same object, read from signed content only (per dialect: the README's dialect table, e.g.
   * `TXN1:SUCCESS`, `sha256:<hex>`). Every dialect gives one (a push it cannot take one from is
   * refused), so it is `null` only for a declared scheme without `id`.
   */
  id: D extends 'custom' ? string | null : string;
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
 * A push read with a declared scheme: `type` and `id` from the scheme's paths, `data` the parsed
 * body (integers beyond 2^53 as strings). `unsigned` lists `data` and `payload` when the scheme
 * excludes body fields from the signature.
 */
export type CustomEvent = EventBase<'custom', string, Record<string, unknown>>;

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
 * whose raw body was kept in `rawBody` or `body` (`express.raw()`, Fastify's buffer parser).
 */
export interface NodeRequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
  /** Every copy of each header (Node ≥ 18.3): read in preference to `headers`, which drops repeats of some. */
  readonly headersDistinct?: Record<string, string[]>;
  /** The headers as sent, `[name, value, …]`: read when there is no `headersDistinct`. */
  readonly rawHeaders?: readonly string[];
  readonly body?: unknown;
  /** The raw body a middleware kept beside a parsed `body` (`express.json({ verify })`): read first. */
  readonly rawBody?: unknown;
  [Symbol.asyncIterator]?(): AsyncIterator<unknown>;
  readonly raw?: unknown;
}

/** A request whose raw body cardhook reads itself. */
export type RequestLike = FetchRequestLike | NodeRequestLike;

/** An `AbortSignal`, declared by shape so these types need no DOM library. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** How `verifyRequest` and `decodeRequest` read a request's body. */
export interface ReadRequestOptions {
  /** Stops reading (`REQUEST_ABORTED`) when it aborts; the stream is released. */
  signal?: AbortSignalLike;
  /** The body must arrive in full within this many milliseconds, else `REQUEST_TIMEOUT` (default 30 000). */
  readTimeoutMs?: number;
}

/** Per-call options of `Verifier.verifyRequest`. */
export interface VerifyRequestCallOptions extends ReadRequestOptions {
  /** The current time for the replay window: a `Date` or epoch ms (default: now). */
  now?: Date | number;
}

/** Verifies signatures with keys parsed once: create one per key set and reuse it. */
export interface Verifier<E = Event> {
  /** Verifies the raw body, then decodes it. Throws `WebhookError`. */
  verify(body: Body, options?: VerifyCallOptions): E;
  /** The same, with the RSA check in WebCrypto (`crypto.subtle`): for Workers and browsers. */
  verifyAsync(body: Body, options?: VerifyCallOptions): Promise<E>;
  /**
   * Reads the request's raw body (refused with `TOO_LARGE` as soon as it passes `maxBodyBytes`)
   * and headers, then verifies and decodes. `BODY_CONSUMED` when a framework already read it;
   * `REQUEST_TIMEOUT` / `REQUEST_ABORTED` when the body does not arrive in time, or stops.
   */
  verifyRequest(request: RequestLike, options?: VerifyRequestCallOptions): Promise<E>;
  /** Releases the parsed keys now rather than at garbage collection. */
  free(): void;
}

/** The events of dialects `D`, typed and untyped (see `Event` on names this version does not type). */
export type EventOf<D extends DialectId> = Extract<Event, { dialect: D }>;

/** Makes a `Verifier`: of `custom` events with a declared `scheme`, else of the named dialects' events. */
export declare const Verifier: {
  new (options: SchemeVerifierOptions): Verifier<CustomEvent>;
  new <D extends SignedDialectId>(options: VerifierOptions<D>): Verifier<EventOf<D>>;
  readonly prototype: Verifier<Event | CustomEvent>;
};

/** Verifies the raw body with `options.publicKey` or `options.secret`, then decodes it. Throws `WebhookError`. */
export declare function verify(body: Body, options: SchemeVerifyOptions): CustomEvent;
export declare function verify<D extends SignedDialectId>(body: Body, options: VerifyOptions<D>): EventOf<D>;

/** `verify` with the RSA check in WebCrypto (`crypto.subtle`), for Workers and browsers. */
export declare function verifyAsync(body: Body, options: SchemeVerifyOptions): Promise<CustomEvent>;
export declare function verifyAsync<D extends SignedDialectId>(body: Body, options: VerifyOptions<D>): Promise<EventOf<D>>;

/** Reads the request's raw body and headers, then verifies and decodes (see `Verifier.verifyRequest`). */
export declare function verifyRequest(request: RequestLike, options: SchemeVerifierOptions & VerifyRequestCallOptions): Promise<CustomEvent>;
export declare function verifyRequest<D extends SignedDialectId>(request: RequestLike, options: VerifierOptions<D> & VerifyRequestCallOptions): Promise<EventOf<D>>;

/** Decodes without checking any signature (`verified: false`). Never act on an unverified signed dialect. */
export declare function decode(body: Body, options: SchemeDecodeOptions): CustomEvent;
export declare function decode(body: Body, options?: DecodeOptions): Event;

/** Reads the request's raw body and headers, then decodes without checking any signature. */
export declare function decodeRequest(request: RequestLike, options: Omit<SchemeDecodeOptions, 'headers'> & ReadRequestOptions): Promise<CustomEvent>;
export declare function decodeRequest(request: RequestLike, options?: Omit<DecodeOptions, 'headers'> & ReadRequestOptions): Promise<Event>;

/**
 * Loads the WebAssembly module. Needed only on a browser's main thread, and only before the
 * synchronous calls (`verify`, `decode`, …): async calls load it themselves, and every other
 * runtime loads it on first use (there `init` does nothing). Accepts a URL, a `Response`, bytes
 * or a compiled module; by default the `.wasm` next to the package.
 */
export declare function init(input?: string | { readonly href: string } | ArrayBuffer | ArrayBufferView | object): Promise<void>;

/** Instantiates synchronously from bytes or a compiled `WebAssembly.Module` (browser entry; a no-op elsewhere). */
export declare function initSync(module: ArrayBuffer | ArrayBufferView | object): void;

/**
 * The exact string the provider signed: onerway's sorted fields (default); with `dialect`, what
 * that dialect's provider signs for this push (the HMAC input, or the raw body; the push's
 * headers, signature included, are needed); or what a declared scheme signs.
 */
export declare function canonicalize(
  body: Body,
  options?: ({ canonical?: CanonicalForm; dialect?: DialectId; headers?: HeadersInit } | { scheme: Scheme | string; headers?: HeadersInit }) & Limits,
): string;

/** The reply the provider expects for an accepted event, typed per dialect (literal status and body). */
export declare function ack<D extends DialectId>(dialect: D): Acks[D];
/** A declared scheme's provider: HTTP 200 with an empty body. */
export declare function ack(dialect: 'custom'): { status: 200; headers: { 'content-type': 'text/plain' }; body: '' };

/** The dialects this build knows, whether each is signed, and when its provider retries (seconds after each failed attempt). */
export declare function dialects(): {
  id: DialectId;
  signed: boolean;
  credential: 'publicKey' | 'secret' | null;
  retryAfterSeconds: number[];
  /** The body field holding the event type; `null` where it travels in a header (`signRequest`'s `eventType` sets it). */
  typeField: string | null;
}[];
