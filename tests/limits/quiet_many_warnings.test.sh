#!/usr/bin/env bash
# -q hides warnings, also the count of those beyond the 10 000 that are kept: a file with a
# warning on each of 20 000 rows gives a report and an empty standard error.
source "$(dirname "$0")/lib.sh" "$@"

# The worked example's row has 100 multimedia rooms per 100 students: implausible, a warning.
producer="awk -v header='$HEADER' -v row='$ROW' 'BEGIN {
  print header
  sub(/^[0-9]+,[^,]*/, \"\", row)
  for (i = 0; i < 20000; i++) printf \"91%08d,学校%d%s\\n\", i, i, row
}'"
expect "-q, 20 000 warnings" 0 "" 100 "$producer" compute -q -
if [ -s "$TMP/err" ]; then
  echo "FAIL -q, 20 000 warnings: standard error: $(head -c 300 "$TMP/err")"
  failures=$((failures + 1))
fi
expect "without -q, the warnings not listed are counted" 0 "... and 19950 more problems" 100 \
  "$producer" compute -
finish
