// The runtime matrix: the packed tarball installed into a fresh project, and each recipe in
// examples/ run where users run it, exactly as the README says — nothing configured beyond it.
// Every target must accept the Java-signed push with the provider's ack and refuse a tampered one
// with SIGNATURE_MISMATCH. Bundled targets run from a directory with no node_modules, so any file
// read at run time would fail.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { assertAcceptsAndRefuses, checkServer, installConsumer, installTarball, push, quietEnv, root, startServer, ONERWAY_ACK } from './consumer.mjs';

const esbuild = createRequire(join(root, 'package.json'))('esbuild');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let dir;

before(() => {
  dir = installConsumer('matrix');
});

/** Bundles `entry` with esbuild into `out` (a directory without node_modules). */
function bundle(entry, out, options) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  esbuild.buildSync({ entryPoints: [join(dir, entry)], bundle: true, logLevel: 'error', absWorkingDir: dir, ...options });
}

test('node:http recipe', () => checkServer(process.execPath, ['node-server.mjs'], dir));

test('Express recipe (express.raw + verifyRequest)', () => checkServer(process.execPath, ['express.mjs'], dir));

test('Fastify recipe (buffer content-type parser + verifyRequest)', () => checkServer(process.execPath, ['fastify.mjs'], dir));

test('Node server bundled into one file by esbuild (ESM and CommonJS), run with no node_modules', async () => {
  const out = join(dir, 'bundled');
  bundle('node-server.mjs', out, { platform: 'node', format: 'esm', outfile: join(out, 'server.mjs') });
  await checkServer(process.execPath, ['server.mjs'], out);
  bundle('node-server.mjs', out, { platform: 'node', format: 'cjs', outfile: join(out, 'server.cjs') });
  await checkServer(process.execPath, ['server.cjs'], out);
});

