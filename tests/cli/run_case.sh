#!/usr/bin/env bash
# Runs one black-box CLI case: tests/cli/cases/NAME/ holds
#   args            the arguments, one shell word list (may use $TMP, a fresh directory)
#   exit            expected exit code
#   stdout          expected standard output (optional; compared exactly)
#   stderr          expected standard error (optional; compared exactly)
#   stdin           fed to the command (optional)
#   check           extra assertions, a bash script run with -e in $TMP after the command
# Usage: run_case.sh EDUQB_BINARY SOURCE_DIR CASE_DIR
set -u
binary=$1 source_dir=$2 case_dir=$(cd "$3" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export TMP LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600
cd "$source_dir" || exit 1
args=$(cat "$case_dir/args")
stdin_file=/dev/null
[ -f "$case_dir/stdin" ] && stdin_file="$case_dir/stdin"
EDUQB=$binary; export EDUQB
eval "\"$binary\" $args" <"$stdin_file" >"$TMP/.stdout" 2>"$TMP/.stderr"
code=$?
failed=0
expected_code=$(cat "$case_dir/exit")
if [ "$code" != "$expected_code" ]; then
  echo "exit code $code, expected $expected_code"; failed=1
fi
for stream in stdout stderr; do
  if [ -f "$case_dir/$stream" ] && ! diff -u "$case_dir/$stream" "$TMP/.$stream"; then
    echo "($stream differs)"; failed=1
  fi
done
if [ -f "$case_dir/check" ]; then
  if ! (cd "$TMP" && SOURCE_DIR="$source_dir" bash -e "$case_dir/check"); then
    echo "check failed"; failed=1
  fi
fi
if [ "$failed" != 0 ]; then
  echo "--- stderr was:"; cat "$TMP/.stderr"
fi
exit $failed
