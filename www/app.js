// The demo page: verifies or decodes what is pasted, shows the typed event and the signed string,
// and on load runs Java-signed vectors so the page doubles as a smoke test (#selfcheck).
import { init, verify, decode, canonicalize, sign, WebhookError } from '/pkg/testing-browser.mjs';

const $ = (id) => document.getElementById(id);

function parseHeaders(text) {
  const headers = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return headers;
}

function node(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Renders a value as an expandable tree (objects and arrays fold; leaves are colour-coded). */
function tree(value, key) {
  const label = key === undefined ? [] : [node('span', 'k', key), document.createTextNode(': ')];
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    const details = node('details');
    details.open = true;
    const summary = node('summary');
    summary.append(...label, Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`);
    details.append(summary, ...entries.map(([k, v]) => tree(v, k)));
    return details;
  }
  const leaf = node('div', 'leaf');
  const kind = value === null ? 'z' : typeof value === 'string' ? 's' : typeof value === 'number' ? 'n' : 'b';
  leaf.append(...label, node('span', kind, JSON.stringify(value)));
  return leaf;
}

/** What an HMAC dialect signs, for display (the RSA dialect's signed string comes from canonicalize). */
function hmacSignedText(dialect, body, headers) {
  const header = (name) => headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
  try {
    if (dialect === 'onerway-v2') return `${header('x-timestamp')}.${body}`;
    if (dialect === 'upay') return `${JSON.parse(body).event}|${header('x-upa-timestamp')}|${body}`;
    if (dialect === 'alchemypay-v2') return JSON.parse(body).data;
  } catch {
    return null;
  }
  return null;
}

function showStatus(kind, text) {
  const el = $('status');
  el.className = `status ${kind}`;
  el.textContent = text;
}

function run() {
  const body = $('body').value;
  const headers = parseHeaders($('headers').value);
  const dialect = $('dialect').value || undefined;
  const canonical = $('canonical').value;
  const publicKey = $('publicKey').value.trim();
  const secret = $('secret').value;
  $('error').hidden = true;
  $('event').replaceChildren(node('span', 'hint', '—'));
  try {
    $('canonicalOut').textContent = canonicalize(body, { canonical });
  } catch (err) {
    $('canonicalOut').textContent = err instanceof WebhookError ? `(not available: ${err.code})` : String(err);
  }
  try {
    const credentials = { ...(publicKey ? { publicKey } : {}), ...(secret ? { secret } : {}) };
    const event = publicKey || secret ? verify(body, { ...credentials, headers, dialect, canonical }) : decode(body, { headers, dialect });
    showStatus(
      event.verified ? 'verified' : 'decoded',
      event.verified
        ? `✔ Verified — ${event.dialect} · ${event.type} · id ${event.id}`
        : `○ Decoded, not verified — ${event.dialect} · ${event.type} · id ${event.id}`,
    );
    const { payload, ...shown } = event;
    $('event').replaceChildren(tree({ ...shown, payload }));
    const hmacText = event.verified ? hmacSignedText(event.dialect, body, headers) : null;
    if (hmacText !== null) $('canonicalOut').textContent = `HMAC-SHA256 over:\n${hmacText}`;
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    showStatus('rejected', '✘ Rejected — do not act on this body');
    const box = $('error');
    box.replaceChildren(node('code', '', err.code), document.createTextNode(`: ${err.message}`));
    box.hidden = false;
  }
}

function toPem(label, buffer) {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(buffer)));
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END ${label}-----\n`;
}

const SAMPLE_PUSH = {
  txnType: 'AUTHORIZATION',
  txnStatus: 'S',
  txnOrderNo: 'TXN20260101001',
  cardNo: '411111******1111',
  transactionAmount: 50.0,
  transactionCurrency: 'USD',
  transactionTime: 1735689600000,
  merchantName: 'Amazon',
  merchantCountryCode: 'US',
  merchantMccCode: '5411',
};

const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const base64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

async function hmacSha256(secret, message) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
}

/** Signed samples made in the page with WebCrypto: [body, headers, credentials]. */
const SIGNERS = {
  async onerway() {
    const pair = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    const privateKey = toPem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const publicKey = toPem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey));
    // JSON.stringify would write 50.0 as 50; keep the provider's two decimals in the text.
    const payload = JSON.stringify(SAMPLE_PUSH, null, 1).replace('"transactionAmount": 50', '"transactionAmount": 50.00');
    const body = JSON.stringify(JSON.parse(sign(payload, { privateKey })), null, 1).replace('"transactionAmount": 50', '"transactionAmount": 50.00');
    return [body, 'X-Event-Type: transactionEvent', { publicKey }];
  },
  async 'onerway-v2'(secret) {
    const body = JSON.stringify({ request_id: `req_${Date.now()}`, event_type: 'issuing.cardTransactionEvent', created_at: new Date().toISOString(), version: 'v1', data: SAMPLE_PUSH }, null, 1)
      .replace('"transactionAmount": 50', '"transactionAmount": 50.00');
    const ts = String(Math.floor(Date.now() / 1000));
    return [body, `x-timestamp: ${ts}\nx-signature: ${hex(await hmacSha256(secret, `${ts}.${body}`))}`, { secret }];
  },
  async upay(secret) {
    const body = JSON.stringify({ event: 'CC_CONSUME', trace: 'TR1', orderNo: `ORD${Date.now()}`, timestamp: Date.now(), detail: { cardId: 'C1', cardNumber: '5555****4444', customerNo: 'CU1', type: 2, status: 1, amount: 12.5, direction: 2, currency: 'USD', transactionAt: Date.now(), transactionId: 'T1', merchantName: 'Shop' } }, null, 1)
      .replace('"amount": 12.5', '"amount": 12.50');
    const ts = String(Date.now());
    return [body, `X-UPA-TIMESTAMP: ${ts}\nX-UPA-SIGN: ${base64(await hmacSha256(secret, `CC_CONSUME|${ts}|${body}`))}`, { secret }];
  },
  async 'alchemypay-v2'(secret) {
    const data = JSON.stringify({ cardNo: '4000123412341234', orderNo: `A${Date.now()}`, amount: '10.00', currency: 'USD', status: 'SUCCESS' });
    const body = JSON.stringify({ eventId: `evt_${Date.now()}`, eventType: 'card.recharge', data, sign: hex(await hmacSha256(secret, data)) }, null, 1);
    return [body, '', { secret }];
  },
};