test('Node server bundled into one file by webpack, run with no node_modules', async () => {
  const webpack = createRequire(join(root, 'package.json'))('webpack');
  const out = join(dir, 'webpacked');
  rmSync(out, { recursive: true, force: true });
  const stats = await new Promise((ok, fail) =>
    webpack(
      {
        mode: 'production',
        target: 'node',
        context: dir,
        entry: join(dir, 'node-server.mjs'),
        output: { path: out, filename: 'server.cjs', library: { type: 'commonjs2' } },
        optimization: { minimize: false },
      },
      (err, result) => (err ? fail(err) : ok(result)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  await checkServer(process.execPath, ['server.cjs'], out);
});

test('Hono recipe (c.req.raw), through app.fetch', () => {
  const script = `
    import app from './hono.mjs';
    const { body, tampered, headers } = JSON.parse(await (await import('node:fs/promises')).readFile('vector.json', 'utf8'));
    const good = await app.fetch(new Request('http://localhost/webhooks', { method: 'POST', body, headers }));
    const bad = await app.fetch(new Request('http://localhost/webhooks', { method: 'POST', body: tampered, headers }));
    console.log(JSON.stringify([good.status, await good.text(), bad.status, await bad.json()]));
  `;
  writeFileSync(join(dir, 'hono-check.mjs'), script);
  const out = JSON.parse(execFileSync(process.execPath, ['hono-check.mjs'], { cwd: dir, env: quietEnv, encoding: 'utf8' }));
  assert.deepEqual(out, [200, ONERWAY_ACK, 400, { error: 'SIGNATURE_MISMATCH' }]);
});

test('AWS Lambda recipe: API Gateway v1 and v2 / Function URL events, Base64 bodies', async () => {
  const script = `
    import { handler } from './lambda.mjs';
    const { body, tampered, headers } = JSON.parse((await import('node:fs')).readFileSync('vector.json', 'utf8'));
    const v1 = await handler({ httpMethod: 'POST', headers: { 'X-Event-Type': 'transactionEvent' }, body, isBase64Encoded: false });
    const v2 = await handler({ version: '2.0', headers, body: Buffer.from(body).toString('base64'), isBase64Encoded: true });
    const bad = await handler({ version: '2.0', headers, body: Buffer.from(tampered).toString('base64'), isBase64Encoded: true });
    console.log(JSON.stringify([v1.statusCode, v1.body, v2.statusCode, v2.body, bad.statusCode, JSON.parse(bad.body)]));
  `;
  writeFileSync(join(dir, 'lambda-check.mjs'), script);
  const out = JSON.parse(execFileSync(process.execPath, ['lambda-check.mjs'], { cwd: dir, env: quietEnv, encoding: 'utf8' }));
  assert.deepEqual(out, [200, ONERWAY_ACK, 200, ONERWAY_ACK, 400, { error: 'SIGNATURE_MISMATCH' }]);
});

test('Bun: bun run (Bun.serve), and a bun build --target=bun bundle run with no node_modules', async () => {
  await checkServer(bin('bun'), ['run', 'bun.mjs'], dir);
  const out = join(dir, 'bun-dist');
  rmSync(out, { recursive: true, force: true });
  execFileSync(bin('bun'), ['build', '--target=bun', 'bun.mjs', '--outfile', join(out, 'server.js')], { cwd: dir, env: quietEnv, stdio: 'pipe' });
  await checkServer(bin('bun'), ['run', 'server.js'], out);
});

test('Deno.serve (what Supabase Edge Functions run), with --allow-net and --allow-env only', () =>
  checkServer(bin('deno'), ['run', '--allow-net=127.0.0.1', '--allow-env', 'deno.mjs'], dir));

test('module web worker bundled by esbuild with --conditions=worker and no .wasm loader (run in Deno as a Worker)', () => {
  const out = join(dir, 'worker-dist');
  bundle('module-worker.mjs', out, { platform: 'browser', format: 'esm', conditions: ['worker'], outfile: join(out, 'worker.js') });
  writeFileSync(
    join(out, 'main.mjs'),
    `
    const { body, tampered, headers, publicKey } = ${JSON.stringify(push)};
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    const ask = (message) => new Promise((ok) => { worker.onmessage = (e) => ok(e.data); worker.postMessage(message); });
    const good = await ask({ body, headers, publicKey });
    const bad = await ask({ body: tampered, headers, publicKey });
    console.log(JSON.stringify([good, bad]));
    worker.terminate();
  `,
  );
  // Deno asks read permission for a worker's own script; the bundle itself reads nothing more.
  const result = JSON.parse(execFileSync(bin('deno'), ['run', `--allow-read=${join(out, 'worker.js')}`, 'main.mjs'], { cwd: out, env: quietEnv, encoding: 'utf8' }));
  assert.deepEqual(result, [{ event: { dialect: 'onerway', type: 'transactionEvent', id: push.id, verified: true } }, { error: 'SIGNATURE_MISMATCH' }]);
});

test('Next.js App Router route handlers, Node and Edge runtimes, built with Turbopack and with webpack', async () => {
  const app = join(dir, 'next-app');
  rmSync(app, { recursive: true, force: true });
  cpSync(join(root, 'examples', 'next'), app, { recursive: true });
  installTarball(app, { lockfile: false });
  for (const bundler of ['--turbopack', '--webpack']) {
    rmSync(join(app, '.next'), { recursive: true, force: true });
    execFileSync(bin('next'), ['build', bundler], { cwd: app, env: quietEnv, stdio: 'pipe' });
    // `next start` prints its URL; the recipe's POST handlers are at /webhooks/node and /webhooks/edge.
    const port = String(4100 + (bundler === '--webpack' ? 1 : 0));
    const { url, stop } = await startServer(bin('next'), ['start', '-H', '127.0.0.1', '-p', port], app, { pattern: /Local:\s+(http\S+)/ });
    try {
      for (const runtime of ['node', 'edge']) await assertAcceptsAndRefuses(new URL(`/webhooks/${runtime}`, url).href);
    } finally {
      stop();
    }
  }
});

test('Cloudflare Worker built by Wrangler (wrangler deploy --dry-run), run in workerd', async () => {
  const out = join(dir, 'wrangler-dist');
  rmSync(out, { recursive: true, force: true });
  cpSync(join(root, 'examples', 'wrangler.toml'), join(dir, 'wrangler.toml'));
  execFileSync(bin('wrangler'), ['deploy', '--dry-run', '--outdir', out], { cwd: dir, env: quietEnv, stdio: 'pipe' });
  const wasm = readdirSync(out).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `Wrangler kept the module as a .wasm beside the script: ${readdirSync(out)}`);
  const { startWorker } = await import('../../scripts/worker-bundle.mjs');
  const mf = startWorker(join(out, 'worker.js'), {
    bindings: { ONERWAY_PUBLIC_KEY: push.publicKey },
  });
  try {
    const good = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: push.body, headers: push.headers });
    assert.equal(await good.text(), ONERWAY_ACK);
    const bad = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: push.tampered, headers: push.headers });
    assert.deepEqual([bad.status, await bad.json()], [400, { error: 'SIGNATURE_MISMATCH' }]);
  } finally {
    await mf.dispose();
  }
});

