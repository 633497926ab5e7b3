#!/usr/bin/env bash
# Files with no rows: only a header (with or without its newline), a header and blank lines,
# nothing at all. compute refuses each (a cron job must not publish an empty report), validate
# warns; on a file and on stdin.
source "$(dirname "$0")/lib.sh" "$@"

expect "only a header, on stdin" 3 "<stdin>:1: the file has a header but no rows: nothing to evaluate" 50 \
  "echo '$HEADER'" compute -
[ ! -s "$TMP/out" ] || { echo "FAIL only a header: a report was written"; failures=$((failures + 1)); }
expect "only a header without its newline" 3 "the file has a header but no rows" 50 \
  "printf %s '$HEADER'" compute -f json -
expect "only a header, gaps" 3 "the file has a header but no rows" 50 \
  "echo '$HEADER'" gaps -
expect "a header and blank lines and empty cells" 3 "the file has a header but no rows" 50 \
  "echo '$HEADER'; printf '\\r\\n\\n,,,,\\n ,\\t,\\n'" compute -
expect "nothing at all" 3 "<stdin>: the file is empty (no header row)" 50 "" compute -
expect "only a header, validate" 0 "" 50 "echo '$HEADER'" validate -
grep -qF -- "0 errors, 1 warning in 0 rows (valid)" "$TMP/out" || { echo "FAIL validate summary"; failures=$((failures + 1)); }
finish
