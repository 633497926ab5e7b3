#!/usr/bin/env bash
# One case of the bad-input corpus: tests/data/bad/NAME.csv with NAME.expected, whose first
# line is "exit: N" and the rest the exact output of `eduqb validate` (stdout and stderr).
# Also checks that `eduqb compute` fails the same way and leaves no output file behind.
# Usage: run_bad_case.sh EDUQB_BINARY SOURCE_DIR NAME
set -u
binary=$1 source_dir=$2 name=$3
cd "$source_dir" || exit 1
input=tests/data/bad/$name.csv
expected=tests/data/bad/$name.expected
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failed=0

"$binary" validate "$input" >"$TMP/validate.out" 2>&1
code=$?
expected_code=$(head -1 "$expected" | sed 's/^exit: //')
[ "$code" = "$expected_code" ] || { echo "validate exit code $code, expected $expected_code"; failed=1; }
tail -n +2 "$expected" >"$TMP/validate.expected"
diff -u "$TMP/validate.expected" "$TMP/validate.out" || { echo "(validate output differs)"; failed=1; }

echo "old report" >"$TMP/report.csv"
"$binary" compute "$input" -o "$TMP/report.csv" >"$TMP/compute.out" 2>&1
code=$?
if [ "$expected_code" = 0 ]; then
  [ "$code" = 0 ] || { echo "compute exit code $code, expected 0"; cat "$TMP/compute.out"; failed=1; }
else
  [ "$code" = "$expected_code" ] || { echo "compute exit code $code, expected $expected_code"; failed=1; }
  [ "$(cat "$TMP/report.csv")" = "old report" ] || { echo "compute touched the previous report"; failed=1; }
fi
leftovers=$(ls -A "$TMP" | grep -v -E '^(validate\.(out|expected)|compute\.out|report\.csv)$')
[ -z "$leftovers" ] || { echo "temporary files left behind: $leftovers"; failed=1; }
exit $failed
