#!/usr/bin/env bash
# Builds pkg/: the wasm module, its wasm-bindgen glue, and the npm package from pkg-template/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/cargo-wasm.sh build --release --lib --quiet
mkdir -p target/bindgen
wasm-bindgen --target web --weak-refs --out-dir target/bindgen --out-name cardhook_glue \
  target/wasm32-unknown-unknown/release/cardhook.wasm
node scripts/assemble-pkg.mjs
