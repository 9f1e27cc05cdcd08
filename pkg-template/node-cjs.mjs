// Source of `index.cjs` (bundled to CommonJS at build time, for `require` on Node 18+): the Node
// entry. The inlined bytes stay in wasm-inline.cjs, required at run time, not copied in.
export * from './node.mjs';
