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
  | 'MISSING_HEADER'
  | 'INVALID_HEADER'
  | 'TIMESTAMP_TOO_OLD'
  | 'TIMESTAMP_IN_FUTURE'
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
export type DialectId = 'onerway' | 'openapi-notify' | 'upay' | 'nobepay' | 'onerway-v2' | 'alchemypay-v2';

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

// ---- openapi-notify ----------------------------------------------------------------------------

/** Envelope fields of every openapi-notify event. */
export interface OpenapiEnvelope {
  notifyId: string;
  customerId: string | null;
  /** How `event_data` arrived: `string` (double-encoded, as documented) or `object`. */
  eventDataEncoding: 'string' | 'object';
}

/** The ten `card.transaction.*` tags. */
export type OpenapiCardTransactionEvent =
  | 'card.transaction.authorize.success'
  | 'card.transaction.authorize.fail'
  | 'card.transaction.authorize.reversal'
  | 'card.transaction.authorize.settled'
  | 'card.transaction.refund.success'
  | 'card.transaction.fee.success'
  | 'card.transaction.fee.settled'
  | 'card.transaction.atm.success'
  | 'card.transaction.service.success'
  | 'card.transaction.otp';

/** The seven `card.status.*` tags. */
export type OpenapiCardStatusEvent =
  | 'card.status.active'
  | 'card.status.freeze'
  | 'card.status.unfreeze'
  | 'card.status.closing'
  | 'card.status.closed'
  | 'card.status.lost'
  | 'card.status.replace';

/** `card.transaction.*` data. `type`, `result`, `isCross` are undocumented integers, kept raw. */
export interface OpenapiCardTransaction extends OpenapiEnvelope {
  flowId: string;
  appId: string | null;
  binId: string | null;
  originOrderId: string | null;
  merchant: string | null;
  type: number;
  cardId: string;
  cardNo: string | null;
  authAmount: Money | null;
  authAt: string | null;
  tradeAmount: Money | null;
  tradeAt: string | null;
  settleAmount: Money | null;
  /** `null` when sent empty (not yet settled). */
  settleAt: string | null;
  settleFee: string | null;
  isCross: number | null;
  result: number;
  mark: string | null;
}

/** `card.status.*` data. `status` is an undocumented integer, kept raw. `cvv`/`pin` are sensitive. */
export interface OpenapiCardStatus extends OpenapiEnvelope {
  cardId: string;
  orderId: string | null;
  outOrderId: string | null;
  appId: string | null;
  binId: string | null;
  holderId: string | null;
  cardNo: string | null;
  balance: string | null;
  limit: string | null;
  expiry: string | null;
  cvv: string | null;
  pin: string | null;
  status: number;
  useAt: string | null;
  closeAt: string | null;
  endAt: string | null;
  mark: string | null;
}

/** Order, Payee, Payment, Wallet and other notifications: the decoded `event_data` as received. */
export interface OpenapiGeneric extends OpenapiEnvelope {
  eventData: Record<string, unknown>;
}

// ---- upay ---------------------------------------------------------------------------------------

export type UpayTxnType = 'RECHARGE' | 'CONSUMPTION' | 'REFUND' | 'WITHDRAWAL' | 'REDEMPTION' | 'MANAGEMENT_FEE' | 'UNKNOWN';
export type UpayTxnStatus =
  | 'SUCCESS' | 'FAILED' | 'PROCESSING' | 'CREDITED' | 'NOT_CREDITED' | 'PAYMENT_FAILED' | 'CANCELED' | 'UNKNOWN';
export type UpayDirection = 'INCOME' | 'EXPENDITURE' | 'UNKNOWN';
export type UpayDocumentType = 'ID_CARD' | 'PASSPORT' | 'LIVING' | 'UNKNOWN';
export type UpayKycStatus = 'PASS' | 'REFUSE' | 'PROCESSING' | 'NONE' | 'UNKNOWN';
export type UpayCardStatus =
  | 'NORMAL' | 'TO_BE_ACTIVATED' | 'FROZEN' | 'LOCKED' | 'DESTROYED' | 'UNDER_APPLICATION' | 'ACTIVATING'
  | 'LOCKING' | 'UNLOCKING' | 'DESTROYING' | 'REJECTED' | 'CANCELLED' | 'REPLACING' | 'REPLACED' | 'UNKNOWN';
export type UpayPaymentStatus = 'PAID' | 'PENDING_PAYMENT' | 'UNKNOWN';
export type UpayVerifyType =
  | '3DS_CONFIRM_LINK' | '3DS_VERIFICATION_CODE' | 'CARD_ACTIVATION' | 'LOCK_UNLOCK_CARD'
  | 'TX_WDR_PWD_MODIFY' | 'TX_WDR_PWD_SET' | 'CAT_CARD' | 'UNKNOWN';

