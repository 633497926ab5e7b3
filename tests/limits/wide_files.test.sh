#!/usr/bin/env bash
# A million columns: a header of unknown names alone, and a real file with a million extra
# columns, which must give exactly the report of the file without them.
source "$(dirname "$0")/lib.sh" "$@"

million='awk "BEGIN { for (i = 0; i < 1000000; ++i) printf \"x%d,\", i; print \"x\" }"'
expect "a header of a million unknown columns" 3 \
  "<stdin>:1: required columns 'school_id' (学校标识码), 'school_type' (学校类型), 'stage' (学段) and 'students' (在校生数) are missing from the header" 400 \
  "$million" compute -

awk 'NR == 1 { printf "%s", $0; for (i = 0; i < 1000000; ++i) printf ",x%d", i; print ""; next }
     { printf "%s", $0; for (i = 0; i < 1000000; ++i) printf ",1"; print "" }' \
  tests/fixtures/worked_example.csv >"$TMP/wide.csv"
expect "a million extra columns on every row" 0 "" 600 \
  "cat '$TMP/wide.csv'" compute -f csv -q -
"$EDUQB" compute -f csv -q - <tests/fixtures/worked_example.csv >"$TMP/narrow.out"
if ! diff -q "$TMP/narrow.out" "$TMP/out" >/dev/null; then
  echo "FAIL a million extra columns: the report differs from the one without them"
  failures=$((failures + 1))
fi
expect "a line of 16 million empty fields" 3 "missing from the header" 600 \
  "head -c 16000000 /dev/zero | tr '\\0' ,; echo" compute -
finish
