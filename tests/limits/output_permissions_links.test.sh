#!/usr/bin/env bash
# A replaced report keeps its permissions (and, for root, its owner); a new one gets
# 0666 & ~umask. -o through a symlink, dangling or not, writes the link's file and keeps
# the link. Every format, as XLSX is written by name and the others through a descriptor.
source "$(dirname "$0")/lib.sh" "$@"
INPUT=tests/fixtures/cv_boundary.csv

fail() { echo "FAIL $1"; failures=$((failures + 1)); }
mode() { stat -c %a "$1"; }
# only_files DIR NAME...: DIR holds exactly these names (no temporary file left behind).
only_files() {
  local dir=$1; shift
  [ "$(ls -A "$dir" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}
# written FILE EXTENSION: FILE holds a report of that format.
written() {
  case $2 in
    md) grep -q "^# Compulsory-education balance evaluation report" "$1" ;;
    csv) grep -q "profile,district" "$1" ;;  # after the byte order mark
    json) grep -q '"profile": "national-2017"' "$1" ;;
    xlsx) [ "$(head -c 2 "$1")" = PK ] ;;
  esac
}

for ext in md csv json xlsx; do
  before=$failures
  dir=$TMP/modes-$ext
  mkdir -p "$dir"
  # Replacing keeps the old permissions, narrower or wider than the umask's.
  for old in 600 640 444 664; do
    echo "old report" >"$dir/r$old.$ext"
    chmod "$old" "$dir/r$old.$ext"
    (umask 022 && "$EDUQB" compute -q "$INPUT" -o "$dir/r$old.$ext") || fail "$ext $old: exit $?"
    written "$dir/r$old.$ext" "$ext" || fail "$ext $old: not replaced"
    [ "$(mode "$dir/r$old.$ext")" = "$old" ] ||
      fail "$ext: a $old report became $(mode "$dir/r$old.$ext")"
  done
  # A new report: 0666 & ~umask.
  for mask in 022 077 002; do
    (umask "$mask" && "$EDUQB" compute -q "$INPUT" -o "$dir/new$mask.$ext") || fail "$ext new: exit $?"
    want=$(printf '%o' $((0666 & ~0$mask)))
    [ "$(mode "$dir/new$mask.$ext")" = "$want" ] ||
      fail "$ext: a new report under umask $mask is $(mode "$dir/new$mask.$ext"), not $want"
  done
  only_files "$dir" r600.$ext r640.$ext r444.$ext r664.$ext new022.$ext new077.$ext new002.$ext ||
    fail "$ext: files left: $(ls -A "$dir")"
  [ "$failures" = "$before" ] && echo "ok   $ext: old permissions kept, new ones from the umask"
  before=$failures

  # Through symlinks: to a file (its permissions kept), dangling, relative into another
  # directory, and a chain of two.
  dir=$TMP/links-$ext
  mkdir -p "$dir/a" "$dir/b"
  echo "old report" >"$dir/a/real.$ext" && chmod 600 "$dir/a/real.$ext"
  ln -s real.$ext "$dir/a/link.$ext"
  ln -s ../b/new.$ext "$dir/a/dangling.$ext"
  ln -s link.$ext "$dir/a/chain.$ext"
  for link in link dangling chain; do
    "$EDUQB" compute -q "$INPUT" -o "$dir/a/$link.$ext" || fail "$ext -o $link: exit $?"
    [ -L "$dir/a/$link.$ext" ] || fail "$ext -o $link: the link was replaced"
  done
  written "$dir/a/real.$ext" "$ext" || fail "$ext: the link's file was not written"
  written "$dir/b/new.$ext" "$ext" || fail "$ext: the dangling link's file was not created"
  [ "$(mode "$dir/a/real.$ext")" = 600 ] || fail "$ext: the link's file lost its permissions"
  only_files "$dir/a" real.$ext link.$ext dangling.$ext chain.$ext || fail "$ext: left: $(ls -A "$dir/a")"
  only_files "$dir/b" new.$ext || fail "$ext: left: $(ls -A "$dir/b")"
  [ "$failures" = "$before" ] && echo "ok   $ext: -o through a symlink, a dangling one and a chain writes the file, keeps the link"
done

# gaps writes its reports the same way.
before=$failures
echo "old report" >"$TMP/gaps-real.md" && chmod 640 "$TMP/gaps-real.md"
ln -s gaps-real.md "$TMP/gaps-link.md"
ln -s gaps-new.md "$TMP/gaps-dangling.md"
"$EDUQB" gaps -q "$INPUT" -o "$TMP/gaps-link.md" || fail "gaps through a link: exit $?"
"$EDUQB" gaps -q "$INPUT" -o "$TMP/gaps-dangling.md" || fail "gaps through a dangling link: exit $?"
[ -L "$TMP/gaps-link.md" ] && [ -L "$TMP/gaps-dangling.md" ] || fail "gaps: a link was replaced"
[ "$(mode "$TMP/gaps-real.md")" = 640 ] || fail "gaps: the report lost its permissions"
grep -q . "$TMP/gaps-new.md" || fail "gaps: the dangling link's file was not created"
[ "$failures" = "$before" ] && echo "ok   gaps: permissions and links"

# Links that lead nowhere writable: exit 4 naming the path as given; the link stays.
ln -s missing-dir/report.md "$TMP/nowhere.md"
expect "-o a dangling link into a missing directory" 4 \
  "eduqb: error: cannot write $TMP/nowhere.md: No such file or directory" 50 \
  "" compute -q "$INPUT" -o "$TMP/nowhere.md"
[ -L "$TMP/nowhere.md" ] || fail "dangling link into a missing directory: the link was replaced"
ln -s loop-b.md "$TMP/loop-a.md" && ln -s loop-a.md "$TMP/loop-b.md"
expect "-o a symlink loop" 4 "eduqb: error: cannot write $TMP/loop-a.md: Too many levels of symbolic links" \
  50 "" compute -q "$INPUT" -o "$TMP/loop-a.md"

# Root replacing someone else's report gives it back to them.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  echo "old report" >"$TMP/theirs.md" && chmod 640 "$TMP/theirs.md"
  chown nobody "$TMP/theirs.md"
  "$EDUQB" compute -q "$INPUT" -o "$TMP/theirs.md" || fail "root replacing: exit $?"
  [ "$(stat -c '%U %a' "$TMP/theirs.md")" = "nobody 640" ] ||
    fail "root replacing another user's report: now $(stat -c '%U %a' "$TMP/theirs.md")"
  [ "$(stat -c '%U %a' "$TMP/theirs.md")" = "nobody 640" ] &&
    echo "ok   root replacing another user's report keeps its owner"
else
  echo "skip owner kept (needs root and a user nobody)"
fi
finish
