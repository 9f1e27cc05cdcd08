// Bundles a Worker the way Wrangler does (esbuild, conditions workerd/worker/browser, `.wasm`
// imports kept as separate modules) so tests and `make example-worker` run what users deploy.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const esbuild = createRequire(join(root, 'package.json'))('esbuild');

/** Bundles `entry` into `outDir`; returns the bundle path and the wasm module names beside it. */
export async function bundleWorker(entry, outDir) {
  mkdirSync(outDir, { recursive: true });
  const wasm = [];
  await esbuild.build({
    entryPoints: [entry],
    outfile: join(outDir, 'worker.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'error',
    plugins: [{
      name: 'wasm-modules',
      setup(build) {
        build.onResolve({ filter: /\.wasm$/ }, (args) => {
          const file = join(args.resolveDir, args.path);
          copyFileSync(file, join(outDir, basename(file)));
          wasm.push(basename(file));
          return { path: `./${basename(file)}`, external: true };
        });
      },
    }],
  });
  return { script: join(outDir, 'worker.mjs'), wasm };
}

/**
 * Runs a bundled Worker (`script`, with its `.wasm` modules beside it) in workerd through
 * Miniflare, as Wrangler would: `.wasm` imports as compiled modules, no request for Cloudflare's
 * cf.json (only loopback is reached). `options` adds Miniflare options (`bindings`, `port`, `host`).
 */
export function startWorker(script, options = {}) {
  const { Miniflare } = createRequire(join(root, 'package.json'))('miniflare');
  return new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
    cf: false,
    ...options,
  });
}
