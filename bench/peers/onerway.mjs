// Plain-JS peer for onerway verification, doing the same work correctly: exact number text,
// duplicate-key refusal, UTF-16 key order, Jackson escaping, `node:crypto` with a cached key,
// then `JSON.parse` for the payload and a typed view with exact money. The benchmark checks its
// signed string equals cardhook's before timing it.
import { createPublicKey, verify as rsaVerify } from 'node:crypto';

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function jacksonString(s) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20) out += s[i];
    else if (c === 0x08) out += '\\b';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0d) out += '\\r';
    else out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
  }
  return out + '"';
}

/** Scans one JSON value at `i`; returns [end, text-for-signing, kind]. Nested values are re-emitted compactly. */
function scanValue(src, i) {
  const c = src[i];
  if (c === '"') {
    let j = i + 1;
    while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
    return [j + 1, JSON.parse(src.slice(i, j + 1)), 'string'];
  }
  if (c === '{' || c === '[') return scanNested(src, i);
  let j = i;
  while (j < src.length && !',}] \t\n\r'.includes(src[j])) j++;
  const raw = src.slice(i, j);
  if (raw === 'null') return [j, null, 'null'];
  if (raw === 'true' || raw === 'false') return [j, raw, 'bool'];
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) throw new Error('bad number');
  return [j, raw, 'number'];
}

function scanNested(src, i) {
  let out = '';
  const stack = [];
  let j = i;
  do {
    const c = src[j];
    if (WS.has(src.charCodeAt(j))) { j++; continue; }
    if (c === '"') {
      let k = j + 1;
      while (src[k] !== '"') k += src[k] === '\\' ? 2 : 1;
      const text = JSON.parse(src.slice(j, k + 1));
      const top = stack[stack.length - 1];
      let p = k + 1;
      while (WS.has(src.charCodeAt(p))) p++;
      if (top && top.keys && src[p] === ':') {
        if (top.keys.has(text)) throw new Error('duplicate key');
        top.keys.add(text);
      }
      out += jacksonString(text);
      j = k + 1;
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? { keys: new Set() } : {});
      out += c;
      j++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      out += c;
      j++;
    } else {
      out += c;
      j++;
    }
  } while (stack.length > 0);
  return [j, out, 'nested'];
}

/** Top-level fields as [key, text] with nulls and `sign` dropped, plus the sign. */
function fields(body) {
  const map = new Map();
  let sign = null;
  let i = body.indexOf('{') + 1;
  for (;;) {
    while (WS.has(body.charCodeAt(i)) || body[i] === ',') i++;
    if (body[i] === '}') break;
    let [end, key] = scanValue(body, i);
    i = end;
    while (body[i] !== ':') i++;
    i++;
    while (WS.has(body.charCodeAt(i))) i++;
    const [vend, text] = scanValue(body, i);
    i = vend;
    if (map.has(key) || (key === 'sign' && sign !== null)) throw new Error('duplicate key');
    if (key === 'sign') sign = text;
    else map.set(key, text);
  }
  return { map, sign };
}

/** The exact signed string (json form). */
export function canonical(body) {
  const { map } = fields(body);
  const keys = [...map.keys()].filter((k) => map.get(k) !== null).sort(); // JS sorts by UTF-16 units, like Java
  return '{' + keys.map((k) => jacksonString(k) + ':' + jacksonString(map.get(k))).join(',') + '}';
}

const money = (map, amount, currency) => (map.get(amount) == null ? null : { amount: map.get(amount), currency: map.get(currency) ?? null });
const STATUS = { S: 'SUCCESS', SUCCESS: 'SUCCESS', P: 'PROCESSING', PROCESSING: 'PROCESSING', PENDING: 'PROCESSING', F: 'FAILED', FAIL: 'FAILED', FAILED: 'FAILED' };

export class PeerVerifier {
  constructor(publicKeyPem) {
    this.key = createPublicKey(publicKeyPem);
  }

  verify(body) {
    const { map, sign } = fields(body);
    const keys = [...map.keys()].filter((k) => map.get(k) !== null).sort();
    const signed = '{' + keys.map((k) => jacksonString(k) + ':' + jacksonString(map.get(k))).join(',') + '}';
    const sig = /^[0-9a-f]+$/i.test(sign) && sign.length === 512 ? Buffer.from(sign, 'hex') : Buffer.from(sign, 'base64');
    if (!rsaVerify('sha256', Buffer.from(signed), this.key, sig)) throw new Error('SIGNATURE_MISMATCH');
    const payload = JSON.parse(body);
    return {
      dialect: 'onerway',
      type: 'transactionEvent',
      id: `${map.get('txnOrderNo')}:${map.get('txnStatus')}`,
      verified: true,
      payload,
      data: {
        txnType: map.get('txnType'),
        txnStatus: STATUS[map.get('txnStatus')] ?? 'UNKNOWN',
        txnOrderNo: map.get('txnOrderNo'),
        transactionAmount: money(map, 'transactionAmount', 'transactionCurrency'),
        cardAmount: money(map, 'cardAmount', 'cardCurrency'),
        settleAmount: money(map, 'settleAmount', 'settleCurrency'),
        transactionFee: money(map, 'transactionFee', 'transactionFeeCurrency'),
        merchantName: map.get('merchantName') ?? null,
      },
    };
  }
}
