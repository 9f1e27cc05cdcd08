#!/usr/bin/env bash
# Every test: native Rust (unit, vectors, lints), a fresh Java-oracle batch, the core under
# wasm32 in Node, and the Node suites on the built package. Run through `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "cargo test (native)"
cargo test --quiet

step "clippy: no unwrap/expect/indexing/panic reachable outside tests (and the TypeScript generator)"
cargo clippy --quiet --lib -- -D warnings
cargo clippy --quiet --lib --no-default-features -- -D warnings
cargo clippy --quiet --lib --bins --features typescript -- -D warnings

step "the fuzz targets still compile against the library (make fuzz runs them)"
cargo check --quiet --manifest-path fuzz/Cargo.toml

step "the native benchmark still compiles (make bench runs it)"
cargo check --quiet --benches

step "fresh vectors from the independent Java signer: new keys and new random payloads every run"
rm -rf tests/.work/gen && mkdir -p tests/.work/oracle
seed=${CARDHOOK_SEED:-$(date +%s)}
echo "payload seed: $seed (CARDHOOK_SEED=$seed make test reproduces this batch)"
node tests/oracle/gen-payloads.mjs tests/.work/gen 150 "$seed"
jars=/usr/share/java/jackson-core.jar:/usr/share/java/jackson-databind.jar:/usr/share/java/jackson-annotations.jar
javac -d tests/.work/oracle -cp "$jars" tests/oracle/Oracle.java
java -cp "tests/.work/oracle:$jars" Oracle tests/.work/oracle-fresh.json tests/data/onerway/*.json tests/.work/gen/*.json
export CARDHOOK_ORACLE_VECTORS="$PWD/tests/.work/oracle-fresh.json"
cargo test --quiet --test vectors

step "the independent signers (JDK TreeMap + Signature/Mac, node:crypto) reproduce the committed provider and scheme vectors"
node tests/oracle/provider-vectors.mjs
node tests/oracle/scheme-vectors.mjs
git diff --exit-code --stat -- tests/vectors/providers.json tests/vectors/schemes.json

step "the core in wasm32, under Node (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner scripts/cargo-wasm.sh test --test wasm

step "Node suites on the built package"
node --test tests/node/

# While the runtimes run, only loopback is reachable: a stray connection (telemetry, an update
# check, a metadata fetch) fails the test instead of going out. A network namespace needs root
# (or user namespaces); without one the tests still run, on the host's network.
isolated() {
  if unshare -n true 2>/dev/null && command -v ip >/dev/null; then
    unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$@"
  else
    echo "note: no network namespace here; the runtime tests run on the host's network"
    "$@"
  fi
}

step "real runtimes, from the packed tarball, loopback only: CJS and ESM consumers, every recipe (node:http, Express, Fastify, Hono, Lambda, esbuild-bundled Node, Bun, Deno, a module worker), the Worker in workerd, the demo page in Chromium"
NPM_CONFIG_UPDATE_NOTIFIER=false isolated node --test --test-concurrency=1 tests/runtime/

step "TypeScript declarations: a typed usage file must type-check (tsc --noEmit)"
node_modules/.bin/tsc -p tests/types

step "all tests passed"
