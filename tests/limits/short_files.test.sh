#!/usr/bin/env bash
# Files with no rows: only a header (with or without its newline), a header and blank lines,
# nothing at all. Each is a correct empty report or a clear error, on a file and on stdin.
source "$(dirname "$0")/lib.sh" "$@"

expect "only a header, on stdin" 0 "<stdin>:1: warning: the file has a header but no rows" 50 \
  "echo '$HEADER'" compute -
grep -qF -- "0 group(s)" "$TMP/out" || { echo "FAIL only a header: no empty report"; failures=$((failures + 1)); }
expect "only a header without its newline" 0 "warning: the file has a header but no rows" 50 \
  "printf %s '$HEADER'" compute -f json -
grep -qF -- '"groups": []' "$TMP/out" || { echo "FAIL header without newline: groups not empty"; failures=$((failures + 1)); }
expect "a header and blank lines and empty cells" 0 "the file has a header but no rows" 50 \
  "echo '$HEADER'; printf '\\r\\n\\n,,,,\\n ,\\t,\\n'" compute -
expect "nothing at all" 3 "<stdin>: the file is empty (no header row)" 50 "" compute -
expect "only a header, validate" 0 "" 50 "echo '$HEADER'" validate -
grep -qF -- "0 errors, 1 warning in 0 rows (valid)" "$TMP/out" || { echo "FAIL validate summary"; failures=$((failures + 1)); }
finish
