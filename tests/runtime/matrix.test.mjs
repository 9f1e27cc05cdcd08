// The runtime matrix: the packed tarball installed into a fresh project, and each recipe in
// examples/ run where users run it, exactly as the README says — nothing configured beyond it.
// Every target must accept the Java-signed push with the provider's ack and refuse a tampered one
// with SIGNATURE_MISMATCH. Bundled targets run from a directory with no node_modules, so any file
// read at run time would fail.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkServer, installConsumer, push, quietEnv, root, ONERWAY_ACK } from './consumer.mjs';

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

test('request helpers in the packed package: a framework that parsed the body gets BODY_CONSUMED', () => {
  const script = `
    import { verifyRequest } from 'cardhook';
    const { publicKey } = JSON.parse((await import('node:fs')).readFileSync('vector.json', 'utf8'));
    let code;
    try { await verifyRequest({ headers: {}, body: { parsed: true } }, { publicKey }); } catch (e) { code = e.code + ' ' + /express\\.raw/.test(e.message); }
    console.log(code);
  `;
  writeFileSync(join(dir, 'consumed-check.mjs'), script);
  assert.equal(execFileSync(process.execPath, ['consumed-check.mjs'], { cwd: dir, env: quietEnv, encoding: 'utf8' }).trim(), 'BODY_CONSUMED true');
  assert.match(readFileSync(join(dir, 'node_modules', 'cardhook', 'package.json'), 'utf8'), /"deno"/);
});
