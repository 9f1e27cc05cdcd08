// Part of `make bench`: what the default module's code is made of, by crate. Reads the module
// cargo built (before wasm-bindgen and wasm-opt, so its name section still names every
// function) and sums function body sizes by the crate each function's mangled name starts in.
// The shipped module is smaller (wasm-opt), but in about these proportions.
//
//   node bench/sizes.mjs [module.wasm]
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? new URL('../target/default/wasm32-unknown-unknown/release/cardhook.wasm', import.meta.url);
const buf = readFileSync(file);

let at = 8;
const leb = () => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
};
const skipLimits = () => { const flags = buf[at++]; leb(); if (flags & 1) leb(); };

let importedFunctions = 0;
const bodySizes = [];
const names = new Map();
let dataBytes = 0;
while (at < buf.length) {
  const id = buf[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) { // imports: function indices start after the imported functions
    for (let n = leb(); n > 0; n--) {
      at += leb(); at += leb();
      const kind = buf[at++];
      if (kind === 0) { leb(); importedFunctions++; } else if (kind === 1) { at++; skipLimits(); } else if (kind === 2) skipLimits(); else if (kind === 3) at += 2;
    }
  } else if (id === 10) { // code
    for (let n = leb(); n > 0; n--) { const s = leb(); bodySizes.push(s); at += s; }
  } else if (id === 11) {
    dataBytes = size;
  } else if (id === 0) { // custom: the name section's function names
    const length = leb();
    const name = buf.subarray(at, at + length).toString();
    at += length;
    if (name === 'name') {
      while (at < end) {
        const sub = buf[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) for (let n = leb(); n > 0; n--) { const index = leb(); const l = leb(); names.set(index, buf.subarray(at, at + l).toString()); at += l; }
        at = subEnd;
      }
    }
  }
  at = end;
}

/** The crate a mangled Rust name belongs to: the first path segment, or for `<T as Trait>` and
 * `<Type>` impls the first crate path inside the angle brackets. */
function crateOf(name) {
  const legacy = /^_ZN(\d+)(.*)$/.exec(name);
  if (legacy) {
    const first = legacy[2].slice(0, Number(legacy[1]));
    if (!first.startsWith('_$LT$')) return first;
    const inner = /([a-z][a-z0-9_]*)\.\./.exec(first);
    return inner ? inner[1] : 'core';
  }
  // v0 mangling: the crate root is `C`, an optional `s<hash>_` disambiguator, then `<len><name>`.
  // An identifier that starts with `_` or a digit has a `_` between its length and itself.
  const v0 = /^_R[A-Za-z0-9_]*?C(?:s[0-9a-zA-Z]*_)?(\d+)_?([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (v0) {
    const crate = v0[2].slice(0, Number(v0[1]));
    // The standard library's allocator shims live in a crate of their own, `__rustc`.
    return crate === '__rustc' ? 'alloc' : crate;
  }
  if (/^(memcmp|memcpy|memmove|memset|__multi3|__udivti3|__.*ti3)$/.test(name)) return 'compiler_builtins';
  if (/^__wbindgen|^__wbg|^__externref/.test(name)) return 'wasm_bindgen';
  // The exported functions of `src/wasm.rs`, under their export names, with what LLVM inlined.
  if (/^[a-z][a-z0-9_]*_[0-9a-f]{16}$/.test(name)) return 'cardhook (exports, with what they inline)';
  if (name.startsWith('__rust') || name.startsWith('__rdl') || name.startsWith('__rg')) return 'alloc';
  return 'other';
}

const byCrate = new Map();
const byModule = new Map();
let total = 0;
let descriptors = 0;
bodySizes.forEach((size, i) => {
  const name = names.get(i + importedFunctions) ?? '';
  // Type descriptors the wasm-bindgen CLI runs at build time and removes from what ships.
  if (name.startsWith('__wbindgen_describe')) {
    descriptors += size;
    return;
  }
  const crate = crateOf(name);
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
  if (crate === 'cardhook') {
    // `_ZN8cardhook<len><module>…`; impls (`_ZN8cardhook<len>_$LT$impl…`) name their type's module.
    const rest = name.slice('_ZN8cardhook'.length);
    const segment = /^(\d+)/.exec(rest);
    let module = segment ? rest.slice(segment[1].length, segment[1].length + Number(segment[1])) : 'other';
    if (module.startsWith('_')) module = /cardhook\.\.([a-z_]+)/.exec(name)?.[1] ?? 'impls';
    if (module === 'dialects') {
      const sub = /^\d+dialects(\d+)([a-z_0-9]+)/.exec(rest);
      if (sub) module = sub[2].startsWith('_') ? 'dialects (trait impls: serialisation)' : `dialects::${sub[2].slice(0, Number(sub[1]))}`;
    }
    byModule.set(module, (byModule.get(module) ?? 0) + size);
  }
  total += size;
});
const kb = (b) => (b / 1024).toFixed(1);
console.log(`\nDefault module by crate: function bodies before wasm-opt, ${kb(total)} KB (and ${kb(dataBytes)} KB of data; wasm-bindgen's ${kb(descriptors)} KB of build-time type descriptors left out)\n`);
console.log('| crate | KB | share |');
console.log('|---|---|---|');
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1])) {
  if (size < 1024) continue;
  console.log(`| ${crate} | ${kb(size)} | ${((100 * size) / total).toFixed(0)}% |`);
}
console.log(`\ncardhook's own functions by module\n`);
console.log('| module | KB |');
console.log('|---|---|');
for (const [module, size] of [...byModule].sort((a, b) => b[1] - a[1])) {
  if (size >= 2048) console.log(`| ${module} | ${kb(size)} |`);
}
