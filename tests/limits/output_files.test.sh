#!/usr/bin/env bash
# No lost data: a report reaches its destination whole or not at all, and every failure
# names the path, exits 4 and leaves no partial or temporary file. Disk full is tested with
# /dev/full and, when this user may mount one, a 16 KiB tmpfs; permissions with a read-only
# directory (skipped for root, whom permissions do not stop) and with /proc.
source "$(dirname "$0")/lib.sh" "$@"
INPUT=tests/fixtures/cv_boundary.csv
BIG=data-samples/city.csv  # a school-level report of about 30 KB

fail() { echo "FAIL $1"; failures=$((failures + 1)); }
# only_files DIR NAME...: DIR holds exactly these names (no temporary file left behind).
only_files() {
  local dir=$1; shift
  [ "$(ls -A "$dir" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}

# (An eduqb older than the device check, run as root, replaces /dev/full with a file; then
# there is no full device to test with.)
if [ -c /dev/full ]; then
  expect "-o /dev/full" 4 "eduqb: error: cannot write /dev/full: No space left on device" 50 \
    "" compute -q "$INPUT" -o /dev/full
  [ -c /dev/full ] || fail "/dev/full is no longer a device"
  # Standard output redirected to /dev/full (no -o).
  "$EDUQB" compute -q "$INPUT" >/dev/full 2>"$TMP/err"
  code=$?
  if [ "$code" != 4 ] || ! grep -qF "cannot write the report to standard output" "$TMP/err"; then
    fail "stdout redirected to /dev/full: exit $code, $(cat "$TMP/err")"
  else
    echo "ok   stdout redirected to /dev/full"
  fi
else
  echo "skip /dev/full: not a character device on this machine"
fi

# A directory nobody may write into.
mkdir -p "$TMP/ro" && echo "old report" >"$TMP/ro/report.md" && chmod 555 "$TMP/ro"
if [ "$(id -u)" = 0 ]; then
  echo "skip read-only directory (root ignores permissions)"
else
  expect "read-only directory" 4 "eduqb: error: cannot write $TMP/ro/report.md: Permission denied" \
    50 "" compute -q "$INPUT" -o "$TMP/ro/report.md"
  [ "$(cat "$TMP/ro/report.md")" = "old report" ] || fail "read-only directory: old report changed"
  only_files "$TMP/ro" report.md || fail "read-only directory: files left: $(ls -A "$TMP/ro")"
fi
chmod 755 "$TMP/ro"
# /proc refuses new files, whoever asks.
expect "a directory that takes no files (/proc)" 4 "eduqb: error: cannot write /proc/eduqb-report.md:" \
  50 "" compute -q "$INPUT" -o /proc/eduqb-report.md
[ ! -e /proc/eduqb-report.md ] || fail "/proc: a file was created"
# A directory given as the output.
expect "-o names a directory" 4 "eduqb: error: cannot write $TMP/ro: Is a directory" 50 \
  "" compute -q "$INPUT" -o "$TMP/ro"

# A full disk: a 16 KiB tmpfs holding an old report; the new one (30 KB) does not fit.
mkdir -p "$TMP/small"
if mount -t tmpfs -o size=16k tmpfs "$TMP/small" 2>/dev/null; then
  echo "old report" >"$TMP/small/report.md"
  expect "disk full (16 KiB tmpfs)" 4 "eduqb: error: cannot write $TMP/small/report.md: No space left on device" \
    50 "" compute -q "$BIG" -l school -o "$TMP/small/report.md"
  [ "$(cat "$TMP/small/report.md")" = "old report" ] || fail "disk full: the old report changed"
  only_files "$TMP/small" report.md || fail "disk full: files left: $(ls -A "$TMP/small")"
  umount "$TMP/small"
else
  echo "skip disk full on tmpfs (mounting needs privileges)"
fi

# Through a symlink: its file gets the report, the link stays a link.
echo "old report" >"$TMP/real.md"
ln -s real.md "$TMP/link.md"
expect "-o a symlink" 0 "" 50 "" compute -q "$INPUT" -o "$TMP/link.md"
[ -L "$TMP/link.md" ] || fail "symlink: the link was replaced"
grep -q "^# Compulsory-education balance evaluation report" "$TMP/real.md" || fail "symlink: its file was not written"

# Into a FIFO: the reader gets the whole report, the FIFO stays a FIFO.
mkfifo "$TMP/pipe"
cat "$TMP/pipe" >"$TMP/from-pipe" &
reader=$!
expect "-o a FIFO" 0 "" 50 "" compute -q "$INPUT" -f csv -o "$TMP/pipe"
wait "$reader"
[ -p "$TMP/pipe" ] || fail "FIFO: replaced by a file"
"$EDUQB" compute -q "$INPUT" -f csv | cmp -s - "$TMP/from-pipe" || fail "FIFO: the reader got another report"
finish
