#!/usr/bin/env bash
# Endless standard input: whatever it holds, eduqb ends with a clear error and bounded memory,
# never a hang. The bounds: 16 MiB per line or record, 10 000 errors, --max-rows rows.
source "$(dirname "$0")/lib.sh" "$@"

# The fourth argument of each case is its memory limit in MB.
expect "yes: a header of one unknown column" 3 "required columns 'school_id'" 64 "yes" compute -
expect "the header, endlessly" 3 "errors; stopped reading here" 100 \
  "yes '$HEADER'" compute -
expect "one valid row, endlessly (duplicates)" 3 "10000 errors; stopped reading here" 100 \
  "echo '$HEADER'; yes '$ROW'" compute -
expect "duplicates with --skip-invalid (each would be listed)" 3 "10000 errors; stopped" 100 \
  "echo '$HEADER'; yes '$ROW'" compute --skip-invalid -l school -
expect "duplicates, validate" 3 "10000 errors; stopped reading here" 100 \
  "echo '$HEADER'; yes '$ROW'" validate -
valid_rows="echo '$HEADER'; yes | awk '{ print NR \",s\" NR \",d,2024,primary_school,primary,urban,100,5,5,1,1,1,500,800,300000,3,20,3000,3\" }'"
expect "distinct valid rows, endlessly" 3 \
  "<stdin>:200002: more than 200000 rows; stopped reading here (the bound guards against endless input; raise it with --max-rows)" \
  200 "$valid_rows" compute --max-rows 200000 -l school -
expect "an opening quote, then endless empty lines" 3 \
  "<stdin>:2: a quoted field that starts on this line is still open after 16 MiB" 200 \
  "echo '$HEADER'; echo '\"'; yes ''" compute -
expect "endless zero bytes" 3 "a NUL byte, which is not text" 50 "cat /dev/zero" compute -
expect "an endless line" 3 "<stdin>:1: line longer than the 16 MiB limit" 200 \
  "yes | tr -d '\\n'" compute -
finish
