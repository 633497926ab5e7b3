#!/usr/bin/env bash
# The whole test suite: a normal build, the same tests under ASan+UBSan (clang, optimised, with
# the fuzzing instrumentation: one build serves both), the threaded stages under
# ThreadSanitizer, then a short run of every fuzz target (libFuzzer) after replaying its past
# findings.
# Usage: bash tests/run_all.sh   (from the repository root; build dirs: build/, build-asan/,
# build-tsan/). EDUQB_FUZZ_SECONDS sets the time per fuzz target (default here 20).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# Each stage says when it started, so a slow CI run shows where its time went.
stage() { echo "== [$((SECONDS / 60))m$((SECONDS % 60))s] $*"; }

stage "Release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEDUQB_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

stage "ASan+UBSan build and tests (clang; the same build holds the fuzz targets)"
if [ -z "${CXX:-}" ]; then
  if command -v clang++-14 >/dev/null; then CXX=clang++-14; else CXX=clang++; fi
fi
# -O1 as the sanitizers advise, and without NDEBUG: the assertions stay.
cmake -S . -B build-asan -G Ninja -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DEDUQB_SANITIZE=ON -DEDUQB_FUZZ=ON \
  -DEDUQB_WERROR=ON >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

stage "ThreadSanitizer: the threaded pipeline"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DEDUQB_TSAN=ON >/dev/null
cmake --build build-tsan -j "$jobs" --target eduqb_tests eduqb
TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/eduqb_tests -tc="threads*,duplicates*,pipeline*"
TSAN_OPTIONS=halt_on_error=1 build-tsan/eduqb compute data-samples/district.csv --threads 4 \
  --format csv >/dev/null
TSAN_OPTIONS=halt_on_error=1 build-tsan/eduqb compute data-samples/city.csv --threads 4 \
  --level school --format csv >/dev/null

stage "fuzz targets, ${EDUQB_FUZZ_SECONDS:-20} s each"
EDUQB_FUZZ_SECONDS=${EDUQB_FUZZ_SECONDS:-20} EDUQB_FUZZ_BUILD=build-asan bash fuzz/run.sh
stage "all tests passed"
