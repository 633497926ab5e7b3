#!/usr/bin/env bash
# No lost input: -o naming a file the run reads is refused (exit 4) however either is spelt:
# standard input redirected from it, a relative or absolute path, a symlink, a hard link,
# /dev/stdin. The input stays byte for byte as it was. compute and gaps alike.
source "$(dirname "$0")/lib.sh" "$@"

fail() { echo "FAIL $1"; failures=$((failures + 1)); }

mkdir -p "$TMP/data"
cp tests/fixtures/cv_boundary.csv "$TMP/data/x.csv"
cp "$TMP/data/x.csv" "$TMP/original.csv"
ln -s x.csv "$TMP/data/link.csv"
ln "$TMP/data/x.csv" "$TMP/data/hard.csv"

# refused NAME OUTPUT_AS_GIVEN COMMAND...: the command (run in $TMP/data) must exit 4 with
# the refusal, and x.csv must be unchanged.
refused() {
  local name=$1 shown=$2
  shift 2
  (cd "$TMP/data" && "$@") >/dev/null 2>"$TMP/err"
  local code=$?
  if [ "$code" != 4 ]; then
    fail "$name: exit $code, expected 4 ($(head -c 300 "$TMP/err"))"
  elif ! grep -qF "eduqb: error: refusing to write the report onto the input file $shown" "$TMP/err"; then
    fail "$name: message: $(cat "$TMP/err")"
  elif ! cmp -s "$TMP/original.csv" "$TMP/data/x.csv"; then
    fail "$name: the input file changed"
  elif [ "$(ls -A "$TMP/data" | sort | tr '\n' ' ')" != "hard.csv link.csv x.csv " ]; then
    fail "$name: files left: $(ls -A "$TMP/data")"
  else
    echo "ok   $name"
  fi
}

for command in compute gaps; do
  refused "$command - -o x.csv < x.csv" "x.csv (it is standard input)" \
    sh -c "exec \"\$0\" $command -q - -o x.csv < x.csv" "$EDUQB"
  refused "$command - -o ./x.csv < link.csv" "./x.csv (it is standard input)" \
    sh -c "exec \"\$0\" $command -q - -o ./x.csv < link.csv" "$EDUQB"
  refused "$command - -o hard.csv < x.csv" "hard.csv (it is standard input)" \
    sh -c "exec \"\$0\" $command -q - -o hard.csv < x.csv" "$EDUQB"
  refused "$command x.csv -o ABSOLUTE/x.csv" "$TMP/data/x.csv" \
    "$EDUQB" "$command" -q x.csv -o "$TMP/data/x.csv"
  refused "$command x.csv -o link.csv" "link.csv" "$EDUQB" "$command" -q x.csv -o link.csv
  refused "$command link.csv -o hard.csv" "hard.csv" "$EDUQB" "$command" -q link.csv -o hard.csv
  refused "$command /dev/stdin -o x.csv < x.csv" "x.csv" \
    sh -c "exec \"\$0\" $command -q /dev/stdin -o x.csv < x.csv" "$EDUQB"
  refused "$command other.csv - -o x.csv < x.csv (second input)" "x.csv (it is standard input)" \
    sh -c "exec \"\$0\" $command -q \"\$1\" - -o x.csv < x.csv" "$EDUQB" "$SOURCE_DIR/tests/fixtures/cv_boundary.csv"
done

# Standard input from another file, or from a pipe, is no reason to refuse.
(cd "$TMP/data" && "$EDUQB" compute -q - -o "$TMP/report.md" <x.csv) ||
  fail "compute - -o another file: exit $?"
grep -q "^# " "$TMP/report.md" || fail "compute - -o another file: no report"
(cd "$TMP/data" && cat x.csv | "$EDUQB" compute -q - -o "$TMP/report2.md") ||
  fail "stdin from a pipe: exit $?"
[ -s "$TMP/report2.md" ] && echo "ok   standard input from another file or a pipe is read"
finish
