#!/usr/bin/env bash
# Threads the system refuses (a process limit) and thread counts past the bound: the same
# report on fewer threads, or a usage error; never a crash.
# Usage: threads.test.sh EDUQB_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh" "$1" "$2"

rows() {
  echo "$HEADER"
  for i in $(seq 1 3000); do
    echo "$ROW" | sed "s/^[^,]*,/$((100000 + i)),/"
  done
}
rows >"$TMP/district.csv"
chmod 755 "$TMP"
chmod 644 "$TMP/district.csv"
"$EDUQB" compute "$TMP/district.csv" --threads 0 -q >"$TMP/one_thread.md" || failures=$((failures + 1))

expect "--threads above 64" 2 "--threads: Value 65 not in range 0 to 64" 100 "" \
  compute "$TMP/district.csv" --threads 65
expect "--threads 64" 0 "" 400 "" compute "$TMP/district.csv" --threads 64 -q

# RLIMIT_NPROC binds only on users other than root: as root, run as nobody. LeakSanitizer
# needs a thread of its own at exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
as_limited() {
  if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null && command -v prlimit >/dev/null || return 125
    setpriv --reuid=nobody --regid=nogroup --clear-groups prlimit --nproc=1 -- "$@"
  else
    (ulimit -u 1 && exec "$@")
  fi
}
for format in md csv; do
  for threads in 1 4; do
    as_limited "$EDUQB" compute "$TMP/district.csv" --threads "$threads" -q -f "$format" \
      >"$TMP/limited.out" 2>"$TMP/limited.err"
    code=$?
    if [ "$code" = 125 ]; then
      echo "skip no thread limit (setpriv or prlimit missing)"
      break 2
    fi
    "$EDUQB" compute "$TMP/district.csv" --threads 0 -q -f "$format" >"$TMP/reference.out"
    if [ "$code" != 0 ] || ! cmp -s "$TMP/limited.out" "$TMP/reference.out"; then
      echo "FAIL no threads allowed, --threads $threads -f $format: exit $code"
      head -5 "$TMP/limited.err"
      failures=$((failures + 1))
    else
      echo "ok   no threads allowed, --threads $threads -f $format: the report of one thread"
    fi
  done
done
finish
