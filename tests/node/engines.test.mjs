// Differential test of the three signature paths: OpenSSL through node:crypto (the default in
// Node), pure WebAssembly (`engine: 'wasm'`), and WebCrypto (`verifyAsync`). Over every Java
// vector and thousands of mutations of them, each path must accept and reject exactly the same
// inputs, with the same event or the same error code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { Verifier } from '../../pkg/node.mjs';

const files = [new URL('../vectors/onerway-rsa.json', import.meta.url).pathname];
if (process.env.CARDHOOK_ORACLE_VECTORS && existsSync(process.env.CARDHOOK_ORACLE_VECTORS)) files.push(process.env.CARDHOOK_ORACLE_VECTORS);

function outcome(fn) {
  try {
    const e = fn();
    return JSON.stringify(e);
  } catch (err) {
    if (err?.name !== 'WebhookError') throw err;
    return `error ${err.code}`;
  }
}
async function outcomeAsync(fn) {
  try {
    return JSON.stringify(await fn());
  } catch (err) {
    if (err?.name !== 'WebhookError') throw err;
    return `error ${err.code}`;
  }
}

function mutations(body, every) {
  const out = [body];
  for (let i = 0; i < body.length; i += every) {
    const ch = body[i];
    const replacement = /[0-9]/.test(ch) ? String((Number(ch) + 3) % 10) : ch === 'A' ? 'B' : 'A';
    out.push(body.slice(0, i) + replacement + body.slice(i + 1));
  }
  out.push(body.slice(0, body.length >> 1));
  return out;
}

test('host (OpenSSL), wasm and WebCrypto paths agree on every vector and mutation', async () => {
  let compared = 0;
  let accepted = 0;
  for (const file of files) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const keyNames = Object.keys(doc.keys);
    for (const c of doc.cases) {
      // The signing key, plus a wrong key of another size: rotation lists exercise key order too.
      const other = doc.keys[keyNames.find((k) => k !== c.key)].publicKeyPem;
      for (const publicKey of [doc.keys[c.key].publicKeyPem, [other, doc.keys[c.key].publicKeyBase64]]) {
        const headers = c.payload.startsWith('gen-') ? { 'x-event-type': 'generated' } : {};
        const opts = { publicKey, canonical: c.form, dialect: 'onerway' };
        const host = new Verifier(opts);
        const wasm = new Verifier({ ...opts, engine: 'wasm' });
        for (const body of mutations(c.body, c.payload.startsWith('gen-') ? 997 : c.key === 'rsa2048' ? 7 : 61)) {
          const a = outcome(() => host.verify(body, { headers }));
          const b = outcome(() => wasm.verify(body, { headers }));
          const d = await outcomeAsync(() => host.verifyAsync(body, { headers }));
          assert.equal(b, a, `${c.name}: wasm vs host`);
          assert.equal(d, a, `${c.name}: WebCrypto vs host`);
          if (!a.startsWith('error')) accepted++;
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 2000, `compared only ${compared}`);
  assert.ok(accepted >= 48, `only ${accepted} accepted`);
});
