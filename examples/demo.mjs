// `make demo`: verifies and decodes the bundled sample webhooks with the built package and
// prints each typed event (or the error that rejected it).
import { readFileSync } from 'node:fs';
import { decode, verify, WebhookError } from '../pkg/node.mjs';

const samples = JSON.parse(readFileSync(new URL('./samples.json', import.meta.url), 'utf8'));
const bold = (s) => `\x1b[1m${s}\x1b[0m`;
let failures = 0;

for (const sample of samples.webhooks) {
  console.log(`\n${bold(sample.name)}`);
  try {
    const event = sample.verify
      ? verify(sample.body, { publicKey: samples.onerwayTestPublicKey, headers: sample.headers })
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
