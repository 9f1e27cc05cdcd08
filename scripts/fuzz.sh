#!/usr/bin/env bash
# `make fuzz`: each cargo-fuzz (libFuzzer) target for FUZZ_SECONDS (default 60), seeded with the
# test vectors and decode cases. A longer run: `FUZZ_SECONDS=3600 make fuzz`. Crashes are saved
# under fuzz/artifacts/<target>/ and fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}

command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --version 0.13.2
# libFuzzer instrumentation uses unstable rustc flags; RUSTC_BOOTSTRAP allows them on stable.
export RUSTC_BOOTSTRAP=1

corpus=tests/.work/fuzz-corpus
rm -rf "$corpus"
node --input-type=module -e '
  import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
  const bodies = [
    ...JSON.parse(readFileSync("tests/vectors/onerway-rsa.json", "utf8")).cases.map((c) => c.body),
    ...JSON.parse(readFileSync("tests/vectors/hmac.json", "utf8")).cases.map((c) => c.body),
    ...JSON.parse(readFileSync("tests/vectors/providers.json", "utf8")).cases.map((c) => c.body),
    ...JSON.parse(readFileSync("tests/data/decode-cases.json", "utf8")).cases.map((c) => c.body),
  ];
  for (const target of ["json", "canonical", "decode", "verify"]) {
    mkdirSync(`'"$corpus"'/${target}`, { recursive: true });
    bodies.forEach((b, i) => writeFileSync(`'"$corpus"'/${target}/seed-${i}`, target === "verify" ? "\u0000" + b : b));
  }
  // Declared schemes: each vector scheme, a zero byte, then its body.
  mkdirSync(`'"$corpus"'/scheme`, { recursive: true });
  JSON.parse(readFileSync("tests/vectors/schemes.json", "utf8")).cases.forEach((c, i) =>
    writeFileSync(`'"$corpus"'/scheme/seed-${i}`, JSON.stringify(c.scheme) + "\u0000" + c.body));'

for target in json canonical decode verify scheme; do
  echo "== fuzz $target for ${seconds}s"
  cargo fuzz run --fuzz-dir fuzz "$target" "$corpus/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==|SUMMARY|thread|panicked|artifact_prefix)" || true
  if compgen -G "fuzz/artifacts/$target/*" >/dev/null; then
    echo "fuzz: $target found crashes in fuzz/artifacts/$target/"
    exit 1
  fi
done
echo "fuzz: every target ran ${seconds}s clean"
