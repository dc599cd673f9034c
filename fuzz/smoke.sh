#!/usr/bin/env bash
# The fuzz targets' smoke run on stable Rust (what CI runs): every target in fuzz_targets/ is
# built as an ordinary binary and run over its seed corpus plus deterministic mutations
# (FUZZ_SMOKE_ITERATIONS, default 3000); any panic fails the run. Real fuzzing: README.md.
set -euo pipefail
cd "$(dirname "$0")"
# The main workspace's target directory: dependencies already built there are reused.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../target}"
# That reuse needs the same dev profiles: one differing setting rebuilds every dependency.
dev_profiles() {
  awk '/^\[/ { keep = /^\[profile\.dev/ } keep && !/^(#|$)/' "$1"
}
if ! diff <(dev_profiles ../Cargo.toml) <(dev_profiles Cargo.toml) >&2; then
  echo "smoke: fuzz/Cargo.toml's dev profiles differ from the workspace's (above)" >&2
  exit 1
fi

targets=()
for file in fuzz_targets/*.rs; do
  targets+=("$(basename "$file" .rs)")
done
bins=()
for t in "${targets[@]}"; do bins+=(--bin "$t"); done
cargo build --locked --quiet "${bins[@]}"
for t in "${targets[@]}"; do
  "$CARGO_TARGET_DIR/debug/$t"
done
