// Source of `index.cjs` (bundled to CommonJS at build time, for `require` on Node 18+): the Node
// entry, with the inlined module bundled in.
export * from './node.mjs';
