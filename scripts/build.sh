#!/usr/bin/env bash
# Builds pkg/: the two wasm modules and their wasm-bindgen glue — the default one (verify, decode,
# canonicalize: `--no-default-features`) and the testing one (`cardhook/testing`: also the test
# signers, the `signing` feature) — the declarations and constants generated from the Rust
# definitions, and the npm package from pkg-template/.
#
#   scripts/build.sh            the package (pkg/)
#   scripts/build.sh --test     also target/pkg-test/: the same package around a module built with
#                               the `test-hooks` feature, for the trap-recovery tests only
set -euo pipefail
cd "$(dirname "$0")/.."

# The glue gets wasm-bindgen's own reset function: after a trap, api.js re-instantiates with it.
bindgen() { # <input.wasm> <out dir> <out name>
  mkdir -p "$2"
  wasm-bindgen --target web --weak-refs --experimental-reset-state-function \
    --out-dir "$2" --out-name "$3" "$1"
  # Size pass (binaryen from npm): -Oz measured as small as possible at no cost in speed here.
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-multivalue --enable-simd \
    "$2/$3_bg.wasm" -o "$2/$3_bg.opt.wasm"
}

# Separate target directories, so the feature sets do not rebuild each other.
CARGO_TARGET_DIR=target/default scripts/cargo-wasm.sh build --release --lib --quiet --no-default-features
bindgen target/default/wasm32-unknown-unknown/release/cardhook.wasm target/bindgen cardhook_glue
scripts/cargo-wasm.sh build --release --lib --quiet
bindgen target/wasm32-unknown-unknown/release/cardhook.wasm target/bindgen-testing cardhook_testing
# TypeScript declarations and JS constants from the Rust definitions (a native build).
cargo run --quiet --release --features typescript --bin cardhook-typescript -- target/generated
node scripts/assemble-pkg.mjs pkg target/bindgen target/bindgen-testing

if [[ "${1:-}" == "--test" ]]; then
  CARGO_TARGET_DIR=target/test-hooks scripts/cargo-wasm.sh build --release --lib --quiet --no-default-features --features test-hooks
  bindgen target/test-hooks/wasm32-unknown-unknown/release/cardhook.wasm target/bindgen-test cardhook_glue
  node scripts/assemble-pkg.mjs target/pkg-test target/bindgen-test target/bindgen-testing
fi
