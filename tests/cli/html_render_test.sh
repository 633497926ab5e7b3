#!/usr/bin/env bash
# Renders an HTML report in headless Chromium, offline, to an A4-sized PNG; fails when
# Chromium is missing, fails to render, or produces a blank or mis-sized image.
#   bash tests/cli/html_render_test.sh EDUQB_BINARY SOURCE_DIR
set -euo pipefail
eduqb=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium is not installed (Debian package chromium; see .ci/install-deps)" >&2
  exit 1
fi

SOURCE_DATE_EPOCH=1717113600 "$eduqb" compute --lang zh -o "$work/report.html" \
  "$root/data-samples/district-2023.csv" "$root/data-samples/district.csv"

# --disable-background-networking and friends keep Chromium from calling out; the report has
# nothing to fetch.
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --screenshot="$work/report.png" --window-size=1240,1754 \
  "file://$work/report.html" >"$work/chromium.log" 2>&1 || {
  cat "$work/chromium.log" >&2
  echo "chromium failed to render the report" >&2
  exit 1
}

python3 - "$work/report.png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1240, 1754), (width, height)
# A blank white page compresses to a few kilobytes; text, tables and charts do not.
assert len(data) > 100_000, f"the screenshot looks blank ({len(data)} bytes)"
print(f"rendered {width}x{height}, {len(data)} bytes")
print("1 passed, 0 failed")
PY