/** Envelope fields of every UPay event (`detailOrderNo` below is `detail.orderNo`). */
export interface UpayEnvelope {
  trace: string | null;
  orderNo: string;
  /** Push time, epoch ms. */
  timestamp: number | null;
}

export type UpayCardTransactionEvent = 'CC_CONSUME' | 'CC_REFUND' | 'CC_WITHDRAW_CASH' | 'CC_REDEEM' | 'CC_RECHARGE' | 'CC_AUTHORIZATION';

export interface UpayCardTransaction extends UpayEnvelope {
  cardId: string;
  cardNumber: string | null;
  detailOrderNo: string | null;
  customerNo: string | null;
  type: UpayTxnType;
  typeRaw: RawCode;
  status: UpayTxnStatus;
  statusRaw: RawCode;
  amount: Money;
  direction: UpayDirection | null;
  directionRaw: RawCode | null;
  merchantName: string | null;
  transactionAt: number | null;
  transactionId: string | null;
  originalAmount: Money | null;
  fee: string | null;
  thirdOrderNo: string | null;
  reason: string | null;
}
export interface UpayThreeDsOtp extends UpayEnvelope {
  cardId: string | null; cardNumber: string | null; customerNo: string | null; threeDsCode: string; detailOrderNo: string | null;
}
export interface UpayThreeDsConfirm extends UpayEnvelope {
  cardId: string | null; cardNumber: string | null; customerNo: string | null; validateCode: string;
  merchants: string | null; transactionTime: number | null; amount: Money | null;
}
export interface UpayCardApplication extends UpayEnvelope {
  cardId: string | null; detailOrderNo: string | null; customerNo: string | null; amount: string | null;
  status: UpayPaymentStatus; statusRaw: RawCode; subscribeAt: number | null;
}
export interface UpayRechargeApplication extends UpayCardApplication {
  cardNumber: string | null;
}
export interface UpayVerification extends UpayEnvelope {
  cardId: string | null; detailOrderNo: string | null; code: string; cardNumber: string | null;
  type: UpayVerifyType; typeRaw: RawCode; customerNo: string | null;
}
export interface UpayKyc extends UpayEnvelope {
  customerNo: string | null; documentType: UpayDocumentType | null; documentTypeRaw: RawCode | null;
  status: UpayKycStatus; statusRaw: RawCode;
}
export interface UpayCardStatusChange extends UpayEnvelope {
  cardId: string; cardNumber: string | null; status: UpayCardStatus; statusRaw: RawCode;
  detailOrderNo: string | null; customerNo: string | null;
}
export interface UpayLogistics extends UpayEnvelope {
  dispatchTime: string | null; logisticsOrderNo: string | null; logisticsCompanyName: string | null;
  recipientAddress: string | null; logisticsImage: string | null; cardId: string | null;
}
export interface UpayCardActivation extends UpayEnvelope {
  detailOrderNo: string | null; cardId: string; cardNumber: string | null; customerNo: string | null;
  cardStatus: UpayCardStatus | null; cardStatusRaw: RawCode | null;
}
/** `CE_EVENT`, `WT_*` and unknown events: `detail` as received. */
export interface UpayGeneric extends UpayEnvelope {
  detail: Record<string, unknown> | null;
}

// ---- nobepay ------------------------------------------------------------------------------------

export type NobepayStatus =
  | 'PENDING' | 'EXPIRED' | 'REVERSED' | 'DECLINED' | 'COMPLETE' | 'REFUND' | 'FEE' | 'MONTHLY_FEE' | 'UNKNOWN';

/** `TRANSACTION` data; amounts converted from integer cents (`-1992` → `"-19.92"`). */
export interface NobepayTransaction {
  webhookSubscribeId: string | null;
  transactionId: string;
  userId: string | null;
  cardId: string | null;
  cardCustomerId: string | null;
  cardNumber: string | null;
  cardSeqNo: string | null;
  desp: string | null;
  reason: string | null;
  preAuthAmount: Money | null;
  preAuthTime: number | null;
  transactionAmount: Money | null;
  transactionTime: number | null;
  status: NobepayStatus;
  statusRaw: RawCode;
  gmtCreate: number | null;
  gmtModified: number | null;
}
/** Other `eventType`s (`CREATE_CARD`, `RISK_CONTROL`, …): `data` as received. */
export interface NobepayGeneric {
  webhookSubscribeId: string | null;
  data: Record<string, unknown> | null;
}

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
 * A decoded webhook: narrow on `dialect` and `type` to get typed `data`.
 *
 * Providers add events: an event whose name this version does not know still decodes, with
 * `data` holding its fields as received (see `UntypedEvent`), but its `type` is outside these
 * unions so that narrowing on known names stays exact. Handle it in a `default` branch.
 */
