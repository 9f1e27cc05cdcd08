#!/usr/bin/env bash
# Installs whatever the build and tests need and is missing, on a fresh machine. Idempotent and
# quick when everything is present. Each step says what it checks and what it installs.
#
#   scripts/setup.sh           toolchain for `make build` (wasm target, wasm-bindgen CLI, npm tools)
#   scripts/setup.sh --test    also Java + Jackson (oracle tests) and Chromium (browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

log() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

SUDO=""
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then
    log "apt-get update"
    $SUDO apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# --- Rust for wasm32 -----------------------------------------------------------------------------
# The usual route is rustup's prebuilt wasm32 standard library. Where rustup cannot download
# (this machine's network), Debian's Rust with its library sources builds std from source
# (-Zbuild-std); scripts/cargo-wasm.sh picks whichever is present.
wasm_route() {
  if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo rustup
  elif [[ -x /usr/bin/cargo && -d /usr/lib/rustlib/src/rust/library && -e /usr/bin/rust-lld ]]; then
    echo debian
  else
    echo none
  fi
}

if [[ $(wasm_route) == none ]] && command -v rustup >/dev/null; then
  log "rustup target add wasm32-unknown-unknown (given 60 s; it hangs where rustup's host is unreachable)"
  timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || log "rustup could not add the target"
fi
if [[ $(wasm_route) == none ]]; then
  log "falling back to Debian's Rust with standard-library sources (builds std for wasm32)"
  apt_install -t bookworm-security rustc-web cargo-web rust-web-src rust-web-llvm lld-22 \
    || apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  if [[ ! -e /usr/bin/rust-lld ]]; then
    lld=$(ls /usr/bin/ld.lld-* /usr/lib/llvm-*/bin/ld.lld 2>/dev/null | head -1)
    [[ -n "$lld" ]] && $SUDO ln -sf "$lld" /usr/bin/rust-lld
  fi
fi
route=$(wasm_route)
[[ $route == none ]] && { log "no way to build wasm32 found"; exit 1; }
log "wasm32 route: $route"

# --- native Rust (tests, benches) ----------------------------------------------------------------
if ! command -v cargo >/dev/null; then
  log "no cargo on PATH; using Debian's"
  export PATH="/usr/bin:$PATH"
fi

# --- wasm-bindgen CLI at exactly the version in Cargo.lock ---------------------------------------
if [[ ! -f Cargo.lock ]]; then cargo generate-lockfile >/dev/null; fi
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$wb_version" ]]; then
  log "cargo install wasm-bindgen-cli $wb_version (a few minutes, once)"
  # Not --locked: its lockfile has once named a yanked transitive version.
  cargo install -q wasm-bindgen-cli --version "$wb_version" --force
fi

# --- npm tools (esbuild, binaryen, typescript, miniflare, playwright-core) ------------------------
if ! command -v node >/dev/null; then
  apt_install nodejs npm
fi
# `npm install --no-save` at the locked versions rather than `npm ci`: the lockfile cannot list the
# other platforms' optional binaries of bun, deno and next when the registry does not serve them,
# and `npm ci` refuses such a lockfile. --no-save leaves package-lock.json as committed.
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "npm install --no-save (the root package.json's build and test tools, runtimes and frameworks)"
  npm install --no-save --no-audit --no-fund --loglevel=error >/dev/null
fi

if [[ $want_test -eq 1 ]]; then
  # --- Java + Jackson for the independent signer (tests/oracle) ---------------------------------
  if ! command -v javac >/dev/null; then apt_install openjdk-17-jdk-headless; fi
  if [[ ! -f /usr/share/java/jackson-databind.jar ]]; then apt_install libjackson2-databind-java; fi
  # --- Chromium for the browser test (Playwright's own download does not work offline) ----------
  if [[ ! -x /usr/bin/chromium ]]; then apt_install chromium; fi
  # --- iproute2: brings up loopback in the network namespace the runtime tests run in ------------
  if ! command -v ip >/dev/null; then apt_install iproute2; fi
fi
log "ready"
