#!/usr/bin/env bash
# A 1 GB single line, streamed through a pipe (nothing is written to disk): eduqb stops at its
# 16 MiB line limit, in well under a second and without holding the line.
source "$(dirname "$0")/lib.sh" "$@"

expect "1 GB line of 'a' on stdin" 3 \
  "<stdin>:1: line longer than the 16 MiB limit (is this a CSV file?)" 200 \
  "head -c 1G /dev/zero | tr '\\0' a" compute -
expect "1 GB line of 'a', validate" 3 "line longer than the 16 MiB limit" 200 \
  "head -c 1G /dev/zero | tr '\\0' a" validate -
expect "1 GB of zero bytes" 3 "<stdin>:1: byte offset 0: a NUL byte, which is not text" 200 \
  "head -c 1G /dev/zero" compute -
expect "a 1 GB line after the header" 3 "<stdin>:2: line longer than the 16 MiB limit" 200 \
  "echo '$HEADER'; head -c 1G /dev/zero | tr '\\0' 7" compute -
expect "a quoted field holding 1 GB of newlines" 3 \
  "<stdin>:2: a quoted field that starts on this line is still open after 16 MiB" 200 \
  "echo '$HEADER'; echo '1,\"school'; head -c 1G /dev/zero | tr '\\0' '\\n'" compute -
finish
