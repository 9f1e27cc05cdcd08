// `make example-worker`: bundles examples/worker.mjs like Wrangler and serves it from Cloudflare's
// runtime (workerd, through Miniflare) on localhost. The key comes from ONERWAY_PUBLIC_KEY; when
// unset, the demo's test key is used so that examples/samples.json bodies verify.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from './worker-bundle.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const { Miniflare } = createRequire(join(root, 'package.json'))('miniflare');
const samples = JSON.parse(readFileSync(join(root, 'examples', 'samples.json'), 'utf8'));
const { script } = await bundleWorker(join(root, 'examples', 'worker.mjs'), join(root, 'target', 'worker-example'));
const port = Number(process.env.PORT ?? 8787);
const mf = new Miniflare({
  modules: true,
  scriptPath: script,
  modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
  compatibilityDate: '2026-04-01',
  // No request for Cloudflare's cf.json: local runs reach nothing but loopback.
  cf: false,
  bindings: { ONERWAY_PUBLIC_KEY: process.env.ONERWAY_PUBLIC_KEY ?? samples.onerwayTestPublicKey },
  port,
});
const url = await mf.ready;
console.log(`cardhook example Worker (workerd) listening on ${url}`);
console.log(`try: curl -s -X POST ${url} -H 'X-Event-Type: transactionEvent' --data-binary @<(node -p "require('./examples/samples.json').webhooks[1].body")`);
