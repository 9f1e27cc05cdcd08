// Types of `cardhook/testing`: everything `cardhook` declares, plus the test signers, which only
// the testing module has (the default module leaves them out to stay small).

export * from './index.js';
import type { Body, CanonicalForm, DialectId, HeadersInit, Scheme } from './index.js';

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
  /** `custom` pushes only: the declared scheme to sign with. */
  scheme?: Scheme | string;
  /**
   * `custom` pushes only: values of the headers the scheme signs. Not given, the timestamp header
   * gets `now` (in the scheme's unit) and any other the request id.
   */
  headers?: HeadersInit;
}

/**
 * The exact body and headers the dialect's provider would send for `payload` (an object, or JSON
 * text whose number text is kept), for tests and simulators. Throws `UNSIGNED_DIALECT` for a
 * dialect without signatures.
 */
export declare function signRequest(
  dialect: DialectId | 'custom',
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

