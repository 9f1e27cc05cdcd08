// Type-checked (never run) by `tsc --noEmit -p tests/types`: the declarations must let users
// narrow events by dialect and type, and must reject misuse (each @ts-expect-error must fire).
import {
  decode,
  verify,
  Verifier,
  WebhookError,
  ack,
  type ErrorCode,
  type Event,
  type UpayTxnStatus,
  type NobepayStatus,
  type Money,
  type UntypedEvent,
  type UntypedEventName,
} from 'cardhook';

declare const body: string;
const e: Event = decode(body, { headers: { 'x-event-type': 'transactionEvent' } });

if (e.dialect === 'upay' && e.type === 'CC_CONSUME') {
  const status: UpayTxnStatus = e.data.status;
  const amount: Money = e.data.amount;
  const cardId: string = e.data.cardId;
  void status, amount, cardId;
}
if (e.dialect === 'nobepay' && e.type === 'TRANSACTION') {
  const status: NobepayStatus = e.data.status;
  const cents: string | undefined = e.data.transactionAmount?.amount;
  void status, cents;
}
if (e.dialect === 'onerway' && e.type === 'transactionEvent') {
  const order: string = e.data.txnOrderNo;
  void order;
}
if (e.dialect === 'openapi-notify' && e.type === 'card.transaction.authorize.success') {
  const raw: number = e.data.result;
  const encoding: 'string' | 'object' = e.data.eventDataEncoding;
  void raw, encoding;
}
if (e.dialect === 'upay' && e.type === 'KS_KYC') {
  // @ts-expect-error a KYC event has no amount
  void e.data.amount;
}
if (e.dialect === 'upay' && e.type === 'CC_CONSUME') {
  // @ts-expect-error not a member of the status union
  const wrong: 'DONE' = e.data.status;
  void wrong;
}

const verifier = new Verifier({ dialect: 'onerway', publicKey: ['-----BEGIN PUBLIC KEY-----…', 'MIIB…'], canonical: 'json' });
const verified: Event = verifier.verify(new Uint8Array(), { headers: new Headers() });
const unsigned: readonly ('type' | 'id' | 'data' | 'payload')[] = verified.unsigned;
void verified, unsigned;
// @ts-expect-error `dialect` belongs to the Verifier, not to a call (refused at run time too)
verifier.verify(body, { dialect: 'onerway' });
// @ts-expect-error allowWeakKeys is a boolean, not a string
new Verifier({ dialect: 'onerway', publicKey: 'k', allowWeakKeys: 'false' });
// @ts-expect-error publicKey is required
verify(body, {});
// @ts-expect-error unknown canonical form
verify(body, { dialect: 'onerway', publicKey: 'k', canonical: 'xml' });

try {
  decode(body);
} catch (err) {
  if (err instanceof WebhookError) {
    const code: ErrorCode = err.code;
    void code;
  }
}
const reply: { status: number; body: string } = ack('upay');
void reply;
// @ts-expect-error unknown dialect
ack('stripe');

function handle(event: Event): string {
  switch (event.dialect) {
    case 'nobepay':
      return event.type === 'TRANSACTION' ? event.data.transactionId : event.data.webhookSubscribeId ?? '';
    default:
      return event.id ?? '';
  }
}
void handle;

const hmacEvent = verify(body, { dialect: 'onerway-v2', secret: ['old', 'new'], headers: {}, now: new Date(), toleranceSeconds: 60 });
if (hmacEvent.dialect === 'onerway-v2' && hmacEvent.type === 'issuing.cardTransactionEvent') {
  const order: string = hmacEvent.data.txnOrderNo;
  void order;
}
// @ts-expect-error a credential is required
new Verifier({ dialect: 'onerway' });
// @ts-expect-error a credential alone could verify several dialects: the caller names them
new Verifier({ publicKey: 'k' });

// One route for several providers: each dialect with its own credential, events typed to them.
const route = new Verifier({ credentials: { onerway: { publicKey: 'k' }, uqpay: { secret: 's' } } });
const routed = route.verify(body, { headers: {} });
if (routed.dialect === 'uqpay' && routed.type === 'issuing.transaction.authorization') {
  const billed: Money | null = routed.data.billingAmount;
  void billed;
}
// @ts-expect-error the route accepts onerway and uqpay only
void (routed.dialect === 'upay');
const pair = new Verifier({ dialect: ['onerway', 'onerway-v2'], publicKey: 'k', secret: 's' });
void pair;
// @ts-expect-error onerway is RSA-signed: its credential is a publicKey
new Verifier({ credentials: { onerway: { secret: 's' } } });
// @ts-expect-error nobepay pushes carry no signature
new Verifier({ credentials: { nobepay: { secret: 's' } } });

// wasabicard and uqpay typed data.
if (e.dialect === 'wasabicard' && e.type === 'card_transaction') {
  const amount: Money = e.data.amount;
  const order: string = e.data.orderNo;
  void amount, order;
}
if (e.dialect === 'uqpay' && e.type === 'issuing.transaction.authorization') {
  const billed: Money | null = e.data.billingAmount;
  void billed;
}

