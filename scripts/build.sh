#!/usr/bin/env bash
# Builds pkg/: the wasm module, its wasm-bindgen glue, the declarations and constants generated
# from the Rust definitions, and the npm package from pkg-template/.
#
#   scripts/build.sh            the package (pkg/)
#   scripts/build.sh --test     also target/pkg-test/: the same package around a module built with
#                               the `test-hooks` feature, for the trap-recovery tests only
set -euo pipefail
cd "$(dirname "$0")/.."

# The glue gets wasm-bindgen's own reset function: after a trap, api.js re-instantiates with it.
bindgen() { # <input.wasm> <out dir>
  mkdir -p "$2"
  wasm-bindgen --target web --weak-refs --experimental-reset-state-function \
    --out-dir "$2" --out-name cardhook_glue "$1"
  # Size pass (binaryen from npm): -Oz measured as small as possible at no cost in speed here.
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-multivalue \
    "$2/cardhook_glue_bg.wasm" -o "$2/cardhook_glue_bg.opt.wasm"
}

scripts/cargo-wasm.sh build --release --lib --quiet
bindgen target/wasm32-unknown-unknown/release/cardhook.wasm target/bindgen
# TypeScript declarations and JS constants from the Rust definitions (a native build).
cargo run --quiet --release --features typescript --bin cardhook-typescript -- target/generated
node scripts/assemble-pkg.mjs pkg target/bindgen

if [[ "${1:-}" == "--test" ]]; then
  # A separate target directory, so the two feature sets do not rebuild each other.
  CARGO_TARGET_DIR=target/test-hooks scripts/cargo-wasm.sh build --release --lib --quiet --features test-hooks
  bindgen target/test-hooks/wasm32-unknown-unknown/release/cardhook.wasm target/bindgen-test
  node scripts/assemble-pkg.mjs target/pkg-test target/bindgen-test
fi
