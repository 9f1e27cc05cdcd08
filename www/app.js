// The demo page: verifies or decodes what is pasted, shows the typed event and the signed string,
// and on load runs Java-signed vectors so the page doubles as a smoke test (#selfcheck).
import { init, verify, decode, canonicalize, dialects, sample, samples as sampleList, signRequest, generateTestKeyPair, WebhookError } from '/pkg/testing-browser.mjs';

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

/**
 * What the dialect's provider signs, rebuilt from this body and these headers, with the
 * algorithm's name — shown for a rejected push too, where it is what one compares. The dialect is
 * the one chosen, else the event's, else the one the body is detected as.
 */
function signedText(dialect, body, headers, canonical) {
  let id = dialect;
  if (id === undefined) {
    try {
      id = decode(body, { headers }).dialect;
    } catch (err) {
      return `(no signed string: choose the dialect; the body is not detected as one${err instanceof WebhookError ? ` — ${err.code}` : ''})`;
    }
  }
  const info = dialects().find((d) => d.id === id);
  if (!info?.signed) return `(${id} pushes are unsigned: the provider signs nothing)`;
  const name = info.credential === 'publicKey' ? 'SHA256withRSA' : 'HMAC';
  try {
    return `${name} over (${id}):\n${canonicalize(body, { dialect: id, headers, canonical })}`;
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    return `(${id}: the signed string cannot be rebuilt from this body and these headers — ${err.code}: ${err.message})`;
  }
}

/** A badge on the event view's top-level properties that no checked signature covers. */
function flagUnsigned(view, unsigned) {
  const root = view.firstElementChild;
  if (!root || root.tagName !== 'DETAILS') return;
  for (const child of root.children) {
    const key = child.querySelector(':scope > .k, :scope > summary > .k')?.textContent;
    if (!unsigned.includes(key)) continue;
    const badge = node('span', 'unsigned', 'unsigned');
    badge.title = 'No checked signature covers this value: do not trust it';
    badge.dataset.unsigned = key;
    (child.tagName === 'DETAILS' ? child.firstElementChild : child).append(badge);
  }
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
  $('canonicalOut').textContent = signedText(dialect, body, headers, canonical);
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
    flagUnsigned($('event'), event.unsigned);
    if (dialect === undefined) $('canonicalOut').textContent = signedText(event.dialect, body, headers, canonical);
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    showStatus('rejected', '✘ Rejected — do not act on this body');
    const box = $('error');
    box.replaceChildren(node('code', '', err.code), document.createTextNode(`: ${err.message}`));
    box.hidden = false;
  }
}

const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** Makes a throwaway key pair or secret, signs a sample push of the chosen dialect, fills the form. */
async function generateAndSign() {
  const dialect = $('signDialect').value;
  // A transaction where the dialect has one (the page's tamper button changes its amount).
  const types = sampleList().filter((s) => s.dialect === dialect).map((s) => s.type);
  const type = types.find((t) => /transaction/i.test(t)) ?? types[0];
  const rsa = dialects().find((d) => d.id === dialect)?.credential === 'publicKey';
  // A throwaway key pair (WebCrypto) or secret made in this page; the push signed as the provider would.
  const credentials = rsa ? await generateTestKeyPair() : { secret: `test_${hex(crypto.getRandomValues(new Uint8Array(12)))}` };
  const request = signRequest(dialect, sample(dialect, type), rsa ? { privateKey: credentials.privateKey } : { secret: credentials.secret });
  $('body').value = request.body;
  $('headers').value = Object.entries(request.headers)
    .filter(([name]) => name.toLowerCase() !== 'content-type')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  $('publicKey').value = rsa ? credentials.publicKey : '';
  $('secret').value = rsa ? '' : credentials.secret;
  $('dialect').value = dialect;
  $('canonical').value = 'json';
  $('keynote').hidden = false;
  run();
}