export type Event =
  | EventBase<'onerway', 'cardOperateRecordEvent', OnerwayCardOperateRecord>
  | EventBase<'onerway', 'transactionEvent', OnerwayTransaction>
  | EventBase<'openapi-notify', OpenapiCardTransactionEvent, OpenapiCardTransaction>
  | EventBase<'openapi-notify', OpenapiCardStatusEvent, OpenapiCardStatus>
  | EventBase<'upay', UpayCardTransactionEvent, UpayCardTransaction>
  | EventBase<'upay', '3DS_OTP', UpayThreeDsOtp>
  | EventBase<'upay', '3DS_CONFIRM', UpayThreeDsConfirm>
  | EventBase<'upay', 'CA_APPLY', UpayCardApplication>
  | EventBase<'upay', 'CR_RECHARGE', UpayRechargeApplication>
  | EventBase<'upay', 'NE_VERIFY', UpayVerification>
  | EventBase<'upay', 'KS_KYC', UpayKyc>
  | EventBase<'upay', 'CSC_STATUS_CHANGE', UpayCardStatusChange>
  | EventBase<'upay', 'MF_MATERIAL_FLOW', UpayLogistics>
  | EventBase<'upay', 'CS_APPROVED', UpayCardActivation>
  | EventBase<'upay', 'CE_EVENT' | 'WT_DEPOSIT' | 'WT_WITHDRAW' | 'WT_DEPOSIT_REFUND', UpayGeneric>
  | EventBase<'nobepay', 'TRANSACTION', NobepayTransaction>
  | EventBase<'nobepay', 'CREATE_CARD' | 'CREATE_CARD_FAIL' | 'DELETE_CARD_SUCCESS' | 'RISK_CONTROL', NobepayGeneric>
  | EventBase<'onerway-v2', 'issuing.cardOperateEvent', OnerwayCardOperateRecord>
  | EventBase<'onerway-v2', 'issuing.cardTransactionEvent', OnerwayTransaction>
  | EventBase<'alchemypay-v2', 'card.create' | 'card.recharge' | 'card.withdraw' | 'card.cancel' | 'card.activation', AlchemypayEvent>;

/**
 * The runtime shape of an event whose name this version does not type: onerway events whose body
 * has neither `operateRecordId` nor `txnOrderNo` (`type` is the `X-Event-Type` header, listed in
 * `unsigned`; `data` is the body without `sign`; `id` is null), openapi-notify
 * notifications other than card ones (`OpenapiGeneric`), UPay events (`UpayGeneric`) and NobePay
 * events (`NobepayGeneric`) of new names.
 */
export type UntypedEvent =
  | EventBase<'onerway', string, Record<string, unknown>>
  | EventBase<'openapi-notify', string, OpenapiGeneric>
  | EventBase<'upay', string, UpayGeneric>
  | EventBase<'nobepay', string, NobepayGeneric>
  | EventBase<'onerway-v2', string, Record<string, unknown>>
  | EventBase<'alchemypay-v2', string, AlchemypayEvent>;

/** Verifies signatures with keys parsed once: create one per key set and reuse it. */
export declare class Verifier {
  constructor(options: VerifierOptions);
  /** Verifies the raw body, then decodes it. Throws `WebhookError`. */
  verify(body: Body, options?: VerifyCallOptions): Event;
  /** The same, with the RSA check in WebCrypto (`crypto.subtle`): for Workers and browsers. */
  verifyAsync(body: Body, options?: VerifyCallOptions): Promise<Event>;
  /** Releases the parsed keys now rather than at garbage collection. */
  free(): void;
}

/** Verifies the raw body with `options.publicKey`, then decodes it. Throws `WebhookError`. */
export declare function verify(body: Body, options: VerifyOptions): Event;

/** `verify` with the RSA check in WebCrypto (`crypto.subtle`), for Workers and browsers. */
export declare function verifyAsync(body: Body, options: VerifyOptions): Promise<Event>;

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

/** AlchemyPay VCC v2 data: the `data` JSON string decoded, fields as received. */
export interface AlchemypayEvent {
  eventData: Record<string, unknown>;
}

/** The dialects this build knows. */
export declare function dialects(): { id: DialectId; signed: boolean }[];
