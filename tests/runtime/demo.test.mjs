// `make demo`'s first half: the sample webhooks verify or decode and print typed events, and the
// tampered sample is rejected (the script exits non-zero if anything else fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('examples/demo.mjs verifies, decodes and rejects as expected', () => {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../../examples/demo.mjs', import.meta.url))], { encoding: 'utf8' });
  assert.equal((out.match(/✔ verified/g) ?? []).length, 3, out);
  assert.match(out, /✔ verified  onerway-v2 issuing.cardOperateEvent  id=req_demo_1/);
  assert.equal((out.match(/○ decoded/g) ?? []).length, 3, out);
  assert.match(out, /✘ rejected: SIGNATURE_MISMATCH/);
  assert.match(out, /"amount": "100.00"/);
  assert.match(out, /"amount": "-19.92"/);
});
