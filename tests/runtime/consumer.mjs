// Shared by the runtime tests: a fresh project with the packed tarball installed, as a user gets
// it, the recipes from examples/ copied in, the Java-signed vector, and a way to run a recipe's
// server and push to it. Frameworks and runtimes (express, fastify, hono, bun, deno) resolve from
// the repository's own node_modules, one level up; cardhook resolves only from the tarball.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const vectors = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'onerway-rsa.json'), 'utf8'));
const signed = vectors.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
export const push = {
  body: signed.body,
  tampered: signed.body.replace('"transactionAmount": 50.00', '"transactionAmount": 500.00'),
  headers: { 'content-type': 'application/json;charset=UTF-8', 'x-event-type': 'transactionEvent' },
  publicKey: vectors.keys.rsa2048.publicKeyPem,
  id: 'TXN20260101001:SUCCESS',
};
export const ONERWAY_ACK = '{"respCode":"20000","respMsg":"success"}';

/** Runtimes' own network calls (update checks, telemetry) turned off. */
export const quietEnv = {
  ...process.env,
  DENO_NO_UPDATE_CHECK: '1',
  DENO_NO_PROMPT: '1',
  DO_NOT_TRACK: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  WRANGLER_SEND_METRICS: 'false',
  ONERWAY_PUBLIC_KEY: push.publicKey,
};

/**
 * `npm pack` of pkg/ installed into the project at `dir` (a package.json is written if none).
 * `lockfile: false` leaves no package-lock.json (Next.js takes the nearest lockfile as its root).
 */
export function installTarball(dir, { type = 'module', lockfile = true } = {}) {
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${basename(dir)}`, private: true, type }));
  }
  const tarball = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
  const args = ['install', `./${tarball}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
  execFileSync('npm', lockfile ? args : [...args, '--no-package-lock'], { cwd: dir });
}

/** A fresh project in tests/.work/<name> with the packed tarball installed and the recipes. */
export function installConsumer(name) {
  const dir = join(root, 'tests', '.work', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  installTarball(dir);
  for (const file of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.mjs'))) cpSync(join(root, 'examples', file), join(dir, file));
  writeFileSync(join(dir, 'vector.json'), JSON.stringify(push));
  return dir;
}

/**
 * Starts `command` in `cwd` in its own process group; resolves to the URL it prints (matched by
 * `pattern`) and a `stop()` that ends the whole group (servers like `next start` fork children).
 */
export async function startServer(command, args, cwd, { env = quietEnv, pattern = /listening on (\S+)/ } = {}) {
  const child = spawn(command, args, { cwd, env: { PORT: '0', ...env }, detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  let output = '';
  try {
    const url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL from ${command} ${args.join(' ')}:\n${output}`)), 60_000);
      const onData = (d) => {
        output += d;
        const m = pattern.exec(output);
        if (m) {
          clearTimeout(timer);
          ok(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (d) => (output += d));
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`));
      });
    });
    return { url, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** Pushes the signed vector (→ 200 with the onerway ack) and the tampered one (→ 400 SIGNATURE_MISMATCH). */
export async function assertAcceptsAndRefuses(url) {
  const good = await fetch(url, { method: 'POST', body: push.body, headers: push.headers });
  assert.equal(await good.text(), ONERWAY_ACK);
  assert.equal(good.status, 200);
  const bad = await fetch(url, { method: 'POST', body: push.tampered, headers: push.headers });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: 'SIGNATURE_MISMATCH' });
}

/** Runs a server recipe, pushes to it, and stops it. */
export async function checkServer(command, args, cwd) {
  const { url, stop } = await startServer(command, args, cwd);
  try {
    await assertAcceptsAndRefuses(url);
  } finally {
    stop();
  }
}
