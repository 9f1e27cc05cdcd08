// Types of cardhook's public API. `ErrorCode` and the dialect data shapes mirror the Rust core;
// tests check the code list against the WebAssembly module and type-check a usage file.

/** Every stable error code (`err.code`). */
export type ErrorCode =
  | 'EMPTY_BODY'
  | 'INVALID_UTF8'
  | 'MALFORMED_JSON'
  | 'DUPLICATE_KEY'
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_DIALECT'
  | 'UNSIGNED_DIALECT'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'MALFORMED_EVENT_DATA'
  | 'MISSING_SIGNATURE'
  | 'INVALID_SIGNATURE_ENCODING'
  | 'SIGNATURE_MISMATCH'
  | 'INVALID_KEY'
  | 'WEAK_KEY'
  | 'INVALID_OPTION'
  | 'NOT_INITIALIZED'
  | 'INTERNAL';

/** Every error code, as a frozen list. */
export declare const ERROR_CODES: readonly ErrorCode[];

/** Thrown for every failure; branch on `code`, never on `message`. */
export declare class WebhookError extends Error {
  readonly name: 'WebhookError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string);
}

/** The raw request body: exactly the bytes or text that arrived. */
export type Body = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Request headers: a fetch `Headers`, Node's `req.headers`, or `[name, value]` pairs. Names are case-insensitive. */
export type HeadersInit =
  | { forEach(callback: (value: string, name: string) => void): void; get(name: string): string | null }
  | Record<string, string | string[] | undefined>
  | ReadonlyArray<readonly [string, string]>;

/** Dialect ids. */
export type DialectId = 'onerway';

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

/** Options of `new Verifier`. */
export interface VerifierOptions extends Limits {
  /** The provider's public key (PEM `PUBLIC KEY` / `RSA PUBLIC KEY`, or Base64 SPKI DER), or several for rotation. */
  publicKey: string | readonly string[];
  dialect?: DialectId;
  /** Default `json`. */
  canonical?: CanonicalForm;
  /** Accept RSA keys shorter than 2048 bits (not recommended). */
  allowWeakKeys?: boolean;
}

/** Options of `verify`. */
export interface VerifyOptions extends VerifierOptions {
  headers?: HeadersInit;
}

/** Money: an exact decimal string in major units and its currency. */
export interface Money {
  /** Exact decimal text, e.g. `"100.00"`, `"-19.92"`; never a binary float. */
  amount: string;
  currency: string | null;
}

/** A raw code as sent (string or number). */
export type RawCode = string | number;

/** Onerway `status` / `txnStatus`. */
export type OnerwayStatus = 'SUCCESS' | 'PROCESSING' | 'FAILED' | 'UNKNOWN';
/** Onerway card operation `type`. */
export type OnerwayOperateType = 'CREATE' | 'FREEZE' | 'UNFREEZE' | 'DEPOSIT' | 'WITHDRAW' | 'UNKNOWN';
/** Onerway `txnType`. */
export type OnerwayTxnType = 'AUTHORIZATION' | 'REVERSAL' | 'CLEARING' | 'CHARGE' | 'REFUND' | 'UNKNOWN';

/** Onerway `cardOperateRecordEvent` data. */
export interface OnerwayCardOperateRecord {
  merchantNo: string | null;
  operateRecordId: string;
  cardId: string | null;
  clientRequestId: string | null;
  type: OnerwayOperateType | null;
  typeRaw: RawCode | null;
  status: OnerwayStatus;
  statusRaw: RawCode;
  remark: string | null;
  amount: Money | null;
  feeList: { amount: Money | null; feeType: string | null }[];
}

/** Onerway `transactionEvent` data. */
export interface OnerwayTransaction {
  txnType: OnerwayTxnType | null;
  txnTypeRaw: RawCode | null;
  txnStatus: OnerwayStatus;
  txnStatusRaw: RawCode;
  txnOrderNo: string;
  originTxnOrderNo: string | null;
  originTxnOrderNoForRefund: string | null;
  cardNo: string | null;
  authTime: number | null;
  authorizationCode: string | null;
  authMessageDesc: string | null;
  transactionAmount: Money | null;
  transactionTime: number | null;
  cardAmount: Money | null;
  settleAmount: Money | null;
  settleTime: number | null;
  transactionFee: Money | null;
  crossBorderFee: Money | null;
  exchangeFee: Money | null;
  merchantId: string | null;
  merchantName: string | null;
  merchantCountry: string | null;
  merchantCountryCode: string | null;
  merchantStateProvince: string | null;
  merchantCity: string | null;
  merchantPostalCode: string | null;
  merchantMccCode: string | null;
}

/** Fields common to every event. */
interface EventBase<D extends DialectId, T extends string, Data> {
  dialect: D;
  /** The event name as sent. */
  type: T;
  /** The provider's idempotency key: dedupe on it. `null` only for events of unknown shape. */
  id: string | null;
  /** True only when a signature was checked and held. */
  verified: boolean;
  /** Which of several public keys matched (present only when more than one was given). */
  keyIndex?: number;
  /** The body as `JSON.parse` gives it (numbers as JS numbers: use `data` for exact amounts). */
  payload: Record<string, unknown>;
  /** The typed view. */
  data: Data;
}

/** A decoded webhook: narrow on `dialect` and `type` to get typed `data`. */
export type Event =
  | EventBase<'onerway', 'cardOperateRecordEvent', OnerwayCardOperateRecord>
  | EventBase<'onerway', 'transactionEvent', OnerwayTransaction>;

/** Verifies signatures with keys parsed once: create one per key set and reuse it. */
export declare class Verifier {
  constructor(options: VerifierOptions);
  /** Verifies the raw body, then decodes it. Throws `WebhookError`. */
  verify(body: Body, options?: { headers?: HeadersInit }): Event;
  /** Releases the parsed keys now rather than at garbage collection. */
  free(): void;
}

/** Verifies the raw body with `options.publicKey`, then decodes it. Throws `WebhookError`. */
export declare function verify(body: Body, options: VerifyOptions): Event;

/** Decodes without checking any signature (`verified: false`). Never act on an unverified signed dialect. */
export declare function decode(body: Body, options?: DecodeOptions): Event;

/** The exact string the provider signed. */
export declare function canonicalize(body: Body, options?: { canonical?: CanonicalForm } & Limits): string;

/** Signs a payload with a PEM private key (tests and simulators only); returns the body with `sign` added. */
export declare function sign(
  payload: Body | Record<string, unknown>,
  options: { privateKey: string; canonical?: CanonicalForm; encoding?: 'base64' | 'hex' },
): string;

/** The reply the provider expects for an accepted event. */
export declare function ack(dialect: DialectId): { status: number; headers: { 'content-type': string }; body: string };

/** The dialects this build knows. */
export declare function dialects(): { id: DialectId; signed: boolean }[];
