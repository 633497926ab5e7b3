#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) in their own
# build directory and runs each for a bounded time, seeded from the repository's inputs.
#
# Usage: bash fuzz/run.sh [TARGET...]     (TARGET: fuzz_read, fuzz_profile, fuzz_pipeline,
#                                          fuzz_xlsx, fuzz_xls, fuzz_render; default: all six)
# Environment:
#   EDUQB_FUZZ_SECONDS  seconds per target (default 60)
#   EDUQB_FUZZ_BUILD    build directory (default build-fuzz)
#   EDUQB_FUZZ_JOBS     build jobs (default: the number of processors)
#   CXX                 the clang++ to use (default clang++-14 if present, else clang++)
#
# Before fuzzing, every input in fuzz/regressions/TARGET/ (inputs that once crashed) is run
# once. A crash, a leak, a timeout (10 s per input) or more than 2 GiB of memory stops the
# target with the input saved as BUILD/artifacts/TARGET-<kind>-<sha1>; reproduce it with
# `BUILD/fuzz/TARGET FILE`. The corpus grows in BUILD/corpus/TARGET and is reused next time.
# Exit status 0 when every target ran its time clean; the figures go to BUILD/fuzz-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${EDUQB_FUZZ_SECONDS:-60}
build=${EDUQB_FUZZ_BUILD:-build-fuzz}
jobs=${EDUQB_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
if [ -z "${CXX:-}" ]; then
  if command -v clang++-14 >/dev/null; then CXX=clang++-14; else CXX=clang++; fi
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_read fuzz_profile fuzz_pipeline fuzz_xlsx fuzz_xls fuzz_render)

echo "== building the fuzz targets with $CXX in $build"
# A build already configured for fuzzing (tests/run_all.sh's sanitizer build) is kept as it is.
if ! grep -qx 'EDUQB_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEDUQB_FUZZ=ON -DEDUQB_BUILD_TESTS=OFF -DEDUQB_WERROR=ON >/dev/null
fi
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# Seed inputs per target: every CSV the tests use (good, bad, every encoding), the profiles,
# or the test workbooks.
seeds_for() {
  case $1 in
    fuzz_profile) ls profiles/*.toml ;;
    fuzz_xlsx) ls tests/data/workbooks/*.xlsx ;;
    fuzz_xls) ls tests/data/workbooks/*.xls tests/data/system/*.xls ;;
    fuzz_render) ls tests/cli/data/hostile.csv tests/data/bad/terminal_escapes.csv \
                    tests/data/bad/invisible_in_id.csv ;;
    *) ls data-samples/*.csv tests/data/bad/*.csv tests/data/encodings/*.csv \
         tests/fixtures/*.csv tests/cli/data/*.csv ;;
  esac
}
dict_for() {
  case $1 in
    fuzz_profile) echo fuzz/profile.dict ;;
    fuzz_xlsx) echo fuzz/xlsx.dict ;;
    fuzz_xls) echo fuzz/xls.dict ;;
    fuzz_render) echo fuzz/render.dict ;;
    *) echo fuzz/csv.dict ;;
  esac
}

summary="$build/fuzz-summary.txt"
: >"$summary"
failed=0
for target in "${targets[@]}"; do
  binary="$build/fuzz/$target"
  if [ -d "fuzz/regressions/$target" ] && [ -n "$(ls -A "fuzz/regressions/$target")" ]; then
    echo "== $target: replaying fuzz/regressions/$target"
    if ! "$binary" -rss_limit_mb=2048 -timeout=10 "fuzz/regressions/$target"/* \
      >"$build/$target.regressions.log" 2>&1; then
      tail -n 30 "$build/$target.regressions.log"
      echo "== $target: a regression input fails again"
      failed=1
      continue
    fi
  fi
  corpus="$build/corpus/$target"
  seeds="$build/seeds/$target"
  mkdir -p "$corpus" "$build/artifacts"
  rm -rf "$seeds" && mkdir -p "$seeds"
  seeds_for "$target" | while read -r seed; do cp "$seed" "$seeds/"; done
  if [ "$target" = fuzz_xlsx ]; then
    # Each sheet's XML alone too: fuzz_xlsx packs such an input into a workbook itself. (The
    # bomb's sheet is 5 GiB.)
    for book in tests/data/workbooks/*.xlsx; do
      [ "$(basename "$book")" != bomb.xlsx ] || continue
      for part in $(unzip -Z1 "$book" 'xl/worksheets/*.xml' 2>/dev/null); do
        unzip -p "$book" "$part" >"$seeds/$(basename "$book" .xlsx)-$(basename "$part")"
      done
    done
  fi
  echo "== $target: fuzzing for ${seconds}s ($(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) in the corpus)"
  log="$build/$target.log"
  set +e
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=20000 \
    -dict="$(dict_for "$target")" -artifact_prefix="$build/artifacts/$target-" \
    -print_final_stats=1 "$corpus" "$seeds" >"$log" 2>&1
  code=$?
  set -e
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  line=$(printf '%-14s %10s execs %8s execs/s %6s new units %6s MB peak  exit %s' "$target" \
    "$(stat number_of_executed_units)" "$(stat average_exec_per_sec)" \
    "$(stat new_units_added)" "$(stat peak_rss_mb)" "$code")
  echo "$line" | tee -a "$summary"
  if [ "$code" != 0 ]; then
    grep -E "ERROR|SUMMARY|runtime error|invariant broken|Test unit written" "$log" | head -n 20
    echo "== $target found a problem; the full log is $log"
    failed=1
  fi
done
exit $failed
