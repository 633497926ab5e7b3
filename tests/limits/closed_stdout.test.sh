#!/usr/bin/env bash
# A reader that stops early (`| head -1`) is no error: eduqb exits 0 (as xsv does), not 141
# by SIGPIPE nor 4. Standard output that fails otherwise is still exit 4.
source "$(dirname "$0")/lib.sh" "$@"

fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# Reports far larger than a pipe's buffer, so that writing goes on after head has gone; and
# a file with a warning on every row, for validate.
awk -v header="$HEADER" 'BEGIN {
  print header
  for (i = 0; i < 20000; i++)
    printf "91%08d,学校%d,例区,2024,primary_school,primary,rural,%d,40,38,8,6,10,3600,6000,1800000,12,60,18000,14\n", i, i, 500 + i % 200
}' >"$TMP/big.csv"
awk -v header="$HEADER" -v row="$ROW" 'BEGIN {
  print header
  sub(/^[0-9]+,[^,]*/, "", row)
  for (i = 0; i < 20000; i++) printf "91%08d,学校%d%s\n", i, i, row
}' >"$TMP/warnings.csv"

# closed NAME ARGS...: eduqb ARGS | head -1 must exit 0 and print one line.
closed() {
  local name=$1
  shift
  timeout "$SECONDS_LIMIT" "$EDUQB" "$@" 2>"$TMP/err" | head -1 >"$TMP/first"
  local code=${PIPESTATUS[0]}
  if [ "$code" != 0 ]; then
    fail "$name | head -1: exit $code ($(head -c 300 "$TMP/err"))"
  elif [ "$(wc -l <"$TMP/first")" != 1 ] || [ -s "$TMP/err" ]; then
    fail "$name | head -1: output $(wc -l <"$TMP/first") lines, stderr: $(head -c 300 "$TMP/err")"
  else
    echo "ok   $name | head -1: exit 0"
  fi
}

closed "compute (markdown, school level)" compute -q "$TMP/big.csv" -l school
closed "compute (csv, school level, spooled)" compute -q "$TMP/big.csv" -l school -f csv
closed "compute (json)" compute -q "$TMP/big.csv" -l school -f json
closed "compute (two profiles)" compute -q "$TMP/big.csv" -l school -p national-2017,beijing
closed "validate (a warning per row)" validate "$TMP/warnings.csv"
closed "validate, two profiles" validate "$TMP/warnings.csv" -p national-2017,beijing
closed "gaps" gaps -q "$TMP/big.csv"
closed "template" template
closed "profiles show" profiles show national-2017
# A reader that is gone is not the same as a write that fails.
if [ -c /dev/full ]; then
  "$EDUQB" compute -q "$TMP/big.csv" -l school >/dev/full 2>"$TMP/err"
  code=$?
  [ "$code" = 4 ] && grep -qF "cannot write the report to standard output" "$TMP/err" ||
    fail "stdout on /dev/full: exit $code, $(cat "$TMP/err")"
  "$EDUQB" validate "$TMP/big.csv" >/dev/full 2>"$TMP/err"
  code=$?
  [ "$code" = 4 ] || fail "validate on /dev/full: exit $code, $(cat "$TMP/err")"
  echo "ok   standard output on /dev/full: exit 4"
fi
finish
