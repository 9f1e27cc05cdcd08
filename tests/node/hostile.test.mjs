// Hostile input through the built package: thousands of mutated bodies (bit flips, truncations,
// splices, insertions of the vectors and decode cases) thrown at every entry point. Every call
// must return or throw a WebhookError, never a WebAssembly.RuntimeError; afterwards the same
// instance must still verify a good vector. A deliberate trap must be survived the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as cardhook from '../../pkg/node.mjs';
import { credentialOptions } from './subset.mjs';

const rsa = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const hmac = JSON.parse(readFileSync(new URL('../vectors/hmac.json', import.meta.url), 'utf8'));
const decodeCases = JSON.parse(readFileSync(new URL('../data/decode-cases.json', import.meta.url), 'utf8')).cases;
const good = rsa.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = rsa.keys.rsa2048.publicKeyPem;

// A deterministic generator so a failure can be replayed.
let seed = 0x2545f491;
const rand = (n) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};

const corpus = [
  ...rsa.cases.map((c) => c.body),
  ...hmac.cases.map((c) => c.body),
  ...decodeCases.map((c) => c.body),
];
const enc = new TextEncoder();
const fragments = ['{', '}', '[', ']', '"', '\\', ':', ',', 'null', '1e999', '-0', '"\\ud800"', '\u0000', '\uFEFF', '"sign"', '"event_data":"{', '9'.repeat(400), '[[[[[[[[', '\\u0000'];

function mutate(bytes) {
  const b = Uint8Array.from(bytes);
  switch (rand(6)) {
    case 0: // bit flips
      for (let k = 1 + rand(4); k > 0 && b.length; k--) b[rand(b.length)] ^= 1 << rand(8);
      return b;
    case 1: // truncation
      return b.slice(0, rand(b.length + 1));
    case 2: { // splice of two corpus entries
      const other = enc.encode(corpus[rand(corpus.length)]);
      return Uint8Array.from([...b.slice(0, rand(b.length + 1)), ...other.slice(rand(other.length + 1))]);
    }
    case 3: { // insert a hostile fragment
      const at = rand(b.length + 1);
      return Uint8Array.from([...b.slice(0, at), ...enc.encode(fragments[rand(fragments.length)]), ...b.slice(at)]);
    }
    case 4: { // duplicate a slice (repeated keys, deeper nesting)
      const from = rand(b.length + 1);
      const to = Math.min(b.length, from + rand(64));
      return Uint8Array.from([...b.slice(0, to), ...b.slice(from, to), ...b.slice(to)]);
    }
    default: // random bytes
      return Uint8Array.from({ length: rand(64) }, () => rand(256));
  }
}

test('10,000+ mutated inputs: every call returns or throws WebhookError, never traps', async () => {
  // Every signed dialect on one route, so detection runs among all of them.
  const every = credentialOptions(cardhook.dialects, undefined, { publicKey, secret: 'whk_test_4f1c2b9e8d7a6c5b' });
  const rsaVerifier = new cardhook.Verifier(every);
  const wasmVerifier = new cardhook.Verifier({ ...every, engine: 'wasm' });
  const hmacVerifier = new cardhook.Verifier({ dialect: 'onerway-v2', secret: 'whk_test_4f1c2b9e8d7a6c5b' });
  const headers = [{}, { 'x-event-type': 'transactionEvent' }, { 'x-timestamp': '1767225600', 'x-signature': 'ab'.repeat(32) }, { 'X-UPA-SIGN': 'AAAA', 'X-UPA-TIMESTAMP': '1' }];
  const codes = new Map();
  let calls = 0;
  for (let i = 0; i < 2600; i++) {
    const body = mutate(enc.encode(corpus[rand(corpus.length)]));
    const h = headers[rand(headers.length)];
    const asText = rand(2) === 0 ? new TextDecoder().decode(body) : body;
    for (const call of [
      () => cardhook.decode(asText, { headers: h }),
      () => rsaVerifier.verify(asText, { headers: h }),
      () => wasmVerifier.verify(body, { headers: h }),
      () => hmacVerifier.verify(asText, { headers: h, now: 1767225600000 }),
      () => cardhook.canonicalize(body),
    ]) {
      try {
        call();
      } catch (err) {
        assert.ok(!(err instanceof WebAssembly.RuntimeError), `trap on input ${JSON.stringify(new TextDecoder().decode(body))}`);
        assert.ok(err instanceof cardhook.WebhookError, `non-WebhookError ${err} on ${JSON.stringify(new TextDecoder().decode(body))}`);
        assert.notEqual(err.code, 'INTERNAL', `internal error on ${JSON.stringify(new TextDecoder().decode(body))}`);
        codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
      }
      calls++;
    }
  }
  assert.ok(calls >= 10_000, `only ${calls} calls`);
  assert.ok(codes.size >= 8, `too few distinct codes: ${[...codes.keys()]}`);
  assert.equal(rsaVerifier.verify(good.body).verified, true, 'the instance still verifies after the storm');
  assert.equal(wasmVerifier.verify(good.body).verified, true);
});
