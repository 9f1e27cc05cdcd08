// Assembles the npm package in pkg/ from pkg-template/ and the wasm-bindgen output in
// target/bindgen/: copies the entry points, bundles the CommonJS entry with esbuild, writes
// package.json with the version from Cargo.toml, and checks the `files` list is exactly what exists.

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(root, 'pkg-template');
const out = join(root, 'pkg');
const bindgen = join(root, 'target', 'bindgen');
const esbuild = createRequire(join(root, 'tests', 'package.json'))('esbuild');

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) throw new Error('no version in Cargo.toml');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

for (const file of ['api.js', 'public.js', 'node.mjs', 'workerd.mjs', 'browser.mjs', 'index.d.ts', 'browser.d.ts']) {
  cpSync(join(template, file), join(out, file));
}
cpSync(join(template, 'index.d.ts'), join(out, 'index.d.cts'));
// The glue gains one export: dropping a trapped instance so the next call instantiates a fresh
// one from the same compiled module (a trap leaves the instance's memory in an unknown state).
const glue = readFileSync(join(bindgen, 'cardhook_glue.js'), 'utf8');
if (!glue.includes('let wasmModule, wasmInstance, wasm;')) throw new Error('unexpected wasm-bindgen glue: update the reset hook');
writeFileSync(
  join(out, 'cardhook_glue.js'),
  `${glue}\n/** Forgets the current instance (after a trap); the next initSync re-instantiates. */\nexport function __resetInstance() {\n    wasm = undefined;\n    wasmInstance = undefined;\n}\n\n/** The compiled module of the current instance (to re-instantiate synchronously). */\nexport function __compiledModule() {\n    return wasmModule;\n}\n`,
);
const optimized = join(bindgen, 'cardhook_glue_bg.opt.wasm');
cpSync(existsSync(optimized) ? optimized : join(bindgen, 'cardhook_glue_bg.wasm'), join(out, 'cardhook_glue_bg.wasm'));
cpSync(join(root, 'README.md'), join(out, 'README.md'));
cpSync(join(root, 'LICENSE'), join(out, 'LICENSE'));

// CommonJS for `require` on Node versions that cannot require ES modules (18, early 20 and 22).
cpSync(join(template, 'node-cjs.mjs'), join(out, 'node-cjs.mjs'));
esbuild.buildSync({
  entryPoints: [join(out, 'node-cjs.mjs')],
  outfile: join(out, 'index.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  logLevel: 'error',
  // The glue's async loader mentions import.meta.url; the CJS entry never calls that path.
  logOverride: { 'empty-import-meta': 'silent' },
});
rmSync(join(out, 'node-cjs.mjs'));

const pkg = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8').replace('{{VERSION}}', version));
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

for (const file of pkg.files) {
  if (!existsSync(join(out, file))) throw new Error(`package.json lists ${file}, which was not built`);
}
console.error(`assemble-pkg: pkg/ is cardhook@${version}`);
