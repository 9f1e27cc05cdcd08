// Assembles an npm package (`node scripts/assemble-pkg.mjs OUT BINDGEN`, e.g. `pkg target/bindgen`)
// from pkg-template/, the wasm-bindgen output in BINDGEN and the files generated from the Rust
// definitions in target/generated/: copies the entry points, splices the generated declarations
// into index.d.ts, bundles the CommonJS entry with esbuild, writes package.json with the version
// from Cargo.toml, and checks the `files` list is exactly what exists. The glue is used as
// wasm-bindgen wrote it.

import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(root, 'pkg-template');
const [outArg = 'pkg', bindgenArg = 'target/bindgen'] = process.argv.slice(2);
const out = join(root, outArg);
const bindgen = join(root, bindgenArg);
const generated = join(root, 'target', 'generated');
const esbuild = createRequire(join(root, 'package.json'))('esbuild');

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) throw new Error('no version in Cargo.toml');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

for (const file of ['api.js', 'public.js', 'ready.js', 'wasm-bytes.js', 'node.mjs', 'cli.mjs', 'portable.mjs', 'workerd.mjs', 'edge.mjs', 'browser.mjs']) {
  cpSync(join(template, file), join(out, file));
}
cpSync(join(generated, 'generated.js'), join(out, 'generated.js'));
chmodSync(join(out, 'cli.mjs'), 0o755); // the package's `bin`
const marker = '// @generated-types';
const declarations = readFileSync(join(template, 'index.d.ts'), 'utf8');
if (declarations.split(marker).length !== 2) throw new Error(`pkg-template/index.d.ts must hold ${marker} once`);
const types = declarations.replace(marker, readFileSync(join(generated, 'generated.d.ts'), 'utf8').trimEnd());
writeFileSync(join(out, 'index.d.ts'), types);
writeFileSync(join(out, 'index.d.cts'), types);
cpSync(join(bindgen, 'cardhook_glue.js'), join(out, 'cardhook_glue.js'));
const optimized = join(bindgen, 'cardhook_glue_bg.opt.wasm');
cpSync(existsSync(optimized) ? optimized : join(bindgen, 'cardhook_glue_bg.wasm'), join(out, 'cardhook_glue_bg.wasm'));
// The same bytes as Base64 in a CommonJS module (importable from ESM and CJS alike, so one copy
// serves every entry that cannot read the file: see pkg-template/wasm-bytes.js).
writeFileSync(
  join(out, 'wasm-inline.cjs'),
  `// The WebAssembly module (cardhook_glue_bg.wasm) as Base64, written by scripts/assemble-pkg.mjs.\n` +
    `exports.base64 = '${readFileSync(join(out, 'cardhook_glue_bg.wasm')).toString('base64')}';\n`,
);
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
  // One copy of the inlined module, required at run time.
  external: ['./wasm-inline.cjs'],
});
rmSync(join(out, 'node-cjs.mjs'));

const pkg = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8').replace('{{VERSION}}', version));
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

for (const file of pkg.files) {
  if (!existsSync(join(out, file))) throw new Error(`package.json lists ${file}, which was not built`);
}
console.error(`assemble-pkg: ${outArg}/ is cardhook@${version}`);
