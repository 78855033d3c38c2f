#!/usr/bin/env bash
# Builds and runs every test: release and ASan+UBSan unit tests (ctest), the
# valgrind constant-time checks, the multithreaded server and store tests
# under ThreadSanitizer, every fuzz target for a short fixed time, and the
# format and layering checks. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=${XTT_FUZZ_SECONDS:-15}
jobs=$(nproc)

step() { printf '\n==== %s ====\n' "$*"; }

step "format and layering"
bash scripts/check-format.sh
bash scripts/check-layering.sh

step "release build + tests"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"

step "asan-ubsan build + tests"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j "$jobs"
ctest --preset asan-ubsan -j "$jobs" -LE valgrind

step "tsan build + server and store tests"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
export TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/scripts/tsan.supp"
build/tsan/tests/unit/net/xtt_net_tests --gtest_brief=1
build/tsan/tests/unit/store/xtt_store_tests --gtest_brief=1
unset TSAN_OPTIONS

step "fuzz build + ${fuzz_seconds}s per target"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
bash scripts/run-fuzzers.sh "$fuzz_seconds"

step "main job"
build/release/tools/xtt/xtt --version
build/release/tools/xtt/xtt demo -n 20
echo "test-all: all checks passed"
