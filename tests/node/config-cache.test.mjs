// The per-call config objects cached in api.js live in WebAssembly memory, which never shrinks:
// the cache must free what it evicts (a garbage-collected wrapper's finalizer would free it only
// after some GC, long after a busy loop has grown the memory), and must never free an object of
// an instance that a trap has replaced into the fresh one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as glue from '../../pkg/cardhook_glue.js';
import * as trapGlue from '../../target/pkg-test/cardhook_glue.js';
import { createApi } from '../../pkg/api.js';

const wasmBytes = (dir) => readFileSync(new URL(`../../${dir}/cardhook_glue_bg.wasm`, import.meta.url));
const body = '{"id":"evt_1","type":"card.charged","amount":"10.00"}';
/** A valid declared scheme, distinct for each `n` (its signature header differs): each makes a new config. */
const schemeNo = (n) => ({ algorithm: 'hmac-sha256', signature: { header: `x-sign-${n}` }, signed: 'body', id: 'id', type: 'type' });

test('decoding with many distinct schemes keeps wasm memory bounded (evicted configs are freed)', () => {
  let exports;
  const api = createApi(glue, () => {
    exports = glue.initSync({ module: wasmBytes('pkg') });
  });
  for (let n = 0; n < 100; n++) api.decode(body, { scheme: schemeNo(n) }); // warm: the cache full, memory at its working size
  const before = exports.memory.buffer.byteLength;
  for (let n = 0; n < 20_000; n++) {
    api.decode(body, { scheme: schemeNo(n) });
    api.canonicalize(body, { scheme: schemeNo(n) });
  }
  const grown = exports.memory.buffer.byteLength - before;
  assert.ok(grown <= 1 << 20, `wasm memory grew ${grown} bytes over 40,000 calls`);
});

test('configs made before a trap are dropped, not freed into the fresh instance', () => {
  let exports;
  const api = createApi(trapGlue, () => {
    exports = trapGlue.initSync({ module: wasmBytes('target/pkg-test') });
  });
  for (let round = 0; round < 3; round++) {
    // A cache part full of this instance's configs, then a trap replaces the instance.
    for (let n = 0; n < 20; n++) api.decode(body, { scheme: schemeNo(n) });
    assert.throws(() => api.decode('{"cardhook":"trap"}'), (e) => e.code === 'INTERNAL');
    // Enough new configs to evict several times over: only the fresh instance's are freed, so
    // its allocator stays sound and every call still answers correctly.
    for (let n = 0; n < 200; n++) {
      const event = api.decode(body, { scheme: schemeNo(1000 + n) });
      assert.deepEqual([event.dialect, event.id, event.type], ['custom', 'evt_1', 'card.charged']);
      assert.equal(api.canonicalize(body, { scheme: schemeNo(2000 + n) }), body);
    }
  }
  assert.ok(exports.memory.buffer.byteLength > 0);
});