function tamper() {
  const body = $('body').value;
  const changed = body.replace(/("(?:transactionAmount|amount|auth_amount|transaction_amount)"\s*:\s*"?|\\"amount\\":\\")(\d)/, (_, head, digit) => head + ((Number(digit) + 1) % 10));
  // A body without one of those amounts (another dialect's sample): its last digit changes.
  $('body').value = changed !== body ? changed : body.replace(/\d(?=\D*$)/, (digit) => String((Number(digit) + 1) % 10));
  run();
}

let samples = { webhooks: [] };

/** A push of an unsigned dialect: the one in examples/samples.json, else the registry's sample. */
function loadSample(dialect) {
  const type = sampleList().find((s) => s.dialect === dialect)?.type;
  const push = samples.webhooks.find((w) => w.dialect === dialect && !w.verify) ?? (type && { dialect, body: sample(dialect, type), verify: false });
  if (!push) return;
  $('body').value = push.body;
  $('headers').value = Object.entries(push.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n');
  $('publicKey').value = '';
  $('secret').value = '';
  $('dialect').value = push.verify ? push.dialect : '';
  $('keynote').hidden = true;
  run();
}

/** Known answers: Java-signed vectors must verify, a tampered one must fail, samples must decode. */
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
    check(`verify ${name}`, () => verify(c.body, { dialect: 'onerway', publicKey: key.publicKeyPem, canonical: c.form }).verified);
    check(`canonical ${name}`, () => canonicalize(c.body, { canonical: c.form }) === c.canonical);
  }
  const c = vectors.cases.find((v) => v.name === 'transaction/rsa2048/json/base64');
  check('tampered body is rejected', () => {
    try {
      verify(c.body.replace('"transactionAmount": 50.00', '"transactionAmount": 51.00'), { dialect: 'onerway', publicKey: vectors.keys.rsa2048.publicKeyPem });
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

/** One option per dialect the module knows, after "auto-detect": a verify names the dialect its key is for. */
function fillDialects() {
  const select = $('dialect');
  const auto = select.firstElementChild;
  select.replaceChildren(
    auto,
    ...dialects().map((d) => {
      const option = node('option', '', d.signed ? `${d.id} (${d.credential === 'publicKey' ? 'RSA-signed' : 'HMAC-signed'})` : `${d.id} (unsigned)`);
      option.value = d.id;
      return option;
    }),
  );
}

/** One option per signed dialect the module knows, onerway first selected. */
function fillSignDialects() {
  const select = $('signDialect');
  select.replaceChildren(
    ...dialects()
      .filter((d) => d.signed)
      .map((d) => {
        const option = node('option', '', `${d.id} (${d.credential === 'publicKey' ? 'RSA key pair' : 'HMAC secret'})`);
        option.value = d.id;
        return option;
      }),
  );
  select.value = 'onerway';
}

/**
 * The registry's HMAC dialects in the secret's hint, and a sample button per dialect whose pushes
 * can arrive unsigned (an unsigned dialect, or one with an unsigned push in examples/samples.json).
 */
function fillRegistryHints() {
  const hmac = dialects().filter((d) => d.credential === 'secret').map((d) => d.id);
  $('secretDialects').textContent = hmac.length ? `: ${hmac.join(', ')}` : '';
  $('samples').append(
    ...dialects()
      .filter((d) => !d.signed || samples.webhooks.some((w) => w.dialect === d.id && !w.verify))
      .map((d) => {
        const button = node('button', '', d.id);
        button.dataset.sample = d.id;
        button.addEventListener('click', () => loadSample(d.id));
        return button;
      }),
  );
}

try {
  await init();
  fillDialects();
  fillSignDialects();
  $('run').addEventListener('click', run);
  $('generate').addEventListener('click', () => generateAndSign().catch((err) => showStatus('rejected', String(err))));
  $('tamper').addEventListener('click', tamper);
  samples = await (await fetch('/examples/samples.json')).json();
  fillRegistryHints();
  await selfCheck();
} catch (err) {
  const el = $('selfcheck');
  el.className = 'selfcheck fail';
  el.textContent = `fail — ${err.message ?? err}`;
}