// A declared scheme: `custom` events, with the scheme checked by shape.
const schemeVerifier = new Verifier({
  secret: 's',
  scheme: {
    algorithm: 'hmac-sha256',
    signature: { header: 'X-Sign' },
    signed: { template: '{header:X-Ts}.{body}' },
    timestamp: { header: 'X-Ts', unit: 's' },
    id: 'data.id',
  },
});
const custom = schemeVerifier.verify(body, { headers: { 'x-sign': 'ab', 'x-ts': '1' } });
const customDialect: 'custom' = custom.dialect;
const customData: Record<string, unknown> = custom.data;
void customDialect, customData;
const customOneShot = verify(body, { publicKey: 'MIIB…', scheme: '{"algorithm":"rsa-sha256"}', headers: {} });
const alsoCustom: 'custom' = customOneShot.dialect;
void alsoCustom;
// What a provider marks required is non-null, as the decoder refuses a push without it
// (MISSING_FIELD): every dialect's event id, and per dialect its required money and ids; what the
// decoder may leave out stays nullable.
const requiredEventId: string = e.id;
const routedEventId: string = routed.id;
// @ts-expect-error a declared scheme without `id` gives a null id
const customEventId: string = custom.id;
void requiredEventId, routedEventId, customEventId;
if (e.dialect === 'upay' && e.type === 'CC_CONSUME') {
  const amount: Money = e.data.amount;
  const cardId: string = e.data.cardId;
  const orderNo: string = e.data.orderNo;
  // @ts-expect-error `originalAmount` may be absent
  const original: Money = e.data.originalAmount;
  void amount, cardId, orderNo, original;
}
if (e.dialect === 'wasabicard' && e.type === 'card_transaction') {
  const amount: Money = e.data.amount;
  const orderNo: string = e.data.orderNo;
  void amount, orderNo;
}
if (e.dialect === 'onerway' && e.type === 'cardOperateRecordEvent') {
  const recordId: string = e.data.operateRecordId;
  // @ts-expect-error `amount` may be absent
  const amount: Money = e.data.amount;
  void recordId, amount;
}
if (e.dialect === 'onerway-v2' && e.type === 'issuing.cardTransactionEvent') {
  const order: string = e.data.txnOrderNo;
  void order;
}
if (e.dialect === 'openapi-notify' && e.type === 'card.transaction.authorize.success') {
  const flowId: string = e.data.flowId;
  const cardId: string = e.data.cardId;
  const notifyId: string = e.data.notifyId;
  void flowId, cardId, notifyId;
}
if (e.dialect === 'nobepay' && e.type === 'TRANSACTION') {
  const transactionId: string = e.data.transactionId;
  // @ts-expect-error `transactionAmount` may be absent
  const amount: Money = e.data.transactionAmount;
  void transactionId, amount;
}
if (e.dialect === 'uqpay' && e.type === 'issuing.transaction.authorization') {
  // @ts-expect-error UQPAY's transaction id may be absent (only the event id is required)
  const transactionId: string = e.data.transactionId;
  void transactionId;
}

// @ts-expect-error not an algorithm a scheme may declare
new Verifier({ secret: 's', scheme: { algorithm: 'rsa-sha1', signature: { header: 'x' }, signed: 'body' } });
// @ts-expect-error a declared scheme says how pushes are read: no dialect beside it
new Verifier({ secret: 's', scheme: '{}', dialect: 'onerway' });

// An event whose name this version does not type is returned at run time: after narrowing on every
// known name, the `default` branch receives it (not `never`), with `data` as received.
function untypedEventReachesDefaultBranch(event: Event): string {
  if (event.dialect !== 'onerway') return '';
  switch (event.type) {
    case 'cardOperateRecordEvent':
      return event.data.operateRecordId;
    case 'transactionEvent':
      return event.data.txnOrderNo;
    default: {
      const fields: Record<string, unknown> = event.data;
      const name: string = event.type;
      // @ts-expect-error the untyped event is still here: the branch is not `never`
      const unreachable: never = event;
      // @ts-expect-error an untyped event's data has no typed fields
      const order: string = event.data.txnOrderNo;
      void fields, unreachable, order;
      return name;
    }
  }
}
void untypedEventReachesDefaultBranch;
// The same for what a verifier of one dialect returns (`EventOf`): typed names narrow exactly.
const onerwayEvent = new Verifier({ dialect: 'onerway', publicKey: 'k' }).verify(body, { headers: {} });
if (onerwayEvent.type === 'transactionEvent') {
  const order: string = onerwayEvent.data.txnOrderNo;
  void order;
} else if (onerwayEvent.type !== 'cardOperateRecordEvent') {
  const untyped: UntypedEvent = onerwayEvent;
  const nameAsSent: string = onerwayEvent.type;
  void untyped, nameAsSent;
}
// A name this version does not know is tested on the string as sent.
const isNewName: boolean = (onerwayEvent.type as string) === 'cardClosedEvent';
void isNewName;
// @ts-expect-error a plain string is not an untyped event's name (none is built by hand)
const forgedName: UntypedEventName = 'transactionEvent';
void forgedName;

// The test signers come from `cardhook/testing` (the default entry has none).
import { signRequest, generateTestKeyPair, verify as verifyFromTesting } from 'cardhook/testing';
const request: { body: string; headers: Record<string, string> } = signRequest('wasabicard', {}, { privateKey: 'PEM' });
const keys: Promise<{ publicKey: string; privateKey: string }> = generateTestKeyPair();
void request, keys, verifyFromTesting;
// @ts-expect-error not in the default entry
import('cardhook').then((m) => m.signRequest);

// Reading a request: a DOM AbortSignal and a read timeout; the option names are checked.
import { verifyRequest as verifyRequestOf, decodeRequest as decodeRequestOf } from 'cardhook';
declare const incoming: Request;
void verifyRequestOf(incoming, { dialect: 'onerway-v2', secret: 's', signal: AbortSignal.timeout(5000), readTimeoutMs: 10_000 });
void new Verifier({ dialect: 'onerway-v2', secret: 's' }).verifyRequest(incoming, { signal: new AbortController().signal });
void decodeRequestOf(incoming, { readTimeoutMs: 1000 });
// @ts-expect-error readTimeoutMs is milliseconds as a number
void decodeRequestOf(incoming, { readTimeoutMs: '1s' });
