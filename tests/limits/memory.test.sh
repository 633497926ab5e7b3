#!/usr/bin/env bash
# Memory the system refuses (ulimit -v): at every limit from too little to enough, eduqb ends
# with exit 1 and "out of memory", or writes the same report as without a limit; never a
# signal, a half-written report or a temporary file left beside it. A worker thread that
# cannot allocate hands its failure to the main thread (once std::terminate, exit 134).
# Usage: memory.test.sh EDUQB_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh" "$1" "$2"

# The sanitizers reserve terabytes of address space: a limit on it stops them from starting.
if ! (ulimit -v 400000 && exec "$EDUQB" --version) >/dev/null 2>&1; then
  echo "skip the binary does not start under a 400 MB address-space limit (a sanitizer build)"
  exit 0
fi

{
  echo "$HEADER"
  awk -v row="$ROW" 'BEGIN { sub(/^[^,]*,/, "", row); for (i = 1; i <= 20000; i++) print 100000 + i "," row }'
} >"$TMP/district.csv"

refused=0
# The GBK CSV is rendered into memory before it is transcoded: a string stream that swallows
# the refused allocation would end the report early with exit 0.
for variant in json md "csv --output-encoding gbk"; do
  format=${variant%% *}
  options=(-f $variant)
  "$EDUQB" compute "$TMP/district.csv" --level school "${options[@]}" -q -o "$TMP/full.$format" \
    --threads 2 || failures=$((failures + 1))
  for limit_mb in $(seq 16 8 96); do
    echo "old report" >"$TMP/report.$format"
    (ulimit -v $((limit_mb * 1024)) && exec "$EDUQB" compute "$TMP/district.csv" --level school \
      "${options[@]}" -q -o "$TMP/report.$format" --threads 2) 2>"$TMP/err"
    code=$?
    left=$(find "$TMP" -name '*eduqb-tmp*' | wc -l)
    if [ "$code" = 1 ] && grep -q "eduqb: error: out of memory" "$TMP/err" &&
      [ "$(cat "$TMP/report.$format")" = "old report" ] && [ "$left" = 0 ]; then
      refused=$((refused + 1))
    elif [ "$code" = 0 ] && cmp -s "$TMP/report.$format" "$TMP/full.$format" && [ "$left" = 0 ]; then
      :
    else
      echo "FAIL -f $variant under ${limit_mb} MB: exit $code, $left temporary file(s) left"
      head -3 "$TMP/err"
      failures=$((failures + 1))
    fi
  done
done
# XLSX: libxlsxwriter itself may crash (SIGSEGV) when refused memory, or fail to load; the
# report file stays as it was and no temporary file is left (docs/reliability.md).
for limit_mb in $(seq 40 8 96); do
  echo "old report" >"$TMP/report.xlsx"
  (ulimit -v $((limit_mb * 1024)) && exec "$EDUQB" compute "$TMP/district.csv" --level school \
    -f xlsx -q -o "$TMP/report.xlsx" --threads 2) 2>"$TMP/err"
  code=$?
  left=$(find "$TMP" -name '*eduqb-tmp*' | wc -l)
  if [ "$left" != 0 ] || { [ "$code" != 0 ] && [ "$(cat "$TMP/report.xlsx")" != "old report" ]; }; then
    echo "FAIL -f xlsx under ${limit_mb} MB: exit $code, $left temporary file(s) left"
    failures=$((failures + 1))
  fi
done

# The smallest limits must be refused, or this test proves nothing.
if [ "$refused" = 0 ]; then
  echo "FAIL no limit was small enough to be refused"
  failures=$((failures + 1))
else
  echo "ok   $refused runs refused memory cleanly (exit 1), the others wrote the full report"
fi
finish
