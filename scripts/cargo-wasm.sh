#!/usr/bin/env bash
# Runs cargo for wasm32-unknown-unknown by whichever route scripts/setup.sh made available:
# rustup's prebuilt target, or Debian's Rust building std from source (-Zbuild-std).
set -euo pipefail
# WebAssembly SIMD for the whole module: verification's RSA needs it (and LLVM would give every
# function the feature anyway, a module having one set), and with it `sha2` picks its SIMD backend.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Ctarget-feature=+simd128"
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  exec cargo "$@" --target wasm32-unknown-unknown
fi
export PATH="/usr/bin:$PATH"
# build-std is an unstable cargo flag; RUSTC_BOOTSTRAP unlocks it on a stable compiler.
export RUSTC_BOOTSTRAP=1
exec cargo "$@" --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
