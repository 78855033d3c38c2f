#!/usr/bin/env bash
# Runs every fuzz target of the fuzz preset for a fixed time each, starting
# from its seed corpus (copied, so runs never grow the committed corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
dir=build/fuzz/fuzz
shopt -s nullglob
targets=("$dir"/fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then
  echo "run-fuzzers: no fuzz targets built in $dir"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do
  name=$(basename "$t")
  name=${name#fuzz_}
  mkdir -p "$work/$name"
  if [ -d "fuzz/corpus/$name" ]; then
    cp -r "fuzz/corpus/$name/." "$work/$name/"
  fi
  echo "fuzz $name for ${seconds}s"
  "$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=0 \
    -artifact_prefix="$work/$name-" "$work/$name" 2>"$work/$name.log" || {
    tail -40 "$work/$name.log"
    echo "run-fuzzers: $name FAILED"
    exit 1
  }
  grep -E '^#[0-9]+.*DONE' "$work/$name.log" | tail -1 || true
done
echo "run-fuzzers: ${#targets[@]} targets ok"
