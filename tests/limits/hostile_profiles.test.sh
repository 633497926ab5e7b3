#!/usr/bin/env bash
# Profile files built to hurt: endless, huge, deeply nested, with 100 000 indicators. Each ends
# at once with exit 3 and a message naming the file.
# Usage: hostile_profiles.test.sh EDUQB_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh" "$1" "$2"

INPUT=data-samples/district.csv
HEAD='id = "x"
title = "t"
source = "s"'

expect "/dev/zero" 3 "eduqb: error: /dev/zero: is not a regular file (a profile is a .toml file)" \
  50 "" compute "$INPUT" --profile /dev/zero
ln -s /dev/zero "$TMP/zero.toml"
expect "a symlink to /dev/zero" 3 "zero.toml: is not a regular file" 50 "" \
  compute "$INPUT" --profile "$TMP/zero.toml"
mkdir "$TMP/dir.toml"
expect "a directory" 3 "dir.toml: is a directory, not a profile file" 50 "" \
  compute "$INPUT" --profile "$TMP/dir.toml"

{ echo "$HEAD"; head -c 2000000 /dev/zero | tr '\0' '#'; } >"$TMP/big.toml"
expect "2 MB of comments" 3 "big.toml: the profile file is larger than 1 MiB" 50 "" \
  compute "$INPUT" --profile "$TMP/big.toml"

{ echo "$HEAD"; for _ in $(seq 1 300000); do printf 'a.'; done; echo 'a = 1'; } >"$TMP/dotted.toml"
expect "300 000 dotted key levels" 3 "dotted.toml:4: a key nested more than 32 levels deep" 50 "" \
  compute "$INPUT" --profile "$TMP/dotted.toml"
{ echo "$HEAD"; printf '['; for _ in $(seq 1 300000); do printf 'a.'; done; echo 'a]'; } >"$TMP/header.toml"
expect "a table header 300 000 levels deep" 3 "header.toml:4: a key nested more than 32 levels deep" \
  50 "" compute "$INPUT" --profile "$TMP/header.toml"

{
  echo "$HEAD"
  for i in $(seq 1 20000); do printf '[[indicator]]\nid = "i%d"\ncolumn = "books"\n' "$i"; done
} >"$TMP/many.toml"
expect "20 000 indicators" 3 "indicators: a profile has at most 64" 200 "" \
  compute "$INPUT" --profile "$TMP/many.toml"
finish
