# Shared by the tests/limits/*.test.sh scripts (sourced): run eduqb on a generated stream and
# check that it ends in time, within memory, with the expected exit code and message.
# Usage in a script: source lib.sh EDUQB_BINARY SOURCE_DIR; expect ...; finish
set -u
EDUQB=$1
SOURCE_DIR=$2
cd "$SOURCE_DIR" || exit 1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8
SECONDS_LIMIT=${EDUQB_LIMIT_SECONDS:-20}  # far above the second or two each case takes
# Sanitizer builds use several times the memory (shadow, redzones, quarantine).
MEMORY_FACTOR=${EDUQB_LIMIT_MEMORY_FACTOR:-1}
TIME_BIN=""
[ -x /usr/bin/time ] && TIME_BIN=/usr/bin/time
HEADER=$(head -1 tests/fixtures/worked_example.csv)
ROW=$(sed -n 2p tests/fixtures/worked_example.csv)
failures=0

# expect NAME EXIT TEXT MAX_MB PRODUCER [EDUQB ARGS...]
#   PRODUCER: a shell command whose output is eduqb's standard input ("" for none).
#   TEXT: a fixed string standard error must contain ("" for any).
#   MAX_MB: the peak resident memory allowed (checked when /usr/bin/time is installed).
expect() {
  local name=$1 want_exit=$2 want_text=$3 max_mb=$(($4 * MEMORY_FACTOR)) producer=$5
  shift 5
  local code start end
  start=$(date +%s%N)
  if [ -n "$TIME_BIN" ]; then
    bash -c "$producer" 2>/dev/null | "$TIME_BIN" -f %M -o "$TMP/rss" \
      timeout "$SECONDS_LIMIT" "$EDUQB" "$@" >"$TMP/out" 2>"$TMP/err"
    code=${PIPESTATUS[1]}
  else
    bash -c "$producer" 2>/dev/null | timeout "$SECONDS_LIMIT" "$EDUQB" "$@" >"$TMP/out" 2>"$TMP/err"
    code=${PIPESTATUS[1]}
  fi
  end=$(date +%s%N)
  local ms=$(((end - start) / 1000000)) rss_mb="?"
  [ -n "$TIME_BIN" ] && rss_mb=$(($(tail -1 "$TMP/rss") / 1024))
  local problem=""
  if [ "$code" = 124 ]; then
    problem="did not end within ${SECONDS_LIMIT}s"
  elif [ "$code" != "$want_exit" ]; then
    problem="exit code $code, expected $want_exit"
  elif [ -n "$want_text" ] && ! grep -qF -- "$want_text" "$TMP/err"; then
    problem="standard error lacks: $want_text"
  elif [ "$rss_mb" != "?" ] && [ "$rss_mb" -gt "$max_mb" ]; then
    problem="peak memory ${rss_mb} MB, more than ${max_mb} MB"
  fi
  if [ -n "$problem" ]; then
    echo "FAIL $name: $problem"
    echo "--- stderr (first lines):"
    head -5 "$TMP/err" | cut -c1-300
    failures=$((failures + 1))
  else
    echo "ok   $name (${ms} ms, ${rss_mb} MB)"
  fi
}

finish() {
  exit $((failures > 0))
}
