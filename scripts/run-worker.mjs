// `make example-worker`: bundles examples/worker.mjs like Wrangler and serves it from Cloudflare's
// runtime (workerd, through Miniflare) on localhost. The key comes from ONERWAY_PUBLIC_KEY; when
// unset, the demo's test key is used so that examples/samples.json bodies verify.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker, startWorker } from './worker-bundle.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const samples = JSON.parse(readFileSync(join(root, 'examples', 'samples.json'), 'utf8'));
const { script } = await bundleWorker(join(root, 'examples', 'worker.mjs'), join(root, 'target', 'worker-example'));
const port = Number(process.env.PORT ?? 8787);
const mf = startWorker(script, {
  bindings: { ONERWAY_PUBLIC_KEY: process.env.ONERWAY_PUBLIC_KEY ?? samples.onerwayTestPublicKey },
  port,
});
const url = await mf.ready;
console.log(`cardhook example Worker (workerd) listening on ${url}`);
console.log(`try: curl -s -X POST ${url} -H 'X-Event-Type: transactionEvent' --data-binary @<(node -p "require('./examples/samples.json').webhooks[1].body")`);
