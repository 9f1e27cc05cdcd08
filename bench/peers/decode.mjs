// Plain-JS peers for the unsigned dialects, doing the same work a careful hand-written decoder
// would: JSON.parse, the inner event_data parse, exact money (number text recovered from the
// source, cents converted with integer arithmetic), enum maps, the idempotency key.

const numberText = (src, field) => new RegExp(`"${field}"\\s*:\\s*"?(-?\\d+(?:\\.\\d+)?)`).exec(src)?.[1] ?? null;

export function decodeOpenapi(body) {
  const payload = JSON.parse(body);
  const raw = payload.event_data;
  const inner = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const text = typeof raw === 'string' ? raw : body;
  const money = (a, c) => (inner[a] == null ? null : { amount: numberText(text, a), currency: inner[c] ?? null });
  return {
    dialect: 'openapi-notify', type: payload.event, id: payload.notify_id, verified: false, payload,
    data: {
      notifyId: payload.notify_id, customerId: String(payload.customer_id), flowId: inner.flow_id, cardId: inner.card_id,
      type: inner.type, result: inner.result, merchant: inner.merchant,
      authAmount: money('auth_amount', 'auth_currency'), tradeAmount: money('trade_amount', 'trade_currency'),
      settleAmount: money('settle_amount', 'settle_currency'), settleAt: inner.settle_at || null, mark: inner.mark ?? null,
    },
  };
}

const UPAY_TYPE = { 1: 'RECHARGE', 2: 'CONSUMPTION', 3: 'REFUND', 4: 'WITHDRAWAL', 5: 'REDEMPTION', 6: 'MANAGEMENT_FEE' };
const UPAY_STATUS = { 1: 'SUCCESS', 2: 'FAILED', 3: 'PROCESSING', 4: 'CREDITED', 5: 'NOT_CREDITED', 6: 'PAYMENT_FAILED', 7: 'CANCELED' };
const UPAY_DIRECTION = { 1: 'INCOME', 2: 'EXPENDITURE' };

export function decodeUpay(body) {
  const payload = JSON.parse(body);
  const d = payload.detail;
  return {
    dialect: 'upay', type: payload.event, id: `${payload.event}:${payload.orderNo}`, verified: false, payload,
    data: {
      trace: payload.trace, orderNo: payload.orderNo, timestamp: Number(payload.timestamp), cardId: d.cardId,
      type: UPAY_TYPE[d.type] ?? 'UNKNOWN', typeRaw: d.type, status: UPAY_STATUS[d.status] ?? 'UNKNOWN', statusRaw: d.status,
      amount: { amount: numberText(body, 'amount'), currency: d.currency }, direction: UPAY_DIRECTION[d.direction] ?? 'UNKNOWN',
      merchantName: d.merchantName ?? null, transactionAt: Number(d.transactionAt), transactionId: d.transactionId,
    },
  };
}

function cents(v) {
  if (v == null) return null;
  const n = BigInt(v);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
const NOBE_STATUS = new Set(['PENDING', 'EXPIRED', 'REVERSED', 'DECLINED', 'COMPLETE', 'REFUND', 'FEE', 'MONTHLY_FEE']);

export function decodeNobepay(body) {
  const payload = JSON.parse(body);
  const d = payload.data;
  const money = (a, c) => (d[a] == null ? null : { amount: cents(d[a]), currency: d[c] ?? null });
  return {
    dialect: 'nobepay', type: payload.eventType, id: payload.eventId, verified: false, payload,
    data: {
      webhookSubscribeId: payload.webhookSubscribeId, transactionId: d.transactionId, cardId: d.cardId,
      preAuthAmount: money('preAuthAmount', 'preAuthCurrency'), transactionAmount: money('transactionAmount', 'transactionCurrency'),
      status: NOBE_STATUS.has(d.status) ? d.status : 'UNKNOWN', statusRaw: d.status, transactionTime: d.transactionTime,
    },
  };
}