test('browser builds (Vite and webpack) of a page using the browser entry, and the module worker recipe, in Chromium', async () => {
  const { chromium } = createRequire(join(root, 'package.json'))('playwright-core');
  const { createServer } = await import('node:http');
  const app = join(dir, 'browser-app');
  rmSync(app, { recursive: true, force: true });
  cpSync(join(root, 'examples', 'browser'), app, { recursive: true });
  installTarball(app);
  // Vite: `vite build`; webpack: its defaults for a web target (the .wasm is an asset via new URL).
  execFileSync(bin('vite'), ['build', '--base', './', '--outDir', 'dist-vite', '--logLevel', 'error'], { cwd: app, env: quietEnv, stdio: 'pipe' });
  const webpack = createRequire(join(root, 'package.json'))('webpack');
  const stats = await new Promise((ok, fail) =>
    webpack(
      { mode: 'production', target: 'web', context: app, entry: './main.js', output: { path: join(app, 'dist-webpack'), filename: 'main.js' }, experiments: { topLevelAwait: true } },
      (err, result) => (err ? fail(err) : ok(result)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(app, 'dist-webpack', 'index.html'), '<!doctype html><meta charset="utf-8"><script src="./main.js"></script>');
  // The module worker recipe, bundled with --conditions=worker (no .wasm loader), in a real browser worker.
  const workerDir = join(app, 'dist-worker');
  mkdirSync(workerDir, { recursive: true });
  esbuild.buildSync({ entryPoints: [join(dir, 'module-worker.mjs')], bundle: true, logLevel: 'error', absWorkingDir: dir, platform: 'browser', format: 'esm', conditions: ['worker'], outfile: join(workerDir, 'worker.js') });
  writeFileSync(
    join(workerDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><script type="module">
      const worker = new Worker('./worker.js', { type: 'module' });
      globalThis.askWorker = (message) => new Promise((ok) => { worker.onmessage = (e) => ok(e.data); worker.postMessage(message); });
      document.body.dataset.ready = 'true';
    </script>`,
  );
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    try {
      const path = join(app, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      const content = readFileSync(file);
      res.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(content);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const build of ['dist-vite', 'dist-webpack']) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${server.address().port}/${build}/`);
      await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 20_000 }).catch(() => assert.fail(`${build}: ${errors.join('; ')}`));
      const results = await page.evaluate(async (p) => [await globalThis.cardhookCheck(p.body, p.publicKey, p.headers), await globalThis.cardhookCheck(p.tampered, p.publicKey, p.headers)], push);
      assert.deepEqual(results, [[`verified ${push.id}`, `verified ${push.id}`], ['SIGNATURE_MISMATCH', 'SIGNATURE_MISMATCH']], build);
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/dist-worker/`);
    await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 20_000 });
    const fromWorker = await page.evaluate(async (p) => [await globalThis.askWorker(p), await globalThis.askWorker({ ...p, body: p.tampered })], push);
    assert.deepEqual(fromWorker, [{ event: { dialect: 'onerway', type: 'transactionEvent', id: push.id, verified: true } }, { error: 'SIGNATURE_MISMATCH' }]);
    await page.close();
  } finally {
    await browser.close();
    server.close();
  }
});

test('request helpers in the packed package: a framework that parsed the body gets BODY_CONSUMED', () => {
  const script = `
    import { verifyRequest } from 'cardhook';
    const { publicKey } = JSON.parse((await import('node:fs')).readFileSync('vector.json', 'utf8'));
    let code;
    try { await verifyRequest({ headers: {}, body: { parsed: true } }, { dialect: 'onerway', publicKey }); } catch (e) { code = e.code + ' ' + /express\\.raw/.test(e.message); }
    console.log(code);
  `;
  writeFileSync(join(dir, 'consumed-check.mjs'), script);
  assert.equal(execFileSync(process.execPath, ['consumed-check.mjs'], { cwd: dir, env: quietEnv, encoding: 'utf8' }).trim(), 'BODY_CONSUMED true');
  assert.match(readFileSync(join(dir, 'node_modules', 'cardhook', 'package.json'), 'utf8'), /"deno"/);
});

test('TypeScript: the installed types check under node16, nodenext and bundler, with and without the DOM lib', () => {
  const out = join(dir, 'types');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const usage = `
    import { verify, verifyRequest, decodeRequest, Verifier, ack, init, WebhookError, type Event, type RequestLike } from 'cardhook';
    declare const body: Uint8Array;
    declare const request: RequestLike;
    await init();
    const v = new Verifier({ dialect: 'onerway', publicKey: 'k', allowWeakKeys: false });
    const e: Event = v.verify(body, { headers: [['x-event-type', 'transactionEvent']], now: Date.now() });
    if (e.dialect === 'onerway' && e.type === 'transactionEvent') {
      const amount: string | undefined = e.data.transactionAmount?.amount;
      void amount;
    }
    const fromRequest: Promise<Event> = verifyRequest(request, { dialect: 'onerway-v2', secret: ['s1', 's2'] });
    void fromRequest, decodeRequest(request, { dialect: 'upay' });
    const a = ack('onerway');
    const status: 200 = a.status;
    const contentType: 'application/json' = a.headers['content-type'];
    void status, contentType, verify;
    // @ts-expect-error unknown dialect
    ack('stripe');
    try { v.verify(body); } catch (err) { if (err instanceof WebhookError) { const code: string = err.code; void code; } }
    export {};
  `;
  writeFileSync(join(out, 'usage.mts'), usage);
  writeFileSync(join(out, 'usage.cts'), `import cardhook = require('cardhook');\nconst e: cardhook.Event = cardhook.decode('{}');\nvoid e;\n`);
  const variants = [];
  for (const [module, moduleResolution] of [['node16', 'node16'], ['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
    for (const lib of [['es2022'], ['es2022', 'dom']]) {
      const name = `tsconfig.${moduleResolution}.${lib.join('-')}.json`;
      const files = moduleResolution === 'bundler' ? ['usage.mts'] : ['usage.mts', 'usage.cts'];
      writeFileSync(join(out, name), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', module, moduleResolution, lib, types: [], skipLibCheck: false }, files }));
      variants.push(name);
    }
  }
  for (const name of variants) {
    try {
      execFileSync(bin('tsc'), ['-p', name], { cwd: out, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      assert.fail(`${name}:\n${err.stdout}${err.stderr}`);
    }
  }
});

test('TypeScript: ack() plugs into Hono\'s c.body with its literal status', () => {
  const out = join(dir, 'types');
  writeFileSync(join(out, 'hono.mts'), `
    import { Hono } from 'hono';
    import { Verifier, ack } from 'cardhook';
    const verifier = new Verifier({ dialect: 'onerway-v2', secret: 's' });
    new Hono().post('/', async (c) => {
      const event = await verifier.verifyRequest(c.req.raw);
      const reply = ack(event.dialect);
      return c.body(reply.body, reply.status, reply.headers);
    });
  `);
  writeFileSync(join(out, 'tsconfig.hono.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [], skipLibCheck: false }, files: ['hono.mts'] }));
  try {
    execFileSync(bin('tsc'), ['-p', 'tsconfig.hono.json'], { cwd: out, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    assert.fail(`${err.stdout}${err.stderr}`);
  }
});
