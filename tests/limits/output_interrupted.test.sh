#!/usr/bin/env bash
# Interrupted runs leave nothing behind. A large report written with -o is stopped by SIGINT,
# SIGTERM or SIGHUP while it is being written: eduqb must end by that signal, the old report
# must be as it was, and no NAME.eduqb-tmp-* may be left beside it. No temporary file may
# exist while the input is still being read.
source "$(dirname "$0")/lib.sh" "$@"

fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# make_input ROWS: a district of ROWS primary schools in $TMP/big-ROWS.csv.
make_input() {
  [ -f "$TMP/big-$1.csv" ] && return
  awk -v n="$1" -v header="$HEADER" 'BEGIN {
    print header
    for (i = 0; i < n; i++)
      printf "91%08d,学校%d,例区,2024,primary_school,primary,rural,%d,40,38,8,6,10,3600,6000,1800000,12,60,18000,14\n", i, i, 500 + i % 200
  }' >"$TMP/big-$1.csv"
}

# writing PID DIR: true while PID holds a file being written in DIR, named (the fallback) or
# unnamed (O_TMPFILE, seen as "DIR/#INODE (deleted)" among its descriptors).
writing() {
  compgen -G "$2/*.eduqb-tmp-*" >/dev/null ||
    [ -n "$(find "/proc/$1/fd" -lname "$2/*" -print -quit 2>/dev/null)" ]
}

# interrupt SIGNAL NAME ARGS...: runs eduqb ARGS (where INPUT stands for a large input) to
# write $dir/NAME over an old report, sends SIGNAL once the report is being written, and
# checks what is left. A run that ends before the signal lands is tried again on a larger
# input.
interrupt() {
  local signal=$1 name=$2
  shift 2
  local rows code want=$((128 + $(kill -l "$signal")))
  local dir=$TMP/out-$signal-$name
  mkdir -p "$dir"
  for rows in 100000 300000 900000; do
    make_input "$rows"
    echo "old report" >"$dir/$name"
    local args=("${@/#INPUT/$TMP/big-$rows.csv}")
    # Background jobs of a script start with SIGINT ignored; a user's Ctrl-C finds it not.
    env --default-signal=INT,TERM,HUP "$EDUQB" "${args[@]}" -o "$dir/$name" 2>"$TMP/err" &
    local pid=$! start=$SECONDS
    until writing "$pid" "$dir"; do
      kill -0 "$pid" 2>/dev/null && [ $((SECONDS - start)) -lt "$SECONDS_LIMIT" ] || break
    done
    kill -s "$signal" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    code=$?
    [ "$code" = 0 ] || break  # else the run ended first
  done
  local left
  left=$(ls -A "$dir" | grep -vxF "$name")
  if [ "$code" != "$want" ]; then
    echo "FAIL $signal during $name: exit $code, expected $want (stderr: $(head -c 300 "$TMP/err"))"
  elif [ "$(cat "$dir/$name")" != "old report" ]; then
    echo "FAIL $signal during $name: the old report changed"
  elif [ -n "$left" ]; then
    echo "FAIL $signal during $name: left behind: $left"
  else
    echo "ok   $signal while writing $name ($rows rows): old report intact, nothing left"
    return 0
  fi
  return 1
}

# Each in a subshell with its standard error dropped: bash reports a job a signal ended.
run() { (interrupt "$@") 2>/dev/null || failures=$((failures + 1)); }
run INT report.csv compute -q INPUT -l school -f csv
run TERM report.md compute -q INPUT -l school
run HUP report.json compute -q INPUT -l school -f json
# libxlsxwriter writes by name: the temporary file has a name from the start.
run INT report.xlsx compute -q INPUT
run HUP gaps.csv gaps -q INPUT -f csv

# While the input is read, no file exists beside the target, named or not, whichever way the
# report is written (whole, streamed as the groups are finished, spooled, by name).
for args in "-l school" "-f csv" "-l school -f csv" "-f xlsx"; do
  dir=$TMP/slow-${args// /}
  mkdir -p "$dir"
  { head -1 "$TMP/big-100000.csv"; sleep 1; sed -n 2,1000p "$TMP/big-100000.csv"; } |
    "$EDUQB" compute -q - $args -o "$dir/report" &
  pid=$!  # eduqb, the pipeline's last command
  sleep 0.5
  if writing "$pid" "$dir" || [ -n "$(ls -A "$dir")" ]; then
    fail "$args: a file exists beside the target before the input has been read"
  elif ! wait "$pid" || [ ! -s "$dir/report" ]; then
    fail "$args: the slow run failed"
  else
    echo "ok   $args: no temporary file while the input is read"
  fi
done
finish
