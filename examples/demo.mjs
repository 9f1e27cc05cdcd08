// `make demo`: verifies and decodes the bundled sample webhooks with the built package and
// prints each typed event (or the error that rejected it).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decode, verify, WebhookError } from '../pkg/node.mjs';

const samples = JSON.parse(readFileSync(new URL('./samples.json', import.meta.url), 'utf8'));

// A current onerway-v2 push, HMAC-signed now (its timestamp must fall in the replay window) with
// node:crypto and a TEST secret.
const DEMO_SECRET = 'whk_demo_test_secret';
const v2 = JSON.stringify({
  request_id: 'req_demo_1',
  event_type: 'issuing.cardOperateEvent',
  created_at: new Date().toISOString(),
  version: 'v1',
  data: { operateRecordId: 300001, cardId: 100001, type: 'FREEZE', status: 'S' },
});
const ts = String(Math.floor(Date.now() / 1000));
samples.webhooks.splice(2, 0, {
  name: 'onerway-v2 card freeze (HMAC-signed now)',
  dialect: 'onerway-v2',
  headers: { 'x-timestamp': ts, 'x-signature': createHmac('sha256', DEMO_SECRET).update(`${ts}.${v2}`).digest('hex') },
  body: v2,
  verify: true,
});
const bold = (s) => `\x1b[1m${s}\x1b[0m`;
// Each dialect's credential: the test key for RSA-signed onerway, the test secret for onerway-v2.
const credentialFor = (dialect) => (dialect === 'onerway' ? { publicKey: samples.onerwayTestPublicKey } : { secret: DEMO_SECRET });
let failures = 0;

for (const sample of samples.webhooks) {
  console.log(`\n${bold(sample.name)}`);
  try {
    const event = sample.verify
      ? verify(sample.body, { dialect: sample.dialect, ...credentialFor(sample.dialect), headers: sample.headers })
      : decode(sample.body, { headers: sample.headers });
    console.log(`  ${event.verified ? '✔ verified' : '○ decoded (unsigned dialect)'}  ${event.dialect} ${event.type}  id=${event.id}`);
    console.log(JSON.stringify(event.data, null, 2).replace(/^/gm, '    '));
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    console.log(`  ✘ rejected: ${err.code}: ${err.message}`);
    if (!sample.name.includes('tampered')) failures++;
  }
}
if (failures) {
  console.error(`\n${failures} sample(s) failed unexpectedly`);
  process.exit(1);
}
