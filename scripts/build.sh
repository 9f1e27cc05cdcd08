#!/usr/bin/env bash
# Builds pkg/: the wasm module, its wasm-bindgen glue, and the npm package from pkg-template/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/cargo-wasm.sh build --release --lib --quiet
mkdir -p target/bindgen
wasm-bindgen --target web --weak-refs --out-dir target/bindgen --out-name cardhook_glue \
  target/wasm32-unknown-unknown/release/cardhook.wasm
# Size pass (binaryen from npm): -Oz measured as small as possible at no cost in speed here.
tests/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue \
  target/bindgen/cardhook_glue_bg.wasm -o target/bindgen/cardhook_glue_bg.opt.wasm
node scripts/assemble-pkg.mjs
