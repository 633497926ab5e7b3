#!/usr/bin/env bash
# Regenerates the HTML report screenshots in docs/images/ from the data samples.
#   bash docs/images/make-screenshots.sh [EDUQB_BINARY]     (default: build/eduqb)
# Needs chromium and fonts-noto-cjk (.ci/install-deps). Each shot hides the sections it does
# not show, so that the part of interest starts at the top of an A4-sized window.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
eduqb=${1:-$root/build/eduqb}
out=$root/docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1717113600

shot() {  # shot NAME HTML CSS HEIGHT
  sed "s|</style>|$3</style>|" "$2" >"$work/$1.html"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$work/profile" --screenshot="$out/$1.png" \
    --window-size="1240,$4" "file://$work/$1.html" >/dev/null 2>&1
  echo "docs/images/$1.png"
}

eduqb=$(cd "$(dirname "$eduqb")" && pwd)/$(basename "$eduqb")
cd "$root"  # the reports name their inputs as given: data-samples/...
"$eduqb" compute --lang zh -o "$work/district.html" \
  data-samples/district-2023.csv data-samples/district.csv
"$eduqb" compute --lang en -o "$work/city.html" data-samples/city.csv
"$eduqb" compute --lang zh --measures -o "$work/measures.html" data-samples/city.csv

# The head of the report and the trends of a two-year input.
shot report-trends-zh "$work/district.html" "section.group, #exclusions { display: none; }" 1754
# One group: summary table, CV chart and the first school charts (2024 primary).
shot report-group-zh "$work/district.html" \
  "header, #trends, #group-1, #group-2, #group-4, #exclusions { display: none; }" 1754
# A failing district in English: 白水县 primary (sports ground CV above its limit).
shot report-group-en "$work/city.html" \
  "header, #group-1, #group-2, #group-3, #group-4, #group-6, #group-7, #group-8 { display: none; }" 1754
# The measures beside the CV (--measures): the Theil index across the city's districts (primary), then
# 白水县 primary's table and chart of the split by area type, the rest of its section hidden.
shot report-measures-zh "$work/measures.html" \
  "header, .summary, section.group:not(#group-5), #exclusions, #group-5 > *, #across-districts > h3:nth-of-type(2), #across-districts > table:nth-of-type(2), #across-districts > figure:nth-of-type(2) { display: none; } #group-5 > h2, #group-5 > h3:nth-of-type(3), #group-5 > table.measures + p, #group-5 > figure:nth-of-type(2) { display: block; } #group-5 > table.measures { display: table; }" 1754
# The Theil split over the years (--measures): 城关区 primary, 2023 and 2024.
"$eduqb" compute --lang zh --measures -o "$work/measures-trends.html" \
  data-samples/district-2023.csv data-samples/district.csv
shot report-measures-trends-zh "$work/measures-trends.html" \
  "header, .summary, section.group, #exclusions, #trends > * { display: none; } #trends > h2, #trends > h3:first-of-type, #trends > h4:first-of-type, #trends > h4:first-of-type + table + p { display: block; } #trends > h4:first-of-type + table { display: table; } #trends > h4:first-of-type + table + p + div { display: grid; }" 1754