/** Makes a throwaway key pair or secret, signs a sample push of the chosen dialect, fills the form. */
async function generateAndSign() {
  const dialect = $('signDialect').value;
  const secret = `test_${hex(crypto.getRandomValues(new Uint8Array(12)))}`;
  const [body, headers, credentials] = await SIGNERS[dialect](secret);
  $('body').value = body;
  $('headers').value = headers;
  $('publicKey').value = credentials.publicKey ?? '';
  $('secret').value = credentials.secret ?? '';
  $('dialect').value = '';
  $('canonical').value = 'json';
  $('keynote').hidden = false;
  run();
}

function tamper() {
  const body = $('body').value;
  const changed = body.replace(/("(?:transactionAmount|amount|auth_amount)"\s*:\s*"?|\\"amount\\":\\")(\d)/, (_, head, digit) => head + ((Number(digit) + 1) % 10));
  $('body').value = changed;
  run();
}

let samples = { webhooks: [] };

function loadSample(dialect) {
  const sample = samples.webhooks.find((w) => w.dialect === dialect);
  if (!sample) return;
  $('body').value = sample.body;
  $('headers').value = Object.entries(sample.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n');
  $('publicKey').value = '';
  $('secret').value = '';
  $('dialect').value = '';
  $('keynote').hidden = true;
  run();
}

/** Known answers: Java-signed vectors must verify, a tampered one must fail, seeds must decode. */
async function selfCheck() {
  const vectors = await (await fetch('/vectors/onerway-rsa.json')).json();
  const checks = [];
  const check = (name, fn) => {
    try {
      checks.push([name, fn() === true]);
    } catch (err) {
      checks.push([name, false, err]);
    }
  };
  for (const name of ['transaction/rsa2048/json/base64', 'tricky/rsa2048/pairs/hex', 'card-operate-record/rsa4096/json/hex']) {
    const c = vectors.cases.find((v) => v.name === name);
    const key = vectors.keys[c.key];
    check(`verify ${name}`, () => verify(c.body, { publicKey: key.publicKeyPem, canonical: c.form }).verified);
    check(`canonical ${name}`, () => canonicalize(c.body, { canonical: c.form }) === c.canonical);
  }
  const c = vectors.cases.find((v) => v.name === 'transaction/rsa2048/json/base64');
  check('tampered body is rejected', () => {
    try {
      verify(c.body.replace('"transactionAmount": 50.00', '"transactionAmount": 51.00'), { publicKey: vectors.keys.rsa2048.publicKeyPem });
      return false;
    } catch (err) {
      return err.code === 'SIGNATURE_MISMATCH';
    }
  });
  check('nobepay cents become exact money', () => {
    const e = decode('{"eventType":"TRANSACTION","eventId":"e1","data":{"transactionId":"t","status":"COMPLETE","transactionAmount":-1992,"transactionCurrency":"USD"}}');
    return e.data.transactionAmount.amount === '-19.92';
  });
  const failed = checks.filter(([, ok]) => !ok);
  const el = $('selfcheck');
  if (failed.length === 0) {
    el.className = 'selfcheck ok';
    el.textContent = `ok — self-check passed (${checks.length} known-answer checks)`;
  } else {
    el.className = 'selfcheck fail';
    el.textContent = `fail — ${failed.map(([n, , e]) => n + (e ? ` (${e.code ?? e.message})` : '')).join('; ')}`;
  }
}

try {
  await init();
  $('run').addEventListener('click', run);
  $('generate').addEventListener('click', () => generateAndSign().catch((err) => showStatus('rejected', String(err))));
  $('tamper').addEventListener('click', tamper);
  for (const button of document.querySelectorAll('[data-sample]')) {
    button.addEventListener('click', () => loadSample(button.dataset.sample));
  }
  samples = await (await fetch('/examples/samples.json')).json();
  await selfCheck();
} catch (err) {
  const el = $('selfcheck');
  el.className = 'selfcheck fail';
  el.textContent = `fail — ${err.message ?? err}`;
}
