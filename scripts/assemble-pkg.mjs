// Assembles an npm package (`node scripts/assemble-pkg.mjs OUT BINDGEN TESTING`, e.g. `pkg
// target/bindgen target/bindgen-testing`) from pkg-template/, the wasm-bindgen output of the default
// module in BINDGEN and of the testing module in TESTING, and the files generated from the Rust
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
const [outArg = 'pkg', bindgenArg = 'target/bindgen', testingArg = 'target/bindgen-testing'] = process.argv.slice(2);
const out = join(root, outArg);
const generated = join(root, 'target', 'generated');
const esbuild = createRequire(join(root, 'package.json'))('esbuild');

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) throw new Error('no version in Cargo.toml');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const entries = ['node.mjs', 'portable.mjs', 'workerd.mjs', 'edge.mjs', 'browser.mjs', 'testing-node.mjs', 'testing-workerd.mjs', 'testing-browser.mjs'];
for (const file of ['api.js', 'public.js', 'ready.js', 'wasm-bytes.js', 'node-host.js', 'browser-loader.js', 'cli.mjs', 'testing.d.ts', ...entries]) {
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
/** Copies a wasm-bindgen output (`<name>.js`, `<name>_bg.wasm`, optimised where built) and, given
 * `inline`, writes its bytes as Base64 in that ES module, for the entries that cannot read the file (see
 * pkg-template/wasm-bytes.js). An ES module, not CommonJS: Node imports a CommonJS file by
 * scanning its whole source for exports first, which measured 6–8 ms of cold start here. */
function addModule(dir, name, inline = null) {
  cpSync(join(root, dir, `${name}.js`), join(out, `${name}.js`));
  const optimized = join(root, dir, `${name}_bg.opt.wasm`);
  cpSync(existsSync(optimized) ? optimized : join(root, dir, `${name}_bg.wasm`), join(out, `${name}_bg.wasm`));
  if (inline === null) return;
  writeFileSync(
    join(out, inline),
    `// The WebAssembly module (${name}_bg.wasm) as Base64, written by scripts/assemble-pkg.mjs.\n` +
      `export const base64 = '${readFileSync(join(out, `${name}_bg.wasm`)).toString('base64')}';\n`,
  );
}
addModule(bindgenArg, 'cardhook_glue', 'wasm-inline.mjs');
// The testing entries read or fetch their module's file: no inlined copy.
addModule(testingArg, 'cardhook_testing');
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
  // The inlined module is bundled in: `require('cardhook')` needs no other file.
});
rmSync(join(out, 'node-cjs.mjs'));

const pkg = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8').replace('{{VERSION}}', version));
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

for (const file of pkg.files) {
  if (!existsSync(join(out, file))) throw new Error(`package.json lists ${file}, which was not built`);
}
console.error(`assemble-pkg: ${outArg}/ is cardhook@${version}`);
